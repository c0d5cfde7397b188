"""Storage with SQLAlchemy 2: embedded SQLite by default, PostgreSQL by URL, Alembic migrations on open.

    store = open_store()                       # MUTUALIS_DB, or sqlite:///mutualis.db here
    with store.session() as repo:              # one transaction: commit at exit, rollback on error
        repo.people.add_member(member)         # also repo.plans, repo.consortium, repo.hours, repo.odoo
"""

from .engine import ENV_VAR, Store, default_url, open_store
from .repos import StoredConnection
from .repository import Repository

__all__ = ["ENV_VAR", "Repository", "Store", "StoredConnection", "default_url", "open_store"]
