"""Push a published week as ``calendar.event`` records (the month's invoices: ``invoices.py``).

The push goes through the sync planner (``diff.py``): every event has an external id
``mutualis.assignment_<week>_<employee>_<request>``, so a re-run updates instead of duplicating, an
interrupted run is finished by the next one, and events of that week no longer wanted are deleted.
Deletion is limited to the week's prefix: other weeks are never touched.

Odoo e-mails an invitation to each attendee of a new event, and a notice when one moves; the push
sends Odoo's context keys that silence those, and the chatter logs, unless ``notify`` is asked for.
"""

from __future__ import annotations

from types import MappingProxyType
from collections.abc import Mapping

from consortium.errors import InvalidInput
from sharing.plans import Plan

from .diff import SyncPlan, SyncReport, apply, plan_sync
from .gateway import OdooGateway
from .invoices import InvoiceLine, push_invoices, statement_lines
from .mapping import local_to_utc

__all__ = ["InvoiceLine", "QUIET", "event_name", "desired_events", "push_plan", "push_invoices", "statement_lines",
           "plan_prefixed"]

EVENT_MARKER = "description"
# calendar.attendee._send_mail_to_attendees, calendar.event's alarms, mail.thread's creation log and tracking.
QUIET = MappingProxyType({"no_mail_to_attendees": True, "dont_notify": True, "mail_create_nolog": True,
                          "mail_notrack": True})


def event_name(week: str, employee: str, request: str) -> str:
    """``assignment_2026-W49_E012_R-ACIER-0001``."""
    return f"assignment_{week}_{employee}_{request}"


def plan_prefixed(gateway: OdooGateway, model: str, desired: Mapping[str, Mapping], prefix: str,
                  marker_field: str | None) -> SyncPlan:
    """``plan_sync`` with ``prune``, keeping only deletions of names starting with ``prefix``."""
    plan = plan_sync(gateway, model, desired, marker_field=marker_field, prune=True)
    rows = tuple(r for r in plan.rows if r.action not in ("delete", "unbind") or r.name.startswith(prefix))
    return SyncPlan(plan.model, rows, plan.unchanged, plan.marker)


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
              batch: int = 500, notify: bool = False) -> tuple[SyncPlan, SyncReport]:
    """Push the published plan of ``week``; return the diff and what was done.

    Attendees get no e-mail from Odoo unless ``notify``.
    """
    plan = repo.plans.get_plan(week)
    if plan is None or plan.status != "published":
        raise InvalidInput(f"the plan of {week} is not published: run `mutualis publish --week {week}` first")
    model = "calendar.event"  # planning.slot is Enterprise; calendar.event is in every Odoo
    names = {m.code: m.legal_name for m in repo.people.list_members()}
    partners = {code: partner for code, (_id, partner) in repo.odoo.links(connection, "hr.employee").items()}
    desired = desired_events(plan, names, partners, repo.people.get_settings().timezone)
    sync_plan = plan_prefixed(gateway, model, desired, event_name(plan.week, "", "")[:-1], EVENT_MARKER)
    return sync_plan, apply(sync_plan, gateway, batch=batch, dry_run=dry_run, context=None if notify else QUIET)
