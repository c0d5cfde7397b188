"""The answer of a solve: status, objective, bound, plan and penalties per rule and subject."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from collections.abc import Callable

Progress = Callable[[float, float, float, float], None]
"""Called as ``on_progress(objective, bound, gap, elapsed seconds)`` on each improving plan."""


@dataclass(frozen=True, slots=True)
class Result:
    """Outcome of `solve`.

    `assignments` are (employee id, shift id) pairs sorted by employee then shift order;
    `penalties` maps (rule id, subject) to the penalty paid (zeros omitted); their sum is `objective`.
    """

    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, MODEL_INVALID or UNKNOWN
    objective: float | None
    best_bound: float | None
    runtime: float
    assignments: tuple[tuple[str, str], ...] = ()
    penalties: dict[tuple[str, str], int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def gap(self) -> float | None:
        """Relative gap (objective - bound) / |objective| (0 when both are 0)."""
        if self.objective is None or self.best_bound is None:
            return None
        if self.objective == self.best_bound:
            return 0.0
        return abs(self.objective - self.best_bound) / max(abs(self.objective), 1e-9)

    def is_feasible(self) -> bool:
        """True when a plan satisfying every hard rule was found."""
        return self.status in ("OPTIMAL", "FEASIBLE")

    def cost(self) -> float:
        """The objective, or +inf without a plan."""
        return self.objective if self.objective is not None else float("inf")

    def by_rule(self) -> dict[str, int]:
        """Penalty per rule id."""
        out: dict[str, int] = {}
        for (rule, _), v in self.penalties.items():
            out[rule] = out.get(rule, 0) + v
        return out

    def explain(self) -> list[tuple[str, str, str, int]]:
        """(rule id, label, subject, penalty) rows, largest penalty first."""
        rows = [(r, self.labels.get(r, r), s, v) for (r, s), v in self.penalties.items()]
        return sorted(rows, key=lambda row: (-row[3], row[0], row[2]))

    def summary(self) -> str:
        """A few human lines: status, objective, bound, gap, time and penalty per rule."""
        gap = "-" if self.gap is None else f"{100 * self.gap:.2f} %"
        lines = [
            f"status {self.status}  objective {self.objective}  bound {self.best_bound}  "
            f"gap {gap}  time {self.runtime:.1f} s  assignments {len(self.assignments)}"
        ]
        for rule, v in sorted(self.by_rule().items(), key=lambda kv: -kv[1]):
            lines.append(f"  {rule:<24} {self.labels.get(rule, rule):<50} {v}")
        return "\n".join(lines)


def settle(plan: Result, bound: float | None) -> Result:
    """`plan` under `bound`, with the status they give: OPTIMAL when the bound reaches the objective,
    else FEASIBLE.

    Used whenever the plan kept is not the one CP-SAT returned with its status: a priced fallback (a
    hint, the neighbourhood search's plan) or the better of two runs. A bound above the plan's
    objective is no bound (CP-SAT reports 0 when stopped before it had one) and is dropped.
    """
    if bound is not None and plan.objective is not None and bound > plan.objective:
        bound = None
    optimal = bound is not None and plan.objective is not None and bound >= plan.objective
    return replace(plan, status="OPTIMAL" if optimal else "FEASIBLE", best_bound=bound)
