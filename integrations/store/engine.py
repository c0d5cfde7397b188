"""Opening a store: the URL, the engine, SQLite's foreign keys, locks and transactions, migrations on open.

SQLite runs in WAL mode with a 30 s busy timeout: readers never wait for a writer, and a short writer
waits for another one instead of failing. A writing session takes the write lock when it begins
(`BEGIN IMMEDIATE`), so two commands that read then write queue up rather than deadlock on the lock
upgrade. A new SQLite file is created readable by its owner only (its -wal and -shm files follow).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session

from consortium.errors import InvalidInput, MutualisError

from .access import refusal
from .repository import Repository

__all__ = [
    "ENV_VAR", "BUSY_TIMEOUT_S", "Store", "default_url", "open_store", "database_file", "enable_sqlite_foreign_keys",
    "migrations_config",
]

ENV_VAR = "MUTUALIS_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_S = 30
_PRIVATE = 0o600
_WRITE = "mutualis_write"  # execution option: the session begins with the write lock
_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def default_url() -> str:
    """`MUTUALIS_DB` when set, else the profile's URL (`profiles.profile_url`), else the SQLite file
    `mutualis.db` in the working directory (absolute)."""
    from .profiles import profile_url

    return os.environ.get(ENV_VAR) or profile_url() or f"sqlite:///{Path.cwd().resolve() / 'mutualis.db'}"


def migrations_config() -> Config:
    """An Alembic config built in code: works from any directory and from an installed package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def database_file(url: str) -> Path | None:
    """The file of a SQLite URL (absolute), or None for PostgreSQL, an in-memory or a `file:` URI database."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name).expanduser().resolve()


def enable_sqlite_foreign_keys(engine: Engine) -> None:
    """SQLite: foreign keys, WAL, a busy timeout, and SQLAlchemy (not pysqlite) opening every transaction.

    pysqlite by default begins a transaction only before DML, so DDL and reads escape it; taking over
    BEGIN makes a session (and a migration) one real transaction. A connection with the `mutualis_write`
    execution option begins `IMMEDIATE`: it waits (up to the busy timeout) for the write lock up front,
    where a deferred transaction that reads then writes can only fail when another writer got in between.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get(_WRITE) else "BEGIN")


class Store:
    """An open database: `session()` gives a Repository inside one transaction."""

    def __init__(self, engine: Engine, url: str, writes: bool = True):
        self._engine = engine
        self.url = url
        self.writes = writes

    @contextlib.contextmanager
    def session(self, write: bool | None = None) -> Iterator[Repository]:
        """One transaction: committed at exit, rolled back on any exception (which is re-raised).

        `write` (default: the store's `writes`) takes SQLite's write lock when the transaction begins;
        a read-only session (`write=False`) never waits for a writer. A constraint the database refuses
        becomes `InvalidInput`; a row or table this login may not touch (PostgreSQL roles) one line saying
        so (`access.refusal`); a lock that could not be had in time, or a lost connection, `MutualisError`.
        """
        writes = self.writes if write is None else write
        with Session(self._engine.execution_options(**{_WRITE: writes})) as session:
            try:
                with session.begin():
                    yield Repository(session)
            except IntegrityError as exc:
                raise InvalidInput(f"the database refused the change: {_reason(exc)}") from exc
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) == "42501":  # row-level security or a missing privilege
                    raise refusal(self._engine, exc) from exc
                if _busy(exc):
                    raise MutualisError(f"the database {self.url} is busy (another command held it for "
                                        f"{BUSY_TIMEOUT_S} s): nothing was written; run the command again") from exc
                raise MutualisError(f"database error on {self.url}: {_reason(exc)}") from exc

    def close(self) -> None:
        """Release the connections."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"


def open_store(url: str | None = None, *, schema: str | None = None, writes: bool = True) -> Store:
    """Open (creating and migrating as needed) the database at `url`, default `default_url()`.

    `schema` (PostgreSQL only) puts every table in that schema, created if missing, through the
    connection's `search_path`; `?options=-csearch_path%3Dname` in the URL does the same.
    `writes=False` makes the store's sessions read-only by default (see `Store.session`).
    A new SQLite file is created `0600`. Raises MutualisError `cannot open database URL: reason`
    (password hidden) when it cannot.
    """
    raw = url or default_url()
    try:
        parsed = make_url(raw)
    except (ArgumentError, ValueError) as exc:
        raise MutualisError(f"cannot open database {raw}: not a database URL ({exc})") from exc
    shown = parsed.render_as_string(hide_password=True)
    connect_args = {}
    if schema is not None:
        if parsed.get_backend_name() != "postgresql":
            raise MutualisError(f"cannot open database {shown}: a schema is for PostgreSQL only")
        if not _SCHEMA_NAME.match(schema):
            raise MutualisError(f"cannot open database {shown}: schema {schema!r} is not a plain SQL name")
        connect_args["options"] = f"-csearch_path={schema}"
    _create_private_file(database_file(raw), shown)
    try:
        engine = create_engine(parsed, connect_args=connect_args)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise MutualisError(f"cannot open database {shown}: {exc}") from exc
    enable_sqlite_foreign_keys(engine)
    try:
        _migrate(engine, schema)
    except SQLAlchemyError as exc:
        engine.dispose()
        if _busy(exc):
            raise MutualisError(f"cannot open database {shown}: busy for {BUSY_TIMEOUT_S} s (another command is "
                                "writing); nothing was written: run the command again") from exc
        raise MutualisError(f"cannot open database {shown}: {_reason(exc)}") from exc
    except CommandError as exc:
        engine.dispose()
        raise MutualisError(f"cannot open database {shown}: {exc} (written by a newer mutualis?)") from exc
    return Store(engine, shown, writes)


def _create_private_file(path: Path | None, shown: str) -> None:
    """Create a missing SQLite file empty and owner-only; SQLite gives its -wal and -shm files the same mode."""
    if path is None or path.exists():
        if path is not None and path.is_dir():
            raise MutualisError(f"cannot open database {shown}: {path} is a folder, not a file")
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _PRIVATE))
    except FileExistsError:  # another command created it meanwhile
        pass
    except OSError as exc:
        raise MutualisError(f"cannot open database {shown}: {_file_reason(path, exc)}") from None


def _file_reason(path: Path, exc: OSError) -> str:
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return f"no folder {path.parent}"
    if isinstance(exc, PermissionError):
        return f"cannot create {path}: permission denied"
    return f"cannot create {path}: {exc.strerror or type(exc).__name__}"


def _migrate(engine: Engine, schema: str | None) -> None:
    """Upgrade to every head, holding the write lock, only when the database is behind.

    The usual case (already at head) is a plain read, so opening never queues behind a long writer.
    """
    config = migrations_config()
    wanted = set(ScriptDirectory.from_config(config).get_heads())
    if schema is None:
        with engine.connect() as connection:
            if set(MigrationContext.configure(connection).get_current_heads()) == wanted:
                return
    with engine.execution_options(**{_WRITE: True}).begin() as connection:
        if schema is not None:
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")


def _busy(exc: SQLAlchemyError) -> bool:
    """A lock that could not be had in time (SQLite) or a serialisation conflict (PostgreSQL)."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, sqlite3.OperationalError):
        return "locked" in str(orig) or "busy" in str(orig)
    return getattr(orig, "sqlstate", None) in ("40001", "40P01", "55P03")


def _reason(exc: SQLAlchemyError) -> str:
    """The driver's message on one line, without SQLAlchemy's statement and background link."""
    message = str(getattr(exc, "orig", None) or exc)
    return " ".join(message.split()) or type(exc).__name__
