"""Soft rules: each adds named penalty terms to the model's one collector."""
from __future__ import annotations

import math

from .data import RosterInputError
from .model import RosterModel
from .registry import Rule, by_id

FAIR_SCALE = 100  # fairness shortfalls are counted in hundredths of a person


def cover(m: RosterModel) -> None:
    """under/over per demand, kept in `m.under` for the fairness rule and the neighbourhood search."""
    pos = m.ix.shift_pos
    for dm in m.problem.demands:
        if dm.hard_min and dm.hard_max:  # exact hard cover (demand_hard_min): nothing to pay
            m.under[dm.id] = m.zero
            continue
        xs = [x for s in dm.shifts for x in m.by_shift(pos[s])]
        under = m.cp.new_int_var(0, dm.requirement, f"under[{dm.id}]")
        over = m.cp.new_int_var(0, max(0, len(xs) - dm.requirement), f"over[{dm.id}]")
        m.cp.add(sum(xs) + under - over == dm.requirement)
        m.under[dm.id] = under
        m.penalties.add("cover_under", dm.id, dm.under_weight, under)
        m.penalties.add("cover_over", dm.id, dm.over_weight, over)


def requests(m: RosterModel) -> None:
    ix = m.ix
    for r in m.problem.requests:
        ei = ix.emp_pos[r.employee]
        xs = [m.x[ei, ix.shift_pos[s]] for s in r.shifts if (ei, ix.shift_pos[s]) in m.x]
        rule = "shift_on_request" if r.on else "shift_off_request"
        subject = r.subject or f"{r.employee}:{'|'.join(r.shifts)}"
        if not xs:
            if r.on:
                m.penalties.add_constant(rule, subject, r.weight)
            continue
        if len(xs) == 1:
            flag = xs[0]
        else:
            flag = m.cp.new_bool_var(f"{rule}[{subject}]")
            if r.on:
                m.cp.add(flag <= sum(xs))
            else:
                for x in xs:
                    m.cp.add_implication(x, flag)
        m.penalties.add(rule, subject, r.weight, flag.negated() if r.on else flag)


def assignment_cost(m: RosterModel) -> None:
    ix = m.ix
    for c in m.problem.costs:
        key = ix.emp_pos[c.employee], ix.shift_pos[c.shift]
        if key in m.x:
            m.penalties.add(c.rule, c.subject or f"{c.employee}:{c.shift}", c.amount, m.x[key])


def _shortfall(m: RosterModel, name: str, target: int, expr, chunk: int):
    """Integer chunks of `chunk` minutes by which `expr` falls below `target`."""
    short = m.cp.new_int_var(0, -(-target // chunk), name)
    m.cp.add(short * chunk >= target - expr)
    return short


def min_total_minutes(m: RosterModel) -> None:
    for ei, e in enumerate(m.problem.employees):
        r = e.rules
        if r.min_total_minutes and r.min_total_weight is not None:
            short = _shortfall(m, f"short[{e.id}]", r.min_total_minutes, m.minutes(ei), r.idle_chunk)
            m.penalties.add("min_total_minutes", e.id, r.min_total_weight, short)


def idle_week_minutes(m: RosterModel) -> None:
    cal = m.ix.cal
    for ei, e in enumerate(m.problem.employees):
        r = e.rules
        if not r.min_week_minutes:
            continue
        for w in range(cal.weeks):
            before = e.history.week_minutes_before if w == 0 else 0
            expr = m.minutes(ei, lambda s: cal.week(s.day) == w) + before
            short = _shortfall(m, f"idle[{e.id},{w}]", r.min_week_minutes, expr, r.idle_chunk)
            m.penalties.add("idle_week_minutes", f"{e.id}:week{w}", r.idle_weight, short)


def weekly_overtime(m: RosterModel) -> None:
    """Price the minutes of each civil week past each of the employee's `overtime_steps`.

    Per step (t, w): over * chunk >= minutes - t, over >= 0, penalty w x over; the steps add up, so the
    price is convex in the week's minutes (travel between sites and the minutes worked before day 0
    count, as for the weekly maximum). A step the week cannot reach adds nothing.
    """
    cal, shifts = m.ix.cal, m.problem.shifts
    for ei, e in enumerate(m.problem.employees):
        r = e.rules
        if not r.overtime_steps:
            continue
        for w in range(cal.weeks):
            before = e.history.week_minutes_before if w == 0 else 0
            days = cal.week_days(w)
            week = sum([m.minutes(ei, lambda s: s.day in days), *m.travel_minutes(ei, days)]) + before
            top = before + sum(shifts[si].duration for si in m.ix.eligible[ei] if shifts[si].day in days)
            top += sum(t for d in days for t, _ in m.day_travel(ei).get(d, ()))
            for k, (start, weight) in enumerate(r.overtime_steps):
                if weight and top > start:
                    over = m.cp.new_int_var(0, -(-(top - start) // r.overtime_chunk), f"overtime[{e.id},{w},{k}]")
                    m.cp.add(over * r.overtime_chunk >= week - start)
                    m.penalties.add("weekly_overtime", f"{e.id}:week{w}", weight, over)


def group_fairness(m: RosterModel) -> None:
    """Minimise the largest weighted shortfall of a group against its entitled part of the cover.

    F = people placed on demands of all groups with a share; group g is entitled to
    E_g = min(requested_g, share_g * F); shortfall_g = max(0, E_g - received_g) in hundredths of a
    person; z >= (1 + carried_deficit_g) * shortfall_g for each g; penalty fairness_weight * z.
    """
    p = m.problem
    if not p.groups or not p.fairness_weight:
        return
    shares = {g.id: g for g in p.groups}
    req: dict[int, int] = {}
    got: dict[int, list] = {}
    for dm in p.demands:
        if dm.group in shares:
            req[dm.group] = req.get(dm.group, 0) + dm.requirement
            # without the cover rule (a test dropping it) nothing is short
            got.setdefault(dm.group, []).append(dm.requirement - m.under.get(dm.id, m.zero))
    total = sum(req.values())
    placed = sum(sum(v) for v in got.values())
    z = m.cp.new_int_var(0, 10 * FAIR_SCALE * max(1, total), "fairness_max")
    for gid, parts in got.items():
        g = shares[gid]
        cap = FAIR_SCALE * req[gid]
        entitled = m.cp.new_int_var(0, cap, f"entitled[{gid}]")
        m.cp.add_min_equality(entitled, [cap, round(FAIR_SCALE * g.share) * placed])
        short = m.cp.new_int_var(0, cap, f"fair_short[{gid}]")
        m.cp.add(short >= entitled - FAIR_SCALE * sum(parts))
        factor = round(FAIR_SCALE * (1 + g.carried_deficit))
        m.cp.add(FAIR_SCALE * z >= factor * short)
    m.penalties.add("group_fairness", "max", p.fairness_weight, z)


def consistency(m: RosterModel) -> None:
    pos = m.ix.shift_pos
    for c in m.problem.consistency:
        used = []
        for ei in range(len(m.problem.employees)):
            xs = [m.x[ei, pos[s]] for s in c.shifts if (ei, pos[s]) in m.x]
            if xs:
                u = m.cp.new_bool_var(f"uses[{c.id},{ei}]")
                for x in xs:
                    m.cp.add_implication(x, u)
                used.append(u)
        if len(used) > 1:
            extra = m.cp.new_int_var(0, len(used), f"extra[{c.id}]")
            m.cp.add(extra >= sum(used) - 1)
            m.penalties.add("consistency", c.id, c.weight, extra)


def stability(m: RosterModel) -> None:
    ix, p = m.ix, m.problem
    for e, s in p.reference:
        key = ix.emp_pos[e], ix.shift_pos[s]
        if key in m.x:
            m.penalties.add("stability", f"{e}:{s}", p.stability_weight, m.x[key].negated())
        else:
            m.penalties.add_constant("stability", f"{e}:{s}", p.stability_weight)


def balance(m: RosterModel) -> None:
    """Penalty weight x R with R = ceil(resolution x sqrt(Q - S^2/n)), exact (see data.Balance).

    c_e (shifts of e), c_e^2, S^2 and R^2 are exact products; R is pinned to the ceiling from both
    sides, n R^2 >= r^2 (n Q - S^2) > n (R - 1)^2, so the penalty read back is the plan's own, not a
    bound. The tangents c_e^2 >= (2k + 1) c_e - k (k + 1) (exact at integers) give the LP the convex
    shape of the squares.
    """
    b = m.problem.balance
    if b is None or not b.weight:
        return
    ix = m.ix
    emps = range(len(m.problem.employees)) if b.employees is None else [ix.emp_pos[e] for e in b.employees]
    n, r = len(emps), b.resolution
    if n < 2:
        return
    counts, squares, tops = [], [], []
    for ei in emps:
        e = m.problem.employees[ei]
        hi = _most_shifts(m, ei)
        c = m.cp.new_int_var(0, hi, f"balance_count[{e.id}]")
        m.cp.add(c == sum(m.x[ei, si] for si in ix.eligible[ei]))
        sq = m.cp.new_int_var(0, hi * hi, f"balance_square[{e.id}]")
        m.cp.add_multiplication_equality(sq, [c, c])
        for k in range(hi):
            m.cp.add(sq >= (2 * k + 1) * c - k * (k + 1))
        counts.append(c)
        squares.append(sq)
        tops.append(hi)
    top, q_top = sum(tops), sum(h * h for h in tops)
    if r * r * n * q_top >= 2**62:
        raise RosterInputError(f"Problem.balance: resolution {r} too large for {n} employees (int64 overflow)")
    total = m.cp.new_int_var(0, top, "balance_total")
    m.cp.add(total == sum(counts))
    total_sq = m.cp.new_int_var(0, top * top, "balance_total_square")
    m.cp.add_multiplication_equality(total_sq, [total, total])
    spread = n * sum(squares) - total_sq  # n^2 x variance, >= 0
    r_top = math.isqrt(r * r * q_top) + 1
    root = m.cp.new_int_var(0, r_top, "balance")
    root_sq = m.cp.new_int_var(0, r_top * r_top, "balance_square_root")
    m.cp.add_multiplication_equality(root_sq, [root, root])
    m.cp.add(n * root_sq >= r * r * spread)
    some = m.cp.new_bool_var("balance_positive")  # the ceiling's upper side holds when R >= 1
    m.cp.add(root >= 1).only_enforce_if(some)
    m.cp.add(root == 0).only_enforce_if(some.negated())
    m.cp.add(n * (root_sq - 2 * root + 1) <= r * r * spread - 1).only_enforce_if(some)
    m.penalties.add("balance", "shifts per employee", b.weight, root)


def _most_shifts(m: RosterModel, ei: int) -> int:
    """Most shifts the employee can take: eligible ones, at most `max_shifts_per_day` a day."""
    k = m.problem.employees[ei].rules.max_shifts_per_day
    days = m.ix.by_day[ei].values()
    return sum(len(day) if k is None else min(k, len(day)) for day in days)


SOFT_RULES = (
    Rule("cover", "requested headcount met", cover),
    Rule("requests", "shift on and off requests", requests),
    Rule("assignment_cost", "cost of an assignment (travel, preference, continuity)", assignment_cost),
    Rule("min_total_minutes", "fewest minutes over the horizon (soft form)", min_total_minutes),
    Rule("idle_week_minutes", "idle contracted hours in a civil week", idle_week_minutes),
    Rule("group_fairness", "shortage shared by entitlement between members", group_fairness),
    Rule("consistency", "same person across a set of shifts", consistency),
    Rule("stability", "published plan kept", stability),
    Rule("balance", "shifts spread evenly between employees", balance),
    Rule("weekly_overtime", "hours past a weekly threshold (overtime, complementary hours)", weekly_overtime),
)
SOFT_BY_ID = by_id(SOFT_RULES)
