"""Idempotent pushes: plan what to create, update or delete in Odoo, show it, then apply it.

Desired records are keyed by external id name (``mutualis.<name>`` in ``ir.model.data``). Odoo
does not make two calls atomic, so ``apply`` orders its calls so that any interruption leaves a
state the next plan recognises:

* created records carry a marker ``mutualis:<name>`` in ``marker_field`` *in the create call
  itself*; if the run stops before their external ids are written, the next plan finds them by
  that marker and *adopts* them (binds, then updates) instead of creating them again;
* external ids are created after their records, so an external id never points at nothing,
  except when a record was deleted in Odoo meanwhile, which the plan then treats as a create;
* deleting a record deletes its external ids in Odoo; orphan external ids are unbound.

Without a marker a run cut between a create and its external ids may duplicate those records on
the next run: choose a stored char/text field that mutualis alone writes (:class:`FieldMarker`), or
a :class:`Marker` that recognises the records some other way (invoice lines by their label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, UTC
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol
from collections.abc import Mapping, Sequence

from .errors import OdooError
from .xmlids import MODULE, check_name

if TYPE_CHECKING:
    from .gateway import OdooGateway

__all__ = ["MARKER_PREFIX", "FieldMarker", "Marker", "SyncPlan", "SyncReport", "SyncRow", "apply", "carry_out",
           "plan_sync", "sync", "to_wire", "wire_vals"]

MARKER_PREFIX = "mutualis:"
_MARKER = re.compile(re.escape(MARKER_PREFIX) + r"([A-Za-z0-9_][A-Za-z0-9_.\-]*)")
_X2MANY = ("one2many", "many2many")
ACTIONS = ("adopt", "create", "update", "delete", "unbind")
_SIGNS = MappingProxyType({"adopt": "@", "create": "+", "update": "~", "delete": "-", "unbind": "x"})


def to_wire(value: Any) -> Any:
    """A Python value as Odoo's RPC wants it: dates as text (UTC), Decimal as float, None as False."""
    if value is None:
        return False
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [to_wire(v) for v in value]
    return value


class Marker(Protocol):
    """How records created by an interrupted run are recognised without their external id."""

    def fields(self) -> Sequence[str]:
        """Fields to read to recognise a record."""

    def domain(self) -> list:
        """Where to look for such records (the planner adds: not bound to an external id)."""

    def name_of(self, record: Mapping[str, Any]) -> str | None:
        """The external id name a record was created for, or None when it is not ours."""

    def vals(self, name: str) -> dict[str, Any]:
        """Values the create call writes so that the record can be recognised."""

    def check(self, model: str, name: str, vals: Mapping[str, Any]) -> None:
        """Raise ValueError when ``vals`` would overwrite the mark."""


@dataclass(frozen=True)
class FieldMarker:
    """``mutualis:<name>`` written in ``field`` by the create call itself."""

    field: str

    def fields(self) -> Sequence[str]:
        return (self.field,)

    def domain(self) -> list:
        return [(self.field, "ilike", MARKER_PREFIX)]

    def name_of(self, record: Mapping[str, Any]) -> str | None:
        match = _MARKER.search(str(record.get(self.field) or ""))
        return match.group(1) if match else None

    def vals(self, name: str) -> dict[str, Any]:
        return {self.field: MARKER_PREFIX + name}

    def check(self, model: str, name: str, vals: Mapping[str, Any]) -> None:
        if self.field in vals:
            raise ValueError(f"{model} {name}: {self.field} is the sync marker, do not set it")


def as_marker(marker: str | Marker | None) -> Marker | None:
    """A field name means :class:`FieldMarker` on that field."""
    return FieldMarker(marker) if isinstance(marker, str) else marker


@dataclass(frozen=True)
class SyncRow:
    """One change: ``action`` on external id ``name`` (record ``res_id``), writing ``vals``."""

    action: str
    name: str
    res_id: int | None = None
    vals: Mapping[str, Any] = field(default_factory=dict)
    changes: Mapping[str, tuple[Any, Any]] = field(default_factory=dict)

    def line(self) -> str:
        """One line of the dry-run diff."""
        where = f"{MODULE}.{self.name}" + (f" #{self.res_id}" if self.res_id else "")
        if self.action == "create":
            shown = " ".join(f"{k}={v!r}" for k, v in self.vals.items())
        else:
            shown = " ".join(f"{k}: {old!r} -> {new!r}" for k, (old, new) in self.changes.items())
        return f"{_SIGNS[self.action]} {where} {shown}".rstrip()


@dataclass(frozen=True)
class SyncPlan:
    """What a push would do to one model; ``str(plan)`` is the dry-run diff."""

    model: str
    rows: tuple[SyncRow, ...]
    unchanged: tuple[str, ...] = ()
    marker: Marker | None = None

    def of(self, action: str) -> tuple[SyncRow, ...]:
        """The rows of one action."""
        return tuple(r for r in self.rows if r.action == action)

    def counts(self) -> dict[str, int]:
        """Rows per action, plus ``unchanged``."""
        return {**{a: len(self.of(a)) for a in ACTIONS}, "unchanged": len(self.unchanged)}

    def is_empty(self) -> bool:
        """True when Odoo already matches."""
        return not self.rows

    def summary(self) -> str:
        """``calendar.event: 3 to create, 1 to update, 0 to delete, 12 unchanged``."""
        c = self.counts()
        extra = "".join(f", {c[a]} to {a}" for a in ("adopt", "unbind") if c[a])
        return (f"{self.model}: {c['create']} to create, {c['update']} to update, {c['delete']} to delete"
                f"{extra}, {c['unchanged']} unchanged")

    def __str__(self) -> str:
        return "\n".join([self.summary(), *(r.line() for r in self.rows)])


@dataclass(frozen=True)
class SyncReport:
    """What a push did (or, for a dry run, would do)."""

    model: str
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    adopted: int = 0
    errors: tuple[str, ...] = ()
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.errors

    def summary(self) -> str:
        """One line for the CLI."""
        head = "dry run, would have " if self.dry_run else ""
        text = (f"{self.model}: {head}created {self.created}, updated {self.updated}, deleted {self.deleted},"
                f" adopted {self.adopted}, unchanged {self.unchanged}")
        return text + (f"; failed: {self.errors[0]}" if self.errors else "")


def _same(ftype: str, current: Any, desired: Any) -> bool:
    empty = (None, False, "", [])
    if current in empty and desired in empty:
        return True
    if ftype == "many2one":
        return (current[0] if isinstance(current, list) else current) == desired
    if ftype in _X2MANY:
        ids = _x2many_ids(desired)  # None for commands other than an id list: never taken as unchanged
        return ids is not None and sorted(current or []) == sorted(ids)
    if ftype in ("float", "monetary") and isinstance(current, (int, float)) and isinstance(desired, (int, float)):
        return abs(current - desired) < 1e-6
    return current == desired


def _x2many_ids(value: Any) -> list[int] | None:
    """The id list meant by a plain id list or a single ``(6, 0, ids)``; None for other commands."""
    if isinstance(value, list) and all(isinstance(v, int) for v in value):
        return value
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], list) and value[0][:1] == [6]:
        return list(value[0][2])
    return None


def wire_vals(vals: Mapping[str, Any], types: Mapping[str, str]) -> dict[str, Any]:
    """``vals`` as sent to Odoo: :func:`to_wire`, and x2many id lists as ``[(6, 0, ids)]``."""
    out = {}
    for key, value in vals.items():
        wired = to_wire(value)
        if types.get(key) in _X2MANY and _x2many_ids(wired) is not None:
            wired = [[6, 0, _x2many_ids(wired)]]
        out[key] = wired
    return out


def _changes(vals: Mapping[str, Any], record: Mapping[str, Any], types: Mapping[str, str]) -> dict:
    return {k: (record.get(k), v) for k, v in vals.items() if not _same(types.get(k, ""), record.get(k), v)}


def plan_sync(gateway: OdooGateway, model: str, desired: Mapping[str, Mapping[str, Any]], *,
              marker_field: str | Marker | None = None, prune: bool = False) -> SyncPlan:
    """Compare ``desired`` (``{name: vals}``) with Odoo and list the changes; writes nothing.

    ``prune`` also deletes records bound to a ``mutualis`` external id of this model that are no
    longer desired. ``marker_field`` (a field name or a :class:`Marker`, see the module doc) makes
    interrupted runs recoverable.
    """
    marker = as_marker(marker_field)
    for name, vals in desired.items():
        check_name(name)
        if marker is not None:
            marker.check(model, name, vals)
    wanted = sorted({k for vals in desired.values() for k in vals})
    gateway.check_fields(model, wanted + (list(marker.fields()) if marker else []))
    types = {k: d["type"] for k, d in gateway.fields_get(model).items()}
    target = {name: wire_vals(vals, types) for name, vals in desired.items()}

    bound = gateway.get_external_ids(model, None if prune else list(target))
    # Odoo reads every field when given none: ask for the id alone then.
    current = {r["id"]: r for r in gateway.read(model, sorted(set(bound.values())), wanted or ["id"])}
    rows: list[SyncRow] = []
    unchanged: list[str] = []
    to_create: list[str] = []
    for name in sorted(target):
        rid = bound.get(name)
        if rid in current:
            changes = _changes(target[name], current[rid], types)
            if changes:
                rows.append(SyncRow("update", name, rid, {k: target[name][k] for k in changes}, changes))
            else:
                unchanged.append(name)
        else:
            to_create.append(name)
    if marker is not None and to_create:
        every_bound = set((bound if prune else gateway.get_external_ids(model)).values())
        orphans = _orphans(gateway, model, marker, set(to_create), every_bound, wanted)
    else:
        orphans = {}
    for name in to_create:
        record = orphans.get(name)
        if record is not None:
            changes = _changes(target[name], record, types)
            rows.append(SyncRow("adopt", name, record["id"], {k: target[name][k] for k in changes}, changes))
        else:
            rows.append(SyncRow("create", name, None, target[name]))
    if prune:
        for name in sorted(set(bound) - set(target)):
            rows.append(SyncRow("delete" if bound[name] in current else "unbind", name, bound[name]))
    return SyncPlan(model, tuple(rows), tuple(unchanged), marker)


def _orphans(gateway: OdooGateway, model: str, marker: Marker, names: set[str],
             bound_ids: set[int], fields: list[str]) -> dict[str, dict]:
    """Records left by an interrupted run: recognised by ``marker`` for ``names`` but no external id."""
    found: dict[str, dict] = {}
    domain = [*marker.domain(), ("id", "not in", sorted(bound_ids))]
    records = gateway.search_read(model, domain, sorted({*fields, *marker.fields()}),
                                  context={"active_test": False})
    for record in records:
        name = marker.name_of(record)
        if name in names:
            found.setdefault(name, record)
    return found


def apply(plan: SyncPlan, gateway: OdooGateway, *, batch: int = 500, dry_run: bool = False,
          context: Mapping[str, Any] | None = None) -> SyncReport:
    """Carry out ``plan`` in batches; stop at the first error and report it (a re-run resumes).

    With ``dry_run`` nothing is sent and the report counts what would have been done. ``context``
    goes with every create, write and unlink (Odoo's context keys, e.g. ``no_mail_to_attendees``).
    """
    counts = plan.counts()
    if dry_run:
        return SyncReport(plan.model, counts["create"], counts["update"], counts["delete"] + counts["unbind"],
                          counts["unchanged"], counts["adopt"], dry_run=True)
    done = {"created": 0, "updated": 0, "deleted": 0, "adopted": 0}
    try:
        carry_out(plan, gateway, done, batch=batch, context=context)
        errors: tuple[str, ...] = ()
    except OdooError as exc:
        errors = (str(exc),)
    return SyncReport(plan.model, unchanged=counts["unchanged"], errors=errors, **done)


def carry_out(plan: SyncPlan, gateway: OdooGateway, done: dict[str, int], *, batch: int = 500,
              context: Mapping[str, Any] | None = None) -> dict[str, int]:
    """Apply ``plan``, counting into ``done`` as it goes; raise the first OdooError.

    Returns the ids of the records created, by external id name.
    """
    model, marker, context = plan.model, plan.marker, dict(context or {})
    created: dict[str, int] = {}
    adopt = plan.of("adopt")
    _write_grouped(gateway, model, [r for r in adopt if r.vals], batch, context)
    if adopt:
        gateway.bind_external_ids(model, {r.name: r.res_id for r in adopt})
        done["adopted"] += len(adopt)
    creates = plan.of("create")
    for start in range(0, len(creates), batch):
        part = creates[start:start + batch]
        vals_list = [{**r.vals, **(marker.vals(r.name) if marker else {})} for r in part]
        ids = gateway.create(model, vals_list, batch=batch, context=context)
        created.update(zip((r.name for r in part), ids, strict=False))
        gateway.bind_external_ids(model, dict(zip((r.name for r in part), ids, strict=False)))
        done["created"] += len(part)
    done["updated"] += _write_grouped(gateway, model, plan.of("update"), batch, context)
    deletes = plan.of("delete")
    gateway.unlink(model, [r.res_id for r in deletes], context=context)
    done["deleted"] += len(deletes)
    unbind = plan.of("unbind")
    if unbind:
        done["deleted"] += gateway.xmlids.unbind(model, [r.name for r in unbind])
    return created


def _write_grouped(gateway: OdooGateway, model: str, rows: Sequence[SyncRow], batch: int,
                   context: dict) -> int:
    """One ``write`` per distinct set of values and ``batch`` records (Odoo writes the same values on many ids)."""
    groups: dict[str, tuple[dict, list[int]]] = {}
    for row in rows:
        key = repr(sorted(row.vals.items()))
        groups.setdefault(key, (dict(row.vals), []))[1].append(row.res_id)
    for vals, ids in groups.values():
        gateway.write(model, ids, vals, batch=batch, context=context)
    return sum(len(ids) for _vals, ids in groups.values())


def sync(gateway: OdooGateway, model: str, desired: Mapping[str, Mapping[str, Any]], *,
         marker_field: str | Marker | None = None, prune: bool = False, dry_run: bool = False,
         batch: int = 500, context: Mapping[str, Any] | None = None) -> SyncReport:
    """Plan then apply (or, with ``dry_run``, only plan) one model's push."""
    plan = plan_sync(gateway, model, desired, marker_field=marker_field, prune=prune)
    return apply(plan, gateway, batch=batch, dry_run=dry_run, context=context)
