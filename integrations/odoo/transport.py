"""XML-RPC transport for odoolib's connector: a socket timeout, and never a silent resend."""

from __future__ import annotations

import xmlrpc.client
from typing import Any

__all__ = ["use_own_transport"]


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
