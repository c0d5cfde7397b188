"""A member firm's login writes its share of a joint bid from its stored view, on the real PostgreSQL (#14, item 3).

The demo group's capacity and tender on a database of its own; CHAUMAY (the mandataire) and TOLERIE have
member logins, the GE office a manager's login. The GE manager makes the bid; each member writes its own
documents without reading `bids`, and they are the same bytes as the manager's `--for MEMBER --version N`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from cli import main
from consortium.adapter import compile_tender
from consortium.bid import build_bid
from consortium.bid_record import StoredBid, capacity_uses, tender_digest
from consortium.demo import DEMO_AS_OF, demo_tender
from consortium.outcome import read_result
from integrations.demo import load_demo
from integrations.services import access
from integrations.services.capacity import capabilities
from integrations.store import open_store
from solver.tender import plan_tender
from tests.pg_scratch import scratch_database

from test_bid_confidential import DEMO_PARAMS, given_away, numbers_in, other_rates_changed, secrets

TENDER = demo_tender().code
AS_OF = ("--as-of", DEMO_AS_OF.isoformat())
MEMBERS = {"A": "CHAUMAY", "B": "TOLERIE"}


@pytest.fixture(scope="module")
def group():
    """The demo's capacity and tenders on a database of their own, logins for CHAUMAY (A), TOLERIE (B) and the
    GE office (M), and the URL of each (None: the role that created it)."""
    with scratch_database("bid", {"A": "chaumay", "B": "tolerie", "M": "office"}) as (url_of, logins):
        store = open_store(url_of())
        with store.session() as repo:
            load_demo(repo)
            for who, member in MEMBERS.items():
                access.grant_member(repo, member, logins[who], None)
            access.grant_manager(repo, logins["M"], None)
        store.close()
        yield url_of, logins


def _run(url, *args):
    return CliRunner().invoke(main, ["--db", url, *args])


def _ok(url, *args) -> str:
    result = _run(url, *args)
    assert result.exit_code == 0, result.output
    return result.output


def _files(output: str) -> list[Path]:
    return [Path(line) for line in output.splitlines()[1:]]


@pytest.mark.postgres
def test_a_member_writes_its_own_view_byte_for_byte_as_the_managers_and_is_refused_the_rest_in_one_line(
        group, tmp_path):
    url_of, logins = group
    made = _ok(url_of("M"), "tender", "bid", TENDER, *AS_OF, "--time-limit", "4", "--out", str(tmp_path / "full"))
    version = re.match(rf"tender {TENDER}: bid version (\d+), feasible\n", made)[1]

    mine = _ok(url_of("A"), "tender", "bid", TENDER, "--for", "chaumay", "--out", str(tmp_path / "a"))
    assert mine.splitlines()[0] == f"tender {TENDER}: bid version {version}, feasible"
    assert [p.name for p in _files(mine)] == ["bid-CHAUMAY.md", "bid-CHAUMAY.html", "bid-CHAUMAY.xlsx"]
    for lang in ("fr", "en"):
        own = _ok(url_of("A"), "tender", "bid", TENDER, "--for", "CHAUMAY", "--version", version, "--lang", lang,
                  "--out", str(tmp_path / f"a-{lang}"))
        managers = _ok(url_of("M"), "tender", "bid", TENDER, "--for", "CHAUMAY", "--version", version, "--lang",
                       lang, "--out", str(tmp_path / f"m-{lang}"))
        assert [p.name for p in _files(own)] == [p.name for p in _files(managers)]
        for a, m in zip(_files(own), _files(managers), strict=True):
            assert a.read_bytes() == m.read_bytes(), a.name
    assert (tmp_path / "a" / "bid-CHAUMAY.md").read_bytes() == (tmp_path / "a-fr" / "bid-CHAUMAY.md").read_bytes()
    theirs = _ok(url_of("B"), "tender", "bid", TENDER, "--for", "TOLERIE", "--out", str(tmp_path / "b"))
    assert [p.name for p in _files(theirs)] == ["bid-TOLERIE.md", "bid-TOLERIE.html", "bid-TOLERIE.xlsx"]

    refused = {
        ("--for", "TOLERIE"): "CHAUMAY may not read the bid of TOLERIE",
        (): "a member's login must say --for CHAUMAY (it writes CHAUMAY's view of the bid)",
        ("--for", "CHAUMAY", "--margin", "10%"): "making a bid is the GE manager's: CHAUMAY's login writes its "
                                                 "view of a stored version; leave out --margin",
        ("--for", "CHAUMAY", "--time-limit", "5", *AS_OF): "making a bid is the GE manager's: CHAUMAY's login "
                                                           "writes its view of a stored version; leave out "
                                                           "--time-limit and --as-of",
        ("--for", "CHAUMAY", "--version", "99"): (
            f"tender {TENDER}: no bid version 99 stored for CHAUMAY (none made yet, CHAUMAY not in its team, or "
            "made before members' views were stored): the GE manager must write the bid again for CHAUMAY's view "
            f"(`mutualis tender bid {TENDER} --for CHAUMAY --version 99 --out DIR`)"),
    }
    for args, said in refused.items():
        result = _run(url_of("A"), "tender", "bid", TENDER, "--out", str(tmp_path / "refused"), *args)
        assert (result.exit_code, result.output) == (1, f"error: {said}\n"), args
    assert not (tmp_path / "refused").exists()
    allowed = _run(url_of("M"), "tender", "bid", TENDER, "--for", "TOLERIE", "--version", version,
                   "--out", str(tmp_path / "m-b"))
    assert allowed.exit_code == 0, allowed.output

    versions = _ok(url_of("A"), "tender", "versions", TENDER)
    assert versions == _ok(url_of("M"), "tender", "versions", TENDER)  # every version has CHAUMAY in its team
    assert re.search(rf"^{version} +{DEMO_AS_OF} +draft +\d+\.\d\d$", versions, re.M)
    _ok(url_of("M"), "tender", "reserve", TENDER, "--version", version, *AS_OF)
    reserved = _ok(url_of("B"), "tender", "versions", TENDER)
    assert re.search(rf"^{version} +{DEMO_AS_OF} +reserved ", reserved, re.M), reserved
    _ok(url_of("M"), "tender", "release", TENDER)
    assert re.search(rf"^{version} +{DEMO_AS_OF} +released ", _ok(url_of("A"), "tender", "versions", TENDER), re.M)


@pytest.mark.postgres
def test_in_sql_a_member_reads_only_its_own_views_and_never_the_bids(group, tmp_path):
    url_of, logins = group
    _ok(url_of("M"), "tender", "bid", TENDER, *AS_OF, "--time-limit", "4", "--out", str(tmp_path / "full"))
    seen = {}
    for who in ("A", "B", "M"):
        engine = create_engine(url_of(who))
        with engine.connect() as connection:
            seen[who] = connection.execute(text(
                "SELECT m.code, v.version, v.data FROM bid_member_views v JOIN members m ON m.id = v.member_id "
                "ORDER BY v.version")).all()
        if who != "M":
            with pytest.raises(DBAPIError) as refused, engine.connect() as connection:
                connection.execute(text("SELECT id FROM bids"))
            assert refused.value.orig.sqlstate == "42501"
        engine.dispose()
    keys = {who: {(code, version) for code, version, _ in rows} for who, rows in seen.items()}
    assert keys["A"] and {code for code, _ in keys["A"]} == {"CHAUMAY"}
    assert keys["B"] and {code for code, _ in keys["B"]} == {"TOLERIE"}
    assert keys["A"] | keys["B"] < keys["M"]
    for _, _, data in seen["A"]:  # its view: its own lines, commitments and share; the others' share only
        assert {x["member"] for lot in data["lots"] for x in lot["lines"]} <= {"CHAUMAY", None}
        assert {c["member"] for c in data["commitments"]} == {"CHAUMAY"}
        assert all(s["amount"] is None and s["hours"] is None for s in data["shares"] if s["member"] != "CHAUMAY")


@pytest.mark.postgres
def test_a_version_stored_before_the_views_is_written_again_by_the_manager_for_the_member(group, tmp_path):
    url_of, _ = group
    made = _ok(url_of("M"), "tender", "bid", TENDER, *AS_OF, "--time-limit", "4", "--out", str(tmp_path / "full"))
    version = re.match(r"tender \S+: bid version (\d+)", made)[1]
    owner = create_engine(url_of())
    with owner.begin() as connection:  # as a version made before migration 0010 left it
        connection.execute(text("DELETE FROM bid_member_views WHERE version = :v"), {"v": int(version)})
    owner.dispose()
    missing = _run(url_of("A"), "tender", "bid", TENDER, "--for", "CHAUMAY", "--version", version,
                   "--out", str(tmp_path / "a"))
    assert missing.exit_code == 1 and len(missing.output.splitlines()) == 1
    assert "the GE manager must write the bid again for CHAUMAY's view" in missing.output
    _ok(url_of("M"), "tender", "bid", TENDER, "--for", "CHAUMAY", "--version", version, "--out", str(tmp_path / "m"))
    again = _ok(url_of("A"), "tender", "bid", TENDER, "--for", "CHAUMAY", "--version", version,
                "--out", str(tmp_path / "a"))
    assert (tmp_path / "a" / "bid-CHAUMAY.xlsx").read_bytes() == (tmp_path / "m" / "bid-CHAUMAY.xlsx").read_bytes()
    assert again.startswith(f"tender {TENDER}: bid version {version}, ")


@pytest.mark.postgres
@pytest.mark.parametrize("who", ["A", "B"])
def test_a_members_documents_from_its_stored_view_give_away_no_other_members_rate_or_cost(group, who, tmp_path):
    """The adversary of test_bid_confidential on the files the member's login writes: two versions of the same
    plan, the other members' rates changed in the second; no sum, difference or quotient of two figures at the
    same places in its documents (its view and the buyer's offer) is another member's rate or cost in both."""
    url_of, _ = group
    member = MEMBERS[who]
    store = open_store(url_of())
    with store.session() as repo:
        caps = capabilities(repo)
        compiled = compile_tender(repo.consortium.get_tender(TENDER), caps, DEMO_AS_OF)
        outcome = read_result(compiled, plan_tender(compiled.problem, DEMO_PARAMS))
        names = {m.code: m.legal_name for m in repo.people.list_members()}
        worlds = (compiled.resources, other_rates_changed(compiled.resources, member))
        stored = []
        for resources in worlds:
            bid = build_bid(compiled.tender, outcome, resources, DEMO_AS_OF, None, names)
            stored.append(repo.consortium.save_bid(StoredBid(
                tender=TENDER, version=0, made_on=DEMO_AS_OF, tender_digest=tender_digest(compiled.tender), bid=bid,
                uses=capacity_uses(bid, caps, DEMO_AS_OF))))
    store.close()
    assert member in outcome.team and {p.member for p in outcome.placements} - {member}

    docs, full = [], []
    for k, s in enumerate(stored):
        own = _ok(url_of(who), "tender", "bid", TENDER, "--for", member, "--version", str(s.version),
                  "--out", str(tmp_path / f"own{k}"))
        group_files = _files(_ok(url_of("M"), "tender", "bid", TENDER, "--version", str(s.version),
                                 "--out", str(tmp_path / f"full{k}")))
        offer = [p for p in group_files if p.stem in ("offre", "offer")]
        docs.append(numbers_in(_files(own) + offer))
        full.append(numbers_in(group_files))
    secret = [secrets(s.bid, w.values(), member) for s, w in zip(stored, worlds, strict=True)]
    assert not given_away(docs, secret), member
    for r in compiled.resources.values():
        if r.member != member:
            assert not re.search(rf"\b{re.escape(r.code)}\b", docs[0][1]) or r.code in {
                x.code for x in compiled.resources.values() if x.member == member}, r.key
    # the adversary's tools work: from the manager's full documents they recover the others' rates
    used = {f"{x.member}/{x.resource} hourly rate" for lot in stored[0].bid.lots for x in lot.lines
            if x.kind == "labour" and x.member != member}
    assert used and used <= given_away(full, [secrets(s.bid, w.values(), None) for s, w in
                                              zip(stored, worlds, strict=True)])
