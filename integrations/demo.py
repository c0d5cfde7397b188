"""Filling a database: the standard catalogue on `init`, the whole demo group on `demo`.

The demo's own steps (a few hours recorded, the month billed, the demo tenders and their bid) live here,
apart from the services they call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TypedDict

from consortium.demo import DEMO_AS_OF, demo_capabilities, demo_tender, demo_tender_infeasible
from consortium.errors import InvalidInput
from consortium.tender_file import tender_to_yaml
from consortium.weeks import IsoWeek, parse_week
from integrations.demo_history import seed_history
from integrations.files import write_text
from integrations.reports import plan_html
from integrations.services.billing import bill
from integrations.services.hours_compliance import new_violations
from integrations.demo_lending import load_demo_offers, write_demo_loans
from integrations.services.tenders import plan_tender_code, write_bid
from integrations.services.weekly import ProgressCallback, check_week, publish_week, run_allocation, week_view
from integrations.store import Repository, Store
from sharing.allocation import AllocationParams
from sharing.catalogue import standard_catalogue
from sharing.demo import DEMO_TODAY, DEMO_WEEK, demo_group, demo_members
from sharing.group import Group
from sharing.hours import Correction, month_of
from solver.tender import PlanParams

__all__ = ["DemoBill", "DemoReport", "init_database", "load_group", "run_demo", "record_demo_hours", "bill_demo",
           "load_demo", "write_demo_bid", "write_demo_tender_file"]


def init_database(repo: Repository) -> dict[str, int]:
    """Store default settings (when none) and the standard skills and certifications; safe to repeat."""
    people = repo.people
    people.save_settings(people.get_settings())
    catalogue = standard_catalogue()
    for skill in catalogue.skills:
        people.save_skill(skill)
    for cert_type in catalogue.certification_types:
        people.save_certification_type(cert_type)
    return {"skills": len(catalogue.skills), "certification_types": len(catalogue.certification_types)}


def load_group(repo: Repository, group: Group) -> dict[str, int]:
    """Upsert a whole group (settings, catalogue, members, employees, absences, requests); repeatable."""
    people = repo.people
    people.save_settings(group.settings)
    for skill in group.catalogue.skills:
        people.save_skill(skill)
    for cert_type in group.catalogue.certification_types:
        people.save_certification_type(cert_type)
    for member in group.members:
        people.save_member(member)
    for employee in group.employees:
        people.save_employee(employee)
    for absence in group.absences:
        people.add_absence(absence)
    for request in group.requests:
        repo.plans.save_request(request)
    return repo.counts()


class DemoBill(TypedDict):
    """What the demo billed for one month."""

    month: str
    members: int
    members_total: Decimal
    ge_own: Decimal
    costed_total: Decimal
    files: list[str]


@dataclass(frozen=True)
class DemoReport:
    """What `mutualis demo` made: stored counts, the week's allocation and the files written."""

    group_name: str
    week: str
    counts: dict[str, int]
    allocation_summary: str
    violations: int
    files: tuple[Path, ...]
    bills: tuple[DemoBill, ...] = ()
    infeasible_tender: str = ""


def run_demo(store: Store, out_dir: Path, on_progress: ProgressCallback | None = None,
             lang: str | None = None) -> DemoReport:
    """Build the demo group, allocate its week (once: a stored plan is kept) and write the week's page
    and the statements in ``lang`` (French by default).

    Each step is its own transaction, so an interrupted demo leaves what it finished.
    """
    group, week = demo_group(), parse_week(DEMO_WEEK)
    with store.session() as repo:
        init_database(repo)
        counts = load_group(repo, group)
        load_demo_offers(repo)  # two line operators the dairy lends in December (sharing/lending/demo.py)
    seed_history(store)  # twelve past weeks of requests and published plans (integrations/demo_history.py)
    with store.session() as repo:
        if repo.plans.get_plan(week) is None:
            allocation = run_allocation(repo, week, AllocationParams(time_limit=30, seed=0, deterministic=True),
                                        on_progress=on_progress, allow_past=True)  # whatever MUTUALIS_TODAY says
            summary = allocation.summary().splitlines()[0] + "; published, hours recorded"
            publish_week(repo, week)
            record_demo_hours(repo, week)
        else:
            summary = f"week {week}: plan already stored, kept as it is"
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with store.session() as repo:
        view = week_view(repo, week)
        violations = len(check_week(repo, week))
        counts = repo.counts()
    page = out_dir / f"plan-{week}.html"
    write_text(page, plan_html(view.plan, view.group, view.requests, view.unfilled, lang=lang))
    files, bills = [page], []
    for month in sorted({f"{day:%Y-%m}" for day in week.days()}):
        with store.session() as repo:
            billed = bill_demo(repo, month, out_dir / f"bills-{month}", lang)
        bills.append(billed)
        files.append(out_dir / f"bills-{month}")
    with store.session() as repo:
        files += write_demo_loans(repo, week, out_dir / "lending", DEMO_TODAY, lang)
    with store.session() as repo:
        load_demo(repo)
        files += write_demo_bid(repo, out_dir / "bid")
        files.append(write_demo_tender_file(out_dir))
        shortfall = plan_tender_code(repo, demo_tender_infeasible().code, as_of=DEMO_AS_OF).explain()
    return DemoReport(group.settings.name, str(week), counts, summary, violations, tuple(files), tuple(bills),
                      shortfall)


def write_demo_tender_file(out_dir: Path) -> Path:
    """The demo tender as the client's file (`ao-2027-chassis.yaml`), ready for `mutualis tender import`."""
    tender = demo_tender()
    return write_text(Path(out_dir) / f"{tender.code.lower()}.yaml", tender_to_yaml(tender))


# ---------------------------------------------------------------- hours and billing


def record_demo_hours(repo: Repository, week: IsoWeek) -> int:
    """Record a few realistic corrections on the week's published plan; returns how many.

    Each goes through the labour rules like the manager's: one that would break a rule is left out and
    the next shift is taken instead.
    """
    week = parse_week(str(week))
    plan = repo.plans.get_plan(week)
    if plan is None or plan.status != "published":
        raise InvalidInput(f"no published plan for {week}: allocate and publish it first")
    ordered = sorted(plan.assignments, key=lambda a: (a.start, a.employee, a.request))
    now = datetime.combine(week.monday + timedelta(days=7), time(9, 0))
    count = 0
    for a in ordered[::7]:
        if count == 6:
            break
        start, end = a.start.replace(tzinfo=None), a.end.replace(tzinfo=None)
        kind = count % 3
        fields: dict[str, object]
        if kind == 0:
            fields = {"absent": True, "note": "sick (demo)"}
        elif kind == 1:
            fields = {"start": start, "end": end + timedelta(minutes=60), "note": "stayed an hour more (demo)"}
        else:
            fields = {"start": start, "end": max(start + timedelta(minutes=30), end - timedelta(minutes=90)),
                      "note": "left early (demo)"}
        locked = repo.hours.get_validation(a.member, month_of(start.date())) is not None
        correction = Correction(employee=a.employee, request=a.request, member=a.member, site=a.site,
                                day=start.date(), recorded_at=now, adjustment=locked, **fields)
        if new_violations(repo, [correction]):
            continue
        repo.hours.add_correction(correction)
        count += 1
    return count


def bill_demo(repo: Repository, month: str, out_dir: Path, lang: str | None = None) -> DemoBill:
    """Bill the demo month into `out_dir`; a summary: members billed, totals, GE's own, files."""
    result = bill(repo, month, Path(out_dir), lang)
    b = result.bill
    return {"month": b.month, "members": len(b.statements), "members_total": b.members_total,
            "ge_own": b.ge_total, "costed_total": b.costed_total, "files": [str(f) for f in result.files]}


# ---------------------------------------------------------------- capacity and tenders


def load_demo(repo: Repository) -> dict[str, int]:
    """Store the demo capabilities and both demo tenders; members missing are added from the demo group.
    Twice changes nothing."""
    caps = demo_capabilities()
    needed = {r.member for r in caps.resources}
    known = {m.code for m in repo.people.list_members()}
    added = 0
    if needed - known:
        init_database(repo)  # demo sites name skills (FORKLIFT) that the catalogue must hold
    for member in demo_members():
        if member.code in needed and member.code not in known:
            repo.people.add_member(member)
            added += 1
    for r in caps.resources:
        repo.consortium.save_resource(r)
    for c in caps.certificates:
        repo.consortium.save_member_certificate(c)
    repo.consortium.save_declarations(list(caps.declarations))
    for tender in (demo_tender(), demo_tender_infeasible()):
        repo.consortium.save_tender(tender)
    return {"members": added, "resources": len(caps.resources), "certificates": len(caps.certificates),
            "declarations": len(caps.declarations), "tenders": 2}


def write_demo_bid(repo: Repository, out_dir: str | Path, time_limit: float | None = None,
                   params: PlanParams | None = None) -> list[Path]:
    """Write the demo tender's full bid into `out_dir` (planned as of the demo date)."""
    return write_bid(repo, demo_tender().code, out_dir, time_limit=time_limit, params=params, as_of=DEMO_AS_OF)[0]
