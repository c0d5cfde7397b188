"""Members and their sites travel in two sheets: join them after reading, split them before writing."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from consortium.members import Member, Site
from consortium.errors import InvalidInput, RowError

from .rows import row_problem

__all__ = ["attach_sites", "split_sites"]


def attach_sites(members: list[Member], sites: list, source: Path | str | None = None) -> list[Member]:
    """Each member with the sites that name it appended to its own, in the given order.

    `sites` holds (member code, Site) pairs, or the (row, pair) rows of `read_rows("sites", ...)`; with
    rows and `source` (the sites file), a site of an unknown member is reported at its row (`RowError`).
    """
    by_member: dict[str, list[Site]] = {m.code: [] for m in members}
    problems = []
    for item in sites:
        row, (code, site) = item if isinstance(item[1], tuple) else (None, item)
        if code not in by_member:
            message = f"unknown member {code!r}"
            if row is not None and source is not None:
                problems.append(row_problem(source, row, "member", message))
            else:
                problems.append(f"site {code}/{site.code}: {message}")
            continue
        by_member[code].append(site)
    if problems:
        raise RowError(problems)
    result = []
    for member in members:
        try:
            result.append(Member.model_validate({**dict(member), "sites": [*member.sites, *by_member[member.code]]}))
        except ValidationError as exc:
            message = exc.errors()[0]["msg"].removeprefix("Value error, ")
            raise InvalidInput(f"member {member.code}: {message}") from None
    return result


def split_sites(members: list[Member]) -> list[tuple[str, Site]]:
    """The (member code, Site) rows of the `sites` sheet for these members."""
    return [(member.code, site) for member in members for site in member.sites]
