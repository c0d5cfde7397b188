"""A push cut at any RPC call, its reply lost or cut off after Odoo saved, is finished by the next run."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest

from integrations.odoo import OdooConnectionError, OdooGateway
from integrations.odoo.invoices import push_invoices
from integrations.odoo.testing import InMemoryOdoo

from tests.integrations.odoo.conftest import memory_gateway
from tests.integrations.odoo.test_odoo_push_invoices import MONTH, bill, ready, store  # noqa: F401 - the store fixture

EVENTS = "calendar.event"
BEFORE = bill(acme=("205.63", "50.00"), beta=())
AFTER = bill(acme=("205.63", "60.00", "7.77"), beta=("1000.00", "84.16"))
EXPECTED = {"ACME": ["205.63", "60.00", "7.77"], "BETA": ["1000.00", "84.16"]}


def gateway_for(server: InMemoryOdoo) -> OdooGateway:
    gateway = memory_gateway(server)
    gateway.login()
    return gateway


def push(store, gateway, lines):
    with store.session() as repo:
        return push_invoices(repo, gateway, "test", MONTH, lines)


def odoo_lines(gateway) -> dict[str, list[str]]:
    """Each member invoice's line subtotals, from every line Odoo holds on it."""
    out = {}
    for member in EXPECTED:
        ids = gateway.get_external_ids("account.move", [f"invoice_{MONTH}_{member}"])
        lines = gateway.search_read("account.move.line", [("move_id", "in", list(ids.values()))], ["price_subtotal"])
        out[member] = sorted(f"{line['price_subtotal']:.2f}" for line in lines)
    return out


def run_cut_at(catalog, tmp_store, call: int | None, when: str) -> tuple[int, dict, Decimal]:
    """Push BEFORE, then AFTER with the connection lost from RPC call ``call`` on; then push AFTER again."""
    server = InMemoryOdoo(catalog)
    gateway = gateway_for(server)
    ready(gateway)
    push(tmp_store, gateway, BEFORE)
    server.arm()
    if call is not None:
        server.faults.drop(after=call, times=None, when=when)
    try:
        _plan, report = push(tmp_store, gateway, AFTER)
        assert call is None or not report.ok or server.faults.dropped == 0
    except OdooConnectionError as exc:
        assert "unexpected" not in str(exc)
    calls = server._answered
    server.faults.clear()
    _plan, rerun = push(tmp_store, gateway, AFTER)
    assert rerun.ok, rerun.errors
    total = sum((Decimal(str(m["amount_untaxed"])) for m in gateway.search_read(
        "account.move", [("narration", "ilike", "mutualis:")], ["amount_untaxed"])), Decimal(0))
    return calls, odoo_lines(gateway), total


# The RPC calls of the push of AFTER over BEFORE (a read, a write, a create... each is one call).
CALLS = 21


def test_the_push_under_test_makes_calls_calls(odoo_catalog, store):
    calls, lines, total = run_cut_at(odoo_catalog, store, None, "after")
    assert calls == CALLS, "the push changed: set CALLS so that every call is cut below"
    assert (lines, total) == ({m: sorted(v) for m, v in EXPECTED.items()}, Decimal("1357.56"))


@pytest.mark.parametrize("call", range(CALLS))
@pytest.mark.parametrize("when", ["after", "cut", "empty"])
def test_a_push_cut_at_any_call_leaves_exactly_the_statement_after_a_rerun(odoo_catalog, store,
                                                                           when, call):
    _n, lines, total = run_cut_at(odoo_catalog, store, call, when)
    assert lines == {m: sorted(v) for m, v in EXPECTED.items()}
    assert total == Decimal("1357.56")


@pytest.mark.parametrize("when", ["cut", "empty"])
def test_a_cut_off_reply_is_a_connection_fault_retried_when_safe(server_gateway, odoo_server, when):
    # Over both protocols: what a cut XML or JSON reply raises is the wire's own.
    server_gateway.login()
    server_gateway.fields_get(EVENTS)
    odoo_server.arm()
    odoo_server.faults.drop(after=0, times=1, when=when)
    assert server_gateway.search_count(EVENTS) == 20  # a read is retried
    odoo_server.arm()
    odoo_server.faults.drop(after=0, times=1, when=when)
    with pytest.raises(OdooConnectionError, match=r"calendar.event.create: the reply was cut off or empty"
                                                  r" \((ExpatError|JSONDecodeError): .*\) \(not retried"):
        server_gateway.create(EVENTS, [{"name": "Once", "start": "2026-12-01 08:00:00",
                                        "stop": "2026-12-01 09:00:00"}])
    assert server_gateway.search_count(EVENTS, [("name", "=", "Once")]) == 1  # the server had saved it


def run_credit_note_cut_at(catalog, tmp_store, call: int | None) -> tuple[int, list[float]]:
    """A posted ACME invoice, then a --credit-notes push lost from call ``call`` on, then a re-run."""
    server = InMemoryOdoo(catalog)
    gateway = gateway_for(server)
    ready(gateway)
    push(tmp_store, gateway, BEFORE)
    move = gateway.get_external_ids("account.move", [f"invoice_{MONTH}_ACME"])[f"invoice_{MONTH}_ACME"]
    gateway.write("account.move", [move], {"state": "posted"})
    server.arm()
    if call is not None:
        server.faults.drop(after=call, times=None, when="after")
    with tmp_store.session() as repo, contextlib.suppress(OdooConnectionError):
        push_invoices(repo, gateway, "test", MONTH, bill(acme=("100.00",), beta=()), credit_notes=True)
    calls = server._answered
    server.faults.clear()
    with tmp_store.session() as repo:
        _plan, rerun = push_invoices(repo, gateway, "test", MONTH, bill(acme=("100.00",), beta=()),
                                     credit_notes=True)
    assert rerun.ok, rerun.errors
    ours = [("move_type", "=", "out_refund"), ("narration", "ilike", "mutualis:")]
    refunds = gateway.search_read("account.move", ours, ["amount_untaxed"])
    return calls, [r["amount_untaxed"] for r in refunds]


def test_a_credit_note_push_cut_at_any_call_makes_exactly_one_credit_note(odoo_catalog, store):
    calls, refunds = run_credit_note_cut_at(odoo_catalog, store, None)
    assert refunds == [155.63] and calls > 5  # 205.63 + 50.00 posted, 100.00 billed
    for call in range(calls):
        assert run_credit_note_cut_at(odoo_catalog, store, call)[1] == [155.63], f"cut at call {call}"
