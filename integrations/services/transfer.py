"""Moving spreadsheets in and out of the database: all rows or none, problems named by file, row and column.

An import never overwrites silently: each row is added (new code), unchanged (the same as stored) or an
update of a stored object, which needs `update=True`; without it each clashing row is one problem and
nothing is written. Exporting then importing is the identity, order of each member's sites included.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar, cast

from pydantic import BaseModel

from consortium.errors import RowError
from consortium.members import Member, Site
from integrations.store import Repository
from sharing.absences import Absence
from sharing.employees import Employee
from sharing.group import employee_problems, member_problems, request_problems
from sharing.requests import Request

from .. import tabular
from .access import whoami
from .planning_days import late_codes, stored_late, today

__all__ = ["ImportReport", "import_file", "export_file", "KINDS"]

KINDS = tabular.KINDS
T = TypeVar("T")


@dataclass(frozen=True)
class ImportReport:
    """How many rows of an import were added, updated and already stored as they are."""

    kind: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    late: tuple[str, ...] | None = None  # requests: those filed after the group's cut-off (None: it has none)

    @property
    def rows(self) -> int:
        return self.added + self.updated + self.unchanged

    def __str__(self) -> str:
        counts = f"{self.kind}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.late is None:
            return counts
        if not self.late:
            return f"{counts}, 0 late"
        return (f"{counts}, {len(self.late)} late (filed after the cut-off, flagged to the GE manager: "
                f"{', '.join(self.late)})")


def _differences(new: BaseModel, old: BaseModel) -> list[str]:
    """The columns whose values differ between two versions of one object."""
    a, b = new.model_dump(), old.model_dump()
    return [tabular.column_for(k) for k in a if a[k] != b.get(k)]


class _Tally:
    """Sorts rows into added, updated, unchanged; a clash without `update` becomes a problem at its row."""

    def __init__(self, kind: str, path: Path, update: bool, problems: list[str]):
        self.kind, self.path, self.update, self.problems = kind, path, update, problems
        self.counts = {"added": 0, "updated": 0, "unchanged": 0}

    def classify(self, row: int, label: str, new: BaseModel, old: BaseModel | None) -> bool:
        """True when the row must be written (added, or updated with `update`)."""
        if old is None:
            self.counts["added"] += 1
            return True
        changed = sorted(set(_differences(new, old)))
        if not changed:
            self.counts["unchanged"] += 1
            return False
        if not self.update:
            column = tabular.columns(self.kind)[1 if self.kind == "sites" else 0]
            self.problems.append(tabular.row_problem(
                self.path, row, column, f"{label} already exists with other values ({', '.join(changed)}); "
                "pass --update to replace it"))
            return False
        self.counts["updated"] += 1
        return True

    def report(self, late: list[str] | None = None) -> ImportReport:
        return ImportReport(self.kind, **self.counts, late=None if late is None else tuple(late))


def import_file(repo: Repository, kind: str, path: Path, update: bool = False) -> ImportReport:
    """Import every row of `path` as `kind` into the open transaction, or raise RowError naming each bad row.

    Importing the same file twice changes nothing (every row is then unchanged).
    """
    path = Path(path)
    rows = tabular.read_rows(kind, path)
    at = tabular.row_index(kind, rows)
    catalogue = repo.people.get_catalogue()
    labour = repo.people.get_settings().labour
    members = {m.code: m for m in repo.people.list_members()}
    problems: list[str] = []
    tally = _Tally(kind, path, update, problems)
    if kind == "members":
        writes = []
        for row, read in cast(list[tuple[int, Member]], rows):
            existing = members.get(read.code)
            member = read.model_copy(update={"sites": existing.sites if existing else []})
            if tally.classify(row, f"member {member.code}", member, existing):
                writes.append((row, member))
        _save_all(repo.people.save_member, writes, problems)
    elif kind == "sites":
        updated: dict[str, Member] = {}
        for row, (member_code, site) in cast(list[tuple[int, tuple[str, Site]]], rows):
            owner = updated.get(member_code) or members.get(member_code)
            if owner is None:
                problems.append(tabular.row_problem(path, row, "member", f"unknown member {member_code!r}"))
                continue
            old = next((s for s in owner.sites if s.code == site.code), None)
            if not tally.classify(row, f"site {member_code}/{site.code}", site, old):
                continue
            # In place when it exists, else after the member's other sites: the file's order is kept.
            sites = [site if s.code == site.code else s for s in owner.sites] + ([] if old else [site])
            updated[member_code] = owner.model_copy(update={"sites": sites})
            problems.extend(tabular.locate(p, {member_code: row}, path)
                            for p in member_problems(updated[member_code], catalogue))
        _save_all(repo.people.save_member, [(None, m) for m in updated.values()], problems)
    elif kind == "employees":
        employee_rows = cast(list[tuple[int, Employee]], rows)
        employees = {e.code: e for e in repo.people.list_employees()}
        for _, employee in employee_rows:
            problems.extend(tabular.locate(p, at, path)
                            for p in employee_problems(employee, catalogue, set(members), labour))
        employee_writes = [(row, e) for row, e in employee_rows
                           if tally.classify(row, f"employee {e.code}", e, employees.get(e.code))]
        _save_all(repo.people.save_employee, employee_writes, problems)
    elif kind == "absences":
        known = {e.code for e in repo.people.list_employees()}
        absences = {_absence_key(a): a for a in repo.people.list_absences()}
        absence_writes = []
        for row, absence in cast(list[tuple[int, Absence]], rows):
            if absence.employee not in known:
                problems.append(tabular.row_problem(path, row, "employee", f"unknown employee {absence.employee!r}"))
            elif tally.classify(row, f"absence of {absence.employee} from {absence.start:%Y-%m-%d %H:%M}", absence,
                                absences.get(_absence_key(absence))):
                absence_writes.append((row, absence))
        _save_all(lambda a: repo.people.replace_absences([a]), absence_writes, problems)
    elif kind == "requests":
        request_rows = cast(list[tuple[int, Request]], rows)
        requests = {r.code: r for r in repo.plans.list_requests()}
        who = whoami(repo)
        mine = who.member if who is not None and who.is_member else None
        for row, request in request_rows:
            if mine is not None and request.member != mine:  # a member's login sees no other member
                problems.append(tabular.row_problem(path, row, "member",
                                                    f"{mine} may not change requests of {request.member}"))
                continue
            problems.extend(tabular.locate(p, at, path) for p in request_problems(request, catalogue, members))
        request_writes = [(row, r) for row, r in request_rows
                          if tally.classify(row, f"request {r.code}", r, requests.get(r.code))]
        return tally.report(_save_requests(repo, [r for _, r in request_writes], set(requests), problems))
    return tally.report()


def _save_requests(repo: Repository, writes: list[Request], stored: set[str], problems: list[str]) -> list[str] | None:
    """Store the requests of a sheet, the new ones filed after the group's cut-off flagged late as `request add`
    does; the codes flagged (None when the group has no cut-off). A request for a day before today is history
    (a group moved to another database), never late; an update keeps the flag its request has."""
    if problems:
        raise RowError(problems)
    first = today(repo)
    new = [r for r in writes if r.code not in stored and r.day >= first]
    late = late_codes(repo, new)
    for r in writes:
        repo.plans.save_requests([r], late=True if r.code in late else None)
    flagged = stored_late(repo, [r for r in writes if r.code not in stored], late)
    if not flagged and repo.people.get_settings().request_cutoff is None:
        return None
    return flagged


def _absence_key(a: Absence) -> tuple[str, datetime, datetime, str]:
    return a.employee, a.start, a.end, a.kind


def export_file(repo: Repository, kind: str, path: Path) -> int:
    """Write every stored object of `kind` to `path` (CSV or XLSX); returns the number of rows."""
    objects: Sequence[object]
    if kind == "members":
        objects = repo.people.list_members()
    elif kind == "sites":
        objects = tabular.split_sites(repo.people.list_members())
    elif kind == "employees":
        objects = repo.people.list_employees()
    elif kind == "absences":
        objects = repo.people.list_absences()
    else:
        objects = repo.plans.list_requests()
    tabular.write_rows(kind, list(objects), Path(path))
    return len(objects)


def _save_all(save: Callable[[T], object], rows: Sequence[tuple[int | None, T]], problems: list[str]) -> None:
    if problems:
        raise RowError(problems)
    for _, obj in rows:
        save(obj)
