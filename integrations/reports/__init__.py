"""What a week's plan looks like outside the program: JSON, tables, CSV/XLSX, a web page, calendars."""

from .plan_files import plan_document, plan_rows, plan_summaries, write_ics, write_table
from .plan_html import plan_html

__all__ = ["plan_document", "plan_rows", "plan_html", "plan_summaries", "write_ics", "write_table"]
