"""Invoice lines pushed to Odoo total each member's statement to the cent."""

from decimal import Decimal

from integrations.odoo.push import statement_lines
from sharing.billing import BillLine, Statement, line_amount


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
