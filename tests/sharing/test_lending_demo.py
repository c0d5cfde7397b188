"""The demo's loan: the dairy's two line operators fill the electrical cabinet maker's Thursday assembly
request, which no GE employee may fill, and go nowhere else."""

from __future__ import annotations

from consortium.weeks import parse_week
from sharing.allocation import AllocationParams, allocate_week
from sharing.demo import DEMO_WEEK, demo_group
from sharing.lending.demo import demo_offers


def test_the_demo_offers_are_two_line_operators_of_the_dairy_open_in_december():
    offers = demo_offers()
    assert [o.code for o in offers] == ["LAITERIE.OP1", "LAITERIE.OP2"]
    assert all(o.skills["LINE"] == 2 and o.excluded_members == ["VOLAILLE"] for o in offers)


def test_the_demo_week_places_both_operators_on_armelecs_thursday_assembly_only():
    result = allocate_week(demo_group(), parse_week(DEMO_WEEK), lent=demo_offers(),
                           params=AllocationParams(time_limit=30, seed=0, deterministic=True))
    lent = sorted((a.employee, a.member, a.request, a.start.date().isoformat())
                  for a in result.plan.assignments if a.employee.startswith("LAITERIE."))
    assert lent == [("LAITERIE.OP1", "ARMELEC", "R-ARM-ASM", "2026-12-03"),
                    ("LAITERIE.OP2", "ARMELEC", "R-ARM-ASM", "2026-12-03")]
