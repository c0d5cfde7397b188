"""`repo.lending`: offers and placements of lent staff in and out of the Repository's session (and so of its
transaction). Rows never leave this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from consortium.errors import AlreadyExists, InvalidInput, NotFound
from sharing.lending import CostBasis, Offer, Placement

from ..tables.core import CertificationTypeRow, MemberRow, RequestRow, SkillRow
from ..tables.lending import OfferRow, PlacementRow
from .lookups import Lookups, normal_code

__all__ = ["LendingRepository"]


def _offer_from_row(row: OfferRow) -> Offer:
    cost = CostBasis(salary=row.salary, charges=row.charges, expenses=row.expenses)
    return Offer.model_validate({**row.data, "member": row.member.code, "start": row.starts_on, "end": row.ends_on,
                                 "cost": cost, "withdrawn": row.withdrawn})


class LendingRepository(Lookups):
    """Offers (by code `MEMBER.PERSON`) and the placements made from them."""

    def add_offer(self, offer: Offer) -> None:
        """Store a new offer; its members, skills and certification types must be known."""
        if self._session.scalars(select(OfferRow).where(OfferRow.code == offer.code)).first() is not None:
            raise AlreadyExists(f"offer {offer.code} already exists")
        member = self._member_row(offer.member)
        self._check_known(offer)
        data = offer.model_dump(mode="json", exclude={"member", "start", "end", "cost", "withdrawn"})
        self._session.add(OfferRow(code=offer.code, member=member, starts_on=offer.start, ends_on=offer.end,
                                   salary=offer.cost.salary, charges=offer.cost.charges,
                                   expenses=offer.cost.expenses, withdrawn=offer.withdrawn, data=data))
        self._session.flush()

    def set_qualifications(self, offer: Offer) -> None:
        """Replace the skills and certificates of the stored offer of the same code (a course done)."""
        row = self._offer_row(offer.code)
        self._check_known(offer)
        row.data = {**row.data, **offer.model_dump(mode="json", include={"skills", "certifications"})}
        self._session.flush()

    def _check_known(self, offer: Offer) -> None:
        members = set(self._ids(MemberRow))
        for code in offer.excluded_members:
            if code not in members:
                raise InvalidInput(f"offer {offer.code}: field excluded_members: unknown member {code!r}")
        skills = set(self._ids(SkillRow))
        for code in offer.skills:
            if code not in skills:
                raise InvalidInput(f"offer {offer.code}: field skills: unknown skill {code!r}")
        types = set(self._ids(CertificationTypeRow))
        for cert in offer.certifications:
            if cert.type not in types:
                raise InvalidInput(f"offer {offer.code}: field certifications: unknown certification {cert.type!r}")

    def offers(self, member: str | None = None, *, withdrawn: bool = False) -> list[Offer]:
        """Offers ordered by code, of one member or all; withdrawn ones only when asked."""
        query = select(OfferRow).options(joinedload(OfferRow.member)).order_by(OfferRow.code)
        if member is not None:
            query = query.where(OfferRow.member_id == self._member_row(member).id)
        if not withdrawn:
            query = query.where(OfferRow.withdrawn.is_(False))
        return [_offer_from_row(r) for r in self._session.scalars(query)]

    def offers_between(self, first: date, last: date) -> list[Offer]:
        """Offers not withdrawn whose window meets [first, last]."""
        query = (select(OfferRow).options(joinedload(OfferRow.member)).order_by(OfferRow.code)
                 .where(OfferRow.withdrawn.is_(False), OfferRow.starts_on <= last, OfferRow.ends_on >= first))
        return [_offer_from_row(r) for r in self._session.scalars(query)]

    def get_offer(self, code: str) -> Offer:
        return _offer_from_row(self._offer_row(code))

    def withdraw(self, code: str) -> Offer:
        """Withdraw an offer: it is no longer placed; placements already made stay (they are billed)."""
        row = self._offer_row(code)
        row.withdrawn = True
        return _offer_from_row(row)

    def save_placements(self, week: str, placements: Iterable[Placement]) -> None:
        """Replace the week's placements with these."""
        self._session.execute(delete(PlacementRow).where(PlacementRow.week == week))
        for p in placements:
            request = self._find(RequestRow, p.request, "request")
            self._session.add(PlacementRow(offer=self._offer_row(p.offer), request=request, week=week,
                                           starts_at=p.start, ends_at=p.end, hours=Decimal(p.hours)))
        self._session.flush()

    def placements(self, first: date, last: date) -> list[Placement]:
        """Placements starting on a day in [first, last], in time order."""
        query = (select(PlacementRow)
                 .options(joinedload(PlacementRow.offer).joinedload(OfferRow.member),
                          joinedload(PlacementRow.request).joinedload(RequestRow.member),
                          joinedload(PlacementRow.request).joinedload(RequestRow.site))
                 .where(PlacementRow.request.has(RequestRow.day.between(first, last)))
                 .order_by(PlacementRow.starts_at, PlacementRow.id))
        return [Placement(offer=r.offer.code, lender=r.offer.member.code, member=r.request.member.code,
                          site=r.request.site.code, request=r.request.code, start=r.starts_at, end=r.ends_at,
                          hours=r.hours) for r in self._session.scalars(query)]

    def record_hours(self, offer: str, request: str, hours: Decimal) -> Placement:
        """Record the hours a lent person worked on a placement (the planned hours until then)."""
        row = self._session.scalars(
            select(PlacementRow).join(PlacementRow.request)
            .where(PlacementRow.offer_id == self._offer_row(offer).id, RequestRow.code == normal_code(request))).first()
        if row is None:
            raise NotFound(f"{normal_code(offer)} is not placed on {normal_code(request)}")
        row.hours = Decimal(hours)
        self._session.flush()
        return next(p for p in self.placements(row.request.day, row.request.day) if p.request == row.request.code
                    and p.offer == row.offer.code)

    def _offer_row(self, code: str) -> OfferRow:
        row = self._session.scalars(select(OfferRow).options(joinedload(OfferRow.member))
                                    .where(OfferRow.code == normal_code(code))).first()
        if row is None:
            raise NotFound(f"no offer {normal_code(code)!r}")
        return row
