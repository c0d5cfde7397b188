"""Billing at cost: coefficient precedence, travel policies, per-line rounding and exact reconciliation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sharing.billing import GE, bill_month, coefficient_for, line_amount, travel_lines
from sharing.hours import WorkedLine
from sharing.ledger import fte, headcount, ledger
from sharing.settings import Billing

from test_allocation_fixtures import at, employee, member

DAY = date(2026, 11, 30)


def line(emp="E1", request="R0", start="08:00", end="16:00", member_code="ACIER", travel=0, day=0):
    return WorkedLine(employee=emp, request=request, member=member_code, site="MAIN", day=at(day, start).date(),
                      start=at(day, start), end=at(day, end), travel_minutes=travel)


def members(**coefficients):
    return {code: member(code).model_copy(update={"billing_coefficient": coefficients.get(code)})
            for code in ("ACIER", "FORGE", "TOLE")}


def test_coefficient_precedence_member_then_contract_kind_then_group():
    billing = Billing(coefficient=Decimal("1.08"), coefficient_by_contract={"CDD": Decimal("1.12")})
    cdi = employee("E1")
    cdd = employee("E2").model_copy(update={"contract": cdi.contract.model_copy(
        update={"kind": "CDD", "end": date(2027, 6, 30)})})
    m = members(FORGE=Decimal("1.05"))
    assert coefficient_for(billing, m["ACIER"], cdi) == (Decimal("1.08"), "group")
    assert coefficient_for(billing, m["ACIER"], cdd) == (Decimal("1.12"), "contract")
    assert coefficient_for(billing, m["FORGE"], cdd) == (Decimal("1.05"), "member")


def test_each_line_is_rounded_half_up_to_the_cent():
    # 7 min x 20.33 x 1.08 / 60 = 2.56158 -> 2.56 ; 25 min x 20 x 1.08 / 60 = 9.00
    assert line_amount(7, Decimal("20.33"), Decimal("1.08")) == Decimal("2.56")
    assert line_amount(1, Decimal("20.50"), Decimal("1.00")) == Decimal("0.34")  # 0.341666
    assert line_amount(3, Decimal("10.10"), Decimal("1")) == Decimal("0.51")  # 0.505 -> half up


@pytest.mark.parametrize("policy,expected", [
    ("arriving", [("FORGE", 15)]),
    ("departing", [("ACIER", 15)]),
    ("split", [("ACIER", 7), ("FORGE", 8)]),
    ("ge", [(GE, 15)]),
])
def test_travel_between_sites_follows_the_policy(policy, expected):
    assert travel_lines(line(member_code="FORGE", travel=15), "ACIER", policy) == expected


def test_the_departing_member_is_the_employee_s_shift_before_on_that_day():
    morning = line(request="RA", start="06:00", end="10:00", member_code="ACIER")
    afternoon = line(request="RF", start="11:00", end="15:00", member_code="FORGE", travel=15)
    bill = bill_month("2026-11", [morning, afternoon], {"E1": employee("E1")}, members(),
                      Billing(travel_policy="departing"))
    travel = [(s.member, x.minutes) for s in bill.statements for x in s.lines if x.kind == "travel"]
    assert travel == [("ACIER", 15)]


def test_a_month_reconciles_to_the_cent_member_bills_plus_ge_idle_cost_equal_all_hours_costed():
    emps = {"E1": employee("E1", hourly_cost=Decimal("21.37")), "E2": employee("E2", hourly_cost=Decimal("19.03"))}
    lines = [
        line("E1", "R1", "06:00", "10:07", "ACIER"),
        line("E1", "R2", "10:40", "14:53", "FORGE", travel=13),
        line("E2", "R3", "08:00", "15:59", "TOLE"),
        line("E2", "R4", "08:00", "12:00", "ACIER", day=-3),  # 27 November
    ]
    billing = Billing(coefficient=Decimal("1.08"), travel_policy="split")
    idle = {"E1": 1337, "E2": 211}
    bill = bill_month("2026-11", lines, emps, members(TOLE=Decimal("1.15")), billing, idle=idle)
    assert bill.problems() == []
    expected_members = (line_amount(247, Decimal("21.37"), Decimal("1.08"))
                        + line_amount(253, Decimal("21.37"), Decimal("1.08"))
                        + line_amount(6, Decimal("21.37"), Decimal("1.08"))   # travel: ACIER's half
                        + line_amount(7, Decimal("21.37"), Decimal("1.08"))   # travel: FORGE's half
                        + line_amount(479, Decimal("19.03"), Decimal("1.15"))
                        + line_amount(240, Decimal("19.03"), Decimal("1.08")))
    expected_ge = line_amount(1337, Decimal("21.37"), Decimal("1")) + line_amount(211, Decimal("19.03"), Decimal("1"))
    assert bill.members_total == expected_members
    assert bill.ge_total == expected_ge
    assert bill.members_total + bill.ge_total == bill.costed_total == expected_members + expected_ge
    assert sum(s.minutes for s in bill.statements) + sum(x.minutes for x in bill.ge_lines) == \
        247 + 253 + 13 + 479 + 240 + 1337 + 211


def test_lines_of_other_months_are_not_billed():
    bill = bill_month("2026-12", [line(day=-3)], {"E1": employee("E1")}, members(), Billing())
    assert bill.statements == [] and bill.problems() == []


def test_fte_is_hours_placed_over_151_67_per_month():
    assert fte(Decimal("151.67")) == Decimal("1.00")
    assert fte(Decimal("75.835")) == Decimal("0.50")
    assert fte(Decimal("303.34"), months=2) == Decimal("1.00")
    lines = [line("E1", f"R{d}", "08:00", "15:00", "ACIER", day=-d) for d in range(1, 23)]  # 22 x 7 h = 154 h
    bill = bill_month("2026-11", lines, {"E1": employee("E1")}, members(), Billing())
    assert headcount(bill) == {"ACIER": Decimal("1.02")}


def test_the_ledger_gives_each_member_its_share_per_month_and_year():
    emps = {"E1": employee("E1")}
    nov = bill_month("2026-11", [line("E1", "R1", "08:00", "11:00", "ACIER", day=-3)], emps, members(), Billing())
    dec = bill_month("2026-12", [line("E1", "R2", "08:00", "09:00", "FORGE", day=2)], emps, members(), Billing())
    rows = ledger([nov, dec])
    assert [(r.member, r.period, r.hours, r.amount, r.share) for r in rows] == [
        ("ACIER", "2026-11", Decimal("3.00"), Decimal("64.80"), Decimal("1.0000")),
        ("FORGE", "2026-12", Decimal("1.00"), Decimal("21.60"), Decimal("1.0000")),
        ("ACIER", "2026", Decimal("3.00"), Decimal("64.80"), Decimal("0.7500")),
        ("FORGE", "2026", Decimal("1.00"), Decimal("21.60"), Decimal("0.2500")),
    ]
