"""CLI round trip on a tmp SQLite database: capacity, tender import, check, plan, bid, reserve, award, release."""

import json

from click.testing import CliRunner

from cli import main
from consortium.demo import demo_tender
from consortium.tender_file import tender_to_yaml
from integrations.consortium_service import load_demo
from integrations.store import open_store


def test_capacity_and_tender_round_trip(tmp_path):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(db) as store, store.session() as repo:
        load_demo(repo)
    run = lambda *args: CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)  # noqa: E731

    out = run("capacity", "declare", "tolerie", "laser-6kw", "--week", "2027-W03", "--hours", "40", "--overtime", "4")
    assert out.exit_code == 0 and out.output == "TOLERIE/LASER-6KW 2027-W03: 40 h, overtime 4 h, committed 0 h\n"
    sheet = tmp_path / "cap.csv"
    sheet.write_text("member,resource,week,available_hours,max_overtime_hours,committed_hours\n"
                     "GALVA,BAIN-7M,2027-W05,90,0,10\n", encoding="utf-8")
    assert run("capacity", "import", str(sheet)).output == "1 capacity declarations imported from cap.csv\n"
    bad = tmp_path / "bad.csv"
    bad.write_text("member,resource,week,available_hours\nGALVA,BAIN-7M,2027-W99,90\n", encoding="utf-8")
    out = run("capacity", "import", str(bad))
    assert out.exit_code == 1 and out.output.startswith("error: bad.csv:2: column week:")

    file = tmp_path / "ao.yaml"
    file.write_text(tender_to_yaml(demo_tender()), encoding="utf-8")
    out = run("tender", "import", str(file))
    assert out.output == "tender AO-2027-CHASSIS imported: 3 lots, 5 items, due 2027-W13\n"
    assert run("tender", "check", "AO-2027-CHASSIS", "--as-of", "2026-12-01").output == \
        "tender AO-2027-CHASSIS: no issue found before planning\n"
    plan = json.loads(run("tender", "plan", "AO-2027-CHASSIS", "--json", "--time-limit", "4", "--as-of", "2026-12-01").output)
    assert plan["status"] == "feasible" and plan["mandataire"] == "CHAUMAY"

    out = run("tender", "bid", "AO-2027-CHASSIS", "--as-of", "2026-12-01", "--out", str(tmp_path / "bid"), "--for", "TOLERIE",
              "--time-limit", "4")
    assert out.exit_code == 0 and (tmp_path / "bid" / "bid-TOLERIE.html").is_file()

    before = run("capacity", "show", "--from", "2027-W02", "--weeks", "10", "--json", "--as-of", "2026-12-01").output
    out = run("tender", "reserve", "AO-2027-CHASSIS", "--time-limit", "4", "--as-of", "2026-12-01")
    assert out.exit_code == 0 and "reserved on" in out.output and "until 2027-02-26" in out.output
    after = run("capacity", "show", "--from", "2027-W02", "--weeks", "10", "--json", "--as-of", "2026-12-01").output
    free = lambda text: sum(sum(w.values()) for w in json.loads(text)["free_hours"].values())  # noqa: E731
    assert free(after) < free(before)
    assert "turned into commitments" in run("tender", "award", "AO-2027-CHASSIS").output
    assert run("tender", "release", "AO-2027-CHASSIS").output.endswith("reservations released\n")
    assert free(run("capacity", "show", "--from", "2027-W02", "--weeks", "10", "--json", "--as-of", "2026-12-01").output) == free(before)

    out = run("tender", "plan", "NOPE")
    assert out.exit_code == 1 and out.output == "error: no tender 'NOPE'\n"
