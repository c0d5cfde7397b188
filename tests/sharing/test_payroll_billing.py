"""Premiums on the bill: lines apart from the hours, at cost, to the member the rule names; the month's
cost then equals the payroll (hourly cost 20 EUR, group coefficient 1.08)."""

from __future__ import annotations

from decimal import Decimal

from sharing.billing import GE, bill_month
from sharing.ledger import ledger
from sharing.payroll import PayrollSettings, bill_items, payroll_rows
from sharing.settings import Billing

from test_allocation_fixtures import employee, member
from test_payroll import premiums, shift

SETTINGS = PayrollSettings(meal_allowance=Decimal("7.30"))


def _bill(week, idle=None, settings=SETTINGS):
    emp = employee("E1")
    items = premiums(week, settings=settings, month="2026-12")
    bill = bill_month("2026-12", week, {"E1": emp}, {m: member(m) for m in ("ACIER", "FORGE")}, Billing(),
                      idle=idle, premiums=items)
    return bill, items


def test_the_overtime_premium_is_a_line_at_cost_on_the_bill_of_the_member_who_crossed_the_35th_hour():
    week = [shift(d, "13:00", "21:00", member="ACIER") for d in range(1, 5)]  # Tue-Fri: 32 h
    week.append(shift(5, "13:00", "21:00", member="FORGE"))  # Saturday: 40 h
    bill, _items = _bill(week, settings=PayrollSettings())  # no meal allowance
    forge = bill.statement("FORGE")
    assert [(x.kind, x.variable, x.minutes, x.coefficient, x.amount) for x in forge.lines] == [
        ("work", "", 480, Decimal("1.08"), Decimal("172.80")),  # 8 h x 20 x 1.08
        ("premium", "overtime_tier1", 300, Decimal("1"), Decimal("25.00"))]  # 5 h x 20 x 25 %, at cost
    assert forge.minutes == 480 and forge.total == Decimal("197.80")
    assert all(x.kind == "work" for x in bill.statement("ACIER").lines)
    assert bill.problems() == []


def test_an_allowance_is_a_quantity_at_its_rate_and_the_payroll_equals_the_bill_s_cost():
    week = [shift(2, "08:00", "16:00", member="ACIER")]  # Wednesday 2 December, spans noon: one meal
    bill, items = _bill(week, idle={"E1": 27 * 60})
    meal = [x for x in bill.statement("ACIER").lines if x.kind == "allowance"]
    assert [(x.variable, x.quantity, x.hourly_cost, x.amount) for x in meal] == [
        ("meal", Decimal(1), Decimal("7.30"), Decimal("7.30"))]
    assert [x.kind for x in bill.ge_lines] == ["idle"]
    rows = payroll_rows(bill_items(bill) + items, SETTINGS, "2026-12")
    assert [(r.code, r.quantity, r.amount) for r in rows] == [
        ("HNORM", Decimal("8.00"), Decimal("160.00")), ("HINACT", Decimal("27.00"), Decimal("540.00")),
        ("PANIER", Decimal(1), Decimal("7.30"))]
    assert sum(r.amount for r in rows) == bill.cost_total == Decimal("707.30")
    assert bill.problems() == [] and GE not in {s.member for s in bill.statements}


def test_the_ledger_shows_each_member_s_premiums_apart_from_its_hours():
    week = [shift(d, "13:00", "21:00", member="ACIER") for d in range(1, 5)]  # Tue-Fri: 32 h
    week.append(shift(5, "13:00", "21:00", member="FORGE"))  # Saturday: 40 h, 5 h at +25 % for FORGE
    bill, _items = _bill(week, settings=PayrollSettings())
    rows = {(r.member, r.period): r for r in ledger([bill])}
    forge, acier = rows[("FORGE", "2026-12")], rows[("ACIER", "2026-12")]
    assert (forge.hours, forge.premiums, forge.amount) == (Decimal("8.00"), Decimal("25.00"), Decimal("197.80"))
    assert rows[("FORGE", "2026")].premiums == Decimal("25.00")
    assert (acier.hours, acier.premiums) == (Decimal("32.00"), Decimal("0.00"))
