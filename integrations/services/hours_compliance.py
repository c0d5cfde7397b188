"""Hours worked against the labour rules, in the database: what new hours would break, and a month's check.

The rules are the compliance checker's (`sharing.compliance.check_worked`); this module only gathers the
worked lines of the weeks concerned (with the weeks before them, for the rules that span weeks) and
tells new violations from those already there or knowingly declared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sharing.compliance import Violation, check_worked, exception_key, split_declared
from sharing.compliance.worked import WEEK_RULE_IDS
from consortium.errors import InvalidInput
from sharing.hours import Correction, DeclaredException, WorkedLine, worked_lines
from consortium.weeks import IsoWeek, month_bounds, week_of
from integrations.store import Repository

__all__ = ["MonthCheck", "weeks_between", "worked_between", "new_violations", "refusal", "check_month",
           "declared_for"]


def weeks_between(start: date, end: date) -> list[IsoWeek]:
    """The ISO weeks that meet the days [start, end)."""
    weeks, day = [], start - timedelta(days=start.weekday())
    while day < end:
        weeks.append(week_of(day))
        day += timedelta(days=7)
    return weeks


def worked_between(repo: Repository, start: date, end: date, extra: Sequence[Correction] = (), *,
                   include_adjustments: bool = True) -> list[WorkedLine]:
    """Lines worked on the days [start, end); `extra` corrections (not stored yet) are applied last."""
    plans = [p for p in (repo.plans.get_plan(w) for w in weeks_between(start, end)) if p is not None]
    corrections = repo.hours.list_corrections(start, end) + list(extra)
    return [x for x in worked_lines(plans, corrections, include_adjustments=include_adjustments)
            if start <= x.day < end]


def _violations(repo: Repository, weeks: list[IsoWeek], extra: Sequence[Correction] = ()) -> list[Violation]:
    reach = repo.people.get_settings().labour.average_weeks
    start = min(weeks).shift(-reach).monday
    end = max(weeks).monday + timedelta(days=7)
    return check_worked(worked_between(repo, start, end, extra), repo.load_group(), weeks)


def new_violations(repo: Repository, corrections: list[Correction]) -> list[Violation]:
    """The violations that recording `corrections` would add to the hours worked (those already there left out).

    The weeks checked are those of the corrections and the week after each (rests and streaks carry over).
    """
    if not corrections:
        return []
    weeks = sorted({w for c in corrections for w in (week_of(c.day), week_of(c.day).shift(1))})
    before = {_key(v) for v in _violations(repo, weeks)}
    return [v for v in _violations(repo, weeks, corrections) if _key(v) not in before]


def _key(v: Violation) -> tuple[str, str | None, str | None, date | None]:
    # Not the message: hours that shorten a day already too long are not refused for still breaking it
    # (that violation stays open for `check --month` until corrected or declared).
    return v.rule, v.employee, v.request, v.day


def refusal(found: list[Violation], accepted_reason: str) -> str | None:
    """Why hours that break `found` cannot be recorded, or None when they can (with the reason as declaration)."""
    absolute = [v for v in found if v.absolute]
    if absolute:
        return "; ".join(v.message for v in absolute) + " (never accepted)"
    if found and not accepted_reason.strip():
        return "; ".join(f"[{v.rule}] {v.message}" for v in found) + (
            " (to record it knowingly, give the reason: --accept-violation \"...\", column accept_violation)")
    return None


@dataclass(frozen=True)
class MonthCheck:
    """A month's hours worked against the rules: violations still open, and those declared knowingly."""

    month: str
    open: list[Violation] = field(default_factory=list)
    declared: list[tuple[Violation, DeclaredException]] = field(default_factory=list)

    def open_for(self, employees: set[str]) -> list[Violation]:
        return [v for v in self.open if v.employee is None or v.employee in employees]


def _in_month(v: Violation, first: date, nxt: date) -> bool:
    if v.day is None:
        return True
    if v.rule in WEEK_RULE_IDS:
        return v.day < nxt and v.day + timedelta(days=7) > first
    return first <= v.day < nxt


def declared_for(repo: Repository, start: date, end: date) -> dict[tuple, DeclaredException]:
    """The declared exceptions dated in [start, end), by what they cover."""
    return {exception_key(x.rule, x.employee, x.day): x for x in repo.hours.list_exceptions(start, end)}


def check_month(repo: Repository, month: str) -> MonthCheck:
    """Every rule the month's hours worked break (planned, corrected, extra, adjusted), split open/declared."""
    first, nxt = month_bounds(month)
    weeks = weeks_between(first, nxt)
    found = [v for v in _violations(repo, weeks) if _in_month(v, first, nxt)]
    declared = declared_for(repo, weeks[0].monday - timedelta(days=7), nxt + timedelta(days=7))
    open_, covered = split_declared(found, declared)
    pairs = [(v, declared[exception_key(v.rule, v.employee, v.day)]) for v in covered]
    return MonthCheck(month=f"{first:%Y-%m}", open=open_, declared=pairs)


def refuse_if_any(where: str, found: list[Violation], accepted_reason: str) -> None:
    """InvalidInput when the violations cannot be recorded (see `refusal`)."""
    why = refusal(found, accepted_reason)
    if why:
        raise InvalidInput(f"{where}: refused: {why}")
