"""`pull members` updates what Odoo owns and never clears what the group keeps (sites, opening hours)."""

from __future__ import annotations

import pytest

from consortium.members import Member, Site
from integrations.odoo.pull import pull_members
from integrations.store import open_store


SIRET, OTHER_SIRET = "73282932000074", "55210055400013"
TAG = "GE member"


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    with s.session() as repo:
        # Wood Corner is a member already, with its own sites and opening hours.
        repo.people.add_member(Member(code="WOOD_CORNER", legal_name="Wood Corner (old name)", siret=SIRET,
                                      activity="joinery", entitlement=2.0,
                                      sites=[Site(code="MAIN", name="Atelier", address="old street", latitude=45.0,
                                                  longitude=4.0, opening_hours="mon-fri 07:00-19:00",
                                                  sunday_work_allowed=True),
                                             Site(code="NORD", name="Dépôt", latitude=45.5, longitude=4.5,
                                                  opening_hours="mon-sat 06:00-14:00")]))
        # Deco Addict has sites but none called MAIN.
        repo.people.add_member(Member(code="DECO_ADDICT", legal_name="Deco Addict", siret=OTHER_SIRET,
                                      sites=[Site(code="USINE", name="Usine", latitude=44.0, longitude=3.0,
                                                  opening_hours="mon-fri 08:00-17:00")]))
    yield s
    s.close()


def tag_partners(odoo, partners: dict[int, str]) -> None:
    odoo.db.insert("res.partner.category", {"name": TAG})
    tag = max(odoo.db.table("res.partner.category"))
    for pid, siret in partners.items():
        odoo.db.table("res.partner")[pid].update(category_id=[tag], company_registry=siret)


def pull(store, gateway, dry_run=False):
    with store.session() as repo:
        return pull_members(repo, gateway, "test", TAG, dry_run=dry_run)


def test_a_pull_keeps_sites_and_opening_hours_and_updates_name_siret_address(store, gateway, odoo):
    tag_partners(odoo, {9: SIRET, 10: OTHER_SIRET})  # 9 Wood Corner, 10 Deco Addict
    with store.session() as repo:
        before = {m.code: m for m in repo.people.list_members()}
    report = pull(store, gateway)
    assert (report.created, report.updated, report.unchanged, report.problems) == (0, 1, 1, [])
    with store.session() as repo:
        wood, deco = repo.people.get_member("WOOD_CORNER"), repo.people.get_member("DECO_ADDICT")
    partner = gateway.read("res.partner", [9], ["name", "street", "zip", "city"])[0]
    assert wood.legal_name == partner["name"] == "Wood Corner"
    main, nord = wood.site("MAIN"), wood.site("NORD")
    assert main.address == ", ".join(partner[k] for k in ("street", "zip", "city") if partner[k])
    # Everything Odoo does not hold is as it was.
    old_main = before["WOOD_CORNER"].site("MAIN")
    assert main.opening_hours == old_main.opening_hours and main.opening_hours["mon"][0].start.hour == 7
    assert (main.name, main.latitude, main.longitude) == ("Atelier", 45.0, 4.0)  # Odoo has no coordinates
    assert main.sunday_work_allowed
    assert nord == before["WOOD_CORNER"].site("NORD")
    assert (wood.activity, wood.entitlement) == ("joinery", 2.0)
    # No site MAIN is added to a member that has none.
    assert [s.code for s in deco.sites] == ["USINE"] and deco.sites == before["DECO_ADDICT"].sites
    assert any("DECO_ADDICT: no site MAIN" in w for w in report.warnings)
    assert pull(store, gateway).unchanged == 2  # a second pull changes nothing


def test_coordinates_from_odoo_move_the_main_site_but_keep_its_hours(store, gateway, odoo):
    tag_partners(odoo, {9: SIRET})
    odoo.db.table("res.partner")[9].update(partner_latitude=45.75, partner_longitude=4.85)
    pull(store, gateway)
    with store.session() as repo:
        main = repo.people.get_member("WOOD_CORNER").site("MAIN")
    assert (main.latitude, main.longitude) == (45.75, 4.85) and main.opening_hours["fri"]


def test_a_linked_partner_updates_its_member_whatever_its_name(store, gateway, odoo):
    tag_partners(odoo, {10: OTHER_SIRET})
    with store.session() as repo:
        repo.odoo.link("test", "res.partner", "DECO_ADDICT", 10)
    odoo.db.table("res.partner")[10].update(name="Deco Addict Group")
    report = pull(store, gateway)
    assert (report.created, report.updated) == (0, 1)
    with store.session() as repo:
        assert repo.people.get_member("DECO_ADDICT").legal_name == "Deco Addict Group"
        assert "DECO_ADDICT_GROUP" not in {m.code for m in repo.people.list_members()}


def test_a_new_member_gets_site_main_and_a_dry_run_stores_nothing(store, gateway, odoo):
    tag_partners(odoo, {11: "40483304800022"})
    name = gateway.read("res.partner", [11], ["name"])[0]["name"]
    dry = pull(store, gateway, dry_run=True)
    assert dry.created == 1 and dry.diff == [f"+ member {dry.diff[0].split()[2]} {name}"]
    with store.session() as repo:
        assert len(repo.people.list_members()) == 2
    pull(store, gateway)
    with store.session() as repo:
        new = [m for m in repo.people.list_members() if m.code not in ("WOOD_CORNER", "DECO_ADDICT")]
    assert [s.code for s in new[0].sites] == ["MAIN"]


def test_a_partner_is_matched_by_siret_and_a_same_named_partner_of_another_siret_is_another_firm(
        store, gateway, odoo):
    # Gemini Furniture carries Wood Corner's SIRET: the same firm under its Odoo name, not a new member.
    # Deco Addict carries another SIRET than the stored DECO_ADDICT: another firm, never merged into it.
    tag_partners(odoo, {11: SIRET, 10: "44200000000004"})
    report = pull(store, gateway)
    assert report.created == 0
    assert any("DECO_ADDICT" in p and "another firm, not pulled" in p for p in report.problems)
    with store.session() as repo:
        assert {m.code for m in repo.people.list_members()} == {"WOOD_CORNER", "DECO_ADDICT"}
        assert repo.people.get_member("WOOD_CORNER").legal_name == "Gemini Furniture"
        assert repo.people.get_member("DECO_ADDICT").siret == OTHER_SIRET


def test_a_partner_without_address_updates_a_member_without_site_main(store, gateway, odoo):
    tag_partners(odoo, {10: OTHER_SIRET})
    odoo.db.table("res.partner")[10].update(street=False, street2=False, zip=False, city=False)
    report = pull(store, gateway)
    assert report.problems == [] and report.created == 0
    with store.session() as repo:
        assert [s.code for s in repo.people.get_member("DECO_ADDICT").sites] == ["USINE"]
