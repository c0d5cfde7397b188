"""Solve parameters as a frozen value object, loadable from a dict or a JSON file."""
from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SolveParams:
    """How long and how to search.

    Parameters
    ----------
    time_limit : seconds of wall time.
    seed : random seed; with ``workers=1`` the same seed gives the same plan.
    workers : CP-SAT search workers.
    log : print the CP-SAT search log.
    relative_gap : stop when (objective - bound) / objective is below this.
    lns_share : share of the time limit, at the end, given to the engine's neighbourhood search over
        employees and days (lns.py), started from the best plan found before (0: off).
    construct_share : share of the time limit spent building a first plan employee batch by batch
        (used as the hint when none is given; 0: off).
    relax_share : share of the time limit spent on the model with only the cover terms as objective;
        its plan is priced and hinted completely for the full search (used when no hint is given; 0: off).
    linear_share : share of the time limit spent on the problem without its balance term (the one
        non-linear rule: CP-SAT's feasibility jump, its fastest first-plan heuristic, only runs on
        linear models); its plan is priced and hinted for the full search (used when no hint is given
        and the problem has a balance term; 0: off).
    primal_share : share of the time limit, at the end, given to a second CP-SAT run warm-started
        from the first run's plan with only ``primal_full_subsolvers`` full-problem workers (the other
        workers do LNS and local search: better plans on large instances); the bound of the first run
        is kept (0: off).
    primal_full_subsolvers : full-problem workers of that second run.
    runs : how the run rules (consecutive days, days off) are written: ``"clauses"`` (short clauses,
        fast first plans) or ``"automaton"`` (one automaton per employee: a much tighter bound).
    lns_round : seconds at most for one neighbourhood of the engine's search.
    lns_threads : neighbourhoods solved at once (0: one per core, at most ``workers``).
    subsolvers : CP-SAT full-problem subsolvers to run (e.g. ``("max_lp", "default_lp")``: strong
        LP reasoning on both of two workers); empty: CP-SAT's default portfolio.
    cp_sat : other scalar CP-SAT parameters as (name, value) pairs, e.g. ``(("linearization_level", 2),)``.
    """

    time_limit: float = 10.0
    seed: int = 0
    workers: int = 8
    log: bool = False
    relative_gap: float | None = None
    lns_share: float = 0.0
    construct_share: float = 0.0
    relax_share: float = 0.0
    primal_share: float = 0.0
    primal_full_subsolvers: int = 2
    runs: str = "clauses"
    lns_round: float = 1.0
    lns_threads: int = 0
    subsolvers: tuple[str, ...] = ()
    cp_sat: tuple[tuple[str, object], ...] = ()
    linear_share: float = 0.0

    @classmethod
    def from_dict(cls, data: dict) -> "SolveParams":
        """Build from a dict; unknown keys are an error."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"SolveParams: unknown keys {sorted(unknown)}")
        if "subsolvers" in data:
            data = {**data, "subsolvers": tuple(data["subsolvers"])}
        if "cp_sat" in data:
            items = data["cp_sat"].items() if isinstance(data["cp_sat"], dict) else data["cp_sat"]
            data = {**data, "cp_sat": tuple((k, v) for k, v in items)}
        return cls(**data)

    @classmethod
    def from_file(cls, path: str | Path) -> "SolveParams":
        """Build from a JSON file holding one object."""
        return cls.from_dict(json.loads(Path(path).read_text()))
