"""The pure mapping on the records captured from a real Odoo 17 server."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from integrations.odoo.employee_match import badge_code
from integrations.odoo.mapping import (absence_from_calendar_leave, absence_from_leave, employee_from_odoo,
                                       member_from_partner, skill_catalog, slug, split_name, weekly_hours)
from integrations.odoo.capacity import workcenter_capacity
from integrations.odoo.testing import capture_dir

SIRET = "73282932000074"


def records(model: str) -> list[dict]:
    return json.loads((capture_dir() / "records" / f"{model}.json").read_text())["records"]


@pytest.fixture(scope="module")
def catalog():
    return skill_catalog(records("hr.skill"), records("hr.skill.level"), records("hr.skill.type"))


def code(record: dict) -> str:
    return f"E{record['id']:03d}"


def test_a_badge_is_a_code_and_an_identification_number_is_not():
    assert badge_code({"id": 7, "barcode": "b 12", "identification_id": "X"}) == "B-12"
    assert badge_code({"id": 7, "barcode": False, "identification_id": "id 9"}) is None


def test_names_split_on_the_first_word():
    assert split_name("Mitchell Admin") == ("Mitchell", "Admin")
    assert split_name("Ana de la Cruz") == ("Ana", "de la Cruz")
    assert split_name("Cher") == ("Cher", "Cher")
    assert slug("Programming Languages") == "PROGRAMMING_LANGUAGES"


def test_every_captured_employee_maps_with_its_name_and_skills(catalog):
    skills = records("hr.employee.skill")
    mapped = [employee_from_odoo(r, [s for s in skills if s["employee_id"][0] == r["id"]], catalog, code=code(r),
                                 members=["ACME"], hours=40, today=date(2026, 11, 2)) for r in records("hr.employee")]
    assert all(m.value is not None for m in mapped)
    mitchell = mapped[0].value
    assert (mitchell.code, mitchell.first_name, mitchell.last_name) == ("E001", "Mitchell", "Admin")
    assert mitchell.skills == {"FRENCH": 1, "ENGLISH": 2}  # A1 and A2 of the Languages levels
    assert mitchell.contract.weekly_hours == 40 and str(mitchell.hourly_cost) == "100.00"
    assert "no home coordinates" in mapped[0].warnings[0]


def test_skill_levels_are_ordered_by_progress(catalog):
    french = next(s for s in catalog.domain_skills() if s.code == "FRENCH")
    assert french.levels == ["A1", "A2", "B1", "B2", "C1", "C2"]


def test_a_skill_of_a_certification_type_becomes_a_certification(catalog):
    from sharing.skills import CertificationType

    languages = CertificationType(code="LANGUAGES", name="Languages", levels=["A1", "A2", "B1"])
    row = records("hr.employee")[0]
    own = [s for s in records("hr.employee.skill") if s["employee_id"][0] == 1]
    e = employee_from_odoo(row, own, catalog, code="E001", members=["ACME"], certification_types=[languages],
                           today=date(2026, 1, 1)).value
    assert {(c.type, c.level) for c in e.certifications} == {("LANGUAGES", "A1"), ("LANGUAGES", "A2")}
    assert e.skills == {}


def test_an_employee_without_cost_is_a_problem(catalog):
    row = {**records("hr.employee")[0], "hourly_cost": 0}
    assert employee_from_odoo(row, [], catalog, code="E001", members=["ACME"]).value is None


def test_calendar_hours_sum_the_attendances():
    assert weekly_hours([a for a in records("resource.calendar.attendance") if a["calendar_id"][0] == 1]) == 40


def test_only_validated_leaves_are_kept_in_local_time():
    codes = {r["id"]: code(r) for r in records("hr.employee")}
    kept = [m.value for m in (absence_from_leave(r, codes, "Europe/Paris") for r in records("hr.leave")) if m.value]
    assert len(kept) == 10  # of 12 captured: the confirm and the validate1 ones are left out
    sick = kept[0]
    assert (sick.employee, sick.kind, sick.start) == ("E001", "sickness", datetime(2026, 11, 23, 8, 0))


def test_calendar_leaves_from_a_time_off_are_not_counted_twice():
    by_resource = {r["resource_id"][0]: code(r) for r in records("hr.employee")}
    kept = [m.value for m in (absence_from_calendar_leave(r, by_resource, "Europe/Paris")
                              for r in records("resource.calendar.leaves")) if m.value]
    own = {"id": 99, "resource_id": [4, "Ronnie Hart"], "holiday_id": False, "date_from": "2026-12-01 08:00:00",
           "date_to": "2026-12-01 12:00:00", "name": "Training"}
    assert absence_from_calendar_leave(own, by_resource, "UTC").value.kind == "other"
    assert all(k.kind == "other" for k in kept)


def test_a_company_needs_a_valid_siret_and_gets_its_address_as_site():
    wood = next(r for r in records("res.partner") if r["name"] == "Wood Corner")
    assert "SIRET none" in member_from_partner(wood).warnings[0]
    member = member_from_partner({**wood, "company_registry": SIRET, "partner_latitude": 45.1,
                                  "partner_longitude": 4.8}).value
    assert (member.code, member.siret, member.sites[0].code, member.sites[0].latitude) == (
        "WOOD_CORNER", SIRET, "MAIN", 45.1)


def test_workcenter_capacity_counts_calendar_efficiency_and_open_orders():
    rows = workcenter_capacity(records("mrp.workcenter"), records("resource.calendar"),
                               records("resource.calendar.attendance"),
                               records("resource.calendar.leaves"), records("mrp.workorder"),
                               ["2026-W49", "2026-W50"], {"Assembly Line 1": "ASSEMBLY"})
    first = rows[0]
    assert (first.workcenter, first.resource, first.week) == ("Assembly Line 1", "ASSEMBLY", "2026-W49")
    assert first.hours == 40 - 5  # 300 minutes of open unscheduled work orders weigh on the first week
    assert rows[1].hours == 40
