"""Instant checks before solving: eligibility per step and hours needed vs available per process."""
from __future__ import annotations

from collections import defaultdict

from .index import Index, build_index
from .problem import TenderProblem
from .result import Issue


def precheck(problem: TenderProblem) -> tuple[Issue, ...]:
    """Issues found without solving (empty when nothing obviously blocks the tender)."""
    return check_index(build_index(problem))


def check_index(ix: Index) -> tuple[Issue, ...]:
    return tuple(_no_eligible_resource(ix) + _process_hours(ix) + _team(ix))


def _no_eligible_resource(ix: Index) -> list[Issue]:
    # Eligibility: every step needs a resource with its process, certificates and capacity in a week.
    issues = []
    for s, step in ix.steps.items():
        if not ix.eligible[s]:
            why = "; ".join(f"{k}: {', '.join(v)}" for k, v in sorted(ix.reasons[s].items())) or "no resources"
            need = ix.quantity(s) * step.run_minutes
            issues.append(Issue("no_eligible_resource", s,
                                f"step {s} ({step.process}) has no eligible resource ({why})", need, 0))
    return issues


def _process_hours(ix: Index) -> list[Issue]:
    # Hours: for each process and window [release, due] of its lots, the minutes needed (at the fastest
    # eligible resource) by steps whose window lies inside must fit the capacity of eligible resource-weeks.
    by_process = defaultdict(list)
    for s, step in ix.steps.items():
        if ix.eligible[s]:
            by_process[step.process].append(s)
    issues = []
    for process, steps in sorted(by_process.items()):
        windows = {s: ix.window(s) for s in steps}
        worst = None
        for a in sorted({w[0] for w in windows.values()}):
            for b in sorted({w[1] for w in windows.values()}):
                inside = [s for s in steps if a <= windows[s][0] and windows[s][1] <= b]
                if not inside:
                    continue
                need = sum(ix.quantity(s) * min(ix.minutes[s, r] for r in ix.eligible[s]) for s in inside)
                slots = {(r, w) for s in inside for r in ix.eligible[s] for w in ix.weeks[s, r] if a <= w <= b}
                have = sum(ix.cap_reg.get(k, 0) + ix.cap_ot.get(k, 0) for k in slots)
                if need > have and (worst is None or need - have > worst[0] - worst[1]):
                    worst = (need, have, a, b)
        if worst:
            need, have, a, b = worst
            issues.append(Issue(
                "process_hours", process,
                f"process {process}: {need / 60:.1f} h needed in weeks {a}..{b}, "
                f"{have / 60:.1f} h available (regular + overtime, eligible resources)", need, have))
    return issues


def _team(ix: Index) -> list[Issue]:
    # Team rules: the mandataire must be a member with resources who is not excluded.
    lead = ix.problem.team.mandataire
    if lead and (lead in ix.problem.team.excluded or lead not in ix.members):
        return [Issue("mandataire", lead, f"mandataire {lead} is excluded or has no resources")]
    return []
