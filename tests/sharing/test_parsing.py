"""The short texts people type become domain values, or one line saying what is wrong."""

from datetime import date

import pytest

from consortium.errors import InvalidInput
from sharing.parsing import (human_code, parse_certifications, parse_skill_levels, parse_weekdays, requests_for,
                             split_list)

REQUEST = dict(code="r1", member="ACIER", site="MAIN", skill="TIG", min_level=1, start="08:00", end="12:00")


def one_line(exc_info) -> str:
    message = str(exc_info.value)
    assert "\n" not in message
    return message


def test_human_codes_are_upper_case():
    assert human_code("acier") == "ACIER"
    assert human_code("e012") == "E012"


def test_lists_split_on_commas_and_semicolons_dropping_blanks():
    assert split_list("ACIER, FORGE;TOLERIE,,") == ["ACIER", "FORGE", "TOLERIE"]
    assert split_list(None) == []


def test_skill_levels_read_name_colon_level():
    assert parse_skill_levels(["TIG:2", "MIG:1"], "employee E1") == {"TIG": 2, "MIG": 1}


@pytest.mark.parametrize("item", ["TIG", "TIG:", "TIG:two", "TIG:-1"])
def test_a_skill_without_a_whole_level_is_one_line_naming_employee_and_field(item):
    with pytest.raises(InvalidInput) as exc:
        parse_skill_levels([item], "employee E1")
    assert one_line(exc) == f"employee E1: field skills: {item!r} is not like TIG:2"


def test_certifications_read_type_level_from_and_optional_to():
    certs = parse_certifications(["HAB-ELEC:BR:2025-01-15:2028-01-14", "SST:1:2026-01-01"], "employee E1")
    assert [(c.type, c.level, c.valid_from, c.valid_to) for c in certs] == [
        ("HAB-ELEC", "BR", date(2025, 1, 15), date(2028, 1, 14)), ("SST", "1", date(2026, 1, 1), None)]


def test_a_certification_with_too_few_parts_is_one_line():
    with pytest.raises(InvalidInput) as exc:
        parse_certifications(["HAB-ELEC:BR"], "employee E1")
    assert one_line(exc) == ("employee E1: field certifications: 'HAB-ELEC:BR' is not like "
                             "HAB-ELEC:BR:2025-01-15:2028-01-14")


def test_a_certification_with_a_bad_date_is_one_line_naming_the_field():
    with pytest.raises(InvalidInput) as exc:
        parse_certifications(["SST:1:2026-13-01"], "employee E1")
    assert one_line(exc).startswith("employee E1: field valid_from:")


@pytest.mark.parametrize(("text", "days"), [
    (None, [0, 1, 2, 3, 4]), ("", [0, 1, 2, 3, 4]), ("mon-fri", [0, 1, 2, 3, 4]), ("mon,wed", [0, 2]),
    ("SAT, sun", [5, 6]), ("tue-thu,sat", [1, 2, 3, 5]), ("wed,mon,wed", [2, 0]),
])
def test_weekdays_read_ranges_and_lists(text, days):
    assert parse_weekdays(text) == days


@pytest.mark.parametrize(("text", "message"), [
    ("mon,xyz", "request R1: day 'xyz' is not one of mon, tue, wed, thu, fri, sat, sun"),
    ("mon-xyz", "request R1: days 'mon-xyz' are not like mon-fri"),
    ("mon,,wed", "request R1: day '' is not one of mon, tue, wed, thu, fri, sat, sun"),
])
def test_bad_weekdays_are_one_line(text, message):
    with pytest.raises(InvalidInput) as exc:
        parse_weekdays(text, "request R1")
    assert one_line(exc) == message


def test_a_filing_without_until_is_one_request_on_its_day():
    [request] = requests_for("request R1", date(2026, 12, 1), None, None, "HAB-ELEC:BR", **REQUEST)
    assert (request.code, request.day, [str(c) for c in request.certifications]) == ("R1", date(2026, 12, 1),
                                                                                      ["HAB-ELEC:BR"])


def test_a_filing_with_until_expands_on_the_weekdays():
    requests = requests_for("request R1", date(2026, 11, 30), date(2026, 12, 6), "mon,wed", "", **REQUEST)
    assert [r.day for r in requests] == [date(2026, 11, 30), date(2026, 12, 2)]


def test_bad_certifications_of_a_request_are_one_line():
    with pytest.raises(InvalidInput) as exc:
        requests_for("request R1", date(2026, 12, 1), None, None, "HAB-ELEC", **REQUEST)
    assert one_line(exc) == "request R1: certification 'HAB-ELEC' is not like HAB-ELEC:BR"


def test_a_series_ending_before_it_starts_is_one_line():
    with pytest.raises(InvalidInput) as exc:
        requests_for("request R1", date(2026, 12, 6), date(2026, 12, 1), None, "", **REQUEST)
    assert "last_day 2026-12-01 is before first_day 2026-12-06" in one_line(exc)
