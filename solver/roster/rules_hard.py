"""Hard rules: one function per rule, registered under a stable id and a label."""
from __future__ import annotations

from .data import MINUTES_PER_DAY
from .model import RosterModel
from .registry import Rule, by_id
from .runs import forbid_short_runs, max_in_window, run_automaton


def eligibility(m: RosterModel) -> None:
    """Built into the variables: no variable exists for an ineligible or forbidden pair."""


def days_off(m: RosterModel) -> None:
    """Built into the variables: shifts on days off get no variable."""


def pinned(m: RosterModel) -> None:
    for ei, si in m.ix.pinned:
        m.cp.add(m.x[ei, si] == 1)


def max_shifts_per_day(m: RosterModel) -> None:
    for ei, e in enumerate(m.problem.employees):
        k = e.rules.max_shifts_per_day
        if k is None or k == 1:  # k == 1 is enforced by the work-day equality
            continue
        for day_shifts in m.ix.by_day[ei].values():
            if len(day_shifts) > k:
                m.cp.add(sum(m.x[ei, si] for si in day_shifts) <= k)


def _conflict_rule(m: RosterModel, rule_id: str) -> None:
    p = m.problem
    for ei, e in enumerate(p.employees):
        rest = e.rules.min_daily_rest or 0
        if e.rules.max_shifts_per_day == 1 and _within_days(m, ei):
            # same-day pairs: the work-day equality lets one shift through already
            if rule_id == "daily_rest":
                for clique in rest_cliques(p.shifts, m.ix.by_day[ei], rest):
                    m.cp.add_at_most_one(m.x[ei, si] for si in clique)
            continue
        for a, b, rid in m.ix.conflicts(ei):
            if rid == rule_id:
                m.cp.add_bool_or([m.x[ei, a].negated(), m.x[ei, b].negated()])


def _within_days(m: RosterModel, ei: int) -> bool:
    """Every eligible shift of the employee starts within its own day."""
    shifts = m.problem.shifts
    return all(0 <= shifts[si].start - shifts[si].day * MINUTES_PER_DAY < MINUTES_PER_DAY for si in m.ix.eligible[ei])


def rest_cliques(shifts, by_day: dict[int, list[int]], rest: int) -> list[list[int]]:
    """Cliques forbidding exactly the pairs of shifts on different days less than `rest` minutes apart
    (or overlapping), for an employee who takes one shift a day and whose shifts start within their day.

    For shifts a on day d and b on a later day, the gap is b.start - a.end. For each end time E of day
    d, the shifts of d ending at E or later and those of a later day starting before E + rest all
    conflict pairwise (and each day's shifts exclude each other), and the pair (a, b) is covered by
    E = a.end. A few at-most-ones per pair of days instead of one clause per pair: with several shifts
    at each time of day (Timefold's instances) the pairs run into the millions.
    """
    limit = max(rest, 0)
    days = sorted(by_day)
    out = []
    for i, d in enumerate(days):
        day_a = by_day[d]
        latest = max(shifts[a].end for a in day_a) + limit
        for d2 in days[i + 1:]:
            if d2 * MINUTES_PER_DAY >= latest:
                break
            day_b = by_day[d2]
            last_b = None
            for end in sorted({shifts[a].end for a in day_a}):
                side_b = [b for b in day_b if shifts[b].start < end + limit]
                if not side_b or side_b == last_b:
                    continue  # an earlier end with the same partners: its clique holds this one
                last_b = side_b
                out.append([a for a in day_a if shifts[a].end >= end] + side_b)
    return out


def no_overlap_travel(m: RosterModel) -> None:
    _conflict_rule(m, "no_overlap_travel")


def daily_rest(m: RosterModel) -> None:
    _conflict_rule(m, "daily_rest")
    for ei, e in enumerate(m.problem.employees):
        rest, last = e.rules.min_daily_rest, e.history.last_shift_end
        if rest and last is not None:
            for x in m.shifts_of(ei, lambda s: s.start - last < rest):
                m.cp.add(x == 0)


def max_day_minutes(m: RosterModel) -> None:
    p = m.problem
    for ei, e in enumerate(p.employees):
        cap = e.rules.max_day_minutes
        if cap is None:
            continue
        for d, day_shifts in m.ix.by_day[ei].items():
            load = [p.shifts[si].duration * m.x[ei, si] for si in day_shifts]
            load += m.travel_minutes(ei, (d,))  # travel between consecutive shifts of the day
            if sum(p.shifts[si].duration for si in day_shifts) + sum(t for t, _ in m.day_travel(ei).get(d, ())) > cap:
                m.cp.add(sum(load) <= cap)


def weekly_rest(m: RosterModel) -> None:
    """A rest of `weekly_rest` minutes ending by the week's end (Sunday 24:00), as the GE's checker.

    It starts at the week's start, at the end of a shift in the week, or before the week: at
    `History.last_shift_end` (week 0) or at the end of a shift of an earlier week, provided no shift
    ends between that start and the week's start (the checker counts from the last work before Monday).
    """
    p, cal = m.problem, m.ix.cal
    for ei, e in enumerate(p.employees):
        rest = e.rules.weekly_rest
        if not rest:
            continue
        elig = m.ix.eligible[ei]
        shifts = [p.shifts[si] for si in elig]
        for w in range(cal.weeks):
            lo, hi = cal.week_start(w), cal.week_start(w + 1)
            week_ago = lo - 7 * MINUTES_PER_DAY  # earlier starts are not considered (stricter)
            starts = {lo} | {s.end for s in shifts if week_ago <= s.end < hi}
            if w == 0 and e.history.last_shift_end is not None:
                starts.add(max(week_ago, min(lo, e.history.last_shift_end)))
            options = []
            for t in sorted(x for x in starts if x + rest <= hi):
                busy = [
                    m.x[ei, si] for si, s in zip(elig, shifts, strict=False)
                    if (s.start < t + rest and s.end > t) or t < s.end <= lo
                ]
                if not busy:  # this rest is always there
                    break
                r = m.cp.new_bool_var(f"weekly_rest[{ei},{w},{t}]")
                m.cp.add_bool_and([x.negated() for x in busy]).only_enforce_if(r)
                options.append(r)
            else:
                m.cp.add_bool_or(options or [m.zero])


def max_days_per_week(m: RosterModel) -> None:
    cal = m.ix.cal
    for ei, e in enumerate(m.problem.employees):
        k = e.rules.max_days_per_week
        if k is None:
            continue
        for w in range(cal.weeks):
            before = e.history.week_days_before if w == 0 else 0
            m.cp.add(sum(m.work[ei][d] for d in cal.week_days(w)) <= k - before)


def max_consecutive_days(m: RosterModel) -> None:
    for ei, e in enumerate(m.problem.employees):
        k = e.rules.max_consecutive_days
        if k is None:
            continue
        if m.runs == "automaton":
            _runs_automaton(m, ei)
        else:
            max_in_window(m.cp, m.work[ei], k, e.history.days_worked_before)


def min_consecutive_days(m: RosterModel) -> None:
    for ei, e in enumerate(m.problem.employees):
        k, h = e.rules.min_consecutive_days, e.history
        if not k or k < 2:
            continue
        if m.runs == "automaton":
            _runs_automaton(m, ei)
        else:
            before = h.days_worked_before if h.days_worked_before else (0 if h.days_off_before else None)
            forbid_short_runs(m.cp, m.work[ei], k, before, e.rules.edge_runs_exempt)


def min_consecutive_days_off(m: RosterModel) -> None:
    for ei, e in enumerate(m.problem.employees):
        k, h = e.rules.min_consecutive_days_off, e.history
        if not k or k < 2:
            continue
        if m.runs == "automaton":
            _runs_automaton(m, ei)
        else:
            off = [w.negated() for w in m.work[ei]]
            before = h.days_off_before if h.days_off_before else (0 if h.days_worked_before else None)
            forbid_short_runs(m.cp, off, k, before, e.rules.edge_runs_exempt)


def _runs_automaton(m: RosterModel, ei: int) -> None:
    """One automaton for all three run rules of the employee, added once (`runs="automaton"`)."""
    if ei in m.run_automata:
        return
    m.run_automata.add(ei)
    r, h = m.problem.employees[ei].rules, m.problem.employees[ei].history
    run_automaton(m.cp, m.work[ei], r.max_consecutive_days, r.min_consecutive_days,
                  r.min_consecutive_days_off, h.days_worked_before, h.days_off_before, r.edge_runs_exempt)


def max_weekends(m: RosterModel) -> None:
    weekends = m.ix.cal.weekends()
    for ei, e in enumerate(m.problem.employees):
        k = e.rules.max_weekends
        if k is None or len(weekends) <= k:
            continue
        flags = []
        for days in weekends:
            f = m.cp.new_bool_var(f"weekend[{ei},{days[0]}]")
            for d in days:
                m.cp.add_implication(m.work[ei][d], f)
            flags.append(f)
        m.cp.add(sum(flags) <= k)


def max_per_type(m: RosterModel) -> None:
    for ei, e in enumerate(m.problem.employees):
        for t, k in e.rules.max_per_type:
            xs = m.shifts_of(ei, lambda s: s.type == t)
            if len(xs) > k:
                m.cp.add(sum(xs) <= k)


def total_minutes(m: RosterModel) -> None:
    for ei, e in enumerate(m.problem.employees):
        r = e.rules
        if r.max_total_minutes is not None:
            m.cp.add(m.minutes(ei) <= r.max_total_minutes)
        if r.min_total_minutes is not None and r.min_total_weight is None:
            m.cp.add(m.minutes(ei) >= r.min_total_minutes)


def max_week_minutes(m: RosterModel) -> None:
    cal = m.ix.cal
    for ei, e in enumerate(m.problem.employees):
        cap = e.rules.max_week_minutes
        if cap is None:
            continue
        for w in range(cal.weeks):
            before = e.history.week_minutes_before if w == 0 else 0
            days = cal.week_days(w)
            terms = [m.minutes(ei, lambda s: s.day in days), *m.travel_minutes(ei, days)]
            m.cp.add(sum(terms) <= cap - before)  # travel between sites counts as work


def rolling_average(m: RosterModel) -> None:
    cal = m.ix.cal
    for ei, e in enumerate(m.problem.employees):
        k, avg = e.rules.rolling_weeks, e.rules.rolling_avg_max
        if not k or avg is None:
            continue
        past = e.history.past_week_minutes
        for w in range(cal.weeks):
            first = w - k + 1
            hist = sum(past[len(past) + first:] if first < 0 else ())
            hist += e.history.week_minutes_before if first <= 0 else 0
            days = [d for d in range(m.problem.days) if first <= cal.week(d) <= w]
            expr = sum([m.minutes(ei, lambda s: first <= cal.week(s.day) <= w), *m.travel_minutes(ei, days)])
            m.cp.add(expr <= k * avg - hist)  # travel between sites counts as work


def forbidden_succession(m: RosterModel) -> None:
    p = m.problem
    for ei, e in enumerate(p.employees):
        pairs = e.rules.forbidden_successions
        if not pairs:
            continue
        one_a_day = e.rules.max_shifts_per_day == 1
        by_day = m.ix.by_day[ei]

        def of(d: int, t: int) -> list:
            return [m.x[ei, si] for si in by_day.get(d, []) if p.shifts[si].type == t]

        for a, b in pairs:
            if a in e.history.last_day_types:
                for x in of(0, b):
                    m.cp.add(x == 0)
            for d in range(p.days - 1):
                xa, xb = of(d, a), of(d + 1, b)
                if not xa or not xb:
                    continue
                if one_a_day:
                    m.cp.add(sum(xa) + sum(xb) <= 1)
                else:
                    m.cp.add(sum(xa) <= len(xa) * (1 - _any(m, xb)))


def _any(m: RosterModel, xs: list):
    """A literal that is 1 when any of xs is 1 (one direction is enough for upper bounds)."""
    if len(xs) == 1:
        return xs[0]
    t = m.cp.new_bool_var("")
    for x in xs:
        m.cp.add_implication(x, t)
    return t


def demand_hard_max(m: RosterModel) -> None:
    pos = m.ix.shift_pos
    for dm in m.problem.demands:
        if dm.hard_max and not dm.hard_min:  # both: one equality in demand_hard_min
            xs = [x for s in dm.shifts for x in m.by_shift(pos[s])]
            m.cp.add(sum(xs) <= dm.requirement)


def demand_hard_min(m: RosterModel) -> None:
    """With `hard_max` too, exactly `requirement` people (e.g. every shift gets exactly one employee)."""
    pos = m.ix.shift_pos
    for dm in m.problem.demands:
        if dm.hard_min:
            xs = [x for s in dm.shifts for x in m.by_shift(pos[s])]
            if dm.hard_max and dm.requirement == 1:
                m.cp.add_exactly_one(xs)
            elif dm.hard_max:
                m.cp.add(sum(xs) == dm.requirement)
            else:
                m.cp.add(sum(xs) >= dm.requirement)


HARD_RULES = (
    Rule("eligibility", "only shifts the employee may take", eligibility),
    Rule("days_off", "no work on a day off", days_off),
    Rule("pinned", "fixed assignments hold", pinned),
    Rule("max_shifts_per_day", "most shifts in one day", max_shifts_per_day),
    Rule("no_overlap_travel", "no overlapping shifts, time to travel between sites", no_overlap_travel),
    Rule("daily_rest", "daily rest between two work days", daily_rest),
    Rule("max_day_minutes", "most minutes in a day, travel included", max_day_minutes),
    Rule("weekly_rest", "one long rest period in each civil week", weekly_rest),
    Rule("max_days_per_week", "most working days in a civil week", max_days_per_week),
    Rule("max_consecutive_days", "most consecutive working days", max_consecutive_days),
    Rule("min_consecutive_days", "fewest consecutive working days", min_consecutive_days),
    Rule("min_consecutive_days_off", "fewest consecutive days off", min_consecutive_days_off),
    Rule("max_weekends", "most weekends worked", max_weekends),
    Rule("max_per_type", "most shifts of a type", max_per_type),
    Rule("total_minutes", "minutes over the horizon within bounds", total_minutes),
    Rule("max_week_minutes", "most minutes in a civil week", max_week_minutes),
    Rule("rolling_average", "average weekly minutes over the last weeks", rolling_average),
    Rule("forbidden_succession", "shift type not allowed the day after another", forbidden_succession),
    Rule("demand_hard_max", "never more people than requested", demand_hard_max),
    Rule("demand_hard_min", "never fewer people than requested", demand_hard_min),
)
HARD_BY_ID = by_id(HARD_RULES)
