"""Connections parse URLs, read secrets from the environment or an owner-only file, never show them."""

from __future__ import annotations

import pytest

from integrations.odoo import OdooConfigError, OdooConnection


@pytest.mark.parametrize(("url", "protocol", "base", "port", "database", "login"), [
    ("https://erp.example.com/gecoord", "xmlrpcs", "https://erp.example.com:443", 443, "gecoord", ""),
    ("http://sync@127.0.0.1:8069/?db=test", "xmlrpc", "http://127.0.0.1:8069", 8069, "test", "sync"),
    ("jsonrpcs://odoo.example.com/prod", "jsonrpcs", "https://odoo.example.com:8069", 8069, "prod", ""),
    ("jsonrpc://localhost:9000/dev", "jsonrpc", "http://localhost:9000", 9000, "dev", ""),
])
def test_from_url_reads_protocol_host_port_and_database(url, protocol, base, port, database, login):
    connection = OdooConnection.from_url(url, login=login or "admin", secret="env:X")
    assert (connection.protocol, connection.url, connection.port, connection.database) == (protocol, base, port,
                                                                                           database)
    assert connection.login == (login or "admin") and connection.host in base


def test_a_password_in_the_url_is_refused():
    with pytest.raises(OdooConfigError, match="never put the password in the url"):
        OdooConnection.from_url("https://admin:admin@erp.example.com/db")


@pytest.mark.parametrize(("kwargs", "text"), [
    ({"protocol": "json2"}, "protocol must be one of"),
    ({"secret": "admin"}, "secret must be 'env:NAME' or 'file:PATH'"),
    ({"database": ""}, "database and login are required"),
    ({"url": "erp.example.com"}, "url must look like"),
])
def test_bad_settings_are_refused_with_one_line(kwargs, text):
    settings = {"name": "erp", "url": "https://erp.example.com", "database": "db", "login": "sync",
                "secret": "env:ODOO_KEY", **kwargs}
    with pytest.raises(OdooConfigError, match=text):
        OdooConnection(**settings)


def test_secret_from_the_environment_is_hidden(monkeypatch):
    monkeypatch.setenv("ODOO_KEY", "s3cr3t")
    connection = OdooConnection.from_url("https://erp.example.com/db", login="sync", secret="env:ODOO_KEY")
    secret = connection.read_secret()
    assert secret.reveal() == "s3cr3t"
    assert "s3cr3t" not in repr(secret) + str(secret) + repr(connection)


def test_missing_environment_variable(monkeypatch):
    monkeypatch.delenv("ODOO_KEY", raising=False)
    connection = OdooConnection.from_url("https://erp.example.com/db", login="sync", secret="env:ODOO_KEY")
    with pytest.raises(OdooConfigError, match="ODOO_KEY is not set"):
        connection.read_secret()


def test_secret_file_must_be_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "odoo.key"
    path.write_text("s3cr3t\n")
    connection = OdooConnection.from_url("https://erp.example.com/db", login="sync", secret=f"file:{path}")
    path.chmod(0o644)
    with pytest.raises(OdooConfigError, match="readable by others .*chmod 600") as caught:
        connection.read_secret()
    assert "s3cr3t" not in str(caught.value)
    path.chmod(0o600)
    assert connection.read_secret().reveal() == "s3cr3t"
