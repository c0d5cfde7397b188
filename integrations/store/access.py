"""PostgreSQL logins of the group: member firms and GE office colleagues, who is connected, the audit trail.

Roles, grants and row-level security come from migration 0006_access; this module creates and drops the
login roles (passwords sent once, as a SCRAM verifier computed here: the clear password never reaches the
server, a log or the database) and reads `access_logins` and `audit_log`. PostgreSQL only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from consortium.errors import InvalidInput, MutualisError, NotFound

__all__ = [
    "MANAGER_ROLE",
    "MEMBER_ROLE",
    "AuditEntry",
    "Identity",
    "Login",
    "audit_entries",
    "grant_login",
    "identity",
    "list_logins",
    "refusal",
    "request_member",
    "revoke_login",
]

MANAGER_ROLE, MEMBER_ROLE = "mutualis_manager", "mutualis_member"
_LOGIN = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_ROLES = re.compile(r"(create|alter|drop) role|admin option on role")  # PostgreSQL's refusals of role changes
_TABLE = re.compile(r'(?:table|relation) "?([A-Za-z_][A-Za-z0-9_]*)"?')


@dataclass(frozen=True)
class Login:
    """A login known to mutualis: `member` is the firm's code, None for the GE office."""

    login: str
    member: str | None
    granted_at: datetime
    exists: bool


@dataclass(frozen=True)
class Identity:
    """Who the connection is: its role, and the member firm when it is a member's login."""

    login: str
    member: str | None
    is_member: bool


@dataclass(frozen=True)
class AuditEntry:
    """One recorded change: who (the database role), when, where, and the row before and after."""

    at: datetime
    actor: str
    member: str | None
    table: str
    key: str | None
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _check_login(login: str) -> None:
    if not _LOGIN.match(login) or login.startswith(("pg_", "mutualis_")):
        raise InvalidInput(f"login {login!r}: use lowercase letters, digits and _ (at most 63), "
                           "not starting with a digit, pg_ or mutualis_")


def _member_id(session: Session, member: str) -> int:
    found = session.execute(text("SELECT id FROM members WHERE code = :c"), {"c": member}).scalar()
    if found is None:
        raise NotFound(f"no member {member!r}")
    return found


def _ddl(session: Session, statement: str) -> None:
    """A role statement, sent as is (role names are checked and quoted; DDL takes no bound parameters)."""
    session.connection().exec_driver_sql(statement)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def grant_login(session: Session, login: str, member: str | None, password: str | None) -> bool:
    """Create (or update) the login role `login` for `member` (None: the GE office); True when created.

    A role that exists but is not a mutualis login (a superuser, the owner, a colleague's own role) is
    refused: mutualis only manages the roles it created. The password, when given, is sent as a SCRAM verifier.
    """
    _check_login(login)
    member_id = None if member is None else _member_id(session, member)
    role = session.execute(text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :l"), {"l": login}).first()
    known = session.execute(text("SELECT id FROM access_logins WHERE login = :l"), {"l": login}).scalar()
    if role is not None and known is None:
        raise InvalidInput(f"role {login} already exists and is not a mutualis login: choose another login")
    if role is not None and (role.rolsuper or role.rolbypassrls):
        raise InvalidInput(f"role {login} is a superuser or bypasses row-level security: not a member's login")
    quoted = _quote(login)
    if role is None:
        _ddl(session, f"CREATE ROLE {quoted} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT")
    group, other = (MEMBER_ROLE, MANAGER_ROLE) if member is not None else (MANAGER_ROLE, MEMBER_ROLE)
    _ddl(session, f"REVOKE {other} FROM {quoted}")
    _ddl(session, f"GRANT {group} TO {quoted}")
    if password is not None:
        _ddl(session, f"ALTER ROLE {quoted} PASSWORD '{_verifier(session, login, password)}'")
    if known is None:
        session.execute(text("INSERT INTO access_logins (login, member_id, granted_at) VALUES (:l, :m, now())"),
                        {"l": login, "m": member_id})
    else:
        session.execute(text("UPDATE access_logins SET member_id = :m, granted_at = now() WHERE id = :i"),
                        {"m": member_id, "i": known})
    return role is None


def _verifier(session: Session, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of the password, computed by libpq on this side of the connection."""
    if not password:
        raise InvalidInput("the password is empty")
    pgconn = session.connection().connection.dbapi_connection.pgconn
    verifier = pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode()
    if "'" in verifier or "\\" in verifier:  # base64 and '$:': never, but the verifier is spliced into DDL
        raise MutualisError("unexpected SCRAM verifier")
    return verifier


def revoke_login(session: Session, login: str) -> None:
    """Forget `login`, end its open sessions (when allowed) and drop its role: its access ends at once."""
    _check_login(login)
    known = session.execute(text("DELETE FROM access_logins WHERE login = :l RETURNING id"), {"l": login}).scalar()
    if known is None:
        raise NotFound(f"no mutualis login {login!r}")
    exists = session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :l"), {"l": login}).scalar()
    if not exists:
        return
    quoted = _quote(login)
    _ddl(session, f"REVOKE {MEMBER_ROLE}, {MANAGER_ROLE} FROM {quoted}")
    _ddl(session, f"ALTER ROLE {quoted} NOLOGIN")
    try:
        with session.begin_nested():  # needs pg_signal_backend or superuser; the revoke above suffices without
            session.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :l"),
                            {"l": login})
    except DBAPIError:
        pass
    _ddl(session, f"DROP ROLE {quoted}")


def list_logins(session: Session) -> list[Login]:
    """Every mutualis login, by login, with its member (None for the GE office) and whether its role exists."""
    rows = session.execute(text(
        "SELECT a.login, m.code, a.granted_at, r.rolname IS NOT NULL AS present FROM access_logins a "
        "LEFT JOIN members m ON m.id = a.member_id LEFT JOIN pg_roles r ON r.rolname = a.login ORDER BY a.login"))
    return [Login(row.login, row.code, row.granted_at, row.present) for row in rows]


def identity(session: Session) -> Identity:
    """The connection's role and, for a member's login, its firm's code."""
    row = session.execute(text(
        "SELECT current_user AS login, mutualis_is_member() AS is_member, "
        "(SELECT m.code FROM access_logins a JOIN members m ON m.id = a.member_id "
        "WHERE a.login = current_user) AS member")).one()
    return Identity(row.login, row.member, bool(row.is_member))


def request_member(session: Session, code: str) -> str | None:
    """The code of the member whose request `code` is, even when the login may not read it (migration
    0010_memberhours: only that code is told); None when there is no such request."""
    return session.execute(text("SELECT mutualis_request_member(:c)"), {"c": code}).scalar()


def audit_entries(session: Session, member: str | None, since: datetime | None) -> list[AuditEntry]:
    """The audit trail in order, of one member's rows (`member`) and from a moment (`since`) when given."""
    where, values = [], {}
    if member is not None:
        where.append("a.member_id = :m")
        values["m"] = _member_id(session, member)
    if since is not None:
        where.append("a.at >= :s")
        values["s"] = since
    query = ("SELECT a.*, m.code FROM audit_log a LEFT JOIN members m ON m.id = a.member_id"
             + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.id")
    return [AuditEntry(row.at, row.actor, row.code, row.table_name, row.row_key, row.action, row.before, row.after)
            for row in session.execute(text(query), values)]


def refusal(engine: Engine, exc: DBAPIError) -> MutualisError:
    """One line for a change or read the database refused to this login (row-level security or no privilege)."""
    message = str(getattr(exc, "orig", exc))
    table = (_TABLE.search(message) or [None, "these rows"])[1]
    try:
        with Session(engine) as session:
            who = identity(session)
    except DBAPIError:
        who = None
    name = (who.member or who.login) if who is not None else "this login"
    if _ROLES.search(message):
        return MutualisError(f"{name}'s login may not create or drop logins: the database's administrator "
                             "(a role with CREATEROLE) runs `mutualis access`")
    if who is not None and not who.is_member:
        return MutualisError(f"{name}'s login may not change {table} (ask the GE manager for the rights)")
    if "row-level security" in message:
        return MutualisError(f"{name} may not change {table} of another member (its login writes only its own rows)")
    return MutualisError(f"{table} is for the GE manager; {name}'s login may not read or change it")
