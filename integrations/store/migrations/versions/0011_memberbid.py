"""Each member's view of a bid version: what `tender bid T --for MEMBER` writes, stored when the version is.

A member's login may not read `bids` (every member's share and the price); it reads its own rows of
`bid_member_views` (its own lines in full, the other members by code and share only) and writes its
documents from them. Versions stored before this revision have no views: `tender bid T --for MEMBER
--version N` by the GE manager stores them (nothing is computed here, so this revision never depends on
how a bid is modelled later).

Revision ID: 0011_memberbid
Revises: 0010_memberhours
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_memberbid"
down_revision = "0010_memberhours"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(12, 4)
TABLE = "bid_member_views"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("total", MONEY, nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["bid_id"], ["bids.id"], name=op.f("fk_bid_member_views_bid_id_bids"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tender_id"], ["tenders.id"], name=op.f("fk_bid_member_views_tender_id_tenders"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_bid_member_views_member_id_members"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bid_member_views")),
        sa.UniqueConstraint("bid_id", "member_id", name=op.f("uq_bid_member_views_bid_id_member_id")),
        sa.UniqueConstraint("tender_id", "member_id", "version",
                            name=op.f("uq_bid_member_views_tender_id_member_id_version")),
    )
    for column in ("bid_id", "tender_id", "member_id"):
        op.create_index(op.f(f"ix_{TABLE}_{column}"), TABLE, [column])
    if op.get_bind().dialect.name == "postgresql":
        _secure()


def _secure() -> None:
    """Row-level security as for every member table (0006_access's functions): the GE office writes the views
    when it stores a bid version; a member's login reads its own rows only; every change audited."""
    owner = op.get_bind().execute(sa.text("SELECT current_user")).scalar()
    mine = "member_id = mutualis_member_id()"
    op.execute(f'ALTER TABLE "{TABLE}" ENABLE ROW LEVEL SECURITY')
    op.execute(f'ALTER TABLE "{TABLE}" FORCE ROW LEVEL SECURITY')
    op.execute(f'CREATE POLICY mutualis_owner ON "{TABLE}" TO "{owner}" USING (true) WITH CHECK (true)')
    op.execute(f'CREATE POLICY mutualis_manager ON "{TABLE}" TO mutualis_manager '
               "USING (NOT mutualis_is_member()) WITH CHECK (NOT mutualis_is_member())")
    op.execute(f'CREATE POLICY mutualis_member ON "{TABLE}" FOR SELECT TO mutualis_member USING ({mine})')
    op.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON "{TABLE}" TO mutualis_manager')
    op.execute(f'GRANT SELECT ON "{TABLE}" TO mutualis_member')
    op.execute(f"GRANT USAGE ON SEQUENCE {TABLE}_id_seq TO mutualis_manager")
    op.execute(f'CREATE TRIGGER mutualis_audit AFTER INSERT OR UPDATE OR DELETE ON "{TABLE}" '
               "FOR EACH ROW EXECUTE FUNCTION mutualis_audit('($1).member_id')")


def downgrade() -> None:
    op.drop_table(TABLE)
