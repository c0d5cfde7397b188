"""Hours worked: corrections of planned hours and members' month validations.

A branch from 0001 beside the consortium's 0002; the store upgrades to "heads".

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hours_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("absent", sa.Boolean(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=True),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("travel_minutes", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("adjustment", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["employee_id"], ["employees.id"], name=op.f("fk_hours_corrections_employee_id_employees")),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"], name=op.f("fk_hours_corrections_request_id_requests")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hours_corrections")),
    )
    op.create_index(op.f("ix_hours_corrections_employee_id"), "hours_corrections", ["employee_id"])
    op.create_index(op.f("ix_hours_corrections_request_id"), "hours_corrections", ["request_id"])
    op.create_index(op.f("ix_hours_corrections_day"), "hours_corrections", ["day"])
    op.create_table(
        "hours_validations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("validated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_hours_validations_member_id_members")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hours_validations")),
        sa.UniqueConstraint("member_id", "month", name=op.f("uq_hours_validations_member_id_month")),
    )
    op.create_index(op.f("ix_hours_validations_member_id"), "hours_validations", ["member_id"])


def downgrade() -> None:
    op.drop_table("hours_validations")
    op.drop_table("hours_corrections")
