"""Fixtures: a fresh faithful Odoo per test, in memory (``odoo``, ``gateway``: no socket) or on loopback
(``odoo_server``, ``server_gateway``: through odoolib over both protocols, for the wire's own tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

import odoolib
import pytest

from integrations.odoo import OdooConnection, OdooGateway, RetryPolicy, Secret
from integrations.odoo.testing import Catalog, InMemoryOdoo, InMemoryTransport, OdooTestServer
from integrations.store import open_store

PASSWORD_ENV = "MUTUALIS_TEST_ODOO_PASSWORD"
FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)


@pytest.fixture(scope="session")
def odoo_catalog() -> Catalog:
    """The captured Odoo 17 definitions and demo records, read once."""
    return Catalog.load()


@pytest.fixture(scope="session")
def migrated_store_file(tmp_path_factory) -> Path:
    """An empty SQLite store, migrated once per session."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    open_store(f"sqlite:///{path}").close()
    return path


@pytest.fixture
def store_url(tmp_path, migrated_store_file) -> str:
    """The URL of a new empty store in ``tmp_path``: a copy of the migrated one (0.03 s, not 0.5 s)."""
    path = tmp_path / "m.db"
    shutil.copy(migrated_store_file, path)
    return f"sqlite:///{path}"


@pytest.fixture
def odoo(odoo_catalog) -> InMemoryOdoo:
    """An Odoo in memory with its own copy of the records (``odoo.db``, ``odoo.calls``, ``odoo.faults``)."""
    return InMemoryOdoo(odoo_catalog)


def memory_gateway(odoo: InMemoryOdoo) -> OdooGateway:
    """A gateway reaching ``odoo`` without a socket, with tiny retry delays."""
    connection = OdooConnection(name="test", url="http://odoo.memory", database=odoo.database, login="admin")
    return OdooGateway(connection, transport=InMemoryTransport(odoo), retry=FAST_RETRY, secret=Secret("admin"))


@pytest.fixture
def gateway(odoo) -> OdooGateway:
    """A gateway to the in-memory ``odoo``."""
    return memory_gateway(odoo)


@pytest.fixture
def odoo_server(odoo_catalog):
    """A started server with its own copy of the records; stopped after the test."""
    with OdooTestServer(odoo_catalog) as server:
        yield server


# odoolib's JSON-RPC builds a new httpx client per call, which loads the whole CA bundle (~50 ms).
# The test server is plain HTTP, so one public CA certificate is enough and keeps the tests fast.
ONE_CA = Path(__file__).resolve().parent / "one_ca.pem"


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
def server_gateway(odoo_connection) -> OdooGateway:
    """A gateway to ``odoo_server`` through odoolib, with tiny retry delays."""
    return OdooGateway(odoo_connection, retry=FAST_RETRY, timeout=5)
