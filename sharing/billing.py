"""Monthly billing at cost: hours x hourly cost x billing coefficient, one line per shift, to the cent.

Every amount is `Decimal` euros: `minutes x hourly_cost x coefficient / 60`, rounded half up to the
cent *per line*; a statement's total is the sum of its rounded lines, so the statements add up exactly.
Travel between sites is billed by the group's travel policy; contracted hours nobody used (idle) and
travel the GE keeps are the GE's own cost, at cost (coefficient 1), so that

    sum of member statements + GE's own = every hour of the month costed.

The premiums and allowances the GE pays as employer (overtime, night, Sunday, public holidays, meals,
mileage: `sharing.payroll`) are lines of their own, billed at cost to the member whose hours caused them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from pydantic import Field

from consortium.members import Member

from .base import Domain
from .employees import Employee
from consortium.errors import InvalidInput
from .hours import Adjustment, DeclaredException, WorkedLine
from .settings import Billing

__all__ = ["GE", "CENT", "PREMIUM_KINDS", "BillLine", "Statement", "MonthBill", "coefficient_for", "line_amount",
           "travel_lines", "departing_members", "bill_month"]

GE = "GE"
CENT = Decimal("0.01")
ONE = Decimal("1")
PREMIUM_KINDS = ("premium", "allowance")  # lines that are not time: their minutes are not hours billed


def coefficient_for(billing: Billing, member: Member | None, employee: Employee) -> tuple[Decimal, str]:
    """The coefficient a member pays for an employee's hours and where it comes from.

    The most specific wins: the member's own `billing_coefficient`, else the group's coefficient for
    the employee's contract kind (`coefficient_by_contract`, e.g. CDD), else the group default.
    """
    if member is not None and member.billing_coefficient is not None:
        return member.billing_coefficient, "member"
    by_contract = billing.coefficient_by_contract.get(employee.contract.kind)
    if by_contract is not None:
        return Decimal(by_contract), "contract"
    return billing.coefficient, "group"


def line_amount(minutes: int, hourly_cost: Decimal, coefficient: Decimal) -> Decimal:
    """minutes x hourly cost x coefficient / 60, rounded half up to the cent."""
    return (Decimal(minutes) * hourly_cost * coefficient / 60).quantize(CENT, rounding=ROUND_HALF_UP)


class BillLine(Domain):
    """One billed (or GE-borne) piece: work on a shift, travel before it, idle time, an adjustment, or a
    premium or allowance the GE paid.

    A `premium` line (its `variable`, e.g. overtime_tier1) is `minutes` at the premium's hourly rate in
    `hourly_cost`; an `allowance` line (meal, mileage) is `quantity` units at the rate in `hourly_cost`;
    both at cost (coefficient 1).
    """

    payer: str
    employee: str
    kind: str = Field(pattern="^(work|travel|idle|adjustment|travel-adjustment|premium|allowance)$")
    variable: str = ""
    quantity: Decimal | None = None
    day: date | None = None
    request: str = ""
    minutes: int
    hourly_cost: Decimal
    coefficient: Decimal
    coefficient_source: str = ""
    amount: Decimal
    note: str = ""

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def is_time(self) -> bool:
        """Whether the line bills hours (work, travel, idle, adjustments), not a premium or allowance."""
        return self.kind not in PREMIUM_KINDS

    @property
    def cost(self) -> Decimal:
        """What the line costs the GE: its hours at cost (coefficient 1), or the premium paid."""
        return line_amount(self.minutes, self.hourly_cost, ONE) if self.is_time else self.amount

    def expected_amount(self) -> Decimal:
        """The amount its parts give: minutes x rate x coefficient / 60, or quantity x rate for an allowance."""
        if self.kind == "allowance":  # with no quantity it gives 0, so `problems()` reports the line
            return ((self.quantity or 0) * self.hourly_cost).quantize(CENT, rounding=ROUND_HALF_UP)
        return line_amount(self.minutes, self.hourly_cost, self.coefficient)


class Statement(Domain):
    """What one member owes for a month: its lines and their sum.

    `exceptions` are the labour rules the GE knowingly let this member's hours break that month (declared
    exceptions, with their reasons); the work line they concern says so in its note.
    """

    member: str
    month: str
    lines: list[BillLine] = Field(default_factory=list)
    exceptions: list[DeclaredException] = Field(default_factory=list)

    @property
    def minutes(self) -> int:
        """Minutes billed as time (premium lines left out: their hours are already billed)."""
        return sum(x.minutes for x in self.lines if x.is_time)

    @property
    def total(self) -> Decimal:
        return sum((x.amount for x in self.lines), Decimal("0.00"))

    def by_employee(self) -> dict[str, tuple[int, Decimal]]:
        """Employee -> (minutes, amount), ordered by code."""
        out: dict[str, list] = defaultdict(lambda: [0, Decimal("0.00")])
        for x in self.lines:
            out[x.employee][0] += x.minutes if x.is_time else 0
            out[x.employee][1] += x.amount
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}


class MonthBill(Domain):
    """A month's statements, the GE's own lines, and the totals that must reconcile."""

    month: str
    statements: list[Statement] = Field(default_factory=list)
    ge_lines: list[BillLine] = Field(default_factory=list)
    minutes_in: int = Field(0, description="minutes the bill was made from: worked, travel, adjusted, idle")

    @property
    def members_total(self) -> Decimal:
        return sum((s.total for s in self.statements), Decimal("0.00"))

    @property
    def ge_total(self) -> Decimal:
        return sum((x.amount for x in self.ge_lines), Decimal("0.00"))

    @property
    def costed_total(self) -> Decimal:
        """Every line of the month costed: member lines plus the GE's own."""
        return sum((x.amount for s in self.statements for x in s.lines), Decimal("0.00")) + self.ge_total

    @property
    def cost_total(self) -> Decimal:
        """What the month cost the GE: every line at cost (members' and its own), premiums included."""
        return sum((x.cost for s in self.statements for x in s.lines), Decimal("0.00")) + sum(
            (x.cost for x in self.ge_lines), Decimal("0.00"))

    def statement(self, member: str) -> Statement:
        for s in self.statements:
            if s.member == member:
                return s
        return Statement(member=member, month=self.month)

    def problems(self) -> list[str]:
        """Why the totals would not reconcile (empty when they do, to the cent)."""
        problems = []
        for s in self.statements:
            for x in s.lines:
                if x.amount != x.expected_amount():
                    problems.append(f"statement {s.member}: line {x.employee} {x.day} {x.kind}: amount {x.amount}")
        if self.members_total + self.ge_total != self.costed_total:
            problems.append(f"bill {self.month}: members {self.members_total} + GE {self.ge_total} "
                            f"!= costed {self.costed_total}")
        out = sum(s.minutes for s in self.statements) + sum(x.minutes for x in self.ge_lines if x.is_time)
        if out != self.minutes_in:
            problems.append(f"bill {self.month}: {out} minutes billed or borne for {self.minutes_in} worked")
        return problems


def travel_lines(line: WorkedLine, departing: str | None, policy: str) -> list[tuple[str, int]]:
    """(payer, minutes) of the travel before a shift under the policy; payer GE when the GE keeps it.

    `departing` is the member of the employee's shift before that day (None when unknown: the
    arriving member then pays). `split` gives the odd minute to the arriving member.
    """
    minutes, arriving = line.travel_minutes, line.member
    if not minutes:
        return []
    if policy == "ge":
        return [(GE, minutes)]
    if policy == "departing" and departing:
        return [(departing, minutes)]
    if policy == "split" and departing and departing != arriving:
        half = minutes // 2
        return [(p, m) for p, m in ((departing, half), (arriving, minutes - half)) if m]
    return [(arriving, minutes)]


def departing_members(lines: list[WorkedLine]) -> dict[tuple[str, str, date], str]:
    """For each worked line, the member of the same employee's shift just before it that day."""
    previous: dict[tuple[str, str, date], str] = {}
    by_day: dict[tuple[str, date], list[WorkedLine]] = defaultdict(list)
    for x in lines:
        if x.minutes:
            by_day[(x.employee, x.day)].append(x)
    for shifts in by_day.values():
        shifts.sort(key=lambda x: x.start or datetime.min)  # lines with minutes have a start
        for before, after in zip(shifts, shifts[1:], strict=False):
            previous[after.key()] = before.member
    return previous


def bill_month(month: str, lines: Iterable[WorkedLine], employees: Mapping[str, Employee],
               members: Mapping[str, Member], billing: Billing, *, adjustments: Iterable[Adjustment] = (),
               idle: Mapping[str, int] | None = None, exceptions: Iterable[DeclaredException] = (),
               premiums: Iterable = ()) -> MonthBill:
    """The month's bill from its worked lines (validated values), the adjustments billed this month,
    idle contracted minutes per employee (the GE's own), the declared exceptions shown beside them, and
    the month's premiums and allowances (`sharing.payroll.PayItem`), each billed at cost to its payer.
    """
    lines = [x for x in lines if x.month == month]
    billed: dict[str, list[BillLine]] = defaultdict(list)
    ge_lines: list[BillLine] = []

    def add(payer: str, employee: Employee, kind: str, minutes: int, day=None, request="", note="") -> None:
        if payer == GE:
            coefficient, source = ONE, "at cost"
        else:
            coefficient, source = coefficient_for(billing, members.get(payer), employee)
        item = BillLine(payer=payer, employee=employee.code, kind=kind, day=day, request=request, minutes=minutes,
                        hourly_cost=employee.hourly_cost, coefficient=coefficient, coefficient_source=source,
                        amount=line_amount(minutes, employee.hourly_cost, coefficient), note=note)
        (ge_lines if payer == GE else billed[payer]).append(item)

    departing = departing_members(lines)
    declared: dict[str, list[DeclaredException]] = defaultdict(list)
    worked = {(x.employee, x.request) for x in lines}
    for e in exceptions:
        if (e.employee, e.request) in worked:  # shown with the hours it excuses, in their month
            declared[e.member].append(e)
    for x in lines:
        employee = _employee(employees, x.employee)
        if x.minutes:
            add(x.member, employee, "work", x.minutes, x.day, x.request, _with_exceptions(x, declared[x.member]))
        for payer, minutes in travel_lines(x, departing.get(x.key()), billing.travel_policy):
            add(payer, employee, "travel", minutes, x.day, x.request)
    adjustments = list(adjustments)
    for a in adjustments:
        if a.billed_month != month:
            continue
        employee = _employee(employees, a.employee)
        note = f"adjustment of {a.day} recorded {a.recorded_at:%Y-%m-%d}" + (f": {a.note}" if a.note else "")
        if a.delta_minutes:
            add(a.member, employee, "adjustment", a.delta_minutes, a.day, a.request, note)
        if a.delta_travel_minutes:
            payer = GE if billing.travel_policy == "ge" else a.member
            add(payer, employee, "travel-adjustment", a.delta_travel_minutes, a.day, a.request, note)
    for p in premiums:
        if not p.payer:
            continue
        item = BillLine(payer=p.payer, employee=p.employee, kind="premium" if p.unit == "h" else "allowance",
                        variable=p.variable, quantity=p.quantity, day=p.day, request=p.request, minutes=p.minutes,
                        hourly_cost=p.rate, coefficient=ONE, coefficient_source="at cost", amount=p.amount,
                        note=p.note)
        (ge_lines if p.payer == GE else billed[p.payer]).append(item)
    for code, minutes in sorted((idle or {}).items()):
        if minutes:
            add(GE, _employee(employees, code), "idle", minutes, note="contracted hours not placed")
    statements = [Statement(member=m, month=month, lines=billed[m], exceptions=declared.get(m, []))
                  for m in sorted(billed)]
    minutes_in = (sum(x.minutes + x.travel_minutes for x in lines)
                  + sum(a.delta_minutes + a.delta_travel_minutes for a in adjustments if a.billed_month == month)
                  + sum((idle or {}).values()))
    return MonthBill(month=month, statements=statements, ge_lines=ge_lines, minutes_in=minutes_in)


def _with_exceptions(line: WorkedLine, declared: list[DeclaredException]) -> str:
    """The line's note followed by each exception declared on its hours: `declared exception [rule] what: why`."""
    notes = [line.note] if line.note else []
    notes += [f"declared exception [{e.rule}] {e.message}: {e.reason}" for e in declared
              if (e.employee, e.request) == (line.employee, line.request)]
    return "; ".join(notes)


def _employee(employees: Mapping[str, Employee], code: str) -> Employee:
    try:
        return employees[code]
    except KeyError:
        raise InvalidInput(f"hours of unknown employee {code!r}: cannot cost them") from None
