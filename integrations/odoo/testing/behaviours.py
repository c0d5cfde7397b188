"""Which :class:`~.behaviour.Behaviour` each Odoo model has: those of ``accounting`` and ``invitations``."""

from __future__ import annotations

from types import MappingProxyType

from .accounting import BEHAVIOURS as ACCOUNTING
from .behaviour import Behaviour
from .invitations import BEHAVIOURS as INVITATIONS

__all__ = ["behaviour_of"]

_PLAIN = Behaviour()
_REGISTRY = MappingProxyType({**ACCOUNTING, **INVITATIONS})


def behaviour_of(model: str) -> Behaviour:
    """The behaviour of ``model`` (the plain one for models without any)."""
    return _REGISTRY.get(model, _PLAIN)
