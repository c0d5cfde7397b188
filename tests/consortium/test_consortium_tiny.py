"""The adapter's rules on a tiny group: A cuts; B and C weld (C alone holds EN 1090 EXC3)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from consortium.adapter import Capabilities, compile_tender
from consortium.capabilities import MemberCertificate, Resource
from consortium.capacity import CapacityDeclaration, Reservation
from consortium.outcome import read_result
from consortium.tender import Item, Lot, RoutingStep, Tender, TeamRules
from solver.tender import PlanParams, plan_tender

FAST = PlanParams(stage_time_limits=(2.0, 2.0, 1.0), extension_time_limit=1.0, workers=1)
WEEKS = ("2027-W02", "2027-W03", "2027-W04", "2027-W05", "2027-W06", "2027-W07", "2027-W08", "2027-W09")
AS_OF = date(2026, 12, 1)
RATES = {"A": ("41.17", "57.91"), "B": ("53.29", "71.63"), "C": ("67.83", "88.47")}


def tiny_caps(hours: float = 20, drop_cert: str | None = None, reservations=()) -> Capabilities:
    resources = (
        Resource(member="A", code="LASER", processes=["LASER-CUT"], limits={"thickness_mm": {"steel": 20}},
                 hourly_rate=Decimal(RATES["A"][0]), overtime_rate=Decimal(RATES["A"][1])),
        Resource(member="B", code="WELD", processes=["WELD-MIG"], hourly_rate=Decimal(RATES["B"][0]),
                 overtime_rate=Decimal(RATES["B"][1])),
        Resource(member="C", code="WELD", processes=["WELD-MIG"], hourly_rate=Decimal(RATES["C"][0]),
                 overtime_rate=Decimal(RATES["C"][1])),
    )
    certs = tuple(c for c in (
        MemberCertificate(member="B", code="EN1090", level="EXC2", valid_from=date(2024, 1, 1)),
        MemberCertificate(member="C", code="EN1090", level="EXC3", valid_from=date(2024, 1, 1)),
    ) if c.member != drop_cert)
    decls = tuple(CapacityDeclaration(member=r.member, resource=r.code, week=w, available_hours=hours)
                  for r in resources for w in WEEKS)
    return Capabilities(resources, certs, decls, tuple(reservations))


def tiny_tender(quantity: int = 10, level: str = "EXC2", due: str = "2027-W05", thickness: float = 10,
                code: str = "T1") -> Tender:
    steps = [RoutingStep(code="CUT", process="LASER-CUT", run_hours=1, transfer_lag_weeks=1,
                         parameters={"material": "steel", "thickness_mm": thickness}),
             RoutingStep(code="WELD", process="WELD-MIG", run_hours=2, certificates=[f"EN1090:{level}"])]
    return Tender(code=code, buyer="Buyer SA", submission_deadline=date(2026, 12, 10),
                  offer_valid_until=date(2027, 1, 31),
                  lots=[Lot(code="L1", release_week="2027-W02", due_week=due,
                            items=[Item(code="X", quantity=quantity, material_cost=Decimal("12.34"), steps=steps)])],
                  team=TeamRules(mandataire="A"))


def solve(tender, caps):
    compiled = compile_tender(tender, caps, AS_OF)
    result = plan_tender(compiled.problem, FAST)
    return compiled, result, read_result(compiled, result)


def test_a_tiny_tender_is_planned_whole_at_the_cheaper_welder():
    _, result, outcome = solve(tiny_tender(), tiny_caps())
    assert outcome.is_feasible()
    assert {p.member for p in outcome.placements if p.step == "WELD"} == {"B"}


def test_resource_limits_decide_eligibility():
    compiled = compile_tender(tiny_tender(thickness=25), tiny_caps(), AS_OF)
    cut = next(s for s in compiled.problem.steps if s.id == "X:CUT")
    assert cut.allowed_resources == frozenset()


def test_exc3_covers_exc2_and_certificates_expire_on_their_date():
    caps = tiny_caps(drop_cert="B")
    compiled = compile_tender(tiny_tender(level="EXC2"), caps, AS_OF)
    (cert,) = compiled.problem.certificates
    assert (cert.member, cert.level) == ("C", 3)
    expiring = MemberCertificate(member="C", code="EN1090", level="EXC3", valid_from=date(2024, 1, 1),
                                 expires=date(2027, 1, 20))  # a Wednesday of 2027-W03
    compiled = compile_tender(tiny_tender(), replace(caps, certificates=(expiring,)), AS_OF)
    assert compiled.problem.certificates[0].last_week == 0  # only 2027-W02 is covered whole
    assert not expiring.valid_on(date(2027, 1, 20)) and expiring.valid_on(date(2027, 1, 19))


def test_adding_capacity_never_increases_the_cost():
    costs = [solve(tiny_tender(quantity=12), tiny_caps(hours=h))[1].costs.total_cents for h in (14, 20, 40)]
    assert costs[0] >= costs[1] >= costs[2]


def test_removing_a_certificate_never_decreases_the_missing_hours():
    tender = tiny_tender(level="EXC2", quantity=16)
    before = solve(tender, tiny_caps())[2].missing_hours()
    for member in ("B", "C"):
        assert solve(tender, tiny_caps(drop_cert=member))[2].missing_hours() >= before
    exc3 = tiny_tender(level="EXC3")
    assert solve(exc3, tiny_caps(drop_cert="C"))[2].missing_hours() > solve(exc3, tiny_caps())[2].missing_hours()


def assert_precedence_and_lags_hold(tender, outcome):
    for _lot, item in tender.items():
        for k, step in enumerate(item.steps):
            lag = {s.code: s.transfer_lag_weeks for s in item.steps}
            for pred in item.predecessors(k):
                made = [p for p in outcome.placements if p.item == item.code]
                for q in {p.member for p in made if p.step == step.code}:
                    for week in sorted({p.week for p in made}):
                        succ = sum(p.units for p in made if p.step == step.code and p.member == q and p.week <= week)
                        same = sum(p.units for p in made if p.step == pred and p.member == q and p.week <= week)
                        limit = _shift(week, -lag[pred])
                        other = sum(p.units for p in made if p.step == pred and p.member != q and p.week <= limit)
                        assert succ <= same + other, (item.code, step.code, q, week)


def _shift(week: str, k: int) -> str:
    from consortium.weeks import parse_week
    return str(parse_week(week).shift(k))


def test_precedence_and_transfer_lags_hold_in_every_plan():
    for quantity, hours in ((10, 20), (18, 14), (30, 40)):
        tender = tiny_tender(quantity=quantity, due="2027-W07")
        assert_precedence_and_lags_hold(tender, solve(tender, tiny_caps(hours=hours))[2])


def test_a_reservation_reduces_what_the_next_tender_sees():
    held = Reservation(tender="T0", member="B", resource="WELD", week="2027-W03", hours=15,
                       valid_until=date(2027, 1, 31))
    free = compile_tender(tiny_tender(), tiny_caps(), AS_OF).problem.capacities
    less = compile_tender(tiny_tender(), tiny_caps(reservations=[held]), AS_OF).problem.capacities
    expired = compile_tender(tiny_tender(), tiny_caps(reservations=[held]), date(2027, 2, 1)).problem.capacities
    week = {c.resource: c for c in free if c.week == 1}["B/WELD"]
    assert {c.resource: c for c in less if c.week == 1}["B/WELD"].committed_minutes == week.committed_minutes + 900
    assert {c.resource: c for c in expired if c.week == 1}["B/WELD"].committed_minutes == week.committed_minutes
    # the tender's own reservation does not count against itself
    own = compile_tender(tiny_tender(code="T0"), tiny_caps(reservations=[held]), AS_OF).problem.capacities
    assert {c.resource: c for c in own if c.week == 1}["B/WELD"].committed_minutes == week.committed_minutes
