"""The offer sent to the buyer (French by default): price per lot and per unit, delivery schedule, the team
and its mandataire, validity. Nothing internal: no member's rate, hours, share, contingency or margin.

Written beside the internal documents as `offre.md` and `offre.html` (`offer.*` in English).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from consortium.bid import JointBid

from ..files import write_text
from .bid_html import CSS, html_table
from .bid_markdown import markdown_table
from .bid_tables import Section
from .language import Language, language

__all__ = ["offer_stem", "offer_sections", "offer_heading", "offer_markdown", "offer_html", "write_offer_markdown",
           "write_offer_html"]


def offer_stem(lang: str | None = None) -> str:
    """`offre` in French, `offer` in English."""
    return "offre" if language(lang).code == "fr" else "offer"


def offer_heading(bid: JointBid, lang: Language) -> list[str]:
    """Title, then who offers what to whom, until when."""
    _ = lang.gettext
    lead = bid.mandataire or "-"
    return [_("Joint offer: {title}", title=bid.title or bid.tender),
            _("Tender {tender}, buyer {buyer}", tender=bid.tender, buyer=bid.buyer),
            _("Offer of {day}, valid until {until}", day=lang.day(bid.made_on, False),
              until=lang.day(bid.valid_until, False)),
            _("Mandataire of the group: {name} ({code})", name=bid.names.get(lead, lead), code=lead)]


def offer_sections(bid: JointBid, lang: Language) -> list[Section]:
    """Price per lot, price per unit of each item, delivery schedule, the team."""
    _ = lang.gettext
    return [Section(_("Price per lot"), (_("lot"), _("title"), _("price excl. VAT")), ("text", "text", "money"),
                   tuple((lot.lot, lot.title, lot.total) for lot in bid.lots)),
           Section(_("Price per unit"), (_("lot"), _("item"), _("description"), _("quantity"),
                                          _("unit price excl. VAT"), _("amount excl. VAT")),
                   ("text", "text", "text", "number", "money", "money"),
                   tuple((i.lot, i.item, i.description, i.quantity, i.unit_price, i.amount) for i in bid.items)),
           Section(_("Delivery schedule"), (_("lot"), _("item"), _("week"), _("units delivered"), _("cumulative")),
                   ("text", "text", "text", "number", "number"),
                   tuple((d.lot, d.item, d.week, d.units, d.cumulative) for d in bid.schedule)),
           Section(_("The group"), (_("member"), _("name"), _("role")), ("text", "text", "text"),
                   tuple((m, bid.names.get(m, m), _("mandataire") if m == bid.mandataire else _("member"))
                         for m in bid.team))]


def _notes(bid: JointBid, lang: Language) -> list[str]:
    _ = lang.gettext
    notes = [_("Prices in euros excluding VAT. The price of each lot is binding; a unit price is the item's part "
               "of its lot's price divided by the quantity, rounded to the cent.")]
    if bid.status != "feasible":
        notes.append(_("Draft: the group cannot yet deliver every lot on time (see the internal bid)."))
    return notes


def offer_markdown(bid: JointBid, lang: str | None = None) -> str:
    words = language(lang)
    head = offer_heading(bid, words)
    out = [f"# {head[0]}", "", *[f"- {line}" for line in head[1:]],
           f"- **{words.gettext('Total excl. VAT: {amount}', amount=words.money(bid.total))}**", ""]
    for section in offer_sections(bid, words):
        out += markdown_table(section, words)
    return "\n".join(out + [f"_{note}_" for note in _notes(bid, words)] + [""])


def offer_html(bid: JointBid, lang: str | None = None) -> str:
    words = language(lang)
    head = offer_heading(bid, words)
    html = [f"<!DOCTYPE html><html lang={words.code}><head><meta charset=utf-8><title>{escape(head[0])}</title>"
            f"<style>{CSS}</style></head><body><h1>{escape(head[0])}</h1>",
            "<ul>" + "".join(f"<li>{escape(x)}</li>" for x in head[1:])
            + f"<li><b>{escape(words.gettext('Total excl. VAT: {amount}', amount=words.money(bid.total)))}"
            "</b></li></ul>"]
    html += [html_table(section, words) for section in offer_sections(bid, words)]
    html += [f"<p><i>{escape(note)}</i></p>" for note in _notes(bid, words)]
    return "\n".join(html + ["</body></html>"])


def write_offer_markdown(bid: JointBid, path: str | Path, lang: str | None = None) -> Path:
    return write_text(path, offer_markdown(bid, lang))


def write_offer_html(bid: JointBid, path: str | Path, lang: str | None = None) -> Path:
    return write_text(path, offer_html(bid, lang))
