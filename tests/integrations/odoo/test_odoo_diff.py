"""Idempotent pushes: plan, dry run, apply, and recovery from a push cut off halfway."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, UTC
from decimal import Decimal

import pytest

from integrations.odoo import OdooFieldError, apply, plan_sync, sync, to_wire

EVENTS = "calendar.event"
MARKER = "description"


def desired_events(count: int = 10, **changes) -> dict[str, dict]:
    events = {}
    for i in range(1, count + 1):
        events[f"slot-{i:02d}"] = {
            "name": f"Soudure poste {i}",
            "start": f"2026-12-{i:02d} 07:00:00",
            "stop": f"2026-12-{i:02d} 15:00:00",
            "user_id": 2 if i % 2 else 6,
            "partner_ids": [3, 9] if i % 3 else [7],
            "duration": 8.0,
        }
    for name, vals in changes.items():
        events[name.replace("_", "-")].update(vals)
    return events


def marked_events(gateway) -> Counter:
    rows = gateway.search_read(EVENTS, [(MARKER, "ilike", "mutualis:")], [MARKER])
    return Counter(row[MARKER] for row in rows)


def bindings(gateway) -> dict[str, int]:
    return gateway.get_external_ids(EVENTS)


def test_applying_twice_creates_nothing_the_second_time(gateway):
    first = sync(gateway, EVENTS, desired_events(), marker_field=MARKER)
    assert (first.created, first.unchanged, first.ok) == (10, 0, True)
    second = sync(gateway, EVENTS, desired_events(), marker_field=MARKER)
    assert (second.created, second.updated, second.unchanged, second.ok) == (0, 0, 10, True)
    assert gateway.search_count(EVENTS) == 30
    assert sorted(bindings(gateway)) == [f"slot-{i:02d}" for i in range(1, 11)]


def test_dry_run_changes_nothing_and_shows_the_diff(gateway, odoo):
    before = {model: dict(odoo.db.table(model)) for model in (EVENTS, "ir.model.data")}
    report = sync(gateway, EVENTS, desired_events(3), marker_field=MARKER, dry_run=True)
    assert (report.dry_run, report.created) == (True, 3)
    assert {model: dict(odoo.db.table(model)) for model in before} == before
    plan = plan_sync(gateway, EVENTS, desired_events(3), marker_field=MARKER)
    text = str(plan)
    assert text.splitlines()[0] == "calendar.event: 3 to create, 0 to update, 0 to delete, 0 unchanged"
    assert "+ mutualis.slot-01 name='Soudure poste 1'" in text


def test_only_changed_values_are_written(gateway):
    sync(gateway, EVENTS, desired_events(), marker_field=MARKER)
    changed = desired_events(slot_02={"name": "Meulage"}, slot_05={"user_id": 6, "partner_ids": [7, 3]})
    plan = plan_sync(gateway, EVENTS, changed, marker_field=MARKER)
    assert [(r.action, r.name, sorted(r.changes)) for r in plan.rows] == [
        ("update", "slot-02", ["name"]), ("update", "slot-05", ["partner_ids", "user_id"])]
    assert "~ mutualis.slot-02" in str(plan) and "'Soudure poste 2' -> 'Meulage'" in str(plan)
    report = apply(plan, gateway)
    assert (report.updated, report.unchanged) == (2, 8)
    assert plan_sync(gateway, EVENTS, changed, marker_field=MARKER).is_empty()


def test_prune_deletes_what_is_no_longer_desired(gateway):
    sync(gateway, EVENTS, desired_events(5), marker_field=MARKER)
    kept = desired_events(3)
    assert sync(gateway, EVENTS, kept, marker_field=MARKER).deleted == 0
    report = sync(gateway, EVENTS, kept, marker_field=MARKER, prune=True)
    assert (report.deleted, report.unchanged) == (2, 3)
    assert sorted(bindings(gateway)) == ["slot-01", "slot-02", "slot-03"]
    assert sum(marked_events(gateway).values()) == 3


def test_a_record_deleted_in_odoo_is_created_again(gateway, odoo):
    sync(gateway, EVENTS, desired_events(2), marker_field=MARKER)
    rid = bindings(gateway)["slot-01"]
    del odoo.db.table(EVENTS)[rid]  # deleted behind the ORM's back: the external id stays
    report = sync(gateway, EVENTS, desired_events(2), marker_field=MARKER)
    assert (report.created, report.unchanged) == (1, 1)
    assert bindings(gateway)["slot-01"] != rid
    assert len(gateway.search(EVENTS, [("id", "=", bindings(gateway)["slot-01"])])) == 1


def test_records_left_without_external_id_are_adopted(gateway):
    orphan = gateway.create(EVENTS, [{"name": "old", "start": "2026-12-01 07:00:00", "stop": "2026-12-01 15:00:00",
                                      MARKER: "<p>mutualis:slot-01</p>"}])[0]
    plan = plan_sync(gateway, EVENTS, desired_events(2), marker_field=MARKER)
    assert [(r.action, r.name, r.res_id) for r in plan.rows][0] == ("adopt", "slot-01", orphan)
    report = apply(plan, gateway)
    assert (report.adopted, report.created) == (1, 1)
    assert bindings(gateway)["slot-01"] == orphan
    assert gateway.read(EVENTS, [orphan], ["name"])[0]["name"] == "Soudure poste 1"


def _check_exactly_one_record_per_key(gateway, count):
    assert marked_events(gateway) == Counter({f"mutualis:slot-{i:02d}": 1 for i in range(1, count + 1)})
    bound = bindings(gateway)
    assert sorted(bound) == [f"slot-{i:02d}" for i in range(1, count + 1)]
    records = gateway.read(EVENTS, list(bound.values()), [MARKER])
    assert {r["id"]: r[MARKER] for r in records} == {rid: f"mutualis:{name}" for name, rid in bound.items()}
    assert plan_sync(gateway, EVENTS, desired_events(count), marker_field=MARKER).is_empty()


# apply() of 10 records in batches of 4 makes 9 calls: per batch a create, then the external ids'
# search_read and create. Cut the connection for good before or after each of them in turn.
@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("cut_after", range(9))
def test_a_push_cut_off_halfway_then_rerun_leaves_one_record_per_key(gateway, odoo, cut_after, when):
    plan = plan_sync(gateway, EVENTS, desired_events(10), marker_field=MARKER)
    odoo.arm()
    odoo.faults.drop(after=cut_after, times=None, when=when)
    broken = apply(plan, gateway, batch=4)
    assert not broken.ok and "Odoo" in broken.errors[0]
    odoo.faults.clear()
    rerun = sync(gateway, EVENTS, desired_events(10), marker_field=MARKER, batch=4)
    assert rerun.ok and rerun.created + rerun.adopted + rerun.unchanged == 10
    _check_exactly_one_record_per_key(gateway, 10)


@pytest.mark.parametrize("protocol", ["jsonrpc"])
def test_a_push_cut_off_over_jsonrpc_recovers_too(server_gateway, odoo_server):
    plan = plan_sync(server_gateway, EVENTS, desired_events(6), marker_field=MARKER)
    odoo_server.arm()
    odoo_server.faults.drop(after=3, times=None, when="after")
    assert not apply(plan, server_gateway, batch=2).ok
    odoo_server.faults.clear()
    assert sync(server_gateway, EVENTS, desired_events(6), marker_field=MARKER, batch=2).ok
    _check_exactly_one_record_per_key(server_gateway, 6)


def test_the_marker_field_is_reserved_and_fields_are_checked(gateway):
    with pytest.raises(ValueError, match="description is the sync marker"):
        plan_sync(gateway, EVENTS, {"a": {MARKER: "x"}}, marker_field=MARKER)
    with pytest.raises(OdooFieldError, match="calendar.event has no field 'colour'"):
        plan_sync(gateway, EVENTS, {"a": {"colour": 1}})
    with pytest.raises(ValueError, match="invalid external id name"):
        plan_sync(gateway, EVENTS, {"a b": {"name": "x"}})


def test_python_values_go_over_the_wire_as_odoo_expects():
    paris = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    assert to_wire(paris) == "2026-12-01 08:00:00"
    assert to_wire([Decimal("12.50"), None]) == [12.5, False]
