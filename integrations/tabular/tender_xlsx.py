"""Tender workbooks and capacity sheets: spreadsheet rows into the consortium's domain.

A tender workbook has four sheets, each with a header row:
`tender` (field, value), `lots` (code, title, release_week, due_week), `items` (lot, code, description,
quantity, material_cost, milestones `2027-W08:40;...`), `steps` (item, code, process, run_hours,
setup_hours, certificates, predecessors, transfer_lag_weeks, splittable, max_members, min_batch, and one
`param.NAME` column per step parameter, e.g. `param.thickness_mm`). Errors name file, sheet, row, column.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from consortium.tender import Tender
from consortium.tender_file import tender_from_mapping
from consortium.errors import InvalidInput, RowError

from .files import read_grid

__all__ = ["read_tender_xlsx"]

_TEAM = {"mandataire", "max_size", "solo_bidders", "exclude_solo_bidders", "mandataire_required"}
_PRICING = {"transport_per_handoff", "coordination_fee", "contingency_pct", "margin_pct"}
_LISTS = {"certificates", "predecessors", "solo_bidders"}


def _records(path: Path, sheet: str) -> list[tuple[int, dict[str, str]]]:
    grid = read_grid(path, sheet)
    if not grid:
        raise InvalidInput(f"{path.name}: sheet {sheet}: empty")
    header = [h.strip().lower() for h in grid[0]]
    return [(n, {h: v for h, v in zip(header, row, strict=False) if h and v != ""})
            for n, row in enumerate(grid[1:], start=2) if any(row)]


def _split(text: str) -> list[str]:
    return [v.strip() for v in text.replace(";", ",").split(",") if v.strip()]


def read_tender_xlsx(path: str | Path) -> Tender:
    """Read a tender workbook; RowError with every problem as `FILE: sheet S row N: column C: what`."""
    path = Path(path)
    head = {row.get("field", "").strip(): row.get("value", "") for _, row in _records(path, "tender")}
    data: dict = {"team": {}, "pricing": {}, "lots": []}
    for key, value in head.items():
        target = data["team"] if key in _TEAM else data["pricing"] if key in _PRICING else data
        target[key] = _split(value) if key in _LISTS else value
    origin: dict[tuple, tuple[str, int]] = {}
    lots = {}
    for n, row in _records(path, "lots"):
        lot = {**row, "items": []}
        origin[("lots", len(data["lots"]))] = ("lots", n)
        lots[row.get("code", "").upper()] = (len(data["lots"]), lot)
        data["lots"].append(lot)
    items = {}
    for n, row in _records(path, "items"):
        lot_code = row.pop("lot", "").upper()
        if lot_code not in lots:
            raise InvalidInput(f"{path.name}: sheet items row {n}: column lot: unknown lot {lot_code or '(empty)'}")
        li, lot = lots[lot_code]
        milestones = [dict(zip(("week", "quantity"), m.split(":", 1), strict=False))
                      for m in _split(row.pop("milestones", ""))]
        item = {**row, "steps": [], "milestones": milestones}
        origin[("lots", li, "items", len(lot["items"]))] = ("items", n)
        items[row.get("code", "").upper()] = (li, len(lot["items"]), item)
        lot["items"].append(item)
    for n, row in _records(path, "steps"):
        item_code = row.pop("item", "").upper()
        if item_code not in items:
            raise InvalidInput(f"{path.name}: sheet steps row {n}: column item: unknown item {item_code or '(empty)'}")
        li, ii, item = items[item_code]
        step = {k: (_split(v) if k in _LISTS else v) for k, v in row.items() if not k.startswith("param.")}
        step["parameters"] = {k[6:]: _number_or_text(v) for k, v in row.items() if k.startswith("param.")}
        origin[("lots", li, "items", ii, "steps", len(item["steps"]))] = ("steps", n)
        item["steps"].append(step)
    try:
        Tender.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            where, field = "sheet tender", ".".join(str(p) for p in loc)
            for cut in range(len(loc), 0, -1):
                if loc[:cut] in origin:
                    sheet, n = origin[loc[:cut]]
                    where, field = f"sheet {sheet} row {n}", ".".join(str(p) for p in loc[cut:]) or "(row)"
                    break
            msg = "unknown column" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
            problems.append(f"{path.name}: {where}: column {field}: {msg}")
        raise RowError(problems) from None
    return tender_from_mapping(data, path.name)


def _number_or_text(text: str) -> float | str:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text


