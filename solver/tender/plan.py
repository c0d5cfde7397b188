"""``plan_tender``: the entry point of the tender allocation model."""
from __future__ import annotations

from dataclasses import replace

from .diagnose import capacity_fixes, shortages
from .extract import allocations, costs, lot_outcomes, team_of, units_of
from .index import Index, build_index
from .params import PlanParams
from .precheck import check_index
from .problem import TenderProblem
from .result import Fix, TenderResult
from .stages import solve_stages


def plan_tender(problem: TenderProblem, params: PlanParams = PlanParams()) -> TenderResult:
    """Plan the tender in lexicographic stages (service, cost, robustness) and diagnose shortfalls."""
    ix = build_index(problem)
    issues = check_index(ix)
    solved = solve_stages(ix, params)
    if solved.solver is None:
        return TenderResult("unknown", tuple(solved.reports), issues=issues)
    units = units_of(solved)
    allocs, loads = allocations(ix, units)
    team = team_of(ix, units)
    lots = lot_outcomes(ix, units)
    feasible = all(lot.feasible for lot in lots)
    short, fixes = [], []
    if not feasible and params.diagnose:
        short = shortages(ix, units, loads)
        fixes = capacity_fixes(ix, units, loads) + later_due_fixes(ix, params, [lot.lot for lot in lots
                                                                                if not lot.feasible])
    explanation = tuple(
        (stage, *row) for stage, terms in sorted(solved.terms.items()) for row in terms.explain(solved.solver)
    )
    return TenderResult(
        "feasible" if feasible else "infeasible", tuple(solved.reports), tuple(lots), tuple(allocs),
        tuple(loads), costs(ix, units, loads, team), team, tuple(short), tuple(fixes), issues, explanation,
    )


def later_due_fixes(ix: Index, params: PlanParams, lots: list[str]) -> list[Fix]:
    """For each late lot, the smallest due week in due+1 .. due+k (within the horizon) for which
    stage 1 alone makes the lot whole and on time."""
    fast = replace(params, stages=(1,), stage_time_limits=(params.extension_time_limit, 0.0, 0.0),
                   total_time_limit=None)
    fixes = []
    for lot_id in lots:
        lot = ix.lots[lot_id]
        for k in range(1, params.due_extension_weeks + 1):
            due = lot.due_week + k
            if due >= ix.horizon:
                break
            later = replace(ix.problem, lots=tuple(replace(x, due_week=due) if x.id == lot_id else x
                                                   for x in ix.problem.lots))
            trial_ix = build_index(later)
            trial = solve_stages(trial_ix, fast)
            if trial.solver is None:
                continue
            outcome = {o.lot: o for o in lot_outcomes(trial_ix, units_of(trial))}[lot_id]
            if outcome.feasible:
                fixes.append(Fix("later_due", lot=lot_id, week=due,
                                 note=f"lot {lot_id} is feasible with due week {due} (instead of {lot.due_week})"))
                break
    return fixes
