"""The week's page a manager pins up: time and site in every block, members named in full in a legend of
fixed colours, rows per employee, member or site, the Sunday night shift kept, a member's own page, A4."""

from __future__ import annotations

import re
from html import unescape

import pytest

import report_samples as samples
from integrations.reports import for_member, plan_html
from integrations.reports.plan_html import PALETTE, member_colours
from consortium.errors import InvalidInput


def page(by="employee", lang=None, member=None):
    plan, group, requests, unfilled = samples.plan(), samples.group(), list(samples.REQUESTS), samples.UNFILLED
    if member:
        plan, requests, unfilled = for_member(plan, group, requests, unfilled, member)
    return plan_html(plan, group, requests, unfilled, by=by, lang=lang, member=member)


def text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def blocks(html: str) -> list[str]:
    return [" ".join(text(b).split()) for b in re.findall(r"<div class='b'.*?</div>", html)]


def rows(html: str) -> dict[str, list[str]]:
    """Grid rows: heading -> the seven day cells' text."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    out = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body):
        head = " ".join(text(re.search(r"<th>(.*?)</th>", row).group(1)).split())
        out[head] = [" ".join(text(c).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    return out


def test_every_block_gives_the_time_the_member_and_the_site():
    html = page()
    assert len(blocks(html)) == len(samples.ASSIGNMENTS)
    sites = {(m.code, s.code): s.name for m in samples.MEMBERS for s in m.sites}
    for a in samples.ASSIGNMENTS:
        when = f"{a.start:%H:%M}–{a.end:%H:%M}"
        assert any(b.startswith(when) and f" {a.member} " in f" {b} " and sites[(a.member, a.site)] in b
                   for b in blocks(html)), a


def test_the_sunday_night_shift_ending_on_monday_stays_in_sundays_cell():
    cells = rows(page())["E003 Jessica Bigot"]
    assert len(cells) == 7
    assert cells[6].startswith("21:00–05:00 (+1) VOLAILLE")
    assert cells[3].startswith("21:00–05:00 (+1) VOLAILLE") and cells[0] == ""


def test_the_legend_names_every_member_in_full_with_distinct_fixed_colours():
    html = page()
    legend = html.split("<div class='legend'>", 1)[1].split("</div>", 1)[0]
    for m in samples.MEMBERS:
        assert f"<b>{m.code}</b> {m.legal_name}" in unescape(legend)
    colours = member_colours(samples.group())
    assert len(set(colours.values())) == len(colours)
    shuffled = samples.group().model_copy(update={"members": list(reversed(samples.MEMBERS))})
    assert member_colours(shuffled) == colours  # by code, not by the order members come in
    for a in samples.ASSIGNMENTS:
        assert f"background:{colours[a.member]}" in html
    assert len(set(PALETTE)) == len(PALETTE) >= 25  # the demo's 25 members each get their own colour


def test_rows_per_member_and_per_site_name_the_employees_in_the_blocks():
    by_member = rows(page(by="member"))
    assert list(by_member) == ["ACIER Aciéries de la Mayenne SA", "BOIS Menuiserie du Bocage SARL",
                               "VOLAILLE Volailles du Haut-Anjou SA"]
    assert by_member["ACIER Aciéries de la Mayenne SA"][2] == (
        "13:00–17:00 E001 Julien Morel (Atelier nord) trajet de 25 min avant")
    by_site = rows(page(by="site"))
    assert list(by_site) == ["ACIER Usine principale de Laval", "ACIER Atelier nord", "BOIS Atelier de Craon",
                             "VOLAILLE Abattoir de Bazouges"]
    assert by_site["BOIS Atelier de Craon"][2] == (
        "06:00–13:00 E002 Nadia Bellanger 08:00–12:00 E001 Julien Morel épinglé")


def test_a_members_page_shows_that_member_only():
    html = page(member="BOIS")
    assert "Planning de Menuiserie du Bocage SARL, semaine 49" in text(html)
    for other in ("ACIER", "Aciéries", "VOLAILLE", "Volailles", "Laval", "Bazouges", "Jessica"):
        assert other not in html
    assert len(blocks(html)) == sum(a.member == "BOIS" for a in samples.ASSIGNMENTS)
    acier = text(page(member="ACIER"))
    assert "R-ACIER-FRI" in acier and "reason" not in acier  # why names other members' requests: left out
    assert "1 demande non ou partiellement pourvue" in acier
    with pytest.raises(InvalidInput, match="^unknown member 'NOPE'$"):
        for_member(samples.plan(), samples.group(), [], [], "NOPE")


def test_french_by_default_with_french_dates_and_hours_english_on_request():
    fr, en = text(page()), text(page(lang="en"))
    assert "lundi 30 novembre 2026" in fr and "dimanche 6 décembre 2026" in fr
    assert "Planning de la semaine 49" in fr and "Salarié" in fr
    hours = sum(a.minutes for a in samples.ASSIGNMENTS) / 60  # 12 shifts, computed here from the sample
    assert f"{len(samples.ASSIGNMENTS)} affectations, {hours:.2f} h".replace(".", ",") in fr
    assert "Monday 30 November 2026" in en and "Plan for week 49" in en and "lundi" not in en


def test_coverage_per_member_is_derived_from_the_requests_and_the_plan():
    html = page()
    coverage = html.split("<div class='after'>", 1)[1]
    for member in ("ACIER", "BOIS", "VOLAILLE"):
        asked = sum(r.minutes * r.headcount for r in samples.REQUESTS if r.member == member)
        got = sum(a.minutes for a in samples.ASSIGNMENTS if a.member == member)
        row = next(r for r in re.findall(r"<tr>(.*?)</tr>", coverage) if f"<b>{member}</b>" in r)
        figures = re.findall(r"<td class='n'>([^<]*)</td>", row)
        assert figures == [f"{m / 60:.2f}".replace(".", ",") + " h" for m in (asked, got, max(0, asked - got))]
    assert "R-ACIER-FRI" in coverage and "et 2 autres" in coverage  # 5 reasons: 3 shown, the rest counted


def test_the_page_prints_on_a4_landscape_and_needs_nothing_outside_itself():
    html = page()
    assert "@page{size:A4 landscape" in html and "break-inside:avoid" in html
    for outside in ("http:", "https:", "<script", "<link", "src=", "url(", "@import"):
        assert outside not in html
