"""Two writers on one SQLite file wait for each other; a new database file is the owner's alone."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import stat

import pytest

from consortium.members import Member, Site
from integrations.store import open_store
from consortium.errors import MutualisError

ROUNDS = 30
SIRET = "73282932000074"


def _member(code: str) -> Member:
    return Member(code=code, legal_name=f"Firm {code}", siret=SIRET,
                  sites=[Site(code="MAIN", name="Main", latitude=45.0, longitude=4.0)])


def _hammer(url: str, prefix: str, rounds: int) -> list[str]:
    """Read then write, `rounds` times, each in its own transaction (the pattern that deadlocked)."""
    failures = []
    store = open_store(url)
    try:
        for n in range(rounds):
            try:
                with store.session() as repo:
                    known = {m.code for m in repo.people.list_members()}
                    code = f"{prefix}{n:03d}"
                    assert code not in known
                    repo.people.add_member(_member(code))
            except MutualisError as exc:
                failures.append(str(exc))
    finally:
        store.close()
    return failures


def test_two_processes_writing_at_once_both_succeed(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    open_store(url).close()
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        runs = [pool.apply_async(_hammer, (url, prefix, ROUNDS)) for prefix in ("A", "B")]
        failures = [f for run in runs for f in run.get(timeout=300)]
    assert failures == []
    with open_store(url) as store, store.session(write=False) as repo:
        assert len(repo.people.list_members()) == 2 * ROUNDS


def test_a_writer_that_cannot_get_the_lock_says_nothing_was_written_and_to_run_again(tmp_path, monkeypatch):
    from integrations.store import engine

    path = tmp_path / "m.db"
    url = f"sqlite:///{path}"
    open_store(url).close()
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 0)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with open_store(url) as store, pytest.raises(MutualisError) as caught, store.session() as repo:
            repo.people.add_member(_member("LATE"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message = str(caught.value)
    assert "busy" in message and "nothing was written" in message and "run the command again" in message
    assert "\n" not in message
    with open_store(url) as store, store.session(write=False) as repo:
        assert repo.people.list_members() == []


def test_a_reader_does_not_wait_for_a_writer(tmp_path, monkeypatch):
    from integrations.store import engine

    path = tmp_path / "m.db"
    url = f"sqlite:///{path}"
    with open_store(url) as store, store.session() as repo:
        repo.people.add_member(_member("FIRST"))
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 0)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("DELETE FROM sites")
    try:
        with open_store(url, writes=False) as store, store.session() as repo:
            assert [m.code for m in repo.people.list_members()] == ["FIRST"]  # WAL: the last committed state
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_new_sqlite_database_and_its_wal_files_are_readable_by_the_owner_only(tmp_path):
    path = tmp_path / "m.db"
    old = os.umask(0o022)  # a usual umask, whatever the test runner has
    store = open_store(f"sqlite:///{path}")
    try:
        with store.session() as repo:
            repo.people.add_member(_member("ACIER"))
            files = [p for p in (path, tmp_path / "m.db-wal", tmp_path / "m.db-shm") if p.exists()]
            assert len(files) == 3  # WAL mode while the store is open
            for file in files:
                assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
    finally:
        store.close()
        os.umask(old)
