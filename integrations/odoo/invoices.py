"""Push a month's bill as draft customer invoices, one per member, in the group's currency and tax.

External ids: ``mutualis.invoice_<month>_<member>`` for the invoice, ``..._<item>`` for its lines
(``item`` is the head of the line's label, ``E012_work``), ``mutualis.adjust_<month>_<member>_<n>``
for a credit note or supplementary invoice. The planner (``diff.py``) makes re-runs update instead
of duplicating; an invoice cut off before its external ids were written is found again by the
marker in its ``narration``, its lines by their label within our draft invoices.

An invoice that an accountant posted (or cancelled) is never written: the push reports it with the
difference to the statement, and with ``credit_notes`` creates the draft credit note (or the
supplementary draft invoice) for that difference. When Odoo refuses one invoice (a hash-locked
journal), the other members' invoices are still pushed and the refusal is reported for that one.
The plan is computed in full before anything is sent, so that a dry run announces what the run does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any
from collections.abc import Iterable, Mapping, Sequence

from consortium.errors import InvalidInput

from .diff import FieldMarker, SyncPlan, SyncReport, SyncRow, carry_out, plan_sync, wire_vals
from .errors import OdooConnectionError, OdooError
from .gateway import OdooGateway
from .invoice_lines import CENT, InvoiceLine, LineMarker, bill_invoices, label_head, line_name, statement_lines
from .invoicing import Invoicing, resolve_invoicing

__all__ = ["InvoiceLine", "InvoicePlan", "InvoiceReport", "MemberInvoice", "LineMarker", "apply_invoices",
           "bill_invoices", "line_name", "plan_invoices", "push_invoices", "statement_lines"]

MOVE, LINE = "account.move", "account.move.line"
INVOICE_MARKER = FieldMarker("narration")
LOCKED = ("posted", "cancel")


@dataclass(frozen=True)
class MemberInvoice:
    """One member's invoice of the month as Odoo holds it, and what the push does about it."""

    member: str
    move: str  # external id name
    total: Decimal  # the statement, excluding tax
    state: str  # "new", "draft", "posted" or "cancel"
    number: str = ""  # Odoo's name (INV/2026/00005), or the external id while a draft
    invoiced: Decimal = Decimal("0.00")  # what posted documents already invoice (adjustments included)
    adjustment: SyncRow | None = None  # the credit note or supplementary invoice to create
    removed: bool = False  # no longer billed this month

    @property
    def locked(self) -> bool:
        return self.state in LOCKED

    @property
    def difference(self) -> Decimal:
        return self.total - self.invoiced

    def note(self, currency: str, dry_run: bool) -> str:
        """The one line that tells an accountant what happened to a posted or cancelled invoice."""
        head = f"{self.number} for {self.member} is {'posted' if self.state == 'posted' else 'cancelled'}: not changed"
        if not self.difference:
            return f"{head}; it matches the statement"
        text = f"{head}; the difference of {self.difference} {currency}"
        if self.adjustment is None:
            return f"{text} needs a credit note or a supplementary invoice"
        kind = "credit note" if self.difference < 0 else "supplementary invoice"
        return f"{text}: draft {kind} {'would be ' if dry_run else ''}created"


@dataclass(frozen=True)
class InvoicePlan:
    """Everything a month's push would send, computed before sending anything."""

    month: str
    invoicing: Invoicing
    moves: SyncPlan
    lines: SyncPlan
    members: tuple[MemberInvoice, ...]
    line_moves: Mapping[str, str]  # line external id -> its invoice's (lines to delete included)
    adopted_adjustments: tuple[SyncRow, ...] = ()

    def adjustments(self) -> tuple[SyncRow, ...]:
        return tuple(m.adjustment for m in self.members if m.adjustment is not None)

    def __str__(self) -> str:
        parts = [str(self.moves), str(self.lines)]
        parts += [f"+ {row.name} {row.vals['move_type']} {row.vals['invoice_line_ids'][0][2]['price_unit']:.2f}"
                  for row in self.adjustments()]
        return "\n".join(parts)


@dataclass(frozen=True)
class InvoiceReport:
    """What a month's push did (or, for a dry run, would do)."""

    moves: SyncReport
    lines: SyncReport
    adjustments: int = 0
    skipped: int = 0
    notes: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        """Invoices and lines created, updated, deleted, adopted, unchanged; skipped; adjustments."""
        out = {f"invoices {k}": getattr(self.moves, k) for k in ("created", "updated", "deleted", "adopted",
                                                                  "unchanged")}
        out |= {f"lines {k}": getattr(self.lines, k) for k in ("created", "updated", "deleted", "adopted",
                                                               "unchanged")}
        return {**out, "invoices skipped": self.skipped, "adjustments": self.adjustments}

    def summary_lines(self) -> list[str]:
        """The notes, the refusals, then one count line per model."""
        head = "dry run, would have " if self.dry_run else ""
        moves = replace(self.moves, errors=())
        tail = [f"{moves.summary()}, skipped {self.skipped} posted or cancelled",
                replace(self.lines, errors=()).summary()]
        if self.adjustments:
            tail.append(f"credit notes and supplementary invoices: {head}created {self.adjustments}")
        return [*self.notes, *(f"failed: {e}" for e in self.errors), *tail]


def _member_of(move: str, month: str) -> str:
    return move[len(f"invoice_{month}_"):]


def _money(value: Any) -> Decimal:
    return Decimal(str(value or 0)).quantize(CENT)


def plan_invoices(repo, gateway: OdooGateway, connection: str, month: str,
                  bills: Iterable[tuple[str, Sequence[InvoiceLine]]], *, credit_notes: bool = False) -> InvoicePlan:
    """Compare the month's bill, as ``bills`` (member, lines: see ``bill_invoices``), with Odoo; send nothing."""
    partners = repo.odoo.links(connection, "res.partner")
    invoicing = resolve_invoicing(gateway, repo.people.get_settings().billing)
    moves: dict[str, dict] = {}
    lines: dict[str, tuple[str, dict]] = {}
    totals: dict[str, Decimal] = {}
    for member, member_lines in bills:
        if member not in partners:
            raise InvalidInput(f"member {member} has no Odoo partner on {connection!r}: run"
                               f" `mutualis odoo pull members --from {connection} --tag TAG` first")
        move = f"invoice_{month}_{member}"
        moves[move] = {"move_type": "out_invoice", "partner_id": partners[member][0],
                       "ref": f"mutualis {month} {member}", **invoicing.move_vals()}
        totals[move] = sum((line.amount() for line in member_lines), Decimal("0.00"))
        for line in member_lines:
            name = line_name(move, month, line.label)
            if name in lines:
                raise InvalidInput(f"two invoice lines of {member} for {month} start with the same label"
                                   f" {label_head(month, line.label)!r}: make the labels differ before the hours")
            lines[name] = (move, {"name": line.label, "quantity": line.quantity, "price_unit": line.price_unit,
                                  "tax_ids": [invoicing.tax_id]})

    move_plan = plan_sync(gateway, MOVE, moves, marker_field=INVOICE_MARKER, prune=True)
    prefix = f"invoice_{month}_"
    bound = gateway.get_external_ids(MOVE)
    ids = {name: rid for name, rid in bound.items() if name.startswith(prefix)}
    ids |= {row.name: row.res_id for row in move_plan.of("adopt")}
    adjust_prefix = f"adjust_{month}_"
    adjustments = {name: rid for name, rid in bound.items() if name.startswith(adjust_prefix)}
    adopted_adjustments = _orphan_adjustments(gateway, adjust_prefix, set(bound.values()))
    adjustments |= {row.name: row.res_id for row in adopted_adjustments}
    records = {r["id"]: r for r in gateway.read(MOVE, sorted({*ids.values(), *adjustments.values()}),
                                                ["name", "state", "move_type", "amount_untaxed", "partner_id"])}

    members: list[MemberInvoice] = []
    keep: list[SyncRow] = []
    deleted = {row.name for row in move_plan.of("delete") if row.name.startswith(prefix)}
    for move in sorted({*moves, *deleted}):
        record = records.get(ids.get(move, 0))
        state = "new" if record is None else record["state"]
        member = MemberInvoice(_member_of(move, month), move, totals.get(move, Decimal("0.00")), state,
                               number=_number(record, move), removed=move not in moves)
        if member.locked:
            member = _locked(member, record, records, adjustments, month, invoicing,
                             moves.get(move, {}).get("partner_id"), credit_notes)
        members.append(member)
    locked = {m.move for m in members if m.locked}
    for row in move_plan.rows:
        if row.action in ("delete", "unbind") and not row.name.startswith(prefix):
            continue
        if row.name in locked:
            if row.action == "adopt":
                keep.append(replace(row, vals={}, changes={}))  # bind it, never write it
            continue
        keep.append(row)
    move_plan = SyncPlan(MOVE, tuple(keep), tuple(n for n in move_plan.unchanged if n not in locked), INVOICE_MARKER)

    drafts = {ids[m.move]: m.move for m in members if m.state == "draft" and not m.removed}
    line_plan, owners = _plan_lines(gateway, month, lines, drafts, {m.move for m in members if m.state == "new"})
    owners |= {name: move for name, (move, _vals) in lines.items()}
    return InvoicePlan(month, invoicing, move_plan, line_plan, tuple(members), owners, adopted_adjustments)


def _number(record: Mapping | None, move: str) -> str:
    name = (record or {}).get("name")
    return name if name and name != "/" else move


def _orphan_adjustments(gateway: OdooGateway, prefix: str, bound_ids: set[int]) -> tuple[SyncRow, ...]:
    """Credit notes a cut run created but did not name: found by their marker, adopted."""
    domain = [*INVOICE_MARKER.domain(), ("narration", "ilike", prefix), ("id", "not in", sorted(bound_ids))]
    rows = []
    for record in gateway.search_read(MOVE, domain, ["narration"], context={"active_test": False}):
        name = INVOICE_MARKER.name_of(record)
        if name and name.startswith(prefix):
            rows.append(SyncRow("adopt", name, record["id"]))
    return tuple(rows)


def _locked(member: MemberInvoice, record: Mapping, records: Mapping[int, Mapping], adjustments: Mapping[str, int],
            month: str, invoicing: Invoicing, partner: int | None, credit_notes: bool) -> MemberInvoice:
    """What the posted (cancelled) invoice and the member's adjustments invoice, and the adjustment to add."""
    invoiced = _money(record["amount_untaxed"]) if record["state"] == "posted" else Decimal("0.00")
    mine = f"adjust_{month}_{member.member}_"
    numbers = [0]
    for name, rid in adjustments.items():
        if not name.startswith(mine) or rid not in records:
            continue
        numbers.append(int(name[len(mine):]) if name[len(mine):].isdigit() else 0)
        adj = records[rid]
        if adj["state"] != "cancel":
            amount = _money(adj["amount_untaxed"])
            invoiced += -amount if adj["move_type"] == "out_refund" else amount
    member = replace(member, invoiced=invoiced)
    if not credit_notes or not member.difference:
        return member
    refund = member.difference < 0
    odoo_partner = record.get("partner_id")
    partner_id = partner or (odoo_partner[0] if isinstance(odoo_partner, list) else odoo_partner)
    line = {"name": f"{month} {member.member}: correction of {member.number}", "quantity": 1.0,
            "price_unit": float(abs(member.difference)), "tax_ids": [[6, 0, [invoicing.tax_id]]]}
    vals = {"move_type": "out_refund" if refund else "out_invoice", "partner_id": partner_id,
            "ref": f"mutualis {month} {member.member} correction of {member.number}", **invoicing.move_vals(),
            "invoice_line_ids": [[0, 0, line]]}
    if refund and record["state"] == "posted":
        vals["reversed_entry_id"] = record["id"]
    return replace(member, adjustment=SyncRow("create", f"{mine}{max(numbers) + 1}", None, vals))


def _plan_lines(gateway: OdooGateway, month: str, lines: Mapping[str, tuple[str, dict]], drafts: Mapping[int, str],
                new_moves: set[str]) -> tuple[SyncPlan, dict[str, str]]:
    """Lines of the draft invoices compared with Odoo (adopting lines a cut left without id); the lines
    of invoices still to create are all creates. Also returns the invoice of each line to delete."""
    marker = LineMarker(month, drafts)
    types = {k: d["type"] for k, d in gateway.fields_get(LINE).items()}
    rows: list[SyncRow] = []
    owners: dict[str, str] = {}
    unchanged: tuple[str, ...] = ()
    if drafts:
        move_ids = {name: rid for rid, name in drafts.items()}
        desired = {name: {**vals, "move_id": move_ids[move]} for name, (move, vals) in lines.items()
                   if move in move_ids}
        plan = plan_sync(gateway, LINE, desired, marker_field=marker, prune=True)
        gone = [r for r in plan.rows if r.action == "delete"]
        # Only lines of our own draft invoices go: never those of a posted one or of another month.
        owner = {r["id"]: r["move_id"] for r in gateway.read(LINE, [r.res_id for r in gone], ["move_id"])}
        for row in plan.rows:
            if row.action == "delete":
                move = owner.get(row.res_id)
                if not (isinstance(move, list) and move[0] in drafts):
                    continue
                owners[row.name] = drafts[move[0]]
            elif row.action == "unbind" and not row.name.startswith(f"invoice_{month}_"):
                continue
            rows.append(row)
        unchanged = plan.unchanged
    rows += [SyncRow("create", name, None, wire_vals(vals, types))
             for name, (move, vals) in sorted(lines.items()) if move in new_moves]
    return SyncPlan(LINE, tuple(rows), unchanged, marker), owners


def apply_invoices(plan: InvoicePlan, gateway: OdooGateway, *, dry_run: bool = False) -> InvoiceReport:
    """Send ``plan`` invoice by invoice: a refusal stops that invoice only, a lost connection stops all."""
    currency = plan.invoicing.currency
    notes = tuple(m.note(currency, dry_run) for m in plan.members if m.locked)
    skipped = sum(m.locked for m in plan.members)
    if dry_run:
        mc, lc = plan.moves.counts(), plan.lines.counts()
        return InvoiceReport(
            SyncReport(MOVE, mc["create"], mc["update"], mc["delete"] + mc["unbind"], mc["unchanged"], mc["adopt"],
                       dry_run=True),
            SyncReport(LINE, lc["create"], lc["update"], lc["delete"] + lc["unbind"], lc["unchanged"], lc["adopt"],
                       dry_run=True),
            len(plan.adjustments()), skipped, notes, dry_run=True)
    done_moves = {"created": 0, "updated": 0, "deleted": 0, "adopted": 0}
    done_lines = dict(done_moves)
    adjusted = {"created": 0, "updated": 0, "deleted": 0, "adopted": 0}
    errors: list[str] = []
    try:
        if plan.adopted_adjustments:
            gateway.bind_external_ids(MOVE, {row.name: row.res_id for row in plan.adopted_adjustments})
        for member in plan.members:
            try:
                _apply_member(plan, member, gateway, done_moves, done_lines, adjusted)
            except OdooConnectionError:
                raise
            except OdooError as exc:
                errors.append(f"{member.number} for {member.member} was refused by Odoo: {exc}")
        removals = tuple(r for r in plan.moves.rows if r.action in ("delete", "unbind"))
        dangling = tuple(r for r in plan.lines.rows if r.name not in plan.line_moves)
        try:
            carry_out(SyncPlan(LINE, dangling), gateway, done_lines)
            carry_out(SyncPlan(MOVE, removals), gateway, done_moves)
        except OdooConnectionError:
            raise
        except OdooError as exc:
            errors.append(f"invoices no longer billed in {plan.month} could not be deleted: {exc}")
    except OdooConnectionError as exc:
        errors.append(f"{exc} (run the push again to finish)")
    return InvoiceReport(SyncReport(MOVE, unchanged=len(plan.moves.unchanged), **done_moves),
                         SyncReport(LINE, unchanged=len(plan.lines.unchanged), **done_lines),
                         adjusted["created"], skipped, notes, tuple(errors))


def _apply_member(plan: InvoicePlan, member: MemberInvoice, gateway: OdooGateway, done_moves: dict,
                  done_lines: dict, adjusted: dict) -> None:
    rows = tuple(r for r in plan.moves.rows if r.name == member.move and r.action in ("create", "adopt", "update"))
    created = carry_out(SyncPlan(MOVE, rows, (), INVOICE_MARKER), gateway, done_moves)
    lines = []
    for row in plan.lines.rows:
        if plan.line_moves.get(row.name) != member.move:
            continue
        bound = row.action != "create" or "move_id" in row.vals
        lines.append(row if bound else replace(row, vals={**row.vals, "move_id": created[member.move]}))
    if lines:
        carry_out(SyncPlan(LINE, tuple(lines), (), plan.lines.marker), gateway, done_lines)
    if member.adjustment is not None:
        carry_out(SyncPlan(MOVE, (member.adjustment,), (), INVOICE_MARKER), gateway, adjusted)


def push_invoices(repo, gateway: OdooGateway, connection: str, month: str,
                  bills: Iterable[tuple[str, Sequence[InvoiceLine]]], *, dry_run: bool = False,
                  credit_notes: bool = False) -> tuple[InvoicePlan, InvoiceReport]:
    """Plan the month's invoices, then send them (or, with ``dry_run``, only count them)."""
    plan = plan_invoices(repo, gateway, connection, month, bills, credit_notes=credit_notes)
    return plan, apply_invoices(plan, gateway, dry_run=dry_run)
