"""The shortage page: every word translated into French, charts drawn from the figures, nothing external."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_python
from babel.messages.pofile import read_po

from integrations.reports import shortage_html as page
from sharing.forecast import CATEGORY_LABELS, Shortage, ShortageLine

PO = Path(page.__file__).resolve().parent / "locales" / "fr" / "LC_MESSAGES" / "mutualis.po"


def _used() -> set[str]:
    found = set()
    with open(page.__file__, "rb") as handle:
        for _line, _function, message, _comments in extract_python(handle, ["gettext"], [], {}):
            first = message[0] if isinstance(message, tuple) else message
            if isinstance(first, str):
                found.add(first)
    return found | set(CATEGORY_LABELS.values()) | set(page.PRIORITY_LABELS.values())


def test_every_word_of_the_page_has_a_french_translation_with_the_same_fields():
    with PO.open("rb") as handle:
        catalogue = read_po(handle, locale="fr")
    used = _used()
    assert {"Unfilled hours from {first} to {last}", "Sites", "qualified but busy"} <= used
    missing = sorted(m for m in used if not (catalogue.get(m) and catalogue.get(m).string))
    assert missing == []
    for message in used:
        assert set(re.findall(r"{(\w+)}", catalogue.get(message).string)) == set(re.findall(r"{(\w+)}", message))


def _line(week, skill, hours, category, site="MAIN"):
    return ShortageLine(week=week, request=f"R-{week}-{skill}", member="ACIER", site=site, skill=skill,
                        certificate="", priority="critical", missing_hours=hours, category=category)


LINES = [_line("2026-W48", "TIG:2", 16, "busy"), _line("2026-W49", "TIG:2", 8, "skill"),
         _line("2026-W49", "MIG-MAG:1", 8, "busy", site="EST")]
SHORT = Shortage(["2026-W48", "2026-W49"], LINES, [],
                 {"ACIER/MAIN": ("Main", 47.8, -0.7), "ACIER/EST": ("East", 47.8, -0.5)})


def test_the_weekly_bars_stack_each_skill_at_its_height():
    html = page.shortage_html(SHORT, "GE test")
    bars = re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="[^"]+">'
                      r'<title>([^<]+)</title>', html)
    assert [title for _, title in bars] == ["2026-W48 TIG:2: 16 h", "2026-W49 TIG:2: 8 h", "2026-W49 MIG-MAG:1: 8 h"]
    heights = [float(h) for h, _ in bars]
    assert heights[0] == 2 * heights[1] == 2 * heights[2] > 0


def test_the_map_places_one_bubble_per_site_and_the_page_needs_no_file():
    html = page.shortage_html(SHORT, "GE test", lang="en")
    assert html.count("<circle") == 2 and "ACIER/EST East: 8 h" in html
    assert "<script" not in html and "http" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "Unfilled hours from 2026-W48 to 2026-W49" in html and "GE test" in html


def test_a_range_with_nothing_missing_says_so():
    html = page.shortage_html(Shortage(["2026-W49"], [], []), lang="fr")
    assert "Rien ne manque." in html and "<circle" not in html
