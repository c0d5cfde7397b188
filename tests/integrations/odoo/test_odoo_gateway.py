"""The gateway through odoolib against the loopback test server: calls, batching, errors, retries, timeouts."""

from __future__ import annotations

import pytest

from integrations.odoo import (OdooAccessError, OdooAuthError, OdooConnection, OdooConnectionError,
                               OdooFieldError, OdooGateway, OdooMissingModel, OdooMissingModule,
                               OdooMissingRecord, OdooValueError, RetryPolicy, Secret)

FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.001)

EVENTS = "calendar.event"


def object_calls(server, method):
    return [c for c in server.calls if c[:2] == ("object", "execute_kw") and c[-1] == method]


def test_logs_in_once_and_reuses_the_connection(server_gateway, odoo_server):
    assert server_gateway.login() == 2
    server_gateway.search_count(EVENTS)
    server_gateway.search_count(EVENTS)
    assert [c for c in odoo_server.calls if c[0] == "common"] == [("common", "login")]


def test_version(server_gateway):
    assert server_gateway.version()["server_serie"] == "17.0"


def test_search_read_is_one_call_per_page(server_gateway, odoo_server):
    rows = server_gateway.search_read(EVENTS, [("allday", "=", True)], ["name", "user_id"], batch=4)
    assert [r["id"] for r in rows] == [5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]
    assert rows[0]["user_id"] == [2, "Mitchell Admin"]
    assert len(object_calls(odoo_server, "search_read")) == 4
    assert object_calls(odoo_server, "read") == [] and object_calls(odoo_server, "search") == []


def test_search_read_stops_at_the_limit(server_gateway):
    assert len(server_gateway.search_read(EVENTS, [], ["name"], batch=3, limit=5)) == 5


def test_create_sends_batches_of_values(server_gateway, odoo_server):
    vals = [{"name": f"Poste {i}", "start": "2026-12-01 08:00:00", "stop": "2026-12-01 12:00:00"}
            for i in range(7)]
    ids = server_gateway.create(EVENTS, vals, batch=3)
    assert len(ids) == 7 and len(set(ids)) == 7
    assert len(object_calls(odoo_server, "create")) == 3
    assert server_gateway.search_count(EVENTS, [("name", "=like", "Poste %")]) == 7


def test_write_and_unlink(server_gateway):
    server_gateway.write(EVENTS, [1, 2], {"location": "Atelier"})
    assert server_gateway.search(EVENTS, [("location", "=", "Atelier")]) == [1, 2]
    server_gateway.unlink(EVENTS, [1])
    assert server_gateway.search(EVENTS, [("location", "=", "Atelier")]) == [2]


def test_fields_get_is_cached(server_gateway, odoo_server):
    assert server_gateway.fields_get("hr.employee")["parent_id"]["relation"] == "hr.employee"
    server_gateway.fields_get("hr.employee")
    assert len(object_calls(odoo_server, "fields_get")) == 1


def test_installed_models_and_modules(server_gateway):
    assert server_gateway.installed("hr.leave") and server_gateway.installed("hr_holidays")
    assert not server_gateway.installed("planning.slot") and not server_gateway.installed("planning")
    with pytest.raises(OdooMissingModule, match="module planning is not installed"):
        server_gateway.require("hr", "planning")


def test_external_ids_round_trip(server_gateway):
    assert server_gateway.bind_external_ids(EVENTS, {"ev-a": 1, "ev-b": 2}) == 2
    assert server_gateway.get_external_ids(EVENTS, ["ev-a", "ev-b", "ev-c"]) == {"ev-a": 1, "ev-b": 2}
    assert server_gateway.bind_external_ids(EVENTS, {"ev-a": 3, "ev-b": 2}) == 1
    assert server_gateway.get_external_ids(EVENTS) == {"ev-a": 3, "ev-b": 2}


def test_unknown_field_is_caught_before_calling(server_gateway, odoo_server):
    with pytest.raises(OdooFieldError) as caught:
        server_gateway.search_read("hr.employee", [("foo", "=", 1)], ["name"])
    message = str(caught.value)
    assert "\n" not in message and "hr.employee" in message and "'foo'" in message
    assert object_calls(odoo_server, "search_read") == []


def test_unknown_field_reported_by_the_server_is_a_field_error(odoo_connection):
    server_gateway = OdooGateway(odoo_connection, retry=FAST_RETRY, check_fields=False)
    with pytest.raises(OdooFieldError) as caught:
        server_gateway.write(EVENTS, [1], {"foo": 1})
    assert str(caught.value) == f"Odoo {EVENTS}.write: Invalid field 'foo' on model '{EVENTS}'"


def test_wrong_value_type_is_a_value_error(server_gateway):
    with pytest.raises(OdooValueError, match=r"Wrong value for calendar.event.user_id: 'Marc'"):
        server_gateway.write(EVENTS, [1], {"user_id": "Marc"})


def test_missing_record_and_missing_model(server_gateway):
    with pytest.raises(OdooMissingRecord, match="Record does not exist or has been deleted"):
        server_gateway.write(EVENTS, [999], {"location": "x"})
    with pytest.raises(OdooMissingModel, match="model planning.slot is not installed"):
        server_gateway.search_count("planning.slot")


def test_bad_credentials_raise_auth_error(odoo_connection, monkeypatch):
    monkeypatch.setenv(odoo_connection.secret.partition(":")[2], "wrong")
    with pytest.raises(OdooAuthError, match="refused login 'admin'"):
        OdooGateway(odoo_connection, retry=FAST_RETRY).login()


def test_revoked_access_is_an_auth_error_and_denied_model_an_access_error(server_gateway, odoo_server):
    server_gateway.login()
    odoo_server.faults.denied["hr.employee"] = {"read"}
    with pytest.raises(OdooAccessError, match=r"not allowed to access 'Employee' \(hr.employee\)"):
        server_gateway.search_read("hr.employee", [], ["name"])
    odoo_server.faults.deny_all = True
    with pytest.raises(OdooAuthError):
        server_gateway.search_count(EVENTS)


def test_dropped_connections_are_retried(server_gateway, odoo_server):
    server_gateway.login()
    odoo_server.arm()
    odoo_server.faults.drop(after=0, times=2)
    assert len(server_gateway.search_read(EVENTS, [], ["name"])) == 20
    assert odoo_server.faults.dropped == 2


def test_answer_lost_after_the_server_ran_the_call_is_retried_when_safe(server_gateway, odoo_server):
    server_gateway.login()
    odoo_server.arm()
    odoo_server.faults.drop(after=0, times=1, when="after")
    server_gateway.write(EVENTS, [1], {"location": "Atelier"})
    assert server_gateway.search(EVENTS, [("location", "=", "Atelier")]) == [1]


def test_too_many_dropped_connections_raise_connection_error(server_gateway, odoo_server):
    server_gateway.login()
    odoo_server.arm()
    odoo_server.faults.drop(after=0, times=None)
    with pytest.raises(OdooConnectionError, match="calendar.event.search_count"):
        server_gateway.search_count(EVENTS)
    assert odoo_server.faults.dropped == server_gateway.retry.attempts


def test_a_create_whose_answer_is_lost_is_not_retried(server_gateway, odoo_server):
    server_gateway.login()
    server_gateway.fields_get(EVENTS)
    odoo_server.arm()
    odoo_server.faults.drop(after=0, times=1, when="after")
    with pytest.raises(OdooConnectionError, match="not retried"):
        server_gateway.create(EVENTS, [{"name": "Once", "start": "2026-12-01 08:00:00", "stop": "2026-12-01 09:00:00"}])
    assert server_gateway.search_count(EVENTS, [("name", "=", "Once")]) == 1


def test_server_down_raises_connection_error(odoo_server):
    connection = OdooConnection(name="down", url=odoo_server.url, database="gecoord", login="admin",
                                secret="env:UNUSED")
    odoo_server.stop()
    server_gateway = OdooGateway(connection, retry=RetryPolicy(attempts=2, base_delay=0.001), secret=Secret("admin"))
    with pytest.raises(OdooConnectionError, match="ConnectionRefusedError"):
        server_gateway.login()


@pytest.mark.parametrize("protocol", ["xmlrpc"])
def test_slow_answers_time_out_then_raise(odoo_connection, odoo_server):
    server_gateway = OdooGateway(odoo_connection, retry=RetryPolicy(attempts=2, base_delay=0.001), timeout=0.05)
    server_gateway.login()
    odoo_server.faults.delay = 0.2
    with pytest.raises(OdooConnectionError, match="timed out"):
        server_gateway.search_count(EVENTS)


def test_slow_answers_within_the_timeout_succeed(server_gateway, odoo_server):
    odoo_server.faults.delay = 0.05
    assert server_gateway.search_count(EVENTS) == 20


def test_unknown_database_is_an_auth_error(odoo_server, protocol):
    connection = OdooConnection(name="t", url=odoo_server.url, database="nope", login="admin",
                                protocol=protocol, secret="env:UNUSED")
    with pytest.raises(OdooAuthError, match='database "nope" does not exist'):
        OdooGateway(connection, retry=FAST_RETRY, secret=Secret("admin")).login()
