"""Filling a database: the standard catalogue on `init`, the whole demo group on `demo`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sharing.catalogue import standard_catalogue
from sharing.group import Group

__all__ = ["DemoReport", "init_database", "load_group", "run_demo"]


def init_database(repo) -> dict[str, int]:
    """Store default settings (when none) and the standard skills and certifications; safe to repeat."""
    repo.save_settings(repo.get_settings())
    catalogue = standard_catalogue()
    for skill in catalogue.skills:
        repo.save_skill(skill)
    for cert_type in catalogue.certification_types:
        repo.save_certification_type(cert_type)
    return {"skills": len(catalogue.skills), "certification_types": len(catalogue.certification_types)}


def load_group(repo, group: Group) -> dict[str, int]:
    """Upsert a whole group (settings, catalogue, members, employees, absences, requests); repeatable."""
    repo.save_settings(group.settings)
    for skill in group.catalogue.skills:
        repo.save_skill(skill)
    for cert_type in group.catalogue.certification_types:
        repo.save_certification_type(cert_type)
    for member in group.members:
        repo.save_member(member)
    for employee in group.employees:
        repo.save_employee(employee)
    for absence in group.absences:
        repo.add_absence(absence)
    for request in group.requests:
        repo.save_request(request)
    return repo.counts()


@dataclass(frozen=True)
class DemoReport:
    """What `mutualis demo` made: stored counts, the week's allocation and the files written."""

    group_name: str
    week: str
    counts: dict
    allocation_summary: str
    violations: int
    files: tuple[Path, ...]
    bills: tuple[dict, ...] = ()
    infeasible_tender: str = ""


def run_demo(store, out_dir: Path, on_progress=None, lang: str | None = None) -> DemoReport:
    """Build the demo group, allocate its week (once: a stored plan is kept) and write the week's page
    and the statements in ``lang`` (French by default).

    Each step is its own transaction, so an interrupted demo leaves what it finished.
    """
    from integrations.files import write_text
    from integrations.demo_history import seed_history
    from integrations.reports import plan_html
    from consortium.demo import DEMO_AS_OF, demo_tender_infeasible
    from integrations.services.consortium import load_demo, plan_tender_code, write_demo_bid
    from integrations.services.hours import bill_demo, record_demo_hours
    from integrations.services.weekly import check_week, publish_week, run_allocation, week_view
    from sharing.allocation import AllocationParams
    from sharing.demo import DEMO_WEEK, demo_group
    from consortium.weeks import parse_week

    group, week = demo_group(), parse_week(DEMO_WEEK)
    with store.session() as repo:
        init_database(repo)
        counts = load_group(repo, group)
    seed_history(store)  # twelve past weeks of requests and published plans (integrations/demo_history.py)
    with store.session() as repo:
        if repo.get_plan(week) is None:
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
        load_demo(repo)
        files += write_demo_bid(repo, out_dir / "bid")
        files.append(write_demo_tender_file(out_dir))
        shortfall = plan_tender_code(repo, demo_tender_infeasible().code, as_of=DEMO_AS_OF).explain()
    return DemoReport(group.settings.name, str(week), counts, summary, violations, tuple(files), tuple(bills),
                      shortfall)


def write_demo_tender_file(out_dir: Path) -> Path:
    """The demo tender as the client's file (`ao-2027-chassis.yaml`), ready for `mutualis tender import`."""
    from consortium.demo import demo_tender
    from consortium.tender_file import tender_to_yaml
    from integrations.files import write_text

    tender = demo_tender()
    return write_text(Path(out_dir) / f"{tender.code.lower()}.yaml", tender_to_yaml(tender))
