"""Hours sheets (CSV or XLSX): every row checked like `hours record`, then all recorded or none.

Columns: `employee`, `request`, `day` (required), `absent`, `start`, `end`, `ends_next_day`,
`travel_minutes`, `note`, `accept_violation` (the reason a row knowingly breaks a labour rule).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from integrations.services.hours_compliance import new_violations, refusal
from integrations.services.hours import checked_correction, clock, login_member, refuse_declaring, store_correction
from integrations.tabular.cells import CELLS
from integrations.tabular.files import read_grid
from consortium.errors import InvalidInput, MutualisError, NotFound, RowError
from sharing.hours import Correction
from consortium.weeks import week_of
from integrations.store import Repository

__all__ = ["HOURS_COLUMNS", "read_hours_file", "import_hours", "import_hour_rows"]

HOURS_COLUMNS = ("employee", "request", "day", "absent", "start", "end", "ends_next_day", "travel_minutes", "note",
                 "accept_violation")
_REQUIRED = ("employee", "request", "day")


def read_hours_file(path: Path) -> list[tuple[int, dict]]:
    """The rows of a CSV/XLSX hours sheet as (row number, fields); RowError `FILE:ROW: column C: ...`.

    A file without rows, a column not in `HOURS_COLUMNS`, or two rows for one shift (employee, request,
    day) are refused, the latter with both row numbers.
    """
    path = Path(path)
    grid = read_grid(path, "hours")
    header_at = next((i for i, row in enumerate(grid) if any(row)), None)
    if header_at is None:
        raise RowError([f"{path.name}:1: the file is empty (columns: {', '.join(HOURS_COLUMNS)})"])
    header = [h.strip().lower() for h in grid[header_at]]
    problems = [f"{path.name}:{header_at + 1}: column {h}: unknown column (columns: {', '.join(HOURS_COLUMNS)})"
                for h in header if h and h not in HOURS_COLUMNS]
    problems += [f"{path.name}:{header_at + 1}: column {c}: missing" for c in _REQUIRED if c not in header]
    if problems:
        raise RowError(problems)
    rows: list[tuple[int, dict]] = []
    problems = []
    seen: dict[tuple[str, str, date | None], int] = {}
    for i, cells in enumerate(grid[header_at + 1:], start=header_at + 2):
        if not any(cells):
            continue
        values = {h: (cells[j] if j < len(cells) else "") for j, h in enumerate(header) if h}
        fields, bad = _row_fields(values)
        problems += [f"{path.name}:{i}: column {column}: {what}" for column, what in bad]
        shift = (fields["employee"], fields["request"], fields["day"])
        if not bad and shift in seen:
            problems.append(f"{path.name}:{i}: column request: {fields['employee']} on {fields['request']} "
                            f"{fields['day']} is already on row {seen[shift]} (one row per shift)")
        seen.setdefault(shift, i)
        rows.append((i, fields))
    if problems:
        raise RowError(problems)
    if not rows:
        raise RowError([f"{path.name}:{header_at + 2}: the file has no rows, only the header"])
    return rows


def _row_fields(values: dict) -> tuple[dict, list[tuple[str, str]]]:
    bad, fields = [], {}
    for column in _REQUIRED:
        if not values.get(column):
            bad.append((column, "is empty"))
    fields["employee"], fields["request"] = values.get("employee", "").upper(), values.get("request", "").upper()
    fields["day"] = None
    if values.get("day"):
        try:
            fields["day"] = CELLS["date"].parse(values["day"])
        except ValueError as exc:
            bad.append(("day", str(exc)))
    for column in ("absent", "ends_next_day"):
        fields[column] = False
        if values.get(column):
            try:
                fields[column] = CELLS["bool"].parse(values[column].lower().replace("x", "yes"))
            except ValueError:
                bad.append((column, f"{values[column]!r} is not yes or no"))
    for column in ("start", "end"):
        fields[column] = values.get(column) or None
        if fields[column]:
            try:
                clock(fields[column], column)
            except InvalidInput as exc:
                bad.append((column, str(exc)))
    travel = values.get("travel_minutes", "")
    fields["travel"] = None
    if travel:
        try:
            fields["travel"] = CELLS["int"].parse(travel)
            if not 0 <= fields["travel"] <= 600:
                raise ValueError
        except ValueError:
            bad.append(("travel_minutes", f"{travel!r} is not a whole number of minutes from 0 to 600"))
    fields["note"] = values.get("note", "")
    fields["accept_violation"] = values.get("accept_violation", "")
    return fields, bad


def _row_of(v, rows: list[tuple[int, Correction]]) -> int:
    """The imported row a violation comes from: same request and day, else same day, week, employee."""
    mine = [(row, c) for row, c in rows if c.employee == v.employee] or rows
    for match in (lambda c: c.request == v.request and c.day == v.day, lambda c: c.day == v.day,
                  lambda c: v.day is not None and week_of(c.day) == week_of(v.day)):
        hits = [row for row, c in mine if match(c)]
        if hits:
            return hits[-1]
    return mine[-1][0]


def import_hours(repo: Repository, path: Path, now: datetime | None = None) -> int:
    """Record every row of an hours sheet, or none if any row is bad; the number of rows (`import_hour_rows`)."""
    return len(import_hour_rows(repo, path, now))


def import_hour_rows(repo: Repository, path: Path, now: datetime | None = None) -> list[Correction]:
    """Record every row of an hours sheet, or none if any row is bad (every problem is reported); the stored rows.

    Rows go through the same labour rules as `record_hours`; a row's `accept_violation` is its reason.
    A member firm's login imports hours on its own requests only, without `accept_violation`; its rows are
    stored to be checked by the GE manager, as `record_hours` does.
    """
    path, now = Path(path), now or datetime.now().replace(microsecond=0)
    me = login_member(repo)
    rows, problems, reasons = [], [], {}
    for row, f in read_hours_file(path):
        where = f"{path.name}:{row}"
        reasons[row] = f["accept_violation"]
        try:
            if me is not None:
                refuse_declaring(me, f["accept_violation"])
        except InvalidInput as exc:
            problems.append(f"{where}: column accept_violation: {exc}")
            continue
        try:
            repo.people.employee_code(f["employee"])
        except NotFound as exc:
            problems.append(f"{where}: column employee: {exc}")
            continue
        try:
            owner = repo.access.request_member(f["request"]) if me is not None else None
            if owner is not None and owner != me:
                raise MutualisError(f"{me} may not change hours of {owner}")
            day = repo.plans.get_request(f["request"]).day
        except MutualisError as exc:
            problems.append(f"{where}: column request: {exc}")
            continue
        if day != f["day"]:
            problems.append(f"{where}: column day: request {f['request']} is on {day}, not on {f['day']}")
            continue
        try:
            rows.append((row, checked_correction(
                repo, f["employee"], f["request"], f["day"], absent=f["absent"], start=f["start"], end=f["end"],
                travel=f["travel"], note=f["note"], now=now, next_day=f["ends_next_day"], by_member=me)))
        except InvalidInput as exc:
            column = "absent" if f["absent"] else "end" if "not after start" in str(exc) else "start"
            problems.append(f"{where}: column {column}: {exc}")
    if problems:
        raise RowError(problems)
    found: dict[int, list] = {}
    for v in new_violations(repo, [c for _, c in rows]) if me is None else []:
        found.setdefault(_row_of(v, rows), []).append(v)
    for row, items in sorted(found.items()):
        why = refusal(items, reasons[row])
        if why:
            column = "request" if all(v.rule == "contract_member" for v in items) else "start"
            problems.append(f"{path.name}:{row}: column {column}: refused: {why}")
    if problems:
        raise RowError(problems)
    return [store_correction(repo, c, found.get(row, []), reasons[row]).correction for row, c in rows]
