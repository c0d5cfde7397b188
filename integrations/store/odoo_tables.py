"""TEMPORARY: removed by the lead after merging (rewrite_repo_calls.py turns `odoo_of(repo)` into `repo.odoo`
and imports `StoredConnection` from `integrations.store`)."""

from .repos.odoo import ROLES, OdooRepository, StoredConnection

__all__ = ["ROLES", "StoredConnection", "odoo_of"]


def odoo_of(repo) -> OdooRepository:
    """`repo.odoo`, for call sites not converted yet."""
    return repo.odoo
