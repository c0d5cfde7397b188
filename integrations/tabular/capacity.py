"""The capacity sheet: one row per resource and ISO week, read with the same checks as the other sheets.

Columns `member, resource, week, available_hours, max_overtime_hours, committed_hours` (the first four
required). Refused, each at FILE:ROW: column: an unknown or misspelt column, a file with no rows, a
(member, resource, week) named twice (both rows given), a cell that is not a number (decimal commas
accepted), and a row committing more hours than the resource has (`available_hours` x its units).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from consortium.capacity import CapacityDeclaration
from consortium.errors import InvalidInput, RowError

from .cells import CELLS
from .files import read_grid
from .rows import row_problem

__all__ = ["CAPACITY_COLUMNS", "read_capacity_sheet"]

CAPACITY_COLUMNS = ("member", "resource", "week", "available_hours", "max_overtime_hours", "committed_hours")
_REQUIRED = CAPACITY_COLUMNS[:4]
_NUMBERS = CAPACITY_COLUMNS[3:]


def _header(path: Path, cells: list[str]) -> dict[int, str]:
    header = {i: text.strip().lower() for i, text in enumerate(cells) if text.strip()}
    unknown = [name for name in header.values() if name not in CAPACITY_COLUMNS]
    twice = sorted({name for name in header.values() if list(header.values()).count(name) > 1})
    missing = [name for name in _REQUIRED if name not in header.values()]
    problems = ([f"missing column(s) {', '.join(missing)}"] if missing else []) + \
        [f"column {name} appears twice" for name in twice] + \
        ([f"unknown column(s) {', '.join(unknown)}"] if unknown else [])
    if problems:
        raise InvalidInput(f"{path.name}: {'; '.join(problems)} "
                           f"(the capacity columns are {', '.join(CAPACITY_COLUMNS)})")
    return header


def read_capacity_sheet(path: str | Path, source: str = "spreadsheet",
                        units: Mapping[str, int] | None = None) -> list[CapacityDeclaration]:
    """The declarations of a CSV or XLSX capacity sheet, or RowError naming every bad row.

    `units` gives the parallel units of each `MEMBER/RESOURCE` (1 when not given): a row may not commit
    more than `available_hours` x units.
    """
    path = Path(path)
    grid = read_grid(path, "capacity")
    while grid and not any(grid[-1]):
        grid.pop()
    if not grid:
        raise InvalidInput(f"{path.name}: the file is empty (expected the columns {', '.join(CAPACITY_COLUMNS)})")
    header = _header(path, grid[0])
    out, problems, seen = [], [], {}
    for n, cells in enumerate(grid[1:], start=2):
        if not any(cells):
            continue
        row = {header[i]: text for i, text in enumerate(cells) if i in header and text}
        bad = [row_problem(path, n, None, f"a value in column {i + 1}, which has no header")
               for i, text in enumerate(cells) if text and i not in header]
        bad += [row_problem(path, n, c, "required, but empty") for c in _REQUIRED if c not in row]
        for column in _NUMBERS:
            if column in row:
                try:
                    row[column] = CELLS["float"].parse(row[column])
                except ValueError as exc:
                    bad.append(row_problem(path, n, column, str(exc)))
        if bad:
            problems += bad
            continue
        try:
            d = CapacityDeclaration(source=source, **row)
        except ValidationError as exc:
            for err in exc.errors():
                column = ".".join(str(p) for p in err["loc"]) or None
                problems.append(row_problem(path, n, column, err["msg"].removeprefix("Value error, ")))
            continue
        key = (d.key, d.week)
        if key in seen:
            problems.append(row_problem(path, n, "week", f"{d.key} {d.week} is already on row {seen[key]}"))
            continue
        seen[key] = n
        count = (units or {}).get(d.key, 1)
        if d.committed_hours > d.available_hours * count:
            per = f" ({d.available_hours:g} h x {count} units)" if count != 1 else ""
            problems.append(row_problem(path, n, "committed_hours", f"{d.committed_hours:g} h committed, more than the "
                                        f"{d.available_hours * count:g} h available{per}"))
            continue
        out.append(d)
    if problems:
        raise RowError(problems)
    if not out:
        raise InvalidInput(f"{path.name}: the file has no rows, only the header")
    return out
