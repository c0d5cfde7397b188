"""The in-memory transport fails as the wire does: same exception, same one-line message, same retries."""

from __future__ import annotations

import pytest

from integrations.odoo import (OdooAccessError, OdooAuthError, OdooConnection, OdooConnectionError, OdooError,
                               OdooGateway, OdooMissingModel, OdooMissingRecord, OdooValueError, Secret)
from integrations.odoo.testing import InMemoryTransport

from tests.integrations.odoo.conftest import FAST_RETRY, memory_gateway

EVENTS = "calendar.event"


def failure(call) -> tuple[type, str]:
    with pytest.raises(OdooError) as caught:
        call()
    return type(caught.value), str(caught.value).replace("http://odoo.memory", "URL")


# Each case: what to do to a logged-in gateway, the Odoo instance it talks to, and the error class expected.
CASES = {
    "wrong value": (lambda g, o: g.write(EVENTS, [1], {"user_id": "Marc"}), OdooValueError),
    "missing record": (lambda g, o: g.write(EVENTS, [999], {"location": "x"}), OdooMissingRecord),
    "missing model": (lambda g, o: g.search_count("planning.slot"), OdooMissingModel),
    "denied model": (lambda g, o: o.faults.denied.update({EVENTS: {"read"}}) or g.search_count(EVENTS),
                     OdooAccessError),
    "revoked key": (lambda g, o: setattr(o.faults, "deny_all", True) or g.search_count(EVENTS), OdooAuthError),
}


@pytest.mark.parametrize("protocol", ["xmlrpc"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_odoos_errors_in_memory_are_those_of_the_wire(case, odoo, gateway, odoo_server, server_gateway):
    act, expected = CASES[case]
    gateway.login()
    server_gateway.login()
    in_memory = failure(lambda: act(gateway, odoo))
    on_the_wire = failure(lambda: act(server_gateway, odoo_server))
    assert in_memory[0] is expected
    assert in_memory == (on_the_wire[0], on_the_wire[1].replace(odoo_server.url, "URL"))


def test_an_unknown_database_and_a_wrong_password_are_auth_errors(odoo):
    def login(database: str, password: str) -> None:
        connection = OdooConnection(name="t", url="http://odoo.memory", database=database, login="admin")
        OdooGateway(connection, transport=InMemoryTransport(odoo), retry=FAST_RETRY, secret=Secret(password)).login()

    assert failure(lambda: login("nope", "admin"))[0] is OdooAuthError
    assert failure(lambda: login(odoo.database, "wrong")) == (
        OdooAuthError, f"Odoo URL refused login 'admin' on database '{odoo.database}'")


def test_dropped_connections_are_retried_but_never_a_create_that_ran(odoo, gateway):
    gateway.login()
    odoo.arm()
    odoo.faults.drop(after=0, times=2)
    assert gateway.search_count(EVENTS) == 20 and odoo.faults.dropped == 2
    gateway.fields_get(EVENTS)
    odoo.arm()
    odoo.faults.drop(after=0, times=1, when="after")
    with pytest.raises(OdooConnectionError, match="RemoteDisconnected.*not retried"):
        gateway.create(EVENTS, [{"name": "Once", "start": "2026-12-01 08:00:00", "stop": "2026-12-01 09:00:00"}])
    assert gateway.search_count(EVENTS, [("name", "=", "Once")]) == 1


def test_values_cross_as_xml_rpc_would_carry_them(odoo):
    gateway = memory_gateway(odoo)
    with pytest.raises(TypeError, match="cannot marshal None"):  # as odoolib's XML-RPC, before sending
        gateway.write(EVENTS, [1], {"location": None})
