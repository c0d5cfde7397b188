"""Access tables: which PostgreSQL login is which member firm, and the append-only audit trail.

Both tables exist on SQLite too (so that one schema serves both) but only PostgreSQL fills and
enforces them: roles, row-level security and the audit triggers come from migration 0006_access.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from .core import Base

__all__ = ["AUDIT_JSON", "LOGIN", "AccessLoginRow", "AuditRow"]

LOGIN = String(63)  # PostgreSQL's longest role name
AUDIT_JSON = JSON().with_variant(JSONB(), "postgresql")


class AccessLoginRow(Base):
    """A login role of the group's PostgreSQL: a member firm's (`member_id`) or the GE office's (NULL)."""

    __tablename__ = "access_logins"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(LOGIN, unique=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditRow(Base):
    """One insert, update or delete on a member's data, written by a trigger; never updated nor deleted."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(LOGIN)
    member_id: Mapped[int | None] = mapped_column()
    table_name: Mapped[str] = mapped_column(String(63))
    row_key: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(6))
    before: Mapped[Any | None] = mapped_column(AUDIT_JSON)
    after: Mapped[Any | None] = mapped_column(AUDIT_JSON)
