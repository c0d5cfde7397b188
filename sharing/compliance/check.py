"""Check any plan (stored, imported, hand-made) against every hard rule, independently of the solver."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from consortium.errors import InvalidInput
from ..group import Group
from ..history import History
from ..plans import Plan
from .context import Context
from .rules import HARD_RULES, RULE_IDS
from .violations import Violation

__all__ = ["check_plan"]


def check_plan(
    plan: Plan, group: Group, history: History | None = None, rules: Iterable[str] | None = None,
    elsewhere: Mapping[str, Sequence[tuple[datetime, datetime]]] | None = None,
) -> list[Violation]:
    """Every broken hard rule in the plan, in registry order, then by employee and time.

    Without `history`, the rules that span weeks see only the plan: earlier weeks count as not worked
    and the rest before Monday 00:00 is not counted. `rules` restricts the check to some rule ids.
    `elsewhere` gives, per employee, the periods (local times) worked for another employer, such as lent
    staff's hours at their home firm: they count in the daily and weekly limits and in the rests.
    """
    wanted = set(RULE_IDS if rules is None else rules)
    unknown = sorted(wanted - set(RULE_IDS))
    if unknown:
        raise InvalidInput(f"unknown rule {unknown[0]!r}; known: {', '.join(RULE_IDS)}")
    ctx = Context.build(plan, group, history, elsewhere)
    return [v for r in HARD_RULES if r.id in wanted for v in r.violations(ctx)]
