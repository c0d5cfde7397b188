"""Member self-service on PostgreSQL: roles, row-level security on every table, refusals, revoke, audit (#14)."""

from __future__ import annotations

from datetime import date

import pytest
from access_group import STATEMENT_AMOUNTS, Group
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from consortium.errors import MutualisError
from integrations.services import access as service
from integrations.store import open_store
from integrations.store.schema import full_metadata

# Tables every member reads whole (the catalogue, settings, calls for tenders, plan headers) and tables only
# the GE office reads (staff details, absences, bids with every member's share, the candidate pool). Every
# other table must hold rows of both members in the fixture and show each member only its own.
SHARED = {"settings", "skills", "certification_types", "tenders", "plans"}
DESK_ONLY = {"absences", "bids", "candidates"}
COLUMNS = {"employees": "id, code, first_name, last_name"}  # a member may not read the others (cost, address)
OWN_ONLY = {"access_logins", "audit_log"}  # checked by their own tests


@pytest.fixture(scope="module")
def group(pg_admin):
    admin = pg_admin
    made = Group(admin)
    try:
        made.fill()
        yield made
    finally:
        made.drop()


def _ids(group, who: str, table: str) -> set[int] | None:
    """The ids `who` reads in `table` through raw SQL, None when the table is refused to it."""
    engine = create_engine(group.url_of(who))
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(f'SELECT {COLUMNS.get(table, "*")} FROM "{table}"')).mappings()
            return {row["id"] for row in rows}
    except DBAPIError as exc:
        assert exc.orig.sqlstate == "42501", exc
        return None
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_every_table_has_row_level_security_enabled_and_forced(group):
    tables = set(full_metadata().tables)
    with group.engine.connect() as connection:
        rows = connection.execute(text("SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
                                       "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace")).all()
    secured = {name for name, enabled, forced in rows if enabled and forced}
    assert tables and tables <= secured, f"tables without forced row-level security: {sorted(tables - secured)}"


@pytest.mark.postgres
def test_a_member_reads_none_of_the_other_members_rows_in_any_table(group):
    tables = sorted(full_metadata().tables)
    assert len(tables) > 20
    for table in tables:
        if table in OWN_ONLY:
            continue
        seen = {who: _ids(group, who, table) for who in ("A", "B", "M")}
        if table in DESK_ONLY:
            assert seen["A"] is None and seen["B"] is None, f"{table}: a member may read it"
            assert seen["M"], f"{table}: the manager reads nothing"
        elif table in SHARED:
            assert seen["A"] == seen["M"] == seen["B"], f"{table}: shared rows differ"
        else:
            mine, theirs = group.owned["A"].get(table), group.owned["B"].get(table)
            assert mine and theirs, f"{table} has no access rule in this test: say whose rows it holds"
            assert seen["A"] == mine, f"{table}: A reads {seen['A']}, owns {mine}"
            assert seen["B"] == theirs, f"{table}: B reads {seen['B']}, owns {theirs}"
            assert seen["M"] >= mine | theirs, f"{table}: the manager misses rows"


@pytest.mark.postgres
def test_a_member_sees_only_the_employees_offered_to_it_without_cost_nor_address(group):
    engine = create_engine(group.url_of("A"))
    with engine.connect() as connection:
        employees = connection.execute(text("SELECT * FROM member_employees")).mappings().all()
        skills = connection.execute(text("SELECT employee, skill, level FROM member_employee_skills")).all()
        certs = connection.execute(text("SELECT employee, certification FROM member_employee_certifications")).all()
    assert [e["code"] for e in employees] == ["EA"]
    assert set(employees[0]) == {"id", "code", "first_name", "last_name"}
    for column in ("*", "hourly_cost", "home_address", "contract_kind"):
        with pytest.raises(DBAPIError, match="permission denied"), engine.connect() as connection:
            connection.execute(text(f"SELECT {column} FROM employees"))
    engine.dispose()
    assert skills == [("EA", "TIG", 2)] and certs == [("EA", "HAB")]


@pytest.mark.postgres
def test_a_member_cannot_file_a_request_for_another_member_and_is_told_in_one_line(group):
    store = open_store(group.url_of("A"))
    try:
        with pytest.raises(MutualisError) as refused, store.session() as repo:
            repo.access._session.execute(text(
                "INSERT INTO requests (code, member_id, site_id, skill_id, day, start, \"end\", ends_next_day, "
                "min_level, certifications, headcount, priority, min_chunk_hours, preferred_employees, "
                "excluded_employees, same_person, note) VALUES ('R-EVIL', :member, :site, :skill, '2026-12-02', "
                "'08:00', '12:00', false, 1, '[]', 1, 'normal', 1, '[]', '[]', false, '')"),
                {"member": min(group.owned["B"]["members"]), "site": min(group.owned["B"]["sites"]), "skill": 1})
    finally:
        store.close()
    assert str(refused.value) == ("CHAUMAY may not change requests of another member "
                                  "(its login writes only its own rows)")


@pytest.mark.postgres
@pytest.mark.parametrize("table,insert", [
    ("capacity_declarations", "INSERT INTO capacity_declarations (resource_id, week, available_hours, "
     "max_overtime_hours, committed_hours, source) VALUES (:b, '2026-W51', 10, 0, 0, 'manual')"),
    ("hours_corrections", "INSERT INTO hours_corrections (employee_id, request_id, day, absent, note, recorded_at, "
     "adjustment, accepted_reason) VALUES (1, :b, '2026-12-01', true, '', now(), false, '')"),
])
def test_a_member_cannot_declare_capacity_or_hours_on_another_members_rows(group, table, insert):
    parent = {"capacity_declarations": "production_resources", "hours_corrections": "requests"}[table]
    store = open_store(group.url_of("A"))
    try:
        with pytest.raises(MutualisError) as refused, store.session() as repo:
            repo.access._session.execute(text(insert), {"b": min(group.owned["B"][parent])})
    finally:
        store.close()
    assert str(refused.value) == (f"CHAUMAY may not change {table} of another member "
                                  "(its login writes only its own rows)")


@pytest.mark.postgres
def test_a_member_changes_no_row_of_another_member(group):
    engine = create_engine(group.url_of("A"))
    with engine.begin() as connection:
        changed = connection.execute(text("UPDATE capacity_declarations SET available_hours = 0 WHERE id = :i"),
                                     {"i": min(group.owned["B"]["capacity_declarations"])}).rowcount
        connection.execute(text("DELETE FROM hours_exceptions"))
        deleted = connection.execute(text("DELETE FROM hours_corrections")).rowcount
    engine.dispose()
    assert changed == 0
    assert deleted == len(group.owned["A"]["hours_corrections"])
    assert _ids(group, "B", "hours_corrections") == group.owned["B"]["hours_corrections"]


@pytest.mark.postgres
def test_a_member_reads_its_own_statement_amounts_never_the_others_and_cannot_change_them(group):
    engine = create_engine(group.url_of("A"))
    with engine.connect() as connection:
        totals = connection.execute(text("SELECT amount FROM statements")).scalars().all()
        lines = connection.execute(text("SELECT amount, hourly_cost FROM statement_lines")).all()
        everything = str(connection.execute(text("SELECT * FROM statements s JOIN statement_lines l "
                                                 "ON l.statement_id = s.id")).all())
    assert totals == [STATEMENT_AMOUNTS["A"]] and [amount for amount, _ in lines] == [STATEMENT_AMOUNTS["A"]]
    assert str(STATEMENT_AMOUNTS["B"]) not in everything and "EB" not in everything
    for statement in ("UPDATE statements SET amount = 0", "DELETE FROM statement_lines",
                      "INSERT INTO statements (member_id, month, billed_at, status, minutes, amount) "
                      "VALUES (1, '2026-10', now(), 'validated', 0, 0)"):
        with pytest.raises(DBAPIError) as refused, engine.begin() as connection:
            connection.execute(text(statement))
        assert refused.value.orig.sqlstate == "42501", statement
    engine.dispose()
    assert _ids(group, "M", "statements") >= group.owned["A"]["statements"] | group.owned["B"]["statements"]


@pytest.mark.postgres
def test_a_member_reading_a_managers_table_is_told_in_one_line(group):
    store = open_store(group.url_of("A"))
    try:
        with pytest.raises(MutualisError) as refused, store.session() as repo:
            repo.access._session.execute(text("SELECT * FROM bids"))
    finally:
        store.close()
    assert str(refused.value) == "bids is for the GE manager; CHAUMAY's login may not read or change it"


@pytest.mark.postgres
def test_manager_only_commands_are_refused_to_a_member_login_and_allowed_to_the_manager(group):
    for who, refused in (("A", True), ("M", False)):
        store = open_store(group.url_of(who))
        with store.session() as repo:
            if refused:
                refusal = "^allocate is for the GE manager; CHAUMAY's login may not run it$"
                with pytest.raises(MutualisError, match=refusal):
                    service.check_command(repo, "allocate")
            else:
                service.check_command(repo, "allocate")
            service.check_command(repo, "request add")
        store.close()


@pytest.mark.postgres
def test_the_audit_lists_a_members_changes_with_before_and_after(group):
    engine = create_engine(group.url_of("A"))
    with engine.begin() as connection:
        row = min(group.owned["A"]["capacity_declarations"])
        connection.execute(text("UPDATE capacity_declarations SET available_hours = 12.5 WHERE id = :i"), {"i": row})
    engine.dispose()
    store = open_store(group.url_of("M"))
    with store.session() as repo:
        entries = service.audit(repo, "CHAUMAY", date(2000, 1, 1))
        others = service.audit(repo, "INOXAGRI")
    store.close()
    updates = [e for e in entries if e.actor == group.logins["A"] and e.table == "capacity_declarations"]
    assert len(updates) == 1 and updates[0].key == str(row) and updates[0].action == "UPDATE"
    assert updates[0].before["available_hours"] != 12.5 and updates[0].after["available_hours"] == 12.5
    assert others and all(e.member == "INOXAGRI" for e in others)


@pytest.mark.postgres
def test_no_role_may_change_or_delete_the_audit(group):
    assert _ids(group, "A", "audit_log")
    for url in (group.url, group.url_of("M")):
        engine = create_engine(url)
        for statement in ("UPDATE audit_log SET actor = 'nobody'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
            with pytest.raises(DBAPIError) as refused, engine.begin() as connection:
                connection.execute(text(statement))
            assert refused.value.orig.sqlstate == "42501"
        engine.dispose()


@pytest.mark.postgres
def test_revoking_a_login_ends_its_access_at_once(group):
    login = group.prefix + "leaving"
    group.logins["leaving"] = login
    with group.store.session() as repo:
        service.grant_member(repo, "CHAUMAY", login, None)
    engine = create_engine(group.url_of(login))
    connection = engine.connect()
    assert connection.execute(text("SELECT count(*) FROM requests")).scalar() == 1
    connection.commit()
    with group.store.session() as repo:
        service.revoke(repo, login)
        assert login not in [entry.login for entry in service.logins(repo)]
    with pytest.raises(DBAPIError):
        connection.execute(text("SELECT count(*) FROM requests")).scalar()
    connection.close()
    with pytest.raises(DBAPIError):
        engine.connect()
    engine.dispose()


@pytest.mark.postgres
def test_logins_are_listed_with_their_member(group):
    with group.store.session() as repo:
        listed = {entry.login: entry.member for entry in service.logins(repo) if entry.exists}
    assert listed[group.logins["A"]] == "CHAUMAY" and listed[group.logins["M"]] is None


def test_on_sqlite_access_control_answers_that_it_needs_postgresql(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'group.db'}")
    with store.session() as repo:
        with pytest.raises(MutualisError, match="^access control needs PostgreSQL"):
            service.grant_member(repo, "CHAUMAY", "chaumay", None)
        assert service.whoami(repo) is None
        service.check_command(repo, "allocate")
    store.close()


@pytest.mark.postgres
def test_the_access_migration_downgrades_and_upgrades_again(pg_admin):
    from alembic import command

    from integrations.store.engine import migrations_config

    made = Group(pg_admin)
    try:
        config = migrations_config()
        with made.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0005_bids")
            assert not connection.execute(text("SELECT to_regclass('audit_log')")).scalar()
            command.upgrade(config, "heads")
            forced = "SELECT relforcerowsecurity FROM pg_class WHERE relname = 'requests'"
            assert connection.execute(text(forced)).scalar()
    finally:
        made.drop()
