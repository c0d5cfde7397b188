"""A bid as stored: a numbered version of the plan and price of a tender, the capacity it uses per resource
and week, and what that capacity was when the bid was made.

`reserve` and `award` commit exactly a stored version (never a new solve), after checking that the capacity
it uses is still there and that the tender has not changed since.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import date
from decimal import Decimal

from consortium.weeks import parse_week

from .adapter import Capabilities, held_hours
from .base import Domain
from .bid import JointBid
from .capacity import CapacityDeclaration, Reservation
from .pricing import money
from .tender import Tender

__all__ = ["CapacityUse", "StoredBid", "tender_digest", "free_hours", "capacity_uses", "capacity_changes",
           "reservations_of", "overbooked"]


class CapacityUse(Domain):
    """Hours the bid uses on a resource in a week, and the hours that were free there when it was made
    (regular and overtime of every unit, less work sold elsewhere and other tenders' holds)."""

    member: str
    resource: str
    week: str
    hours: Decimal
    free_hours: Decimal

    @property
    def key(self) -> str:
        return f"{self.member}/{self.resource}"


class StoredBid(Domain):
    """Version `version` of a tender's bid: the full bid, the tender it answered (digest) and its capacity."""

    tender: str
    version: int
    made_on: date
    tender_digest: str
    bid: JointBid
    uses: list[CapacityUse]

    @property
    def hours(self) -> Decimal:
        return sum((u.hours for u in self.uses), Decimal(0))

    def same_plan(self, other: StoredBid) -> bool:
        """Same tender document, date, plan and price (the version number aside)."""
        return (self.tender_digest, self.made_on, self.uses) == (other.tender_digest, other.made_on, other.uses) \
            and self.bid.model_copy(update={"version": None}) == other.bid.model_copy(update={"version": None})


def tender_digest(tender: Tender) -> str:
    """A fingerprint of the tender document: a bid answers exactly this document."""
    text = json.dumps(tender.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def free_hours(caps: Capabilities, as_of: date, skip_tender: str | None = None) -> dict[tuple[str, str], Decimal]:
    """(MEMBER/RES, week) -> hours free on `as_of`: units x (available + overtime) - committed - held."""
    units = {r.key: r.units for r in caps.resources}
    held = held_hours(caps.reservations, as_of, skip_tender)
    out = {}
    for d in caps.declarations:
        if d.key in units:
            regular = max(0.0, units[d.key] * d.available_hours - d.committed_hours - held.get((d.key, d.week), 0.0))
            out[d.key, d.week] = money(regular + units[d.key] * d.max_overtime_hours)
    return out


def capacity_uses(bid: JointBid, caps: Capabilities, as_of: date) -> list[CapacityUse]:
    """The bid's hours per resource and week, with the hours free there on `as_of`."""
    hours: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    for c in bid.commitments:
        hours[c.member, c.resource, c.week] += c.hours
    free = free_hours(caps, as_of, skip_tender=bid.tender)
    return [CapacityUse(member=m, resource=r, week=w, hours=money(h), free_hours=free.get((f"{m}/{r}", w), Decimal(0)))
            for (m, r, w), h in sorted(hours.items(), key=lambda kv: (kv[0][0], kv[0][1], parse_week(kv[0][2])))]


def capacity_changes(stored: StoredBid, caps: Capabilities, as_of: date) -> list[str]:
    """Resource-weeks where the bid's hours no longer fit, one line each: member, resource, week, hours."""
    free = free_hours(caps, as_of, skip_tender=stored.tender)
    out = []
    for u in stored.uses:
        now = free.get((u.key, u.week), Decimal(0))
        if now < u.hours:
            out.append(f"{u.member}/{u.resource} {u.week}: bid version {stored.version} uses {u.hours:.2f} h, "
                       f"{now:.2f} h free now (was {u.free_hours:.2f} h on {stored.made_on})")
    return out


def reservations_of(stored: StoredBid, status: str = "reserved") -> list[Reservation]:
    """The reservations that hold exactly the bid's hours until the offer's validity date."""
    return [Reservation(tender=stored.tender, member=u.member, resource=u.resource, week=u.week, hours=float(u.hours),
                        status=status, valid_until=stored.bid.valid_until) for u in stored.uses]


def overbooked(declarations: list[CapacityDeclaration], caps: Capabilities, as_of: date) -> list[str]:
    """Declarations that leave less than the hours reserved or awarded there, one warning per tender."""
    units = {r.key: r.units for r in caps.resources}
    held: dict[tuple[str, str], dict[str, tuple[float, str]]] = defaultdict(dict)
    for r in caps.reservations:
        if r.holds_on(as_of):
            hours, _ = held[r.key, r.week].get(r.tender, (0.0, r.status))
            held[r.key, r.week][r.tender] = (hours + r.hours, r.status)
    out = []
    for d in declarations:
        tenders = held.get((d.key, d.week), {})
        total = d.total_hours(units.get(d.key, 1))
        if tenders and total + 0.005 < sum(h for h, _ in tenders.values()):
            what = ", ".join(f"{h:.1f} h {status} for tender {t}" for t, (h, status) in sorted(tenders.items()))
            out.append(f"{d.key} {d.week}: {total:.1f} h declared in all, below the {what}")
    return out
