"""Requests filed after the group's weekly cut-off: `requests.late`, set when the request is filed.

On PostgreSQL a trigger keeps a member's login from clearing the flag of its own late request (it may
still change the request; only the GE office may clear it).

Revision ID: 0008_request_cutoff
Revises: 0007_lending
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_request_cutoff"
down_revision = "0007_lending"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        batch.add_column(sa.Column("late", sa.Boolean(), nullable=False, server_default=sa.false()))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""CREATE FUNCTION mutualis_keep_late() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.late AND NOT NEW.late AND mutualis_is_member() THEN
        NEW.late := true;
    END IF;
    RETURN NEW;
END $$""")
        op.execute("CREATE TRIGGER mutualis_keep_late BEFORE UPDATE ON requests "
                   "FOR EACH ROW EXECUTE FUNCTION mutualis_keep_late()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER mutualis_keep_late ON requests")
        op.execute("DROP FUNCTION mutualis_keep_late()")
    with op.batch_alter_table("requests") as batch:
        batch.drop_column("late")
