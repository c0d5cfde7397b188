"""The joint bid: price per lot, the split of work and money between members, the delivery schedule and
the capacity each member commits per week. `for_member` gives the version one member may see.

A member's version keeps its own lines in full and shows, of every other member, only its code and its
share of the total (%): never another member's hours, amount, resources or weeks, and no per-lot line
of the group (material, transport, coordination, contingency, margin), because the lot total minus the
member's own lines minus the group's lines would be the work of the other members, that is one member's
cost whenever a single other member works in the lot. What is not the member's own work is one line per
lot, so the lines still add up to the lot's price.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from pydantic import Field

from consortium.weeks import parse_week

from .base import Domain
from .capabilities import Resource
from .outcome import TenderOutcome
from .pricing import PRODUCTION_KINDS, LotPrice, PriceLine, money, price_lots
from .tender import Tender

__all__ = ["MemberShare", "Delivery", "ItemPrice", "Commitment", "JointBid", "build_bid"]


class MemberShare(Domain):
    """A member's part of the bid: hours, amount excl. VAT and share of the total (%); hours and amount
    are None in another member's version of the bid."""

    member: str
    hours: Decimal | None
    amount: Decimal | None
    share_pct: Decimal


class Delivery(Domain):
    """Units of an item finished in a week, the running total, and what is due by then."""

    lot: str
    item: str
    week: str
    units: int
    cumulative: int
    due: int


class ItemPrice(Domain):
    """An item's part of its lot's price, for the buyer: the lot's total split over its items in proportion
    to their direct cost (production at the members' rates plus material); `unit_price` is that amount over
    the quantity, rounded to the cent."""

    lot: str
    item: str
    description: str
    quantity: int
    amount: Decimal
    unit_price: Decimal


class Commitment(Domain):
    """Hours a member commits on a resource and process in a week."""

    member: str
    resource: str
    process: str
    week: str
    hours: Decimal


class JointBid(Domain):
    """What the group answers. `audience` None is the mandataire's full version; a member code is the
    version that member may see (its own rates only)."""

    tender: str
    title: str
    buyer: str
    valid_until: date
    made_on: date
    status: str
    mandataire: str | None
    team: list[str]
    lots: list[LotPrice]
    shares: list[MemberShare]
    schedule: list[Delivery]
    commitments: list[Commitment]
    items: list[ItemPrice] = Field(default_factory=list)
    names: dict[str, str] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list)
    contingency_pct: Decimal = Decimal(0)
    margin_pct: Decimal = Decimal(0)
    version: int | None = None
    audience: str | None = None

    @property
    def total(self) -> Decimal:
        return sum((lot.total for lot in self.lots), Decimal("0.00"))

    def reconciles(self) -> bool:
        """Lots sum to the total and member shares sum to the total, to the cent (full version)."""
        return sum((s.amount or Decimal(0) for s in self.shares), Decimal("0.00")) == self.total

    def for_member(self, member: str) -> JointBid:
        """The version `member` may see: its own lines, commitments and share in full; of the others only
        their share of the total (see the module's docstring)."""
        code = member.upper()
        if code not in self.team:
            from consortium.errors import NotFound
            raise NotFound(f"member {code} is not in the team of tender {self.tender} ({', '.join(self.team)})")
        lots = [lot.model_copy(update={"lines": _own_lines(lot, code)}) for lot in self.lots]
        shares = [s if s.member == code else s.model_copy(update={"hours": None, "amount": None})
                  for s in self.shares]
        return self.model_copy(update={"lots": lots, "shares": shares, "audience": code,
                                       "commitments": [c for c in self.commitments if c.member == code]})


def _own_lines(lot: LotPrice, member: str) -> list[PriceLine]:
    own = [x for x in lot.lines if x.member == member]
    rest = lot.total - sum((x.amount for x in own), Decimal("0.00"))
    return own + [PriceLine(lot=lot.lot, kind="others", amount=rest,
                            description="other members' work, material, transport, coordination, contingency "
                                        "and margin")]


def build_bid(tender: Tender, outcome: TenderOutcome, resources: dict[str, Resource], made_on: date,
              margin_pct: Decimal | None = None, names: dict[str, str] | None = None) -> JointBid:
    """Price the plan and split it: production to its members; material, transport and coordination to
    the mandataire (it buys and organises); contingency and margin pro rata to production.
    `made_on` is the bid's date (the day capacity was judged on): every date in its documents comes from it."""
    lots = price_lots(tender, outcome, resources, margin_pct)
    lead = tender.team.mandataire
    team = sorted(set(outcome.team) | ({lead} if lead else set()))
    margin = tender.pricing.margin_pct if margin_pct is None else Decimal(str(margin_pct))
    return JointBid(
        tender=tender.code, title=tender.title, buyer=tender.buyer, valid_until=tender.offer_valid_until,
        made_on=made_on, status=outcome.status, mandataire=lead, team=team, lots=lots,
        contingency_pct=tender.pricing.contingency_pct, margin_pct=margin,
        shares=_shares(lots, outcome, team, lead), schedule=_schedule(tender, outcome),
        commitments=_commitments(outcome), items=_item_prices(tender, outcome, resources, lots),
        names={m: (names or {}).get(m, m) for m in team},
        missing=[f"{m.hours:.1f} h of {m.process} in {m.week}" for m in outcome.missing],
    )


def _shares(lots: list[LotPrice], outcome: TenderOutcome, team: list[str], lead: str | None) -> list[MemberShare]:
    amounts = {m: Decimal("0.00") for m in team}
    for lot in lots:
        production = lot.production()
        pooled = sum((x.amount for x in lot.lines if x.kind in ("contingency", "margin")), Decimal("0.00"))
        for x in lot.lines:
            if x.kind in ("contingency", "margin"):
                continue
            # Production lines are the member's; the group's own lines go to the mandataire.
            owner = x.member if x.kind in PRODUCTION_KINDS else lead
            amounts[owner or team[0]] += x.amount
        for member, part in _pro_rata(pooled, {m: lot.production(m) for m in team}, production).items():
            amounts[member] += part
    total = sum(amounts.values(), Decimal("0.00"))
    hours: dict[str, Decimal] = defaultdict(Decimal)
    for p in outcome.placements:
        hours[p.member] += Decimal(str(p.hours))
    return [MemberShare(member=m, hours=hours[m], amount=amounts[m],
                        share_pct=(amounts[m] * 100 / total).quantize(Decimal("0.1")) if total else Decimal(0))
            for m in team]


def _item_prices(tender: Tender, outcome: TenderOutcome, resources: dict[str, Resource],
                 lots: list[LotPrice]) -> list[ItemPrice]:
    direct: dict[str, Decimal] = defaultdict(Decimal)
    for p in outcome.placements:
        r = resources[f"{p.member}/{p.resource}"]
        direct[p.item] += Decimal(str(p.hours - p.overtime_hours)) * r.hourly_rate
        direct[p.item] += Decimal(str(p.overtime_hours)) * r.overtime
    out = []
    totals = {lot.lot: lot.total for lot in lots}
    for lot in tender.lots:
        weights = {i.code: direct[i.code] + i.material_cost * i.quantity for i in lot.items}
        whole = sum(weights.values(), Decimal(0))
        if not whole:  # nothing planned and no material: by quantity
            weights = {i.code: Decimal(i.quantity) for i in lot.items}
            whole = sum(weights.values(), Decimal(0))
        parts = _pro_rata(totals[lot.code], weights, whole)
        for i in lot.items:
            amount = parts.get(i.code, Decimal("0.00"))
            out.append(ItemPrice(lot=lot.code, item=i.code, description=i.description, quantity=i.quantity,
                                 amount=amount, unit_price=money(amount / i.quantity)))
    return out


def _pro_rata(amount: Decimal, weights: dict[str, Decimal], whole: Decimal) -> dict[str, Decimal]:
    """Split `amount` by weights to the cent; the cents left go to the largest remainders."""
    if not whole or not amount:
        return {}
    exact = {m: amount * w / whole for m, w in weights.items() if w}
    parts = {m: v.quantize(Decimal("0.01"), rounding="ROUND_DOWN") for m, v in exact.items()}
    left = int((amount - sum(parts.values())) * 100)
    for m in sorted(exact, key=lambda m: (parts[m] - exact[m], m))[:left]:
        parts[m] += Decimal("0.01")
    return parts


def _schedule(tender: Tender, outcome: TenderOutcome) -> list[Delivery]:
    out = []
    for lot, item in tender.items():
        finals = {s.code for k, s in enumerate(item.steps)} - {p for k in range(len(item.steps))
                                                                for p in item.predecessors(k)}
        per_week: dict[str, int] = defaultdict(int)
        for p in outcome.placements:
            if p.item == item.code and p.step in finals:
                per_week[p.week] += p.units
        made = 0
        for week in sorted(per_week, key=parse_week):
            # With several final steps a unit is done when the slowest has made it: count the smallest.
            made += per_week[week] // len(finals) if len(finals) > 1 else per_week[week]
            due = max([m.quantity for m in item.milestones if parse_week(m.week) <= parse_week(week)]
                      + ([item.quantity] if parse_week(week) >= parse_week(lot.due_week) else [0]))
            out.append(Delivery(lot=lot.code, item=item.code, week=week, units=per_week[week], cumulative=made,
                                due=due))
    return out


def _commitments(outcome: TenderOutcome) -> list[Commitment]:
    acc: dict[tuple[str, str, str, str], Decimal] = defaultdict(Decimal)
    for p in outcome.placements:
        acc[p.member, p.resource, p.process, p.week] += Decimal(str(p.hours))
    return [Commitment(member=m, resource=r, process=pr, week=w, hours=money(h))
            for (m, r, pr, w), h in sorted(acc.items(),
                                           key=lambda kv: (kv[0][0], kv[0][1], parse_week(kv[0][3]), kv[0][2]))]
