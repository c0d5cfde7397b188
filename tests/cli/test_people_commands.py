"""`employee` and `request` through the command line: exact output, codes typed in any case."""

from __future__ import annotations

import json

NEW_EMPLOYEE = ("employee", "add", "e9", "--first-name", "Léa", "--last-name", "Morin", "--lat", "48.1", "--lon",
                "-0.7", "--members", "ACIER, FORGE", "--sites", "ACIER/MAIN", "--start", "2026-01-05",
                "--hourly-cost", "24.50")
REQUEST = ("request", "add", "r100", "--member", "ACIER", "--site", "MAIN", "--skill", "TIG", "--day", "2026-12-07",
           "--start", "08:00", "--end", "12:00")


def test_an_employee_added_is_shown_then_removed(mutualis):
    added = mutualis(*NEW_EMPLOYEE, "--skill", "TIG:2", "--cert", "HAB-ELEC:BR:2025-01-15:2028-01-14", "--night-worker")
    assert added.output == "employee E9 added\n"
    assert mutualis("employee", "show", "e9").output == (
        "E9  Léa Morin  (night worker, 24.50 €/h)\n"
        "  contract CDI from 2026-01-05, 35 h/week\n"
        "  members: ACIER, FORGE; sites: ACIER/MAIN\n"
        "  skills: TIG level 2\n"
        "  certification HAB-ELEC BR: 2025-01-15 to 2028-01-14\n")
    assert json.loads(mutualis("employee", "show", "E9", "--json").output)["skills"] == {"TIG": 2}
    assert mutualis("employee", "remove", "e9").output == "employee E9 removed\n"
    assert mutualis("employee", "show", "E9", code=1).output == "error: no employee 'E9'\n"


def test_an_employee_with_a_skill_without_level_is_one_line_and_not_stored(mutualis):
    assert (mutualis(*NEW_EMPLOYEE, "--skill", "TIG", code=1).output
            == "error: employee E9: field skills: 'TIG' is not like TIG:2\n")
    assert "E9" not in mutualis("employee", "list").output


def test_an_employee_with_a_short_certificate_is_one_line(mutualis):
    assert mutualis(*NEW_EMPLOYEE, "--cert", "HAB-ELEC:BR", code=1).output == (
        "error: employee E9: field certifications: 'HAB-ELEC:BR' is not like HAB-ELEC:BR:2025-01-15:2028-01-14\n")


def test_a_recurring_request_is_added_on_its_weekdays_listed_shown_and_removed(mutualis):
    added = mutualis(*REQUEST, "--until", "2026-12-13", "--weekdays", "mon,wed", "--cert", "HAB-ELEC:BR")
    assert added.output == "2 request(s) added: R100-1207, R100-1209\n"
    assert mutualis("request", "list", "--week", "2026-W50", "--member", "acier").output == (
        "code       member  site  skill  day             time         people  priority\n"
        "---------  ------  ----  -----  --------------  -----------  ------  --------\n"
        "R100-1207  ACIER   MAIN  TIG≥1  Mon 2026-12-07  08:00-12:00  1       normal\n"
        "R100-1209  ACIER   MAIN  TIG≥1  Wed 2026-12-09  08:00-12:00  1       normal\n")
    assert mutualis("request", "show", "r100-1209").output == (
        "R100-1209  ACIER/MAIN  Wed 2026-12-09 08:00-12:00\n"
        "  1 × TIG level ≥ 1, priority normal\n"
        "  certifications: HAB-ELEC:BR\n")
    assert json.loads(mutualis("request", "list", "--week", "2026-W50", "--json").output)[0]["series"] == "R100"
    assert mutualis("request", "remove", "r100-1207").output == "request R100-1207 removed\n"
    assert [r["code"] for r in json.loads(mutualis("request", "list", "--week", "2026-W50", "--json").output)] == [
        "R100-1209"]


def test_a_range_without_weekdays_files_monday_to_friday(mutualis):
    added = mutualis(*REQUEST, "--until", "2026-12-13")
    assert added.output == "5 request(s) added: R100-1207, R100-1208, R100-1209, R100-1210, R100-1211\n"


def test_bad_weekdays_or_certificates_of_a_request_are_one_line_and_nothing_is_filed(mutualis):
    assert mutualis(*REQUEST, "--weekdays", "xyz", code=1).output == (
        "error: request R100: day 'xyz' is not one of mon, tue, wed, thu, fri, sat, sun\n")
    assert mutualis(*REQUEST, "--cert", "HAB", code=1).output == (
        "error: request R100: certification 'HAB' is not like HAB-ELEC:BR\n")
    assert mutualis("request", "list", "--week", "2026-W50").output.count("\n") == 2  # the header alone
