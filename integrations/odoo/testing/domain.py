"""Odoo's search domains: prefix (Polish) notation with an implicit ``&`` between terms.

Values are compared the way PostgreSQL and Odoo 17's ``expression.py`` would: ``False`` means empty
(NULL, or '' for text), ``!=`` and the negative ``like`` operators also match empty values, ordered
comparisons never do, many2one fields compare by id (or by display name given a string) and
x2many fields match when any of their ids does.
"""

from __future__ import annotations

import re
from typing import Any
from collections.abc import Callable, Sequence

__all__ = ["OPERATORS", "Resolver", "matches", "normalize"]

OPERATORS = frozenset({
    "=", "!=", "<>", "<", "<=", ">", ">=", "in", "not in",
    "like", "not like", "ilike", "not ilike", "=like", "=ilike",
})
_LOGIC = {"&": 2, "|": 2, "!": 1}
TRUE_LEAF, FALSE_LEAF = (1, "=", 1), (0, "=", 1)

# resolver(record, dotted_path, leaf) -> (field_type, values); values is a list: one item for
# scalar fields, the related ids for x2many, display names when the comparison value is a string.
Resolver = Callable[[dict, str, tuple], tuple[str, list]]


def _is_leaf(term: Any) -> bool:
    return isinstance(term, (list, tuple)) and len(term) == 3


def normalize(domain: Sequence) -> list:
    """Check a domain's shape and add the implicit ``&``; raise ValueError like Odoo does."""
    if not isinstance(domain, (list, tuple)):
        raise ValueError(f"Invalid domain: {domain!r}")
    result: list = []
    expected = 1
    for term in domain:
        if expected == 0:
            result[0:0] = ["&"]
            expected = 1
        if isinstance(term, str) and term in _LOGIC:
            expected += _LOGIC[term] - 1
            result.append(term)
        elif _is_leaf(term):
            leaf = tuple(term)
            if leaf not in (TRUE_LEAF, FALSE_LEAF):
                if not isinstance(leaf[0], str):
                    raise ValueError(f"Invalid leaf {leaf!r}")
                if not isinstance(leaf[1], str) or leaf[1].lower() not in OPERATORS:
                    raise ValueError(f"Invalid leaf {leaf!r}")
            expected -= 1
            result.append(leaf)
        else:
            raise ValueError(f"Invalid domain term {term!r}")
    if expected != 0 and domain:
        raise ValueError(f"Invalid domain {list(domain)!r}")
    return result


def matches(domain: Sequence, record: dict, resolve: Resolver) -> bool:
    """Whether ``record`` satisfies the normalized ``domain`` (an empty domain matches all)."""
    if not domain:
        return True
    stack: list[bool] = []
    for term in reversed(domain):
        if term == "!":
            stack.append(not stack.pop())
        elif term in ("&", "|"):
            a, b = stack.pop(), stack.pop()
            stack.append((a and b) if term == "&" else (a or b))
        else:
            stack.append(_leaf(term, record, resolve))
    return all(stack)


def _empty(value: Any) -> bool:
    return value is None or value is False or value in ("", [])


def _like(pattern: str, value: Any, ignore_case: bool, wrap: bool) -> bool:
    if _empty(value):
        return False
    regex = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    if wrap:
        regex = f".*{regex}.*"
    return re.fullmatch(regex, str(value), re.DOTALL | (re.IGNORECASE if ignore_case else 0)) is not None


def _compare(op: str, value: Any, right: Any) -> bool:
    if op in ("=", "!=", "<>"):
        equal = _empty(value) if right is False or right is None else not _empty(value) and value == right
        return equal if op == "=" else (not equal)
    if op in ("in", "not in"):
        items = list(right) if isinstance(right, (list, tuple)) else [right]
        found = any((_empty(value) if i is False or i is None else value == i) for i in items)
        return found if op == "in" else not found
    if op in ("<", "<=", ">", ">="):
        if _empty(value) or right is False or right is None:
            return False
        try:
            return {"<": value < right, "<=": value <= right, ">": value > right, ">=": value >= right}[op]
        except TypeError:
            return False
    if op in ("like", "ilike", "=like", "=ilike"):
        return _like(str(right), value, ignore_case="ilike" in op, wrap=not op.startswith("="))
    if op in ("not like", "not ilike"):
        return _empty(value) or not _like(str(right), value, ignore_case=op == "not ilike", wrap=True)
    raise ValueError(f"Invalid operator {op!r}")


_NEGATIVE = {"!=", "<>", "not in", "not like", "not ilike"}


def _leaf(leaf: tuple, record: dict, resolve: Resolver) -> bool:
    if leaf == TRUE_LEAF:
        return True
    if leaf == FALSE_LEAF:
        return False
    path, op, right = leaf
    op = op.lower()
    ftype, values = resolve(record, path, leaf)
    if ftype in ("one2many", "many2many") or len(values) != 1:
        # x2many: the positive operators hold when any related value matches, the negative
        # ones when none of them matches the positive form; '= False' means "no related record".
        if right is False and op in ("=", "!=", "<>"):
            return (not values) == (op == "=")
        if op in _NEGATIVE:
            positive = {"!=": "=", "<>": "=", "not in": "in", "not like": "like", "not ilike": "ilike"}[op]
            return not any(_compare(positive, v, right) for v in values)
        return any(_compare(op, v, right) for v in values)
    return _compare(op, values[0], right)
