"""Glue of capacity pooling and joint bids: store <-> consortium domain <-> solver.tender.

Every function takes a `Repository` (inside `store.session()`) and is what one CLI command calls.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from consortium.adapter import Capabilities, compile_tender
from consortium.bid import JointBid, build_bid
from consortium.capacity import CapacityDeclaration, Reservation
from consortium.outcome import TenderOutcome, read_result
from consortium.tender import Tender
from consortium.tender_file import read_tender_file
from sharing.errors import InvalidInput, NotFound
from sharing.weeks import parse_week
from solver.tender import PlanParams, plan_tender, precheck

from .reports.bid_html import write_bid_html
from .reports.bid_markdown import write_bid_markdown
from .reports.bid_xlsx import write_bid_xlsx
from .tabular.tender_xlsx import read_capacity_sheet, read_tender_xlsx

__all__ = [
    "DEFAULT_PARAMS", "Heatmap", "capabilities", "declare_capacity", "import_capacity", "capacity_heatmap",
    "import_tender", "read_tender", "check_tender", "plan_tender_code", "bid_for", "write_bid", "reserve_tender",
    "release_tender", "award_tender", "load_demo", "write_demo_bid",
]

# Deterministic time (see PlanParams): the same tender and data give the same plan and price on every run.
DEFAULT_PARAMS = PlanParams(stage_time_limits=(4.0, 4.0, 1.5), extension_time_limit=2.0)


def _params(time_limit: float | None, params: PlanParams | None) -> PlanParams:
    params = params or DEFAULT_PARAMS
    return replace(params, total_time_limit=time_limit) if time_limit else params


# ------------------------------------------------------------------ capacity

def capabilities(repo, first_week: str | None = None, last_week: str | None = None) -> Capabilities:
    """The group's resources, certificates, declarations (in the weeks) and every reservation."""
    return Capabilities(tuple(repo.list_resources()), tuple(repo.list_member_certificates()),
                        tuple(repo.list_declarations(first_week, last_week)), tuple(repo.list_reservations()))


def declare_capacity(repo, member: str, resource: str, week: str, hours: float, overtime: float = 0,
                     committed: float = 0, source: str = "cli") -> CapacityDeclaration:
    """Declare (or replace) a resource's hours for one week."""
    declaration = CapacityDeclaration(member=member, resource=resource, week=week, available_hours=hours,
                                      max_overtime_hours=overtime, committed_hours=committed, source=source)
    repo.save_declarations([declaration])
    return declaration


def import_capacity(repo, path: str | Path) -> int:
    """Declarations from a CSV/XLSX file (member, resource, week, available_hours, ...); how many."""
    return repo.save_declarations(read_capacity_sheet(path))


@dataclass(frozen=True)
class Heatmap:
    """Free regular hours per process and week across members (after commitments and reservations)."""

    weeks: tuple[str, ...]
    free: dict  # process -> {week: hours}

    def rows(self) -> list[list]:
        return [[p] + [round(self.free[p].get(w, 0.0), 1) for w in self.weeks] for p in sorted(self.free)]


def capacity_heatmap(repo, start: str, weeks: int = 8, as_of: date | None = None) -> Heatmap:
    """What is left to offer: a resource with two processes counts in both rows."""
    first = parse_week(start)
    span = tuple(str(first.shift(k)) for k in range(weeks))
    caps = capabilities(repo, span[0], span[-1])
    resources = {r.key: r for r in caps.resources}
    held = defaultdict(float)
    for r in caps.reservations:
        if r.holds_on(as_of or date.today()):
            held[r.key, r.week] += r.hours
    free: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for d in caps.declarations:
        r = resources[d.key]
        left = max(0.0, r.units * d.available_hours - d.committed_hours - held[d.key, d.week])
        for process in r.processes:
            free[process][d.week] += left
    return Heatmap(span, {p: dict(v) for p, v in free.items()})


# ------------------------------------------------------------------ tenders

def read_tender(path: str | Path) -> Tender:
    """A tender file: .yaml/.yml/.json (consortium.tender_file) or .xlsx (integrations.tabular)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        if not path.is_file():
            raise InvalidInput(f"{path}: no such file")
        return read_tender_xlsx(path)
    return read_tender_file(path)


def import_tender(repo, path: str | Path) -> Tender:
    """Store a tender from its file (replacing the document of the same code); its members must exist."""
    tender = read_tender(path)
    for code in filter(None, [tender.team.mandataire, *tender.team.solo_bidders]):
        repo.get_member(code)
    repo.save_tender(tender)
    return tender


def _compile(repo, code: str, as_of: date | None):
    tender = repo.get_tender(code)
    return compile_tender(tender, capabilities(repo), as_of or date.today())


def check_tender(repo, code: str, as_of: date | None = None) -> list[str]:
    """Instant checks (eligibility, hours per process, team): one line per issue, empty when clear."""
    return [i.message for i in precheck(_compile(repo, code, as_of).problem)]


def plan_tender_code(repo, code: str, time_limit: float | None = None, params: PlanParams | None = None,
                     as_of: date | None = None) -> TenderOutcome:
    """Plan a stored tender on what the group has left; the outcome explains any shortfall."""
    compiled = _compile(repo, code, as_of)
    return read_result(compiled, plan_tender(compiled.problem, _params(time_limit, params)))


def bid_for(repo, code: str, margin: Decimal | None = None, time_limit: float | None = None,
            params: PlanParams | None = None, as_of: date | None = None) -> JointBid:
    """The full (mandataire's) joint bid of a stored tender."""
    compiled = _compile(repo, code, as_of)
    outcome = read_result(compiled, plan_tender(compiled.problem, _params(time_limit, params)))
    return build_bid(compiled.tender, outcome, compiled.resources, margin)


def write_bid(repo, code: str, out_dir: str | Path, margin: Decimal | None = None, for_member: str | None = None,
              time_limit: float | None = None, params: PlanParams | None = None,
              as_of: date | None = None) -> list[Path]:
    """Write `bid.md`, `bid.html` and `bid.xlsx` (or `bid-MEMBER.*` for a member's view) into `out_dir`."""
    bid = bid_for(repo, code, margin, time_limit, params, as_of)
    if for_member:
        bid = bid.for_member(for_member)
    return write_bid_files(bid, out_dir)


def write_bid_files(bid: JointBid, out_dir: str | Path) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"bid-{bid.audience}" if bid.audience else "bid"
    return [write_bid_markdown(bid, out / f"{stem}.md"), write_bid_html(bid, out / f"{stem}.html"),
            write_bid_xlsx(bid, out / f"{stem}.xlsx")]


# ------------------------------------------------------------------ reservations

def reserve_tender(repo, code: str, time_limit: float | None = None, params: PlanParams | None = None,
                   as_of: date | None = None) -> list[Reservation]:
    """Hold the hours the bid commits until the offer's validity date; the next tender sees what is left."""
    bid = bid_for(repo, code, None, time_limit, params, as_of)
    if bid.status != "feasible":
        raise InvalidInput(f"tender {bid.tender} is {bid.status}: plan it and fix the shortfall before reserving")
    acc = defaultdict(Decimal)
    for c in bid.commitments:
        acc[c.member, c.resource, c.week] += c.hours
    rows = [Reservation(tender=bid.tender, member=m, resource=r, week=w, hours=float(h), valid_until=bid.valid_until)
            for (m, r, w), h in sorted(acc.items())]
    repo.replace_reservations(bid.tender, rows)
    repo.set_tender_status(bid.tender, "reserved")
    return rows


def award_tender(repo, code: str) -> int:
    """The client awarded the tender: its reservations become commitments (they no longer expire)."""
    rows = repo.list_reservations(code)
    if not rows:
        raise NotFound(f"tender {code.upper()} has no reservation to award (reserve it first)")
    repo.replace_reservations(code, [r.model_copy(update={"status": "awarded"}) for r in rows])
    repo.set_tender_status(code, "awarded")
    return len(rows)


def release_tender(repo, code: str) -> int:
    """Free the hours held for a tender (lost or withdrawn); how many reservations were dropped."""
    count = len(repo.list_reservations(code))
    repo.replace_reservations(code, [])
    repo.set_tender_status(code, "released")
    return count


# ------------------------------------------------------------------ demo

def load_demo(repo) -> dict[str, int]:
    """Store the demo capabilities and both demo tenders; members missing are added from the demo group.
    Twice changes nothing."""
    from consortium.demo import demo_capabilities, demo_tender, demo_tender_infeasible
    from sharing.demo import demo_members

    from .seeding import init_database

    caps = demo_capabilities()
    needed = {r.member for r in caps.resources}
    known = {m.code for m in repo.list_members()}
    added = 0
    if needed - known:
        init_database(repo)  # demo sites name skills (FORKLIFT) that the catalogue must hold
    for member in demo_members():
        if member.code in needed and member.code not in known:
            repo.add_member(member)
            added += 1
    for r in caps.resources:
        repo.save_resource(r)
    for c in caps.certificates:
        repo.save_member_certificate(c)
    repo.save_declarations(list(caps.declarations))
    for tender in (demo_tender(), demo_tender_infeasible()):
        repo.save_tender(tender)
    return {"members": added, "resources": len(caps.resources), "certificates": len(caps.certificates),
            "declarations": len(caps.declarations), "tenders": 2}


def write_demo_bid(repo, out_dir: str | Path, time_limit: float | None = None,
                   params: PlanParams | None = None) -> list[Path]:
    """Write the demo tender's full bid into `out_dir` (planned as of the demo date)."""
    from consortium.demo import DEMO_AS_OF, demo_tender

    return write_bid(repo, demo_tender().code, out_dir, time_limit=time_limit, params=params, as_of=DEMO_AS_OF)
