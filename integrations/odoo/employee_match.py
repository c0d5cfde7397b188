"""Which mutualis employee each Odoo ``hr.employee`` is: matched, never guessed from Odoo's ids.

Order (first that applies):

1. the stored link (``odoo_links``: code <-> Odoo id on this connection), made by an earlier pull;
2. the mapping file the administrator confirms (``{odoo id: code}``): an explicit answer, so it
   also settles a badge whose name differs from the stored employee's;
3. the badge (``barcode``) when it is the code of a stored employee of the same name (a stored
   employee with another name is a different person: reported, not renamed);
4. otherwise a new employee: its badge as code when free, else the next free ``E###`` code (above
   every code stored, linked or given in this pull).

A code given by two Odoo employees is reported for both, and neither is pulled (never merged).
A code already linked to another Odoo employee is never taken.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from collections.abc import Iterator, Mapping, Sequence

from consortium.errors import InvalidInput

from .yaml_files import read_yaml_mapping

__all__ = ["Match", "badge_code", "same_person", "match_employees", "load_employee_mapping"]


@dataclass(frozen=True)
class Match:
    """What one Odoo employee is in mutualis: ``code`` (None when not pulled), how, and why not."""

    odoo_id: int
    name: str
    code: str | None
    how: str  # link, badge, mapping, new
    problem: str | None = None


def badge_code(record: Mapping[str, Any]) -> str | None:
    """The badge id (``barcode``) as a code: upper-cased, anything outside ``A-Z 0-9 _ . -`` as ``-``."""
    value = record.get("barcode")
    if not value:
        return None
    return re.sub(r"[^A-Z0-9_.-]", "-", str(value).strip().upper())[:32] or None


def _words(name: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode()
    return sorted(re.findall(r"[a-z0-9]+", ascii_text.casefold()))


def same_person(a: str, b: str) -> bool:
    """Whether two names are the same words (case, accents, order and punctuation aside)."""
    return bool(_words(a)) and _words(a) == _words(b)


def load_employee_mapping(path) -> dict[int, str]:
    """A YAML file ``{Odoo hr.employee id: mutualis code}`` the administrator wrote or confirmed."""
    data = read_yaml_mapping(path, "ODOO_ID: CODE")
    out: dict[int, str] = {}
    for key, code in data.items():
        if not str(key).strip().isdigit() or not code:
            raise InvalidInput(f"{path}: {key!r}: expected an Odoo employee id and a code, like '12: E005'")
        out[int(key)] = str(code).strip().upper()
    return out


def _first_pass(record: Mapping, stored: Mapping[str, str], linked_id: Mapping[int, str],
                linked_code: Mapping[str, int], confirmed: Mapping[int, str]) -> Match:
    rid, name = int(record["id"]), str(record.get("name") or "")
    who = f"Odoo employee {name} (#{rid})"
    badge = badge_code(record)
    chosen = confirmed.get(rid)
    if rid in linked_id:
        code = linked_id[rid]
        if chosen and chosen != code:
            return Match(rid, name, None, "link", f"{who} is linked to {code} but the mapping file says {chosen}:"
                                                  " not pulled; correct the mapping file")
        return Match(rid, name, code, "link")
    if chosen or badge:
        code = chosen or badge
        owner = linked_code.get(code)
        if owner is not None and owner != rid:
            source = "the mapping file" if chosen else "the badge"
            return Match(rid, name, None, "mapping" if chosen else "badge",
                         f"{source} gives {who} code {code}, already linked to Odoo employee #{owner}: not pulled")
        if chosen:
            return Match(rid, name, chosen, "mapping")
        if badge in stored and not same_person(stored[badge], name):
            return Match(rid, name, None, "badge",
                         f"badge {badge} of {who} is the code of {stored[badge]}: not pulled (a pull never renames"
                         f" an employee into another person); if they are the same, confirm '{rid}: {badge}'"
                         " in the --mapping file, else change the badge in Odoo")
        return Match(rid, name, badge, "badge" if badge in stored else "new")
    return Match(rid, name, None, "new")


def _next_free(taken: set[str]) -> Iterator[str]:
    numbers = [int(m.group(1)) for c in taken if (m := re.fullmatch(r"E(\d+)", c))]
    n = max(numbers, default=0)
    while True:
        n += 1
        code = f"E{n:03d}"
        if code not in taken:
            yield code


def match_employees(records: Sequence[Mapping[str, Any]], stored: Mapping[str, str],
                    links: Mapping[str, int], confirmed: Mapping[int, str] | None = None) -> list[Match]:
    """One ``Match`` per record, in order. ``stored``: code -> name; ``links``: code -> Odoo id."""
    confirmed = confirmed or {}
    linked_id = {odoo_id: code for code, odoo_id in links.items()}
    first = [_first_pass(r, stored, linked_id, links, confirmed) for r in records]
    by_code: dict[str, list[Match]] = {}
    for m in first:
        if m.code:
            by_code.setdefault(m.code, []).append(m)
    out = []
    for m in first:
        twins = by_code.get(m.code or "", [])
        if len(twins) > 1:
            names = " and ".join(f"{t.name} (#{t.odoo_id})" for t in twins)
            problem = (f"Odoo employees {names} all give code {m.code}:"
                       " not merged, none of them pulled; give each its own badge")
            out.append(Match(m.odoo_id, m.name, None, m.how, problem))
        else:
            out.append(m)
    taken = set(stored) | set(links) | set(by_code)
    free = _next_free(taken)
    return [Match(m.odoo_id, m.name, next(free), "new") if m.code is None and m.problem is None else m
            for m in out]
