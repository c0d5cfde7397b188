"""Member firms and sites: SIRET keys, opening hours, messages that name the field."""

from datetime import time

import pytest
from pydantic import ValidationError

from consortium.members import Member, Site, format_opening_hours, parse_opening_hours, siret_is_valid
from sharing.base import describe_validation_error


def site(**kw):
    base = dict(code="MAIN", name="Usine", latitude=48.07, longitude=-0.77)
    return Site(**(base | kw))


@pytest.mark.parametrize("siret,ok", [
    ("73282932000074", True),   # a real SIRET with a valid Luhn key
    ("73282932000075", False),
    ("3560000000001", False),   # 13 digits
    ("35600000000001", True),   # La Poste: digits sum to a multiple of 5
    ("abcdefghijklmn", False),
])
def test_siret_luhn_key(siret, ok):
    assert siret_is_valid(siret) is ok


def test_bad_siret_is_named_with_member_and_field():
    with pytest.raises(ValidationError) as info:
        Member(code="acier", legal_name="Aciers", siret="12345678901234")
    assert describe_validation_error(info.value, "member ACIER") == [
        "member ACIER: field siret: SIRET '12345678901234' is not 14 digits with a valid Luhn key"
    ]


def test_codes_are_upper_cased_and_checked():
    assert Member(code="acier", legal_name="A", siret="73282932000074").code == "ACIER"
    with pytest.raises(ValidationError, match="member code"):
        Member(code="ac ier", legal_name="A", siret="73282932000074")


def test_unknown_field_is_refused():
    with pytest.raises(ValidationError, match="extra"):
        Member(code="A", legal_name="A", siret="73282932000074", colour="red")


def test_opening_hours_parse_and_format_round_trip():
    text = "mon 06:00-12:00,13:00-20:00; tue 06:00-20:00; sat 07:00-12:00; sun 24h"
    hours = parse_opening_hours(text)
    assert format_opening_hours(hours) == text
    assert parse_opening_hours("mon-fri 08:00-17:00")["fri"][0].start == time(8)


def test_is_open_checks_the_window_and_the_next_morning():
    s = site(opening_hours="mon-fri 06:00-24:00; tue-sat 00:00-06:00")
    assert s.is_open(0, 6 * 60, 14 * 60)
    assert not s.is_open(0, 5 * 60, 14 * 60)
    assert s.is_open(0, 22 * 60, 30 * 60)      # Monday 22:00 to Tuesday 06:00
    assert not s.is_open(6, 8 * 60, 12 * 60)   # closed on Sunday
    assert site().is_open(6, 0, 1440)           # no hours declared: always open


def test_bad_opening_hours_are_explained():
    with pytest.raises(ValidationError, match="not like 06:00-20:00"):
        site(opening_hours="mon 6h-20h")


def test_duplicate_site_codes_are_refused():
    with pytest.raises(ValidationError, match="appears twice"):
        Member(code="A", legal_name="A", siret="73282932000074", sites=[site(), site()])
