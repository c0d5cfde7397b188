"""How the gateway reaches Odoo: the :class:`OdooTransport` interface and its odoolib implementation.

A transport sends one RPC call and returns Odoo's answer, or raises what the wire gave: an XML-RPC
``Fault``, odoolib's ``JsonRPCException``, or a network error. Retries, batching and the naming of
errors belong to the gateway, so they work the same over every transport (odoolib here, the
in-memory Odoo of ``integrations.odoo.testing`` in tests).
"""

from __future__ import annotations

import xmlrpc.client
from typing import Any, Protocol

import odoolib
from odoolib.tools import AuthenticationError

from .connection import OdooConnection

__all__ = ["OdooTransport", "OdoolibTransport", "use_own_transport"]


class OdooTransport(Protocol):
    """One Odoo server's RPC services, as ``common`` and ``object`` offer them."""

    def version(self) -> dict:
        """``common.version()`` (no login needed)."""

    def login(self, database: str, login: str, password: str) -> int:
        """``common.login``: the user id, or ``False`` when Odoo refuses the credentials."""

    def execute_kw(self, model: str, method: str, args: list, kwargs: dict) -> Any:
        """``object.execute_kw`` as the user of the last successful :meth:`login`."""


class OdoolibTransport:
    """odoo-client-lib over XML-RPC (one attempt per request, a socket timeout) or JSON-RPC.

    ``timeout`` applies to XML-RPC; JSON-RPC uses odoolib's httpx default (5 s).
    """

    def __init__(self, connection: OdooConnection, timeout: float | None = 60.0) -> None:
        self.connection = connection
        self.timeout = timeout
        self._odoo: Any = None

    def _connect(self, **credentials: str) -> Any:
        c = self.connection
        odoo = odoolib.get_connection(hostname=c.host, protocol=c.protocol, port=c.port, **credentials)
        if c.protocol.startswith("xmlrpc"):
            use_own_transport(odoo.connector, self.timeout)
        return odoo

    def version(self) -> dict:
        """``common.version()``."""
        return self._connect().get_service("common").version()

    def login(self, database: str, login: str, password: str) -> int:
        """Check the credentials; the user id, or ``False`` when refused."""
        odoo = self._connect(database=database, login=login, password=password)
        try:
            odoo.check_login(force=True)
        except AuthenticationError:
            return False
        self._odoo = odoo
        return odoo.user_id

    def execute_kw(self, model: str, method: str, args: list, kwargs: dict) -> Any:
        """One ``object.execute_kw`` call (after :meth:`login`)."""
        odoo = self._odoo
        return odoo.get_service("object").execute_kw(odoo.database, odoo.user_id, odoo.password, model, method,
                                                     args, kwargs)


class _Transport(xmlrpc.client.Transport):
    """One attempt per request, with a socket timeout.

    The standard library's Transport silently sends a request a second time when the connection
    drops; for a ``create`` whose first attempt reached Odoo that makes a duplicate. Retrying is
    the gateway's decision, so this transport never retries.
    """

    def __init__(self, timeout: float | None) -> None:
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host):  # noqa: ANN001 - xmlrpc.client's signature
        conn = super().make_connection(host)
        if self._timeout:
            conn.timeout = self._timeout
        return conn

    def request(self, host, handler, request_body, verbose=False):  # noqa: ANN001
        return self.single_request(host, handler, request_body, verbose)


class _SafeTransport(_Transport, xmlrpc.client.SafeTransport):
    pass


def use_own_transport(connector: Any, timeout: float | None) -> None:
    """Make odoolib's XML-RPC connector send through :class:`_Transport`."""
    secure = connector.url.startswith("https")

    def send(service_name: str, method: str, *args: Any) -> Any:
        transport = (_SafeTransport if secure else _Transport)(timeout)
        proxy = xmlrpc.client.ServerProxy(f"{connector.url}/{service_name}", transport=transport)
        return getattr(proxy, method)(*args)

    connector.send = send
