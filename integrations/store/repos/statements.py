"""The statements the GE manager billed, in and out of the session (`repo.statements`).

A month's statements are replaced whole when the month is billed again (inside the caller's transaction, so
a failure leaves the previous ones). On PostgreSQL a member's login reads only its own (row-level security).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from consortium.errors import InvalidInput, MutualisError
from sharing.billing import CENT, BillLine, Statement

from ..tables.core import MemberRow
from ..tables.statements import STATUSES, StatementLineRow, StatementRow
from .lookups import Lookups

__all__ = ["StoredStatement", "StatementRepository"]


@dataclass(frozen=True)
class StoredStatement:
    """A member's statement as billed: its lines, when, and whether the member had validated the month."""

    statement: Statement
    billed_at: datetime
    status: str  # "provisional" or "validated"

    @property
    def member(self) -> str:
        return self.statement.member

    @property
    def month(self) -> str:
        return self.statement.month


def _exact(value: Decimal) -> Decimal:
    """A stored number without the trailing zeros of its column's scale (1.0800000000 -> 1.08)."""
    return value.quantize(CENT) if value == value.quantize(CENT) else value.normalize()


class StatementRepository(Lookups):
    """Stored statements (`repo.statements`)."""

    def replace_month(self, month: str, statements: Iterable[StoredStatement]) -> None:
        """The month's statements become `statements` (every earlier one of that month deleted, lines too)."""
        old = select(StatementRow.id).where(StatementRow.month == month)
        self._session.execute(delete(StatementLineRow).where(StatementLineRow.statement_id.in_(old)))
        self._session.execute(delete(StatementRow).where(StatementRow.month == month))
        for stored in statements:
            s = stored.statement
            if stored.status not in STATUSES or s.month != month:
                raise InvalidInput(f"statement {s.member} {s.month}: status {stored.status!r} for {month}")
            member = self._find(MemberRow, s.member, "member")
            row = StatementRow(member_id=member.id, month=month, billed_at=stored.billed_at, status=stored.status,
                               minutes=s.minutes, amount=s.total)
            row.lines = [StatementLineRow(
                member_id=member.id, position=i, kind=x.kind, variable=x.variable, employee=x.employee,
                request=x.request, day=x.day, minutes=x.minutes, quantity=x.quantity, hourly_cost=x.hourly_cost,
                coefficient=x.coefficient, coefficient_source=x.coefficient_source, amount=x.amount, note=x.note)
                for i, x in enumerate(s.lines)]
            self._session.add(row)
        self._session.flush()

    def list_statements(self, month: str, member: str | None = None) -> list[StoredStatement]:
        """The month's statements the login may read, by member code; only `member`'s when given."""
        query = (select(StatementRow).join(StatementRow.member).where(StatementRow.month == month)
                 .options(selectinload(StatementRow.lines)).order_by(MemberRow.code))
        if member is not None:
            query = query.where(MemberRow.code == member)
        out = []
        for row in self._session.scalars(query):
            lines = [BillLine(payer=row.member.code, employee=x.employee, kind=x.kind, variable=x.variable,
                              quantity=None if x.quantity is None else _exact(x.quantity), day=x.day,
                              request=x.request, minutes=x.minutes, hourly_cost=_exact(x.hourly_cost),
                              coefficient=_exact(x.coefficient), coefficient_source=x.coefficient_source,
                              amount=Decimal(x.amount).quantize(CENT), note=x.note)
                     for x in row.lines]
            statement = Statement(member=row.member.code, month=row.month, lines=lines)
            if statement.total != Decimal(row.amount).quantize(CENT) or statement.minutes != row.minutes:
                raise MutualisError(f"stored statement {row.member.code} {row.month}: its lines do not add up to "
                                 f"its totals ({statement.total} for {row.amount})")
            out.append(StoredStatement(statement=statement, billed_at=row.billed_at, status=row.status))
        return out

    def billed_months(self) -> list[str]:
        """The months with stored statements the login may read, oldest first."""
        return list(self._session.scalars(select(StatementRow.month).distinct().order_by(StatementRow.month)))
