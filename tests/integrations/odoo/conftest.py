"""Fixtures: a fresh faithful Odoo test server per test, reached through odoolib over both protocols."""

from __future__ import annotations

from pathlib import Path

import odoolib
import pytest

from integrations.odoo import OdooConnection, OdooGateway, RetryPolicy
from tests.odoo_server import Catalog, OdooTestServer

PASSWORD_ENV = "MUTUALIS_TEST_ODOO_PASSWORD"
FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)


@pytest.fixture(scope="session")
def odoo_catalog() -> Catalog:
    """The captured Odoo 17 definitions and demo records, read once."""
    return Catalog.load()


@pytest.fixture
def odoo_server(odoo_catalog):
    """A started server with its own copy of the records; stopped after the test."""
    with OdooTestServer(odoo_catalog) as server:
        yield server


# odoolib's JSON-RPC builds a new httpx client per call, which loads the whole CA bundle (~50 ms).
# The test server is plain HTTP, so one public CA certificate is enough and keeps the tests fast.
ONE_CA = Path(__file__).resolve().parents[2] / "odoo_server" / "one_ca.pem"


@pytest.fixture(params=["xmlrpc", "jsonrpc"])
def protocol(request, monkeypatch) -> str:
    """Every test using it runs over XML-RPC and over JSON-RPC."""
    if request.param == "jsonrpc":
        monkeypatch.setenv("SSL_CERT_FILE", str(ONE_CA))
    return request.param


@pytest.fixture
def odoo_client(odoo_server, protocol):
    """A logged-in odoolib connection (admin/admin)."""
    client = odoolib.get_connection(hostname=odoo_server.host, port=odoo_server.port, protocol=protocol,
                                    database=odoo_server.database, login="admin", password="admin")
    client.check_login()
    return client


@pytest.fixture
def odoo_connection(odoo_server, protocol, monkeypatch) -> OdooConnection:
    """The test server as a mutualis connection; the password comes from an environment variable."""
    monkeypatch.setenv(PASSWORD_ENV, "admin")
    return OdooConnection(name="test", url=odoo_server.url, database=odoo_server.database, login="admin",
                          protocol=protocol, secret=f"env:{PASSWORD_ENV}")


@pytest.fixture
def gateway(odoo_connection) -> OdooGateway:
    """A gateway with tiny retry delays."""
    return OdooGateway(odoo_connection, retry=FAST_RETRY, timeout=5)
