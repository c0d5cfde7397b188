"""A bid is a stored, versioned plan: reserve and award commit exactly a stored version, or refuse saying
what changed; a tender holding hours is not replaced unless its hours are released."""

import shutil
from decimal import Decimal

import pytest

from consortium.demo import DEMO_AS_OF, demo_tender
from consortium.tender_file import tender_to_yaml
from integrations.services.tenders import award_tender, import_tender, list_bid_versions, make_bid, reserve_tender
from integrations.services.capacity import declare_capacity
from integrations.demo import load_demo
from integrations.store import open_store
from consortium.errors import InvalidInput, RowError
from solver.tender import PlanParams

CODE = "AO-2027-CHASSIS"
FAST = PlanParams(stage_time_limits=(1.0, 1.0, 0.5), extension_time_limit=0.5)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The demo group with version 1 of the demo tender's bid."""
    path = tmp_path_factory.mktemp("template") / "t.db"
    with open_store(f"sqlite:///{path}") as store, store.session() as repo:
        load_demo(repo)
        make_bid(repo, CODE, params=FAST, as_of=DEMO_AS_OF)
    return path


@pytest.fixture()
def store(template, tmp_path):
    shutil.copy(template, tmp_path / "m.db")
    with open_store(f"sqlite:///{tmp_path / 'm.db'}") as opened:
        yield opened


def _held(repo) -> dict:
    return {(r.member, r.resource, r.week): (Decimal(str(r.hours)), r.status)
            for r in repo.consortium.list_reservations(CODE)}


def test_reserve_and_award_commit_exactly_the_stored_bid(store):
    with store.session() as repo:
        stored = repo.consortium.get_bid(CODE)
        reserve_tender(repo, CODE, as_of=DEMO_AS_OF)
        plan = {(c.member, c.resource, c.week): Decimal(0) for c in stored.bid.commitments}
        for c in stored.bid.commitments:
            plan[c.member, c.resource, c.week] += c.hours
        assert _held(repo) == {k: (h, "reserved") for k, h in plan.items()}
        award_tender(repo, CODE, as_of=DEMO_AS_OF)
        assert _held(repo) == {k: (h, "awarded") for k, h in plan.items()}
        assert [(v, s) for v, _, s, _ in list_bid_versions(repo, CODE)] == [(1, "awarded")]


def test_the_same_data_make_no_new_version_and_another_margin_does(store):
    with store.session() as repo:
        again = make_bid(repo, CODE, params=FAST, as_of=DEMO_AS_OF)
        assert again.version == 1
        other = make_bid(repo, CODE, Decimal("0.20"), params=FAST, as_of=DEMO_AS_OF)
        assert other.version == 2 and other.bid.total > again.bid.total
        assert reserve_tender(repo, CODE, version=1, as_of=DEMO_AS_OF).version == 1
        assert [(v, s) for v, _, s, _ in list_bid_versions(repo, CODE)] == [(1, "reserved"), (2, "draft")]


def test_capacity_below_the_bid_refuses_reserve_and_award_naming_member_resource_week_and_hours(store):
    with store.session() as repo:
        use = max(repo.consortium.get_bid(CODE).uses, key=lambda u: u.hours)
        reserve_tender(repo, CODE, as_of=DEMO_AS_OF)
        units = next(r.units for r in repo.consortium.list_resources(use.member) if r.code == use.resource)
        report = declare_capacity(repo, use.member, use.resource, use.week, 1, as_of=DEMO_AS_OF)
        assert report.warnings == (f"{use.key} {use.week}: {units:.1f} h declared in all, below the "
                                   f"{use.hours:.1f} h reserved for tender {CODE}",)
        assert f"1 h per unit × {units} units = {units} h" in report.described[0]
        with pytest.raises(RowError) as caught:
            award_tender(repo, CODE, as_of=DEMO_AS_OF)
    lines = caught.value.problems
    assert lines[0].startswith(f"tender {CODE} bid version 1: capacity changed since the bid was made on 2026-12-01")
    assert lines[1] == (f"{use.key} {use.week}: bid version 1 uses {use.hours:.2f} h, {units:.2f} h free now "
                        f"(was {use.free_hours:.2f} h on 2026-12-01)")


def test_a_changed_tender_over_reservations_is_refused_unless_released(store, tmp_path):
    fewer = demo_tender().model_copy(update={"lots": demo_tender().lots[:2]})
    file = tmp_path / "ao.yaml"
    file.write_text(tender_to_yaml(fewer), encoding="utf-8")
    with store.session() as repo:
        reserve_tender(repo, CODE, as_of=DEMO_AS_OF)
        held = _held(repo)
        hours = sum(float(h) for h, _ in held.values())
        with pytest.raises(InvalidInput) as caught:
            import_tender(repo, file)
        assert str(caught.value) == (f"tender {CODE} is reserved: {hours:.1f} h on {len(held)} resource-weeks are "
                                     "held for it; import again with --release to release them and replace the tender")
        assert len(repo.consortium.get_tender(CODE).lots) == 3
        done = import_tender(repo, file, release=True)
        assert done.released == len(held) and not repo.consortium.list_reservations(CODE)
        assert len(repo.consortium.get_tender(CODE).lots) == 2 and repo.consortium.tender_status(CODE) == "open"
        with pytest.raises(InvalidInput, match="answers an earlier version of the tender"):
            award_tender(repo, CODE, as_of=DEMO_AS_OF)
        assert not repo.consortium.list_reservations(CODE)
