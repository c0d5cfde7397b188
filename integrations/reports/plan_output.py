"""`plan show` in one call: a week's plan written to files, or the text of a table, CSV or JSON to print."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .documents import json_text, text_table
from .plan_files import for_member, output_format, plan_document, plan_rows, plan_summaries, write_member_pages
from .plan_files import write_plan as write_plan_files

__all__ = ["output_format", "show_plan"]


def show_plan(view, fmt: str | None, out: Path | None, *, by: str | None = None, member: str | None = None,
              per_member: bool = False, lang: str = "fr") -> str:
    """Write the week's plan (a `week_view`) in ``fmt`` (see :func:`output_format`) under ``out``, or render it.

    Returns the text to print, ending with a newline: what was written, or the table, CSV or JSON itself.
    ``member`` keeps one member's part; ``per_member`` writes one page per member into the ``out`` folder.
    """
    fmt = output_format(fmt, out, folder=per_member)
    plan, requests, unfilled = view.plan, view.requests, view.unfilled
    if member:
        plan, requests, unfilled = for_member(plan, view.group, requests, unfilled, member)
    if per_member:
        files = write_member_pages(plan, view.group, requests, unfilled, out, by=by or "employee", lang=lang)
        return f"{len(files)} member pages written to {out}\n"
    if out is not None:
        files = write_plan_files(fmt, out, plan, view.group, requests, unfilled, by=by, lang=lang,
                                 member=member.upper() if member else None, saved_at=view.saved_at)
        return (f"{len(files)} calendars written to {out}" if fmt == "ics" else f"plan written to {out}") + "\n"
    if fmt == "json":
        return json_text(plan_document(plan, unfilled)) + "\n"
    by = by or "member"
    rows = plan_rows(plan, view.group, by)
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=list(rows[0]) if rows else ["member"])
        writer.writeheader()
        writer.writerows(rows)
        return text.getvalue()
    members, employees = plan_summaries(plan, view.group, requests)
    summary = employees if by == "employee" else members
    lines = [f"plan {plan.week} ({plan.status}): {len(rows)} assignments",
             text_table(list(rows[0]) if rows else ["member"], [list(r.values()) for r in rows]),
             f"\nper {'employee' if by == 'employee' else 'member'}:",
             text_table(list(summary[0]) if summary else [by], [list(r.values()) for r in summary])]
    lines += [f"unfilled {u.request} ({u.member}): {u.missing_hours:.1f} h missing; {u.reasons[0] if u.reasons else ''}"
              for u in unfilled]
    return "\n".join(lines) + "\n"
