"""Push a published week as ``calendar.event`` records, and a month's bill as draft customer invoices.

Both go through the sync planner (``diff.py``): every record has an external id
``mutualis.assignment_<week>_<employee>_<request>`` / ``mutualis.invoice_<month>_<member>[_<n>]``, so a
re-run updates instead of duplicating, an interrupted run is finished by the next one, and records
of that week (month) no longer wanted are deleted. Deletion is limited to the week's (month's)
prefix: other weeks are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping, Sequence

from integrations.store.odoo_tables import odoo_of
from sharing.errors import InvalidInput
from sharing.plans import Plan

from .diff import SyncPlan, SyncReport, apply, plan_sync
from .gateway import OdooGateway
from .mapping import local_to_utc

__all__ = ["InvoiceLine", "event_name", "desired_events", "push_plan", "desired_invoices", "push_invoices",
           "statement_lines", "plan_prefixed"]

EVENT_MARKER = "description"
INVOICE_MARKER = "narration"


def event_name(week: str, employee: str, request: str) -> str:
    """``assignment_2026-W49_E012_R-ACIER-0001``."""
    return f"assignment_{week}_{employee}_{request}"


def plan_prefixed(gateway: OdooGateway, model: str, desired: Mapping[str, Mapping], prefix: str,
                  marker_field: str | None) -> SyncPlan:
    """``plan_sync`` with ``prune``, keeping only deletions of names starting with ``prefix``."""
    plan = plan_sync(gateway, model, desired, marker_field=marker_field, prune=True)
    rows = tuple(r for r in plan.rows if r.action not in ("delete", "unbind") or r.name.startswith(prefix))
    return SyncPlan(plan.model, rows, plan.unchanged, plan.marker_field)


def desired_events(plan: Plan, legal_names: Mapping[str, str], partners: Mapping[str, int | None],
                   tz: str) -> dict[str, dict]:
    """The week's assignments as ``calendar.event`` values, keyed by external id name.

    An employee on the same request more than once in the week gets ``_2``, ``_3``... by start.
    """
    desired: dict[str, dict] = {}
    for a in sorted(plan.assignments, key=lambda x: (x.employee, x.request, x.start)):
        base = event_name(plan.week, a.employee, a.request)
        name, n = base, 1
        while name in desired:
            n += 1
            name = f"{base}_{n}"
        partner = partners.get(a.employee)
        desired[name] = {"name": f"{legal_names.get(a.member, a.member)} — {a.request}",
                         "start": local_to_utc(a.start, tz), "stop": local_to_utc(a.end, tz),
                         "location": f"{a.member}/{a.site}", "partner_ids": [partner] if partner else []}
    return desired


def push_plan(repo, gateway: OdooGateway, connection: str, week, *, dry_run: bool = False,
              batch: int = 500) -> tuple[SyncPlan, SyncReport]:
    """Push the published plan of ``week``; return the diff and what was done."""
    plan = repo.get_plan(week)
    if plan is None or plan.status != "published":
        raise InvalidInput(f"the plan of {week} is not published: run `mutualis publish --week {week}` first")
    model = "calendar.event"  # planning.slot is Enterprise; calendar.event is in every Odoo
    names = {m.code: m.legal_name for m in repo.list_members()}
    partners = {code: partner for code, (_id, partner) in odoo_of(repo).links(connection, "hr.employee").items()}
    desired = desired_events(plan, names, partners, repo.get_settings().timezone)
    sync_plan = plan_prefixed(gateway, model, desired, event_name(plan.week, "", "")[:-1], EVENT_MARKER)
    return sync_plan, apply(sync_plan, gateway, batch=batch, dry_run=dry_run)


@dataclass(frozen=True)
class InvoiceLine:
    """One invoice line: label, hours, price per hour (euros)."""

    label: str
    quantity: Decimal
    price_unit: Decimal


def statement_lines(statement) -> list[InvoiceLine]:
    """A member's month statement (``sharing.billing.Statement``) as one line per employee and kind.

    Each line is quantity 1 at the exact amount, its hours in the label, so that the Odoo invoice totals
    the statement to the cent (hours times a rounded hourly price would not).
    """
    grouped: dict[tuple[str, str], list] = {}
    for line in statement.lines:
        acc = grouped.setdefault((line.employee, line.kind), [0, Decimal("0.00")])
        acc[0] += line.minutes
        acc[1] += line.amount
    out = []
    for (employee, kind), (minutes, amount) in sorted(grouped.items()):
        hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"))
        out.append(InvoiceLine(f"{statement.month} {employee} {kind}: {hours} h", Decimal(1), amount))
    return out


def desired_invoices(month: str, bills: Iterable[tuple[str, int, Sequence[InvoiceLine]]]
                     ) -> tuple[dict[str, dict], dict[str, tuple[str, dict]]]:
    """Moves ``{name: vals}`` and lines ``{name: (move name, vals)}`` from ``(member, partner id, lines)``."""
    moves: dict[str, dict] = {}
    lines: dict[str, tuple[str, dict]] = {}
    for member, partner, member_lines in bills:
        move = f"invoice_{month}_{member}"
        moves[move] = {"move_type": "out_invoice", "partner_id": partner, "ref": f"mutualis {month} {member}"}
        for n, line in enumerate(member_lines, start=1):
            lines[f"{move}_{n}"] = (move, {"name": line.label, "quantity": line.quantity,
                                           "price_unit": line.price_unit})
    return moves, lines


def push_invoices(repo, gateway: OdooGateway, connection: str, month: str,
                  bills: Iterable[tuple[str, Sequence[InvoiceLine]]] | None = None, *,
                  dry_run: bool = False) -> list[tuple[SyncPlan, SyncReport]]:
    """Draft ``out_invoice`` per member (partner from ``odoo_links``), lines from the month's bill.

    ``bills`` (member, lines) defaults to ``integrations.hours_service.month_bill`` of the store.
    """
    if bills is None:
        from integrations.hours_service import month_bill

        bills = [(s.member, statement_lines(s)) for s in month_bill(repo, month).statements if s.lines]
    partners = odoo_of(repo).links(connection, "res.partner")
    resolved = []
    for member, lines in bills:
        if member not in partners:
            raise InvalidInput(f"member {member} has no Odoo partner on {connection!r}: run"
                               f" `mutualis odoo pull members --from {connection} --tag TAG` first")
        resolved.append((member, partners[member][0], lines))
    moves, lines = desired_invoices(month, resolved)
    prefix = f"invoice_{month}_"
    move_plan = plan_prefixed(gateway, "account.move", moves, prefix, INVOICE_MARKER)
    move_report = apply(move_plan, gateway, dry_run=dry_run)
    results = [(move_plan, move_report)]
    if dry_run:
        # The lines' move ids are unknown until the moves exist: the dry run counts them only.
        results.append((SyncPlan("account.move.line", (), ()),
                        SyncReport("account.move.line", created=len(lines), dry_run=True)))
        return results
    if not move_report.ok:
        return results
    move_ids = gateway.get_external_ids("account.move", list(moves))
    line_desired = {k: {**v, "move_id": move_ids[m]} for k, (m, v) in lines.items()}
    line_plan = plan_prefixed(gateway, "account.move.line", line_desired, prefix, None)
    results.append((line_plan, apply(line_plan, gateway)))
    return results
