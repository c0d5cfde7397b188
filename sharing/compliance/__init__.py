"""The compliance checker: every hard labour and placement rule, checked on any plan and on hours worked.

It shares no code with the allocation model, so that it can vouch for what the solver returns.
"""

from .check import check_plan
from .history_builder import history_from_plans
from .rules import HARD_RULES, RULE_IDS, rule
from .violations import Rule, Violation, summarise
from .worked import WORKED_RULE_IDS, check_worked, exception_key, split_declared, worked_plans

__all__ = ["HARD_RULES", "RULE_IDS", "WORKED_RULE_IDS", "Rule", "Violation", "check_plan", "check_worked",
           "exception_key", "history_from_plans", "rule", "split_declared", "summarise", "worked_plans"]
