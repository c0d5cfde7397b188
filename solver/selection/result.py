"""The chosen options and why: the covered weighted minutes, the cost, and each option's share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Selection:
    """The solver's answer: chosen option codes, covered minutes per demand, cost in cents."""

    status: str
    chosen: list[str]
    covered: dict[str, int]
    cost: int
    objective: int
    bound: float
    alone: dict[str, int]  # weighted minutes each option covers on its own (as estimated)

    def is_optimal(self) -> bool:
        return self.status == "OPTIMAL"

    def explain(self) -> list[str]:
        """One line per chosen option (its estimate alone) and one for the whole, overlaps counted once."""
        lines = [f"{code}: {self.alone[code]} weighted minutes alone" for code in self.chosen]
        lines.append(f"together: {self.objective} weighted minutes, cost {self.cost} cents ({self.status.lower()})")
        return lines
