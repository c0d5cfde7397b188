"""Lending staff between members: offers in and out of the store, a week's placements, the loans they make.

Each function takes an open `Repository` and works in its transaction; the lending tables are reached
through `lending_of(repo)` (integrations/store/lending_repo.py).
"""

from __future__ import annotations

from datetime import date

from consortium.errors import InvalidInput
from integrations.store.lending_repo import lending_of
from sharing.lending import Offer

__all__ = ["add_offer", "list_offers", "get_offer", "withdraw_offer"]


def add_offer(repo, offer: Offer) -> Offer:
    """Store a new offer. Without home coordinates the person is placed as living at the lender's first site
    (commutes are estimated from there); the cost parts' sum is the only rate ever billed."""
    member = repo.get_member(offer.member)
    if offer.home_latitude is None:
        if not member.sites:
            raise InvalidInput(f"offer {offer.code}: member {member.code} has no site: give --home-lat/--home-lon")
        site = member.sites[0]
        offer = offer.model_copy(update={"home_latitude": site.latitude, "home_longitude": site.longitude})
    lending_of(repo).add_offer(offer)
    return offer


def list_offers(repo, member: str | None = None, *, withdrawn: bool = False,
                between: tuple[date, date] | None = None) -> list[Offer]:
    """Offers by code: of one member or all, those meeting a period, withdrawn ones on request."""
    lending = lending_of(repo)
    if between is not None:
        return [o for o in lending.offers_between(*between) if member is None or o.member == member.upper()]
    return lending.offers(member, withdrawn=withdrawn)


def get_offer(repo, code: str) -> Offer:
    return lending_of(repo).get_offer(code)


def withdraw_offer(repo, code: str) -> Offer:
    """Withdraw an offer: no new placement; loans already placed stay, and are billed."""
    return lending_of(repo).withdraw(code)
