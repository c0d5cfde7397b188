"""Run constraints over a sequence of day literals, history included, written as short clauses.

Clauses of three literals propagate as well as an automaton here and stay linear in size.
"""
from __future__ import annotations


def max_in_window(cp, lits: list, k: int, before: int = 0) -> None:
    """No run of more than `k` true literals; `before` true days precede day 0."""
    days = len(lits)
    for s in range(-min(before, k), days - k):
        hist = max(0, -s)
        window = [lits[d] for d in range(max(0, s), s + k + 1)]
        cp.Add(sum(window) <= max(0, k - hist))


def forbid_short_runs(cp, lits: list, k: int, before: int | None, exempt_edges: bool) -> None:
    """Every run of true literals lasts at least `k` days.

    `before`: length of the run in progress at day -1 (0: not in a run, None: unknown).
    With `exempt_edges`, runs that start on day 0 or reach the last day are exempt (Curtois rules);
    without it a run in progress at day 0 must reach length `k`, and runs may not be cut by the end.
    """
    days = len(lits)
    for d in range(1, days):
        for j in range(1, k):
            if d + j < days:
                cp.AddBoolOr([lits[d - 1], lits[d].Not(), lits[d + j]])
            elif not exempt_edges:
                cp.AddBoolOr([lits[d - 1], lits[d].Not()])
                break
    if exempt_edges or before is None:
        return
    if before == 0:
        for j in range(1, min(k, days)):
            cp.AddBoolOr([lits[0].Not(), lits[j]])
        if k > days:
            cp.Add(lits[0] == 0)
    elif before < k:
        for j in range(min(k - before, days)):
            cp.Add(lits[j] == 1)
