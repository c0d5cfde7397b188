"""The group's pooled capacity in and out of the session: resources, certificates, weekly capacity, tenders,
capacity reservations, the stored versions of each tender's bid with the capacity they use, and each team
member's view of every version (what a member's login reads instead of the bid).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import delete, select, update

from consortium.bid import JointBid
from consortium.bid_record import CapacityUse, StoredBid
from consortium.capabilities import MemberCertificate, Resource
from consortium.capacity import CapacityDeclaration, Reservation
from consortium.errors import InvalidInput, NotFound
from consortium.tender import Tender

from ..mapping import money_in, money_out
from ..tables.consortium import (
    BidCapacityRow, BidMemberViewRow, BidRow, CapacityDeclarationRow, CapacityReservationRow, MemberCertificateRow,
    ProductionResourceRow, TenderRow,
)
from ..tables.core import MemberRow
from .lookups import Lookups, normal_code

__all__ = ["ConsortiumRepository", "TENDER_STATUSES", "BID_STATUSES"]

TENDER_STATUSES = ("open", "reserved", "awarded", "released")
BID_STATUSES = ("draft", "reserved", "awarded", "released")


def _resource_from_row(row: ProductionResourceRow) -> Resource:
    return Resource(member=row.member.code, code=row.code, name=row.name, kind=row.kind, processes=row.processes,
                    limits=row.limits, units=row.units, efficiency_pct=row.efficiency_pct,
                    setup_hours=money_out(row.setup_hours), hourly_rate=money_out(row.hourly_rate),
                    overtime_rate=money_out(row.overtime_rate))


class ConsortiumRepository(Lookups):
    """Resources, certificates, capacity, tenders, reservations and bid versions (`repo.consortium`)."""

    # --- resources -----------------------------------------------------------------------------------
    def save_resource(self, r: Resource) -> None:
        """Insert or update a member's resource by (member, code)."""
        member = self._member_row(r.member)
        row = self._session.scalars(select(ProductionResourceRow).where(
            ProductionResourceRow.member_id == member.id, ProductionResourceRow.code == r.code)).first()
        if row is None:
            row = ProductionResourceRow(member_id=member.id, code=r.code)
            self._session.add(row)
        who = f"resource {r.key}"
        row.name, row.kind, row.processes, row.limits = r.name, r.kind, list(r.processes), dict(r.limits)
        row.units, row.efficiency_pct = r.units, r.efficiency_pct
        row.setup_hours = money_in(r.setup_hours, who, "setup_hours")
        row.hourly_rate = money_in(r.hourly_rate, who, "hourly_rate")
        row.overtime_rate = money_in(r.overtime_rate, who, "overtime_rate")

    def list_resources(self, member: str | None = None) -> list[Resource]:
        query = select(ProductionResourceRow).join(ProductionResourceRow.member).order_by(MemberRow.code,
                                                                                            ProductionResourceRow.code)
        if member:
            query = query.where(MemberRow.code == normal_code(member))
        return [_resource_from_row(r) for r in self._session.scalars(query)]

    def _resource_ids(self) -> dict[str, int]:
        rows = self._session.execute(select(MemberRow.code, ProductionResourceRow.code, ProductionResourceRow.id)
                                     .join(ProductionResourceRow.member)).all()
        return {f"{m}/{c}": i for m, c, i in rows}

    # --- certificates --------------------------------------------------------------------------------
    def save_member_certificate(self, c: MemberCertificate) -> None:
        """Insert or update by (member, code, level, valid_from)."""
        member = self._member_row(c.member)
        row = self._session.scalars(select(MemberCertificateRow).where(
            MemberCertificateRow.member_id == member.id, MemberCertificateRow.code == c.code,
            MemberCertificateRow.level == c.level, MemberCertificateRow.valid_from == c.valid_from)).first()
        if row is None:
            row = MemberCertificateRow(member_id=member.id, code=c.code, level=c.level, valid_from=c.valid_from)
            self._session.add(row)
        row.expires, row.reference = c.expires, c.reference

    def list_member_certificates(self, member: str | None = None) -> list[MemberCertificate]:
        query = select(MemberCertificateRow, MemberRow.code).join(MemberCertificateRow.member).order_by(
            MemberRow.code, MemberCertificateRow.code, MemberCertificateRow.valid_from)
        if member:
            query = query.where(MemberRow.code == normal_code(member))
        return [MemberCertificate(member=m, code=r.code, level=r.level, valid_from=r.valid_from, expires=r.expires,
                                  reference=r.reference) for r, m in self._session.execute(query)]

    # --- capacity ------------------------------------------------------------------------------------
    def save_declarations(self, declarations: list[CapacityDeclaration]) -> int:
        """Insert or replace each (resource, week) declaration; NotFound for an unknown resource."""
        ids = self._resource_ids()
        rows = {(r.resource_id, r.week): r for r in self._session.scalars(select(CapacityDeclarationRow))}
        for d in declarations:
            if d.key not in ids:
                raise NotFound(f"no resource '{d.key}'")
            row = rows.get((ids[d.key], d.week))
            if row is None:
                row = rows[ids[d.key], d.week] = CapacityDeclarationRow(resource_id=ids[d.key], week=d.week)
                self._session.add(row)
            row.available_hours, row.max_overtime_hours = d.available_hours, d.max_overtime_hours
            row.committed_hours, row.source = d.committed_hours, d.source
        return len(declarations)

    def list_declarations(self, first_week: str | None = None,
                          last_week: str | None = None) -> list[CapacityDeclaration]:
        query = (select(CapacityDeclarationRow, ProductionResourceRow.code, MemberRow.code)
                 .join(CapacityDeclarationRow.resource).join(ProductionResourceRow.member)
                 .order_by(MemberRow.code, ProductionResourceRow.code, CapacityDeclarationRow.week))
        if first_week:
            query = query.where(CapacityDeclarationRow.week >= first_week)
        if last_week:
            query = query.where(CapacityDeclarationRow.week <= last_week)
        return [CapacityDeclaration(member=m, resource=rc, week=d.week, available_hours=d.available_hours,
                                    max_overtime_hours=d.max_overtime_hours, committed_hours=d.committed_hours,
                                    source=d.source) for d, rc, m in self._session.execute(query)]

    # --- tenders -------------------------------------------------------------------------------------
    def save_tender(self, tender: Tender, status: str | None = None) -> None:
        """Insert or replace the tender document; a new tender is `open`."""
        row = self._session.scalars(select(TenderRow).where(TenderRow.code == tender.code)).first()
        if row is None:
            row = TenderRow(code=tender.code, status="open")
            self._session.add(row)
        row.data = tender.model_dump(mode="json")
        if status:
            self.set_tender_status(tender.code, status, row)

    def get_tender(self, code: str) -> Tender:
        return Tender.model_validate(self._find(TenderRow, code, "tender").data)

    def tender_status(self, code: str) -> str:
        return self._find(TenderRow, code, "tender").status

    def set_tender_status(self, code: str, status: str, row: TenderRow | None = None) -> None:
        if status not in TENDER_STATUSES:
            raise InvalidInput(f"tender {code}: status {status!r} is not one of {', '.join(TENDER_STATUSES)}")
        (row or self._find(TenderRow, code, "tender")).status = status

    def list_tenders(self) -> list[tuple[str, str, str]]:
        """(code, status, title) of every tender, by code."""
        rows = self._session.scalars(select(TenderRow).order_by(TenderRow.code))
        return [(r.code, r.status, r.data.get("title", "")) for r in rows]

    # --- reservations --------------------------------------------------------------------------------
    def replace_reservations(self, tender: str, reservations: list[Reservation]) -> int:
        """The tender's reservations become exactly these."""
        row = self._find(TenderRow, tender, "tender")
        ids = self._resource_ids()
        self._session.execute(delete(CapacityReservationRow).where(CapacityReservationRow.tender_id == row.id))
        for r in reservations:
            if r.key not in ids:
                raise NotFound(f"no resource '{r.key}'")
            self._session.add(CapacityReservationRow(tender_id=row.id, resource_id=ids[r.key], week=r.week,
                                                     hours=r.hours, status=r.status, valid_until=r.valid_until))
        self._session.flush()
        return len(reservations)

    def list_reservations(self, tender: str | None = None) -> list[Reservation]:
        query = (select(CapacityReservationRow, TenderRow.code, ProductionResourceRow.code, MemberRow.code)
                 .join(CapacityReservationRow.tender).join(CapacityReservationRow.resource)
                 .join(ProductionResourceRow.member)
                 .order_by(TenderRow.code, MemberRow.code, ProductionResourceRow.code, CapacityReservationRow.week))
        if tender:
            query = query.where(TenderRow.code == normal_code(tender))
        return [Reservation(tender=t, member=m, resource=rc, week=r.week, hours=r.hours, status=r.status,
                            valid_until=r.valid_until) for r, t, rc, m in self._session.execute(query)]

    # --- bids ----------------------------------------------------------------------------------------
    def save_bid(self, stored: StoredBid) -> StoredBid:
        """Store `stored` as the tender's next version; returns it with its version number."""
        tender = self._find(TenderRow, stored.tender, "tender")
        last = self._session.scalars(select(BidRow.version).where(BidRow.tender_id == tender.id)
                                     .order_by(BidRow.version.desc())).first() or 0
        version = last + 1
        bid = stored.bid.model_copy(update={"version": version})
        row = BidRow(tender_id=tender.id, version=version, made_on=stored.made_on, status="draft",
                     tender_digest=stored.tender_digest, total=bid.total, data=bid.model_dump(mode="json"))
        self._session.add(row)
        self._session.flush()
        ids = self._resource_ids()
        for u in stored.uses:
            if u.key not in ids:
                raise NotFound(f"no resource '{u.key}'")
            self._session.add(BidCapacityRow(bid_id=row.id, resource_id=ids[u.key], week=u.week, hours=u.hours,
                                             free_hours=u.free_hours))
        self._save_views(row, bid)
        return stored.model_copy(update={"version": version, "bid": bid})

    def _save_views(self, row: BidRow, bid: JointBid) -> int:
        """Store the view of each member of the bid's team that has none yet (and still exists); how many."""
        have = set(self._session.scalars(select(BidMemberViewRow.member_id).where(BidMemberViewRow.bid_id == row.id)))
        ids = dict(self._session.execute(select(MemberRow.code, MemberRow.id)
                                         .where(MemberRow.code.in_(bid.team))).all())
        added = 0
        for code in bid.team:
            if code in ids and ids[code] not in have:
                self._session.add(BidMemberViewRow(
                    bid_id=row.id, tender_id=row.tender_id, member_id=ids[code], version=row.version,
                    made_on=row.made_on, status=row.status, total=row.total,
                    data=bid.for_member(code).model_dump(mode="json")))
                added += 1
        self._session.flush()
        return added

    def save_member_views(self, tender: str, version: int) -> int:
        """Store the missing members' views of a stored version (one made before views were stored); how many."""
        row = self._bid_row(tender, version)
        return self._save_views(row, JointBid.model_validate(row.data))

    def _tender_key(self, code: str) -> tuple[int, str]:
        """The tender's id and code, its document left unread (a member's view needs neither costs nor terms)."""
        row = self._session.execute(select(TenderRow.id, TenderRow.code)
                                    .where(TenderRow.code == normal_code(code))).first()
        if row is None:
            raise NotFound(f"no tender {normal_code(code)!r}")
        return row.id, row.code

    def _view_row(self, tender: str, member: str, version: int | None) -> BidMemberViewRow:
        (tender_id, code), m = self._tender_key(tender), self._member_row(member)
        query = select(BidMemberViewRow).where(BidMemberViewRow.tender_id == tender_id,
                                               BidMemberViewRow.member_id == m.id)
        query = (query.where(BidMemberViewRow.version == version) if version
                 else query.order_by(BidMemberViewRow.version.desc()))
        row = self._session.scalars(query).first()
        if row is None:
            which = f"bid version {version}" if version else "bid"
            again = f"mutualis tender bid {code} --for {m.code}" + (f" --version {version}" if version else "")
            raise NotFound(f"tender {code}: no {which} stored for {m.code} (none made yet, {m.code} not in its team, "
                           f"or made before members' views were stored): the GE manager must write the bid again "
                           f"for {m.code}'s view (`{again} --out DIR`)")
        return row

    def get_member_view(self, tender: str, member: str, version: int | None = None) -> JointBid:
        """`member`'s view of version `version` of the tender's bid (its latest when None), read without `bids`."""
        return JointBid.model_validate(self._view_row(tender, member, version).data)

    def list_member_views(self, tender: str, member: str) -> list[tuple[int, date, str, Decimal]]:
        """(version, made_on, status, total) of every version of the tender's bid stored for `member`, oldest first."""
        (tender_id, _), m = self._tender_key(tender), self._member_row(member)
        return [(v.version, v.made_on, v.status, money_out(v.total)) for v in self._session.scalars(
            select(BidMemberViewRow).where(BidMemberViewRow.tender_id == tender_id, BidMemberViewRow.member_id == m.id)
            .order_by(BidMemberViewRow.version))]

    def _bid_row(self, tender: str, version: int | None = None) -> BidRow:
        row = self._find(TenderRow, tender, "tender")
        query = select(BidRow).where(BidRow.tender_id == row.id)
        query = query.where(BidRow.version == version) if version else query.order_by(BidRow.version.desc())
        bid = self._session.scalars(query).first()
        if bid is None:
            raise NotFound(f"tender {row.code} has no bid version {version}" if version else
                           f"tender {row.code} has no bid yet: make one with "
                           f"`mutualis tender bid {row.code} --out DIR`")
        return bid

    def get_bid(self, tender: str, version: int | None = None) -> StoredBid:
        """Version `version` of the tender's bid (the latest when None); NotFound names what exists."""
        row = self._bid_row(tender, version)
        uses = self._session.execute(
            select(BidCapacityRow, ProductionResourceRow.code, MemberRow.code)
            .join(ProductionResourceRow, BidCapacityRow.resource_id == ProductionResourceRow.id)
            .join(ProductionResourceRow.member).where(BidCapacityRow.bid_id == row.id)).all()
        uses = sorted((CapacityUse(member=m, resource=rc, week=u.week, hours=money_out(u.hours),
                                   free_hours=money_out(u.free_hours)) for u, rc, m in uses),
                      key=lambda u: (u.member, u.resource, u.week))
        return StoredBid(tender=row.tender.code, version=row.version, made_on=row.made_on,
                         tender_digest=row.tender_digest, bid=JointBid.model_validate(row.data), uses=uses)

    def bid_status(self, tender: str, version: int) -> str:
        return self._bid_row(tender, version).status

    def set_bid_status(self, tender: str, version: int, status: str) -> None:
        """Set one version's status; reserving or awarding a version puts the tender's others back to draft."""
        if status not in BID_STATUSES:
            raise InvalidInput(f"bid status {status!r} is not one of {', '.join(BID_STATUSES)}")
        row = self._bid_row(tender, version)
        if status in ("reserved", "awarded"):
            for other in self._session.scalars(select(BidRow).where(BidRow.tender_id == row.tender_id,
                                                                   BidRow.id != row.id)):
                if other.status != "draft":
                    other.status = "draft"
            self._session.execute(update(BidMemberViewRow).where(
                BidMemberViewRow.tender_id == row.tender_id, BidMemberViewRow.bid_id != row.id,
                BidMemberViewRow.status != "draft").values(status="draft"))
        row.status = status
        self._session.execute(update(BidMemberViewRow).where(BidMemberViewRow.bid_id == row.id).values(status=status))

    def list_bids(self, tender: str) -> list[tuple[int, date, str, Decimal]]:
        """(version, made_on, status, total) of every version of the tender's bid, oldest first."""
        row = self._find(TenderRow, tender, "tender")
        return [(b.version, b.made_on, b.status, money_out(b.total)) for b in self._session.scalars(
            select(BidRow).where(BidRow.tender_id == row.id).order_by(BidRow.version))]
