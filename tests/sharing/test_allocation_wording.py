"""Every hard rule of the engine is worded for the manager, or named as one the allocation never sets."""
import inspect

from sharing.allocation import build as allocation_build
from sharing.allocation.wording import NOT_SET, WORDING
from solver.roster import HARD_BY_ID, Rules


def test_every_engine_hard_rule_is_worded_or_never_set_by_the_allocation():
    assert WORDING and NOT_SET.isdisjoint(WORDING)
    assert set(WORDING) | NOT_SET == set(HARD_BY_ID)


def test_the_rules_left_unworded_are_not_given_a_limit_by_the_allocation():
    # the engine Rules fields behind the unworded rules: the allocation's problem builder never names them
    fields = {"min_consecutive_days", "min_consecutive_days_off", "max_weekends", "max_per_type",
              "min_total_minutes", "max_total_minutes", "forbidden_successions"}
    assert fields <= set(Rules.__dataclass_fields__)
    source = inspect.getsource(allocation_build)
    assert [f for f in fields if f"{f}=" in source] == []
    assert "days_off=" not in source and "hard_min=" not in source
