"""The click types accept what users type and pass on one canonical value; the library refuses the same edges."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import click
import pytest

from integrations.cli.types import MONEY, SECONDS, Amount, Day, FiniteFloat, Month, Week
from consortium.errors import InvalidInput
from consortium.weeks import month_bounds


@pytest.mark.parametrize("kind, typed, value", [
    (SECONDS, "0.5", 0.5),
    (SECONDS, "86400", 86400.0),
    (FiniteFloat(min=0, max=48), "17,5", 17.5),  # a decimal comma, as French users type it
    (MONEY, "24,50", Decimal("24.50")),
    (MONEY, "24.5 €", Decimal("24.5")),
    (MONEY, "9999.9999", Decimal("9999.9999")),
    (Amount("0", "99", low_open=True), "1.0825", Decimal("1.0825")),
    (Month(), "2026-1", "2026-01"),
    (Month(), " 2999-12 ", "2999-12"),
    (Week(), "2026w49", "2026-W49"),
    (Week(), "2026-W53", "2026-W53"),  # 2026 has 53 ISO weeks
    (Day(), "2026-12-01", datetime(2026, 12, 1)),
])
def test_a_good_value_becomes_its_canonical_form(kind, typed, value):
    assert kind.convert(typed, None, None) == value


@pytest.mark.parametrize("kind, typed", [
    (SECONDS, "nan"), (SECONDS, "-inf"), (SECONDS, "0"), (SECONDS, "86401"), (SECONDS, "1e400"),
    (MONEY, "0"), (MONEY, "10000"), (MONEY, "sNaN"), (MONEY, "Infinity"), (MONEY, "1.00001"), (MONEY, "12%"),
    (Month(), "2026-00"), (Month(), "1899-12"), (Month(), "3000-01"), (Month(), "2026/11"),
    (Week(), "2027-W53"), (Week(), "2026-W0"), (Week(), "W49"), (Day(), "2026-02-29"), (Day(), "0001-01-01"),
])
def test_a_bad_value_is_a_bad_parameter(kind, typed):
    with pytest.raises(click.BadParameter):
        kind.convert(typed, None, None)


@pytest.mark.parametrize("month", ["9999-12", "0000-01"])
def test_the_library_refuses_a_month_at_the_calendars_end(month):
    with pytest.raises(InvalidInput, match=month):
        month_bounds(month)
