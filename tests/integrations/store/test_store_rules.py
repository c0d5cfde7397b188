"""Upserts, clear NotFound / AlreadyExists / InvalidInput messages, removals refused while referenced."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from store_samples import make_employee, make_request

from consortium.members import Site
from sharing.absences import Absence
from consortium.errors import AlreadyExists, InvalidInput, NotFound
from consortium.weeks import parse_week


def test_unknown_codes_are_not_found_and_taken_codes_already_exist(seeded, acier, employee, request_):
    for part, method in [("people", "get_member"), ("people", "get_employee"), ("plans", "get_request"),
                         ("people", "remove_member"), ("people", "remove_employee"), ("plans", "remove_request")]:
        what = method.split("_")[1]
        with seeded.session() as repo, pytest.raises(NotFound, match=f"^no {what} 'NOPE'$"):
            getattr(getattr(repo, part), method)("nope")
    for part, method, obj, message in [("people", "add_member", acier, "member ACIER already exists"),
                                       ("people", "add_employee", employee, "employee E001 already exists"),
                                       ("plans", "add_request", request_, "request R-ACIER-0001 already exists")]:
        with seeded.session() as repo, pytest.raises(AlreadyExists, match=f"^{message}$"):
            getattr(getattr(repo, part), method)(obj)


def test_unknown_references_and_money_beyond_four_decimals_are_invalid_input(seeded, acier, employee, request_):
    cases = [
        ("add_member", acier.model_copy(update={"code": "NEW", "sites": [
            Site(code="S", name="S", latitude=1, longitude=1, authorisation_required_for=["WELD"])]}),
         "member NEW: field sites.authorisation_required_for: unknown skill 'WELD'"),
        ("add_employee", employee.model_copy(update={"code": "E9", "skills": {"MIG": 1}}),
         "employee E9: field skills: unknown skill 'MIG'"),
        ("add_employee", make_employee("E9", members=["GHOST"]),
         "employee E9: field contract.members: unknown member 'GHOST'"),
        ("save_employee", employee.model_copy(update={"contract": employee.contract.model_copy(
            update={"sites": ["ACIER/ROOF"]})}), "employee E001: field contract.sites: unknown site 'ACIER/ROOF'"),
        ("add_request", make_request("R2", date(2026, 12, 2), site="ROOF"),
         "request R2: field site: member ACIER has no site 'ROOF'"),
        ("add_request", make_request("R2", date(2026, 12, 2), member="GHOST"),
         "request R2: field member: unknown member 'GHOST'"),
    ]
    for method, obj, message in cases:
        with seeded.session() as repo, pytest.raises(InvalidInput, match=f"^{message}$"):
            getattr(repo.plans if method == "add_request" else repo.people, method)(obj)
    with seeded.session() as repo, pytest.raises(InvalidInput, match="field hourly_cost: 25.12345 does not fit"):
        repo.people.save_employee(employee.model_copy(update={"hourly_cost": Decimal("25.12345")}))


def test_save_member_replaces_sites_but_refuses_to_drop_a_site_in_use(seeded, acier):
    renamed = acier.model_copy(update={"legal_name": "Aciéries SAS", "sites": [
        acier.sites[0].model_copy(update={"name": "Works"}),
        Site(code="NORTH", name="North", latitude=46, longitude=5)]})
    with seeded.session() as repo:
        repo.people.save_member(renamed)
    with seeded.session() as repo:
        assert repo.people.get_member("ACIER") == renamed
        assert repo.plans.get_request("R-ACIER-0001").site == "MAIN"
    with seeded.session() as repo, pytest.raises(
            InvalidInput, match="^member ACIER: site MAIN cannot go: 1 request and 1 employee contract and "
                                "1 site authorisation still name it$"):
        repo.people.save_member(acier.model_copy(update={"sites": []}))


def test_save_employee_replaces_contract_members_skills_and_certifications(seeded, employee):
    changed = employee.model_copy(update={
        "contract": employee.contract.model_copy(update={"members": ["ACIER"], "sites": []}),
        "skills": {"TIG": 1}, "certifications": [], "site_authorisations": [],
        "preferences": employee.preferences.model_copy(update={"avoided_members": []}),
    })
    with seeded.session() as repo:
        repo.people.save_employee(changed)
        repo.people.save_employee(make_employee("E002"))
    with seeded.session() as repo:
        assert repo.people.list_employees() == [changed, make_employee("E002")]


def test_members_still_referenced_cannot_be_removed(seeded):
    with seeded.session() as repo, pytest.raises(
            InvalidInput, match="^member ACIER still has 1 request and 1 employee listing it$"):
        repo.people.remove_member("ACIER")
    with seeded.session() as repo, pytest.raises(
            InvalidInput, match="^member BOIS still has 0 requests and 1 employee listing it$"):
        repo.people.remove_member("BOIS")


def test_unreferenced_member_employee_and_request_are_removed(seeded):
    with seeded.session() as repo:
        repo.plans.remove_request("R-ACIER-0001")
        repo.people.remove_employee("E001")
        repo.people.remove_member("BOIS")
    with seeded.session() as repo:
        assert [m.code for m in repo.people.list_members()] == ["ACIER"]
        assert repo.counts() == {"members": 1, "sites": 2, "employees": 0, "absences": 0, "requests": 0,
                                 "plans": 0, "assignments": 0}


def test_employees_and_requests_in_a_plan_cannot_be_removed(seeded, plan):
    with seeded.session() as repo:
        repo.plans.save_plan(plan)
    with (seeded.session() as repo,
          pytest.raises(InvalidInput, match="^employee E001 still has 2 assignments in plans$")):
        repo.people.remove_employee("E001")
    with seeded.session() as repo, pytest.raises(
            InvalidInput, match="^request R-ACIER-0001 is still assigned in the plan of 2026-W49$"):
        repo.plans.remove_request("R-ACIER-0001")


def test_absences_ignore_exact_duplicates_filter_by_overlap_and_upsert_on_replace(seeded, absence):
    later = Absence(employee="E001", kind="sickness", start=datetime(2026, 12, 10), end=datetime(2026, 12, 12))
    with seeded.session() as repo:
        repo.people.add_absence(absence)
        repo.people.add_absence(later)
    with seeded.session() as repo:
        assert repo.people.list_absences() == [absence, later]
        assert repo.people.list_absences(employee="e001", start=datetime(2026, 12, 3, 17, 30, 15)) == [later]
        assert repo.people.list_absences(end=datetime(2026, 12, 1, 8)) == []
        assert repo.people.list_absences(start=datetime(2026, 12, 2), end=datetime(2026, 12, 11)) == [absence, later]
    with seeded.session() as repo, pytest.raises(AlreadyExists, match="already exists with another note"):
        repo.people.add_absence(absence.model_copy(update={"note": "other"}))
    with seeded.session() as repo, pytest.raises(NotFound, match="^no employee 'E404'$"):
        repo.people.add_absence(absence.model_copy(update={"employee": "E404"}))
    renoted = absence.model_copy(update={"note": "moved"})
    other = absence.model_copy(update={"kind": "leave"})
    with seeded.session() as repo:
        repo.people.replace_absences([renoted, other])
    with seeded.session() as repo:
        assert repo.people.list_absences() == [other, renoted, later]


def test_list_requests_by_week_and_member_and_save_request_replaces_by_code(seeded, request_):
    monday, sunday, next_monday = (make_request(c, d) for c, d in [
        ("R-MON", date(2026, 11, 30)), ("R-SUN", date(2026, 12, 6)), ("R-NEXT", date(2026, 12, 7))])
    with seeded.session() as repo:
        for r in (next_monday, sunday, monday):
            repo.plans.add_request(r)
    with seeded.session() as repo:
        assert repo.plans.list_requests(parse_week("2026-W49")) == [monday, request_, sunday]
        assert repo.plans.list_requests(parse_week("2026-W50"), member="ACIER") == [next_monday]
        assert repo.plans.list_requests(member="ACIER")[-1] == next_monday
        assert repo.plans.list_requests(parse_week("2026-W48")) == []
        with pytest.raises(NotFound, match="^no member 'BOISE'$"):
            repo.plans.list_requests(member="BOISE")
    changed = request_.model_copy(update={"headcount": 1, "certifications": [], "note": ""})
    with seeded.session() as repo:
        repo.plans.save_request(changed)
    with seeded.session() as repo:
        assert repo.plans.get_request(changed.code) == changed
        assert len(repo.plans.list_requests()) == 4


def test_a_week_has_one_plan_that_save_plan_replaces_and_unknown_employees_are_refused(seeded, plan):
    week = parse_week("2026-W49")
    with seeded.session() as repo:
        assert repo.plans.get_plan(week) is None
        repo.plans.save_plan(plan)
    replan = plan.model_copy(update={"status": "draft", "assignments": plan.assignments[1:], "objective": None})
    with seeded.session() as repo:
        repo.plans.save_plan(replan)
    with seeded.session() as repo:
        assert repo.plans.get_plan(week) == replan
        assert repo.plans.get_plan(week.shift(1)) is None
        assert repo.counts()["plans"] == 1 and repo.counts()["assignments"] == 1
    bad = plan.model_copy(update={"assignments": [plan.assignments[0].model_copy(update={"employee": "E404"})]})
    with (seeded.session() as repo,
          pytest.raises(InvalidInput, match="^plan 2026-W49: assignment 1: unknown employee 'E404'$")):
        repo.plans.save_plan(bad)
