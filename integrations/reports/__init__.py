"""What a week's plan and a month's statements look like outside the program: JSON, tables, CSV/XLSX,
web pages to print, calendars; French by default (``lang="en"`` for English)."""

from .plan_files import (
    for_member,
    output_format,
    plan_document,
    plan_rows,
    plan_summaries,
    write_ics,
    write_json,
    write_member_pages,
    write_plan,
    write_table,
)
from .plan_html import plan_html

__all__ = ["for_member", "output_format", "plan_document", "plan_rows", "plan_html",
           "plan_summaries", "write_ics", "write_json", "write_member_pages", "write_plan",
           "write_table"]
