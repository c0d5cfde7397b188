"""One `with store.session()` is one transaction: an error leaves the database as it was."""

from __future__ import annotations

from datetime import datetime

import pytest
from store_samples import make_employee

from consortium.errors import AlreadyExists
from integrations.store import StoredConnection
from sharing.hours import Correction


def test_an_exception_in_the_block_rolls_back_every_write(seeded):
    before = _counts(seeded)
    with pytest.raises(RuntimeError, match="boom"), seeded.session() as repo:
        for code in ("E101", "E102", "E103"):
            repo.people.add_employee(make_employee(code))
        assert repo.counts()["employees"] == before["employees"] + 3
        raise RuntimeError("boom")
    assert _counts(seeded) == before


def test_a_failing_insert_in_the_middle_of_a_batch_stores_nothing(seeded):
    before = _counts(seeded)
    with pytest.raises(AlreadyExists, match="^employee E001 already exists$"), seeded.session() as repo:
        repo.people.add_employee(make_employee("E101"))
        repo.people.add_employee(make_employee("E001"))
        repo.people.add_employee(make_employee("E102"))
    assert _counts(seeded) == before
    with seeded.session() as repo:
        assert [e.code for e in repo.people.list_employees()] == ["E001"]


def test_every_part_of_the_repository_writes_in_the_same_transaction(seeded):
    with pytest.raises(RuntimeError, match="boom"), seeded.session() as repo:
        repo.people.add_employee(make_employee("E101"))
        repo.hours.add_correction(Correction(employee="E001", request="R-ACIER-0001", member="ACIER", site="MAIN",
                                             day=datetime(2026, 12, 1).date(), absent=True,
                                             recorded_at=datetime(2026, 12, 2)))
        repo.odoo.save_connection(StoredConnection("GE", "https://odoo.example", "db", "admin", "jsonrpc",
                                                   "env:ODOO_KEY"))
        raise RuntimeError("boom")
    with seeded.session() as repo:
        assert [e.code for e in repo.people.list_employees()] == ["E001"]
        assert repo.hours.list_corrections() == [] and repo.odoo.list_connections() == []


def _counts(store) -> dict[str, int]:
    with store.session() as repo:
        return repo.counts()
