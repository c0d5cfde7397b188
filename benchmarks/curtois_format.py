"""Reader of the Curtois & Qu staff-scheduling text format (see benchmarks/data/curtois/README.md)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


DATA_DIR = Path(__file__).resolve().parent / "data"


def curtois_dir() -> Path:
    """Folder of the Curtois instances and best_known.csv (shipped in ``benchmarks/data/curtois``)."""
    return DATA_DIR / "curtois"


@dataclass
class Staff:
    id: str
    max_shifts: dict[str, int]
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_days_off: int
    max_weekends: int


@dataclass
class Instance:
    name: str
    days: int = 0
    lengths: dict[str, int] = field(default_factory=dict)  # shift id -> minutes
    not_after: dict[str, set[str]] = field(default_factory=dict)  # shift -> shifts barred next day
    staff: list[Staff] = field(default_factory=list)
    days_off: dict[str, set[int]] = field(default_factory=dict)
    on_requests: list[tuple[str, int, str, int]] = field(default_factory=list)
    off_requests: list[tuple[str, int, str, int]] = field(default_factory=list)
    cover: list[tuple[int, str, int, int, int]] = field(default_factory=list)  # day, shift, req, under, over


def read_instance(path: str | Path) -> Instance:
    """Parse one instance file."""
    path = Path(path)
    inst = Instance(path.stem)
    section = ""
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("SECTION_"):
            section = line
            continue
        f = [x.strip() for x in line.split(",")]
        if section == "SECTION_HORIZON":
            inst.days = int(f[0])
        elif section == "SECTION_SHIFTS":
            inst.lengths[f[0]] = int(f[1])
            inst.not_after[f[0]] = {x for x in (f[2] if len(f) > 2 else "").split("|") if x}
        elif section == "SECTION_STAFF":
            pairs = (kv.split("=") for kv in f[1].split("|") if kv)
            inst.staff.append(Staff(f[0], {k: int(v) for k, v in pairs}, *map(int, f[2:8])))
        elif section == "SECTION_DAYS_OFF":
            inst.days_off[f[0]] = {int(d) for d in f[1:] if d}
        elif section in ("SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS"):
            req = (f[0], int(f[1]), f[2], int(f[3]))
            on = section == "SECTION_SHIFT_ON_REQUESTS"
            (inst.on_requests if on else inst.off_requests).append(req)
        elif section == "SECTION_COVER":
            inst.cover.append((int(f[0]), f[1], int(f[2]), int(f[3]), int(f[4])))
    return inst


def best_known() -> dict[str, int]:
    """Best-known objective per instance name (empty if the file is absent)."""
    path = curtois_dir() / "best_known.csv"
    if not path.exists():
        return {}
    rows = [line.split(",") for line in path.read_text().splitlines()[1:] if line.strip()]
    return {r[0]: int(r[4]) for r in rows}
