"""LP guidance for the cost stage: a proven bound and a plan built where the LP relaxation works.

The cost stage's model (stage 1 kept) is read as a linear program (``mip.as_mip``) and its relaxation is
solved by HiGHS. Its optimum is a lower bound on every plan's cost, far stronger than the one CP-SAT proves
in the same time on these models (the links and cuts of ``rules`` make it nearly integral). Then CP-SAT
solves the same model restricted to the (step, resource) pairs the relaxation uses: a small model whose
best plan is usually within a few per cent of the bound. Its plan becomes the hint of the full stage.
"""
from __future__ import annotations

import math

from ortools.sat.python import cp_model

from .mip import NotLinear, as_mip, solve_lp
from .model import TenderModel

USED = 1e-6  # a pair the relaxation gives less than this many units is left out of the restricted model
BOUND_SAFETY = 1e-7  # relative margin taken off the LP optimum, for the simplex's tolerances


def lp_bound(tm: TenderModel) -> tuple[int | None, list[float] | None]:
    """The LP relaxation's optimum rounded down (the objective is integral), and its values."""
    try:
        relaxed = as_mip(tm.m.proto, relax=True)
    except NotLinear:
        return None, None
    outcome = solve_lp(relaxed)
    if outcome is None:
        return None, None
    value, values = outcome
    return math.floor(value - BOUND_SAFETY * abs(value)), values


def restricted(tm: TenderModel, values: list[float]) -> cp_model.CpModel:
    """The stage's model where only the (step, resource) pairs the relaxation uses may make units."""
    ix = tm.ix
    trial = tm.m.clone()
    trial.clear_hints()
    for s in ix.steps:
        for r in ix.eligible[s]:
            xs = [tm.x[s, r, w] for w in ix.weeks[s, r]]
            if sum(values[v.index] for v in xs) < USED:
                for v in xs:
                    trial.add(trial.get_int_var_from_proto_index(v.index) == 0)
    return trial


def restricted_solve(tm: TenderModel, values: list[float], solver: cp_model.CpSolver) -> bool:
    """Solve the restricted model with ``solver`` (which carries the limits); True if it found a plan.
    The restricted model is a clone with added constraints, so ``solver`` then reads ``tm``'s variables
    (and objective terms) as a complete plan of the full model."""
    return solver.solve(restricted(tm, values)) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
