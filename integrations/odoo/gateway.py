"""The one door to Odoo: logs in once, retries network failures, batches, and names errors.

The gateway speaks through a transport (``transport.py``: odoolib by default, an in-memory Odoo in
tests). Every call goes through ``object.execute_kw`` (``search_read`` is one round trip per page, not
odoolib's client-side search then read). Network errors are retried with exponential backoff;
Odoo's own errors never are. A ``create`` whose answer was lost is not retried either, because the
server may have created the records: the sync planner (``diff.py``) recovers those on the next run.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
import xml.parsers.expat
import xmlrpc.client
from dataclasses import dataclass
from typing import Any
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import httpx
from odoolib.tools import JsonRPCException

from .connection import OdooConnection, Secret
from .errors import (OdooAuthError, OdooConnectionError, OdooFieldError, OdooMissingModel, OdooMissingModule,
                     from_fault, from_jsonrpc)
from .transport import OdoolibTransport, OdooTransport
from .xmlids import ExternalIds

__all__ = ["OdooGateway", "RetryPolicy", "chunks"]

# Errors of the network or of something between us and Odoo (a proxy answering 502 in HTML), and
# replies cut off or empty (a worker killed mid-answer): XML that ends early, JSON that does not parse.
CUT_REPLY = (xml.parsers.expat.ExpatError, json.JSONDecodeError)
TRANSIENT = (OSError, http.client.HTTPException, xmlrpc.client.ProtocolError, httpx.TransportError, *CUT_REPLY)
# Errors raised before the request left this machine: safe to retry even a create.
NOT_SENT = (ConnectionRefusedError, socket.gaierror, httpx.ConnectError)


@dataclass(frozen=True)
class RetryPolicy:
    """``attempts`` tries in all, waiting ``base_delay * factor**n`` (at most ``max_delay``) between."""

    attempts: int = 4
    base_delay: float = 0.5
    factor: float = 2.0
    max_delay: float = 10.0

    def delays(self) -> Iterator[float]:
        """The waits between attempts (one fewer than ``attempts``)."""
        for n in range(self.attempts - 1):
            yield min(self.base_delay * self.factor ** n, self.max_delay)


def chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    """Consecutive slices of at most ``size`` items."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _context(context: Mapping | None) -> dict[str, Any]:
    """``execute_kw``'s keyword arguments carrying ``context`` (none when empty)."""
    return {"context": dict(context)} if context else {}


class OdooGateway:
    """Talk to one Odoo server; one login per gateway, reused for every call.

    Parameters
    ----------
    connection : where and as whom to connect.
    transport : how to reach the server (default: :class:`OdoolibTransport` of ``connection``).
    retry : how often and how patiently to retry network failures.
    timeout : the default transport's socket timeout in seconds for XML-RPC (JSON-RPC uses odoolib's
        httpx default, 5 s).
    check_fields : check read/written field names against ``fields_get`` before calling.
    page_size : records per ``search_read`` page and per ``create`` call.
    secret : the password, when it does not come from the connection's reference (tests).
    """

    def __init__(self, connection: OdooConnection, *, transport: OdooTransport | None = None,
                 retry: RetryPolicy = RetryPolicy(), timeout: float | None = 60.0, check_fields: bool = True,
                 page_size: int = 500, secret: Secret | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.connection = connection
        self.retry = retry
        self.check_fields_first = check_fields
        self.page_size = page_size
        self._secret = secret
        self._sleep = sleep
        self.transport = transport or OdoolibTransport(connection, timeout)
        self._uid: int | None = None
        self._fields: dict[str, dict[str, dict]] = {}
        self.calls = 0
        self.xmlids = ExternalIds(self)

    def __repr__(self) -> str:
        c = self.connection
        return f"OdooGateway({c.name!r}, {c.url!r}, db={c.database!r}, login={c.login!r}, {c.protocol})"

    # -- login ------------------------------------------------------------------------------------
    def login(self) -> int:
        """Log in (once per gateway) and return the user id; OdooAuthError on bad credentials."""
        if self._uid is not None:
            return self._uid
        c = self.connection
        secret = self._secret or c.read_secret()
        uid = self._with_retry(lambda: self.transport.login(c.database, c.login, secret.reveal()),
                               "common.login", idempotent=True)
        if not uid:
            raise OdooAuthError(f"Odoo {c.url} refused login {c.login!r} on database {c.database!r}")
        self._uid = uid
        return uid

    def version(self) -> dict:
        """``common.version()``: server_version, server_serie, protocol_version..."""
        return self._with_retry(self.transport.version, "common.version", True)

    # -- raw calls ----------------------------------------------------------------------------------
    def execute(self, model: str, method: str, *args: Any, idempotent: bool = True, **kwargs: Any) -> Any:
        """One ``object.execute_kw`` call, retried on network errors when ``idempotent``."""
        self.login()
        return self._with_retry(lambda: self.transport.execute_kw(model, method, list(args), kwargs),
                                f"{model}.{method}", idempotent)

    def _with_retry(self, call: Callable[[], Any], where: str, idempotent: bool) -> Any:
        delays = self.retry.delays()
        while True:
            try:
                self.calls += 1
                return call()
            except xmlrpc.client.Fault as fault:
                raise from_fault(fault, where) from None
            except JsonRPCException as exc:
                raise from_jsonrpc(exc.error if isinstance(exc.error, dict) else {}, where) from None
            except TRANSIENT as exc:
                delay = next(delays, None)
                if delay is None or not (idempotent or isinstance(exc, NOT_SENT)):
                    reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                    if isinstance(exc, CUT_REPLY):
                        reason = f"the reply was cut off or empty ({reason})"
                    tries = "" if delay is None else " (not retried: the server may have done it)"
                    raise OdooConnectionError(
                        f"Odoo {self.connection.url} {where}: {reason}{tries}") from exc
                self._sleep(delay)

    # -- models and fields ---------------------------------------------------------------------------
    def fields_get(self, model: str) -> dict[str, dict]:
        """The model's fields (type, relation, required, readonly, selection), cached per gateway."""
        if model not in self._fields:
            self._fields[model] = self.execute(
                model, "fields_get", attributes=["string", "type", "relation", "required", "readonly",
                                                 "selection", "store"])
        return self._fields[model]

    def check_fields(self, model: str, names: Iterable[str]) -> None:
        """Raise OdooFieldError naming the first field (or dotted path's head) the model lacks."""
        known = self.fields_get(model)
        for name in names:
            head = name.split(".")[0]
            if head not in known:
                raise OdooFieldError(f"Odoo {model} has no field {head!r} on {self.connection.url}")

    def has_model(self, model: str) -> bool:
        """Whether ``model`` exists on the server (``ir.model``)."""
        return self.execute("ir.model", "search_count", [("model", "=", model)]) > 0

    def has_module(self, module: str) -> bool:
        """Whether ``module`` is installed (``ir.module.module``)."""
        return self.execute("ir.module.module", "search_count",
                            [("name", "=", module), ("state", "=", "installed")]) > 0

    def installed(self, model_or_module: str) -> bool:
        """A dotted name is a model (``hr.leave``), otherwise a module (``hr_holidays``)."""
        if "." in model_or_module:
            return self.has_model(model_or_module)
        return self.has_module(model_or_module)

    def require(self, *names: str) -> None:
        """Raise OdooMissingModel / OdooMissingModule for the first name not installed."""
        for name in names:
            if not self.installed(name):
                if "." in name:
                    raise OdooMissingModel(f"Odoo {self.connection.url}: model {name} is not installed")
                raise OdooMissingModule(f"Odoo {self.connection.url}: module {name} is not installed")

    # -- records -----------------------------------------------------------------------------------------
    def _domain_fields(self, domain: Sequence) -> list[str]:
        return [term[0] for term in domain if isinstance(term, (list, tuple)) and len(term) == 3
                and isinstance(term[0], str)]

    def search_read(self, model: str, domain: Sequence = (), fields: Sequence[str] = (), *,
                    batch: int | None = None, limit: int | None = None, order: str = "id",
                    context: Mapping | None = None) -> list[dict]:
        """Matching records' ``fields``, one ``search_read`` call per page of ``batch`` records."""
        if self.check_fields_first:
            self.check_fields(model, [*fields, *self._domain_fields(domain)])
        size = batch or self.page_size
        records: list[dict] = []
        while limit is None or len(records) < limit:
            want = size if limit is None else min(size, limit - len(records))
            kwargs: dict[str, Any] = {"fields": list(fields), "offset": len(records), "limit": want,
                                      "order": order}
            if context:
                kwargs["context"] = dict(context)
            page = self.execute(model, "search_read", list(domain), **kwargs)
            records.extend(page)
            if len(page) < want:
                break
        return records

    def search(self, model: str, domain: Sequence = (), *, limit: int | None = None,
               context: Mapping | None = None) -> list[int]:
        """Ids of matching records (ordered by id)."""
        if self.check_fields_first:
            self.check_fields(model, self._domain_fields(domain))
        kwargs: dict[str, Any] = {"order": "id"}
        if limit:
            kwargs["limit"] = limit
        if context:
            kwargs["context"] = dict(context)
        return self.execute(model, "search", list(domain), **kwargs)

    def search_count(self, model: str, domain: Sequence = ()) -> int:
        """How many records match."""
        return self.execute(model, "search_count", list(domain))

    def read(self, model: str, ids: Sequence[int], fields: Sequence[str]) -> list[dict]:
        """Records by id (archived ones too; deleted ones are absent), in pages."""
        if self.check_fields_first:
            self.check_fields(model, fields)
        records: list[dict] = []
        for part in chunks(list(ids), self.page_size):
            records.extend(self.execute(model, "read", list(part), list(fields)))
        return records

    def create(self, model: str, vals_list: Sequence[Mapping], *, batch: int | None = None,
               context: Mapping | None = None) -> list[int]:
        """Create records, ``batch`` per call (a list of values in one call); return their ids.

        ``context`` goes with every call (e.g. ``{"no_mail_to_attendees": True}``).
        """
        if self.check_fields_first:
            self.check_fields(model, {name for vals in vals_list for name in vals})
        ids: list[int] = []
        for part in chunks([dict(v) for v in vals_list], batch or self.page_size):
            ids.extend(self.execute(model, "create", list(part), idempotent=False, **_context(context)))
        return ids

    def write(self, model: str, ids: Sequence[int], vals: Mapping, *, batch: int | None = None,
              context: Mapping | None = None) -> None:
        """Write the same ``vals`` on every record of ``ids``, ``batch`` ids per call."""
        if not ids:
            return
        if self.check_fields_first:
            self.check_fields(model, vals)
        for part in chunks(list(ids), batch or self.page_size):
            self.execute(model, "write", list(part), dict(vals), **_context(context))

    def unlink(self, model: str, ids: Sequence[int], *, context: Mapping | None = None) -> None:
        """Delete records (Odoo drops their external ids with them)."""
        for part in chunks(list(ids), self.page_size):
            self.execute(model, "unlink", list(part), **_context(context))

    # -- external ids (module ``mutualis``) ----------------------------------------------------------------
    def get_external_ids(self, model: str, names: Iterable[str] | None = None) -> dict[str, int]:
        """``{name: res_id}`` of ``mutualis.<name>`` ids on ``model`` (all of them when ``names`` is None)."""
        return self.xmlids.get(model, names)

    def bind_external_ids(self, model: str, bindings: Mapping[str, int]) -> int:
        """Point ``mutualis.<name>`` at ``res_id`` for each item (batched); return how many changed."""
        return self.xmlids.bind(model, bindings)

