"""The sync benchmark runs its steps against any server given by URL, printing the same table."""

from __future__ import annotations

import pytest

from benchmarks import odoo_sync


def test_the_benchmark_runs_against_a_server_given_by_url(odoo_server, monkeypatch, capsys):
    monkeypatch.setenv("SOME_ODOO_KEY", "admin")
    odoo_sync.main(["--size", "S", "--url", odoo_server.url, "--db", odoo_server.database, "--login", "admin",
                    "--password-env", "SOME_ODOO_KEY"])
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"server: {odoo_server.url}"
    steps = {line[:30].strip(): line[30:].split() for line in out[2:]}
    assert steps["push week (creates)"][0] == "32" and "created 32," in out[2]
    assert "unchanged 32" in out[3]
    assert odoo_server.db.table("calendar.event")  # the events went to that server
    assert len(odoo_server.db.table("ir.model.data")) == 32


def test_the_benchmark_needs_the_database_and_password_variable_with_a_url():
    with pytest.raises(SystemExit, match="--url needs --db and --password-env"):
        odoo_sync.main(["--size", "S", "--url", "http://127.0.0.1:1"])
