"""Calendar events pushed without Odoo's invitation e-mails, attendees in batches, dry runs that tell the truth."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from integrations.odoo.push import push_plan
from sharing.plans import Assignment, Plan
from sharing.requests import Request
from consortium.weeks import parse_week
from tests.integrations.odoo.test_odoo_push import WEEK, publish_week, pull, store  # noqa: F401 - fixture

EVENTS = "calendar.event"


def queued_invitations(gateway) -> list[dict]:
    return gateway.search_read("mail.mail", [("model", "=", EVENTS)], ["subject", "recipient_ids", "state"])


@pytest.fixture
def before_the_week(odoo):
    """The server's clock on 1 November 2026: the pushed week is in the future, as when a plan is published."""
    odoo.db.clock = lambda: datetime(2026, 11, 1, 9, 0)


def test_the_test_server_queues_invitations_like_odoo_when_the_context_does_not_forbid_it(gateway, before_the_week):
    gateway.create(EVENTS, [{"name": "Soudure", "start": "2026-12-01 07:00:00", "stop": "2026-12-01 11:00:00",
                             "partner_ids": [[6, 0, [3, 9]]]}])
    # Partner 3 is the admin making the call: Odoo does not mail the author.
    assert [(m["subject"], m["recipient_ids"], m["state"]) for m in queued_invitations(gateway)] == [
        ("Invitation: Soudure", [9], "outgoing")]
    gateway.create(EVENTS, [{"name": "Quiet", "start": "2026-12-01 07:00:00", "stop": "2026-12-01 11:00:00",
                             "partner_ids": [[6, 0, [9]]]}], context={"no_mail_to_attendees": True})
    assert len(queued_invitations(gateway)) == 1
    assert gateway.search_count("calendar.attendee") >= 3


def test_a_pushed_week_sends_no_invitation_unless_notify(store, gateway, before_the_week):
    pull(store, gateway)
    publish_week(store)
    with store.session() as repo:
        _plan, report = push_plan(repo, gateway, "test", parse_week(WEEK))
    assert report.created == 3
    assert queued_invitations(gateway) == []
    assert gateway.search_count("mail.message", [("model", "=", EVENTS)]) == 0  # no chatter log either
    events = gateway.search_read(EVENTS, [("description", "ilike", "mutualis:")], ["attendee_ids"])
    assert all(e["attendee_ids"] for e in events)  # the attendees are there all the same


def test_notify_lets_odoo_invite_the_attendees(store, gateway, before_the_week):
    pull(store, gateway)
    publish_week(store)
    with store.session() as repo:
        push_plan(repo, gateway, "test", parse_week(WEEK), notify=True)
    # E001 is Mitchell Admin, the caller himself: the two others are invited.
    assert len(queued_invitations(gateway)) == 2


def one_employee_all_week(store, days: int = 5):
    with store.session() as repo:
        assignments = []
        for n in range(days):
            day = date(2026, 11, 30 + n) if n == 0 else date(2026, 12, n)
            repo.plans.save_request(Request(code=f"R-ACME-{n:04d}", member="ACME", site="MAIN", skill="FRENCH",
                                            day=day, start=time(8), end=time(12)))
            assignments.append(Assignment(employee="E003", request=f"R-ACME-{n:04d}", member="ACME", site="MAIN",
                                          start=datetime.combine(day, time(8)), end=datetime.combine(day, time(12))))
        repo.plans.save_plan(Plan(week=WEEK, status="published", assignments=assignments))


def test_attendees_added_to_existing_events_are_written_in_batches(store, gateway, odoo, before_the_week):
    pull(store, gateway)
    one_employee_all_week(store)
    with store.session() as repo:
        push_plan(repo, gateway, "test", parse_week(WEEK))
    pushed = list(gateway.get_external_ids(EVENTS).values())
    gateway.write(EVENTS, pushed, {"partner_ids": [[5, 0, 0]]})  # someone removed the attendee in Odoo
    odoo.calls.clear()
    with store.session() as repo:
        _plan, report = push_plan(repo, gateway, "test", parse_week(WEEK), batch=2)
    assert report.updated == 5
    writes = [c for c in odoo.calls if c[2:4] == (EVENTS, "write")]
    assert len(writes) == 3  # 5 events, 2 per call, all with the same attendee
    assert queued_invitations(gateway) == []


def test_a_dry_run_of_events_counts_what_the_real_run_does_even_after_a_cut(store, gateway, odoo):
    pull(store, gateway)
    publish_week(store)
    odoo.arm()
    odoo.faults.drop(after=5, times=None, when="after")  # the create ran, its external ids did not
    with store.session() as repo:
        _plan, cut = push_plan(repo, gateway, "test", parse_week(WEEK))
    assert not cut.ok
    odoo.faults.clear()
    with store.session() as repo:
        plan = repo.plans.get_plan(parse_week(WEEK))
        repo.plans.save_plan(plan.model_copy(update={"assignments": plan.assignments[1:]}))
        _plan, dry = push_plan(repo, gateway, "test", parse_week(WEEK), dry_run=True)
        _plan, real = push_plan(repo, gateway, "test", parse_week(WEEK))
    assert dry.adopted == 2 and real.ok
    counts = ("created", "updated", "deleted", "adopted", "unchanged")
    assert [getattr(dry, k) for k in counts] == [getattr(real, k) for k in counts]
