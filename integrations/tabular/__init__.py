"""Spreadsheets (CSV and XLSX) to domain objects and back: pure conversion, no storage.

>>> rows = read_rows("employees", Path("employees.xlsx"))   # [(2, Employee(...)), ...]
>>> write_rows("employees", [employee for _, employee in rows], Path("employees.csv"))
"""

from .kinds import KINDS
from .problems import FIELD_COLUMNS, column_for, locate, row_index
from .rows import columns, read_rows, row_problem, write_rows, write_template
from .sites import attach_sites, split_sites

__all__ = [
    "FIELD_COLUMNS", "KINDS", "attach_sites", "column_for", "columns", "locate", "read_rows", "row_index",
    "row_problem", "split_sites", "write_rows", "write_template",
]
