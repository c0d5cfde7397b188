"""The internal bid's content once, as sections of typed cells, for the Markdown, HTML and XLSX writers.

Cells keep their values (Decimal, int, text); a column's kind says how a document shows them: `money`
(`12 345,67 €`), `hours`, `pct` (a fraction shown as `12,0 %`), `number` or `text`. Contingency and
margin lines show their rate as a percentage, not as a unit price.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from consortium.bid import JointBid
from consortium.pricing import PriceLine

from .language import Language

__all__ = ["Section", "bid_heading", "describe_line", "bid_sections", "cell_text", "weekly_load"]

PERCENT_KINDS = ("contingency", "margin")


@dataclass(frozen=True)
class Section:
    """A titled table: `kinds` per column (money, hours, pct, number, text)."""

    title: str
    headers: tuple[str, ...]
    kinds: tuple[str, ...]
    rows: tuple[tuple, ...]
    level: int = 2


def cell_text(value, kind: str, lang: Language) -> str:
    """How a document shows one cell."""
    if value is None or value == "":
        return ""
    if kind == "money":
        return lang.money(value)
    if kind == "pct":
        return lang.percent(value)
    if kind == "hours":
        return lang.number(value, 2)
    if kind == "number":
        return lang.number(value, 0) if isinstance(value, int) else lang.number(value, 2)
    return str(value)


def describe_line(line: PriceLine, lang: Language) -> str:
    """A price line's description in the document's language."""
    _ = lang.gettext
    if line.kind in ("setup", "labour", "overtime"):
        return _({"setup": "setup on {resource}", "labour": "work on {resource}",
                  "overtime": "overtime on {resource}"}[line.kind], resource=line.resource)
    if line.kind == "material":
        return _("material for {item}", item=line.description.removeprefix("material for "))
    if line.kind == "coordination":
        return _("coordination of {count} members", count=int(line.quantity or 0))
    return _(line.description)


def bid_heading(bid: JointBid, lang: Language) -> list[str]:
    """Title, then the lines under it (buyer, validity, team, version, audience)."""
    _ = lang.gettext
    who = _("Version for member {member}: the other members' hours, amounts and resources are withheld",
            member=bid.audience) if bid.audience else _("Full internal version for the mandataire (confidential rates)")
    version = f" v{bid.version}" if bid.version else ""
    return [_("Joint bid {tender}{version}: {title}", tender=bid.tender, version=version, title=bid.title),
            _("Buyer: {buyer}; offer valid until {day}", buyer=bid.buyer, day=lang.day(bid.valid_until, False)),
            _("Bid made on {day}; plan: {status}", day=lang.day(bid.made_on, False), status=_(bid.status)),
            _("Mandataire: {lead}; team: {team}", lead=bid.mandataire or "-", team=", ".join(bid.team)),
            _("Contingency {contingency}, margin {margin} (of the costs before them)",
              contingency=lang.percent(bid.contingency_pct), margin=lang.percent(bid.margin_pct)),
            who]


def weekly_load(bid: JointBid) -> tuple[list[str], list[str], dict]:
    """(weeks, members, (member, week) -> hours) of the bid's commitments."""
    load: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for c in bid.commitments:
        load[c.member, c.week] += c.hours
    return sorted({c.week for c in bid.commitments}), sorted({c.member for c in bid.commitments}), dict(load)


def bid_sections(bid: JointBid, lang: Language) -> list[Section]:
    """Price per lot, build-up per lot, split between members, schedule, commitments, weekly load."""
    _ = lang.gettext
    out = [Section(_("Price per lot"), (_("lot"), _("title"), _("feasible"), _("total excl. VAT")),
                   ("text", "text", "text", "money"),
                   tuple((lot.lot, lot.title, _("yes") if lot.feasible else _("NO"), lot.total) for lot in bid.lots))]
    for lot in bid.lots:
        rows = []
        for x in lot.lines:
            percent = x.kind in PERCENT_KINDS
            rows.append((_(x.kind), x.member or "", x.resource or "", describe_line(x, lang),
                         x.quantity, None if percent else x.unit_price, x.unit_price if percent else None, x.amount))
        out.append(Section(_("Lot {lot}: price build-up", lot=lot.lot),
                           (_("kind"), _("member"), _("resource"), _("description"), _("quantity"), _("unit price"),
                            _("rate"), _("amount")),
                           ("text", "text", "text", "text", "number", "money", "pct", "money"), tuple(rows), 3))
    out.append(Section(_("Split between members"), (_("member"), _("hours"), _("amount excl. VAT"), _("share")),
                       ("text", "hours", "money", "pct"),
                       tuple((s.member, s.hours, s.amount, s.share_pct / 100) for s in bid.shares)))
    out.append(Section(_("Delivery schedule"),
                       (_("lot"), _("item"), _("week"), _("units"), _("cumulative"), _("due by then")),
                       ("text", "text", "text", "number", "number", "number"),
                       tuple((d.lot, d.item, d.week, d.units, d.cumulative, d.due) for d in bid.schedule)))
    out.append(Section(_("Capacity committed per resource and week"),
                       (_("member"), _("resource"), _("process"), _("week"), _("hours")),
                       ("text", "text", "text", "text", "hours"),
                       tuple((c.member, c.resource, c.process, c.week, c.hours) for c in bid.commitments)))
    weeks, members, load = weekly_load(bid)
    out.append(Section(_("Hours committed per member and week"), (_("member"), *weeks),
                       ("text", *["hours"] * len(weeks)),
                       tuple((m, *[load.get((m, w)) for w in weeks]) for m in members)))
    return out
