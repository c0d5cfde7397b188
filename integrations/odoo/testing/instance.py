"""One Odoo 17 server in memory: the captured database, its users, injectable faults, and
``dispatch`` answering RPC calls as ``odoo.http.dispatch_rpc`` does. Reach it without a socket
through :class:`~integrations.odoo.testing.transport.InMemoryTransport`, or over HTTP through
:class:`~integrations.odoo.testing.server.OdooTestServer`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from . import calendars
from .catalog import Catalog
from .database import Database
from .exceptions import AccessDenied, AccessError
from .orm import OPERATION, call_kw

__all__ = ["Faults", "InMemoryOdoo"]

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
    ``delay``: seconds to wait before answering (over HTTP only); ``deny_all``: every ``execute_kw`` raises
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


class InMemoryOdoo:
    """A faithful Odoo 17 stand-in with its own copy of the captured records."""

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
