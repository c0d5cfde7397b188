"""Placing a problem found later (against the database) back on the row and column of the imported file."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from .kinds import SPECS
from .rows import row_problem

__all__ = ["FIELD_COLUMNS", "column_for", "row_index", "locate"]


def _field_columns() -> dict[str, str]:
    mapping = {}
    for sheet in SPECS.values():
        for column in sheet.columns:
            mapping.setdefault(column.field, column.name)
    # Problems about a member's sites name them through the member (`sites.authorisation_required_for`).
    for column in SPECS["sites"].columns:
        mapping[f"sites.{column.field}"] = column.name
    mapping["preferences"] = "preferred_members/avoided_members"
    mapping["contract"] = "contract_start/contract_end"
    return mapping


FIELD_COLUMNS: Mapping[str, str] = _field_columns()
"""Domain field path (`contract.members`, `skills`) -> column (`members`, `skills`)."""

_PROBLEM = re.compile(r"^(?P<who>[\w ]+?) (?P<code>\S+): field (?P<field>[\w.]+): (?P<message>.*)$", re.S)


def column_for(field: str) -> str:
    """The column that holds a domain field or its nearest parent (list indexes ignored); else the field."""
    parts = [part for part in field.split(".") if not part.isdigit()]
    for end in range(len(parts), 0, -1):
        column = FIELD_COLUMNS.get(".".join(parts[:end]))
        if column:
            return column
    return field


def row_index(kind: str, rows: list[tuple[int, object]]) -> dict[str, int]:
    """Code -> row of what `read_rows` returned (`MEMBER/SITE` for sites; absences have no code)."""
    if kind == "sites":
        return {f"{code}/{site.code}": row for row, (code, site) in rows}
    if kind == "absences":
        return {}
    return {obj.code: row for row, obj in rows}


def locate(problem: str, rows: Mapping[str, int], path: Path | str) -> str:
    """`employee E012: field skills: unknown skill 'TIGG'` -> `employees.csv:5: column skills: unknown skill 'TIGG'`.

    `rows` maps codes to rows (`row_index`); a problem whose subject is not there keeps its text behind
    the file name.
    """
    match = _PROBLEM.match(problem)
    if not match or match["code"] not in rows:
        return f"{Path(path).name}: {problem}"
    return row_problem(path, rows[match["code"]], column_for(match["field"]), match["message"])
