"""Result of ``plan_tender`` and ``precheck``: plain frozen dataclasses that answer questions."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Issue:
    """A precheck finding: ``check`` id, the step/process it is about, and the numbers behind it."""

    check: str
    subject: str
    message: str
    needed_minutes: int = 0
    available_minutes: int = 0


@dataclass(frozen=True)
class Allocation:
    """``units`` of ``step`` on ``resource`` in ``week``; minutes include setup, split regular/overtime."""

    step: str
    item: str
    lot: str
    resource: str
    member: str
    week: int
    units: int
    minutes: int
    regular_minutes: int
    overtime_minutes: int


@dataclass(frozen=True)
class ResourceLoad:
    """Load of one resource-week against its capacity (minutes)."""

    resource: str
    member: str
    week: int
    load_minutes: int
    regular_capacity: int
    overtime_capacity: int

    @property
    def overtime_minutes(self) -> int:
        return max(0, self.load_minutes - self.regular_capacity)


@dataclass(frozen=True)
class Costs:
    """Cost of the plan in cents, per cost rule, recomputed from the plan."""

    labour_cents: int = 0
    setup_cents: int = 0
    overtime_premium_cents: int = 0
    transport_cents: int = 0
    coordination_cents: int = 0

    @property
    def total_cents(self) -> int:
        return (self.labour_cents + self.setup_cents + self.overtime_premium_cents
                + self.transport_cents + self.coordination_cents)


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    """(objective - bound) / |objective|, 0 when both are equal, None without both."""
    if objective is None or bound is None:
        return None
    if objective == bound:
        return 0.0
    return abs(objective - bound) / max(abs(objective), 1e-9)


@dataclass(frozen=True)
class StageReport:
    """One lexicographic stage: CP-SAT status name, objective, best bound and wall time (s)."""

    stage: int
    name: str
    status: str
    objective: float | None
    bound: float | None
    seconds: float

    @property
    def gap(self) -> float | None:
        """Relative gap of the stage (see ``relative_gap``)."""
        return relative_gap(self.objective, self.bound)


@dataclass(frozen=True)
class LotOutcome:
    """A lot is feasible when every unit of every step is made and delivered by its deadlines."""

    lot: str
    feasible: bool
    missing_units: int
    missing_minutes: int
    late_unit_weeks: int


@dataclass(frozen=True)
class Shortage:
    """Standard minutes of ``process`` (needing ``certificates``) missing by a deadline, placed in ``week``."""

    process: str
    certificates: tuple[str, ...]
    week: int
    minutes: int


@dataclass(frozen=True)
class Fix:
    """A suggested fix: ``overtime`` at a member, ``subcontract`` minutes of a process, or a
    ``later_due`` week for a lot (the smallest that stage 1 found feasible)."""

    kind: str
    minutes: int = 0
    process: str | None = None
    member: str | None = None
    resource: str | None = None
    lot: str | None = None
    week: int | None = None
    note: str = ""


@dataclass(frozen=True)
class TenderResult:
    """Plan, costs, team and diagnosis of a tender; ``status`` is feasible, infeasible or unknown.

    ``objective``, ``bound`` and ``gap`` are those of the last stage run (the cost stage reports cents),
    None when it found no plan; each stage's own are in ``stages``.
    """

    status: str
    stages: tuple[StageReport, ...]
    lots: tuple[LotOutcome, ...] = ()
    allocations: tuple[Allocation, ...] = ()
    loads: tuple[ResourceLoad, ...] = ()
    costs: Costs = field(default_factory=Costs)
    team: tuple[str, ...] = ()
    shortages: tuple[Shortage, ...] = ()
    fixes: tuple[Fix, ...] = ()
    issues: tuple[Issue, ...] = ()
    explanation: tuple[tuple[int, str, str, int, int], ...] = ()  # (stage, rule, subject, weight, value)

    @property
    def objective(self) -> float | None:
        return self.stages[-1].objective if self.stages else None

    @property
    def bound(self) -> float | None:
        return self.stages[-1].bound if self.stages else None

    @property
    def gap(self) -> float | None:
        return self.stages[-1].gap if self.stages else None

    def is_feasible(self) -> bool:
        """True when every lot is whole and on time (``status`` feasible)."""
        return self.status == "feasible"

    def missing_minutes(self) -> int:
        return sum(lot.missing_minutes for lot in self.lots)

    def summary(self) -> str:
        lines = [f"status {self.status}; team {', '.join(self.team) or '-'}; "
                 f"cost {self.costs.total_cents / 100:.2f}; missing {self.missing_minutes() / 60:.1f} h"]
        for s in self.stages:
            lines.append(f"stage {s.stage} {s.name}: {s.status} objective {s.objective} bound {s.bound} "
                         f"{s.seconds:.2f} s")
        for lot in self.lots:
            state = ("ok" if lot.feasible
                     else f"missing {lot.missing_units} units, late {lot.late_unit_weeks} unit-weeks")
            lines.append(f"lot {lot.lot}: {state}")
        lines += [f"fix {f.kind}: {f.note}" for f in self.fixes]
        return "\n".join(lines)
