"""Alembic environment of the store.

`open_store` passes its own connection in `config.attributes["connection"]`; from the command line
(`alembic -c integrations/store/alembic.ini ...`) the URL is MUTUALIS_DB or the default SQLite file.
SQLite gets batch mode so that later migrations can alter tables (SQLite rebuilds them).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from integrations.store.engine import default_url, enable_sqlite_foreign_keys
from integrations.store.schema import full_metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=full_metadata(),
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or default_url())
    enable_sqlite_foreign_keys(engine)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("mutualis migrations run online only: set MUTUALIS_DB and run `alembic upgrade head`")
run_migrations_online()
