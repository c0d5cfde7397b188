"""Pooled capacity of the group: production resources, member certificates, weekly capacity
declarations, tenders (the JSON of the domain model) and capacity reservations.

Written out table by table, like 0001, so that it stays what it was when released.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "production_resources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("processes", sa.JSON(), nullable=False),
        sa.Column("limits", sa.JSON(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("efficiency_pct", sa.Integer(), nullable=False),
        sa.Column("setup_hours", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("hourly_rate", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("overtime_rate", sa.Numeric(precision=12, scale=4), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_production_resources_member_id_members"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_production_resources")),
        sa.UniqueConstraint("member_id", "code", name=op.f("uq_production_resources_member_id_code")),
    )
    op.create_index(op.f("ix_production_resources_member_id"), "production_resources", ["member_id"])
    op.create_table(
        "member_certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("level", sa.String(length=32), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("expires", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_member_certificates_member_id_members"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_certificates")),
        sa.UniqueConstraint("member_id", "code", "level", "valid_from",
                            name=op.f("uq_member_certificates_member_id_code_level_valid_from")),
    )
    op.create_index(op.f("ix_member_certificates_member_id"), "member_certificates", ["member_id"])
    op.create_table(
        "capacity_declarations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("available_hours", sa.Double(), nullable=False),
        sa.Column("max_overtime_hours", sa.Double(), nullable=False),
        sa.Column("committed_hours", sa.Double(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["resource_id"], ["production_resources.id"],
                                name=op.f("fk_capacity_declarations_resource_id_production_resources"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_capacity_declarations")),
        sa.UniqueConstraint("resource_id", "week", name=op.f("uq_capacity_declarations_resource_id_week")),
    )
    op.create_index(op.f("ix_capacity_declarations_resource_id"), "capacity_declarations", ["resource_id"])
    op.create_index(op.f("ix_capacity_declarations_week"), "capacity_declarations", ["week"])
    op.create_table(
        "tenders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenders")),
        sa.UniqueConstraint("code", name=op.f("uq_tenders_code")),
    )
    op.create_table(
        "capacity_reservations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("hours", sa.Double(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["resource_id"], ["production_resources.id"],
                                name=op.f("fk_capacity_reservations_resource_id_production_resources"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tender_id"], ["tenders.id"], name=op.f("fk_capacity_reservations_tender_id_tenders"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_capacity_reservations")),
        sa.UniqueConstraint("tender_id", "resource_id", "week",
                            name=op.f("uq_capacity_reservations_tender_id_resource_id_week")),
    )
    op.create_index(op.f("ix_capacity_reservations_tender_id"), "capacity_reservations", ["tender_id"])
    op.create_index(op.f("ix_capacity_reservations_resource_id"), "capacity_reservations", ["resource_id"])
    op.create_index(op.f("ix_capacity_reservations_week"), "capacity_reservations", ["week"])


def downgrade() -> None:
    op.drop_table("capacity_reservations")
    op.drop_table("tenders")
    op.drop_table("capacity_declarations")
    op.drop_table("member_certificates")
    op.drop_table("production_resources")
