"""Staff lending between members: offers and the placements (loans) made from them.

Revision ID: 0007_lending
Revises: 0005_bids
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_lending"
down_revision = "0005_bids"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(12, 4)


def upgrade() -> None:
    op.create_table(
        "lending_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("salary", MONEY, nullable=False),
        sa.Column("charges", MONEY, nullable=False),
        sa.Column("expenses", MONEY, nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_lending_offers_member_id_members"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lending_offers")),
        sa.UniqueConstraint("code", name=op.f("uq_lending_offers_code")),
    )
    op.create_index(op.f("ix_lending_offers_member_id"), "lending_offers", ["member_id"])
    op.create_table(
        "lending_placements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("hours", MONEY, nullable=False),
        sa.ForeignKeyConstraint(["offer_id"], ["lending_offers.id"],
                                name=op.f("fk_lending_placements_offer_id_lending_offers"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"],
                                name=op.f("fk_lending_placements_request_id_requests"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lending_placements")),
        sa.UniqueConstraint("offer_id", "request_id", name=op.f("uq_lending_placements_offer_id_request_id")),
    )
    op.create_index(op.f("ix_lending_placements_offer_id"), "lending_placements", ["offer_id"])
    op.create_index(op.f("ix_lending_placements_request_id"), "lending_placements", ["request_id"])
    op.create_index(op.f("ix_lending_placements_week"), "lending_placements", ["week"])


def downgrade() -> None:
    op.drop_table("lending_placements")
    op.drop_table("lending_offers")
