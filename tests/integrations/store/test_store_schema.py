"""Migrations on open, the migrated schema equal to the models, URLs and errors on opening."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from integrations.store import default_url, open_store
from integrations.store.engine import migrations_config
from integrations.store.schema import full_metadata
from consortium.errors import MutualisError

CORE_TABLES = {
    "settings", "skills", "certification_types", "members", "sites", "employees", "employee_members",
    "employee_sites", "employee_skills", "employee_certifications", "site_authorisations", "absences",
    "requests", "plans", "assignments",
}


def _heads() -> set[str]:
    return set(ScriptDirectory.from_config(migrations_config()).get_heads())


def test_the_migrated_schema_equals_the_models(store):
    with store._engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        metadata = full_metadata()
        assert compare_metadata(context, metadata) == []
        assert set(metadata.tables) >= CORE_TABLES
        assert set(inspect(connection).get_table_names()) == set(metadata.tables) | {"alembic_version"}
        assert set(context.get_current_heads()) == _heads()


def test_reopening_a_migrated_database_keeps_its_data(db, skills):
    with db.open().session() as repo:
        repo.people.save_skill(skills[0])
    reopened = db.open()
    with reopened.session() as repo:
        assert repo.people.get_catalogue().skills == [skills[0]]
    with reopened._engine.connect() as connection:
        assert set(MigrationContext.configure(connection).get_current_heads()) == _heads()


def test_an_empty_sqlite_file_is_migrated_to_the_models_with_foreign_keys_on(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'empty.db'}")
    with store._engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, full_metadata()) == []
        assert set(context.get_current_heads()) == _heads()
    store.close()


def test_default_url_is_mutualis_db_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("MUTUALIS_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert default_url() == f"sqlite:///{Path(tmp_path).resolve() / 'mutualis.db'}"
    monkeypatch.setenv("MUTUALIS_DB", "postgresql+psycopg://u@h/db")
    assert default_url() == "postgresql+psycopg://u@h/db"


def test_open_store_without_url_creates_the_default_file_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("MUTUALIS_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    store = open_store()
    store.close()
    assert (tmp_path / "mutualis.db").exists()


def test_an_unreachable_database_is_one_clear_line_with_the_password_hidden():
    with pytest.raises(MutualisError) as caught:
        open_store("postgresql+psycopg://postgres:s3cret@127.0.0.1:1/test")
    message = str(caught.value)
    assert message.startswith("cannot open database postgresql+psycopg://postgres:***@127.0.0.1:1/test: ")
    assert "s3cret" not in message and "\n" not in message


@pytest.mark.parametrize("url, reason", [
    ("not a url", "not a database URL"),
    ("nosuchdb://x/y", "Can't load plugin"),
    ("sqlite:////nonexistent/dir/m.db", "no folder /nonexistent/dir"),
])
def test_bad_urls_are_one_clear_line(url, reason):
    with pytest.raises(MutualisError, match=f"^cannot open database .*{reason}"):
        open_store(url)


def test_the_migrations_have_one_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from integrations.store import engine

    folder = Path(engine.__file__).resolve().parent / "migrations"
    config = Config()
    config.set_main_option("script_location", str(folder))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1
