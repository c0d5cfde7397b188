"""Hours worked default to the published plan; corrections replace it; late ones become adjustments."""

from __future__ import annotations

from datetime import datetime

import pytest
from pydantic import ValidationError

from sharing.hours import Correction, adjustments, billing_month, worked_lines
from sharing.plans import Assignment, Plan

from test_allocation_fixtures import MONDAY, WEEK, at


def assignment(employee="E1", request="R0", day=0, start="08:00", end="16:00", member="ACIER", travel=0):
    return Assignment(employee=employee, request=request, member=member, site="MAIN", start=at(day, start),
                      end=at(day, end), travel_minutes_before=travel)


def plan(*assignments, status="published"):
    return Plan(week=str(WEEK), status=status, assignments=list(assignments))


def correction(recorded=datetime(2026, 12, 1), request="R0", day=0, **kw):
    return Correction(employee="E1", request=request, member="ACIER", site="MAIN", day=at(day, "00:00").date(),
                      recorded_at=recorded, **kw)


def test_hours_default_to_the_published_plan_only():
    lines = worked_lines([plan(assignment())], [])
    assert [(x.employee, x.minutes, x.source) for x in lines] == [("E1", 480, "planned")]
    assert worked_lines([plan(assignment(), status="draft")], []) == []


def test_an_absence_leaves_no_minute_and_keeps_the_line():
    [line] = worked_lines([plan(assignment())], [correction(absent=True)])
    assert (line.minutes, line.source, line.planned_minutes) == (0, "absent", 480)


def test_leaving_early_and_extra_hours_replace_the_planned_times():
    [line] = worked_lines([plan(assignment())], [correction(start=at(0, "08:00"), end=at(0, "14:30"))])
    assert (line.minutes, line.source) == (390, "corrected")
    [extra] = worked_lines([], [correction(request="R9", start=at(0, "18:00"), end=at(0, "20:00"))])
    assert (extra.minutes, extra.source, extra.member) == (120, "extra", "ACIER")


def test_the_correction_entered_last_wins_whatever_date_it_carries():
    # The demo's corrections carry a later date than the manager's own typing: entry order decides.
    dated_later = correction(absent=True, recorded=datetime(2026, 12, 9), sequence=1)
    typed = correction(start=at(0, "09:00"), end=at(0, "16:00"), recorded=datetime(2026, 12, 2), sequence=2)
    [line] = worked_lines([plan(assignment())], [typed, dated_later])
    assert (line.minutes, line.source, line.correction) == (420, "corrected", 2)
    [line] = worked_lines([plan(assignment())], [dated_later.model_copy(update={"sequence": 3}), typed])
    assert (line.minutes, line.source, line.correction) == (0, "absent", 3)


def test_a_correction_cannot_be_absent_with_times_nor_end_before_start():
    with pytest.raises(ValidationError, match="absent with a start"):
        correction(absent=True, start=at(0, "08:00"), end=at(0, "09:00"))
    with pytest.raises(ValidationError, match="not after start"):
        correction(start=at(0, "10:00"), end=at(0, "09:00"))
    with pytest.raises(ValidationError, match="lasts 24 h or more"):
        correction(start=at(0, "08:00"), end=at(1, "08:00"))
    assert correction(start=at(0, "21:00"), end=at(1, "05:00")).end == at(1, "05:00")  # a night shift


def test_an_adjustment_is_a_separate_dated_line_not_an_edit_of_the_validated_month():
    late = correction(start=at(0, "08:00"), end=at(0, "18:00"), recorded=datetime(2026, 12, 20), adjustment=True)
    validated = worked_lines([plan(assignment())], [late], include_adjustments=False)
    assert validated[0].minutes == 480  # the validated month keeps its hours
    [adj] = adjustments([plan(assignment())], [late])
    assert (adj.delta_minutes, adj.billed_month, adj.recorded_at) == (120, "2026-12", datetime(2026, 12, 20))
    assert worked_lines([plan(assignment())], [late])[0].minutes == 600  # counters see the truth


def test_an_adjustment_is_billed_after_the_month_it_corrects_even_when_recorded_in_it():
    assert billing_month("2026-11", datetime(2026, 11, 30, 18)) == "2026-12"
    assert billing_month("2026-11", datetime(2027, 1, 3)) == "2027-01"
    assert billing_month("2026-12", datetime(2027, 1, 3)) == "2027-01"
    assert MONDAY.isoformat() == "2026-11-30"
