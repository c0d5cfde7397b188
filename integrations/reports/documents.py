"""What the commands print: the JSON documents of `--json` and the plain text tables, built from service results.

A document is plain data (dicts, lists, strings, numbers, `Decimal`, dates); `json_text` writes it.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal

from .plan_files import plan_document

__all__ = ["json_text", "text_table", "allocation_document", "check_document", "BILL_HEADERS", "bill_rows",
           "bill_document", "hours_document", "counters_document", "capacity_document", "ODOO_STATUS_HEADERS",
           "odoo_status_document"]

ODOO_STATUS_HEADERS = ["name", "role", "member", "url", "database", "login", "protocol", "secret", "linked"]
BILL_HEADERS = ["member", "hours", "fte", "amount"]


def json_text(document) -> str:
    """The document as indented JSON (non-ASCII kept; `Decimal` as a string, dates in ISO form)."""
    return json.dumps(document, indent=2, ensure_ascii=False, default=_json_default)


def _json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def text_table(headers: list[str], rows: list[list]) -> str:
    """A plain aligned text table (stable for tests and pipes)."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def allocation_document(allocation) -> dict:
    """A solved week: the plan's document with the solver's figures and the pins it had to drop."""
    return plan_document(allocation.plan, allocation.unfilled) | {
        "solver": {"status": allocation.status, "objective": allocation.objective,
                   "best_bound": allocation.best_bound, "gap": allocation.gap, "runtime": allocation.runtime},
        "dropped_pins": allocation.dropped_pins}


def _violation(v) -> dict:
    return {"rule": v.rule, "employee": v.employee, "request": v.request, "message": v.message}


def check_document(violations, declared, to_check=()) -> list[dict]:
    """The broken rules, then the declared exceptions (each with its reason), then the shifts recorded by members'
    logins that the GE manager has not confirmed yet (`"to_check": true`, their rules checked above)."""
    return ([_violation(v) for v in violations] + [_violation(v) | {"declared": x.reason} for v, x in declared]
            + [{"to_check": True, "employee": x.employee, "request": x.request, "member": x.member,
                "day": x.day.isoformat(), "correction": x.correction} for x in to_check])


def bill_rows(result) -> list[list]:
    """One row per member statement: member, hours, FTE, amount."""
    return [[s.member, f"{s.minutes / 60:.2f}", result.fte.get(s.member, ""), s.total] for s in result.bill.statements]


def bill_document(result) -> dict:
    """A month's bill: each member's row, the totals and the statement files written."""
    b = result.bill
    return {"month": b.month, "members": [dict(zip(BILL_HEADERS, r, strict=False)) for r in bill_rows(result)],
            "members_total": b.members_total, "ge_own": b.ge_total, "costed_total": b.costed_total,
            "files": [str(f) for f in result.files]}


def hours_document(lines) -> list[dict]:
    """A month's shifts as worked, each with its minutes."""
    return [x.model_dump(mode="json") | {"minutes": x.minutes} for x in lines]


def counters_document(c) -> dict:
    """An employee's counters leading into a week: history, annual hours, idle and contracted minutes."""
    return {"employee": c.employee, "week": c.week, "history": c.history.model_dump(mode="json"),
            "annual": c.annual.model_dump(mode="json"), "idle_minutes": c.idle_minutes,
            "contracted_minutes": c.contracted_minutes}


def capacity_document(heat) -> dict:
    """Free hours per process and week."""
    return {"weeks": list(heat.weeks), "free_hours": heat.free}


def odoo_status_document(rows: list[list]) -> list[dict]:
    """The Odoo connections, one object per connection."""
    return [dict(zip(ODOO_STATUS_HEADERS, r, strict=False)) for r in rows]
