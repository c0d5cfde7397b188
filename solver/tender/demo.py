"""Seeded random clusters and tenders (demo data for benchmarks and tests)."""
from __future__ import annotations

import random

from .problem import (
    CertRequirement, Certificate, Item, Lot, Resource, ResourceWeek, Step, TeamRules, TenderProblem,
)


def random_problem(seed: int, members: int = 35, items: int = 6, weeks: int = 26, processes: int = 8,
                   load: float = 1.0, team: TeamRules | None = None) -> TenderProblem:
    """A cluster of ``members`` and a tender of ``items`` routed through 3-4 steps each.

    ``load`` scales quantities (1.0 uses roughly half of the eligible capacity in the lots' windows).
    """
    rng = random.Random(seed)
    procs = [f"P{k}" for k in range(processes)]
    names = [f"M{k:02d}" for k in range(members)]
    resources, capacities, certificates = [], [], []
    for m in names:
        for k in range(rng.choice((1, 1, 2))):
            rate = rng.randrange(3000, 6001, 100)
            r = Resource(f"{m}-R{k}", m, frozenset(rng.sample(procs, min(len(procs), rng.choice((1, 2, 3))))),
                         units=rng.choice((1, 1, 2)), efficiency_pct=rng.randrange(80, 121, 5),
                         setup_minutes=rng.choice((0, 30, 60)), rate_cents=rate,
                         overtime_rate_cents=rate * 3 // 2)
            resources.append(r)
            for w in range(weeks):
                capacities.append(ResourceWeek(r.id, w, 2400, rng.choice((0, 240, 480)),
                                               rng.choice((0, 0, 300, 600))))
        for code, share in (("ISO9001", 0.7), ("EN1090", 0.4), ("NADCAP", 0.2)):
            if rng.random() < share:
                last = rng.choice((None, None, rng.randrange(weeks // 2, weeks)))
                certificates.append(Certificate(m, code, rng.choice((1, 2)), 0, last))
    lots = [Lot(f"L{k}", rng.randrange(0, 4), rng.randrange(weeks // 2, weeks - 1)) for k in range(3)]
    item_rows, steps = [], []
    for i in range(items):
        item = Item(f"I{i}", lots[i % len(lots)].id, max(1, int(rng.randrange(100, 600) * load)))
        item_rows.append(item)
        prev = None
        for k in range(rng.choice((3, 3, 4))):
            sid = f"I{i}S{k}"
            certs = (CertRequirement(rng.choice(["ISO9001", "EN1090"]), 1),) if rng.random() < 0.2 else ()
            steps.append(Step(
                sid, item.id, rng.choice(procs), rng.randrange(10, 61), setup_minutes=rng.choice((0, 60, 120)),
                certificates=certs, predecessors=(prev,) if prev else (),
                transfer_lag_weeks=rng.choice((0, 1)), splittable=rng.random() > 0.1,
                max_members=rng.choice((0, 0, 3)), min_batch=rng.choice((0, 0, 10)),
            ))
            prev = sid
    return TenderProblem(
        horizon_weeks=weeks, resources=tuple(resources), capacities=tuple(capacities), lots=tuple(lots),
        items=tuple(item_rows), steps=tuple(steps), certificates=tuple(certificates),
        team=team or TeamRules(mandataire=names[0]), default_transfer_cents=20000,
        coordination_cents=50000,
    )


def tiny_problem(quantity: int = 10, weeks: int = 4, due: int = 3, capacity: int = 600, overtime: int = 0,
                 lag: int = 1, splittable: bool = True, team: TeamRules | None = None,
                 coordination_cents: int = 0, weld_certificate: bool = False,
                 certificate_last_week: int | None = None) -> TenderProblem:
    """Four members, one item routed cut -> weld: A cuts, C welds, B and D do both (dearer).

    With ``weld_certificate`` welding needs EN1090, held by C (valid to ``certificate_last_week``) and D.
    """
    resources = (
        Resource("A1", "A", frozenset({"cut"}), rate_cents=3000, overtime_rate_cents=4500),
        Resource("B1", "B", frozenset({"cut", "weld"}), rate_cents=5000, overtime_rate_cents=7500),
        Resource("C1", "C", frozenset({"weld"}), rate_cents=3500, overtime_rate_cents=5000),
        Resource("D1", "D", frozenset({"cut", "weld"}), rate_cents=6000, overtime_rate_cents=9000),
    )
    caps = tuple(ResourceWeek(r.id, w, capacity, overtime) for r in resources for w in range(weeks))
    certs = (Certificate("C", "EN1090", 2, 0, certificate_last_week), Certificate("D", "EN1090", 1))
    weld_req = (CertRequirement("EN1090", 1),) if weld_certificate else ()
    steps = (
        Step("cut", "I1", "cut", 60, setup_minutes=30, transfer_lag_weeks=lag, splittable=splittable),
        Step("weld", "I1", "weld", 90, certificates=weld_req, predecessors=("cut",), splittable=splittable),
    )
    return TenderProblem(weeks, resources, caps, (Lot("L1", 0, due),), (Item("I1", "L1", quantity),), steps,
                         certificates=certs, team=team or TeamRules(), coordination_cents=coordination_cents)
