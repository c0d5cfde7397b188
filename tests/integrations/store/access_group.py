"""A small group on a PostgreSQL database of its own, with two member logins and a manager's, for the access tests.

Every table of the metadata gets rows of each member where it holds a member's data, so that a test reading
"as A" can tell whether any of B's rows leaks. Roles carry a per-database prefix and are dropped with it.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Double,
    Integer,
    Numeric,
    String,
    Text,
    Time,
    create_engine,
    insert,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from integrations.store import open_store
from integrations.store.access import grant_login
from integrations.store.schema import full_metadata

# Each member's statement total for 2026-11, distinct so that a test can look for B's figure in A's view.
STATEMENT_AMOUNTS = {"A": Decimal("1234.56"), "B": Decimal("9876.54")}
_FILL = ((JSON, lambda n: []), (Boolean, lambda n: False), (DateTime, lambda n: datetime(2026, 12, 1, 8, 0)),
         (Date, lambda n: date(2026, 12, 1)), (Time, lambda n: time(8, 0)), (Numeric, lambda n: Decimal(1)),
         (Double, lambda n: 1.0), (Integer, lambda n: 1), (Text, lambda n: ""), (String, lambda n: f"X{n}"))


class Group:
    """The database, its URL per login, and which rows (table -> ids) belong to which member."""

    def __init__(self, admin):
        self.admin = admin
        self.name = f"mutualis_access_{uuid.uuid4().hex[:12]}"
        self.prefix = f"ma{uuid.uuid4().hex[:6]}_"
        self.logins = {"A": self.prefix + "chaumay", "B": self.prefix + "inoxagri", "M": self.prefix + "office"}
        self.owned: dict[str, dict[str, set[int]]] = {"A": {}, "B": {}}
        self._counter = itertools.count()
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{self.name}"'))
        self.url = make_url(admin.url).set(database=self.name).render_as_string(hide_password=False)
        self.store = open_store(self.url)
        self.engine = create_engine(self.url)

    def url_of(self, who: str) -> str:
        """The URL of login `who` ("A", "B", "M") or of a raw role name."""
        role = self.logins.get(who, who)
        return make_url(self.url).set(username=role, password=None).render_as_string(hide_password=False)

    def row(self, connection, table: str, owner: str | None = None, /, **given) -> int:
        """Insert a row (NOT NULL columns filled with plain values) and remember it as `owner`'s."""
        t = full_metadata().tables[table]
        values = dict(given)
        for column in t.columns:
            if column.name in values or column.nullable or column.primary_key:
                continue
            values[column.name] = next(make(next(self._counter)) for kind, make in _FILL
                                       if isinstance(column.type, kind))
        new_id = connection.execute(insert(t).values(**values).returning(t.c.id)).scalar()
        if owner is not None:
            self.owned[owner].setdefault(table, set()).add(new_id)
        return new_id

    def fill(self) -> None:
        """Shared rows, then for each member a row in every table that holds a member's data; then the logins."""
        with self.engine.begin() as c:
            skill = self.row(c, "skills", code="TIG")
            cert = self.row(c, "certification_types", code="HAB")
            self.row(c, "settings", data={})
            tender = self.row(c, "tenders", code="T1")
            bid = self.row(c, "bids", tender_id=tender, total=Decimal(99999))
            plan = self.row(c, "plans", week="2026-W49")
            self.row(c, "candidates", code="C001", data={})  # the GE office's only
            for who, code in (("A", "CHAUMAY"), ("B", "INOXAGRI")):
                member = self.row(c, "members", who, code=code)
                site = self.row(c, "sites", who, member_id=member, code="MAIN")
                resource = self.row(c, "production_resources", who, member_id=member, hourly_rate=Decimal("87.5"))
                employee = self.row(c, "employees", who, code=f"E{who}", contract_kind="CDI",
                                    hourly_cost=Decimal("25.5"),
                                    home_address=f"home of E{who}")
                self.row(c, "employee_skills", who, employee_id=employee, skill_id=skill, level=2)
                self.row(c, "employee_certifications", who, employee_id=employee, certification_type_id=cert,
                         level="B0")
                self.row(c, "absences", employee_id=employee)
                self.row(c, "employee_members", who, employee_id=employee, member_id=member)
                self.row(c, "employee_sites", who, employee_id=employee, site_id=site)
                self.row(c, "site_authorisations", who, employee_id=employee, site_id=site, skill_id=skill)
                self.row(c, "member_certificates", who, member_id=member)
                self.row(c, "hours_validations", who, member_id=member)
                self.row(c, "capacity_declarations", who, resource_id=resource, week="2026-W50", available_hours=30.0)
                self.row(c, "capacity_reservations", who, tender_id=tender, resource_id=resource)
                self.row(c, "bid_capacity", who, bid_id=bid, resource_id=resource)
                self.row(c, "bid_member_views", who, bid_id=bid, tender_id=tender, member_id=member, data={})
                request = self.row(c, "requests", who, code=f"R-{code}", member_id=member, site_id=site,
                                   skill_id=skill)
                self.row(c, "assignments", who, plan_id=plan, employee_id=employee, request_id=request, site_id=site)
                correction = self.row(c, "hours_corrections", who, employee_id=employee, request_id=request)
                self.row(c, "hours_exceptions", who, correction_id=correction)
                self.row(c, "odoo_connections", who, name=f"ERP{who}", member=code)
                self.row(c, "odoo_links", who, connection=f"ERP{who}")
                offer = self.row(c, "lending_offers", who, code=f"{code}.P{who}", member_id=member, data={})
                self.row(c, "lending_placements", who, offer_id=offer, request_id=request)  # lender and borrower
                amount = STATEMENT_AMOUNTS[who]
                statement = self.row(c, "statements", who, member_id=member, month="2026-11", minutes=2100,
                                     amount=amount)
                self.row(c, "statement_lines", who, statement_id=statement, member_id=member, employee=f"E{who}",
                         minutes=2100, hourly_cost=Decimal("25.5"), coefficient=Decimal("1.08"), amount=amount)
        with Session(self.engine) as session, session.begin():
            grant_login(session, self.logins["A"], "CHAUMAY", "a secret")
            grant_login(session, self.logins["B"], "INOXAGRI", None)
            grant_login(session, self.logins["M"], None, None)

    def drop(self) -> None:
        """Drop the database and every role of this group."""
        self.store.close()
        self.engine.dispose()
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            for role in self.logins.values():
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
