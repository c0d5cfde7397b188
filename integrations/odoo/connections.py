"""Named Odoo connections kept in the store: the reference to the secret, never the secret itself."""

from __future__ import annotations

from collections.abc import Callable

from integrations.store import StoredConnection

from .connection import OdooConnection
from .errors import OdooConfigError
from .gateway import OdooGateway, RetryPolicy
from .modules import Feature, features

__all__ = ["secret_reference", "to_connection", "gateway_for", "connect", "open_gateway", "status"]


def secret_reference(password_env: str | None, password_file: str | None) -> str:
    """``env:VAR`` or ``file:PATH``; exactly one must be given (a typed password cannot be stored)."""
    if bool(password_env) == bool(password_file):
        raise OdooConfigError("give exactly one of --password-env VAR or --password-file PATH"
                              " (mutualis stores where the secret is, never the secret)")
    return f"env:{password_env}" if password_env else f"file:{password_file}"


def to_connection(stored: StoredConnection) -> OdooConnection:
    """The gateway's connection value of a stored connection."""
    return OdooConnection(name=stored.name, url=stored.url, database=stored.database, login=stored.login,
                          protocol=stored.protocol, secret=stored.secret_ref)


def gateway_for(stored: StoredConnection, *, retry: RetryPolicy = RetryPolicy(), timeout: float = 60) -> OdooGateway:
    """A gateway (not yet logged in) for a stored connection."""
    return OdooGateway(to_connection(stored), retry=retry, timeout=timeout)


def connect(repo, name: str, url: str, database: str, login: str, *, protocol: str | None = None,
            password_env: str | None = None, password_file: str | None = None, role: str = "ge",
            member: str | None = None,
            make_gateway: Callable[[StoredConnection], OdooGateway] = gateway_for
            ) -> tuple[StoredConnection, int, list[Feature] | None]:
    """Check the connection by logging in once, then store it.

    Returns it, the Odoo user id, and the modules mutualis uses with what each enables (None when
    the user may not read ``ir.module.module``). The modules are not stored: each pull checks the
    fields it reads, so a module installed or removed later is seen at once.
    """
    ref = secret_reference(password_env, password_file)
    conn = OdooConnection.from_url(url, name=name, database=database, login=login, secret=ref, protocol=protocol)
    stored = StoredConnection(name=name, url=conn.url, database=conn.database, login=conn.login,
                              protocol=conn.protocol, secret_ref=ref, role=role,
                              member=member.upper() if member else None)
    if member:
        repo.people.get_member(member)
    gateway = make_gateway(stored)
    uid = gateway.login()
    modules = features(gateway)
    repo.odoo.save_connection(stored)
    return stored, uid, modules


def open_gateway(repo, name: str | None = None, **kwargs) -> tuple[StoredConnection, OdooGateway]:
    """The stored connection (named, or the only/GE one) and a gateway for it."""
    stored = repo.odoo.get_connection(name)
    return stored, gateway_for(stored, **kwargs)


def status(repo) -> list[list]:
    """Rows ``[name, role, member, url, database, login, protocol, secret, links per model]``."""
    tables = repo.odoo
    counts = tables.link_counts()
    rows = []
    for c in tables.list_connections():
        linked = ", ".join(f"{model} {n}" for (conn, model), n in sorted(counts.items()) if conn == c.name)
        rows.append([c.name, c.role, c.member or "", c.url, c.database, c.login, c.protocol, c.secret_ref,
                     linked or "-"])
    return rows
