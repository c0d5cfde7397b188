"""The exceptions of the Odoo edge, and how Odoo's own errors become one of them.

::

    MutualisError
    └── OdooError                  anything that went wrong talking to Odoo
        ├── OdooConfigError        a connection that cannot be used (bad URL, unreadable secret)
        ├── OdooConnectionError    the network failed or the reply was cut off or empty (an XML-RPC
        │                          ``ExpatError``, a JSON that does not parse), still after the retries
        ├── OdooAuthError          wrong database, login or password (``AccessDenied``)
        ├── OdooMissingModel       a model the server does not have ("Object x doesn't exist")
        ├── OdooMissingModule      a module that is not installed
        ├── OdooFieldError         a field the model does not have
        ├── OdooAccessError        the user may not read/write that model (``AccessError``)
        └── OdooServerError        any other server-side error (UserError, ValidationError...)
            ├── OdooValueError     a value of the wrong type ("Wrong value for ...")
            └── OdooMissingRecord  records that do not exist or were deleted

Every message is one line; the server's full answer stays on ``.detail``. A connection fault is
retried when the call is safe to repeat (reads, writes, unlinks); a ``create`` whose reply was lost
is not (the server may have saved it): the sync planner adopts what it saved on the next run.
"""

from __future__ import annotations

import re
import xmlrpc.client

from consortium.errors import MutualisError

__all__ = [
    "OdooAccessError",
    "OdooAuthError",
    "OdooConfigError",
    "OdooConnectionError",
    "OdooError",
    "OdooFieldError",
    "OdooMissingModel",
    "OdooMissingModule",
    "OdooMissingRecord",
    "OdooServerError",
    "OdooValueError",
    "from_fault",
    "from_jsonrpc",
]


class OdooError(MutualisError):
    """Base of the Odoo edge's errors; ``detail`` keeps what the server said in full."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class OdooConfigError(OdooError):
    """A connection setting that cannot work (URL, protocol, secret)."""


class OdooConnectionError(OdooError):
    """The server could not be reached or dropped the connection, after every retry."""


class OdooAuthError(OdooError):
    """Odoo refused the database, login or password."""


class OdooMissingModel(OdooError):
    """The model is not on this server (its module is not installed)."""


class OdooMissingModule(OdooError):
    """A module mutualis needs is not installed."""


class OdooFieldError(OdooError):
    """A field that the model does not have on this server."""


class OdooAccessError(OdooError):
    """The Odoo user lacks the access rights for this operation."""


class OdooServerError(OdooError):
    """Any other error raised by the server."""


class OdooValueError(OdooServerError):
    """A value Odoo could not convert to the field's type."""


class OdooMissingRecord(OdooServerError):
    """Records that do not exist (any more)."""


_INVALID_FIELD = re.compile(r"Invalid field '?([\w.]+?)'? (?:on model '([\w.]+)'|in leaf)")
_MISSING_MODEL = re.compile(r"Object ([\w.]+) doesn't exist")
_VALUE_ERRORS = ("Wrong value for", "invalid literal", "could not convert", "does not match format",
                 "Invalid isoformat")


def _one_line(text: str) -> str:
    return " ".join(text.split())[:400]


def _classify(kind: str, message: str, where: str, detail: str) -> OdooError:
    """Pick the exception for an Odoo error of class ``kind`` (e.g. ``builtins.ValueError``)."""
    first = next((line.strip() for line in message.splitlines() if line.strip()), kind)
    prefix = f"Odoo {where}: " if where else "Odoo: "
    if kind.endswith("AccessDenied"):
        return OdooAuthError(f"{prefix}access denied (check the database, login and password)", detail)
    if kind.endswith("OperationalError") and "database" in message:
        return OdooAuthError(prefix + _one_line(message), detail)
    if kind.endswith("AccessError"):
        return OdooAccessError(prefix + first, detail)
    if kind.endswith("MissingError"):
        return OdooMissingRecord(prefix + _one_line(message), detail)
    missing = _MISSING_MODEL.search(message)
    if missing:
        return OdooMissingModel(f"{prefix}model {missing.group(1)} is not installed on the server", detail)
    invalid = _INVALID_FIELD.search(message)
    if invalid and "ValueError" in kind:
        return OdooFieldError(prefix + _one_line(message), detail)
    if any(marker in message for marker in _VALUE_ERRORS) or kind.endswith(("ValueError", "TypeError")):
        return OdooValueError(prefix + _one_line(message), detail)
    return OdooServerError(prefix + _one_line(message), detail)


def from_fault(fault: xmlrpc.client.Fault, where: str = "") -> OdooError:
    """Turn an XML-RPC Fault (legacy string codes or ``/xmlrpc/2`` integer codes) into an OdooError."""
    code, text = fault.faultCode, str(fault.faultString or "")
    if isinstance(code, int):
        kinds = {2: "odoo.exceptions.UserError", 3: "odoo.exceptions.AccessDenied", 4: "odoo.exceptions.AccessError"}
        if code in kinds:
            return _classify(kinds[code], text, where, text)
        last = text.strip().splitlines()[-1] if text.strip() else ""
        kind, _, message = last.partition(": ")
        return _classify(kind, message or last, where, text)
    code = str(code)
    if code == "AccessDenied":
        return _classify("odoo.exceptions.AccessDenied", text, where, text)
    if code.startswith("warning -- "):
        head, _, message = code[len("warning -- "):].partition("\n\n")
        return _classify(f"odoo.exceptions.{head.strip()}", message, where, code)
    # Any other exception: the code is its message, the string its traceback ending in "Kind: msg".
    last = text.strip().splitlines()[-1] if text.strip() else ""
    kind = last.partition(":")[0] if ":" in last else "Exception"
    return _classify(kind, code, where, text)


def from_jsonrpc(error: dict, where: str = "") -> OdooError:
    """Turn a JSON-RPC ``error`` object (``data.name``, ``data.message``) into an OdooError."""
    data = error.get("data") or {}
    kind = str(data.get("name") or "Exception")
    message = str(data.get("message") or error.get("message") or "")
    return _classify(kind, message, where, str(data.get("debug") or message))
