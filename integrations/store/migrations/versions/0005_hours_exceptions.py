"""Hours worked: entry order and declared exceptions (labour rules the manager knowingly let hours break).

`hours_corrections.accepted_reason` keeps why; `hours_exceptions` the rules, days and messages it covers.
Merges the three heads of the time (0002 consortium, 0003 hours, 0004 odoo).

Revision ID: 0005_hours_exceptions
Revises: 0002, 0003, 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_hours_exceptions"
down_revision = ("0002", "0003", "0004")
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hours_corrections") as batch:
        batch.add_column(sa.Column("accepted_reason", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "hours_exceptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("correction_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["correction_id"], ["hours_corrections.id"],
                                name=op.f("fk_hours_exceptions_correction_id_hours_corrections")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hours_exceptions")),
    )
    op.create_index(op.f("ix_hours_exceptions_correction_id"), "hours_exceptions", ["correction_id"])
    op.create_index(op.f("ix_hours_exceptions_day"), "hours_exceptions", ["day"])


def downgrade() -> None:
    op.drop_table("hours_exceptions")
    with op.batch_alter_table("hours_corrections") as batch:
        batch.drop_column("accepted_reason")
