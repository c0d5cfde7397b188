"""Plans: when the stored version was saved (UTC), the calendars' DTSTAMP.

Plans stored before this revision get the time of the upgrade, so that their calendars also carry a
stamp that stays the same from one export to the next.

Revision ID: 0005_docs_plan_saved_at
Revises: 0002, 0003, 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

from datetime import datetime, UTC

import sqlalchemy as sa
from alembic import op

revision = "0005_docs_plan_saved_at"
down_revision = "0005_hours_exceptions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("plans", sa.Column("saved_at", sa.DateTime(), nullable=True))
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    op.get_bind().execute(sa.text("UPDATE plans SET saved_at = :now"), {"now": now})


def downgrade() -> None:
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("saved_at")
