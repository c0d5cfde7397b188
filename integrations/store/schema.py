"""The complete metadata: the core models plus every table module that extends `Base` (consortium, hours).

Alembic's autogenerate and the schema test need every table registered, not only those the
Repository happens to have imported.
"""

from __future__ import annotations

import importlib

from sqlalchemy import MetaData

from .models import Base

__all__ = ["TABLE_MODULES", "full_metadata"]

TABLE_MODULES = ("integrations.store.consortium_tables", "integrations.store.hours_tables",
                 "integrations.store.odoo_tables", "integrations.store.lending_tables")


def full_metadata() -> MetaData:
    """`Base.metadata` once every table module is imported."""
    for name in TABLE_MODULES:
        importlib.import_module(name)
    return Base.metadata
