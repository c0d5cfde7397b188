"""Where a plan falls short and what would fix it: missing minutes by process, certificate and week."""
from __future__ import annotations

from collections import defaultdict

from .index import Index
from .result import Fix, ResourceLoad, Shortage


def _certs(ix: Index, s: str) -> tuple[str, ...]:
    return tuple(f"{c.code}>={c.min_level}" for c in ix.steps[s].certificates)


def short_units(ix: Index, units: dict) -> dict[str, int]:
    """Step -> units not made by the due week of its lot."""
    out = {}
    for s in ix.steps:
        _, due = ix.window(s)
        done = sum(n for (st, _, w), n in units.items() if st == s and w <= due)
        if ix.quantity(s) > done:
            out[s] = ix.quantity(s) - done
    return out


def shortages(ix: Index, units: dict, loads: list[ResourceLoad]) -> list[Shortage]:
    """Missing standard minutes per (process, certificates, week).

    A step's missing minutes are spread over the weeks of its window in which every eligible resource
    is full (no room for one more unit): that is where capacity is short. With no full week (the cause is
    a certificate, a lag or a rule), they are placed in the due week.
    """
    used = {(ld.resource, ld.week): ld.load_minutes for ld in loads}
    acc: dict[tuple[str, tuple[str, ...], int], int] = defaultdict(int)
    for s, n in short_units(ix, units).items():
        release, due = ix.window(s)
        full = []
        for w in range(release, due + 1):
            rs = [r for r in ix.eligible[s] if w in ix.weeks[s, r]]
            room = [ix.cap_reg.get((r, w), 0) + ix.cap_ot.get((r, w), 0) - used.get((r, w), 0) - ix.minutes[s, r]
                    for r in rs]
            if rs and all(x < 0 for x in room):
                full.append(w)
        weeks = full or [due]
        minutes = n * ix.steps[s].run_minutes
        for i, w in enumerate(weeks):
            share = minutes // len(weeks) + (1 if i < minutes % len(weeks) else 0)
            acc[ix.steps[s].process, _certs(ix, s), w] += share
    return [Shortage(p, c, w, m) for (p, c, w), m in sorted(acc.items()) if m]


def capacity_fixes(ix: Index, units: dict, loads: list[ResourceLoad]) -> list[Fix]:
    """Per short process: subcontract the missing minutes, or overtime at eligible members."""
    used = {(ld.resource, ld.week): ld.load_minutes for ld in loads}
    need: dict[str, int] = defaultdict(int)
    resources: dict[str, set[str]] = defaultdict(set)
    window: dict[str, tuple[int, int]] = {}
    for s, n in short_units(ix, units).items():
        p = ix.steps[s].process
        need[p] += n * ix.steps[s].run_minutes
        resources[p].update(ix.eligible[s])
        a, b = ix.window(s)
        window[p] = (min(a, window.get(p, (a, b))[0]), max(b, window.get(p, (a, b))[1]))
    fixes = []
    for p, minutes in sorted(need.items()):
        a, b = window[p]
        fixes.append(Fix("subcontract", minutes, process=p, week=b,
                         note=f"subcontract {minutes / 60:.1f} h of {p} by week {b}"))
        rows = []
        for r in sorted(resources[p]):
            headroom = sum(max(0, ix.cap_reg.get((r, w), 0) + ix.cap_ot.get((r, w), 0) - used.get((r, w), 0))
                           for w in range(a, b + 1))
            rows.append((-headroom, ix.resources[r].overtime_rate_cents, r, headroom))
        for _, _, r, headroom in sorted(rows)[:3]:
            member = ix.member_of(r)
            verb = f"{headroom / 60:.1f} h unused" if headroom else "no overtime left"
            fixes.append(Fix("overtime", minutes, process=p, member=member, resource=r, week=b,
                             note=f"overtime at {member} on {r}: {minutes / 60:.1f} h of {p} in weeks "
                                  f"{a}..{b} ({verb} within declared maximum)"))
    return fixes
