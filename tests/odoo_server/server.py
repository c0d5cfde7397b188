"""An HTTP server speaking Odoo 17's XML-RPC (``/xmlrpc/<service>``, ``/xmlrpc/2/<service>``) and
JSON-RPC (``/jsonrpc``) on 127.0.0.1, over one in-memory database, with injectable faults.
"""

from __future__ import annotations

import json
import threading
import time
import xmlrpc.client
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import MappingProxyType
from typing import Any

from . import calendars
from .catalog import Catalog
from .database import Database
from .exceptions import AccessDenied, AccessError, jsonrpc_error, xmlrpc_fault
from .orm import OPERATION, call_kw

__all__ = ["Faults", "OdooTestServer"]

_VERBS = MappingProxyType({"read": "access", "write": "modify", "create": "create", "unlink": "delete"})


class OperationalError(Exception):
    """What psycopg2 raises for an unknown database."""


OperationalError.__module__ = "psycopg2"


@dataclass
class Faults:
    """Faults to inject; change them at any time during a test.

    ``drop_after``: the number of RPC calls answered before connections start being dropped;
    ``drop_times``: how many calls are then dropped (None: all); ``drop_when``: ``"before"`` the
    call runs (nothing happened server-side), ``"after"`` (it ran, the answer is lost), ``"cut"`` (it
    ran and saved, the reply stops halfway) or ``"empty"`` (it ran, the reply is a 200 with no body:
    ``ExpatError: no element found`` on the client);
    ``delay``: seconds to wait before answering; ``deny_all``: every ``execute_kw`` raises
    AccessDenied (a revoked key); ``denied``: ``{model: {"read", "write", "create", "unlink"}}``
    raising AccessError.
    """

    drop_after: int | None = None
    drop_times: int | None = 1
    drop_when: str = "before"
    delay: float = 0.0
    deny_all: bool = False
    denied: dict[str, set[str]] = field(default_factory=dict)
    dropped: int = 0

    def drop(self, after: int, times: int | None = 1, when: str = "before") -> None:
        """Drop ``times`` connections once ``after`` more calls have been answered."""
        if when not in ("before", "after", "cut", "empty"):
            raise ValueError("when must be 'before', 'after', 'cut' or 'empty'")
        self.drop_after, self.drop_times, self.drop_when, self.dropped = after, times, when, 0

    def clear(self) -> None:
        """Remove every fault."""
        self.drop_after, self.delay, self.deny_all, self.dropped = None, 0.0, False, 0
        self.denied.clear()


class OdooTestServer:
    """A faithful Odoo 17 stand-in: start it, point odoolib at ``host``/``port``, stop it."""

    def __init__(self, catalog: Catalog | None = None, users: dict[str, str] | None = None) -> None:
        self.catalog = catalog or Catalog.load()
        self.db = Database(self.catalog)
        calendars.install(self.db)
        self.database = self.catalog.database
        # uid 2 is the admin of a real database; further users follow.
        self.users = {login: (pw, uid) for uid, (login, pw) in
                      enumerate((users or {"admin": "admin"}).items(), start=2)}
        self.faults = Faults()
        self.calls: list[tuple[str, ...]] = []
        self._answered = 0
        self._lock = threading.Lock()
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

    def start(self) -> "OdooTestServer":
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

    def __enter__(self) -> "OdooTestServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- fault bookkeeping -------------------------------------------------------------------------
    def should_drop(self) -> bool:
        """Whether the call now arriving has to lose its connection (and count it)."""
        with self._lock:
            f = self.faults
            if f.drop_after is not None and self._answered >= f.drop_after and (
                    f.drop_times is None or f.dropped < f.drop_times):
                f.dropped += 1
                return True
            self._answered += 1
            return False

    def arm(self) -> None:
        """Start counting calls from zero (for ``faults.drop(after=N)``)."""
        with self._lock:
            self._answered = 0

    # -- services ------------------------------------------------------------------------------------
    def dispatch(self, service: str, method: str, args: list) -> Any:
        """Run one RPC call like ``odoo.http.dispatch_rpc``."""
        self.calls.append((service, method, *[a for a in args[3:5] if isinstance(a, str)]))
        if service == "common":
            if method == "version":
                return dict(self.catalog.version)
            if method in ("login", "authenticate"):
                db, login, password = args[:3]
                self._check_db(db)
                user = self.users.get(login)
                return user[1] if user and user[0] == password else False
        elif service == "db" and method == "list":
            return [self.database]
        elif service == "object" and method in ("execute_kw", "execute"):
            db, uid, password, model, name = args[:5]
            self._check_db(db)
            if self.faults.deny_all or (password, uid) not in self.users.values():
                raise AccessDenied()
            call_args = args[5] if method == "execute_kw" and len(args) > 5 else list(args[5:])
            kwargs = args[6] if method == "execute_kw" and len(args) > 6 else {}
            self._check_access(model, name)
            return call_kw(self.db, model, name, list(call_args), kwargs or {})
        else:
            raise NameError(f"Unknown service {service!r}" if service not in ("common", "db", "object")
                            else f"Unknown method {method!r}")
        raise KeyError(f"exp_{method}")

    def _check_db(self, db: str) -> None:
        if db != self.database:
            raise OperationalError(f'FATAL:  database "{db}" does not exist')

    def _check_access(self, model: str, method: str) -> None:
        operation = OPERATION.get(method, "read")
        if operation in self.faults.denied.get(model, set()):
            raise AccessError(
                f"You are not allowed to {_VERBS[operation]} '{self.db.label(model)}' ({model}) records."
                "\n\nNo group currently allows this operation."
                "\n\nContact your administrator to request access if necessary.")


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
