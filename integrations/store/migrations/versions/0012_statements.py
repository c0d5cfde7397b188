"""Stored statements: each member's monthly statement and its lines, as `bill` computed them (issue #14).

On PostgreSQL, row-level security as for every member table (0006_access's functions): the GE office (the
owner and the manager group) reads and writes every row; a member's login reads its own statements and
lines and writes none (billing is the manager's); every change audited.

Revision ID: 0012_statements
Revises: 0011_memberbid
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_statements"
down_revision = "0011_memberbid"
branch_labels = None
depends_on = None

AMOUNT = sa.Numeric(14, 2)
RATE = sa.Numeric(20, 10)
TABLES = ("statements", "statement_lines")


def upgrade() -> None:
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("billed_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("amount", AMOUNT, nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_statements_member_id_members")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
        sa.UniqueConstraint("member_id", "month", name=op.f("uq_statements_member_id_month")),
    )
    op.create_index(op.f("ix_statements_member_id"), "statements", ["member_id"])
    op.create_index(op.f("ix_statements_month"), "statements", ["month"])
    op.create_table(
        "statement_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("variable", sa.String(length=40), nullable=False),
        sa.Column("employee", sa.String(length=32), nullable=False),
        sa.Column("request", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("quantity", RATE, nullable=True),
        sa.Column("hourly_cost", RATE, nullable=False),
        sa.Column("coefficient", RATE, nullable=False),
        sa.Column("coefficient_source", sa.String(length=20), nullable=False),
        sa.Column("amount", AMOUNT, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["statement_id"], ["statements.id"],
                                name=op.f("fk_statement_lines_statement_id_statements"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_statement_lines_member_id_members")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_lines")),
    )
    op.create_index(op.f("ix_statement_lines_statement_id"), "statement_lines", ["statement_id"])
    op.create_index(op.f("ix_statement_lines_member_id"), "statement_lines", ["member_id"])
    if op.get_bind().dialect.name == "postgresql":
        _secure()


def _secure() -> None:
    """Both tables: RLS enabled and forced; the owner and the manager group every row; a member's login reads
    the rows of its own member (`member_id`, on the lines too) and has no write grant; every change audited."""
    owner = op.get_bind().execute(sa.text("SELECT current_user")).scalar()
    for table in TABLES:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY')
        op.execute(f'CREATE POLICY mutualis_owner ON "{table}" TO "{owner}" USING (true) WITH CHECK (true)')
        op.execute(f'CREATE POLICY mutualis_manager ON "{table}" TO mutualis_manager '
                   "USING (NOT mutualis_is_member()) WITH CHECK (NOT mutualis_is_member())")
        op.execute(f'CREATE POLICY mutualis_member ON "{table}" FOR SELECT TO mutualis_member '
                   "USING (member_id = mutualis_member_id())")
        op.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON "{table}" TO mutualis_manager')
        op.execute(f'GRANT SELECT ON "{table}" TO mutualis_member')
        op.execute(f"GRANT USAGE ON SEQUENCE {table}_id_seq TO mutualis_manager")
        op.execute(f'CREATE TRIGGER mutualis_audit AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                   "FOR EACH ROW EXECUTE FUNCTION mutualis_audit('($1).member_id')")


def downgrade() -> None:
    op.drop_table("statement_lines")
    op.drop_table("statements")
