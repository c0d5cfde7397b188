"""The demo's twelve past weeks: deterministic, lawful, stored once, and a shortage with a story."""

from __future__ import annotations

import pytest

from integrations.demo import init_database, load_group
from integrations.demo_history import history_plans, history_weeks, seed_history
from integrations.services.forecast import shortage
from integrations.store import open_store
from sharing.compliance import check_plan, history_from_plans
from sharing.demo import demo_group


@pytest.fixture(scope="module")
def past():
    return history_plans()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('history') / 'demo.db'}")
    with store.session() as repo:
        init_database(repo)
        load_group(repo, demo_group())
    assert seed_history(store) == 12
    yield store
    store.close()


def test_the_history_is_the_twelve_weeks_before_the_demo_week():
    assert [str(w) for w in history_weeks()][::11] == ["2026-W37", "2026-W48"]


def test_the_past_plans_are_the_same_on_every_run(past):
    assert history_plans() == past


def test_every_past_plan_keeps_every_labour_rule(past):
    group, plans = past
    assert len(plans) == 12 and all(p.assignments for p in plans)
    for i, plan in enumerate(plans):
        assert check_plan(plan, group, history_from_plans(plans[:i], group, plan.week)) == []


def test_seeding_twice_stores_nothing_more(store):
    with store.session() as repo:
        before = repo.counts()
    assert seed_history(store) == 0
    with store.session() as repo:
        assert repo.counts() == before and before["plans"] == 12


def test_the_shortage_tells_the_season(store):
    with store.session() as repo:
        report = shortage(repo, "2026-W37", "2026-W48")
    assert report.weeks_without_plan == []
    split = report.by_category()
    assert split["certificate"] == 24  # ATEX level 2 at the silo, three Tuesdays, 8 h each
    assert split["skill"] == 32  # a bar-turning programmer, four Thursdays
    tig = {week: cells.get("TIG:2", 0) for week, cells in report.weekly("skill").items()}
    assert max(tig, key=tig.get) in ("2026-W43", "2026-W44")  # the Toussaint leave of two TIG welders
    assert tig["2026-W37"] < tig["2026-W43"]
