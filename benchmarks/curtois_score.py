"""Independent scorer of a Curtois roster: the README's rules, written apart from the engine.

A roster maps (employee, day) to a shift id. Shares no code with solver/.
"""
from __future__ import annotations

from .curtois_format import Instance


def score(inst: Instance, roster: dict[tuple[str, int], str]) -> tuple[int, list[str]]:
    """(objective, hard violations as short messages) of `roster` on `inst`."""
    cost = 0
    for emp, day, shift, weight in inst.on_requests:
        if roster.get((emp, day)) != shift:
            cost += weight
    for emp, day, shift, weight in inst.off_requests:
        if roster.get((emp, day)) == shift:
            cost += weight
    for day, shift, req, under, over in inst.cover:
        n = sum(1 for (_, d), s in roster.items() if d == day and s == shift)
        cost += under * max(0, req - n) + over * max(0, n - req)
    return cost, violations(inst, roster)


def violations(inst: Instance, roster: dict[tuple[str, int], str]) -> list[str]:
    """Hard-rule violations, one message each."""
    out = []
    staff_ids = {s.id for s in inst.staff}
    for (emp, day), shift in roster.items():
        if emp not in staff_ids or shift not in inst.lengths or not 0 <= day < inst.days:
            out.append(f"unknown employee/shift/day {emp} {day} {shift}")
    for st in inst.staff:
        out += _staff_violations(inst, st, roster)
    return out


def _staff_violations(inst, st, roster) -> list[str]:
    out = []
    days = inst.days
    plan = [roster.get((st.id, d)) for d in range(days)]
    for d in range(days - 1):
        if plan[d] and plan[d + 1] and plan[d + 1] in inst.not_after.get(plan[d], ()):
            out.append(f"{st.id}: {plan[d]} then {plan[d + 1]} on day {d + 1}")
    for shift in inst.lengths:
        n = plan.count(shift)
        if n > st.max_shifts.get(shift, 0):
            out.append(f"{st.id}: {n} shifts {shift} > {st.max_shifts.get(shift, 0)}")
    minutes = sum(inst.lengths[s] for s in plan if s in inst.lengths)
    if not st.min_minutes <= minutes <= st.max_minutes:
        out.append(f"{st.id}: {minutes} minutes outside [{st.min_minutes}, {st.max_minutes}]")
    for d in inst.days_off.get(st.id, ()):
        if 0 <= d < days and plan[d]:
            out.append(f"{st.id}: works on day off {d}")
    weekends = sum(1 for k in range(days // 7) if plan[7 * k + 5] or plan[7 * k + 6])
    if weekends > st.max_weekends:
        out.append(f"{st.id}: {weekends} weekends > {st.max_weekends}")
    # runs of working days and days off
    d = 0
    while d < days:
        working = plan[d] is not None
        e = d
        while e < days and (plan[e] is not None) == working:
            e += 1
        length, edge = e - d, d == 0 or e == days
        if working and length > st.max_consecutive:
            out.append(f"{st.id}: {length} consecutive shifts from day {d}")
        if working and not edge and length < st.min_consecutive:
            out.append(f"{st.id}: only {length} consecutive shifts from day {d}")
        if not working and not edge and length < st.min_days_off:
            out.append(f"{st.id}: only {length} days off from day {d}")
        d = e
    return out
