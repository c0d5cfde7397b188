"""An HTTP server speaking Odoo 17's XML-RPC (``/xmlrpc/<service>``, ``/xmlrpc/2/<service>``) and
JSON-RPC (``/jsonrpc``) on 127.0.0.1 for an :class:`InMemoryOdoo`, with network faults (dropped
connections, cut replies, delays).
"""

from __future__ import annotations

import json
import threading
import time
import xmlrpc.client
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .catalog import Catalog
from .exceptions import jsonrpc_error, xmlrpc_fault
from .instance import InMemoryOdoo

__all__ = ["OdooTestServer"]


class OdooTestServer(InMemoryOdoo):
    """An in-memory Odoo listening on loopback: start it, point odoolib at ``host``/``port``, stop it."""

    def __init__(self, catalog: Catalog | None = None, users: dict[str, str] | None = None) -> None:
        super().__init__(catalog, users)
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------------
    @property
    def host(self) -> str:
        return "127.0.0.1"

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("server not started")
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> OdooTestServer:
        """Listen on a free port in a background thread."""
        handler = type("Handler", (_Handler,), {"odoo": self})
        self._httpd = ThreadingHTTPServer((self.host, 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="odoo-test-server",
                                        kwargs={"poll_interval": 0.01}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening and free the port."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)
            self._httpd = None

    def __enter__(self) -> OdooTestServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    odoo: OdooTestServer
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
        return

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        path = self.path.rstrip("/")
        if path == "/jsonrpc":
            self._serve(body, self._jsonrpc)
        elif path.startswith("/xmlrpc/"):
            self._serve(body, lambda b: self._xmlrpc(b, path))
        else:
            self._reply(404, "text/plain", b"Not Found")

    def _serve(self, body: bytes, handle) -> None:
        odoo = self.odoo
        if odoo.faults.delay:
            time.sleep(odoo.faults.delay)
        drop = odoo.should_drop()
        if drop and odoo.faults.drop_when == "before":
            self.close_connection = True
            return
        status, ctype, payload = handle(body)
        if drop:
            self.close_connection = True
            if odoo.faults.drop_when in ("cut", "empty"):
                # Headers without a length, then part of the body (or none), then the connection closes.
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.end_headers()
                self.wfile.write(payload[:len(payload) // 2] if odoo.faults.drop_when == "cut" else b"")
            return
        self._reply(status, ctype, payload)

    def _reply(self, status: int, ctype: str, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _xmlrpc(self, body: bytes, path: str) -> tuple[int, str, bytes]:
        parts = path.split("/")
        service = parts[-1]
        try:
            args, method = xmlrpc.client.loads(body)
            result = xmlrpc.client.dumps((self.odoo.dispatch(service, method, list(args)),),
                                         methodresponse=True, allow_none=False)
        except Exception as exc:  # every error becomes a Fault, as in Odoo
            fault = xmlrpc_fault(exc) if parts[2] != "2" else _int_fault(exc)
            result = xmlrpc.client.dumps(fault, allow_none=False)
        return 200, "text/xml", result.encode()

    def _jsonrpc(self, body: bytes) -> tuple[int, str, bytes]:
        request_id = None
        try:
            request = json.loads(body)
            request_id = request.get("id")
            params = request.get("params") or {}
            result = self.odoo.dispatch(params.get("service"), params.get("method"),
                                        list(params.get("args") or []))
            answer = {"jsonrpc": "2.0", "id": request_id, "result": result}
        except Exception as exc:  # every error becomes an error object, as in Odoo
            answer = {"jsonrpc": "2.0", "id": request_id, "error": jsonrpc_error(exc)}
        return 200, "application/json", json.dumps(answer).encode()


def _int_fault(exc: BaseException) -> xmlrpc.client.Fault:
    # /xmlrpc/2: integer codes 1 (application), 2 (warning), 3 (access denied), 4 (access error).
    legacy = xmlrpc_fault(exc)
    code = str(legacy.faultCode)
    if code == "AccessDenied":
        return xmlrpc.client.Fault(3, str(exc))
    if code.startswith("warning -- AccessError"):
        return xmlrpc.client.Fault(4, str(exc))
    if code.startswith("warning -- "):
        return xmlrpc.client.Fault(2, str(exc))
    return xmlrpc.client.Fault(1, legacy.faultString)
