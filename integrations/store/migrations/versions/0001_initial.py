"""The initial schema: settings, catalogue, members and sites, employees, absences, requests, plans.

Written out table by table (not generated at run time) so that it stays what it was when released;
`test_store_schema.py` checks that the migrated schema equals the models on SQLite and PostgreSQL.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certification_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("levels", sa.JSON(), nullable=False),
        sa.Column("ordered", sa.Boolean(), nullable=False),
        sa.Column("covers", sa.JSON(), nullable=False),
        sa.Column("validity_months", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certification_types")),
        sa.UniqueConstraint("code", name=op.f("uq_certification_types_code")),
    )
    op.create_table(
        "employees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("home_address", sa.Text(), nullable=False),
        sa.Column("home_latitude", sa.Double(), nullable=False),
        sa.Column("home_longitude", sa.Double(), nullable=False),
        sa.Column("contract_kind", sa.String(length=3), nullable=False),
        sa.Column("contract_start", sa.Date(), nullable=False),
        sa.Column("contract_end", sa.Date(), nullable=True),
        sa.Column("weekly_hours", sa.Double(), nullable=False),
        sa.Column("annual_hours", sa.Double(), nullable=True),
        sa.Column("part_time_derogation", sa.Boolean(), nullable=False),
        sa.Column("night_worker", sa.Boolean(), nullable=False),
        sa.Column("minor", sa.Boolean(), nullable=False),
        sa.Column("hourly_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("preferred_members", sa.JSON(), nullable=False),
        sa.Column("avoided_members", sa.JSON(), nullable=False),
        sa.Column("max_commute_minutes", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employees")),
        sa.UniqueConstraint("code", name=op.f("uq_employees_code")),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("legal_name", sa.String(length=200), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=False),
        sa.Column("activity", sa.Text(), nullable=False),
        sa.Column("entitlement", sa.Double(), nullable=False),
        sa.Column("billing_coefficient", sa.Numeric(precision=12, scale=4), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("code", name=op.f("uq_members_code")),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("objective", sa.Double(), nullable=True),
        sa.Column("best_bound", sa.Double(), nullable=True),
        sa.Column("solver_status", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
        sa.UniqueConstraint("week", name=op.f("uq_plans_week")),
    )
    op.create_table(
        "settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settings")),
    )
    op.create_table(
        "skills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("levels", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skills")),
        sa.UniqueConstraint("code", name=op.f("uq_skills_code")),
    )
    op.create_table(
        "absences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["employee_id"], ["employees.id"], name=op.f("fk_absences_employee_id_employees"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absences")),
        sa.UniqueConstraint("employee_id", "kind", "starts_at", "ends_at", name=op.f("uq_absences_employee_id_kind_starts_at_ends_at")),
    )
    op.create_index(op.f("ix_absences_employee_id"), "absences", ["employee_id"])
    op.create_index(op.f("ix_absences_starts_at_ends_at"), "absences", ["starts_at", "ends_at"])
    op.create_table(
        "employee_certifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("certification_type_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=64), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["certification_type_id"], ["certification_types.id"], name=op.f("fk_employee_certifications_certification_type_id_certification_types")),
        sa.ForeignKeyConstraint(["employee_id"], ["employees.id"], name=op.f("fk_employee_certifications_employee_id_employees"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee_certifications")),
    )
    op.create_index(op.f("ix_employee_certifications_certification_type_id"), "employee_certifications", ["certification_type_id"])
    op.create_index(op.f("ix_employee_certifications_employee_id"), "employee_certifications", ["employee_id"])
    op.create_table(
        "employee_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["employee_id"], ["employees.id"], name=op.f("fk_employee_members_employee_id_employees"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_employee_members_member_id_members")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee_members")),
        sa.UniqueConstraint("employee_id", "member_id", name=op.f("uq_employee_members_employee_id_member_id")),
    )
    op.create_index(op.f("ix_employee_members_employee_id"), "employee_members", ["employee_id"])
    op.create_index(op.f("ix_employee_members_member_id"), "employee_members", ["member_id"])
    op.create_table(
        "employee_skills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["employee_id"], ["employees.id"], name=op.f("fk_employee_skills_employee_id_employees"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["skill_id"], ["skills.id"], name=op.f("fk_employee_skills_skill_id_skills")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee_skills")),
        sa.UniqueConstraint("employee_id", "skill_id", name=op.f("uq_employee_skills_employee_id_skill_id")),
    )
    op.create_index(op.f("ix_employee_skills_employee_id"), "employee_skills", ["employee_id"])
    op.create_index(op.f("ix_employee_skills_skill_id"), "employee_skills", ["skill_id"])
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=False),
        sa.Column("longitude", sa.Double(), nullable=False),
        sa.Column("opening_hours", sa.JSON(), nullable=False),
        sa.Column("night_work_allowed", sa.Boolean(), nullable=False),
        sa.Column("sunday_work_allowed", sa.Boolean(), nullable=False),
        sa.Column("authorisation_required_for", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_sites_member_id_members"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sites")),
        sa.UniqueConstraint("member_id", "code", name=op.f("uq_sites_member_id_code")),
    )
    op.create_index(op.f("ix_sites_member_id"), "sites", ["member_id"])
    op.create_table(
        "employee_sites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["employee_id"], ["employees.id"], name=op.f("fk_employee_sites_employee_id_employees"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_employee_sites_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee_sites")),
        sa.UniqueConstraint("employee_id", "site_id", name=op.f("uq_employee_sites_employee_id_site_id")),
    )
    op.create_index(op.f("ix_employee_sites_employee_id"), "employee_sites", ["employee_id"])
    op.create_index(op.f("ix_employee_sites_site_id"), "employee_sites", ["site_id"])
    op.create_table(
        "requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("end", sa.Time(), nullable=False),
        sa.Column("ends_next_day", sa.Boolean(), nullable=False),
        sa.Column("min_level", sa.Integer(), nullable=False),
        sa.Column("certifications", sa.JSON(), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("min_chunk_hours", sa.Double(), nullable=False),
        sa.Column("preferred_employees", sa.JSON(), nullable=False),
        sa.Column("excluded_employees", sa.JSON(), nullable=False),
        sa.Column("same_person", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("series", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_requests_member_id_members")),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_requests_site_id_sites")),
        sa.ForeignKeyConstraint(["skill_id"], ["skills.id"], name=op.f("fk_requests_skill_id_skills")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requests")),
        sa.UniqueConstraint("code", name=op.f("uq_requests_code")),
    )
    op.create_index(op.f("ix_requests_day"), "requests", ["day"])
    op.create_index(op.f("ix_requests_member_id"), "requests", ["member_id"])
    op.create_index(op.f("ix_requests_site_id"), "requests", ["site_id"])
    op.create_index(op.f("ix_requests_skill_id"), "requests", ["skill_id"])
    op.create_table(
        "site_authorisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["employee_id"], ["employees.id"], name=op.f("fk_site_authorisations_employee_id_employees"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_site_authorisations_site_id_sites")),
        sa.ForeignKeyConstraint(["skill_id"], ["skills.id"], name=op.f("fk_site_authorisations_skill_id_skills")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_authorisations")),
    )
    op.create_index(op.f("ix_site_authorisations_employee_id"), "site_authorisations", ["employee_id"])
    op.create_index(op.f("ix_site_authorisations_site_id"), "site_authorisations", ["site_id"])
    op.create_index(op.f("ix_site_authorisations_skill_id"), "site_authorisations", ["skill_id"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("travel_minutes_before", sa.Integer(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["employee_id"], ["employees.id"], name=op.f("fk_assignments_employee_id_employees")),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name=op.f("fk_assignments_plan_id_plans"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"], name=op.f("fk_assignments_request_id_requests")),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_assignments_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
    )
    op.create_index(op.f("ix_assignments_employee_id"), "assignments", ["employee_id"])
    op.create_index(op.f("ix_assignments_plan_id"), "assignments", ["plan_id"])
    op.create_index(op.f("ix_assignments_request_id"), "assignments", ["request_id"])
    op.create_index(op.f("ix_assignments_site_id"), "assignments", ["site_id"])


def downgrade() -> None:
    op.drop_table("assignments")
    op.drop_table("site_authorisations")
    op.drop_table("requests")
    op.drop_table("employee_sites")
    op.drop_table("sites")
    op.drop_table("employee_skills")
    op.drop_table("employee_members")
    op.drop_table("employee_certifications")
    op.drop_table("absences")
    op.drop_table("skills")
    op.drop_table("settings")
    op.drop_table("plans")
    op.drop_table("members")
    op.drop_table("employees")
    op.drop_table("certification_types")
