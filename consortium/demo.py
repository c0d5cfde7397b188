"""Demo capabilities of a dozen members of the demo group, and a framework tender to answer together.

Capacity runs 26 weeks from the demo week 2026-W49. The tender is a 12-week framework order (2027-W02 to
2027-W13) of welded steel frames, machined parts and painted sub-frames. Its infeasible variant pulls the
frames' due week in and asks for EN 1090 EXC3 welding, which only CHARPENTE holds.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from consortium.weeks import parse_week

from .adapter import Capabilities
from .capabilities import Limit, MemberCertificate, Resource
from .capacity import CapacityDeclaration
from .tender import Item, Lot, Milestone, PricingTerms, RoutingStep, Tender, TeamRules

__all__ = ["DEMO_START_WEEK", "DEMO_WEEKS", "DEMO_AS_OF", "demo_resources", "demo_certificates",
           "demo_declarations", "demo_capabilities", "demo_tender", "demo_tender_infeasible"]

DEMO_START_WEEK = "2026-W49"
DEMO_WEEKS = 26
DEMO_AS_OF = date(2026, 12, 1)
STEEL = {"material": "steel"}

# member, code, kind, processes, limits, units, efficiency %, setup h, rate, overtime rate, hours per week
_ResourceRow = tuple[str, str, str, list[str], dict[str, Limit], int, int, str, str, str, int]
_RESOURCES: tuple[_ResourceRow, ...] = (
    ("CHAUMAY", "WELD-A", "team", ["WELD-MIG", "WELD-TIG"], {"thickness_mm": {"steel": 30, "stainless": 12}},
     3, 105, "0.5", "52.40", "71.30", 35),
    ("CHAUMAY", "NDT-1", "team", ["NDT"], {}, 1, 100, "0", "61.15", "83.90", 20),
    ("USIMECA", "DMU-5X", "machine", ["CNC-MILL-5X", "CNC-MILL-3X"], {"axes": 5, "part_length_mm": 800},
     1, 110, "1.5", "88.35", "112.60", 70),
    ("USIMECA", "VF2-3X", "machine", ["CNC-MILL-3X"], {"axes": 3, "part_length_mm": 700},
     2, 100, "1", "64.20", "84.70", 70),
    ("TOLERIE", "LASER-6KW", "machine", ["LASER-CUT"],
     {"thickness_mm": {"steel": 20, "stainless": 12, "aluminium": 10}, "sheet_length_mm": 3000, "sheet_width_mm": 1500},
     1, 100, "0.5", "96.45", "121.80", 75),
    ("TOLERIE", "PLIEUSE-220", "machine", ["PRESS-BRAKE"],
     {"tonnage_t": 220, "thickness_mm": {"steel": 12}, "bend_length_mm": 3100},
     2, 100, "0.75", "58.85", "77.40", 35),
    ("GALVA", "BAIN-7M", "machine", ["GALVANISING"], {"part_length_mm": 7000}, 1, 100, "0", "44.95", "59.10", 100),
    ("AGRIMAT", "ROBOT-SOUD", "machine", ["WELD-ROBOT", "WELD-MIG"], {"thickness_mm": {"steel": 15}},
     1, 140, "2", "67.55", "86.25", 70),
    ("AGRIMAT", "CABINE-PEINT", "machine", ["PAINT-LIQUID"], {"part_length_mm": 6000},
     1, 100, "0.5", "49.65", "66.35", 35),
    ("REMORQ", "SOUDURE", "team", ["WELD-MIG"], {"thickness_mm": {"steel": 20}}, 2, 95, "0.5", "47.85", "64.90", 35),
    ("REMORQ", "MONTAGE", "team", ["ASSEMBLY"], {}, 2, 100, "0", "43.75", "58.45", 35),
    ("CHARPENTE", "SCIE-RUBAN", "machine", ["SAW-CUT"], {"part_length_mm": 12000},
     1, 100, "0.25", "41.35", "55.65", 35),
    ("CHARPENTE", "SOUDURE-EXC3", "team", ["WELD-MIG"], {"thickness_mm": {"steel": 40}},
     2, 100, "0.5", "56.95", "76.55", 35),
    ("MECASOUD", "SOUDURE", "team", ["WELD-MIG", "WELD-TIG"], {"thickness_mm": {"steel": 25, "stainless": 10}},
     2, 100, "0.5", "50.15", "67.95", 35),
    ("MECASOUD", "MONTAGE", "team", ["ASSEMBLY"], {}, 1, 100, "0", "45.05", "60.35", 35),
    ("DECOLLET", "TOUR-CN", "machine", ["CNC-TURN"], {"diameter_mm": 320, "part_length_mm": 600},
     3, 105, "1", "59.45", "78.15", 70),
    ("INOXAGRI", "TIG", "team", ["WELD-TIG"], {"thickness_mm": {"stainless": 8}}, 2, 100, "0.5", "62.35", "82.95", 35),
    ("SILOS", "SOUDURE", "team", ["WELD-MIG"], {"thickness_mm": {"steel": 20}}, 2, 100, "0.5", "48.65", "65.25", 35),
    ("THERMOLAQ", "LIGNE-POUDRE", "machine", ["PAINT-POWDER"], {"part_length_mm": 6500},
     1, 100, "0.5", "46.25", "62.15", 70),
)

# member, code, level, valid from, expires
_CERTIFICATES = (
    ("CHAUMAY", "EN1090", "EXC2", "2024-03-01", "2029-03-01"),
    ("CHAUMAY", "ISO3834", "2", "2024-03-01", "2029-03-01"),
    ("CHARPENTE", "EN1090", "EXC3", "2023-06-15", "2028-06-15"),
    ("CHARPENTE", "ISO3834", "2", "2023-06-15", "2028-06-15"),
    ("MECASOUD", "EN1090", "EXC2", "2022-01-19", "2027-01-20"),  # expires in week 2027-W04, mid-tender
    ("REMORQ", "EN1090", "EXC2", "2025-05-01", "2030-05-01"),
    ("AGRIMAT", "EN1090", "EXC2", "2025-09-01", "2030-09-01"),
    ("AGRIMAT", "ISO3834", "3", "2025-09-01", "2030-09-01"),
    ("USIMECA", "ISO9001", "2015", "2024-01-10", "2027-01-10"),
    ("THERMOLAQ", "QUALICOAT", "1", "2025-02-01", "2026-02-01"),  # already expired
)


def demo_resources() -> list[Resource]:
    return [Resource(member=m, code=c, kind=k, processes=p, limits=lim, units=u, efficiency_pct=e,
                     setup_hours=Decimal(s), hourly_rate=Decimal(r), overtime_rate=Decimal(o))
            for m, c, k, p, lim, u, e, s, r, o, _ in _RESOURCES]


def demo_certificates() -> list[MemberCertificate]:
    return [MemberCertificate(member=m, code=c, level=lv, valid_from=date.fromisoformat(a),
                              expires=date.fromisoformat(b)) for m, c, lv, a, b in _CERTIFICATES]


def demo_declarations() -> list[CapacityDeclaration]:
    """26 weeks per resource: the year-end break, and work already sold that varies week to week."""
    start = parse_week(DEMO_START_WEEK)
    out = []
    for n, (member, code, *_, hours) in enumerate(_RESOURCES):
        for k in range(DEMO_WEEKS):
            week = start.shift(k)
            available = 0 if str(week) in ("2026-W53", "2027-W01") else hours
            committed = ((n * 7 + k * 5) % 4) * hours * 0.1 if available else 0
            out.append(CapacityDeclaration(member=member, resource=code, week=str(week), available_hours=available,
                                           max_overtime_hours=6 if available else 0,
                                           committed_hours=round(committed, 1), source="demo"))
    return out


def demo_capabilities() -> Capabilities:
    """Resources, certificates and 26 weeks of capacity of twelve demo members."""
    return Capabilities(tuple(demo_resources()), tuple(demo_certificates()), tuple(demo_declarations()))


def _frames_lot(due: str, weld_level: str) -> Lot:
    weld_cert = [f"EN1090:{weld_level}"]
    frame_steps = [
        RoutingStep(code="SAW", process="SAW-CUT", run_hours=0.4, setup_hours=0.5,
                    parameters={**STEEL, "part_length_mm": 6000}),
        RoutingStep(code="GUSSETS", process="LASER-CUT", run_hours=0.3, setup_hours=0.5, predecessors=[],
                    parameters={**STEEL, "thickness_mm": 10, "sheet_length_mm": 3000, "sheet_width_mm": 1500}),
        RoutingStep(code="BEND", process="PRESS-BRAKE", run_hours=0.25, setup_hours=0.5, transfer_lag_weeks=1,
                    parameters={**STEEL, "thickness_mm": 10, "tonnage_t": 150}),
        RoutingStep(code="WELD", process="WELD-MIG", run_hours=2.5, setup_hours=1, predecessors=["SAW", "BEND"],
                    certificates=weld_cert, transfer_lag_weeks=1, parameters={**STEEL, "thickness_mm": 10}),
        RoutingStep(code="GALVA", process="GALVANISING", run_hours=0.3, parameters={"part_length_mm": 6000},
                    max_members=1),
    ]
    return Lot(code="L1", title="Welded steel frames (EN 1090)", release_week="2027-W02", due_week=due, items=[
        Item(code="FRAME-6M", description="Galvanised welded chassis frame 6 m", quantity=120,
             material_cost=Decimal("184.60"), steps=frame_steps,
             milestones=[Milestone(week="2027-W08", quantity=40)] if due >= "2027-W08" else []),
        Item(code="FRAME-4M", description="Galvanised welded chassis frame 4 m", quantity=60,
             material_cost=Decimal("131.20"), steps=[s.model_copy(update={"run_hours": s.run_hours * 0.75})
                                                     for s in frame_steps]),
    ])


def _machined_lot() -> Lot:
    return Lot(code="L2", title="Machined parts", release_week="2027-W02", due_week="2027-W11", items=[
        Item(code="HUB", description="Wheel hub, turned and milled", quantity=400, material_cost=Decimal("23.40"),
             steps=[RoutingStep(code="TURN", process="CNC-TURN", run_hours=0.35, setup_hours=2,
                                parameters={"material": "steel", "diameter_mm": 220, "part_length_mm": 180}),
                    RoutingStep(code="MILL", process="CNC-MILL-3X", run_hours=0.25, setup_hours=1.5,
                                parameters={"material": "steel", "axes": 3, "part_length_mm": 220})]),
        Item(code="BRACKET", description="5-axis machined steering bracket", quantity=150,
             material_cost=Decimal("17.85"),
             steps=[RoutingStep(code="CUT", process="LASER-CUT", run_hours=0.08, setup_hours=0.5,
                                parameters={**STEEL, "thickness_mm": 16, "sheet_length_mm": 3000}),
                    RoutingStep(code="MILL5", process="CNC-MILL-5X", run_hours=0.6, setup_hours=2,
                                parameters={"material": "steel", "axes": 5, "part_length_mm": 350}, splittable=False)]),
    ])


def _subframes_lot() -> Lot:
    return Lot(code="L3", title="Painted and assembled sub-frames", release_week="2027-W04", due_week="2027-W13",
               items=[Item(code="SUBFRAME", description="Painted bolted sub-frame", quantity=80,
                           material_cost=Decimal("96.30"), steps=[
                               RoutingStep(code="WELD", process="WELD-MIG", run_hours=1.5, setup_hours=0.5,
                                           certificates=["EN1090:EXC2"], transfer_lag_weeks=1,
                                           parameters={**STEEL, "thickness_mm": 8}),
                               RoutingStep(code="PAINT", process="PAINT-LIQUID", run_hours=0.5, setup_hours=0.5),
                               RoutingStep(code="ASSY", process="ASSEMBLY", run_hours=1.0)])])


def demo_tender() -> Tender:
    """A 12-week framework order in three lots: frames, machined parts, sub-frames."""
    return Tender(
        code="AO-2027-CHASSIS", title="Framework order: chassis frames and machined parts, Q1 2027",
        buyer="Agri-Ouest Équipements SAS", submission_deadline=date(2026, 12, 11),
        offer_valid_until=date(2027, 2, 26),
        lots=[_frames_lot("2027-W13", "EXC2"), _machined_lot(), _subframes_lot()],
        team=TeamRules(max_size=8, mandataire="CHAUMAY", solo_bidders=["SILOS"], exclude_solo_bidders=True),
        pricing=PricingTerms(transport_per_handoff=Decimal("185.00"), coordination_fee=Decimal("450.00"),
                             contingency_pct=Decimal("0.03"), margin_pct=Decimal("0.12")),
    )


def demo_tender_infeasible() -> Tender:
    """The same order with frames due in 2027-W07 and welded to EN 1090 EXC3."""
    base = demo_tender()
    lots = [_frames_lot("2027-W07", "EXC3"), *base.lots[1:]]
    return base.model_copy(update={"code": "AO-2027-CHASSIS-X", "lots": lots,
                                   "title": base.title + " (frames in 6 weeks, EXC3)"})
