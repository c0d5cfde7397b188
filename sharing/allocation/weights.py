"""The weights of the weekly allocation's soft rules and the solve parameters, as frozen value objects.

Every weight is an integer penalty in the engine's objective. The scale is set by coverage: one
missing person-hour of a normal request costs 1,000. Everything else is much smaller, so that the
optimiser never leaves a need unfilled to save travel or to please a preference.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from consortium.errors import InvalidInput
from solver.roster import CpSatParams, Phases, SolveParams

__all__ = ["AllocationWeights", "AllocationParams"]


@dataclass(frozen=True)
class AllocationWeights:
    """Penalties of the soft rules (integers; see docs/allocation.md).

    Parameters
    ----------
    critical, normal, optional : per missing person-hour of a request of that priority.
    fairness : per hundredth of a person by which the worst-served member falls short of its
        entitled part of the people placed (engine rule `group_fairness`).
    fairness_deficit_scale_hours : a member short of `h` hours in earlier weeks has its shortfall
        this week counted (1 + h / scale) times.
    idle : per idle contracted hour of an employee in the week.
    continuity : per assignment at a member the employee did not work for last week (only for
        members that had shared staff last week).
    same_person : per extra distinct employee on the dated requests of a `same_person` series.
    travel : per minute of commute from home to the site.
    preferred_member : per assignment outside the employee's preferred members (when they have some).
    avoided_member : per assignment at a member the employee would rather avoid.
    preferred_employee : per assignment of someone not in the request's preferred employees.
    commute_excess : per minute of commute beyond the employee's `max_commute_minutes`.
    short_fragment : per assignment shorter than the request's `min_chunk_hours`; unused, since
        the allocation places whole requests only (no partial shifts are generated).
    stability : per assignment of the published plan that a re-plan drops.
    overtime : per euro of overtime or complementary-hour premium an employee's week would earn
        (payroll bands, engine rule `weekly_overtime`), counted per started hour.
    premium_hours : per euro of night, Sunday and public-holiday premium an assignment would earn.
    lent_staff : per hour of a request given to staff a member lends (GE staff first; below the
        optional coverage of 100, so that lent staff still fill what GE staff cannot).
    """

    critical: int = 10_000
    normal: int = 1_000
    optional: int = 100
    fairness: int = 1
    fairness_deficit_scale_hours: float = 7.0
    idle: int = 20
    continuity: int = 15
    same_person: int = 60
    travel: int = 1
    preferred_member: int = 10
    avoided_member: int = 30
    preferred_employee: int = 25
    commute_excess: int = 3
    short_fragment: int = 0
    stability: int = 3_000
    overtime: int = 1
    premium_hours: int = 1
    lent_staff: int = 50

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or value < 0:
                raise InvalidInput(f"allocation weights: field {f.name}: {value!r} is not a number >= 0")
        if self.fairness_deficit_scale_hours <= 0:
            raise InvalidInput("allocation weights: field fairness_deficit_scale_hours: must be above 0")

    def coverage(self, priority: str) -> int:
        """Penalty per missing person-hour of a request of this priority."""
        return {"critical": self.critical, "normal": self.normal, "optional": self.optional}[priority]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> AllocationWeights:
        """Build from a dict; unknown keys are an error naming them."""
        unknown = set(data) - {f.name for f in fields(cls)}
        if unknown:
            raise InvalidInput(f"allocation weights: unknown field(s) {', '.join(sorted(unknown))}")
        return cls(**data)

    @classmethod
    def from_file(cls, path: str | Path) -> AllocationWeights:
        """Build from a JSON file holding one object."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@dataclass(frozen=True)
class AllocationParams:
    """How the weekly allocation searches: time limit (s), seed, CP-SAT workers, weights, log, and the
    share of the time, at the end, given to the engine's neighbourhood search (0: CP-SAT alone).

    ``deterministic``: the same data and seed give the same plan on any machine and under any load: one
    CP-SAT worker whose budget is ``time_limit`` in CP-SAT's deterministic time (work done, not seconds),
    with ten times the limit in wall-clock seconds as a safety stop (the greedy plan is priced in work
    done too). The neighbourhood search is off.

    ``decompose``: the week's independent parts (employees and requests linked by eligibility; skills
    and regions rarely mix) are solved one by one, then priced together (engine `SolveParams.decompose`);
    not in the deterministic mode.
    """

    time_limit: float = 30.0
    seed: int = 0
    workers: int = 8
    weights: AllocationWeights = field(default_factory=AllocationWeights)
    log: bool = False
    lns_share: float = 0.0
    deterministic: bool = False
    decompose: bool = True

    def __post_init__(self) -> None:
        if self.time_limit <= 0:
            raise InvalidInput(f"allocation params: field time_limit: {self.time_limit} is not above 0")
        if self.workers < 1:
            raise InvalidInput(f"allocation params: field workers: {self.workers} is below 1")
        if not 0 <= self.lns_share < 1:
            raise InvalidInput(f"allocation params: field lns_share: {self.lns_share} is not in [0, 1)")

    def engine(self) -> SolveParams:
        """The roster engine's parameters: a greedy plan is priced in a tenth of the time (half a
        second at least), the last `lns_share` of the search goes to the neighbourhood search, and the
        last 5 % of the time is left to read the plan back."""
        if self.deterministic:
            # wall clock only as a safety stop; the budget is CP-SAT's deterministic time
            return SolveParams(
                time_limit=10 * self.time_limit, seed=self.seed, log=self.log,
                cp_sat=CpSatParams(workers=1, extra=(("max_deterministic_time", self.time_limit),)),
                phases=Phases(price=0.01, price_least=0.5, reserve=0.05),
            )
        return SolveParams(
            time_limit=self.time_limit, seed=self.seed, log=self.log, cp_sat=CpSatParams(workers=self.workers),
            phases=Phases(lns=self.lns_share, price=0.1, price_least=0.5, reserve=0.05),
            decompose=self.decompose,
        )

    @classmethod
    def from_dict(cls, data: dict) -> AllocationParams:
        """Build from a dict; `weights` may be a nested dict."""
        data = dict(data)
        unknown = set(data) - {f.name for f in fields(cls)}
        if unknown:
            raise InvalidInput(f"allocation params: unknown field(s) {', '.join(sorted(unknown))}")
        if isinstance(data.get("weights"), dict):
            data["weights"] = AllocationWeights.from_dict(data["weights"])
        return cls(**data)

    @classmethod
    def from_file(cls, path: str | Path) -> AllocationParams:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
