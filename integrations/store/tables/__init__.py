"""The tables (ORM rows): normalised, integer surrogate ids kept internal, unique human codes.

Importing this package registers every table in `Base.metadata` (what Alembic and the schema test compare
against). Rows never leave `integrations.store`: the repositories (`integrations.store.repos`) map them to and
from domain objects.
"""

from . import access, candidates, consortium, core, hours, lending, odoo, statements
from .core import Base

__all__ = ["Base", "access", "candidates", "core", "consortium", "hours", "lending", "odoo", "statements"]
