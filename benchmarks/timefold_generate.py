"""Larger instances of Timefold's employee-scheduling model, in the same neutral JSON.

Example: ``python -m benchmarks.timefold_generate --employees 500 --shifts 4000 --seed 1 -o big.json``

Deterministic for a seed. The proportions follow Timefold's own e200_s1500 instance (its demo data
generator): the same number of shifts every day; each employee is a Doctor or a Nurse with one or two of
Cardiology, Anaesthetics and Radiology; about 70 shifts per location over the horizon; 8 h shifts at 06:00,
09:00, 14:00 and 22:00
in the instance's proportions; 0 to 4 unavailable, undesired and desired dates per employee.
"""
from __future__ import annotations

import argparse
import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path

from integrations.files import write_text

FIRST_DAY = date(2025, 7, 7)  # a Monday, as Timefold's instances
ROLES = ("Doctor", "Nurse")
SPECIALTIES = ("Cardiology", "Anaesthetics", "Radiology")
SKILL_WEIGHTS = {"Doctor": 25, "Nurse": 24.5, "Radiology": 17.5, "Cardiology": 16.4, "Anaesthetics": 16.3}
STARTS = {6: 33.4, 14: 32.4, 22: 22.4, 9: 11.8}  # hour: share of the shifts (e200_s1500)
DATE_COUNTS = {  # how many dates of each kind an employee has: count -> weight (e200_s1500)
    "unavailable_dates": {0: 75, 1: 61, 2: 42, 3: 16, 4: 6},
    "undesired_dates": {0: 66, 1: 90, 2: 36, 3: 7, 4: 1},
    "desired_dates": {0: 70, 1: 96, 2: 25, 3: 6, 4: 3},
}
FIRST = ("Amy", "Beth", "Carl", "Dan", "Elsa", "Flo", "Gus", "Hugo", "Ivy", "Jay", "Kim", "Lea", "Max", "Nia")
LAST = ("Cole", "Fox", "Green", "Jones", "King", "Li", "Poe", "Rye", "Smith", "Watt", "Young", "Zhang")


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), list(weights.values()))[0]


def generate(employees: int, shifts: int, days: int = 14, seed: int = 0) -> dict:
    """An instance with `employees` employees and `shifts` shifts over `days` days."""
    rng = random.Random(seed)
    dates = [FIRST_DAY + timedelta(days=d) for d in range(days)]
    names = [f"{first} {last}" for last in LAST for first in FIRST]
    emps = []
    for i in range(employees):
        name = names[i % len(names)] + ("" if i < len(names) else f" {i // len(names) + 1}")
        skills = [rng.choice(ROLES), *sorted(rng.sample(SPECIALTIES, 1 if rng.random() < 0.76 else 2))]
        free = rng.sample(dates, len(dates))
        lists = {}
        for key, weights in DATE_COUNTS.items():
            k = min(_pick(rng, weights), len(free))
            lists[key] = sorted(d.isoformat() for d in free[:k])
            free = free[k:]
        emps.append({"name": name, "skills": skills, **lists})
    locations = [f"Ward {k + 1:02d}" for k in range(max(3, round(shifts / 70)))]
    rows = []
    for i in range(shifts):  # days in turn: as many shifts every day, give or take one
        day, hour = dates[i % days], _pick(rng, STARTS)
        rows.append((day, rng.choice(locations), hour, _pick(rng, SKILL_WEIGHTS)))
    rows.sort()
    out = []
    for i, (day, location, hour, skill) in enumerate(rows):
        start = datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)
        out.append({"id": str(i), "start": start.isoformat(), "end": (start + timedelta(hours=8)).isoformat(),
                    "location": location, "required_skill": skill})
    return {"employees": emps, "shifts": out}


def main(argv: list[str] | None = None) -> int:
    """Command line: write one generated instance."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.timefold_generate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--employees", type=int, default=500)
    ap.add_argument("--shifts", type=int, default=4000)
    ap.add_argument("--days", type=int, default=14)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args(argv)
    write_text(args.output, json.dumps(generate(args.employees, args.shifts, args.days, args.seed), indent=1) + "\n")
    print(args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
