"""Access: member logins, row-level security, the restricted employee views and the audit trail.

Both tables are created everywhere; the rest is PostgreSQL only (SQLite has no roles). On PostgreSQL:
- group roles `mutualis_manager` (the GE office: every row) and `mutualis_member` (a member firm: its own
  rows), cluster-wide, created when missing and never dropped (other databases may use them);
- `mutualis_member_id()` (the member of `current_user`, from `access_logins`) and `mutualis_is_member()`;
- on every table: row-level security enabled and forced, a policy for the migrating role (the owner),
  one for the manager group and, on tables that hold a member's data, one keeping a member to its rows;
- a member reads only the employees placed at or offered to it: code and name of `employees` (a column
  grant: no cost, no address, no contract), their skills and certificates; the views `member_employees`,
  `member_employee_skills` and `member_employee_certifications` give the same joined by code;
- `audit_log` filled by triggers (who, when, table, key, before, after) and refusing UPDATE, DELETE, TRUNCATE.

Revision ID: 0006_access
Revises: 0005_bids
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0006_access"
down_revision = "0005_bids"
branch_labels = None
depends_on = None

MANAGER, MEMBER = "mutualis_manager", "mutualis_member"
_RESOURCE = "(SELECT p.member_id FROM production_resources p WHERE p.id = {row}resource_id)"
_SITE = "(SELECT s.member_id FROM sites s WHERE s.id = {row}site_id)"
_REQUEST = "(SELECT r.member_id FROM requests r WHERE r.id = {row}request_id)"
# The member owning a row, `{row}` standing for the row ("" in a policy, "($1)." in the audit trigger).
OWNED = {
    "members": "{row}id",
    "sites": "{row}member_id",
    "requests": "{row}member_id",
    "production_resources": "{row}member_id",
    "member_certificates": "{row}member_id",
    "hours_validations": "{row}member_id",
    "employee_members": "{row}member_id",
    "capacity_declarations": _RESOURCE,
    "capacity_reservations": _RESOURCE,
    "bid_capacity": _RESOURCE,
    "employee_sites": _SITE,
    "site_authorisations": _SITE,
    "assignments": _REQUEST,
    "hours_corrections": _REQUEST,
    "hours_exceptions": "(SELECT r.member_id FROM hours_corrections c JOIN requests r ON r.id = c.request_id "
                        "WHERE c.id = {row}correction_id)",
    "odoo_connections": "(SELECT m.id FROM members m WHERE m.code = {row}member)",
    "odoo_links": "(SELECT m.id FROM odoo_connections c JOIN members m ON m.code = c.member "
                  "WHERE c.name = {row}connection)",
}
# What a member may do to its own rows (reading only where not named here).
MEMBER_WRITES = ("sites", "requests", "production_resources", "member_certificates", "capacity_declarations",
                 "hours_corrections", "hours_exceptions", "hours_validations", "odoo_connections", "odoo_links")
# Shared, read by every member whole: the catalogue, the group's settings, the calls for tenders, plan headers.
SHARED = ("settings", "skills", "certification_types", "tenders", "plans")
# The shared employees a member may see: those offered to it (contract) or placed at it (its plan); of
# `employees` only the columns below (no cost, no address, no contract), their skills and certificates whole.
OFFERED = ("employees", "employee_skills", "employee_certifications")
EMPLOYEE_COLUMNS = "id, code, first_name, last_name"
# Read by the GE office only: absences, the bids (every member's share and price).
DESK_ONLY = ("absences", "bids")
AUDITED = (*OWNED, "bids")
VIEWS = {
    "member_employees": "SELECT e.id, e.code, e.first_name, e.last_name FROM employees e WHERE {visible}",
    "member_employee_skills": (
        "SELECT e.code AS employee, s.code AS skill, x.level FROM employee_skills x "
        "JOIN employees e ON e.id = x.employee_id JOIN skills s ON s.id = x.skill_id WHERE {visible}"),
    "member_employee_certifications": (
        "SELECT e.code AS employee, t.code AS certification, x.level, x.valid_from, x.valid_to "
        "FROM employee_certifications x JOIN employees e ON e.id = x.employee_id "
        "JOIN certification_types t ON t.id = x.certification_type_id WHERE {visible}"),
}
_OFFERED = ("(employees.id IN (SELECT em.employee_id FROM employee_members em "
            "WHERE em.member_id = mutualis_member_id()) "
            "OR employees.id IN (SELECT a.employee_id FROM assignments a JOIN requests r ON r.id = a.request_id "
            "WHERE r.member_id = mutualis_member_id()))")
_VISIBLE = ("(NOT mutualis_is_member() "
            "OR e.id IN (SELECT em.employee_id FROM employee_members em WHERE em.member_id = mutualis_member_id()) "
            "OR e.id IN (SELECT a.employee_id FROM assignments a JOIN requests r ON r.id = a.request_id "
            "WHERE r.member_id = mutualis_member_id()))")


def upgrade() -> None:
    op.create_table(
        "access_logins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_access_logins_member_id_members"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_logins")),
        sa.UniqueConstraint("login", name=op.f("uq_access_logins_login")),
    )
    audit_json = sa.JSON().with_variant(JSONB(), "postgresql")
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=63), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("table_name", sa.String(length=63), nullable=False),
        sa.Column("row_key", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=6), nullable=False),
        sa.Column("before", audit_json, nullable=True),
        sa.Column("after", audit_json, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _secure()


def _schema() -> str:
    return '"' + op.get_bind().execute(sa.text("SELECT current_schema()")).scalar() + '"'


def _secure() -> None:
    bind = op.get_bind()
    schema = _schema()
    owner = bind.execute(sa.text("SELECT current_user")).scalar()
    path = f"SET search_path = {schema}, pg_temp"
    for role in (MANAGER, MEMBER):  # cluster-wide: another migration may create it at the same moment
        op.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "
                   f"CREATE ROLE {role} NOLOGIN; END IF; "
                   f"EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$")
    op.execute(f"CREATE FUNCTION mutualis_member_id() RETURNS integer LANGUAGE sql STABLE {path} AS "
               "$$ SELECT member_id FROM access_logins WHERE login = current_user $$")
    op.execute(f"CREATE FUNCTION mutualis_is_member() RETURNS boolean LANGUAGE sql STABLE {path} AS "
               f"$$ SELECT pg_has_role(current_user, '{MEMBER}', 'MEMBER') "
               "AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) $$")
    tables = [*OWNED, *SHARED, *OFFERED, *DESK_ONLY, "access_logins", "audit_log"]
    for table in tables:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY')
        op.execute(f'CREATE POLICY mutualis_owner ON "{table}" TO "{owner}" USING (true) WITH CHECK (true)')
        op.execute(f'CREATE POLICY mutualis_manager ON "{table}" TO {MANAGER} '
                   "USING (NOT mutualis_is_member()) WITH CHECK (NOT mutualis_is_member())")
    for table, expression in OWNED.items():
        mine = f"{expression.format(row='')} = mutualis_member_id()"
        op.execute(f'CREATE POLICY mutualis_member ON "{table}" TO {MEMBER} USING ({mine}) WITH CHECK ({mine})')
    for table in SHARED:
        op.execute(f'CREATE POLICY mutualis_member ON "{table}" FOR SELECT TO {MEMBER} USING (true)')
    op.execute(f"CREATE POLICY mutualis_member ON employees FOR SELECT TO {MEMBER} USING {_OFFERED}")
    for table in OFFERED[1:]:
        op.execute(f"CREATE POLICY mutualis_member ON {table} FOR SELECT TO {MEMBER} "
                   "USING (employee_id IN (SELECT id FROM employees))")
    op.execute(f"CREATE POLICY mutualis_member ON access_logins FOR SELECT TO {MEMBER} USING (login = current_user)")
    op.execute(f"CREATE POLICY mutualis_member ON audit_log FOR SELECT TO {MEMBER} "
               "USING (member_id = mutualis_member_id())")
    for name, query in VIEWS.items():
        op.execute(f"CREATE VIEW {name} WITH (security_barrier) AS {query.format(visible=_VISIBLE)}")
    op.execute(f"GRANT USAGE ON SCHEMA {schema} TO {MANAGER}, {MEMBER}")
    _grant(tables)
    _audit(path)


def _grant(tables: list[str]) -> None:
    """The manager reads and writes everything but the logins and the audit; a member what its policies allow."""
    for table in tables:
        rights = "SELECT" if table in ("access_logins", "audit_log") else "SELECT, INSERT, UPDATE, DELETE"
        op.execute(f'GRANT {rights} ON "{table}" TO {MANAGER}')
    for table in (*OWNED, *SHARED, *OFFERED[1:], "access_logins", "audit_log", *VIEWS):
        op.execute(f'GRANT SELECT ON "{table}" TO {MEMBER}')
    op.execute(f"GRANT SELECT ({EMPLOYEE_COLUMNS}) ON employees TO {MEMBER}")
    for table in MEMBER_WRITES:
        op.execute(f'GRANT INSERT, UPDATE, DELETE ON "{table}" TO {MEMBER}')
    for table in VIEWS:
        op.execute(f'GRANT SELECT ON "{table}" TO {MANAGER}')
    op.execute(f"GRANT SELECT ON alembic_version TO {MANAGER}, {MEMBER}")
    for table in tables:
        if table not in ("access_logins", "audit_log"):
            op.execute(f"DO $$ DECLARE s text := pg_get_serial_sequence('\"{table}\"', 'id'); BEGIN "
                       f"IF s IS NOT NULL THEN EXECUTE format('GRANT USAGE ON SEQUENCE %s TO {MANAGER}, {MEMBER}', s); "
                       "END IF; END $$")


def _audit(path: str) -> None:
    """Triggers writing `audit_log` as its owner (SECURITY DEFINER), and the guard that keeps it append-only."""
    op.execute(f"""CREATE FUNCTION mutualis_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
    before_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    after_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    owner integer;
BEGIN
    IF TG_OP = 'DELETE' THEN
        EXECUTE 'SELECT ' || TG_ARGV[0] INTO owner USING OLD;
    ELSE
        EXECUTE 'SELECT ' || TG_ARGV[0] INTO owner USING NEW;
    END IF;
    INSERT INTO audit_log (at, actor, member_id, table_name, row_key, action, before, after)
    VALUES (clock_timestamp(), session_user, owner, TG_TABLE_NAME, coalesce(after_row, before_row) ->> 'id',
            TG_OP, before_row, after_row);
    RETURN NULL;
END $$""")
    op.execute("""CREATE FUNCTION mutualis_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$""")
    op.execute("REVOKE EXECUTE ON FUNCTION mutualis_audit() FROM PUBLIC")
    for table in AUDITED:
        owner = OWNED.get(table, "NULL::integer").format(row="($1).").replace("'", "''")
        op.execute(f'CREATE TRIGGER mutualis_audit AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                   f"FOR EACH ROW EXECUTE FUNCTION mutualis_audit('{owner}')")
    op.execute("CREATE TRIGGER mutualis_append_only BEFORE UPDATE OR DELETE ON audit_log "
               "FOR EACH ROW EXECUTE FUNCTION mutualis_audit_append_only()")
    op.execute("CREATE TRIGGER mutualis_no_truncate BEFORE TRUNCATE ON audit_log "
               "FOR EACH STATEMENT EXECUTE FUNCTION mutualis_audit_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in AUDITED:
            op.execute(f'DROP TRIGGER mutualis_audit ON "{table}"')
        for name in VIEWS:
            op.execute(f"DROP VIEW {name}")
        for table in (*OWNED, *SHARED, *OFFERED, *DESK_ONLY):
            for policy in ("mutualis_owner", "mutualis_manager", "mutualis_member"):
                op.execute(f'DROP POLICY IF EXISTS {policy} ON "{table}"')
            op.execute(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY')
            op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
            op.execute(f'REVOKE ALL ON "{table}" FROM {MANAGER}, {MEMBER}')
        op.execute(f"REVOKE ALL ON alembic_version FROM {MANAGER}, {MEMBER}")
        op.execute(f"REVOKE USAGE ON SCHEMA {_schema()} FROM {MANAGER}, {MEMBER}")
    op.drop_table("audit_log")
    op.drop_table("access_logins")
    if op.get_bind().dialect.name == "postgresql":
        for function in ("mutualis_audit()", "mutualis_audit_append_only()", "mutualis_member_id()",
                         "mutualis_is_member()"):
            op.execute(f"DROP FUNCTION {function}")
