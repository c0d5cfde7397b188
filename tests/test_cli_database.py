"""Which database a command uses: said on stderr unless --db names it; a read never creates one."""

from __future__ import annotations

import os
import stat
import uuid

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from cli import main
from integrations.cli.options import CREATE_DATABASE, READ_ONLY

PG_URL = os.environ.get("MUTUALIS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """A working directory with no database and no MUTUALIS_DB: the default is ./mutualis.db."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MUTUALIS_DB", raising=False)
    return tmp_path


@pytest.mark.parametrize("args", [["member", "list"], ["employee", "show", "E001"],
                                  ["plan", "show", "--week", "2026-W49"], ["bill", "--month", "2026-11"],
                                  ["hours", "record", "E001", "R1", "--day", "2026-12-01", "--absent"]])
def test_a_command_that_does_not_create_is_refused_on_a_missing_database_and_creates_nothing(elsewhere, args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert result.stderr == (f"error: no database at {elsewhere / 'mutualis.db'}: run `mutualis demo` or "
                             "`mutualis init`, or pass --db\n")
    assert not (elsewhere / "mutualis.db").exists()


def test_an_explicit_db_that_does_not_exist_is_refused_too(tmp_path):
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{tmp_path / 'typo.db'}", "member", "list"])
    assert result.exit_code == 1 and "no database at" in result.stderr and not (tmp_path / "typo.db").exists()


def test_init_creates_the_default_database_owner_only_and_says_which_it_is(elsewhere):
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 0, result.output
    path = elsewhere / "mutualis.db"
    assert result.stderr == f"database: sqlite:///{path}\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    listed = CliRunner().invoke(main, ["member", "list"])
    assert listed.exit_code == 0 and listed.stderr == f"database: sqlite:///{path}\n"
    assert listed.stdout.startswith("code")


def test_the_database_from_the_environment_is_said_and_one_named_by_db_is_not(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("MUTUALIS_DB", url)
    assert CliRunner().invoke(main, ["init"]).stderr == f"database: {url}\n"
    named = CliRunner().invoke(main, ["--db", url, "member", "list"])
    assert named.exit_code == 0 and named.stderr == ""


def test_the_database_line_never_shows_a_password(monkeypatch):
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        admin.connect().close()
    except Exception as exc:  # no server: nothing to check here
        admin.dispose()
        pytest.skip(f"PostgreSQL unreachable at {PG_URL}: {type(exc).__name__}")
    schema = f"mtest_{uuid.uuid4().hex}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        user, _, rest = PG_URL.partition("@")
        url = f"{user}:s3cret-pw@{rest}?options=-csearch_path%3D{schema}"
        monkeypatch.setenv("MUTUALIS_DB", url)
        result = CliRunner().invoke(main, ["member", "list"])
        assert result.exit_code == 0, result.output
        assert result.stderr.startswith("database: postgresql+psycopg://postgres:***@")
        assert "s3cret" not in result.output
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _command_names(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if isinstance(command, click.Group):
            yield from _command_names(command, f"{full} ")
        else:
            yield full


def test_the_lists_of_creating_and_read_only_commands_name_real_commands():
    names = set(_command_names(main))
    assert names >= CREATE_DATABASE and names >= READ_ONLY
    assert not CREATE_DATABASE & READ_ONLY
