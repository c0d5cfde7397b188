"""Reading a sheet into domain objects, every bad row reported, and writing objects back."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from consortium.errors import InvalidInput, RowError

from .examples import example
from .files import check_suffix, read_grid, write_grid
from .kinds import Column, Kind, spec

__all__ = ["columns", "read_rows", "write_rows", "write_template", "row_problem"]


def columns(kind: str) -> list[str]:
    """The columns of a kind of sheet, in the order they are written."""
    return [c.name for c in spec(kind).columns]


def row_problem(path: Path | str, row: int, column: str | None, message: str) -> str:
    """`FILE:ROW: column COLUMN: message` (without the column part when there is none)."""
    where = f"{Path(path).name}:{row}"
    return f"{where}: column {column}: {message}" if column else f"{where}: {message}"


def read_rows(kind: str, path: Path) -> list[tuple[int, object]]:
    """Read a CSV or XLSX sheet into (row number, object) pairs, header on row 1.

    Objects are domain objects, or for `sites` a (member code, Site) pair. `RowError` lists every bad row
    (two rows with the same key are both named); `InvalidInput` for a bad file, a missing or unknown
    column, or a file with a header and no rows.
    """
    sheet = spec(kind)
    path = Path(path)
    grid = read_grid(path, sheet.name)
    while grid and not any(grid[-1]):
        grid.pop()
    if not grid:
        raise InvalidInput(f"{path.name}: the file is empty (expected the columns {', '.join(columns(kind))})")
    header = _header(sheet, path, grid[0])
    results, problems, seen = [], [], {}
    for index, cells in enumerate(grid[1:], start=2):
        if not any(cells):
            continue
        texts = {name: cells[i] for i, name in header.items() if cells[i]}
        row_problems, obj = _read_row(sheet, path, index, texts)
        stray = [i + 1 for i, text in enumerate(cells) if text and i not in header]
        if stray:
            row_problems.append(row_problem(path, index, None, f"a value in column {stray[0]}, which has no header"))
        if obj is not None:
            key = sheet.key(obj)
            if key in seen:
                what = f"duplicate {sheet.key_columns[-1]} {'/'.join(key)} (first on row {seen[key]})"
                row_problems.append(row_problem(path, index, sheet.key_columns[-1], what))
            else:
                seen[key] = index
        problems.extend(row_problems)
        if not row_problems:
            results.append((index, obj))
    if problems:
        raise RowError(problems)
    if len(grid) == 1:
        raise InvalidInput(f"{path.name}: the file has no rows, only the header")
    return results


def _header(sheet: Kind, path: Path, cells: list[str]) -> dict[int, str]:
    known = {c.name for c in sheet.columns}
    header: dict[int, str] = {}
    problems, unknown = [], []
    for i, text in enumerate(cells):
        name = text.strip().lower()
        if not name:
            continue
        if name in header.values():
            problems.append(f"column {name} appears twice")
        elif name not in known:
            unknown.append(name)
        else:
            header[i] = name
    missing = [c.name for c in sheet.columns if c.required and c.name not in header.values()]
    if missing:
        problems.insert(0, f"missing column(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown column(s) {', '.join(unknown)}")
    if problems:
        raise InvalidInput(f"{path.name}: {'; '.join(problems)} "
                           f"(the {sheet.name} columns are {', '.join(columns(sheet.name))})")
    return header


def _read_row(sheet: Kind, path: Path, row: int, texts: dict[str, str]) -> tuple[list[str], object | None]:
    problems = []
    data: dict = {}
    for column in sheet.columns:
        text = texts.get(column.name, "")
        if not text:
            if column.required:
                problems.append(row_problem(path, row, column.name, "required, but empty"))
            continue
        try:
            value = column.cell.parse(text)
        except ValueError as exc:
            problems.append(row_problem(path, row, column.name, str(exc)))
            continue
        target = data
        *parents, last = column.field.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    if problems:
        return problems, None
    try:
        return [], sheet.build(data)
    except ValidationError as exc:
        return [_validation_problem(sheet, path, row, texts, err) for err in exc.errors()], None


def _validation_problem(sheet: Kind, path: Path, row: int, texts: dict[str, str], err: dict) -> str:
    message = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    fields = [str(p) for p in err["loc"] if not isinstance(p, int)]
    items = [p for p in err["loc"] if isinstance(p, int)]
    column = _column_of(sheet, ".".join(fields), message)
    if column is None:
        return row_problem(path, row, None, message)
    text = texts.get(column.name, "")
    if items and column.cell.name not in ("text", "code"):
        message = f"item {items[0] + 1}: {message}"
    elif text and err["type"] not in ("value_error", "assertion_error"):
        message = (f"{message} (got {text!r})" if len(text) <= 60
                   else f"{message} (got {text[:40]!r}... {len(text)} characters)")
    return row_problem(path, row, column.name, message)


def _column_of(sheet: Kind, field: str, message: str) -> Column | None:
    for column in sheet.columns:
        if column.field == field:
            return column
    for words, name in sheet.model_errors.get(field, ()):
        if words in message:
            return sheet.column(name)
    prefixes = [c for c in sheet.columns if field.startswith(c.field + ".")]
    return max(prefixes, key=lambda c: len(c.field), default=None)


def _cells(sheet: Kind, obj) -> list[str]:
    view = sheet.view(obj)
    cells = []
    for column in sheet.columns:
        value = view
        for part in column.field.split("."):
            value = getattr(value, part)
        cells.append(column.cell.format(value))
    return cells


def write_rows(kind: str, objects: list, path: Path) -> None:
    """Write objects (for `sites`, (member code, Site) pairs, each member's in its order) sorted by code,
    columns in their fixed order."""
    sheet = spec(kind)
    check_suffix(Path(path))
    rows = [_cells(sheet, obj) for obj in sorted(objects, key=sheet.order)]
    write_grid(Path(path), sheet.name, columns(kind), rows, [c.cell.numeric for c in sheet.columns])


def write_template(kind: str, path: Path) -> None:
    """The columns of a kind with one realistic example row, which `read_rows` accepts."""
    write_rows(kind, [example(kind)], path)
