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
    lns_rounds : rounds of the engine's own neighbourhood search after the first solve (0: off).
    """

    time_limit: float = 10.0
    seed: int = 0
    workers: int = 2
    log: bool = False
    relative_gap: float | None = None
    lns_rounds: int = 0

    @classmethod
    def from_dict(cls, data: dict) -> "SolveParams":
        """Build from a dict; unknown keys are an error."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"SolveParams: unknown keys {sorted(unknown)}")
        return cls(**data)

    @classmethod
    def from_file(cls, path: str | Path) -> "SolveParams":
        """Build from a JSON file holding one object."""
        return cls.from_dict(json.loads(Path(path).read_text()))
