"""Logins of member firms and GE colleagues, and the audit trail, inside one session (PostgreSQL only)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from .. import access
from ..access import AuditEntry, Identity, Login

__all__ = ["AccessRepository"]


class AccessRepository:
    """PostgreSQL roles and the audit table; `available` is False on SQLite, which has neither."""

    def __init__(self, session: Session):
        self._session = session

    @property
    def available(self) -> bool:
        """True on PostgreSQL, where roles and row-level security exist."""
        return self._session.get_bind().dialect.name == "postgresql"

    def grant(self, login: str, member: str | None, password: str | None) -> bool:
        """Create or update `login` for member firm `member` (None: a GE colleague); True when created."""
        return access.grant_login(self._session, login, member, password)

    def revoke(self, login: str) -> None:
        """Drop `login`: forgotten, its sessions ended when allowed, its role dropped."""
        access.revoke_login(self._session, login)

    def logins(self) -> list[Login]:
        """The logins mutualis manages, by login."""
        return access.list_logins(self._session)

    def identity(self) -> Identity:
        """The connection's login and member firm."""
        return access.identity(self._session)

    def request_member(self, code: str) -> str | None:
        """Whose request `code` is (its member's code), whoever may read it; None when there is none."""
        return access.request_member(self._session, code)

    def audit(self, member: str | None, since: datetime | None) -> list[AuditEntry]:
        """The recorded changes, of one member's rows and from a moment when given."""
        return access.audit_entries(self._session, member, since)
