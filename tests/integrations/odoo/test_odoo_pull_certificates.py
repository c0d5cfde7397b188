"""Certificate dates come from where Odoo holds them, and a known expiry is never replaced by none."""

from __future__ import annotations

import dataclasses
from datetime import date
from types import MappingProxyType

import pytest

from integrations.odoo import OdooFieldError
from sharing.employees import Certification
from sharing.skills import CertificationType
from integrations.odoo.testing import Catalog

from odoo_pull_fixtures import member_store, own_employee, pull

RONNIE = 4  # Odoo's Ronnie Hart, pulled as E004 into a store without employees


@pytest.fixture(scope="module")
def odoo_catalog() -> Catalog:
    """The capture plus a date field an administrator added to skills (Settings > Technical > Fields)."""
    catalog = Catalog.load()
    skill = dict(catalog.fields["hr.employee.skill"])
    skill["x_expiry"] = {"type": "date", "string": "Expiry", "required": False, "readonly": False, "store": True}
    return dataclasses.replace(catalog, fields=MappingProxyType({**catalog.fields,
                                                                 "hr.employee.skill": MappingProxyType(skill)}))


@pytest.fixture
def store(store_url):
    s = member_store(store_url)
    with s.session() as repo:
        repo.people.save_certification_type(CertificationType(code="CACES-R489", name="CACES R489 forklifts",
                                                              levels=["1", "3", "5"], ordered=True))
    yield s
    s.close()


@pytest.fixture
def caces(gateway) -> int:
    """Ronnie Hart holds CACES R489 category 3 in Odoo's skills (no dates there); the skill row's id."""
    kind = gateway.create("hr.skill.type", [{"name": "CACES-R489"}])[0]
    levels = gateway.create("hr.skill.level", [{"name": n, "skill_type_id": kind, "level_progress": p}
                                               for n, p in (("1", 30), ("3", 60), ("5", 100))])
    skill = gateway.create("hr.skill", [{"name": "CACES R489", "skill_type_id": kind}])[0]
    return gateway.create("hr.employee.skill", [{"employee_id": RONNIE, "skill_id": skill, "skill_level_id": levels[1],
                                                 "skill_type_id": kind}])[0]


def resume_line(gateway, name: str, start: str, end: str | bool = False) -> int:
    return gateway.create("hr.resume.line", [{"employee_id": RONNIE, "name": name, "date_start": start,
                                              "date_end": end}])[0]


def certifications(store, code="E004") -> list[Certification]:
    with store.session() as repo:
        return repo.people.get_employee(code).certifications


def test_the_expiry_comes_from_the_resume_line_naming_the_certificate(store, gateway, caces):
    resume_line(gateway, "CACES R489 cat. 1", "2018-01-10", "2023-01-09")
    resume_line(gateway, "CACES R489 cat. 3", "2021-12-03", "2026-12-02")
    resume_line(gateway, "Master in logistics", "2015-09-01", "2017-06-30")
    pull(store, gateway)
    assert certifications(store) == [Certification(type="CACES-R489", level="3", valid_from=date(2021, 12, 3),
                                                   valid_to=date(2026, 12, 2))]
    assert not certifications(store)[0].is_valid(date(2026, 12, 3))


def test_a_line_about_another_level_gives_no_dates(store, gateway, caces):
    resume_line(gateway, "CACES R489 cat. 1", "2018-01-10", "2023-01-09")
    pull(store, gateway)
    held = certifications(store)[0]
    assert (held.level, held.valid_from, held.valid_to) == ("3", date(2026, 11, 2), None)


def test_a_pull_that_finds_no_date_keeps_the_stored_expiry(store, gateway, caces):
    line = resume_line(gateway, "CACES R489 cat. 3", "2021-12-03", "2026-12-02")
    pull(store, gateway)
    gateway.unlink("hr.resume.line", [line])
    again = pull(store, gateway)
    assert again.updated == 0
    assert certifications(store)[0].valid_to == date(2026, 12, 2)
    resume_line(gateway, "CACES R489 cat. 3", "2021-12-03")  # a line without end date: still no date
    pull(store, gateway)
    assert certifications(store)[0].valid_to == date(2026, 12, 2)


def test_a_renewal_in_odoo_replaces_the_expiry(store, gateway, caces):
    resume_line(gateway, "CACES R489 cat. 3", "2021-12-03", "2026-12-02")
    pull(store, gateway)
    resume_line(gateway, "CACES R489 cat. 3 (renewal)", "2026-11-20", "2031-11-19")
    assert pull(store, gateway).updated == 1
    assert (certifications(store)[0].valid_from, certifications(store)[0].valid_to) == (date(2026, 11, 20),
                                                                                       date(2031, 11, 19))


def test_the_administrators_skill_field_wins(store, gateway, caces):
    resume_line(gateway, "CACES R489 cat. 3", "2021-12-03", "2026-12-02")
    gateway.write("hr.employee.skill", [caces], {"x_expiry": "2027-03-31"})
    pull(store, gateway, expiry_field="x_expiry")
    assert certifications(store)[0].valid_to == date(2027, 3, 31)


def test_an_unknown_expiry_field_is_one_clear_error(store, gateway, caces):
    with pytest.raises(OdooFieldError, match="hr.employee.skill has no field 'x_nope'"):
        pull(store, gateway, expiry_field="x_nope")


def test_certificates_of_types_odoo_does_not_know_are_kept(store, gateway, caces):
    with store.session() as repo:
        repo.people.save_certification_type(CertificationType(code="HAB-ELEC", name="Habilitation",
                                                              levels=["B1V", "BR"]))
        held = Certification(type="HAB-ELEC", level="BR", valid_from=date(2025, 1, 6), valid_to=date(2028, 1, 5))
        repo.people.add_employee(own_employee("E900", "Ronnie Hart", certifications=[held]))
        repo.odoo.link("test", "hr.employee", "E900", RONNIE)
    pull(store, gateway)
    got = {c.type: c for c in certifications(store, "E900")}
    assert got["HAB-ELEC"] == held and got["CACES-R489"].level == "3"
