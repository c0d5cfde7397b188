"""Solve parameters, grouped: CP-SAT's own, the search phases, the neighbourhood search.

Each group is a frozen value object with range checks; `SolveParams.from_dict` and `from_file` read
the nested form, e.g. ``{"time_limit": 30, "cp_sat": {"workers": 2}, "phases": {"lns": 0.5}}``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path

RUNS = ("clauses", "automaton")


def _share(owner: str, name: str, value: float, top: float = 1.0) -> None:
    if not 0 <= value <= top:
        raise ValueError(f"{owner}: {name} must be in [0, {top:g}], not {value!r}")


@dataclass(frozen=True, slots=True)
class CpSatParams:
    """How CP-SAT searches.

    Parameters
    ----------
    workers : search workers (the neighbourhood search runs at most this many threads).
    relative_gap : stop when (objective - bound) / objective is below this.
    subsolvers : full-problem subsolvers to run (e.g. ``("max_lp", "default_lp")``); empty: CP-SAT's
        default portfolio.
    extra : other scalar CP-SAT parameters as (name, value) pairs, e.g. ``(("linearization_level", 2),)``
        or ``(("max_deterministic_time", 3.0),)``.
    """

    workers: int = 8
    relative_gap: float | None = None
    subsolvers: tuple[str, ...] = ()
    extra: tuple[tuple[str, object], ...] = ()

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"CpSatParams: workers must be at least 1, not {self.workers!r}")
        if self.relative_gap is not None:
            _share("CpSatParams", "relative_gap", self.relative_gap)


@dataclass(frozen=True, slots=True)
class Phases:
    """Shares of the time limit given to each phase of the search (0: the phase is off).

    Parameters
    ----------
    construct : building a first plan employee batch by batch (when no hint is given).
    linear : the problem without its balance term (the one non-linear rule, which keeps CP-SAT's
        feasibility jump off); its plan is priced and hinted (when no hint is given and the problem has
        a balance term).
    relax : the model with only the cover terms as objective; its plan is priced and hinted (when no
        hint is given).
    columns : column generation over whole employee schedules (search/columns.py), when no hint is
        given and the employees meet only in the demands: its Lagrangian bound is kept as the bound and
        its plan (CP-SAT's choice of one generated schedule per employee) is priced and hinted.
    primal : at the end, before the neighbourhood search, a CP-SAT run warm-started from the best plan
        with only `primal_workers` full-problem workers (the others do LNS and local search); the first
        run's bound is kept.
    lns : at the end, the engine's neighbourhood search over employees and days.
    price : pricing a hint on the model (its decision variables fixed, the rest solved for), at least
        `price_least` seconds.
    reserve : kept at the very end for reading the plan back (no phase runs in it).
    primal_workers : full-problem workers of the primal phase.
    handover : with `lns` on, the share of the time limit at which the first CP-SAT run is stopped and
        the neighbourhood search starts early, if that run has no plan by then or its gap is above
        `handover_gap` (0: off, the run keeps its whole share).
    handover_gap : the gap ((objective - bound) / objective) above which the run is stopped at
        `handover` (1: only a run without a plan is stopped).
    """

    construct: float = 0.0
    linear: float = 0.0
    relax: float = 0.0
    columns: float = 0.0
    primal: float = 0.0
    lns: float = 0.0
    price: float = 0.1
    price_least: float = 1.0
    reserve: float = 0.0
    primal_workers: int = 2
    handover: float = 0.0
    handover_gap: float = 1.0

    def __post_init__(self) -> None:
        for name in ("construct", "linear", "relax", "columns", "primal", "lns", "price", "handover", "handover_gap"):
            _share("Phases", name, getattr(self, name))
        _share("Phases", "reserve", self.reserve, 0.5)
        if self.primal + self.lns > 1:
            raise ValueError(f"Phases: primal + lns must be at most 1, not {self.primal + self.lns:g}")
        if self.price_least < 0:
            raise ValueError(f"Phases: price_least must be >= 0, not {self.price_least!r}")
        if self.primal_workers < 1:
            raise ValueError(f"Phases: primal_workers must be at least 1, not {self.primal_workers!r}")


@dataclass(frozen=True, slots=True)
class LnsParams:
    """The engine's neighbourhood search.

    Parameters
    ----------
    round : seconds at most for one neighbourhood.
    threads : neighbourhoods solved at once (0: one per core, at most `CpSatParams.workers`).
    stall : after this many rounds in a row without a better plan, the round limit doubles (up to
        `round_max`), so that larger neighbourhoods get solved; it falls back to `round` on a better
        plan (0: off, every round gets `round`).
    round_max : the most seconds a round may get after stalls.
    deterministic : `round` and `round_max` count CP-SAT's deterministic time (work, about a second of
        one core each) rather than wall seconds: on a machine shared with other jobs the rounds, and the
        sizes they adapt to, stay the same (False: wall seconds).
    """

    round: float = 1.0
    threads: int = 0
    stall: int = 0
    round_max: float = 4.0
    deterministic: bool = False

    def __post_init__(self) -> None:
        if self.round <= 0:
            raise ValueError(f"LnsParams: round must be above 0, not {self.round!r}")
        if self.threads < 0:
            raise ValueError(f"LnsParams: threads must be >= 0, not {self.threads!r}")
        if self.stall < 0:
            raise ValueError(f"LnsParams: stall must be >= 0, not {self.stall!r}")
        if self.round_max < self.round:
            raise ValueError(f"LnsParams: round_max must be at least round, not {self.round_max!r}")


@dataclass(frozen=True, slots=True)
class SolveParams:
    """How long and how to search.

    Parameters
    ----------
    time_limit : seconds of wall time.
    seed : random seed; with one worker the same seed gives the same plan.
    log : log the CP-SAT search and the neighbourhood search's tally.
    runs : how the run rules (consecutive days, days off) are written: ``"clauses"`` (short clauses,
        fast first plans) or ``"automaton"`` (one automaton per employee: a much tighter bound).
    cp_sat : CP-SAT's parameters (`CpSatParams`).
    phases : the share of the time of each search phase (`Phases`).
    lns : the neighbourhood search (`LnsParams`).
    decompose : solve the independent parts of the problem one by one (connected components of the
        eligibility, demand, consistency, request and reference links; see decompose.py), each with
        its share of the time and these parameters, then price their union on the whole model.
    """

    time_limit: float = 10.0
    seed: int = 0
    log: bool = False
    runs: str = "clauses"
    cp_sat: CpSatParams = field(default_factory=CpSatParams)
    phases: Phases = field(default_factory=Phases)
    lns: LnsParams = field(default_factory=LnsParams)
    decompose: bool = False

    def __post_init__(self) -> None:
        if self.time_limit <= 0:
            raise ValueError(f"SolveParams: time_limit must be above 0, not {self.time_limit!r}")
        if self.runs not in RUNS:
            raise ValueError(f"SolveParams: runs must be 'clauses' or 'automaton', not {self.runs!r}")

    @property
    def search_end(self) -> float:
        """Seconds after the start when every phase is over (the reserve is left to read back)."""
        return self.time_limit * (1 - self.phases.reserve)

    @classmethod
    def from_dict(cls, data: dict) -> SolveParams:
        """Build from a dict whose groups may be nested dicts; unknown keys are an error."""
        data = dict(_known(cls, data))
        groups = {"cp_sat": CpSatParams, "phases": Phases, "lns": LnsParams}
        for name, group in groups.items():
            if isinstance(data.get(name), dict):
                data[name] = group(**_known(group, data[name]))
        cp = data.get("cp_sat")
        if isinstance(cp, CpSatParams):
            extra = cp.extra.items() if isinstance(cp.extra, dict) else cp.extra
            data["cp_sat"] = CpSatParams(cp.workers, cp.relative_gap, tuple(cp.subsolvers),
                                         tuple((k, v) for k, v in extra))
        return cls(**data)

    @classmethod
    def from_file(cls, path: str | Path) -> SolveParams:
        """Build from a JSON file holding one object."""
        return cls.from_dict(json.loads(Path(path).read_text()))


def _known(cls, data: dict) -> dict:
    unknown = set(data) - {f.name for f in fields(cls)}
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown keys {sorted(unknown)}")
    return data
