"""Rule registries: each rule has a stable id, a label a GE manager understands, and a builder."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True, slots=True)
class Rule:
    """A named rule; `apply(model)` adds its constraints or penalty terms."""

    id: str
    label: str
    apply: Callable


def registry() -> tuple[dict[str, Rule], Callable]:
    """A fresh registry and the decorator `@rule(id, label)` that fills it."""
    rules: dict[str, Rule] = {}

    def rule(rule_id: str, label: str) -> Callable:
        def deco(fn: Callable) -> Callable:
            rules[rule_id] = Rule(rule_id, label, fn)
            return fn
        return deco

    return rules, rule
