"""Rules on an employee's working time: overlaps and travel, daily and weekly limits, rests, streaks."""

from __future__ import annotations

from datetime import datetime, timedelta
from collections.abc import Iterator

from consortium.weeks import week_of
from .context import Context, Placed, local
from .violations import Finding, at_text, day_text, hours_text

__all__ = [
    "no_overlap_travel", "max_daily_hours", "max_weekly_hours", "average_weekly_hours", "daily_rest",
    "weekly_rest", "max_days_per_week", "max_consecutive_days", "part_time_interruptions",
]


def no_overlap_travel(ctx: Context) -> Iterator[Finding]:
    for code, items in ctx.by_employee.items():
        for a, b in zip(items, items[1:], strict=False):
            found = lambda text, absolute=False: Finding(text, code, b.request.code, b.day, b.start, absolute)  # noqa: E731
            if b.start < a.end:
                yield found(f"{code} is placed twice at once on {day_text(b.day)}: "
                            f"{a.request.code} until {a.end:%H:%M} and {b.request.code} from {b.start:%H:%M}", True)
                continue
            need = ctx.travel(a, b)
            gap = int((b.start - a.end).total_seconds() // 60)
            if gap < need:
                yield found(f"{code} has {gap} min on {day_text(b.day)} to go from {a.place} to {b.place} "
                            f"({b.request.code} at {b.start:%H:%M}), travel takes {need} min")


def max_daily_hours(ctx: Context) -> Iterator[Finding]:
    limit = round(ctx.rules.max_daily_hours * 60)
    for code, days in ctx.by_day.items():
        for day, items in days.items():
            worked, travel = ctx.day_minutes(items)
            other = ctx.elsewhere_minutes(code, day)
            if worked + other > limit:
                parts = [f"{hours_text(travel)} travel"] * bool(travel) + [
                    f"{hours_text(other)} for the other employer"] * bool(other)
                extra = f" including {' and '.join(parts)}" if parts else ""
                yield Finding(f"{code} works {hours_text(worked + other)} on {day_text(day)}{extra} "
                              f"(max {hours_text(limit)})", code, None, day, items[0].start)


def max_weekly_hours(ctx: Context) -> Iterator[Finding]:
    legal = round(ctx.rules.max_weekly_hours * 60)
    for code, weeks in _weeks(ctx).items():
        contract = ctx.employees[code].contract
        limit = round(contract.max_weekly_hours(ctx.rules) * 60)
        why = "part-time contract plus complementary hours" if contract.is_part_time else "legal max"
        for week, minutes in weeks.items():
            other = sum(ctx.elsewhere_minutes(code, day) for day in week.days())
            if minutes > limit:
                yield Finding(f"{code} works {hours_text(minutes)} in {week} from {day_text(week.monday)} "
                              f"({why} {hours_text(limit)})", code, None, week.monday)
            elif other and minutes + other > legal:  # lent staff: both employers together
                yield Finding(f"{code} works {hours_text(minutes + other)} in {week} from {day_text(week.monday)} "
                              f"including {hours_text(other)} for the other employer (legal max "
                              f"{hours_text(legal)})", code, None, week.monday)


def average_weekly_hours(ctx: Context) -> Iterator[Finding]:
    n, limit = ctx.rules.average_weeks, round(ctx.rules.max_average_weekly_hours * 60)
    for code, weeks in _weeks(ctx).items():
        for week in weeks:
            window = [week.shift(-i) for i in range(n)]
            total = sum(weeks[w] if w in weeks else _past_minutes(ctx, code, str(w)) for w in window)
            if total > limit * n:
                yield Finding(f"{code} averages {hours_text(total / n)} a week over the {n} weeks to {week} "
                              f"(week of {day_text(week.monday)}; max {hours_text(limit)})", code, None, week.monday)


def daily_rest(ctx: Context) -> Iterator[Finding]:
    need = round(ctx.rules.daily_rest_hours * 60)
    for code in ctx.by_day:
        days: dict = {}  # working day -> its work in time order, the hours for another employer included
        for start, end, placed in ctx.busy(code):
            days.setdefault(start.date() if placed is None else placed.day, []).append((start, end, placed))
        ends = [(_last_shift_end(ctx, code), False)] + [
            (max(end for _, end, _ in items), any(p for _, _, p in items)) for items in days.values()]
        for (end, planned_before), (day, items) in zip(ends, days.items(), strict=False):
            first, _, placed = items[0]
            if end is None or not (planned_before or any(p for _, _, p in items)):
                continue
            rest = int((first - end).total_seconds() // 60)
            if 0 <= rest < need:
                yield Finding(f"{code} rests {hours_text(rest)} before {at_text(first)} "
                              f"(last work ended {at_text(end)}; min {hours_text(need)})", code,
                              placed.request.code if placed else None, day, first)


def weekly_rest(ctx: Context) -> Iterator[Finding]:
    need = round(ctx.rules.weekly_rest_hours * 60)
    for code, placed in ctx.by_employee.items():
        items = ctx.busy(code)
        for week in sorted({week_of(p.day) for p in placed}):
            monday = datetime.combine(week.monday, datetime.min.time())
            sunday_end = monday + timedelta(days=7)
            # The rest may begin before Monday: at the last shift of the week before, if known.
            before = [end for _, end, _ in items if end <= monday]
            last_end = _last_shift_end(ctx, code)
            if week == ctx.week and last_end:
                before.append(last_end)
            free_from = min(monday, max(before)) if before else monday
            longest = 0
            for start, end, _ in items:
                if end <= free_from or start >= sunday_end:
                    continue
                longest = max(longest, int((start - free_from).total_seconds() // 60))
                free_from = max(free_from, end)
            longest = max(longest, int((sunday_end - free_from).total_seconds() // 60))
            if longest < need:
                yield Finding(f"{code} has at most {hours_text(longest)} of uninterrupted rest in {week} "
                              f"from {day_text(week.monday)} (min {hours_text(need)})", code, None, week.monday)


def max_days_per_week(ctx: Context) -> Iterator[Finding]:
    limit = ctx.rules.max_days_per_week
    for code, days in ctx.by_day.items():
        per_week: dict = {}
        for day in days:
            per_week.setdefault(week_of(day), []).append(day)
        for week, worked in per_week.items():
            if len(worked) > limit:
                yield Finding(f"{code} works {len(worked)} days in {week}, {day_text(worked[0])} to "
                              f"{day_text(worked[-1])} (max {limit})", code, None, worked[limit])


def max_consecutive_days(ctx: Context) -> Iterator[Finding]:
    limit = ctx.rules.max_consecutive_days
    for code, days in ctx.by_day.items():
        past = ctx.past(code)
        carried = past.consecutive_days if past else 0
        streak, previous = 0, None
        for day in days:
            if previous is not None and day == previous + timedelta(days=1):
                streak += 1
            else:
                streak = 1 + (carried if day == ctx.week.monday else 0)
            if streak == limit + 1:
                yield Finding(f"{code} works {streak} days in a row up to {day_text(day)} (max {limit})",
                              code, days[day][0].request.code, day, days[day][0].start)
            previous = day


def part_time_interruptions(ctx: Context) -> Iterator[Finding]:
    limit = ctx.rules.part_time_max_interruptions
    for code, days in ctx.by_day.items():
        if not ctx.employees[code].contract.is_part_time:
            continue
        for day, items in days.items():
            # A gap no longer than the drive between two sites is travel, not an interruption.
            breaks = [b for a, b in zip(items, items[1:], strict=False)
                      if b.start - a.end > timedelta(minutes=ctx.travel(a, b))]
            if len(breaks) > limit:
                yield Finding(f"{code} (part time) has {len(breaks)} interruptions on {day_text(day)} "
                              f"(max {limit}): {_periods(items)}", code, None, day, breaks[limit].start)


def _periods(items: list[Placed]) -> str:
    return ", ".join(f"{p.start:%H:%M}-{p.end:%H:%M}" for p in items)


def _weeks(ctx: Context) -> dict[str, dict]:
    return {code: ctx.weekly_minutes(code) for code in ctx.by_employee}


def _past_minutes(ctx: Context, code: str, week: str) -> int:
    return 0 if ctx.history is None else ctx.history.weekly_minutes(code, week)


def _last_shift_end(ctx: Context, code: str) -> datetime | None:
    past = ctx.past(code)
    if past is None or past.last_shift_end is None:
        return None
    return local(past.last_shift_end, ctx.group.settings.timezone)

