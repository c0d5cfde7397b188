"""Hours recorded by a member firm's login, and the cut-off on every request a member's login inserts.

- `hours_corrections.to_check`: the hours were recorded by a member's login, which may not read the
  contracts and other members' shifts the labour rules need; the GE manager checks them (`check --month`,
  `hours validate`) and confirms or corrects them (`hours record` of the shift).
On PostgreSQL:
- a trigger sets `to_check` on every correction a member's login inserts or updates (psql included), so
  that a member can neither skip nor clear it;
- `mutualis_request_member(code)`: the code of the member whose request it is (SECURITY DEFINER: a member's
  login learns whose request it named, nothing else of it), for "CHAUMAY may not change hours of INOXAGRI";
- a trigger sets `requests.late` on a request a member's login inserts after the group's cut-off (settings
  `request_cutoff`, the group's timezone), so that a raw `INSERT` is flagged like `request add`.

Revision ID: 0010_memberhours
Revises: 0009_candidates
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_memberhours"
down_revision = "0009_candidates"
branch_labels = None
depends_on = None

_WEEKDAYS = "ARRAY['mon','tue','wed','thu','fri','sat','sun']"


def upgrade() -> None:
    with op.batch_alter_table("hours_corrections") as batch:
        batch.add_column(sa.Column("to_check", sa.Boolean(), nullable=False, server_default=sa.false()))
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = '"' + op.get_bind().execute(sa.text("SELECT current_schema()")).scalar() + '"'
    path = f"SET search_path = {schema}, pg_temp"
    op.execute("""CREATE FUNCTION mutualis_hours_to_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF mutualis_is_member() THEN
        NEW.to_check := true;
    END IF;
    RETURN NEW;
END $$""")
    op.execute("CREATE TRIGGER mutualis_hours_to_check BEFORE INSERT OR UPDATE ON hours_corrections "
               "FOR EACH ROW EXECUTE FUNCTION mutualis_hours_to_check()")
    op.execute(f"""CREATE FUNCTION mutualis_request_member(code text) RETURNS text LANGUAGE sql STABLE
SECURITY DEFINER {path} AS $$
    SELECT m.code FROM requests r JOIN members m ON m.id = r.member_id WHERE r.code = $1
$$""")
    op.execute("REVOKE EXECUTE ON FUNCTION mutualis_request_member(text) FROM PUBLIC")
    op.execute("GRANT EXECUTE ON FUNCTION mutualis_request_member(text) TO mutualis_manager, mutualis_member")
    # The cut-off as RequestCutoff.deadline computes it: that weekday and time of the week before the
    # request's ISO week, in the group's timezone; "now" is the transaction's start.
    # Not SECURITY DEFINER: mutualis_is_member() reads current_user (a member's login reads the settings).
    op.execute(f"""CREATE FUNCTION mutualis_late_request() RETURNS trigger LANGUAGE plpgsql {path} AS $$
DECLARE
    data jsonb := (SELECT s.data::jsonb FROM settings s WHERE s.id = 1);
    cutoff jsonb := data -> 'request_cutoff';
    deadline timestamp;
BEGIN
    IF NOT mutualis_is_member() OR cutoff IS NULL OR jsonb_typeof(cutoff) <> 'object' THEN
        RETURN NEW;
    END IF;
    deadline := (date_trunc('week', NEW.day::timestamp) - interval '7 days'
                 + make_interval(days => array_position({_WEEKDAYS}, cutoff ->> 'weekday') - 1)
                 + (cutoff ->> 'at')::interval);
    IF now() AT TIME ZONE coalesce(data ->> 'timezone', 'Europe/Paris') > deadline THEN
        NEW.late := true;
    END IF;
    RETURN NEW;
END $$""")
    op.execute("CREATE TRIGGER mutualis_late_request BEFORE INSERT ON requests "
               "FOR EACH ROW EXECUTE FUNCTION mutualis_late_request()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER mutualis_late_request ON requests")
        op.execute("DROP FUNCTION mutualis_late_request()")
        op.execute("DROP FUNCTION mutualis_request_member(text)")
        op.execute("DROP TRIGGER mutualis_hours_to_check ON hours_corrections")
        op.execute("DROP FUNCTION mutualis_hours_to_check()")
    with op.batch_alter_table("hours_corrections") as batch:
        batch.drop_column("to_check")
