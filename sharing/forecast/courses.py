"""The training catalogue that ships as data (`sharing/data/trainings.csv`, sources in docs/workforce.md):
one course per skill level or certificate, its hours, its cost and the skills a trainee needs first."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from consortium.errors import RowError

__all__ = ["Course", "load_courses"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "trainings.csv"


@dataclass(frozen=True)
class Course:
    """A course leading to a skill level (`kind` skill, `level` a rank) or a certificate (`kind` cert)."""

    kind: str
    code: str
    level: str
    name: str
    hours: float
    cost: Decimal
    requires: tuple[tuple[str, int], ...]  # any one of these skills (code, rank) is enough; none: open to all

    def open_to(self, skills: dict[str, int]) -> bool:
        """Whether someone with these skills may follow the course."""
        return not self.requires or any(skills.get(code, 0) >= level for code, level in self.requires)


def load_courses(path: Path | None = None) -> list[Course]:
    """The catalogue's courses; a bad row raises RowError naming the file, row and field."""
    path = path or _DATA
    out = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row_number, row in enumerate(csv.DictReader(handle), start=2):
            field = "kind"
            try:
                if row["kind"] not in ("skill", "cert"):
                    raise ValueError("skill or cert")
                field = "hours"
                hours = float(row["hours"])
                field = "cost_eur"
                cost = Decimal(row["cost_eur"])
                field = "requires"
                requires = tuple((c.strip(), int(lv)) for c, _, lv in
                                 (part.partition(":") for part in row["requires"].split("|") if part.strip()))
            except (ValueError, ArithmeticError) as exc:
                raise RowError([f"{path.name}:{row_number}: column {field}: {exc}"]) from None
            out.append(Course(row["kind"], row["code"], row["level"], row["course"], hours, cost, requires))
    return out
