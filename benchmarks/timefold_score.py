"""Independent scorer of Timefold's employee-scheduling model (benchmarks/data/timefold/README.md).

Reads the neutral JSON and an assignment straight from their datetimes; shares no code with the
engine model in benchmarks/timefold.py.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Context, Decimal
from itertools import combinations


@dataclass(frozen=True)
class Score:
    """Hard and soft scores (higher is better) and what they are made of."""

    hard: int
    soft: Decimal
    complete: bool
    unassigned: int
    parts: dict[str, float]

    def __str__(self) -> str:
        return f"{self.hard}hard/{self.soft}soft"


def minutes_on(start: datetime, end: datetime, day: date) -> int:
    """Whole minutes of [start, end) inside the day, as the quickstart: the day runs from 00:00 to
    time.max (23:59:59.999999), and the overlap is truncated to minutes (a 22:00 shift: 119)."""
    lo = max(start, datetime.combine(day, time.min))
    hi = min(end, datetime.combine(day, time.max))
    return max(0, int((hi - lo).total_seconds() // 60))


def round6(x: float) -> Decimal:
    """`x` rounded to 6 significant digits (half up)."""
    if x == 0:
        return Decimal(0)
    return Context(prec=6, rounding=ROUND_HALF_UP).create_decimal(repr(x))


def balance(counts: list[int]) -> float:
    """sqrt(Q - S^2 / n) over the shift counts (zeros included), unrounded."""
    n, s, q = len(counts), sum(counts), sum(c * c for c in counts)
    return math.sqrt(max(0.0, q - s * s / n))


def score(instance: dict, assignments: list[dict]) -> Score:
    """Score an assignment ``[{"shift": id, "employee": name}]`` of the instance."""
    emps = {e["name"]: e for e in instance["employees"]}
    shifts = {
        s["id"]: (datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"]), s["required_skill"])
        for s in instance["shifts"]
    }
    owner: dict[str, str] = {}
    for a in assignments:
        if a["shift"] in owner:
            raise ValueError(f"shift {a['shift']} assigned twice")
        if a["employee"] not in emps or a["shift"] not in shifts:
            raise ValueError(f"unknown shift or employee in {a}")
        owner[a["shift"]] = a["employee"]
    mine: dict[str, list[str]] = {name: [] for name in emps}
    for sid, name in owner.items():
        mine[name].append(sid)
    h = dict.fromkeys(("skill", "overlap", "rest", "one_a_day", "unavailable"), 0)
    s1 = s2 = 0
    for name, sids in mine.items():
        e = emps[name]
        dates = {k: {date.fromisoformat(d) for d in e[k]}
                 for k in ("unavailable_dates", "undesired_dates", "desired_dates")}
        for sid in sids:
            start, end, skill = shifts[sid]
            h["skill"] += skill not in e["skills"]
            touched = {start.date(), end.date()}
            h["unavailable"] += sum(minutes_on(start, end, d) for d in touched & dates["unavailable_dates"])
            s1 += sum(minutes_on(start, end, d) for d in touched & dates["undesired_dates"])
            s2 += sum(minutes_on(start, end, d) for d in touched & dates["desired_dates"])
        for a, b in combinations(sids, 2):
            (sa, ea, _), (sb, eb, _) = shifts[a], shifts[b]
            if sa < eb and sb < ea:
                h["overlap"] += int((min(ea, eb) - max(sa, sb)).total_seconds() // 60)
            h["one_a_day"] += sa.date() == sb.date()
            for (_, end1, _), (start2, _, _) in ((shifts[a], shifts[b]), (shifts[b], shifts[a])):
                gap = start2 - end1
                if timedelta(0) <= gap < timedelta(hours=10):
                    h["rest"] += 600 - int(gap.total_seconds() // 60)
    u = balance([len(sids) for sids in mine.values()])
    soft = Decimal(s2) - Decimal(s1) - round6(u)
    unassigned = len(shifts) - len(owner)
    parts = {**h, "undesired": s1, "desired": s2, "balance": u}
    return Score(-sum(h.values()), soft, unassigned == 0, unassigned, parts)
