"""Reading and writing the grid of a CSV or XLSX file as text cells, with the row numbers users see.

Two safety rules apply to every sheet. A formula without a computed value (a workbook written by a
program, never opened in a spreadsheet) is evaluated when it is plain arithmetic, else refused at its
row and column, never read as empty. Text that a spreadsheet would run as a formula (starting with
`=`, `+`, `-`, `@`, tab or carriage return) is written to CSV behind a single quote (OWASP's advice) and
to XLSX as a text cell; reading a CSV drops that quote again, so an export imported back is unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from consortium.errors import InvalidInput, RowError

from ..files import describe
from .formulas import FormulaError, evaluate

__all__ = ["SUFFIXES", "read_grid", "read_named_rows", "write_grid", "check_suffix", "neutralise", "FORMULA_STARTS"]

SUFFIXES = (".csv", ".xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula, behind a single quote; other text as it is."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _unquote(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def check_suffix(path: Path) -> str:
    """`.csv` or `.xlsx`; `InvalidInput` for any other suffix."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput(f"{path.name}: unsupported file type {suffix or '(none)'} (use .csv or .xlsx)")
    return suffix


def read_grid(path: Path, sheet: str) -> list[list[str]]:
    """Every row of the file as stripped text cells, blank rows kept so that indexes match row numbers.

    XLSX: the sheet named `sheet` (any case), else the first one.
    """
    path = Path(path)
    suffix = check_suffix(path)
    if path.is_dir():
        raise InvalidInput(f"{path}: it is a folder, not a file")
    if not path.is_file():
        raise InvalidInput(f"{path.name}: no such file")
    if suffix == ".csv":
        frame = _read_csv(path)
        return [[_unquote(str(v).strip()) for v in row] for row in frame.fillna("").itertuples(index=False, name=None)]
    name, frame = _read_xlsx(path, sheet)
    grid = [[str(v).strip() for v in row] for row in frame.fillna("").itertuples(index=False, name=None)]
    return _computed(path, name, grid)



def read_named_rows(path: Path, sheet: str, columns: Sequence[str],
                    required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """(row number, {column: text}) of every non-empty row of a sheet whose header names its columns.

    An empty file, or a header with an unknown column or without a required one, is one `InvalidInput`
    naming the file and the expected columns; cells left empty are absent from a row's dict.
    """
    grid = read_grid(path, sheet)
    if not grid or not any(grid[0]):
        raise InvalidInput(f"{path.name}: the file is empty (expected the columns {', '.join(columns)})")
    header = {i: name.strip().lower() for i, name in enumerate(grid[0]) if name.strip()}
    unknown = sorted(set(header.values()) - set(columns))
    missing = [c for c in required if c not in header.values()]
    if unknown or missing:
        what = f"unknown column {unknown[0]!r}" if unknown else f"missing column {missing[0]!r}"
        raise InvalidInput(f"{path.name}: {what} (expected {', '.join(columns)})")
    rows = [(row, {name: cells[i] for i, name in header.items() if i < len(cells) and cells[i]})
            for row, cells in enumerate(grid[1:], start=2)]
    return [(row, texts) for row, texts in rows if texts]

def _read_csv(path: Path) -> pd.DataFrame:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise describe(path, error) from None
    if b"\0" in raw or raw.startswith(b"PK\x03\x04"):
        hint = "; an XLSX workbook named .csv?" if raw.startswith(b"PK") else ""
        raise InvalidInput(f"{path.name}: not a CSV file (binary content{hint})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV (point-virgule)" on a French Windows saves in Windows-1252 (Latin-1 is a subset).
        text = raw.decode("cp1252", errors="replace")
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        return pd.DataFrame()
    sep = ";" if first.count(";") > first.count(",") else ","
    try:
        return pd.read_csv(
            io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False,
            skip_blank_lines=False, quoting=csv.QUOTE_MINIMAL,
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise InvalidInput(f"{path.name}: not a readable CSV file ({str(exc).strip()})") from None


def _read_xlsx(path: Path, sheet: str) -> tuple[str | None, pd.DataFrame]:
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=str, keep_default_na=False, engine="openpyxl")
    except OSError as error:
        raise describe(path, error) from None
    except Exception as exc:  # openpyxl raises many kinds (zipfile, KeyError, XML) for a damaged workbook
        raise InvalidInput(f"{path.name}: not a readable XLSX workbook ({exc})") from None
    if not sheets:
        return None, pd.DataFrame()
    named = [name for name in sheets if name.strip().lower() == sheet]
    name = named[0] if named else next(iter(sheets))
    return name, sheets[name]


def _computed(path: Path, sheet: str | None, grid: list[list[str]]) -> list[list[str]]:
    """The grid with each formula that has no computed value evaluated; RowError for those that cannot be."""
    if sheet is None:
        return grid
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        formulas = [(cell.row, cell.column, cell.value) for row in workbook[sheet].iter_rows()
                    for cell in row if getattr(cell, "data_type", None) == "f" and isinstance(cell.value, str)]
    finally:
        workbook.close()
    problems = []
    for r, c, formula in formulas:
        while len(grid) < r:
            grid.append([""] * (len(grid[0]) if grid else 0))
        cells = grid[r - 1]
        cells.extend([""] * (c - len(cells)))
        if cells[c - 1] != "":
            continue  # computed by the program that saved it
        try:
            cells[c - 1] = evaluate(formula)
        except FormulaError as exc:
            header = next((row for row in grid if any(row)), [])
            column = header[c - 1] if c - 1 < len(header) and header[c - 1] and r > 1 else get_column_letter(c)
            problems.append(f"{path.name}:{r}: column {column}: formula {formula} has no computed value and {exc} "
                            "(type the value, or open and save the file in a spreadsheet program)")
    if problems:
        raise RowError(problems)
    return grid


def write_grid(path: Path, sheet: str, header: list[str], rows: list[list], numeric: list[bool]) -> None:
    """Write the header and rows; in XLSX, numeric columns become number cells and the rest text."""
    path = Path(path)
    suffix = check_suffix(path)
    if suffix == ".csv":
        safe = [[v if n else neutralise(str(v)) for v, n in zip(row, numeric, strict=False)] for row in rows]
        frame = pd.DataFrame(safe, columns=header, dtype=object)
        frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        return
    cells = [[_xlsx_value(v, n) for v, n in zip(row, numeric, strict=False)] for row in rows]
    frame = pd.DataFrame(cells, columns=header, dtype=object)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet, index=False)
        worksheet = writer.sheets[sheet]
        worksheet.freeze_panes = "A2"
        for index, name in enumerate(header):
            width = max([len(name), *(len(str(row[index])) for row in rows)]) + 2
            worksheet.column_dimensions[worksheet.cell(1, index + 1).column_letter].width = min(width, 60)
            if not numeric[index]:
                # Text cells stay text when edited: no SIRET turned into 7.3E+13, no `06:00` into a fraction.
                for (cell,) in worksheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                    cell.number_format = "@"
                    if isinstance(cell.value, str):  # a note starting with `=` is text, not a formula to run
                        cell.data_type = "s"


def _xlsx_value(text: str, numeric: bool):
    if text == "":
        return None
    if not numeric:
        return text
    number = float(text)
    return int(number) if number.is_integer() and "." not in text else number
