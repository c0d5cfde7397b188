"""Payroll rules, each on a hand-computed case: holidays, overtime, complementary hours, night, Sunday,
public holidays, meals, mileage, settings (hourly cost 20 EUR in every case)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from pydantic import ValidationError

from sharing.hours import WorkedLine
from sharing.payroll import PayrollSettings, easter, month_premiums, public_holidays, shift_premiums, week_bands

from test_allocation_fixtures import at, employee

NIGHT = (time(21, 0), time(6, 0))
SETTINGS = PayrollSettings(meal_allowance=Decimal("7.30"))


def shift(day, start, end, emp="E1", member="ACIER", request=None, travel=0, site="MAIN"):
    begins, ends = at(day, start), at(day, end)
    if ends <= begins:  # a night shift ends the next day
        ends = at(day + 1, end)
    return WorkedLine(employee=emp, request=request or f"R{day}{start[:2]}", member=member, site=site,
                      day=begins.date(), start=begins, end=ends, travel_minutes=travel)


def on(day: date, start: str, end: str, member="ACIER") -> WorkedLine:
    begins = datetime.combine(day, time.fromisoformat(start))
    return WorkedLine(employee="E1", request="RX", member=member, site="MAIN", day=day, start=begins,
                      end=datetime.combine(day, time.fromisoformat(end)))


def premiums(lines, emp=None, settings=SETTINGS, month="2026-12", **kw):
    emp = emp or employee("E1")
    return month_premiums(month, lines, {emp.code: emp}, settings, night=NIGHT, **kw)


def summary(items, *variables):
    """(variable, payer) -> (minutes, amount) summed over the items of those variables."""
    out: dict = {}
    for x in items:
        if x.variable in variables:
            minutes, amount = out.get((x.variable, x.payer), (0, Decimal("0.00")))
            out[(x.variable, x.payer)] = (minutes + x.minutes, amount + x.amount)
    return out


def test_easter_is_computed_for_any_year():
    assert [easter(y) for y in (2024, 2025, 2026, 2027, 2038)] == [
        date(2024, 3, 31), date(2025, 4, 20), date(2026, 4, 5), date(2027, 3, 28), date(2038, 4, 25)]


def test_the_french_public_holidays_of_2026_are_eleven_and_alsace_moselle_adds_two():
    days = public_holidays(2026)
    assert len(days) == 11
    assert {date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25), date(2026, 12, 25)} <= set(days)
    alsace = public_holidays(2026, alsace_moselle=True)
    assert set(alsace) - set(days) == {date(2026, 4, 3), date(2026, 12, 26)}


def test_a_42_hour_week_has_7_hours_at_25_percent():
    week = [shift(d, "08:00", "15:00") for d in range(6)]  # Mon-Sat, 7 h each
    assert summary(premiums(week), "overtime_tier1", "overtime_tier2") == {
        ("overtime_tier1", "ACIER"): (420, Decimal("35.00"))}  # 7 h x 20 x 25 %


def test_a_46_hour_week_has_8_hours_at_25_and_3_hours_at_50_percent():
    week = [shift(d, "08:00", "16:00") for d in range(5)] + [shift(5, "08:00", "14:00")]
    assert summary(premiums(week), "overtime_tier1", "overtime_tier2") == {
        ("overtime_tier1", "ACIER"): (480, Decimal("40.00")),  # 8 h x 5
        ("overtime_tier2", "ACIER"): (180, Decimal("30.00"))}  # 3 h x 10


def test_a_part_timer_s_complementary_hours_are_10_percent_within_a_tenth_then_25():
    part_timer = employee("E1", weekly_hours=24)
    week = [shift(d, "08:00", "15:00") for d in range(4)]  # 28 h for a 24 h contract
    assert summary(premiums(week, part_timer), "complementary_tier1", "complementary_tier2", "overtime_tier1") == {
        ("complementary_tier1", "ACIER"): (144, Decimal("4.80")),  # 2.4 h x 20 x 10 %
        ("complementary_tier2", "ACIER"): (96, Decimal("8.00"))}  # 1.6 h x 20 x 25 %


def test_travel_between_sites_counts_towards_the_weekly_threshold():
    week = [shift(d, "08:00", "15:00") for d in range(5)]  # 35 h on site
    week.append(shift(4, "15:30", "16:00", member="FORGE", travel=30))  # 30 min travel + 30 min work
    assert summary(premiums(week), "overtime_tier1") == {("overtime_tier1", "FORGE"): (60, Decimal("5.00"))}


def test_a_night_shift_earns_the_night_premium_on_its_hours_in_the_window():
    night = shift(1, "20:00", "04:00")  # 21:00-04:00: 7 h
    assert summary(shift_premiums(night, employee("E1"), SETTINGS, NIGHT, {}), "night") == {
        ("night", "ACIER"): (420, Decimal("28.00"))}  # 7 h x 20 x 20 %


def test_sunday_hours_earn_the_sunday_premium_and_a_shift_ending_at_noon_no_meal():
    sunday = shift(6, "08:00", "12:00")  # Sunday 6 December 2026
    items = shift_premiums(sunday, employee("E1"), SETTINGS, NIGHT, public_holidays(2026))
    assert [(x.variable, x.minutes, x.amount) for x in items] == [("sunday", 240, Decimal("40.00"))]


def test_christmas_day_earns_the_holiday_premium_and_a_meal_allowance():
    items = shift_premiums(on(date(2026, 12, 25), "08:00", "16:00"), employee("E1"), SETTINGS, NIGHT,
                           public_holidays(2026))
    assert [(x.variable, x.quantity, x.amount, x.note) for x in items] == [
        ("holiday", Decimal("8.00"), Decimal("160.00"), "Noël"), ("meal", Decimal(1), Decimal("7.30"), "")]


def test_easter_monday_is_a_holiday_and_a_holiday_on_sunday_pays_the_holiday_premium_only():
    monday = shift_premiums(on(date(2027, 3, 29), "13:00", "17:00"), employee("E1"), SETTINGS, NIGHT,
                            public_holidays(2027))
    assert [(x.variable, x.amount, x.note) for x in monday] == [("holiday", Decimal("80.00"), "Lundi de Pâques")]
    sunday = shift_premiums(on(date(2022, 12, 25), "13:00", "17:00"), employee("E1"), SETTINGS, NIGHT,
                            public_holidays(2022))
    assert [x.variable for x in sunday] == ["holiday"]


def test_weekly_premiums_go_to_the_month_of_the_week_s_thursday():
    week = [shift(d, "08:00", "15:00") for d in range(6)]  # 30 Nov - 5 Dec 2026: Thursday 3 Dec
    assert summary(premiums(week, month="2026-12"), "overtime_tier1")
    assert not summary(premiums(week, month="2026-11"), "overtime_tier1")


def test_mileage_is_paid_by_the_employee_s_fiscal_horsepower_on_the_road_km():
    morning, afternoon = shift(0, "06:00", "10:00"), shift(0, "11:00", "15:00", member="FORGE", travel=20)
    settings = PayrollSettings(default_horsepower=5)
    items = [x for x in premiums([morning, afternoon], settings=settings, month="2026-11",
                                 distance=lambda a, b: Decimal("12.34")) if x.variable == "mileage"]
    assert [(x.payer, x.quantity, x.rate, x.amount) for x in items] == [
        ("FORGE", Decimal("12.3"), Decimal("0.636"), Decimal("7.82"))]  # 12.3 km x 0.636


def test_the_contract_sets_the_bands_a_full_timer_has_overtime_only():
    assert [b.variable for b in week_bands(35, SETTINGS)] == ["overtime_tier1", "overtime_tier2"]
    assert [(b.variable, b.start, b.end) for b in week_bands(30, SETTINGS)][:2] == [
        ("complementary_tier1", 1800, 1980), ("complementary_tier2", 1980, 2100)]


@pytest.mark.parametrize("fields,field", [
    ({"overtime_tier1_rate": -0.25}, "overtime_tier1_rate"),
    ({"codes": {"overtime_99": "HS99"}}, "codes"),
    ({"night_start": 1260}, "night_start"),  # YAML's reading of an unquoted 21:00
])
def test_bad_settings_name_the_field(fields, field):
    with pytest.raises(ValidationError) as caught:
        PayrollSettings(**fields)
    assert caught.value.errors()[0]["loc"][0] == field
