"""The candidate pool on both databases: a candidate comes back as stored, and forgetting him or her
leaves no trace in any table."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import text

from consortium.errors import AlreadyExists, NotFound
from integrations.store.schema import full_metadata
from sharing.forecast import Candidate, Held

LINA = Candidate("C014", "Lina Zyxmorel", 47.83, -0.7, "H2102", "poultry-plant line operator", {"LINE": 1},
                 (Held("SST", "SST"), Held("CACES", "R489-3", date(2027, 3, 31))), date(2026, 10, 1), 35, 40, "53200",
                 date(2026, 9, 15))
OLD = replace(LINA, code="C002", name="Marc Qwertyan", consent=date(2024, 1, 10))


def _traces(repo, needle: str) -> list[str]:
    """The tables with a text cell containing `needle`."""
    found = []
    for name in full_metadata().tables:
        rows = repo.access._session.execute(text(f'SELECT * FROM "{name}"')).all()
        if any(needle in str(cell) for row in rows for cell in row):
            found.append(name)
    return found


def test_a_candidate_comes_back_as_stored_and_a_second_with_the_same_code_is_refused(store):
    with store.session() as repo:
        assert repo.candidates.add([LINA]) == 1
    with store.session() as repo:
        assert repo.candidates.list() == [LINA] and repo.candidates.get("c014") == LINA
    with pytest.raises(AlreadyExists, match="candidate C014 already exists"), store.session() as repo:
        repo.candidates.add([LINA])


def test_forgetting_a_candidate_leaves_no_trace_in_any_table(store):
    with store.session() as repo:
        repo.candidates.add([LINA])
    with store.session() as repo:
        assert _traces(repo, "Zyxmorel") == ["candidates"]
        repo.candidates.forget("C014")
    with store.session() as repo:
        assert _traces(repo, "Zyxmorel") == []
        with pytest.raises(NotFound, match="candidate C014 not found"):
            repo.candidates.get("C014")


def test_forgetting_the_expired_consents_leaves_no_trace_of_them_and_keeps_the_others(store):
    with store.session() as repo:
        repo.candidates.add([LINA, OLD])
    with store.session() as repo:
        assert repo.candidates.forget_consented_before(date(2024, 12, 3)) == ["C002"]
    with store.session() as repo:
        assert _traces(repo, "Qwertyan") == [] and _traces(repo, "Zyxmorel") == ["candidates"]
        assert repo.candidates.list() == [LINA]
