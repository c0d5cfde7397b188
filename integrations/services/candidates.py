"""The candidate pool: import from a sheet (all rows or none), list, show, forget, match to the shortage.

Columns: code, name, rome, trade, available_from, consent, and latitude with longitude (required);
postcode, skills (`TIG:2, MIG-MAG:1`), certs (`SST:SST, HAB-ELEC:BR:2027-03-31`: type, level and the
last day valid when it expires, checked against the catalogue), hours (wished a week, default 35),
max_travel_km (default 30) (optional). Postcodes are kept but not geocoded: no postcode data ships.
Every bad row is reported as `FILE:ROW: column COLUMN: what is wrong`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from consortium.base import CODE_PATTERN
from consortium.errors import InvalidInput, RowError
from consortium.weeks import IsoWeek
from integrations.services.planning_days import today
from integrations.services.weekly import history_from_plans
from integrations.tabular import row_problem
from integrations.tabular.files import read_named_rows
from sharing.allocation import AllocationParams
from sharing.catalogue import Catalogue
from sharing.forecast import Candidate, Held, Match, forecast_params, week_range
from sharing.forecast import match as run_match
from sharing.forecast.consent import consent_expired, consent_limit, months_after, retention_months
from sharing.parsing import split_list

__all__ = ["CANDIDATE_COLUMNS", "Pooled", "forget_expired", "import_candidates", "match_candidates", "pool",
           "read_candidates", "retention", "set_retention"]

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


def _close(word: str, known) -> str:
    close = difflib.get_close_matches(word, sorted(known), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def _skills(text: str, catalogue: Catalogue) -> dict[str, int]:
    out = {}
    for item in split_list(text):
        code, _, level = item.partition(":")
        skill = catalogue.skill(code.strip().upper())
        if skill is None:
            known = [k.code for k in catalogue.skills]
            raise ValueError(f"skills: unknown skill {code.strip()!r}{_close(code.strip().upper(), known)}")
        if not level.strip().isdigit() or not 1 <= int(level) <= len(skill.levels):
            raise ValueError(f"skills: {item!r} is not like {skill.code}:2 (levels 1..{len(skill.levels)})")
        out[skill.code] = int(level)
    return out


def _certs(text: str, catalogue: Catalogue) -> tuple[Held, ...]:
    """`TYPE:LEVEL` or `TYPE:LEVEL:LAST-VALID-DAY` items, checked against the catalogue's certification types."""
    out = []
    for item in split_list(text):
        kind, _, rest = (part.strip() for part in item.partition(":"))
        level, _, until = (part.strip() for part in rest.partition(":"))
        cert = catalogue.certification_type(kind.upper())
        if cert is None:
            known = [t.code for t in catalogue.certification_types]
            raise ValueError(f"certs: unknown certificate type {kind!r}{_close(kind.upper(), known)} "
                             "(TYPE:LEVEL[:VALID-TO], e.g. SST:SST or HAB-ELEC:BR:2027-03-31)")
        if level not in cert.levels:
            levels = ", ".join(cert.levels)
            raise ValueError(f"certs: {item!r}: {cert.code} has levels {levels}{_close(level, cert.levels)}")
        try:
            valid_to = date.fromisoformat(until) if until else None
        except ValueError:
            raise ValueError(f"certs: {item!r}: {until!r} is not a day like 2027-03-31") from None
        out.append(Held(cert.code, level, valid_to))
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


@dataclass(frozen=True)
class Pooled:
    """A stored candidate and, when his or her consent has expired, the day it did."""

    candidate: Candidate
    expired_on: date | None


def retention(repo) -> tuple[int, bool]:
    """The group's consent retention in months, and whether it is the default (the CNIL's two years)."""
    settings = repo.people.get_settings()
    return retention_months(settings), settings.candidate_retention_months is None


def set_retention(repo, months: int | None) -> int:
    """Store how many months a candidate's consent lasts (None: back to the default); returns it."""
    if months is not None and not 1 <= months <= 120:
        raise InvalidInput(f"retention: {months} months is not between 1 and 120")
    settings = repo.people.get_settings().model_copy(update={"candidate_retention_months": months})
    repo.people.save_settings(settings)
    return retention_months(settings)


def pool(repo, as_of: date | None = None, months: int | None = None) -> list[Pooled]:
    """Every stored candidate by code, with the day his or her consent expired (None: still valid) on
    `as_of` (default: the planning day), under `months` (default: the group's retention)."""
    day = today(repo, as_of)
    months = months or retention(repo)[0]
    out = []
    for c in repo.candidates.list():
        expired = consent_expired(c.consent, day, months)
        out.append(Pooled(c, (months_after(c.consent, months) if c.consent else day) if expired else None))
    return out


def forget_expired(repo, as_of: date | None = None, months: int | None = None) -> tuple[date, list[str]]:
    """Erase every candidate whose consent has expired (see `pool`): the first consent day kept, the codes erased."""
    limit = consent_limit(today(repo, as_of), months or retention(repo)[0])
    return limit, repo.candidates.forget_consented_before(limit)


def match_candidates(repo, first: str, last: str, params: AllocationParams | None = None,
                     as_of: date | None = None) -> tuple[list[Match], list[Pooled]]:
    """The stored candidates whose consent still holds, ranked for the shortage of the stored weeks
    `first`..`last`, and those left out because their consent expired; nothing stored."""
    weeks: list[IsoWeek] = week_range(first, last)
    groups = [(week, repo.load_group(week)) for week in weeks]
    if not any(g.requests for _, g in groups):
        raise InvalidInput(f"no requests from {first} to {last}")
    pooled = pool(repo, as_of)
    if not pooled:
        raise InvalidInput("no candidate stored: mutualis candidate import FILE.csv first")
    valid = [p.candidate for p in pooled if p.expired_on is None]
    expired = [p for p in pooled if p.expired_on is not None]
    if not valid:
        return [], expired
    params = params or forecast_params()
    return run_match(groups, valid, params, history=history_from_plans(repo, weeks[0])), expired
