from datetime import date

import pytest

from sharing.catalogue import add_months, certification, load_catalogue, standard_catalogue


@pytest.fixture(scope="module")
def catalogue():
    return standard_catalogue()


def test_the_standard_catalogue_has_the_metalworking_trades(catalogue):
    codes = {s.code for s in catalogue.skills}
    assert {"MIG-MAG", "TIG", "SMAW", "BOILER", "CNC-MILL", "CNC-TURN", "MAINT-MECA", "MAINT-ELEC", "LINE",
            "FORKLIFT", "QUALITY", "PAINT", "ASSEMBLY"} <= codes


def test_the_standard_catalogue_has_the_usual_certifications(catalogue):
    codes = {c.code for c in catalogue.certification_types}
    assert {"HAB-ELEC", "CACES-R489", "CACES-R486", "ISO9606-1", "SST", "ATEX"} <= codes


def test_br_covers_b1v_and_what_b1v_covers(catalogue):
    hab = catalogue.certification_type("HAB-ELEC")
    assert {"B1V", "B1", "B0", "BS"} <= hab.covered_by("BR")
    assert "B2V" not in hab.covered_by("BR")


def test_v_habilitations_cover_their_plain_symbol_and_numbers_cover_lower(catalogue):
    hab = catalogue.certification_type("HAB-ELEC")
    assert hab.covered_by("B1V") == {"B1V", "B1", "B0"}
    assert {"B2", "B1V", "B1", "B0"} <= hab.covered_by("B2V")
    assert "B1V" not in hab.covered_by("B1")


def test_consignment_covers_no_work_habilitation(catalogue):
    hab = catalogue.certification_type("HAB-ELEC")
    assert hab.covered_by("BC") == {"BC", "B0"}
    assert "H0V" not in hab.covered_by("BR")


def test_caces_forklift_categories_do_not_cover_each_other(catalogue):
    caces = catalogue.certification_type("CACES-R489")
    assert caces.validity_months == 60
    for level in caces.levels:
        assert caces.covered_by(level) == {level}


def test_welder_qualification_positions_are_ordered(catalogue):
    iso = catalogue.certification_type("ISO9606-1")
    assert iso.covered_by("H-L045") == set(iso.levels)
    assert iso.covered_by("PA-PB") == {"PA-PB"}


def test_a_certification_expires_the_day_before_its_validity_runs_out(catalogue):
    cert = certification(catalogue, "CACES-R489", "3", date(2021, 12, 3))
    assert cert.valid_to == date(2026, 12, 2)
    assert cert.is_valid(date(2026, 12, 2)) and not cert.is_valid(date(2026, 12, 3))


def test_adding_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 15), 14) == date(2026, 1, 15)


def test_a_catalogue_loads_from_yaml_text():
    cat = load_catalogue("skills: [{code: tig, name: TIG}]")
    assert cat.skill("TIG").levels == ["1", "2", "3"]
