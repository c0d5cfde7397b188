"""Every kind of domain object comes back from the store equal to what was saved."""

from __future__ import annotations

from decimal import Decimal

from sharing.group import Catalogue
from sharing.settings import GroupSettings


def test_settings_are_the_defaults_until_saved_then_come_back_equal(store, settings):
    with store.session() as repo:
        assert repo.people.get_settings() == GroupSettings()
        repo.people.save_settings(settings)
    with store.session() as repo:
        assert repo.people.get_settings() == settings


def test_catalogue_comes_back_ordered_by_code(store, skills, cert_types):
    with store.session() as repo:
        for skill in reversed(skills):
            repo.people.save_skill(skill)
        repo.people.save_certification_type(cert_types[0])
    with store.session() as repo:
        assert repo.people.get_catalogue() == Catalogue(skills=skills, certification_types=cert_types)


def test_skill_and_certification_type_are_upserted_by_code(store, skills, cert_types):
    with store.session() as repo:
        repo.people.save_skill(skills[1])
        repo.people.save_certification_type(cert_types[0])
        repo.people.save_skill(skills[1].model_copy(update={"name": "GTAW", "levels": ["A", "B"]}))
        repo.people.save_certification_type(cert_types[0].model_copy(update={"ordered": False,
                                                                             "validity_months": None}))
    with store.session() as repo:
        catalogue = repo.people.get_catalogue()
    assert [(s.code, s.name, s.levels) for s in catalogue.skills] == [("TIG", "GTAW", ["A", "B"])]
    assert catalogue.certification_types[0].ordered is False
    assert catalogue.certification_types[0].validity_months is None


def test_members_and_employees_come_back_equal_ordered_by_code_with_money_to_the_cent(seeded, acier, bois, employee):
    with seeded.session() as repo:
        assert repo.people.get_member("ACIER") == acier
        assert repo.people.list_members() == [acier, bois]
        assert repo.people.get_employee("E001") == employee
        assert repo.people.list_employees() == [employee]
        assert str(repo.people.get_member("ACIER").billing_coefficient) == "1.10"
        assert str(repo.people.get_employee("E001").hourly_cost) == "25.50"


def test_absence_request_and_plan_come_back_equal(seeded, absence, request_, plan):
    with seeded.session() as repo:
        repo.plans.save_plan(plan)
    with seeded.session() as repo:
        assert repo.people.list_absences() == [absence]
        assert repo.plans.get_request("R-ACIER-0001") == request_
        assert repo.plans.get_plan(plan.week) == plan


def test_load_group_holds_everything_of_the_week(seeded, settings, skills, cert_types, acier, bois, employee,
                                                  absence, request_):
    from datetime import datetime

    from sharing.absences import Absence
    from consortium.weeks import parse_week

    far = Absence(employee="E001", start=datetime(2027, 3, 1), end=datetime(2027, 3, 2))
    early = Absence(employee="E001", start=datetime(2026, 11, 23, 8), end=datetime(2026, 11, 24))
    with seeded.session() as repo:
        repo.people.add_absence(far)
        repo.people.add_absence(early)
        group = repo.load_group(parse_week("2026-W49"))
        everything = repo.load_group()
    assert group.settings == settings
    assert group.catalogue.skills == skills and group.catalogue.certification_types == cert_types
    assert group.members == [acier, bois] and group.employees == [employee]
    assert group.absences == [early, absence] and group.requests == [request_]
    assert group.problems() == []
    assert everything.absences == [early, absence, far]
    assert repo_counts(seeded) == {"members": 2, "sites": 3, "employees": 1, "absences": 3, "requests": 1,
                                   "plans": 0, "assignments": 0}
    assert Decimal("1.10") == group.members[0].billing_coefficient


def repo_counts(store) -> dict[str, int]:
    with store.session() as repo:
        return repo.counts()
