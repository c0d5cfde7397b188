"""A member firm's login reads its own stored statements through `bill show`, never another member's (#14, item 3).

Two member logins and a manager's on a PostgreSQL database of their own (the fixture of test_access_cli):
the manager bills the month; each member sees its own lines and totals, and no figure of the other's.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text

from tests.cli.test_access_cli import _ok, _request, _run, group  # noqa: F401 - `group` is the fixture


def _figures(statement: dict) -> set[str]:
    """Every amount and rate a statement shows, as `--json` gives them and as the English text prints them."""
    numbers = {statement["amount"]} | {x[k] for x in statement["lines"] for k in ("amount", "hourly_cost")}
    return numbers | {f"€{Decimal(n):,.2f}" for n in numbers}


@pytest.mark.postgres
def test_each_member_login_reads_its_own_statement_and_no_figure_of_the_others(group):  # noqa: F811
    url_of, logins = group
    for code, member, cost in (("E1", "CHAUMAY", "24.50"), ("E2", "INOXAGRI", "31.70")):
        _ok(url_of(), "employee", "add", code, "--first-name", "Léa", "--last-name", member.title(), "--lat", "45.7",
            "--lon", "4.8", "--members", member, "--start", "2026-01-05", "--skill", "TIG:2", "--hourly-cost", cost)
    _ok(url_of(), "access", "grant", "CHAUMAY", "--login", logins["A"])
    _ok(url_of(), "access", "grant", "INOXAGRI", "--login", logins["B"])
    _ok(url_of(), "access", "grant-manager", logins["M"])
    assert _request(url_of("A"), "R-A1", "CHAUMAY", "BELLITOURNE").exit_code == 0
    assert _run(url_of("B"), "request", "add", "R-B1", "--member", "INOXAGRI", "--site", "USINE", "--skill", "TIG",
                "--day", "2030-12-03", "--start", "08:00", "--end", "15:00").exit_code == 0
    _ok(url_of("M"), "allocate", "--week", "2030-W49")
    _ok(url_of("M"), "publish", "--week", "2030-W49")

    refused = _run(url_of("A"), "bill", "--month", "2030-12")
    assert (refused.exit_code, refused.output) == (
        1, "error: bill is for the GE manager; CHAUMAY's login may not run it\n")
    assert "has not billed it yet" in _run(url_of("A"), "bill", "show", "--month", "2030-12").output
    billed = json.loads(_ok(url_of("M"), "bill", "--month", "2030-12", "--json"))
    every = {s["member"]: s for s in json.loads(_ok(url_of("M"), "bill", "show", "--month", "2030-12", "--json"))}
    assert {m: s["amount"] for m, s in every.items()} == {m["member"]: m["amount"] for m in billed["members"]}
    # 4 h x 24.50 x 1.08 and 7 h x 31.70 x 1.08, each rounded to the cent
    assert every["CHAUMAY"]["amount"] == "105.84" and every["INOXAGRI"]["amount"] == "239.65"

    for me, mine, other in (("A", "CHAUMAY", "INOXAGRI"), ("B", "INOXAGRI", "CHAUMAY")):
        shown = json.loads(_ok(url_of(me), "bill", "show", "--month", "2030-12", "--json"))
        assert shown == [every[mine]]
        assert json.loads(_ok(url_of(me), "bill", "show", "--month", "2030-12", "--member", mine.lower(),
                              "--json")) == shown
        text_view = _ok(url_of(me), "bill", "show", "--month", "2030-12", "--lang", "en")
        assert text_view.startswith(f"Statement of {mine} for December 2030: ")
        assert f"€{Decimal(every[mine]['amount']):,.2f} excluding tax" in text_view
        assert other not in text_view and every[other]["lines"][0]["request"] not in text_view
        leaked = sorted(f for f in _figures(every[other]) - _figures(every[mine]) if f in text_view)
        assert leaked == []
        asked = _run(url_of(me), "bill", "show", "--month", "2030-12", "--member", other)
        assert (asked.exit_code, asked.output) == (1, f"error: {mine} may not see statements of {other}\n")

    engine = create_engine(url_of("A"))
    with engine.connect() as connection:
        amounts = connection.execute(text("SELECT amount FROM statement_lines")).scalars().all()
    engine.dispose()
    assert [str(a) for a in amounts] == [every["CHAUMAY"]["lines"][0]["amount"]]
