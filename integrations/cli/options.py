"""What every command shares: the store opened once per command, the shared options, and printing helpers.

The command modules import this one; `cli.py` imports them to register their commands, so nothing here may
import `cli.py`.
"""

from __future__ import annotations

import click

from consortium.errors import MutualisError
from integrations.reports.documents import json_text

from .types import SEED, SECONDS, WORKERS, Day, Week

__all__ = ["CREATE_DATABASE", "READ_ONLY", "store", "json_option", "lang_option", "as_of_option", "past_options",
           "week_option", "solve_options", "allocation_params", "day_of", "echo_json", "echo_lines", "progress"]

# Commands that may create the database when it does not exist; any other refuses to (a read on a
# database that is not there means the wrong folder or URL, not an empty group).
CREATE_DATABASE = {"init", "demo", "import", "member add", "tender import", "odoo connect"}
# Commands that only read: they never wait for a writer (SQLite WAL); every other takes the write lock.
READ_ONLY = {
    "member list", "member show", "employee list", "employee show", "request list", "request show", "export",
    "plan show", "check", "explain", "hours show", "bill show", "ledger", "counters show", "capacity show",
    "tender check", "tender plan", "odoo status", "shortage", "whatif hire", "whatif train", "recommend",
    "candidate list", "candidate show", "candidate match",
    "lend list", "lend show", "lend loans", "lend agreements", "lend ledger", "lend statement",
}


def _command_name(ctx: click.Context) -> str:
    """`hours record` for the context of that command (the root's name left out)."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(reversed(names))


def store(ctx: click.Context):
    """The store named by --db / MUTUALIS_DB, opened once per command; says which when not named by --db."""
    from click.core import ParameterSource

    from integrations.store import default_url, open_store  # SQLAlchemy: loaded only by commands that need it
    from integrations.store.engine import database_file

    root = ctx.find_root()
    if "store" not in root.meta:
        url = root.params.get("db") or default_url()
        name = _command_name(ctx)
        path = database_file(url)
        if path is not None and not path.exists() and name not in CREATE_DATABASE:
            raise MutualisError(f"no database at {path}: run `mutualis demo` or `mutualis init`, or pass --db")
        root.meta["store"] = open_store(url, writes=name not in READ_ONLY)
        root.call_on_close(root.meta["store"].close)
        _check_access(root.meta["store"], ctx, name)
        if root.get_parameter_source("db") is not ParameterSource.COMMANDLINE:
            click.echo(f"database: {root.meta['store'].url}", err=True)
    return root.meta["store"]


def _check_access(opened, ctx: click.Context, name: str) -> None:
    """A member firm's PostgreSQL login: manager-only commands and other members' rows refused in one line."""
    from integrations.services.access import check_command

    if opened.url.startswith("postgresql"):
        with opened.session(write=False) as repo:
            check_command(repo, name, ctx.params.get("member"), opened.writes)


def json_option(func):
    """Shared `--json` flag: print JSON instead of a table."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)


def lang_option(func):
    """Shared `--lang` option: the language of documents people read (the CLI itself stays English)."""
    return click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
                        help="Language of the documents written (French number and date formats by default).")(func)


def as_of_option(func):
    """Shared `--as-of` option: the day reservations and certificates are judged on (default: today)."""
    return click.option("--as-of", "as_of", type=Day(), default=None,
                        help="Judge reservations and certificates on this day (default: today).")(func)


def past_options(func):
    """Shared `--allow-past` and `--as-of` options of the planning commands (request, allocate, replan, pin)."""
    func = click.option("--as-of", "today", type=click.DateTime(["%Y-%m-%d"]), default=None,
                        help="Plan as if today were this day (default: MUTUALIS_TODAY, the group's frozen "
                             "date, or today).")(func)
    return click.option("--allow-past", is_flag=True,
                        help="Allow days before today (days with hours recorded or in a validated month "
                             "still never change).")(func)


def week_option(func):
    """Shared `--week` option (ISO week such as 2026-W49)."""
    return click.option("--week", "week_text", type=Week(), required=True, help="ISO week, e.g. 2026-W49.")(func)


def solve_options(func):
    """Shared solver options: time limit, seed, workers."""
    func = click.option("--workers", type=WORKERS, default=8, show_default=True,
                        help="CP-SAT search threads (more threads than cores still pays: "
                             "a portfolio of strategies).")(func)
    func = click.option("--seed", type=SEED, default=0, show_default=True, help="Random seed (same seed and "
                        "1 worker give the same plan).")(func)
    return click.option("--time-limit", type=SECONDS, default=30, show_default=True, help="Seconds.")(func)


def allocation_params(time_limit, seed, workers):
    """The allocation's solver parameters from the shared solver options."""
    from sharing.allocation import AllocationParams  # loads the solver (OR-Tools): only when solving

    return AllocationParams(time_limit=time_limit, seed=seed, workers=workers)


def day_of(value):
    """The date of a `--as-of` datetime, or None."""
    return value.date() if value is not None else None


def echo_json(document) -> None:
    """Print a document as indented JSON."""
    click.echo(json_text(document))


def echo_lines(lines) -> None:
    """Print each line."""
    for line in lines:
        click.echo(line)


def progress(objective, bound, gap, elapsed):
    """Report a solver's progress on stderr (the plan itself goes to stdout)."""
    click.echo(f"  {elapsed:6.1f} s  objective {objective:,.0f}  bound {bound:,.0f}  gap {gap * 100:5.2f} %", err=True)
