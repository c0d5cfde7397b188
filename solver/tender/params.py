"""Solver parameters of ``plan_tender`` as a frozen value object, loadable from a JSON file."""
from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path

from .problem import TenderInputError


@dataclass(frozen=True)
class PlanParams:
    """Time limits (seconds) per stage, search settings and soft-rule weights.

    ``stages``: which of 1 (service: missing hours + lateness), 2 (cost), 3 (robustness) to run;
    each later stage keeps the earlier stage's value (cost within ``cost_tolerance_pct``).
    ``total_time_limit`` (None = none) caps the sum; a stage gets ``min(own limit, time left)``.
    ``missing_weight`` (None = horizon + 1) weighs a missing standard minute against a minute-week late,
    so that never producing a unit always costs more than producing it late.
    ``greedy_hint`` starts stage 1 from a constructive plan (completed by CP-SAT).
    ``lp_guide``: the cost stage first solves its LP relaxation (HiGHS), whose optimum is its proven bound,
    then spends ``lp_guide_share`` of its time on CP-SAT restricted to the (step, resource) pairs the
    relaxation uses; that plan is the hint of the full model (see ``guide.py``).
    ``solver_parameters``: extra CP-SAT parameters as (name, value) pairs, e.g. (("linearization_level", 2),).
    ``deterministic`` (default) makes the same problem give the same plan on every run and machine load:
    time limits are CP-SAT's deterministic time (work done, roughly seconds on a desktop core), several
    workers interleave their search, and a wall-clock cap of ``wall_time_factor`` x the limit + 30 s only
    guards against a pathological run (a stage stopped by it says so in its report and may differ).
    ``deterministic=False`` uses wall-clock limits (what benchmarks measure).
    """

    stage_time_limits: tuple[float, float, float] = (10.0, 20.0, 10.0)
    total_time_limit: float | None = None
    stages: tuple[int, ...] = (1, 2, 3)
    seed: int = 0
    workers: int = 1
    missing_weight: int | None = None
    cost_tolerance_pct: float = 0.0
    load_threshold_pct: int = 85
    overload_weight: int = 1
    fairness_weight: int = 10
    handoff_weight: int = 100
    due_extension_weeks: int = 4
    extension_time_limit: float = 5.0
    greedy_hint: bool = True
    lp_guide: bool = True
    lp_guide_share: float = 0.7
    solver_parameters: tuple[tuple[str, object], ...] = ()
    diagnose: bool = True
    log: bool = False
    deterministic: bool = True
    wall_time_factor: float = 10.0

    @classmethod
    def from_file(cls, path: str | Path) -> PlanParams:
        """Read a JSON object whose keys are field names (unknown keys are an error)."""
        data = json.loads(Path(path).read_text())
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise TenderInputError(f"PlanParams: unknown keys {sorted(unknown)}")
        for key in ("stage_time_limits", "stages"):
            if key in data:
                data[key] = tuple(data[key])
        if "solver_parameters" in data:
            data["solver_parameters"] = tuple(tuple(kv) for kv in data["solver_parameters"])
        return cls(**data)
