"""A member's version of the bid gives away no other member's rate, cost or resource, even to an adversary
who divides, subtracts and adds every pair of figures found in its Markdown, HTML and XLSX."""

import re
from decimal import Decimal
from itertools import product

import pytest
from openpyxl import load_workbook

from consortium.adapter import compile_tender
from consortium.bid import JointBid, build_bid
from consortium.demo import DEMO_AS_OF, demo_capabilities, demo_tender
from consortium.outcome import read_result
from integrations.services.tenders import write_bid_files
from solver.tender import PlanParams, plan_tender

from test_consortium_tiny import AS_OF, solve, tiny_caps, tiny_tender

NUMBER = re.compile(r"\d+(?:[ \u202f\u00a0]\d{3})*(?:[.,]\d+)?")
DEMO_PARAMS = PlanParams(stage_time_limits=(2.0, 2.0, 0.5), extension_time_limit=0.5)


def numbers_in(paths) -> tuple[list[float], str]:
    """Every number in the files, in order (text, then every cell of every sheet), and all their text."""
    numbers, text = [], []
    for p in paths:
        if p.suffix == ".xlsx":
            for ws in load_workbook(p).worksheets:
                for row in ws.iter_rows(values_only=True):
                    for cell in row:
                        if isinstance(cell, (int, float)) and not isinstance(cell, bool):
                            numbers.append(float(cell))
                        elif cell is not None:
                            numbers += _parse(str(cell))
                            text.append(str(cell))
        else:
            content = p.read_text(encoding="utf-8")
            numbers += _parse(content)
            text.append(content)
    return numbers, "\n".join(text)


def _parse(text: str) -> list[float]:
    return [float(re.sub(r"[ \u202f\u00a0]", "", m).replace(",", ".")) for m in NUMBER.findall(text)]


def secrets(bid: JointBid, resources, member: str | None) -> dict[str, Decimal]:
    """What `member` must not learn: the other members' rates and costs (line, lot and total amounts)."""
    out: dict[str, Decimal] = {}
    loaded = (1 + bid.contingency_pct) * (1 + bid.margin_pct)  # a rate with contingency and margin on top
    for r in resources:
        if r.member != member and r.member in bid.team:
            out[f"{r.key} hourly rate"] = r.hourly_rate
            out[f"{r.key} overtime rate"] = r.overtime
            out[f"{r.key} hourly rate with contingency and margin"] = r.hourly_rate * loaded
    totals: dict[str, Decimal] = {}
    for lot in bid.lots:
        per_lot: dict[str, Decimal] = {}
        for x in lot.lines:
            if x.member and x.member != member:
                out[f"{x.member} {x.kind} cost on {x.resource} in lot {lot.lot}"] = x.amount
                per_lot[x.member] = per_lot.get(x.member, Decimal(0)) + x.amount
        for m, amount in per_lot.items():
            out[f"{m} cost in lot {lot.lot}"] = amount
            totals[m] = totals.get(m, Decimal(0)) + amount
    out.update({f"{m} cost in all": amount for m, amount in totals.items()})
    return out


def combinations(figures: list[tuple[float, ...]]):
    """Each figure, and the quotient, difference and sum of every two, computed in every world at once."""
    for f in figures:
        yield "", f
    for (i, a), (j, b) in product(enumerate(figures), repeat=2):
        yield f"#{i} - #{j}", tuple(x - y for x, y in zip(a, b, strict=False))
        yield f"#{i} + #{j}", tuple(x + y for x, y in zip(a, b, strict=False))
        if all(b):
            yield f"#{i} / #{j}", tuple(x / y for x, y in zip(a, b, strict=False))


def other_rates_changed(resources, member: str) -> dict:
    """The same group where every other member's rates differ (the plan stays the same)."""
    def change(rate: Decimal) -> Decimal:
        return (rate * Decimal("1.0837") + Decimal("0.13")).quantize(Decimal("0.01"))
    return {key: r if r.member == member else r.model_copy(update={
        "hourly_rate": change(r.hourly_rate), "overtime_rate": change(r.overtime)}) for key, r in resources.items()}


def _documents(bid: JointBid, member: str | None, folder):
    """A member's own version, and the buyer's offer, which the members see too."""
    if member is None:
        return write_bid_files(bid, folder)
    offer = [p for p in write_bid_files(bid, folder / "group") if p.stem in ("offre", "offer")]
    return write_bid_files(bid.for_member(member), folder) + offer


def given_away(docs, secret: list[dict[str, Decimal]]) -> set[str]:
    """The secrets that some combination of the figures at the same places in the two worlds' documents
    (`numbers_in` of each) equals in both worlds; `secret` is `secrets(...)` of each world."""
    assert len(docs[0][0]) == len(docs[1][0])  # same documents, other figures: places line up
    figures = sorted({pair for pair in zip(docs[0][0], docs[1][0], strict=False) if any(pair)})
    wanted: dict[Decimal, list] = {}
    for what, value in secret[0].items():
        wanted.setdefault(round(value, 2), []).append((what, float(value), float(secret[1][what])))
    leaks = set()
    for _how, (t, c) in combinations(figures):
        for cents in (round(t, 2) - 0.01, round(t, 2), round(t, 2) + 0.01):
            for what, true, changed in wanted.get(Decimal(str(round(cents, 2))), ()):
                if abs(t - true) <= 0.005 and abs(c - changed) <= 0.005:
                    leaks.add(what)
    return leaks


def assert_confidential(tender, outcome, resources: dict, member: str | None, folder) -> set[str]:
    """Write `member`'s documents (its version and the buyer's offer) with the true rates and with the other
    members' rates changed (same plan): a secret is given away when some combination of the figures at the
    same places in the documents equals it in both worlds. One world alone would flag coincidences between
    unrelated figures (120 - 58.85 = 61.15, another member's rate); a formula that works out a rate works
    whatever the rate is.
    With `member` None (the full version) return what is given away instead of asserting."""
    worlds = (resources, other_rates_changed(resources, member or ""))
    bids = [build_bid(tender, outcome, w, AS_OF, None) for w in worlds]
    docs = [numbers_in(_documents(b, member, folder / str(k))) for k, b in enumerate(bids)]
    leaks = given_away(docs, [secrets(b, w.values(), member) for b, w in zip(bids, worlds, strict=False)])
    if member is None:
        return leaks
    assert not leaks, (member, sorted(leaks))
    text = docs[0][1]
    own = {r.code for r in resources.values() if r.member == member}
    for r in resources.values():
        if r.member != member and r.code not in own:
            assert not re.search(rf"\b{re.escape(r.code)}\b", text), (member, r.key)
            assert not r.name or r.name not in text, (member, r.key, r.name)
    # the adversary's tools work: from the full version they recover every rate the plan uses
    used = {f"{x.member}/{x.resource} hourly rate" for lot in bids[0].lots for x in lot.lines
            if x.kind == "labour" and x.member != member}
    assert used <= assert_confidential(tender, outcome, resources, None, folder / "full")
    return leaks


@pytest.fixture(scope="module")
def demo_plan():
    compiled = compile_tender(demo_tender(), demo_capabilities(), DEMO_AS_OF)
    return compiled.tender, read_result(compiled, plan_tender(compiled.problem, DEMO_PARAMS)), compiled.resources


@pytest.mark.parametrize("quantity", [14, 26])
def test_no_member_of_the_tiny_group_can_work_out_another_members_rate_or_cost(quantity, tmp_path):
    # 14 units: A cuts, B welds, so B sees a single other member (the total less its own is A's part);
    # 26 units: B is too small and C welds too
    compiled, _, outcome = solve(tiny_tender(quantity=quantity), tiny_caps(hours=16))
    producers = {p.member for p in outcome.placements}
    assert producers == ({"A", "B"} if quantity == 14 else {"A", "B", "C"})
    for member in sorted(producers):
        assert_confidential(compiled.tender, outcome, compiled.resources, member, tmp_path / member)


@pytest.mark.parametrize("member", ["TOLERIE", "REMORQ", "GALVA", "USIMECA"])
def test_no_demo_member_can_work_out_another_members_rate_or_cost(demo_plan, member, tmp_path):
    tender, outcome, resources = demo_plan
    assert member in outcome.team
    assert_confidential(tender, outcome, resources, member, tmp_path)


def test_a_member_sees_its_own_lines_in_full_and_only_the_share_of_the_others(demo_plan):
    tender, outcome, resources = demo_plan
    full = build_bid(tender, outcome, resources, DEMO_AS_OF)
    view = full.for_member("TOLERIE")
    own = [x for lot in view.lots for x in lot.lines if x.member == "TOLERIE"]
    assert own and all(x.unit_price in (Decimal("96.45"), Decimal("58.85"), Decimal("121.80"), Decimal("77.40"))
                       for x in own)
    assert {x.member for lot in view.lots for x in lot.lines} == {"TOLERIE", None}
    assert {c.member for c in view.commitments} == {"TOLERIE"}
    assert all(s.hours is None and s.amount is None for s in view.shares if s.member != "TOLERIE")
    assert [lot.total for lot in view.lots] == [lot.total for lot in full.lots]
    assert view.total == full.total
