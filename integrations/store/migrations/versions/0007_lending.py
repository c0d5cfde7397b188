"""Staff lending between members: offers and the placements (loans) made from them.

Revision ID: 0007_lending
Revises: 0005_bids
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_lending"
down_revision = "0006_access"
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
    if op.get_bind().dialect.name == "postgresql":
        _secure()


# Who may see a row (0006_access's functions): the lender its offers and their loans, the borrower its loans.
_LENDER = "(SELECT o.member_id FROM lending_offers o WHERE o.id = {row}offer_id)"
_BORROWER = "(SELECT r.member_id FROM requests r WHERE r.id = {row}request_id)"
_POLICIES = {
    "lending_offers": "{row}member_id = mutualis_member_id()",
    "lending_placements": f"({_LENDER} = mutualis_member_id() OR {_BORROWER} = mutualis_member_id())",
}
_AUDIT_OWNER = {"lending_offers": "{row}member_id", "lending_placements": _LENDER}


def _secure() -> None:
    """Row-level security as for every member table: a member files and withdraws its own offers; loans are
    the manager's to make and are read by both the lender and the borrower; every change audited."""
    owner = op.get_bind().execute(sa.text("SELECT current_user")).scalar()
    for table, visible in _POLICIES.items():
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY')
        op.execute(f'CREATE POLICY mutualis_owner ON "{table}" TO "{owner}" USING (true) WITH CHECK (true)')
        op.execute(f'CREATE POLICY mutualis_manager ON "{table}" TO mutualis_manager '
                   "USING (NOT mutualis_is_member()) WITH CHECK (NOT mutualis_is_member())")
        mine = visible.format(row="")
        op.execute(f'CREATE POLICY mutualis_member ON "{table}" TO mutualis_member USING ({mine}) WITH CHECK ({mine})')
        op.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON "{table}" TO mutualis_manager')
        op.execute(f'GRANT SELECT ON "{table}" TO mutualis_member')
        op.execute(f"GRANT USAGE ON SEQUENCE {table}_id_seq TO mutualis_manager, mutualis_member")
        audit = _AUDIT_OWNER[table].format(row="($1).").replace("'", "''")
        op.execute(f'CREATE TRIGGER mutualis_audit AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                   f"FOR EACH ROW EXECUTE FUNCTION mutualis_audit('{audit}')")
    op.execute("GRANT INSERT, UPDATE, DELETE ON lending_offers TO mutualis_member")


def downgrade() -> None:
    op.drop_table("lending_placements")
    op.drop_table("lending_offers")
