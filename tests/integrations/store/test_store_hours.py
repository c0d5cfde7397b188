"""Corrections keep their entry order and declared exceptions come back with their reason, on both databases."""

from __future__ import annotations

from datetime import date, datetime

from sharing.hours import Correction

DAY = date(2026, 12, 1)


def _correction(recorded_at, **kw):
    return Correction(employee="E001", request="R-ACIER-0001", member="ACIER", site="MAIN", day=DAY,
                      recorded_at=recorded_at, **kw)


def test_corrections_come_back_in_entry_order_whatever_date_they_carry(seeded):
    with seeded.session() as repo:
        first = repo.hours.add_correction(_correction(datetime(2026, 12, 9), absent=True))
        second = repo.hours.add_correction(_correction(
            datetime(2026, 12, 2), start=datetime(2026, 12, 1, 22), end=datetime(2026, 12, 2, 7), note="late"))
    with seeded.session() as repo:
        stored = repo.hours.list_corrections()
    assert [c.sequence for c in stored] == [first.sequence, second.sequence] and first.sequence < second.sequence
    assert stored[1] == second


def test_a_declared_exception_is_kept_with_its_reason(seeded):
    with seeded.session() as repo:
        c = repo.hours.add_correction(
            _correction(datetime(2026, 12, 2), start=datetime(2026, 12, 1, 22), end=datetime(2026, 12, 2, 9),
                        accepted_reason="furnace breakdown"),
            [("max_daily_hours", DAY, "E001 works 11 h on Tue 2026-12-01 (max 10 h)")])
    with seeded.session() as repo:
        [x] = repo.hours.list_exceptions(DAY, date(2026, 12, 2))
        assert repo.hours.list_exceptions(date(2026, 12, 2)) == []
    assert (x.employee, x.member, x.request, x.rule, x.day, x.reason, x.correction) == (
        "E001", "ACIER", "R-ACIER-0001", "max_daily_hours", DAY, "furnace breakdown", c.sequence)
