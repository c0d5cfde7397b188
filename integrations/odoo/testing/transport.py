"""The transport to an :class:`InMemoryOdoo`: what an XML-RPC client sends and gets, without a socket.

Arguments and answers go through XML-RPC marshalling (tuples arrive as lists, ``None`` is refused,
dates become ``DateTime``) and Odoo's errors come back as the ``Fault`` of Odoo 17's ``/xmlrpc``
endpoint, so the gateway sees what it would see over the network. Dropped connections
(``faults.drop``) raise what the XML-RPC client raises; ``faults.delay`` only applies over HTTP.
"""

from __future__ import annotations

import http.client
import xml.parsers.expat
import xmlrpc.client
from typing import Any

from .exceptions import xmlrpc_fault
from .instance import InMemoryOdoo

__all__ = ["InMemoryTransport"]


class InMemoryTransport:
    """An :class:`~integrations.odoo.transport.OdooTransport` calling ``odoo.dispatch`` directly."""

    def __init__(self, odoo: InMemoryOdoo) -> None:
        self.odoo = odoo
        self._credentials: tuple[str, int, str] | None = None

    def _call(self, service: str, method: str, *args: Any) -> Any:
        args, _ = xmlrpc.client.loads(xmlrpc.client.dumps(args, method))
        drop = self.odoo.should_drop()
        when = self.odoo.faults.drop_when
        if drop and when == "before":
            raise http.client.RemoteDisconnected("Remote end closed connection without response")
        try:
            answer = xmlrpc.client.dumps((self.odoo.dispatch(service, method, list(args)),), methodresponse=True)
        except Exception as exc:  # every error becomes a Fault, as in Odoo
            raise xmlrpc_fault(exc) from None
        if drop and when == "after":
            raise http.client.RemoteDisconnected("Remote end closed connection without response")
        if drop:
            raise xml.parsers.expat.ExpatError("no element found: line 1, column 0" if when == "empty"
                                               else "unclosed token: line 1, column 0")
        return xmlrpc.client.loads(answer)[0][0]

    def version(self) -> dict:
        """``common.version()``."""
        return self._call("common", "version")

    def login(self, database: str, login: str, password: str) -> int:
        """``common.login``: the user id, or ``False``."""
        uid = self._call("common", "login", database, login, password)
        if uid:
            self._credentials = (database, uid, password)
        return uid

    def execute_kw(self, model: str, method: str, args: list, kwargs: dict) -> Any:
        """``object.execute_kw`` as the logged-in user."""
        if self._credentials is None:
            raise RuntimeError("execute_kw before login")
        return self._call("object", "execute_kw", *self._credentials, model, method, args, kwargs)
