"""The test server answers odoolib the way Odoo 17 does, over XML-RPC and JSON-RPC."""

from __future__ import annotations

import xmlrpc.client

import odoolib
import pytest
from odoolib.tools import AuthenticationError, JsonRPCException


def odoo_error(call):
    """Run ``call``; return (kind, message) of the Odoo error it raised, for either protocol."""
    try:
        call()
    except xmlrpc.client.Fault as fault:
        return fault.faultCode, fault.faultString
    except JsonRPCException as exc:
        return exc.error["data"]["name"], exc.error["data"]["message"]
    raise AssertionError("no error raised")


def test_version_answers_like_odoo_17(odoo_client):
    version = odoo_client.get_service("common").version()
    assert version["server_serie"] == "17.0"
    assert version["protocol_version"] == 1


def test_login_returns_the_admin_uid(odoo_client):
    assert odoo_client.user_id == 2


def test_wrong_password_fails_login(odoo_server, protocol):
    client = odoolib.get_connection(hostname=odoo_server.host, port=odoo_server.port, protocol=protocol,
                                    database=odoo_server.database, login="admin", password="nope")
    with pytest.raises(AuthenticationError):
        client.check_login()


def test_execute_kw_with_a_wrong_password_is_access_denied(odoo_server, odoo_client):
    obj = odoo_client.get_service("object")
    kind, message = odoo_error(lambda: obj.execute_kw(odoo_server.database, 2, "bad", "res.partner", "search", [[]]))
    assert kind in ("AccessDenied", "odoo.exceptions.AccessDenied")


EVENTS = "calendar.event"
OPERATOR_CASES = [
    ([("allday", "=", False)], [1, 2, 3, 4, 6]),
    ([("user_id", "!=", 2)], [2, 4, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20]),
    ([("id", "in", [3, 4, 99])], [3, 4]),
    ([("privacy", "not in", ["confidential"])], [1, 2, 3, 4, 5, 6, 7]),
    ([("duration", "<", 3.0)], [4, 5]),
    ([("duration", "<=", 3.0)], [3, 4, 5]),
    ([("duration", ">", 40.0)], [14]),
    ([("duration", ">=", 40.0)], [9, 11, 14]),
    ([("name", "like", "Discussion")], [3]),
    ([("name", "ilike", "discussion")], [2, 3]),
    ([("name", "=like", "Presentation%")], [6, 7]),
    ([("name", "=ilike", "presentation%calendar")], [7]),
    ([("name", "not ilike", "time off")], [1, 2, 3, 4, 5, 6, 7]),
    ([("user_id", "=", False)], [9, 10, 11, 14, 15, 16, 17]),
    ([("user_id", "=", "Marc Demo"), ("allday", "=", False)], [2, 4, 6]),
    (["|", ("duration", ">", 40.0), ("id", "=", 1)], [1, 14]),
    (["!", ("allday", "=", True)], [1, 2, 3, 4, 6]),
    (["&", ("allday", "=", True), "|", ("partner_ids", "in", [12]), ("duration", "=", 8.0)], [7, 16, 17]),
    ([("start", ">=", "2026-12-01"), ("start", "<", "2027-01-01")], [10, 12, 16, 19]),
    ([("user_id.name", "ilike", "mitchell")], [1, 3, 5, 8, 18]),
    ([("location", "=", False), ("id", "<=", 2)], [1, 2]),
]


@pytest.mark.parametrize(("domain", "expected"), OPERATOR_CASES, ids=[repr(d) for d, _ in OPERATOR_CASES])
def test_search_understands_each_domain_operator(odoo_client, domain, expected):
    assert odoo_client.get_model(EVENTS).search(domain) == expected


def test_search_pages_and_orders(odoo_client):
    events = odoo_client.get_model(EVENTS)
    assert events.search([], 0, 3, "duration desc, id") == [14, 9, 11]
    assert events.search([], offset=18) == [19, 20]
    assert events.search_count([("allday", "=", True)]) == 15


def test_search_read_returns_many2one_pairs_and_x2many_ids(odoo_server, odoo_client):
    obj = odoo_client.get_service("object")
    rows = obj.execute_kw(odoo_server.database, 2, "admin", EVENTS, "search_read",
                          [[("id", "in", [2, 9])]], {"fields": ["user_id", "partner_ids"]})
    assert rows == [{"id": 2, "user_id": [6, "Marc Demo"], "partner_ids": [11, 12]},
                    {"id": 9, "user_id": False, "partner_ids": [43]}]


def test_archived_records_are_hidden_unless_asked(odoo_client):
    employees = odoo_client.get_model("hr.employee")
    employees.write([1], {"active": False})
    assert 1 not in employees.search([])
    assert 1 in employees.search([("active", "in", [True, False])])
    assert 1 in employees.search([], context={"active_test": False})


def test_create_one_or_many_then_read_back(odoo_client):
    events = odoo_client.get_model(EVENTS)
    one = events.create({"name": "Soudure", "start": "2026-12-01 08:00:00", "stop": "2026-12-01 12:00:00",
                         "user_id": 2, "partner_ids": [(6, 0, [3, 9])]})
    many = events.create([{"name": f"Poste {i}", "start": "2026-12-02 08:00:00",
                           "stop": "2026-12-02 12:00:00"} for i in range(3)])
    assert isinstance(one, int) and len(many) == 3 and one not in many
    record = events.read([one], ["name", "user_id", "partner_ids", "location"])[0]
    assert record == {"id": one, "name": "Soudure", "user_id": [2, "Mitchell Admin"],
                      "partner_ids": [3, 9], "location": False}


def test_write_applies_x2many_commands(odoo_client):
    events = odoo_client.get_model(EVENTS)
    events.write([1], {"partner_ids": [(4, 7)], "location": "Atelier B"})
    assert events.read([1], ["partner_ids", "location"])[0]["partner_ids"] == [9, 7]
    events.write([1], {"partner_ids": [(6, 0, [3])]})
    assert events.read([1], ["partner_ids"])[0]["partner_ids"] == [3]
    events.write([1], {"attendee_ids": [(0, 0, {"partner_id": 3})]})
    assert len(events.read([1], ["attendee_ids"])[0]["attendee_ids"]) == 2


def test_unlink_removes_records_and_their_external_ids(odoo_client):
    events, data = odoo_client.get_model(EVENTS), odoo_client.get_model("ir.model.data")
    data.create({"module": "mutualis", "name": "ev1", "model": EVENTS, "res_id": 5})
    assert events.unlink([5]) is True
    assert events.search([("id", "=", 5)]) == []
    assert data.search([("module", "=", "mutualis")]) == []


def test_external_ids_are_unique_per_module(odoo_client):
    data = odoo_client.get_model("ir.model.data")
    data.create({"module": "mutualis", "name": "ev1", "model": EVENTS, "res_id": 5})
    kind, message = odoo_error(lambda: data.create({"module": "mutualis", "name": "ev1", "model": EVENTS,
                                                    "res_id": 6}))
    assert "ir_model_data_module_name_uniq_index" in f"{kind} {message}"


def test_fields_get_filters_attributes(odoo_client):
    fields = odoo_client.get_model("hr.employee").fields_get(["name", "parent_id"], ["type", "relation"])
    assert fields == {"name": {"type": "char"}, "parent_id": {"type": "many2one", "relation": "hr.employee"}}


def test_ir_model_lists_installed_models(odoo_client):
    models = odoo_client.get_model("ir.model")
    assert models.search_count([("model", "=", "hr.leave")]) == 1
    assert models.search_count([("model", "=", "planning.slot")]) == 0


def test_name_search(odoo_client):
    assert odoo_client.get_model("hr.employee").name_search("mitchell") == [[1, "Mitchell Admin"]]


def test_unknown_field_is_a_value_error_like_odoo(odoo_client, protocol):
    events = odoo_client.get_model(EVENTS)
    kind, message = odoo_error(lambda: events.read([1], ["foo"]))
    if protocol == "jsonrpc":
        assert (kind, message) == ("builtins.ValueError", "Invalid field 'foo' on model 'calendar.event'")
    else:
        assert kind == "Invalid field 'foo' on model 'calendar.event'"
        assert message.strip().endswith("ValueError: Invalid field 'foo' on model 'calendar.event'")


def test_unknown_field_in_a_domain_names_the_leaf(odoo_client):
    kind, message = odoo_error(lambda: odoo_client.get_model(EVENTS).search([("foo", "=", 1)]))
    assert "Invalid field calendar.event.foo in leaf ('foo', '=', 1)" in f"{kind} {message}"


@pytest.mark.parametrize(("vals", "text"), [
    ({"duration": "long"}, "could not convert string to float: 'long'"),
    ({"user_id": "Marc"}, "Wrong value for calendar.event.user_id: 'Marc'"),
    ({"privacy": "secret"}, "Wrong value for calendar.event.privacy: 'secret'"),
    ({"start": "tomorrow"}, "does not match format"),
])
def test_wrong_value_types_are_rejected_and_nothing_is_written(odoo_client, vals, text):
    events = odoo_client.get_model(EVENTS)
    before = events.read([1], list(vals))
    kind, message = odoo_error(lambda: events.write([1], vals))
    assert text in f"{kind} {message}"
    assert events.read([1], list(vals)) == before


def test_missing_model_is_a_user_error(odoo_client, protocol):
    kind, message = odoo_error(lambda: odoo_client.get_model("planning.slot").search([]))
    if protocol == "jsonrpc":
        assert (kind, message) == ("odoo.exceptions.UserError", "Object planning.slot doesn't exist")
    else:
        assert kind == "warning -- UserError\n\nObject planning.slot doesn't exist"


def test_private_and_unknown_methods_are_refused(odoo_client):
    events = odoo_client.get_model(EVENTS)
    assert "cannot be called remotely" in str(odoo_error(lambda: events._read([1])))
    assert "does not exist on the model" in str(odoo_error(events.frobnicate))


def test_denied_model_raises_access_error(odoo_server, odoo_client, protocol):
    odoo_server.faults.denied["hr.employee"] = {"write"}
    employees = odoo_client.get_model("hr.employee")
    assert employees.search([("id", "=", 1)]) == [1]
    kind, message = odoo_error(lambda: employees.write([1], {"name": "X"}))
    assert "You are not allowed to modify 'Employee' (hr.employee) records." in f"{kind} {message}"
    assert "AccessError" in str(kind)


def test_revoked_access_raises_access_denied(odoo_server, odoo_client):
    odoo_server.faults.deny_all = True
    kind, message = odoo_error(lambda: odoo_client.get_model(EVENTS).search([]))
    assert "AccessDenied" in str(kind)


def test_each_server_has_its_own_records(odoo_catalog):
    from integrations.odoo.testing import OdooTestServer
    with OdooTestServer(odoo_catalog) as first, OdooTestServer(odoo_catalog) as second:
        first.db.table(EVENTS).clear()
        assert second.db.table(EVENTS) and first.port != second.port
