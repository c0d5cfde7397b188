"""Rows of the Odoo edge (migration 0004): named connections (never the secret, only its reference) and the
links between mutualis codes and the Odoo ids they were pulled from or pushed to.
"""

from __future__ import annotations

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .core import CODE, Base

__all__ = ["OdooConnectionRow", "OdooLinkRow"]


class OdooConnectionRow(Base):
    """A named Odoo server; `secret_ref` is `env:VAR` or `file:PATH`, never the secret."""

    __tablename__ = "odoo_connections"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(CODE, unique=True)
    url: Mapped[str]
    database: Mapped[str]
    login: Mapped[str]
    protocol: Mapped[str] = mapped_column(String(16))
    secret_ref: Mapped[str] = mapped_column(String(500))
    role: Mapped[str] = mapped_column(String(16))
    member: Mapped[str | None] = mapped_column(CODE)


class OdooLinkRow(Base):
    """mutualis code <-> Odoo id for one model on one connection (`partner_id`: the work contact)."""

    __tablename__ = "odoo_links"
    __table_args__ = (UniqueConstraint("connection", "model", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    connection: Mapped[str] = mapped_column(CODE)
    model: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(64))
    odoo_id: Mapped[int]
    partner_id: Mapped[int | None]
