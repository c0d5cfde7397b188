"""The same CP-SAT model as a mixed-integer program, solved by HiGHS through OR-Tools' MathOpt.

``as_mip`` reads the model's proto, so the MIP has exactly the variables, constraints and objective the
CP-SAT stage solves: linear constraints, at-most-one / exactly-one / clauses, and a maximum of Boolean
variables (``member_used = max(used)``: above each, below their sum). Variable ``i`` of the proto is
``Mip.x[i]``, so a MIP solution reads back as a CP-SAT hint or plan.
"""
from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from ortools.math_opt.python import mathopt
from ortools.math_opt.solvers import highs_pb2
from ortools.sat.python import cp_model


class NotLinear(ValueError):
    """The model holds a constraint the MIP translation does not cover."""


@dataclass
class Mip:
    model: mathopt.Model
    x: list  # proto variable index -> MathOpt variable
    offset: float
    scale: float


@dataclass(frozen=True)
class MipOutcome:
    """``values`` (one per proto variable, None without a solution), objective and proven bound in the
    proto's objective units, and MathOpt's termination reason."""

    values: list[int] | None
    objective: float | None
    bound: float
    reason: str
    seconds: float


def _literal(x: list, lit: int):
    """A CP-SAT literal as a linear expression (negative = negated Boolean)."""
    return x[lit] if lit >= 0 else 1 - x[-lit - 1]


def _linear(x: list, vars_, coeffs):
    return mathopt.fast_sum(c * x[v] for v, c in zip(vars_, coeffs, strict=True))


def _single(x: list, e):
    """The variable of a lin_max expression that is one variable with coefficient 1."""
    if len(e.vars) != 1 or e.coeffs[0] != 1 or e.offset:
        raise NotLinear("a maximum of general expressions")
    return e.vars[0]


def as_mip(proto, relax: bool = False) -> Mip:
    """A MathOpt model holding ``proto`` (a ``CpModel().proto``); ``relax`` drops integrality."""
    model = mathopt.Model(name="tender")
    x = []
    bounds = []
    for i, var in enumerate(proto.variables):
        dom = list(var.domain)
        if len(dom) != 2:
            raise NotLinear(f"variable {i} has a domain with holes")
        bounds.append((dom[0], dom[1]))
        x.append(model.add_variable(lb=dom[0], ub=dom[1], is_integer=not relax))
    for k, ct in enumerate(proto.constraints):
        if len(ct.enforcement_literal):
            raise NotLinear(f"constraint {k} is enforced by a literal")
        if ct.has_linear():
            dom = list(ct.linear.domain)
            if len(dom) != 2:
                raise NotLinear(f"constraint {k} has a domain with holes")
            lo = -math.inf if dom[0] <= cp_model.INT_MIN else dom[0]
            hi = math.inf if dom[1] >= cp_model.INT_MAX else dom[1]
            model.add_linear_constraint(lb=lo, ub=hi, expr=_linear(x, ct.linear.vars, ct.linear.coeffs))
        elif ct.has_at_most_one():
            model.add_linear_constraint(mathopt.fast_sum(_literal(x, v) for v in ct.at_most_one.literals) <= 1)
        elif ct.has_exactly_one():
            model.add_linear_constraint(mathopt.fast_sum(_literal(x, v) for v in ct.exactly_one.literals) == 1)
        elif ct.has_bool_or():
            model.add_linear_constraint(mathopt.fast_sum(_literal(x, v) for v in ct.bool_or.literals) >= 1)
        elif ct.has_bool_and():
            for v in ct.bool_and.literals:
                model.add_linear_constraint(_literal(x, v) >= 1)
        elif ct.has_lin_max():
            target = _single(x, ct.lin_max.target)
            terms = [_single(x, e) for e in ct.lin_max.exprs]
            if any(bounds[t] != (0, 1) for t in terms):
                raise NotLinear(f"constraint {k}: a maximum of non-Boolean variables")
            for t in terms:
                model.add_linear_constraint(x[target] >= x[t])
            model.add_linear_constraint(x[target] <= mathopt.fast_sum(x[t] for t in terms))
        else:
            raise NotLinear(f"constraint {k} is not linear")
    obj = proto.objective
    model.minimize(_linear(x, obj.vars, obj.coeffs))
    return Mip(model, x, obj.offset, obj.scaling_factor or 1.0)


def _highs(threads: int, seed: int, seconds: float | None, log: bool) -> mathopt.SolveParameters:
    highs = highs_pb2.HighsOptionsProto()
    highs.int_options["threads"] = threads  # one thread and a fixed seed: the same answer on every run
    return mathopt.SolveParameters(time_limit=None if seconds is None else datetime.timedelta(seconds=seconds),
                                   random_seed=seed, enable_output=log, highs=highs)


def solve_lp(relaxed: Mip) -> tuple[float, list[float]] | None:
    """Optimum (in the proto's objective units) and values of a relaxation, None if HiGHS finds none."""
    try:
        result = mathopt.solve(relaxed.model, mathopt.SolverType.HIGHS, params=_highs(1, 0, None, False))
    except Exception:  # noqa: BLE001 - the LP is optional: without it the cost stage is CP-SAT's alone
        return None
    if result.termination.reason != mathopt.TerminationReason.OPTIMAL:
        return None
    return (result.objective_value() + relaxed.offset) * relaxed.scale, list(result.variable_values(relaxed.x))


def solve_mip(mip: Mip, seconds: float, threads: int = 1, seed: int = 0, hint: list[int] | None = None,
              log: bool = False) -> MipOutcome:
    """Solve with HiGHS for at most ``seconds``; values are rounded to integers."""
    params = _highs(threads, seed, seconds, log)
    model_params = None
    if hint is not None:
        model_params = mathopt.ModelSolveParameters(
            solution_hints=[mathopt.SolutionHint(variable_values=dict(zip(mip.x, hint, strict=True)))])
    result = mathopt.solve(mip.model, mathopt.SolverType.HIGHS, params=params, model_params=model_params)
    bounds = result.termination.objective_bounds
    bound = (bounds.dual_bound + mip.offset) * mip.scale
    if not result.has_primal_feasible_solution():
        return MipOutcome(None, None, bound, result.termination.reason.name, result.solve_time().total_seconds())
    values = result.variable_values(mip.x)
    return MipOutcome([int(round(v)) for v in values], (result.objective_value() + mip.offset) * mip.scale, bound,
                      result.termination.reason.name, result.solve_time().total_seconds())
