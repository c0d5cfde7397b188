"""The compliance checker: every hard labour and placement rule, checked on any plan.

It shares no code with the allocation model, so that it can vouch for what the solver returns.
"""

from .check import check_plan
from .history_builder import history_from_plans
from .rules import HARD_RULES, RULE_IDS, rule
from .violations import Rule, Violation, summarise

__all__ = ["HARD_RULES", "RULE_IDS", "Rule", "Violation", "check_plan", "history_from_plans", "rule", "summarise"]
