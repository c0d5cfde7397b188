"""Look at the week's page as its readers do: headless Chromium screenshots and a PDF, and the blocks measured.

    python3 tests/integrations/reports/page_shots.py OUT_DIR              # the sample week of report_samples
    python3 tests/integrations/reports/page_shots.py OUT_DIR --db sqlite:///mutualis.db --week 2026-W49 \\
        [--by employee|member|site] [--member ACIER] [--lang en]

writes into OUT_DIR: ``plan.html``; ``screen.png`` (1600 x 1100 on screen); ``printed.png`` (the first
A4 landscape page as printed: the page's print rules applied, 281 x 194 mm at 96 px per inch); ``plan.pdf``
(Chromium's print); and prints the layout measured in the printed width (blocks, blocks cut or spilling
out of their cell, page width overflow). ``test_plan_page_browser.py`` runs it when Chromium is present.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

PRINTED = (1062, 733)  # A4 landscape less the page's 8 mm margins, in CSS pixels
_MEASURE = """<script>
addEventListener('DOMContentLoaded', () => {
  const cut = [], out = [];
  for (const b of document.querySelectorAll('.b')) {
    const r = b.getBoundingClientRect(), c = b.closest('td').getBoundingClientRect();
    if (b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1) cut.push(b.textContent);
    if (r.left < c.left - 0.5 || r.right > c.right + 0.5) out.push(b.textContent);
  }
  const pre = document.createElement('pre');
  pre.id = 'layout';
  pre.textContent = JSON.stringify({blocks: document.querySelectorAll('.b').length, cut, out,
    overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth});
  document.body.appendChild(pre);
});
</script>"""


def chromium() -> str | None:
    """The Chromium (or Chrome) on this machine, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(browser: str, *args: str) -> str:
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def _as_printed(html: str) -> str:
    """The page with its print rules applied on screen (what Chromium's screenshot cannot emulate)."""
    return html.replace("@media print{", "@media all{")


def shoot(page: Path, out: Path, browser: str) -> dict:
    """Screenshots, PDF and layout of ``page`` into ``out``; returns the layout and the PDF's page count."""
    out.mkdir(parents=True, exist_ok=True)
    html = page.read_text(encoding="utf-8")
    printed = out / "printed.html"
    printed.write_text(_as_printed(html), encoding="utf-8")
    measured = out / "measured.html"
    measured.write_text(_as_printed(html).replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    _run(browser, f"--screenshot={out / 'screen.png'}", "--window-size=1600,1100", page.resolve().as_uri())
    _run(browser, f"--screenshot={out / 'printed.png'}", f"--window-size={PRINTED[0]},{PRINTED[1]}",
         printed.resolve().as_uri())
    _run(browser, f"--print-to-pdf={out / 'plan.pdf'}", "--no-pdf-header-footer", page.resolve().as_uri())
    dom = _run(browser, "--dump-dom", f"--window-size={PRINTED[0]},{PRINTED[1]}", measured.resolve().as_uri())
    found = re.search(r"<pre id=\"layout\">(.*?)</pre>", dom, re.S)
    layout = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&")) if found else {}
    pdf = (out / "plan.pdf").read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    layout["pages"] = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    layout["landscape"] = bool(boxes) and all(float(w) > float(h) for w, h in boxes)
    return layout


def _sample_page(args) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    from integrations.reports import for_member, plan_html

    if args.db:
        from integrations.store import open_store
        from integrations.services.weekly import week_view
        from consortium.weeks import parse_week

        with open_store(args.db).session() as repo:
            view = week_view(repo, parse_week(args.week))
        plan, group, requests, unfilled = view.plan, view.group, view.requests, view.unfilled
    else:
        import report_samples as samples

        plan, group, requests, unfilled = samples.plan(), samples.group(), list(samples.REQUESTS), samples.UNFILLED
    if args.member:
        plan, requests, unfilled = for_member(plan, group, requests, unfilled, args.member)
    return plan_html(plan, group, requests, unfilled, by=args.by, lang=args.lang,
                     member=args.member.upper() if args.member else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--db")
    parser.add_argument("--week", default="2026-W49")
    parser.add_argument("--by", default="employee", choices=["employee", "member", "site"])
    parser.add_argument("--member")
    parser.add_argument("--lang", default="fr")
    args = parser.parse_args(argv)
    browser = chromium()
    if browser is None:
        print("no chromium on this machine", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    page = args.out / "plan.html"
    page.write_text(_sample_page(args), encoding="utf-8")
    print(json.dumps(shoot(page, args.out, browser), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
