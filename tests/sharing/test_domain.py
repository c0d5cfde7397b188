"""Domain validation: messages name the object and field; rules of contracts, requests and certifications."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from pydantic import ValidationError

from consortium.members import Member, Site
from sharing import (
    Absence, Catalogue, Certification, CertificationType, CertRequirement, Contract, Employee, Group, RecurringRequest,
    Request, Skill, describe_validation_error, employee_problems, parse_week, request_problems, requirement_met,
)
from consortium.errors import InvalidInput

CATALOGUE = Catalogue(
    skills=[Skill(code="TIG", name="TIG welding"), Skill(code="MIG", name="MIG welding")],
    certification_types=[CertificationType(
        code="HAB-ELEC", name="Electrical habilitation", levels=["B0", "B1", "B1V", "BR"],
        covers={"BR": ["B1V"], "B1V": ["B1"], "B1": ["B0"]})],
)
MEMBER = Member(code="ACIER", legal_name="Aciers", siret="73282932000074",
                sites=[Site(code="MAIN", name="Usine", latitude=48.0, longitude=-0.7)])


def employee(**kw):
    base = dict(code="e1", first_name="Léa", last_name="Morin", home_latitude=48.0, home_longitude=-0.7,
                contract=Contract(start=date(2026, 1, 5), members=["ACIER"]), skills={"TIG": 2},
                hourly_cost=Decimal("24.50"))
    return Employee(**(base | kw))


def messages(exc: ValidationError, subject: str) -> list[str]:
    return describe_validation_error(exc, subject)


def test_negative_weekly_hours_names_the_field():
    with pytest.raises(ValidationError) as info:
        Contract(start=date(2026, 1, 5), members=["ACIER"], weekly_hours=-3)
    assert messages(info.value, "contract")[0] == "contract: field weekly_hours: Input should be greater than 0"


def test_contract_end_before_start_is_refused():
    with pytest.raises(ValidationError) as info:
        Contract(kind="CDD", start=date(2026, 6, 1), end=date(2026, 5, 1), members=["ACIER"])
    assert "end 2026-05-01 is before start 2026-06-01" in messages(info.value, "contract")[0]


def test_cdd_needs_an_end():
    with pytest.raises(ValidationError, match="CDD needs an end date"):
        Contract(kind="CDD", start=date(2026, 6, 1), members=["ACIER"])


def test_absence_end_before_start_is_refused():
    with pytest.raises(ValidationError, match="is not after start"):
        Absence(employee="E1", start=datetime(2026, 12, 2, 8), end=datetime(2026, 12, 1, 8))


def test_request_end_before_start_suggests_a_night_shift():
    with pytest.raises(ValidationError, match="set ends_next_day"):
        Request(code="R1", member="ACIER", site="MAIN", skill="TIG", day=date(2026, 12, 1), start=time(22), end=time(6))
    night = Request(code="R1", member="ACIER", site="MAIN", skill="TIG", day=date(2026, 12, 1), start=time(22),
                    end=time(6), ends_next_day=True, headcount=2)
    assert night.minutes == 480 and night.hours == 16
    assert night.interval() == (datetime(2026, 12, 1, 22), datetime(2026, 12, 2, 6))


def test_unknown_skill_is_reported_against_the_catalogue():
    assert employee_problems(employee(skills={"TIGG": 1}), CATALOGUE, {"ACIER"}) == [
        "employee E1: field skills: unknown skill 'TIGG'"
    ]


def test_unknown_member_and_skill_level_above_the_scale():
    problems = employee_problems(employee(skills={"TIG": 4}, contract=Contract(start=date(2026, 1, 5),
                                                                                members=["FORGE"])),
                                 CATALOGUE, {"ACIER"})
    assert problems == ["employee E1: field skills: level 4 of TIG is above its 3 levels",
                        "employee E1: field contract.members: unknown member 'FORGE'"]


def test_part_time_below_24_hours_needs_a_derogation():
    short = employee(contract=Contract(start=date(2026, 1, 5), members=["ACIER"], weekly_hours=17.5))
    assert "below the part-time minimum" in employee_problems(short, CATALOGUE, {"ACIER"})[0]
    allowed = employee(contract=Contract(start=date(2026, 1, 5), members=["ACIER"], weekly_hours=17.5,
                                         part_time_derogation=True))
    assert employee_problems(allowed, CATALOGUE, {"ACIER"}) == []


def test_request_on_an_unknown_site():
    r = Request(code="R1", member="ACIER", site="NORD", skill="TIG", day=date(2026, 12, 1), start=time(8), end=time(16))
    assert (request_problems(r, CATALOGUE, {"ACIER": MEMBER})
            == ["request R1: field site: member ACIER has no site 'NORD'"])


def test_certification_levels_cover_lower_ones_and_expire():
    certs = [Certification(type="HAB-ELEC", level="BR", valid_from=date(2024, 1, 1), valid_to=date(2026, 12, 2))]
    need = CertRequirement(type="HAB-ELEC", level="B1")
    assert requirement_met(certs, need, CATALOGUE, date(2026, 12, 2))
    assert not requirement_met(certs, need, CATALOGUE, date(2026, 12, 3))  # expired the day before
    assert not requirement_met(certs, CertRequirement(type="HAB-ELEC", level="BR"), CATALOGUE, date(2023, 12, 31))


def test_minor_cannot_be_night_worker():
    with pytest.raises(ValidationError, match="minor cannot be a night worker"):
        employee(minor=True, night_worker=True)


def test_recurring_request_expands_on_its_weekdays():
    series = RecurringRequest(code="R7", member="ACIER", site="MAIN", skill="TIG", start=time(8), end=time(12),
                              weekdays=[0, 1, 2, 3, 4], first_day=date(2026, 11, 30), last_day=date(2026, 12, 6),
                              same_person=True)
    dated = series.expand()
    assert [r.code for r in dated] == ["R7-1130", "R7-1201", "R7-1202", "R7-1203", "R7-1204"]
    assert all(r.series == "R7" and r.same_person for r in dated)


def test_group_problems_collects_every_broken_reference():
    group = Group(catalogue=CATALOGUE, members=[MEMBER], employees=[employee(skills={"WELD": 1})],
                  absences=[Absence(employee="E9", start=datetime(2026, 12, 1), end=datetime(2026, 12, 2))])
    assert group.problems() == ["employee E1: field skills: unknown skill 'WELD'",
                                "absence of E9: field employee: unknown employee"]


def test_iso_weeks():
    week = parse_week("2026-W49")
    assert str(week) == "2026-W49" and week.monday == date(2026, 11, 30)
    assert str(week.shift(5)) == "2027-W01"
    with pytest.raises(InvalidInput, match="not an ISO week"):
        parse_week("2026-49")
    with pytest.raises(InvalidInput, match="does not exist"):
        parse_week("2026-W54")
