"""The week's page in a real browser (headless Chromium, when installed): printed on A4 landscape with no
block cut or spilling out of its cell, nothing wider than the page. Screenshots land in the test's tmp
folder (`python3 tests/integrations/reports/page_shots.py OUT` makes them to look at)."""

from __future__ import annotations

import pytest

import page_shots
import report_samples as samples
from integrations.reports import plan_html

BROWSER = page_shots.chromium()
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium, chromium-browser or google-chrome on PATH")


@pytest.mark.parametrize("by", ["employee", "member"])
def test_the_printed_page_cuts_no_block_and_fits_a4_landscape(tmp_path, by):
    page = tmp_path / "plan.html"
    page.write_text(plan_html(samples.plan(), samples.group(), list(samples.REQUESTS), samples.UNFILLED, by=by),
                    encoding="utf-8")
    layout = page_shots.shoot(page, tmp_path, BROWSER)
    assert layout["blocks"] == len(samples.ASSIGNMENTS)
    assert layout["cut"] == [] and layout["out"] == [] and layout["overflow"] is False
    assert layout["landscape"] is True and layout["pages"] == 2  # the grid, then coverage and unfilled
    for png in ("screen.png", "printed.png"):
        assert (tmp_path / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
