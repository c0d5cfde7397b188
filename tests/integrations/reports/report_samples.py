"""A small group with a week's plan that has every case the documents show (a module name of its own).

Three members (one with two sites), four employees (one never placed), week 2026-W49 (Monday 30 November):
day shifts, a split day with travel and a pin, a night worker's Sunday night shift ending on Monday, and
an unfilled request with more reasons than the page lists.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from consortium.members import Member, Site
from sharing import Catalogue, Contract, Employee, Group, GroupSettings, Skill
from sharing.allocation.result import Unfilled
from sharing.billing import BillLine, MonthBill, Statement, line_amount
from sharing.plans import Assignment, Plan
from sharing.requests import Request

WEEK = "2026-W49"
MONDAY = date(2026, 11, 30)
SUNDAY = MONDAY + timedelta(days=6)

MEMBERS = [
    Member(code="ACIER", legal_name="Aciéries de la Mayenne SA", siret="73282932000009",
           sites=[Site(code="MAIN", name="Usine principale de Laval", latitude=48.07, longitude=-0.77),
                  Site(code="NORD", name="Atelier nord", latitude=48.1, longitude=-0.76)]),
    Member(code="BOIS", legal_name="Menuiserie du Bocage SARL", siret="73282932000017",
           sites=[Site(code="MAIN", name="Atelier de Craon", latitude=47.85, longitude=-0.95)]),
    Member(code="VOLAILLE", legal_name="Volailles du Haut-Anjou SA", siret="73282932000025",
           sites=[Site(code="ABATTOIR", name="Abattoir de Bazouges", latitude=47.82, longitude=-0.69,
                       night_work_allowed=True, sunday_work_allowed=True)]),
]


def _employee(code: str, first: str, last: str, night: bool = False) -> Employee:
    return Employee(code=code, first_name=first, last_name=last, home_latitude=47.9, home_longitude=-0.8,
                    skills={"TIG": 1}, hourly_cost=Decimal("24.40"), night_worker=night,
                    contract=Contract(start=date(2020, 1, 1), members=["ACIER", "BOIS", "VOLAILLE"]))


EMPLOYEES = [_employee("E001", "Julien", "Morel"), _employee("E002", "Nadia", "Bellanger"),
             _employee("E003", "Jessica", "Bigot", night=True), _employee("E004", "Laurent", "Fournier")]


def _request(code: str, member: str, site: str, day: date, start: int, end: int, headcount: int = 1) -> Request:
    return Request(code=code, member=member, site=site, skill="TIG", day=day, start=time(start), end=time(end),
                   ends_next_day=end < start, headcount=headcount)


def _day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


REQUESTS = (
    [_request(f"R-ACIER-{d}", "ACIER", "MAIN", _day(d), 8, 16) for d in range(2)]
    + [_request("R-BOIS-W", "BOIS", "MAIN", _day(2), 8, 12), _request("R-ACIER-N", "ACIER", "NORD", _day(2), 13, 17)]
    + [_request(f"R-BOIS-{d}", "BOIS", "MAIN", _day(d), 6, 13) for d in range(5)]
    + [_request("R-VOL-SUN", "VOLAILLE", "ABATTOIR", SUNDAY, 21, 5),
       _request("R-VOL-THU", "VOLAILLE", "ABATTOIR", _day(3), 21, 5),
       _request("R-ACIER-FRI", "ACIER", "MAIN", _day(4), 8, 16, headcount=2)]
)


def _assign(employee: str, request: str, travel: int = 0, pinned: bool = False) -> Assignment:
    r = next(x for x in REQUESTS if x.code == request)
    start, end = r.interval()
    return Assignment(employee=employee, request=r.code, member=r.member, site=r.site, start=start, end=end,
                      travel_minutes_before=travel, pinned=pinned)


ASSIGNMENTS = (
    [_assign("E001", "R-ACIER-0"), _assign("E001", "R-ACIER-1"), _assign("E001", "R-BOIS-W", pinned=True),
     _assign("E001", "R-ACIER-N", travel=25), _assign("E001", "R-ACIER-FRI")]
    + [_assign("E002", f"R-BOIS-{d}") for d in range(5)]
    + [_assign("E003", "R-VOL-THU"), _assign("E003", "R-VOL-SUN")]
)

UNFILLED = [Unfilled("R-ACIER-FRI", "ACIER", 8.0,
                     [f"E00{i} Someone: reason {i}" for i in range(2, 7)])]


def group() -> Group:
    """The sample group with the week's requests."""
    return Group(settings=GroupSettings(name="GE Sud-Mayenne"), catalogue=Catalogue(skills=[Skill(code="TIG",
                 name="TIG welding")]), members=MEMBERS, employees=EMPLOYEES, requests=REQUESTS)


def plan(status: str = "published") -> Plan:
    """The week's plan."""
    return Plan(week=WEEK, status=status, assignments=ASSIGNMENTS)


def save(repo) -> None:
    """Store the group and its plan (a tmp database for CLI tests)."""
    from integrations.demo import load_group

    load_group(repo, group())
    repo.plans.save_plan(plan())


def statement() -> Statement:
    """A statement with every kind of line and coefficient source, amounts by the billing formula."""
    def line(kind, minutes, cost, coefficient, source, day=None, note=""):
        return BillLine(payer="ACIER", employee="E001", kind=kind, day=day, request="R-ACIER-0" if day else "",
                        minutes=minutes, hourly_cost=Decimal(cost), coefficient=Decimal(coefficient),
                        coefficient_source=source, amount=line_amount(minutes, Decimal(cost), Decimal(coefficient)),
                        note=note)

    return Statement(member="ACIER", month="2026-11", lines=[
        line("work", 2990 * 60, "21.90", "1.08", "group", MONDAY),
        line("travel", 25, "24.40", "1.085", "member", _day(2)),
        line("adjustment", 30, "24.40", "1.10", "contract", _day(1), note="left late"),
        line("travel-adjustment", 60, "24.40", "1", "at cost", _day(3))])


def month_bill() -> MonthBill:
    """A bill with the sample statement."""
    return MonthBill(month="2026-11", statements=[statement()])

