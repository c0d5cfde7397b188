"""What some Odoo 17 models do beyond storing values: checks before a write, side effects after it.

A model's :class:`Behaviour` is called by ``orm.ModelMethods`` around ``create``, ``write`` and
``unlink``, inside the call's transaction (an error rolls the whole call back, as in Odoo).
Each module of behaviours (``accounting``, ``invitations``) lists its models in its ``BEHAVIOURS``;
``behaviours.behaviour_of`` finds a model's.
"""

from __future__ import annotations

from datetime import datetime, UTC
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .database import Database

__all__ = ["Behaviour", "field_def", "magic_fields", "now"]


def field_def(type_: str, string: str, **attrs) -> dict:
    """A ``fields_get`` entry as Odoo 17 gives it."""
    return {"type": type_, "string": string, "required": False, "readonly": False, "store": True, **attrs}


def magic_fields() -> dict:
    """The fields every model has (id, display name, create and write dates)."""
    return {
        "id": field_def("integer", "ID", readonly=True),
        "display_name": field_def("char", "Display Name", readonly=True, store=False),
        "create_date": field_def("datetime", "Created on", readonly=True),
        "write_date": field_def("datetime", "Last Updated on", readonly=True),
    }


class Behaviour:
    """No checks, no side effects: the ORM's plain storage."""

    def before_create(self, db: Database, model: str, vals_list: list[dict], context: dict) -> None:
        """Check (and complete) the values before the records exist."""

    def after_create(self, db: Database, model: str, ids: list[int], context: dict) -> None:
        """Compute fields and side effects once the records exist."""

    def before_write(self, db: Database, model: str, ids: list[int], vals: dict, context: dict) -> None:
        """Refuse a write as Odoo would."""

    def after_write(self, db: Database, model: str, ids: list[int], vals: dict, before: dict[int, dict],
                    context: dict) -> None:
        """Recompute and side effects; ``before`` holds the rows as they were."""

    def before_unlink(self, db: Database, model: str, ids: list[int], context: dict) -> None:
        """Refuse a deletion, or delete what cascades."""

    def after_unlink(self, db: Database, model: str, rows: list[dict], context: dict) -> None:
        """Recompute what depended on the deleted ``rows``."""


def now(db: Database) -> datetime:
    """The server's clock (naive UTC, as Odoo stores datetimes); a test may set ``db.clock``."""
    return db.clock() if db.clock else datetime.now(UTC).replace(tzinfo=None)
