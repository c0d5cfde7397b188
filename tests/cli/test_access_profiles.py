"""`mutualis profile`: a named URL in the config file spares `--db`; none of it changes SQLite's default (#14)."""

from __future__ import annotations

from click.testing import CliRunner

from cli import main
from integrations.store import default_url


def _run(*args, env):
    return CliRunner().invoke(main, list(args), env=env)


def test_a_default_profile_names_the_database_and_mutualis_profile_picks_another(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("MUTUALIS_DB", raising=False)
    monkeypatch.delenv("MUTUALIS_PROFILE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert default_url() == f"sqlite:///{tmp_path.resolve() / 'mutualis.db'}"
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    one, two = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
    assert _run("profile", "add", "one", "--db", one, env=env).exit_code == 0
    assert _run("profile", "add", "two", "--db", two, env=env).exit_code == 0
    assert _run("profile", "list", env=env).output == f"* one  {one}\n  two  {two}\n"
    assert default_url() == one
    monkeypatch.setenv("MUTUALIS_PROFILE", "two")
    assert default_url() == two
    assert (tmp_path / "config" / "mutualis" / "config.toml").stat().st_mode & 0o077 == 0
    removed = _run("profile", "remove", "two", env=env)
    assert removed.output == "profile two removed\n"
    assert _run("profile", "list", env=env).output == f"* one  {one}\n"


def test_a_profile_refuses_a_password_in_its_url_and_an_unknown_name_is_one_line(tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path), "MUTUALIS_DB": None, "MUTUALIS_PROFILE": "nope"}
    result = _run("profile", "add", "ge", "--db", "postgresql://chaumay:secret@db/ge", env=env)
    assert result.exit_code == 1
    assert result.output == "error: profile ge: leave the password out of the URL (PostgreSQL reads ~/.pgpass)\n"
    result = _run("member", "list", env=env)
    assert result.exit_code == 1
    where = tmp_path / "mutualis" / "config.toml"
    assert result.output == f"error: no profile 'nope' in {where} (mutualis profile list)\n"
