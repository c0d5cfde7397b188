"""The candidate pool: import from a sheet (all rows or none), list, show, forget, match to the shortage.

Columns: code, name, rome, trade, available_from, consent, and latitude with longitude (required);
postcode, skills (`TIG:2, MIG-MAG:1`), certs (`SST:SST, HAB-ELEC:BR`), hours (wished a week, default 35),
max_travel_km (default 30) (optional). Postcodes are kept but not geocoded: no postcode data ships.
Every bad row is reported as `FILE:ROW: column COLUMN: what is wrong`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from consortium.base import CODE_PATTERN
from consortium.errors import InvalidInput, RowError
from consortium.weeks import IsoWeek
from integrations.services.weekly import history_from_plans
from integrations.tabular import row_problem
from integrations.tabular.files import read_named_rows
from sharing.allocation import AllocationParams
from sharing.catalogue import Catalogue
from sharing.forecast import Candidate, Match, week_range
from sharing.forecast import match as run_match
from sharing.parsing import split_list

__all__ = ["CANDIDATE_COLUMNS", "import_candidates", "match_candidates", "read_candidates"]

REQUIRED = ("code", "name", "rome", "trade", "available_from", "consent", "latitude", "longitude")
OPTIONAL = ("postcode", "skills", "certs", "hours", "max_travel_km")
CANDIDATE_COLUMNS = REQUIRED + OPTIONAL


def _number(texts: dict[str, str], column: str, default: float, low: float, high: float) -> float:
    text = texts.get(column, str(default)).replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{column}: {text!r} is not a number") from None
    if not low <= value <= high:
        raise ValueError(f"{column}: {value:g} is not between {low:g} and {high:g}")
    return value


def _day(texts: dict[str, str], column: str) -> date:
    try:
        return date.fromisoformat(texts[column].strip()[:10])
    except ValueError:
        raise ValueError(f"{column}: {texts[column]!r} is not a day like 2026-12-01") from None


def _skills(text: str, catalogue: Catalogue) -> dict[str, int]:
    out = {}
    for item in split_list(text):
        code, _, level = item.partition(":")
        skill = catalogue.skill(code.strip().upper())
        if skill is None:
            raise ValueError(f"skills: unknown skill {code.strip()!r}")
        if not level.strip().isdigit() or not 1 <= int(level) <= len(skill.levels):
            raise ValueError(f"skills: {item!r} is not like {skill.code}:2 (levels 1..{len(skill.levels)})")
        out[skill.code] = int(level)
    return out


def _certs(text: str, catalogue: Catalogue) -> tuple[tuple[str, str], ...]:
    out = []
    for item in split_list(text):
        kind, _, level = item.partition(":")
        cert = catalogue.certification_type(kind.strip().upper())
        if cert is None or level.strip() not in cert.levels:
            raise ValueError(f"certs: unknown certificate {item!r} (TYPE:LEVEL from the catalogue, e.g. SST:SST)")
        out.append((cert.code, level.strip()))
    return tuple(out)


def _candidate(texts: dict[str, str], catalogue: Catalogue) -> Candidate:
    """The candidate of one row; ValueError `column: what`."""
    code = texts["code"].strip().upper()
    if not CODE_PATTERN.match(code):
        raise ValueError(f"code: {texts['code']!r} is not a code like C014")
    return Candidate(
        code=code, name=texts["name"].strip(), latitude=_number(texts, "latitude", 0, -90, 90),
        longitude=_number(texts, "longitude", 0, -180, 180), rome=texts["rome"].strip().upper(),
        trade=texts["trade"].strip(), skills=_skills(texts.get("skills", ""), catalogue),
        certificates=_certs(texts.get("certs", ""), catalogue), available_from=_day(texts, "available_from"),
        weekly_hours=_number(texts, "hours", 35, 1, 48), max_travel_km=_number(texts, "max_travel_km", 30, 0, 500),
        postcode=texts.get("postcode", "").strip(), consent=_day(texts, "consent"))


def read_candidates(path: Path | str, catalogue: Catalogue) -> list[tuple[int, Candidate]]:
    """(row, candidate) of every row; RowError listing every bad row, InvalidInput for a bad header."""
    path = Path(path)
    out, problems, seen = [], [], set()
    for row, texts in read_named_rows(path, "candidates", CANDIDATE_COLUMNS, REQUIRED):
        absent = [c for c in REQUIRED if c not in texts]
        if absent:
            geo = absent[0] in ("latitude", "longitude")
            why = "is required (postcodes are not geocoded)" if geo else "is required"
            problems.append(row_problem(path, row, absent[0], why))
            continue
        try:
            candidate = _candidate(texts, catalogue)
        except ValueError as exc:
            column, _, message = str(exc).partition(": ")
            problems.append(row_problem(path, row, column, message))
            continue
        if candidate.code in seen:
            problems.append(row_problem(path, row, "code", f"{candidate.code} is already on an earlier row"))
        seen.add(candidate.code)
        out.append((row, candidate))
    if problems:
        raise RowError(problems)
    if not out:
        raise InvalidInput(f"{path.name}: the file has no rows, only the header")
    return out


def import_candidates(repo, path: Path | str) -> int:
    """Store every candidate of the sheet, or none (a code already stored is named with its row)."""
    rows = read_candidates(path, repo.people.get_catalogue())
    known = {c.code for c in repo.candidates.list()}
    clash = next(((row, c) for row, c in rows if c.code in known), None)
    if clash is not None:
        raise RowError([row_problem(Path(path), clash[0], "code", f"candidate {clash[1].code} already exists")])
    return repo.candidates.add(c for _, c in rows)


def match_candidates(repo, first: str, last: str, params: AllocationParams | None = None) -> list[Match]:
    """Every stored candidate ranked for the shortage of the stored weeks `first`..`last`; nothing stored."""
    weeks: list[IsoWeek] = week_range(first, last)
    groups = [(week, repo.load_group(week)) for week in weeks]
    if not any(g.requests for _, g in groups):
        raise InvalidInput(f"no requests from {first} to {last}")
    candidates = repo.candidates.list()
    if not candidates:
        raise InvalidInput("no candidate stored: mutualis candidate import FILE.csv first")
    params = params or AllocationParams(time_limit=1, seed=0, workers=1, deterministic=True)
    return run_match(groups, candidates, params, history=history_from_plans(repo, weeks[0]))
