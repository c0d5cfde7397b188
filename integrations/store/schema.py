"""The complete metadata: every table of `integrations.store.tables` registered in `Base.metadata`.

Alembic's autogenerate and the schema test need every table registered, not only those a repository
happens to have imported.
"""

from __future__ import annotations

from sqlalchemy import MetaData

from .tables import Base

__all__ = ["full_metadata"]


def full_metadata() -> MetaData:
    """`Base.metadata` with every table of the store."""
    return Base.metadata
