"""Opening a store: the URL, the engine, SQLite's foreign keys and transactions, migrations on open."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session

from sharing.errors import InvalidInput, MutualisError

from .repository import Repository

__all__ = ["ENV_VAR", "Store", "default_url", "open_store", "enable_sqlite_foreign_keys", "migrations_config"]

ENV_VAR = "MUTUALIS_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def default_url() -> str:
    """`MUTUALIS_DB` when set, else the SQLite file `mutualis.db` in the working directory (absolute)."""
    return os.environ.get(ENV_VAR) or f"sqlite:///{Path.cwd().resolve() / 'mutualis.db'}"


def migrations_config() -> Config:
    """An Alembic config built in code: works from any directory and from an installed package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def enable_sqlite_foreign_keys(engine: Engine) -> None:
    """SQLite: enforce foreign keys, and let SQLAlchemy (not pysqlite) open every transaction.

    pysqlite by default begins a transaction only before DML, so DDL and reads escape it; taking over
    BEGIN makes a session (and a migration) one real transaction.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")


class Store:
    """An open database: `session()` gives a Repository inside one transaction."""

    def __init__(self, engine: Engine, url: str):
        self._engine = engine
        self.url = url

    @contextlib.contextmanager
    def session(self) -> Iterator[Repository]:
        """One transaction: committed at exit, rolled back on any exception (which is re-raised).

        A constraint the database refuses becomes `InvalidInput`, a lost connection `MutualisError`.
        """
        with Session(self._engine) as session:
            try:
                with session.begin():
                    yield Repository(session)
            except IntegrityError as exc:
                raise InvalidInput(f"the database refused the change: {_reason(exc)}") from exc
            except DBAPIError as exc:
                raise MutualisError(f"database error on {self.url}: {_reason(exc)}") from exc

    def close(self) -> None:
        """Release the connections."""
        self._engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"


def open_store(url: str | None = None, *, schema: str | None = None) -> Store:
    """Open (creating and migrating as needed) the database at `url`, default `default_url()`.

    `schema` (PostgreSQL only) puts every table in that schema, created if missing, through the
    connection's `search_path`; `?options=-csearch_path%3Dname` in the URL does the same.
    Raises MutualisError `cannot open database URL: reason` (password hidden) when it cannot.
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
    try:
        engine = create_engine(parsed, connect_args=connect_args)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise MutualisError(f"cannot open database {shown}: {exc}") from exc
    enable_sqlite_foreign_keys(engine)
    try:
        with engine.begin() as connection:
            if schema is not None:
                connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
            config = migrations_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "heads")
    except SQLAlchemyError as exc:
        engine.dispose()
        raise MutualisError(f"cannot open database {shown}: {_reason(exc)}") from exc
    except CommandError as exc:
        engine.dispose()
        raise MutualisError(f"cannot open database {shown}: {exc} (written by a newer mutualis?)") from exc
    return Store(engine, shown)


def _reason(exc: SQLAlchemyError) -> str:
    """The driver's message on one line, without SQLAlchemy's statement and background link."""
    message = str(getattr(exc, "orig", None) or exc)
    return " ".join(message.split()) or type(exc).__name__
