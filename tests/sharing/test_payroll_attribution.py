"""Who pays each premium: the member whose hours caused it, chronologically or pro rata (hourly cost 20 EUR)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sharing.payroll import PayrollSettings, Segment, attribute, week_bands
from sharing.payroll.attribution import Share

from test_payroll import premiums, shift, summary

DAY = date(2026, 11, 30)
BANDS = week_bands(35, PayrollSettings())


def test_the_member_whose_shift_crossed_the_35th_hour_pays_the_overtime_past_it():
    week = [shift(d, "08:00", "16:00", member="ACIER") for d in range(4)]  # 32 h
    week.append(shift(4, "08:00", "16:00", member="FORGE"))  # the 33rd to the 40th hour
    assert summary(premiums(week, settings=PayrollSettings()), "overtime_tier1") == {
        ("overtime_tier1", "FORGE"): (300, Decimal("25.00"))}  # 5 h x 20 x 25 %


def test_a_later_shift_pays_the_hours_past_the_43rd():
    segments = [Segment("ACIER", 40 * 60, DAY, "RA"), Segment("FORGE", 6 * 60, DAY, "RF")]
    assert attribute(segments, BANDS) == [
        Share("overtime_tier1", "ACIER", 300, DAY, "RA"),
        Share("overtime_tier1", "FORGE", 180, DAY, "RF"),
        Share("overtime_tier2", "FORGE", 180, DAY, "RF")]


def test_pro_rata_shares_each_band_by_the_members_minutes_exactly():
    week = [shift(d, "08:00", "16:00", member="ACIER") for d in range(4)]
    week.append(shift(4, "08:00", "16:00", member="FORGE"))
    settings = PayrollSettings(attribution="pro_rata")
    assert summary(premiums(week, settings=settings), "overtime_tier1") == {
        ("overtime_tier1", "ACIER"): (240, Decimal("20.00")),  # 32/40 of 5 h
        ("overtime_tier1", "FORGE"): (60, Decimal("5.00"))}  # 8/40 of 5 h


def test_pro_rata_gives_the_odd_minute_to_the_largest_remainder():
    segments = [Segment("ACIER", 1000, DAY, ""), Segment("FORGE", 600, DAY, ""), Segment("TOLE", 601, DAY, "")]
    shares = attribute(segments, BANDS, "pro_rata")  # 2201 min: 101 past the 35th hour
    # exact shares 45.89, 27.53, 27.58: the two largest remainders take the two odd minutes
    assert [(s.payer, s.minutes) for s in shares] == [("ACIER", 46), ("FORGE", 27), ("TOLE", 28)]
