"""Odoo 17's calendar side effects on the test server: attendees, invitation e-mails, chatter logs.

As in ``addons/calendar`` (``calendar.event.create/write``, ``calendar.attendee._send_mail_to_attendees``):

* an event's ``partner_ids`` become ``calendar.attendee`` records;
* creating a future event queues one invitation (``mail.mail``, state ``outgoing``) per attendee
  other than the current user's partner; adding partners to an event invites the new attendees;
  moving a future event's start tells the attendees of the new date;
* the context key ``no_mail_to_attendees`` (or the ``calendar.block_mail`` parameter, not modelled)
  sends none of them;
* creating a record logs a chatter message (``mail.message``) unless ``mail_create_nolog`` or
  ``tracking_disable`` is in the context.
"""

from __future__ import annotations

from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING
from collections.abc import Mapping

from .behaviour import Behaviour, field_def, magic_fields, now

if TYPE_CHECKING:
    from .database import Database

__all__ = ["BEHAVIOURS", "MODELS"]

EVENT, ATTENDEE = "calendar.event", "calendar.attendee"
# The admin's partner (Mitchell Admin, uid 2): Odoo does not mail the author of a change.
AUTHOR_PARTNER = 3


MODELS: Mapping[str, dict] = MappingProxyType({
    ATTENDEE: {
        **magic_fields(),
        "event_id": field_def("many2one", "Meeting linked", required=True, relation=EVENT),
        "partner_id": field_def("many2one", "Attendee", required=True, relation="res.partner"),
        "email": field_def("char", "Email"),
        "common_name": field_def("char", "Common name"),
        "state": field_def("selection", "Status", selection=[
            ["needsAction", "Needs Action"], ["tentative", "Uncertain"], ["declined", "Declined"],
            ["accepted", "Accepted"]]),
        "availability": field_def("selection", "Available", selection=[["free", "Available"], ["busy", "Busy"]]),
    },
    "mail.mail": {
        **magic_fields(),
        "subject": field_def("char", "Subject"),
        "body_html": field_def("text", "Text Contents"),
        "recipient_ids": field_def("many2many", "To (Partners)", relation="res.partner"),
        "model": field_def("char", "Related Document Model"),
        "res_id": field_def("many2one_reference", "Related Document ID", model_field="model"),
        "state": field_def("selection", "Status", readonly=True, selection=[
            ["outgoing", "Outgoing"], ["sent", "Sent"], ["received", "Received"], ["exception", "Delivery Failed"],
            ["cancel", "Cancelled"]]),
    },
    "mail.message": {
        **magic_fields(),
        "body": field_def("html", "Contents"),
        "model": field_def("char", "Related Document Model"),
        "res_id": field_def("many2one_reference", "Related Document ID", model_field="model"),
        "message_type": field_def("selection", "Type", required=True, selection=[
            ["email", "Email"], ["comment", "Comment"], ["notification", "System notification"],
            ["auto_comment", "Automated Targeted Notification"], ["user_notification", "User Specific Notification"]]),
    },
})


def _queue_mail(db: Database, event: dict, partners: list[int], subject: str, context: dict) -> None:
    if context.get("no_mail_to_attendees"):
        return
    for partner in partners:
        if partner != AUTHOR_PARTNER:
            db.insert("mail.mail", {"subject": f"{subject}: {event.get('name')}", "model": EVENT,
                                    "res_id": event["id"], "recipient_ids": [partner], "state": "outgoing"})


def _add_attendees(db: Database, event_id: int, partners: list[int]) -> None:
    table = db.table(EVENT)
    new = [db.insert(ATTENDEE, {"event_id": event_id, "partner_id": p, "state": "needsAction"}) for p in partners]
    table[event_id] = {**table[event_id], "attendee_ids": list(table[event_id].get("attendee_ids") or []) + new}


def _start(event: dict) -> datetime | None:
    return datetime.strptime(event["start"], "%Y-%m-%d %H:%M:%S") if event.get("start") else None


class CalendarEvent(Behaviour):
    """Meetings whose attendees Odoo invites by e-mail."""

    def after_create(self, db, model, ids, context):
        for rid in ids:
            event = db.table(EVENT)[rid]
            partners = list(event.get("partner_ids") or [])
            _add_attendees(db, rid, partners)
            start = _start(event)
            if start and start > now(db):
                _queue_mail(db, event, partners, "Invitation", context)
            if not (context.get("mail_create_nolog") or context.get("tracking_disable")):
                db.insert("mail.message", {"body": "<p>Event created</p>", "model": EVENT, "res_id": rid,
                                           "message_type": "notification"})

    def after_write(self, db, model, ids, vals, before, context):
        for rid in ids:
            event, old = db.table(EVENT)[rid], before[rid]
            kept = [p for p in old.get("partner_ids") or [] if p in (event.get("partner_ids") or [])]
            if "partner_ids" in vals:
                added = [p for p in event.get("partner_ids") or [] if p not in (old.get("partner_ids") or [])]
                gone = {p for p in old.get("partner_ids") or []} - set(event.get("partner_ids") or [])
                attendees = db.table(ATTENDEE)
                for aid in [a for a in old.get("attendee_ids") or [] if attendees.get(a, {}).get("partner_id") in gone]:
                    attendees.pop(aid, None)
                remaining = [a for a in old.get("attendee_ids") or [] if a in attendees]
                db.table(EVENT)[rid] = {**event, "attendee_ids": remaining}
                _add_attendees(db, rid, added)
                _queue_mail(db, event, added, "Invitation", context)
            start = _start(event)
            if "start" in vals and start and start >= now(db) and event.get("start") != old.get("start"):
                _queue_mail(db, event, kept, "Date updated", context)

    def before_unlink(self, db, model, ids, context):
        attendees = db.table(ATTENDEE)
        for aid in [a for a, row in attendees.items() if row.get("event_id") in ids]:
            del attendees[aid]


BEHAVIOURS: Mapping[str, Behaviour] = MappingProxyType({EVENT: CalendarEvent()})
