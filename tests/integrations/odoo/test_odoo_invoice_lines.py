"""Invoice lines pushed to Odoo total each member's statement to the cent; premium and allowance lines say
what they are, at which rate and how much."""

from decimal import Decimal

from integrations.odoo.invoice_lines import line_name
from integrations.odoo.push import statement_lines
from sharing.billing import BillLine, Statement, line_amount
from sharing.payroll import PayrollSettings


def line(employee, minutes, cost="23.37", coefficient="1.08", kind="work"):
    cost, coefficient = Decimal(cost), Decimal(coefficient)
    return BillLine(payer="ACIER", employee=employee, kind=kind, minutes=minutes, hourly_cost=cost,
                    coefficient=coefficient, amount=line_amount(minutes, cost, coefficient))


def test_invoice_lines_total_the_statement_exactly():
    statement = Statement(member="ACIER", month="2026-12", lines=[
        line("E001", 427), line("E001", 413), line("E002", 95, cost="31.19"), line("E002", 17, kind="travel")])
    lines = statement_lines(statement)
    assert sum(x.quantity * x.price_unit for x in lines) == statement.total
    assert [x.label for x in lines] == ["2026-12 E001 work: 14.00 h", "2026-12 E002 travel: 0.28 h",
                                        "2026-12 E002 work: 1.58 h"]


def premium(employee, variable, minutes, rate, amount, kind="premium", quantity=None):
    return BillLine(payer="ACIER", employee=employee, kind=kind, variable=variable, minutes=minutes,
                    quantity=quantity, hourly_cost=Decimal(rate), coefficient=Decimal(1), amount=Decimal(amount))


def test_premium_and_allowance_lines_name_their_rate_and_quantity_in_french():
    statement = Statement(member="ACIER", month="2026-12", lines=[
        line("E012", 420),
        premium("E012", "overtime_tier1", 300, "5.00", "25.00"),
        premium("E012", "overtime_tier1", 120, "5.00", "10.00"),
        premium("E012", "overtime_tier2", 60, "10.00", "10.00"), premium("E012", "night", 90, "4.00", "6.00"),
        premium("E012", "meal", 0, "7.30", "21.90", kind="allowance", quantity=Decimal(3)),
        premium("E012", "mileage", 0, "0.636", "26.71", kind="allowance", quantity=Decimal("42.0"))])
    lines = statement_lines(statement, PayrollSettings(overtime_tier2_rate=Decimal("0.5")))
    assert [(x.label, x.amount()) for x in lines] == [
        ("2026-12 E012 work: 7.00 h", Decimal("176.68")),  # 7 h x 23.37 x 1.08
        ("2026-12 E012 indemnité repas x 3", Decimal("21.90")),
        ("2026-12 E012 indemnités kilométriques – 42,00 km", Decimal("26.71")),
        ("2026-12 E012 majoration heures de nuit 20 % – 1,50 h", Decimal("6.00")),
        ("2026-12 E012 majoration heures supplémentaires 25 % – 7,00 h", Decimal("35.00")),
        ("2026-12 E012 majoration heures supplémentaires 50 % – 1,00 h", Decimal("10.00"))]
    assert sum(x.amount() for x in lines) == statement.total
    assert "0.00 h" not in " ".join(x.label for x in lines)


def test_a_stored_rate_shows_on_the_line_and_its_id_keeps_apart_from_the_other_tier():
    statement = Statement(member="ACIER", month="2026-12", lines=[premium("E012", "overtime_tier1", 420, "6", "42")])
    [line_] = statement_lines(statement, PayrollSettings(overtime_tier1_rate=Decimal("0.30")))
    assert line_.label == "2026-12 E012 majoration heures supplémentaires 30 % – 7,00 h"
    assert line_name("invoice_2026-12_ACIER", "2026-12", line_.label) == \
        "invoice_2026-12_ACIER_E012_majoration_heures_supplementaires_30"
    assert line_name("m", "2026-12", "2026-12 E012 indemnité repas x 3") == "m_E012_indemnite_repas"
    assert line_name("m", "2026-12", "2026-12 E012 work: 14.00 h") == "m_E012_work"
