"""Plan files: calendars with the group's VTIMEZONE and the stored save time as DTSTAMP, the format that
--out's suffix names, files complete or absent and readable by the owner only."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from icalendar import Calendar

import report_samples as samples
from integrations.files import FileProblem
from integrations.reports import output_format, plan_rows, write_ics, write_table
from integrations.store import open_store
from integrations.services.weekly import week_view
from consortium.errors import InvalidInput
from consortium.weeks import parse_week

SAVED = datetime(2026, 11, 27, 16, 42, 5, tzinfo=UTC)


def calendars(folder):
    return {p.stem: Calendar.from_ical(p.read_bytes()) for p in sorted(folder.glob("*.ics"))}


def test_calendars_carry_the_paris_vtimezone_local_times_and_the_plans_stamp(tmp_path):
    files = write_ics(samples.plan(), samples.group(), tmp_path / "cal", saved_at=SAVED)
    assert [p.name for p in files] == ["E001.ics", "E002.ics", "E003.ics"]
    paris = ZoneInfo("Europe/Paris")
    for code, cal in calendars(tmp_path / "cal").items():
        zones = cal.walk("VTIMEZONE")
        assert [str(z["TZID"]) for z in zones] == ["Europe/Paris"]
        assert {str(s["TZNAME"]) for s in zones[0].subcomponents} == {"CET", "CEST"}
        events = cal.walk("VEVENT")
        mine = sorted((a for a in samples.ASSIGNMENTS if a.employee == code), key=lambda a: a.start)
        assert len(events) == len(mine)
        for event, a in zip(events, mine, strict=False):
            assert event.decoded("dtstart") == a.start.replace(tzinfo=paris)
            assert event.decoded("dtend") == a.end.replace(tzinfo=paris)
            assert event["DTSTART"].params["TZID"] == "Europe/Paris"
            assert event.decoded("dtstamp") == SAVED
    sunday = calendars(tmp_path / "cal")["E003"].walk("VEVENT")[-1]
    assert sunday.decoded("dtend") - sunday.decoded("dtstart") == timedelta(hours=8)
    assert sunday.decoded("dtend").date() == samples.SUNDAY + timedelta(days=1)


def test_the_same_plan_gives_the_same_calendar_bytes_and_never_the_clock(tmp_path):
    write_ics(samples.plan(), samples.group(), tmp_path / "a", saved_at=SAVED)
    write_ics(samples.plan(), samples.group(), tmp_path / "b", saved_at=SAVED)
    for name in ("E001.ics", "E002.ics", "E003.ics"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    write_ics(samples.plan(), samples.group(), tmp_path / "c")  # a plan never stored: its week's Monday
    stamp = calendars(tmp_path / "c")["E001"].walk("VEVENT")[0].decoded("dtstamp")
    assert stamp == datetime(2026, 11, 30, tzinfo=UTC)


def test_the_store_keeps_when_a_plan_was_saved_and_the_week_view_hands_it_on(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'm.db'}")
    with store.session() as repo:
        assert repo.plans.plan_saved_at(parse_week(samples.WEEK)) is None
        samples.save(repo)
    with store.session() as repo:
        saved = repo.plans.plan_saved_at(parse_week(samples.WEEK))
        view = week_view(repo, parse_week(samples.WEEK))
    store.close()
    assert saved is not None and saved.tzinfo == UTC and view.saved_at == saved
    write_ics(view.plan, view.group, tmp_path / "cal", saved_at=view.saved_at)
    assert calendars(tmp_path / "cal")["E002"].walk("VEVENT")[0].decoded("dtstamp") == saved


@pytest.mark.parametrize("fmt,out,folder,expected", [
    (None, None, False, "table"),
    ("csv", None, False, "csv"),
    ("json", None, False, "json"),
    (None, "plan.xlsx", False, "xlsx"),
    (None, "plan.CSV", False, "csv"),
    (None, "plan.html", False, "html"),
    (None, "plan.json", False, "json"),
    (None, "calendars", False, "ics"),
    ("xlsx", "plan.xlsx", False, "xlsx"),
    ("ics", "calendars", False, "ics"),
    (None, "pages", True, "html"),
    ("xlsx", "plan.html", False, "--format xlsx does not match plan.html: name it *.xlsx or drop --format"),
    ("csv", "plan.xlsx", False, "--format csv does not match plan.xlsx: name it *.csv or drop --format"),
    ("html", "calendars", False, "--format html does not match calendars: name it *.html or drop --format"),
    ("ics", "plan.html", False, "--format ics writes a folder of calendars, but plan.html is named like a html file"),
    (None, "plan.txt", False, "plan.txt: cannot tell the format from the suffix '.txt': use .csv, .xlsx, .html, "
                              ".json, a folder for calendars, or --format"),
    ("table", "plan.csv", False, "--format table prints on the screen: drop --out, or write csv, xlsx, html, ics "
                                 "or json"),
    ("xlsx", None, False, "--format xlsx writes files: give --out"),
    (None, "pages.html", True, "--per-member writes a folder of web pages: give a folder, not pages.html"),
    ("csv", "pages", True, "--per-member writes web pages: use --format html"),
    (None, None, True, "--per-member writes a folder of web pages: give --out"),
])
def test_the_format_follows_the_suffix_and_a_mismatch_is_refused(fmt, out, folder, expected):
    from pathlib import Path

    if expected in ("table", "csv", "json", "xlsx", "html", "ics"):
        assert output_format(fmt, Path(out) if out else None, folder) == expected
    else:
        with pytest.raises(InvalidInput) as error:
            output_format(fmt, Path(out) if out else None, folder)
        assert str(error.value) == expected


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_tables_are_written_owner_only_with_no_temporary_file_left(tmp_path, suffix):
    path = tmp_path / "new" / "deeper" / f"plan{suffix}"
    write_table(plan_rows(samples.plan(), samples.group(), "site"), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    if suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path)["plan"]
        assert sheet.max_row == len(samples.ASSIGNMENTS) + 1
    else:
        assert len(path.read_text(encoding="utf-8").splitlines()) == len(samples.ASSIGNMENTS) + 1


def test_a_calendar_folder_is_complete_or_absent(tmp_path, monkeypatch):
    calls = []

    def failing(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return original(self, *args, **kwargs)

    original = Calendar.to_ical
    monkeypatch.setattr(Calendar, "to_ical", failing)
    with pytest.raises(FileProblem, match="cal: No space left on device$"):
        write_ics(samples.plan(), samples.group(), tmp_path / "cal", saved_at=SAVED)
    assert list((tmp_path / "cal").iterdir()) == []
