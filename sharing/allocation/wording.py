"""The engine's hard-rule violations in words a GE manager understands, one entry per rule id.

`WORDING` maps each engine rule id the weekly allocation sets to a function
``(built, employee, shift, subject) -> words``; `NOT_SET` names the engine's other hard rules, which
the allocation's problems never use (their Rules fields stay unset, their inputs empty). A test keeps
the two together equal to the engine's registry.
"""

from __future__ import annotations

from collections.abc import Callable

from .build import Built
from .candidates import DAY_NAMES

__all__ = ["NOT_SET", "WORDING", "word_violation"]


def _when(built: Built, code: str) -> str:
    r = built.requests[code]
    night = " night" if r.ends_next_day else ""
    return f"{DAY_NAMES[r.day.weekday()]}{night}"


def _other(subject: str, shift: str) -> str:
    a, _, b = subject.partition("|")
    return b if a == shift else a


def _eligibility(built: Built, employee: str, shift: str, subject: str) -> str:
    return "; ".join(built.why_not_eligible(employee, shift)) or "not eligible"


def _pinned(built: Built, employee: str, shift: str, subject: str) -> str:
    return f"the pinned assignment {subject} would not hold"


def _no_overlap_travel(built: Built, employee: str, shift: str, subject: str) -> str:
    other = _other(subject, shift)
    if other in built.home:
        return f"works {built.home[other]}, no time for this request"
    r, o = built.requests[shift], built.requests[other]
    place = built.places[other].code
    lo, hi = r.interval()
    olo, ohi = o.interval()
    if olo < hi and lo < ohi:
        return f"placed at {place} for a {o.priority} request ({other}) at the same time"
    return f"{built.travel(shift, other)} min from {place} ({other}), no time to travel"


def _daily_rest(built: Built, employee: str, shift: str, subject: str) -> str:
    rest = f"{built.group.settings.labour.daily_rest_hours:g} h rest"
    if subject.startswith("history|"):
        last = built.history.employee(employee).last_shift_end if built.history else None
        return f"{rest} after last week's last shift" + (f" (ended {last:%a %H:%M})" if last else "")
    other = _other(subject, shift)
    if other in built.home:
        side = "after" if built.problem_shift(other).start < built.problem_shift(shift).start else "before"
        return f"{rest} {side} working {built.home[other]}"
    side = "after" if built.requests[other].interval()[0] < built.requests[shift].interval()[0] else "before"
    return f"{rest} {side} {_when(built, other)} at {built.places[other].code} ({other})"


def _max_week_minutes(built: Built, employee: str, shift: str, subject: str) -> str:
    if employee in built.lent:
        offer = built.lent[employee]
        return (f"would exceed the {offer.hours_per_week:g} h a week {offer.member} lends (or the legal week, with "
                f"{offer.home_week_hours:g} h at {offer.member})")
    contract = built.employees[employee].contract
    cap = contract.max_weekly_hours(built.group.settings.labour)
    kind = "part-time limit of " if contract.is_part_time else ""
    return f"would exceed the {kind}{cap:g} h this week"


def _rolling_average(built: Built, employee: str, shift: str, subject: str) -> str:
    labour = built.group.settings.labour
    return f"would exceed the {labour.max_average_weekly_hours:g} h average over {labour.average_weeks} weeks"


def _max_day_minutes(built: Built, employee: str, shift: str, subject: str) -> str:
    hours = built.group.settings.labour.max_daily_hours
    home = " and hours at the home firm" if employee in built.lent else ""
    return f"would exceed {hours:g} h on {_when(built, shift)} (travel between sites{home} included)"


def _weekly_rest(built: Built, employee: str, shift: str, subject: str) -> str:
    return f"would leave no {built.group.settings.labour.weekly_rest_hours:g} h weekly rest"


def _max_days_per_week(built: Built, employee: str, shift: str, subject: str) -> str:
    return f"would work more than {built.group.settings.labour.max_days_per_week} days this week"


def _max_consecutive_days(built: Built, employee: str, shift: str, subject: str) -> str:
    return f"would work more than {built.group.settings.labour.max_consecutive_days} days in a row"


def _max_shifts_per_day(built: Built, employee: str, shift: str, subject: str) -> str:
    return f"part-time: at most {built.group.settings.labour.part_time_max_interruptions} interruption(s) a day"


def _demand_hard_max(built: Built, employee: str, shift: str, subject: str) -> str:
    return "the request already has its headcount"


WORDING: dict[str, Callable[[Built, str, str, str], str]] = {
    "eligibility": _eligibility,
    "pinned": _pinned,
    "max_shifts_per_day": _max_shifts_per_day,
    "no_overlap_travel": _no_overlap_travel,
    "daily_rest": _daily_rest,
    "max_day_minutes": _max_day_minutes,
    "weekly_rest": _weekly_rest,
    "max_days_per_week": _max_days_per_week,
    "max_consecutive_days": _max_consecutive_days,
    "max_week_minutes": _max_week_minutes,
    "rolling_average": _rolling_average,
    "demand_hard_max": _demand_hard_max,
}
NOT_SET = frozenset({
    "days_off",  # absences make the shifts ineligible instead
    "min_consecutive_days", "min_consecutive_days_off", "max_weekends", "max_per_type", "total_minutes",
    "forbidden_succession", "demand_hard_min",
})


def word_violation(built: Built, employee: str, shift: str, rule: str, subject: str) -> str:
    """One engine violation of adding (employee, shift), in words."""
    word = WORDING.get(rule)
    return word(built, employee, shift, subject) if word else f"breaks rule {rule} ({subject})"
