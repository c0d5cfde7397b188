"""Pooled capacity against the database: what the group holds, declaring weekly hours, what is left to offer.

Every function takes a `Repository` (inside `store.session()`) and is what one CLI command calls.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from consortium.adapter import Capabilities
from consortium.bid_record import overbooked
from consortium.capacity import CapacityDeclaration
from consortium.weeks import parse_week
from integrations.store import Repository

from ..tabular.capacity import read_capacity_sheet

__all__ = ["CapacityReport", "Heatmap", "capabilities", "declare_capacity", "import_capacity", "capacity_heatmap"]


def capabilities(repo: Repository, first_week: str | None = None, last_week: str | None = None) -> Capabilities:
    """The group's resources, certificates, declarations (in the weeks) and every reservation."""
    stored = repo.consortium
    return Capabilities(tuple(stored.list_resources()), tuple(stored.list_member_certificates()),
                        tuple(stored.list_declarations(first_week, last_week)), tuple(stored.list_reservations()))


@dataclass(frozen=True)
class CapacityReport:
    """Declarations stored, each described with its units multiplied out, and warnings for hours that fall
    below what tenders hold there."""

    declarations: tuple[CapacityDeclaration, ...]
    described: tuple[str, ...]
    warnings: tuple[str, ...]


def _capacity_report(repo: Repository, declarations: list[CapacityDeclaration], as_of: date | None) -> CapacityReport:
    repo.consortium.save_declarations(declarations)
    caps = capabilities(repo)
    units = {r.key: r.units for r in caps.resources}
    return CapacityReport(tuple(declarations), tuple(d.describe(units[d.key]) for d in declarations),
                          tuple(overbooked(declarations, caps, as_of or date.today())))


def declare_capacity(repo: Repository, member: str, resource: str, week: str, hours: float, overtime: float = 0,
                     committed: float = 0, source: str = "cli", as_of: date | None = None) -> CapacityReport:
    """Declare (or replace) a resource's hours for one week; warn when tenders hold more there."""
    declaration = CapacityDeclaration(member=member, resource=resource, week=week, available_hours=hours,
                                      max_overtime_hours=overtime, committed_hours=committed, source=source)
    return _capacity_report(repo, [declaration], as_of)


def import_capacity(repo: Repository, path: str | Path, as_of: date | None = None) -> CapacityReport:
    """Declarations from a CSV/XLSX file (member, resource, week, available_hours, ...), with warnings."""
    units = {r.key: r.units for r in repo.consortium.list_resources()}
    return _capacity_report(repo, read_capacity_sheet(path, units=units), as_of)


@dataclass(frozen=True)
class Heatmap:
    """Free regular hours per process and week across members (after commitments and reservations)."""

    weeks: tuple[str, ...]
    free: dict[str, dict[str, float]]  # process -> {week: hours}

    def rows(self) -> list[list[str | float]]:
        """One row per process, by name: the process, then its free hours per week (0.1 h)."""
        return [[p] + [round(self.free[p].get(w, 0.0), 1) for w in self.weeks] for p in sorted(self.free)]


def capacity_heatmap(repo: Repository, start: str, weeks: int = 8, as_of: date | None = None) -> Heatmap:
    """What is left to offer: a resource with two processes counts in both rows."""
    first = parse_week(start)
    span = tuple(str(first.shift(k)) for k in range(weeks))
    caps = capabilities(repo, span[0], span[-1])
    resources = {r.key: r for r in caps.resources}
    held: dict[tuple[str, str], float] = defaultdict(float)
    for hold in caps.reservations:
        if hold.holds_on(as_of or date.today()):
            held[hold.key, hold.week] += hold.hours
    free: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for d in caps.declarations:
        r = resources[d.key]
        left = max(0.0, r.units * d.available_hours - d.committed_hours - held[d.key, d.week])
        for process in r.processes:
            free[process][d.week] += left
    return Heatmap(span, {p: dict(v) for p, v in free.items()})
