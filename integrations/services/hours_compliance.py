"""Hours worked against the labour rules, in the database: what new hours would break, and a month's check.

The rules are the compliance checker's (`sharing.compliance.check_worked`); this module only gathers the
worked lines of the weeks concerned (with the weeks before them, for the rules that span weeks) and
tells new violations from those already there or knowingly declared.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sharing.compliance import Violation, check_worked, exception_key, split_declared
from sharing.compliance.worked import WEEK_RULE_IDS
from consortium.errors import InvalidInput
from sharing.hours import Correction, DeclaredException, WorkedLine, worked_lines
from sharing.plans import Plan
from consortium.weeks import IsoWeek, month_bounds, week_of
from integrations.store import Repository

__all__ = ["MonthCheck", "weeks_between", "worked_between", "new_violations", "refusal", "check_month",
           "declared_for", "still_to_check"]


def weeks_between(start: date, end: date) -> list[IsoWeek]:
    """The ISO weeks that meet the days [start, end)."""
    weeks, day = [], start - timedelta(days=start.weekday())
    while day < end:
        weeks.append(week_of(day))
        day += timedelta(days=7)
    return weeks


def worked_between(repo: Repository, start: date, end: date, extra: Sequence[Correction] = (), *,
                   include_adjustments: bool = True, unchecked: Collection[tuple] = ()) -> list[WorkedLine]:
    """Lines worked on the days [start, end); `extra` corrections (not stored yet) are applied last.

    The corrections a member's login recorded (`to_check`) on the shifts `unchecked` (employee, request,
    day) are left out: what those shifts were before the GE manager had to check them.
    """
    return _lines(*_stored(repo, start, end), start, end, extra, include_adjustments=include_adjustments,
                  unchecked=unchecked)


def _stored(repo: Repository, start: date, end: date) -> tuple[list[Plan], list[Correction]]:
    """The plans of the weeks meeting [start, end) and the corrections stored for those days."""
    plans = [p for p in (repo.plans.get_plan(w) for w in weeks_between(start, end)) if p is not None]
    return plans, repo.hours.list_corrections(start, end)


def _lines(plans: list[Plan], stored: list[Correction], start: date, end: date, extra: Sequence[Correction] = (),
           *, include_adjustments: bool = True, unchecked: Collection[tuple] = ()) -> list[WorkedLine]:
    corrections = [c for c in stored if not (c.to_check and c.key() in unchecked)] + list(extra)
    return [x for x in worked_lines(plans, corrections, include_adjustments=include_adjustments)
            if start <= x.day < end]


def _span(repo: Repository, weeks: list[IsoWeek]) -> tuple[date, date]:
    """The days the rules of `weeks` read: the weeks before them that the averages reach, and the weeks."""
    reach = repo.people.get_settings().labour.average_weeks
    return min(weeks).shift(-reach).monday, max(weeks).monday + timedelta(days=7)


def _violations(repo: Repository, weeks: list[IsoWeek]) -> list[Violation]:
    start, end = _span(repo, weeks)
    return check_worked(worked_between(repo, start, end), repo.load_group(), weeks)


def new_violations(repo: Repository, corrections: list[Correction]) -> list[Violation]:
    """The violations that recording `corrections` would add to the hours worked (those already there left out).

    The weeks checked are those of the corrections and the week after each (rests and streaks carry over).
    What a member's login recorded on the same shifts is not "already there": the GE manager confirming or
    correcting such a shift is told every rule it breaks, and declares them with a reason. The plans, the
    stored corrections and the group are read once for both checks.
    """
    if not corrections:
        return []
    weeks = sorted({w for c in corrections for w in (week_of(c.day), week_of(c.day).shift(1))})
    start, end = _span(repo, weeks)
    plans, stored = _stored(repo, start, end)
    group = repo.load_group()
    unchecked = {c.key() for c in corrections}
    before = {_key(v) for v in check_worked(_lines(plans, stored, start, end, unchecked=unchecked), group, weeks)}
    return [v for v in check_worked(_lines(plans, stored, start, end, corrections), group, weeks)
            if _key(v) not in before]


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
    to_check: list[WorkedLine] = field(default_factory=list)  # recorded by members' logins, not confirmed yet

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
    pending = [x for x in still_to_check(repo, worked_between(repo, first, nxt)) if x.to_check]
    return MonthCheck(month=f"{first:%Y-%m}", open=open_, declared=pairs, to_check=pending)


def still_to_check(repo: Repository, lines: list[WorkedLine]) -> list[WorkedLine]:
    """`lines` with `to_check` kept only where the GE manager has not confirmed the shift yet.

    A shift a member's login recorded is confirmed when the manager records it again (then that correction
    applies), or by the validation of the member's month, which checks every rule first (a correction
    recorded after the validation, an adjustment, stays to check).
    """
    validated = {(v.member, v.month): v.validated_at for v in repo.hours.list_validations()}

    def pending(x: WorkedLine) -> bool:
        at = validated.get((x.member, x.month))
        return at is None or (x.recorded_at is not None and x.recorded_at > at)

    return [x if not x.to_check or pending(x) else x.model_copy(update={"to_check": False}) for x in lines]


def refuse_if_any(where: str, found: list[Violation], accepted_reason: str) -> None:
    """InvalidInput when the violations cannot be recorded (see `refusal`)."""
    why = refusal(found, accepted_reason)
    if why:
        raise InvalidInput(f"{where}: refused: {why}")
