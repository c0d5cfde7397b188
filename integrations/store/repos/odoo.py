"""The Odoo edge's tables in and out of the session: named connections (never the secret, only its reference)
and the links between mutualis codes and the Odoo ids they were pulled from or pushed to.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from consortium.errors import InvalidInput, NotFound

from ..tables.odoo import OdooConnectionRow, OdooLinkRow

__all__ = ["StoredConnection", "OdooRepository", "ROLES"]

ROLES = ("ge", "member")


@dataclass(frozen=True)
class StoredConnection:
    """A connection as stored: everything but the secret."""

    name: str
    url: str
    database: str
    login: str
    protocol: str
    secret_ref: str
    role: str = "ge"
    member: str | None = None


class OdooRepository:
    """Connections and links (`repo.odoo`)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- connections ----------------------------------------------------------------------------
    def save_connection(self, c: StoredConnection) -> None:
        """Insert or replace the connection named `c.name`."""
        if c.role not in ROLES:
            raise InvalidInput(f"Odoo connection {c.name}: role must be one of {', '.join(ROLES)}, not {c.role!r}")
        row = self._session.scalars(select(OdooConnectionRow).where(OdooConnectionRow.name == c.name)).first()
        row = row or OdooConnectionRow(name=c.name)
        row.url, row.database, row.login, row.protocol = c.url, c.database, c.login, c.protocol
        row.secret_ref, row.role, row.member = c.secret_ref, c.role, c.member
        self._session.add(row)
        self._session.flush()

    def get_connection(self, name: str | None = None) -> StoredConnection:
        """The named connection, or the only / the `ge` one when `name` is None."""
        rows = list(self._session.scalars(select(OdooConnectionRow).order_by(OdooConnectionRow.name)))
        if name is not None:
            rows = [r for r in rows if r.name == name]
            if not rows:
                raise NotFound(f"no Odoo connection {name!r} (add it with: mutualis odoo connect {name} ...)")
        elif not rows:
            raise NotFound("no Odoo connection (add one with: mutualis odoo connect NAME --url ...)")
        elif len(rows) > 1:
            ge = [r for r in rows if r.role == "ge"]
            if len(ge) != 1:
                raise InvalidInput(f"{len(rows)} Odoo connections: name one with --from/--to")
            rows = ge
        return _connection(rows[0])

    def list_connections(self) -> list[StoredConnection]:
        rows = self._session.scalars(select(OdooConnectionRow).order_by(OdooConnectionRow.name))
        return [_connection(r) for r in rows]

    # -- links ---------------------------------------------------------------------------------------
    def links(self, connection: str, model: str) -> dict[str, tuple[int, int | None]]:
        """`{code: (odoo_id, partner_id)}` of one model on one connection."""
        rows = self._session.execute(select(OdooLinkRow.code, OdooLinkRow.odoo_id, OdooLinkRow.partner_id).where(
            OdooLinkRow.connection == connection, OdooLinkRow.model == model)).all()
        return {code: (odoo_id, partner) for code, odoo_id, partner in rows}

    def link(self, connection: str, model: str, code: str, odoo_id: int, partner_id: int | None = None) -> None:
        """Remember that `code` is record `odoo_id` of `model` there (replacing what was known)."""
        row = self._session.scalars(select(OdooLinkRow).where(
            OdooLinkRow.connection == connection, OdooLinkRow.model == model, OdooLinkRow.code == code)).first()
        row = row or OdooLinkRow(connection=connection, model=model, code=code)
        row.odoo_id, row.partner_id = odoo_id, partner_id
        self._session.add(row)
        self._session.flush()

    def link_counts(self) -> dict[tuple[str, str], int]:
        """`{(connection, model): links}`."""
        rows = self._session.execute(select(OdooLinkRow.connection, OdooLinkRow.model, func.count())
                                     .group_by(OdooLinkRow.connection, OdooLinkRow.model)).all()
        return {(c, m): n for c, m, n in rows}


def _connection(row: OdooConnectionRow) -> StoredConnection:
    return StoredConnection(row.name, row.url, row.database, row.login, row.protocol, row.secret_ref, row.role,
                            row.member)

