"""A loan is billed at cost exactly: hours × (salary + charges + expenses), to the cent per line; more is refused."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal

import pytest

from consortium.errors import InvalidInput
from sharing.lending import CostBasis, Offer, Placement, check_at_cost, ledger, lending_statement

OFFER = Offer(member="BISCUIT", person="OP1", first_name="Léa", last_name="Roux", skills={"LINE": 1},
              start=date(2026, 12, 1), end=date(2026, 12, 31), hours_per_week=35,
              cost=CostBasis(salary=Decimal("14.2037"), charges=Decimal("6.1019"), expenses=Decimal("1.00")),
              consent_date=date(2026, 11, 20))
OFFERS = {OFFER.code: OFFER}


def placement(day: int, hours: str, member: str = "ACIER") -> Placement:
    return Placement(offer="BISCUIT.OP1", lender="BISCUIT", member=member, site="MAIN", request=f"R{day}{member}",
                     start=datetime(2026, 12, day, 8), end=datetime(2026, 12, day, 18), hours=Decimal(hours))


def test_each_line_is_hours_times_the_declared_cost_rounded_to_the_cent():
    s = lending_statement("BISCUIT", "ACIER", "2026-12", [placement(2, "7.5"), placement(3, "3.25")], OFFERS)
    # 21.3056 EUR/h: 7.5 h -> 159.792 -> 159.79; 3.25 h -> 69.2432 -> 69.24
    assert [line.amount for line in s.lines] == [Decimal("159.79"), Decimal("69.24")]
    assert (s.total, s.hours) == (Decimal("229.03"), Decimal("10.75"))


def test_a_statement_holds_only_its_pair_and_month():
    january = {"start": datetime(2027, 1, 4, 8), "end": datetime(2027, 1, 4, 16)}
    placements = [placement(2, "8"), placement(2, "8", member="FORGE"), placement(2, "8").model_copy(update=january)]
    s = lending_statement("BISCUIT", "ACIER", "2026-12", placements, OFFERS)
    assert [line.request for line in s.lines] == ["R2ACIER"]
    assert [(x.borrower, x.total) for x in ledger(placements, OFFERS, "2026-12")] == [
        ("ACIER", Decimal("170.44")), ("FORGE", Decimal("170.44"))]


@pytest.mark.parametrize("change", [{"amount": Decimal("170.45")}, {"rate": Decimal("21.31")},
                                    {"amount": Decimal("187.48"), "rate": Decimal("23.44")}])
def test_any_amount_or_rate_above_the_cost_basis_is_refused_with_one_line(change):
    s = lending_statement("BISCUIT", "ACIER", "2026-12", [placement(2, "8")], OFFERS)
    forged = dataclasses.replace(s, lines=(dataclasses.replace(s.lines[0], **change),))
    with pytest.raises(InvalidInput) as caught:
        check_at_cost(forged, OFFERS)
    message = str(caught.value)
    assert message.startswith("lending statement BISCUIT to ACIER 2026-12: line R2ACIER BISCUIT.OP1: ")
    assert "above the cost basis 170.44 EUR" in message and "\n" not in message


def test_a_line_of_another_lenders_person_is_refused():
    s = lending_statement("BISCUIT", "ACIER", "2026-12", [placement(2, "8")], OFFERS)
    with pytest.raises(InvalidInput, match="BISCUIT.OP1 is not an offer of FORGE"):
        check_at_cost(dataclasses.replace(s, lender="FORGE"), OFFERS)
