"""Stored bid versions: the full bid of each version of a tender's answer, and the capacity it uses.

`tender reserve` and `tender award` commit exactly a stored version. Revises the three heads of the time
(0002 consortium, 0003 hours, 0004 odoo), so that this revision is the one head.

Revision ID: 0005_bids
Revises: 0002, 0003, 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_bids"
down_revision = "0005_docs_plan_saved_at"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(12, 4)


def upgrade() -> None:
    op.create_table(
        "bids",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("tender_digest", sa.String(length=64), nullable=False),
        sa.Column("total", MONEY, nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["tender_id"], ["tenders.id"], name=op.f("fk_bids_tender_id_tenders"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bids")),
        sa.UniqueConstraint("tender_id", "version", name=op.f("uq_bids_tender_id_version")),
    )
    op.create_index(op.f("ix_bids_tender_id"), "bids", ["tender_id"])
    op.create_table(
        "bid_capacity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("hours", MONEY, nullable=False),
        sa.Column("free_hours", MONEY, nullable=False),
        sa.ForeignKeyConstraint(["bid_id"], ["bids.id"], name=op.f("fk_bid_capacity_bid_id_bids"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["resource_id"], ["production_resources.id"],
                                name=op.f("fk_bid_capacity_resource_id_production_resources"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bid_capacity")),
        sa.UniqueConstraint("bid_id", "resource_id", "week", name=op.f("uq_bid_capacity_bid_id_resource_id_week")),
    )
    op.create_index(op.f("ix_bid_capacity_bid_id"), "bid_capacity", ["bid_id"])
    op.create_index(op.f("ix_bid_capacity_resource_id"), "bid_capacity", ["resource_id"])


def downgrade() -> None:
    op.drop_table("bid_capacity")
    op.drop_table("bids")
