"""Run constraints over a sequence of day literals, history included, written as short clauses.

Clauses of three literals propagate as well as an automaton here and stay linear in size.
"""
from __future__ import annotations

_State = tuple[str, int, bool]  # ("W" work | "O" off | "S" start, run length, exempt)


def max_in_window(cp, lits: list, k: int, before: int = 0) -> None:
    """No run of more than `k` true literals; `before` true days precede day 0."""
    days = len(lits)
    for s in range(-min(before, k), days - k):
        hist = max(0, -s)
        window = [lits[d] for d in range(max(0, s), s + k + 1)]
        cp.add(sum(window) <= max(0, k - hist))


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
                cp.add_bool_or([lits[d - 1], lits[d].negated(), lits[d + j]])
            elif not exempt_edges:
                cp.add_bool_or([lits[d - 1], lits[d].negated()])
                break
    if exempt_edges or before is None:
        return
    if before == 0:
        for j in range(1, min(k, days)):
            cp.add_bool_or([lits[0].negated(), lits[j]])
        if k > days:
            cp.add(lits[0] == 0)
    elif before < k:
        for j in range(min(k - before, days)):
            cp.add(lits[j] == 1)


def run_automaton(cp, lits: list, max_work: int | None, min_work: int | None, min_off: int | None,
                  before_work: int = 0, before_off: int = 0, exempt_edges: bool = False) -> None:
    """The three run rules of one employee as one automaton over the day literals (1 = works).

    States are ("W", length, exempt) for a run of working days, ("O", length, exempt) for a run of days
    off, and ("S", 0, False) before day 0 when the runs that start on day 0 are exempt from the minima (edge
    exemption, or nothing known before day 0, as in `forbid_short_runs`); otherwise the history gives
    the start state. Lengths are counted up to the rule that needs them. CP-SAT unrolls it into a
    layered flow, whose LP relaxation is far tighter than the clauses' (a better bound, not always a
    faster first plan).
    """
    min_work, min_off = max(1, min_work or 1), max(1, min_off or 1)
    cap_w = max_work or min_work

    def work(k: int, e: bool) -> _State:
        return ("W", min(k, cap_w), e)

    if exempt_edges or not (before_work or before_off):
        start: _State = ("S", 0, False)  # the runs that start on day 0 are exempt; history still counts for the maximum
    elif before_work:
        start = work(before_work, False)
    else:
        start = ("O", min(before_off, min_off), False)
    ids: dict[_State, int] = {}
    triples: list[tuple[int, int, int]] = []
    todo = [start]
    ids[start] = 0
    while todo:
        s = todo.pop()
        if s[0] == "S":
            moves: list[tuple[int, _State]] = [(0, ("O", min(before_off + 1, min_off), True))]
            if max_work is None or before_work < max_work:
                moves.append((1, work(before_work + 1, True)))
        elif s[0] == "W":
            _, k, e = s
            moves = [(1, work(k + 1, e))] if max_work is None or k < max_work else []
            if k >= min_work or e:
                moves.append((0, ("O", 1, False)))
        else:
            _, k, e = s
            moves = [(0, ("O", min(k + 1, min_off), e))]
            if k >= min_off or e:
                moves.append((1, work(1, False)))
        for label, t in moves:
            if t not in ids:
                ids[t] = len(ids)
                todo.append(t)
            triples.append((ids[s], label, ids[t]))

    def final(s: _State) -> bool:
        if exempt_edges or s[0] == "S" or s[2]:
            return True
        return s[1] >= (min_work if s[0] == "W" else min_off)

    finals = [i for s, i in ids.items() if final(s)]
    if not finals:  # e.g. runs of at least 3 and at most 2 days with a run in progress: no plan
        cp.add_bool_or([])
        return
    cp.add_automaton(lits, ids[start], finals, triples)
