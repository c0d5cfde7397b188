"""Rules: each has a stable id, a label a GE manager understands, and a builder."""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from collections.abc import Callable, Iterable, Mapping


@dataclass(frozen=True, slots=True)
class Rule:
    """A named rule; `apply(model)` adds its constraints or penalty terms."""

    id: str
    label: str
    apply: Callable


def by_id(rules: Iterable[Rule]) -> Mapping[str, Rule]:
    """A read-only id -> rule mapping, in the rules' order."""
    return MappingProxyType({r.id: r for r in rules})
