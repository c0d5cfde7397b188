"""A value too long for its column is refused by the domain, naming the row, alike on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from consortium.base import NAME_LENGTH, TEXT_LENGTH
from consortium.members import Member, Site
from integrations.services.transfer import import_file
from consortium.errors import RowError

SIRET = "73282932000074"
HEADER = "code,legal_name,siret,activity,entitlement,billing_coefficient\n"


@pytest.mark.parametrize("bad_row, problem", [
    (f"BIG,{'x' * 1_000_000},{SIRET},,1,", f"column legal_name: String should have at most {NAME_LENGTH} characters "
                                          f"(got {'x' * 40!r}... 1000000 characters)"),
    (f"BIG,Big SA,{SIRET},,1,123456789", "column billing_coefficient: Decimal input should have no more than 8 digits "
                                         "before the decimal point (got '123456789')"),
], ids=["a megabyte name", "an amount too large"])
def test_a_value_too_big_for_its_column_is_refused_with_its_file_and_row_and_nothing_is_stored(store, tmp_path,
                                                                                               bad_row, problem):
    sheet = tmp_path / "members.csv"
    sheet.write_text(HEADER + f"OK,Fine SA,{SIRET},,1,1.0825\n{bad_row}\n", encoding="utf-8")
    with pytest.raises(RowError) as caught, store.session() as repo:
        import_file(repo, "members", sheet)
    assert caught.value.problems == [f"members.csv:3: {problem}"]
    with store.session(write=False) as repo:
        assert repo.people.list_members() == []


def test_names_and_texts_at_their_limit_are_stored_and_read_back_whole(store):
    member = Member(code="LONG", legal_name="é" * NAME_LENGTH, siret=SIRET, activity="a" * TEXT_LENGTH,
                    sites=[Site(code="MAIN", name="s" * NAME_LENGTH, address="r" * TEXT_LENGTH,
                                latitude=45, longitude=4)])
    with store.session() as repo:
        repo.people.add_member(member)
    with store.session(write=False) as repo:
        assert repo.people.get_member("LONG") == member


@pytest.mark.parametrize("field, length", [("legal_name", NAME_LENGTH + 1), ("activity", TEXT_LENGTH + 1)])
def test_one_character_over_the_limit_names_the_field(field, length):
    fields = {"code": "LONG", "legal_name": "Firm", "siret": SIRET, field: "x" * length}
    with pytest.raises(ValidationError, match=field):
        Member(**fields)

