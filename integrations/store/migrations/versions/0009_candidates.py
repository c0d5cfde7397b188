"""The candidate pool: people outside the staff whom the group could hire (issue #15).

Revision ID: 0009_candidates
Revises: 0007_lending
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_candidates"
down_revision = "0008_request_cutoff"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=False),
        sa.Column("longitude", sa.Double(), nullable=False),
        sa.Column("rome", sa.String(length=8), nullable=False),
        sa.Column("trade", sa.String(length=200), nullable=False),
        sa.Column("available_from", sa.Date(), nullable=False),
        sa.Column("weekly_hours", sa.Double(), nullable=False),
        sa.Column("max_travel_km", sa.Double(), nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidates")),
        sa.UniqueConstraint("code", name=op.f("uq_candidates_code")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _secure()


def _secure() -> None:
    """Row-level security as for every table (0006_access's functions): candidates are the GE office's only,
    no member policy. No audit trigger: the audit log would keep a copy of a person who asked to be forgotten."""
    owner = op.get_bind().execute(sa.text("SELECT current_user")).scalar()
    op.execute('ALTER TABLE "candidates" ENABLE ROW LEVEL SECURITY')
    op.execute('ALTER TABLE "candidates" FORCE ROW LEVEL SECURITY')
    op.execute(f'CREATE POLICY mutualis_owner ON "candidates" TO "{owner}" USING (true) WITH CHECK (true)')
    op.execute('CREATE POLICY mutualis_manager ON "candidates" TO mutualis_manager '
               "USING (NOT mutualis_is_member()) WITH CHECK (NOT mutualis_is_member())")
    op.execute('GRANT SELECT, INSERT, UPDATE, DELETE ON "candidates" TO mutualis_manager')
    op.execute("GRANT USAGE ON SEQUENCE candidates_id_seq TO mutualis_manager")


def downgrade() -> None:
    op.drop_table("candidates")
