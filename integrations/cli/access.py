"""`mutualis access ...` and `mutualis audit`: member firms' own logins on the group's PostgreSQL.

Passwords come from an environment variable named by `--password-env`, never from the command line,
and are sent once to PostgreSQL as a SCRAM verifier; mutualis does not keep them.
"""

from __future__ import annotations

import json
import os

import click

from consortium.errors import MutualisError
from integrations.cli.types import Day

__all__ = ["access", "audit"]


def _repo_session(ctx: click.Context):
    """The store named by --db / MUTUALIS_DB, PostgreSQL only (a SQLite file is neither opened nor created)."""
    from sqlalchemy.engine import make_url

    from integrations.services.access import NEEDS_POSTGRES
    from integrations.store import default_url, open_store

    root = ctx.find_root()
    url = root.params.get("db") or default_url()
    try:
        backend = make_url(url).get_backend_name()
    except Exception:  # noqa: BLE001 - open_store names a bad URL in one line
        backend = None
    if backend == "sqlite":
        raise MutualisError(NEEDS_POSTGRES)
    store = open_store(url)
    root.call_on_close(store.close)
    return store.session()


def _password(variable: str | None) -> str | None:
    if variable is None:
        return None
    value = os.environ.get(variable)
    if not value:
        raise MutualisError(f"--password-env {variable}: the environment variable is not set or empty")
    return value


def _password_option(func):
    return click.option("--password-env", metavar="VAR",
                        help="Environment variable holding the login's password (sent once, as SCRAM).")(func)


def _said(created: bool, login: str, password: str | None) -> str:
    how = "created" if created else "updated"
    return f"login {login} {how}" + ("" if password else " (no password set: pass --password-env VAR to set one)")


@click.group()
def access():
    """PostgreSQL logins of member firms and GE colleagues (row-level security keeps each member to its rows)."""


@access.command("grant")
@click.argument("member")
@click.option("--login", required=True, help="The PostgreSQL login role (lowercase letters, digits, _).")
@_password_option
@click.pass_context
def access_grant(ctx, member, login, password_env):
    """Create (or update) the login of a member firm: it reads and writes only its own rows.

    \b
    Example:
        mutualis access grant CHAUMAY --login chaumay --password-env CHAUMAY_PW
    """
    from integrations.services.access import grant_member

    password = _password(password_env)
    with _repo_session(ctx) as repo:
        created = grant_member(repo, member, login, password)
    click.echo(_said(created, login, password) + f": member {member}")


@access.command("grant-manager")
@click.argument("login")
@_password_option
@click.pass_context
def access_grant_manager(ctx, login, password_env):
    """Create (or update) the login of a GE office colleague: every row, every command.

    \b
    Example:
        mutualis access grant-manager claire --password-env OFFICE_PW
    """
    from integrations.services.access import grant_manager

    password = _password(password_env)
    with _repo_session(ctx) as repo:
        created = grant_manager(repo, login, password)
    click.echo(_said(created, login, password) + ": GE manager")


@access.command("revoke")
@click.argument("login")
@click.pass_context
def access_revoke(ctx, login):
    """End a login's access now: its role is dropped and its open sessions ended.

    \b
    Example:
        mutualis access revoke chaumay
    """
    from integrations.services.access import revoke

    with _repo_session(ctx) as repo:
        revoke(repo, login)
    click.echo(f"login {login} revoked")


@access.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def access_list(ctx, as_json):
    """The logins mutualis manages, with the member firm of each (none: the GE office).

    \b
    Example:
        mutualis access list
    """
    from integrations.services.access import logins

    with _repo_session(ctx) as repo:
        found = logins(repo)
    rows = [{"login": e.login, "member": e.member, "role": "member" if e.member else "manager",
             "granted_at": e.granted_at.isoformat(timespec="seconds"), "exists": e.exists} for e in found]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        missing = "" if row["exists"] else "  (role missing in PostgreSQL)"
        click.echo(f"{row['login']}  {row['member'] or '-'}  {row['role']}  {row['granted_at']}{missing}")


@access.command("whoami")
@click.pass_context
def access_whoami(ctx):
    """The login this connection uses and the member firm it stands for.

    \b
    Example:
        mutualis --db postgresql+psycopg://chaumay@db.example/ge access whoami
    """
    from integrations.services.access import whoami

    with _repo_session(ctx) as repo:
        who = whoami(repo)
    click.echo(f"{who.login}: " + (f"member {who.member}" if who.is_member else "GE manager (every row)"))


@click.command("audit")
@click.option("--member", help="Only the changes of this member's rows.")
@click.option("--since", type=Day(), default=None, help="Only the changes from this day (00:00 local time).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (with the rows before and after).")
@click.pass_context
def audit(ctx, member, since, as_json):
    """Every insert, update and delete on members' data: who, when, table, key, before and after.

    \b
    Example:
        mutualis audit --member CHAUMAY --since 2026-12-01
    """
    from integrations.services.access import audit as audit_entries

    with _repo_session(ctx) as repo:
        entries = audit_entries(repo, member, since.date() if since else None)
    if as_json:
        click.echo(json.dumps([{"at": e.at.isoformat(), "who": e.actor, "member": e.member, "table": e.table,
                                "key": e.key, "action": e.action, "before": e.before, "after": e.after}
                               for e in entries], indent=2, ensure_ascii=False, default=str))
        return
    for e in entries:
        changed = _changes(e.before, e.after)
        click.echo(f"{e.at.isoformat(timespec='seconds')}  {e.actor}  {e.member or '-'}  {e.action} {e.table} "
                   f"{e.key or ''}{'  ' + changed if changed else ''}")


def _changes(before: dict | None, after: dict | None) -> str:
    """`field: old -> new` for the fields an update changed (nothing for an insert or a delete)."""
    if not before or not after:
        return ""
    return "; ".join(f"{k}: {before.get(k)} -> {after[k]}" for k in after if before.get(k) != after[k])
