"""Moving spreadsheets in and out of the database: all rows or none, problems named by file, row and column."""

from __future__ import annotations

from pathlib import Path

from sharing.errors import RowError
from sharing.group import employee_problems, member_problems, request_problems

from . import tabular

__all__ = ["import_file", "export_file", "KINDS"]

KINDS = tabular.KINDS


def import_file(repo, kind: str, path: Path) -> int:
    """Import every row of `path` as `kind` into the open transaction, or raise RowError naming each bad row.

    Rows are upserted by their code, so importing the same file twice changes nothing.
    """
    path = Path(path)
    rows = tabular.read_rows(kind, path)
    at = tabular.row_index(kind, rows)
    catalogue = repo.get_catalogue()
    labour = repo.get_settings().labour
    members = {m.code: m for m in repo.list_members()}
    problems: list[str] = []
    if kind == "members":
        for row, member in rows:
            existing = members.get(member.code)
            members[member.code] = member.model_copy(update={"sites": existing.sites if existing else []})
        _save_all(repo.save_member, [(row, members[m.code]) for row, m in rows], path, problems)
    elif kind == "sites":
        updated: dict[str, object] = {}
        for row, (member_code, site) in rows:
            member = updated.get(member_code) or members.get(member_code)
            if member is None:
                problems.append(tabular.row_problem(path, row, "member", f"unknown member {member_code!r}"))
                continue
            sites = [s for s in member.sites if s.code != site.code] + [site]
            updated[member_code] = member.model_copy(update={"sites": sorted(sites, key=lambda s: s.code)})
            problems.extend(tabular.locate(p, {member_code: row}, path)
                            for p in member_problems(updated[member_code], catalogue))
        _raise_if(problems)
        for member in updated.values():
            repo.save_member(member)
    elif kind == "employees":
        for _, employee in rows:
            problems.extend(tabular.locate(p, at, path)
                            for p in employee_problems(employee, catalogue, set(members), labour))
        _save_all(repo.save_employee, rows, path, problems)
    elif kind == "absences":
        known = {e.code for e in repo.list_employees()}
        for row, absence in rows:
            if absence.employee not in known:
                problems.append(tabular.row_problem(path, row, "employee", f"unknown employee {absence.employee!r}"))
        _save_all(repo.add_absence, rows, path, problems)
    elif kind == "requests":
        for _, request in rows:
            problems.extend(tabular.locate(p, at, path) for p in request_problems(request, catalogue, members))
        _save_all(repo.save_request, rows, path, problems)
    return len(rows)


def export_file(repo, kind: str, path: Path) -> int:
    """Write every stored object of `kind` to `path` (CSV or XLSX); returns the number of rows."""
    if kind == "members":
        objects = repo.list_members()
    elif kind == "sites":
        objects = tabular.split_sites(repo.list_members())
    elif kind == "employees":
        objects = repo.list_employees()
    elif kind == "absences":
        objects = repo.list_absences()
    else:
        objects = repo.list_requests()
    tabular.write_rows(kind, objects, Path(path))
    return len(objects)


def _save_all(save, rows, path: Path, problems: list[str]) -> None:
    _raise_if(problems)
    for _, obj in rows:
        save(obj)


def _raise_if(problems: list[str]) -> None:
    if problems:
        raise RowError(problems)
