"""Odoo 17's exception classes and how its RPC layer serialises them.

The classes claim the module ``odoo.exceptions`` so that the JSON-RPC ``data.name`` reads exactly
like a real server's (``odoo.exceptions.AccessDenied``); builtins keep ``builtins.ValueError``.
"""

from __future__ import annotations

import traceback
import xmlrpc.client

__all__ = [
    "AccessDenied",
    "AccessError",
    "MissingError",
    "UserError",
    "ValidationError",
    "jsonrpc_error",
    "xmlrpc_fault",
]


class UserError(Exception):
    """A business error shown to the user (``odoo.exceptions.UserError``)."""


class AccessError(UserError):
    """The user may not do this operation on this model (ACLs or record rules)."""


class MissingError(UserError):
    """The records do not exist or were deleted."""


class ValidationError(UserError):
    """A constraint was violated."""


class AccessDenied(Exception):
    """Bad credentials or revoked session: always the bare message ``Access Denied``."""

    def __init__(self, message: str = "Access Denied") -> None:
        super().__init__(message)


for _cls in (UserError, AccessError, MissingError, ValidationError, AccessDenied):
    _cls.__module__ = "odoo.exceptions"
del _cls


def _traceback(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def xmlrpc_fault(exc: BaseException) -> xmlrpc.client.Fault:
    """The Fault Odoo 17's legacy ``/xmlrpc/<service>`` endpoint answers (string fault codes)."""
    if isinstance(exc, MissingError):
        return xmlrpc.client.Fault(f"warning -- MissingError\n\n{exc}", "")
    if isinstance(exc, AccessError):
        return xmlrpc.client.Fault(f"warning -- AccessError\n\n{exc}", "")
    if isinstance(exc, AccessDenied):
        return xmlrpc.client.Fault("AccessDenied", str(exc))
    if isinstance(exc, UserError):
        return xmlrpc.client.Fault(f"warning -- UserError\n\n{exc}", "")
    return xmlrpc.client.Fault(str(exc), _traceback(exc))


def jsonrpc_error(exc: BaseException) -> dict:
    """The ``error`` member of Odoo 17's JSON-RPC answer (``http.serialize_exception``)."""
    cls = type(exc)
    module = cls.__module__
    return {
        "code": 200,
        "message": "Odoo Server Error",
        "data": {
            "name": f"{module}.{cls.__name__}" if module else cls.__name__,
            "debug": _traceback(exc),
            "message": str(exc),
            "arguments": [a if isinstance(a, (str, int, float, bool)) else repr(a) for a in exc.args],
            "context": {},
        },
    }
