"""Pull from the test Odoo (in memory) into a store, then push a published week back as calendar events."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from consortium.members import Member, Site
from integrations.odoo.pull import pull_employees, pull_leaves
from integrations.odoo.push import push_plan
from integrations.store import open_store
from sharing.plans import Assignment, Plan
from sharing.requests import Request
from consortium.weeks import parse_week

WEEK = "2026-W49"


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    with s.session() as repo:
        repo.people.add_member(Member(code="ACME", legal_name="Acme SA", siret="73282932000074",
                                      sites=[Site(code="MAIN", name="Usine", latitude=45.0, longitude=4.0)]))
    yield s
    s.close()


def publish_week(store, employees=("E001", "E003", "E004")):
    with store.session() as repo:
        assignments = []
        for n, code in enumerate(employees):
            day = date(2026, 11, 30 + n) if n == 0 else date(2026, 12, n)
            repo.plans.save_request(Request(code=f"R-ACME-{n:04d}", member="ACME", site="MAIN", skill="FRENCH",
                                            day=day, start=time(8), end=time(12)))
            assignments.append(Assignment(employee=code, request=f"R-ACME-{n:04d}", member="ACME", site="MAIN",
                                          start=datetime.combine(day, time(8)), end=datetime.combine(day, time(12))))
        repo.plans.save_plan(Plan(week=WEEK, status="published", assignments=assignments))


def pull(store, gateway):
    with store.session() as repo:
        pull_employees(repo, gateway, "test", today=date(2026, 11, 1))
        pull_leaves(repo, gateway, "test")


def events(gateway):
    return gateway.search_read("calendar.event", [("description", "ilike", "mutualis:")],
                               ["name", "start", "partner_ids"])


def test_pull_then_push_keeps_names_skills_and_leaves(store, gateway):
    pull(store, gateway)
    publish_week(store)
    with store.session() as repo:
        assert repo.people.get_employee("E001").name == "Mitchell Admin"
        assert repo.people.get_employee("E001").skills == {"FRENCH": 1, "ENGLISH": 2}
        assert len(repo.people.list_absences("E004")) == 2
        _plan, report = push_plan(repo, gateway, "test", parse_week(WEEK))
    assert report.created == 3 and report.ok
    pushed = {e["name"]: e for e in events(gateway)}
    mitchell = pushed["Acme SA — R-ACME-0000"]
    assert mitchell["start"] == "2026-11-30 07:00:00"  # 08:00 in Paris is 07:00 UTC
    assert mitchell["partner_ids"] == [3]  # the work contact pulled from hr.employee
    with store.session() as repo:  # pulling again finds everything unchanged
        again = pull_employees(repo, gateway, "test")
        assert again.created == again.updated == 0 and again.unchanged == 20


def test_pushing_the_same_week_twice_creates_nothing_the_second_time(store, gateway):
    pull(store, gateway)
    publish_week(store)
    with store.session() as repo:
        push_plan(repo, gateway, "test", parse_week(WEEK))
        _plan, second = push_plan(repo, gateway, "test", parse_week(WEEK))
    assert (second.created, second.updated, second.deleted, second.unchanged) == (0, 0, 0, 3)


def test_a_cancelled_assignment_disappears_and_other_weeks_stay(store, gateway):
    pull(store, gateway)
    publish_week(store)
    other = gateway.create("calendar.event", [{"name": "x", "start": "2026-12-20 08:00:00",
                                               "stop": "2026-12-20 09:00:00"}])[0]
    gateway.bind_external_ids("calendar.event", {"assignment_2026-W52_E009_R-X": other})
    with store.session() as repo:
        push_plan(repo, gateway, "test", parse_week(WEEK))
        plan = repo.plans.get_plan(parse_week(WEEK))
        repo.plans.save_plan(plan.model_copy(update={"assignments": plan.assignments[:2]}))
        _plan, report = push_plan(repo, gateway, "test", parse_week(WEEK))
    assert report.deleted == 1 and len(events(gateway)) == 2
    assert gateway.get_external_ids("calendar.event", ["assignment_2026-W52_E009_R-X"])


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_push_cut_halfway_then_rerun_leaves_one_event_per_assignment(store, gateway, odoo, when):
    pull(store, gateway)
    publish_week(store)
    odoo.arm()
    odoo.faults.drop(after=4, times=None, when=when)
    with store.session() as repo:
        _plan, cut = push_plan(repo, gateway, "test", parse_week(WEEK))
    assert not cut.ok
    odoo.faults.clear()
    with store.session() as repo:
        _plan, rerun = push_plan(repo, gateway, "test", parse_week(WEEK))
    assert rerun.ok
    assert len(events(gateway)) == 3
    assert len(gateway.get_external_ids("calendar.event")) == 3


def test_a_dry_run_changes_nothing(store, gateway, odoo):
    pull(store, gateway)
    publish_week(store)
    before = gateway.search_count("calendar.event")
    with store.session() as repo:
        plan, report = push_plan(repo, gateway, "test", parse_week(WEEK), dry_run=True)
    assert report.dry_run and report.created == 3 and "+ mutualis.assignment_2026-W49_E001_R-ACME-0000" in str(plan)
    assert gateway.search_count("calendar.event") == before


def test_an_unpublished_week_is_refused(store, gateway):
    from consortium.errors import InvalidInput

    with store.session() as repo, pytest.raises(InvalidInput, match="not published"):
        push_plan(repo, gateway, "test", parse_week(WEEK))
