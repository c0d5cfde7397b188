"""A PostgreSQL database of its own for a test module, with member and manager logins, dropped afterwards.

The server comes from MUTUALIS_TEST_PG_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test); when
it cannot be reached the caller is skipped, or fails under CI or MUTUALIS_REQUIRE_PG=1.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("MUTUALIS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def scratch_database(kind: str, logins: dict[str, str]) -> Iterator[tuple[Callable[..., str], dict[str, str]]]:
    """A new database `mutualis_<kind>_<random>` and `(url_of, logins)`: `logins` maps a short key to a role
    name (a random prefix is added); `url_of(key)` is the URL as that role, `url_of()` as the creator.
    The database and every role in `logins` (tests may add more) are dropped on the way out."""
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        admin.connect().close()
    except Exception as exc:  # noqa: BLE001 - any reason not to reach it
        admin.dispose()
        if os.environ.get("CI") or os.environ.get("MUTUALIS_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL unreachable at {PG_URL}: {exc}")
        pytest.skip(f"PostgreSQL unreachable at {PG_URL}")
    name, prefix = f"mutualis_{kind}_{uuid.uuid4().hex[:12]}", f"m{uuid.uuid4().hex[:6]}_"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name)
    roles = {key: prefix + role for key, role in logins.items()}

    def url_of(who: str | None = None) -> str:
        return (url if who is None else url.set(username=roles[who])).render_as_string(hide_password=False)

    try:
        yield url_of, roles
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            for role in roles.values():
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()
