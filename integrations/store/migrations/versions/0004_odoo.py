"""Odoo: named connections (secret references only) and code <-> Odoo id links.

A branch from 0001 beside 0002 and 0003; the store upgrades to "heads".

Revision ID: 0004
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "odoo_connections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("url", sa.String(length=200), nullable=False),
        sa.Column("database", sa.String(length=200), nullable=False),
        sa.Column("login", sa.String(length=200), nullable=False),
        sa.Column("protocol", sa.String(length=16), nullable=False),
        sa.Column("secret_ref", sa.String(length=500), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("member", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_odoo_connections")),
        sa.UniqueConstraint("name", name=op.f("uq_odoo_connections_name")),
    )
    op.create_table(
        "odoo_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("connection", sa.String(length=32), nullable=False),
        sa.Column("model", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("odoo_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_odoo_links")),
        sa.UniqueConstraint("connection", "model", "code", name=op.f("uq_odoo_links_connection_model_code")),
    )


def downgrade() -> None:
    op.drop_table("odoo_links")
    op.drop_table("odoo_connections")
