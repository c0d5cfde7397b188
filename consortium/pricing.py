"""Price of each lot from the plan: member hours x rates, setup, material, transport, coordination,
contingency and margin. Decimal euros excl. VAT, every line rounded to the cent, totals sums of lines.

Per lot:  production = sum over (member, resource) of setup h x rate + regular h x rate + overtime h x
overtime rate;  material = units x material cost;  transport = hand-offs between members x fee;
coordination = members in the lot x fee;  contingency = subtotal x contingency %;
margin = (subtotal + contingency) x margin %;  total = sum of the lines.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from pydantic import Field

from .base import Domain
from .capabilities import Resource
from .outcome import TenderOutcome
from .tender import Tender

__all__ = ["CENT", "money", "PriceLine", "LotPrice", "price_lots", "PRODUCTION_KINDS"]

CENT = Decimal("0.01")
PRODUCTION_KINDS = ("setup", "labour", "overtime")


def money(value: Decimal | float | int) -> Decimal:
    """Round half up to the cent."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


class PriceLine(Domain):
    """One line of a lot's price build-up: `quantity` x `unit_price` = `amount` (rounded to the cent).

    `member` is None for the group's own lines (material, transport, coordination, contingency, margin).
    A confidential view drops `unit_price` and `resource` of other members' lines.
    """

    lot: str
    kind: str
    description: str
    member: str | None = None
    resource: str | None = None
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    amount: Decimal


class LotPrice(Domain):
    lot: str
    title: str = ""
    feasible: bool = True
    lines: list[PriceLine] = Field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    def production(self, member: str | None = None) -> Decimal:
        return sum((x.amount for x in self.lines if x.kind in PRODUCTION_KINDS
                    and (member is None or x.member == member)), Decimal("0.00"))


def _line(lot: str, kind: str, description: str, quantity: Decimal, unit_price: Decimal, **kw) -> PriceLine:
    return PriceLine(lot=lot, kind=kind, description=description, quantity=quantity, unit_price=unit_price,
                     amount=money(quantity * unit_price), **kw)


def price_lots(tender: Tender, outcome: TenderOutcome, resources: dict[str, Resource],
               margin_pct: Decimal | None = None) -> list[LotPrice]:
    """The price build-up of every lot of the tender from the outcome's placements.

    `resources` maps `MEMBER/RES` to the resource (its rates); `margin_pct` overrides the tender's.
    """
    terms = tender.pricing
    margin = terms.margin_pct if margin_pct is None else Decimal(str(margin_pct))
    verdict = {v.lot: v.feasible for v in outcome.lots}
    out = []
    for lot in tender.lots:
        placed = [p for p in outcome.placements if p.lot == lot.code]
        lines = _production(lot.code, placed, resources)
        for item in lot.items:
            if item.material_cost:
                lines.append(_line(lot.code, "material", f"material for {item.code}", Decimal(item.quantity),
                                   item.material_cost))
        handoffs = _handoffs(tender, lot.code, placed)
        if handoffs:
            lines.append(_line(lot.code, "transport", "hand-offs between members", Decimal(handoffs),
                               terms.transport_per_handoff))
        members = sorted({p.member for p in placed})
        if members:
            lines.append(_line(lot.code, "coordination", f"coordination of {len(members)} members",
                               Decimal(len(members)), terms.coordination_fee))
        subtotal = sum((x.amount for x in lines), Decimal("0.00"))
        contingency = _line(lot.code, "contingency", "contingency", subtotal, terms.contingency_pct)
        lines.append(contingency)
        lines.append(_line(lot.code, "margin", "margin", subtotal + contingency.amount, margin))
        out.append(LotPrice(lot=lot.code, title=lot.title, feasible=verdict.get(lot.code, False), lines=lines))
    return out


def _production(lot: str, placed, resources: dict[str, Resource]) -> list[PriceLine]:
    hours: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
    for p in placed:
        acc = hours[p.member, p.resource]
        acc[0] += Decimal(str(p.hours))
        acc[1] += Decimal(str(p.setup_hours))
        acc[2] += Decimal(str(p.overtime_hours))
    lines = []
    for (member, code), (total, setup, overtime) in sorted(hours.items()):
        r = resources[f"{member}/{code}"]
        regular = max(Decimal(0), total - setup - overtime)
        paid_setup = total - overtime - regular  # setup beyond the regular hours is paid as overtime
        who = {"member": member, "resource": code}
        if paid_setup:
            lines.append(_line(lot, "setup", f"setup on {code}", paid_setup, r.hourly_rate, **who))
        if regular:
            lines.append(_line(lot, "labour", f"work on {code}", regular, r.hourly_rate, **who))
        if overtime:
            lines.append(_line(lot, "overtime", f"overtime on {code}", overtime, r.overtime, **who))
    return lines


def _handoffs(tender: Tender, lot: str, placed) -> int:
    """Pairs of different members making a step and its successor, per routing arc."""
    makers = defaultdict(set)
    for p in placed:
        makers[p.item, p.step].add(p.member)
    count = 0
    for lot_, item in tender.items():
        if lot_.code != lot:
            continue
        for k, step in enumerate(item.steps):
            for pred in item.predecessors(k):
                count += sum(1 for a in makers[item.code, pred] for b in makers[item.code, step.code] if a != b)
    return count
