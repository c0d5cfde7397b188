"""The selection problem as plain data: shortages to cover, options with their estimated cover and cost."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Demand:
    """One shortage: integer minutes left unfilled, and the weight of one of its minutes (by priority)."""

    code: str
    minutes: int
    weight: int = 1


@dataclass(frozen=True)
class Option:
    """One thing the group could do: its kind (counted against a limit), cost in cents, and the minutes
    it was estimated to fill, alone, for each demand code."""

    code: str
    kind: str
    cost: int
    cover: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SelectionProblem:
    """Demands, options, how many options of each kind at most, and a budget in cents (None: no budget)."""

    demands: list[Demand]
    options: list[Option]
    limits: dict[str, int]
    budget: int | None = None

    def __post_init__(self) -> None:
        codes = {d.code for d in self.demands}
        for option in self.options:
            unknown = set(option.cover) - codes
            if unknown:
                raise ValueError(f"option {option.code}: unknown demand {sorted(unknown)[0]}")
            if option.kind not in self.limits:
                raise ValueError(f"option {option.code}: kind {option.kind!r} has no limit")
            if option.cost < 0 or any(m < 0 for m in option.cover.values()):
                raise ValueError(f"option {option.code}: cost and cover must not be negative")
        if len({o.code for o in self.options}) != len(self.options):
            raise ValueError("option codes must be unique")
