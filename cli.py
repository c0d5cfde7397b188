"""The `mutualis` command line: it parses, calls one library function, and prints.

Every command that touches the database runs in one transaction: an error leaves it as it was.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import click
from pydantic import ValidationError

from consortium.members import Member, Site
from integrations.cli_types import (COMMITTED_HOURS, HEADCOUNT, HOURS_PER_DAY, HOURS_PER_WEEK, HOURS_PER_WEEK_UNIT,
                                   LATITUDE, LEVEL, LONGITUDE, MARGIN, MONEY, SEED, SECONDS, SOLVE_SECONDS,
                                   TRAVEL_MINUTES, WORKERS, YEAR, Amount, Day, FiniteFloat, Month, OutPath, Week)
from sharing.base import describe_validation_error
from sharing.employees import Certification, Contract, Employee, Preferences
from consortium.errors import MutualisError, RowError
from sharing.requests import PRIORITIES, RecurringRequest, Request
from sharing.skills import parse_cert_requirements

KINDS = ("members", "sites", "employees", "absences", "requests")


# ---------------------------------------------------------------- plumbing


class MutualisGroup(click.Group):
    """A click group that turns errors into one line on stderr: library errors and unusable files exit 1,
    bad option values exit 2 (click's code), anything else is a bug reported as "unexpected"."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except RowError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(1)
        except MutualisError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except ValidationError as exc:
            click.echo(f"error: {'; '.join(describe_validation_error(exc))}", err=True)
            sys.exit(1)
        except click.BadParameter as exc:  # a bad value: one line, not click's usage block
            where = f" (see {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
            click.echo(f"error: {exc.format_message().rstrip('.')}{where}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # output piped into `head`
            sys.stderr.close()
            sys.exit(0)
        except OSError as exc:  # a file the command could not read or write: name it
            from integrations.files import describe

            message = str(describe(exc.filename, exc)) if exc.filename else (exc.strerror or str(exc))
            click.echo(f"error: {message}", err=True)
            sys.exit(1)
        except Exception as exc:  # a bug: still one line, the traceback on request
            if os.environ.get("MUTUALIS_DEBUG"):
                raise
            click.echo(f"error: unexpected {type(exc).__name__}: {exc} (set MUTUALIS_DEBUG=1 for details)", err=True)
            sys.exit(1)


# Commands that may create the database when it does not exist; any other refuses to (a read on a
# database that is not there means the wrong folder or URL, not an empty group).
CREATE_DATABASE = {"init", "demo", "import", "member add", "tender import", "odoo connect"}
# Commands that only read: they never wait for a writer (SQLite WAL); every other takes the write lock.
READ_ONLY = {
    "member list", "member show", "employee list", "employee show", "request list", "request show", "export",
    "plan show", "check", "explain", "hours show", "bill", "ledger", "counters show", "capacity show",
    "tender check", "tender plan", "odoo status",
}


def _command_name(ctx: click.Context) -> str:
    """`hours record` for the context of that command (the root's name left out)."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(reversed(names))


def _store(ctx: click.Context):
    """The store named by --db / MUTUALIS_DB, opened once per command; says which when not named by --db."""
    from click.core import ParameterSource

    from integrations.store import default_url, open_store
    from integrations.store.engine import database_file

    root = ctx.find_root()
    if "store" not in root.meta:
        url = root.params.get("db") or default_url()
        name = _command_name(ctx)
        path = database_file(url)
        if path is not None and not path.exists() and name not in CREATE_DATABASE:
            raise MutualisError(f"no database at {path}: run `mutualis demo` or `mutualis init`, or pass --db")
        root.meta["store"] = open_store(url, writes=name not in READ_ONLY)
        root.call_on_close(root.meta["store"].close)
        if root.get_parameter_source("db") is not ParameterSource.COMMANDLINE:
            click.echo(f"database: {root.meta['store'].url}", err=True)
    return root.meta["store"]


def json_option(func):
    """Shared `--json` flag: print JSON instead of a table."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)


def lang_option(func):
    """Shared `--lang` option: the language of documents people read (the CLI itself stays English)."""
    return click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
                        help="Language of the documents written (French number and date formats by default).")(func)


def as_of_option(func):
    """Shared `--as-of` option: the day reservations and certificates are judged on (default: today)."""
    return click.option("--as-of", "as_of", type=Day(), default=None,
                        help="Judge reservations and certificates on this day (default: today).")(func)


def past_options(func):
    """Shared `--allow-past` and `--as-of` options of the planning commands (request, allocate, replan, pin)."""
    func = click.option("--as-of", "today", type=click.DateTime(["%Y-%m-%d"]), default=None,
                        help="Plan as if today were this day (default: MUTUALIS_TODAY, the group's frozen "
                             "date, or today).")(func)
    return click.option("--allow-past", is_flag=True,
                        help="Allow days before today (days with hours recorded or in a validated month "
                             "still never change).")(func)


def _day(value):
    return value.date() if value is not None else None


def _echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_json_default))


def _json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _table(headers: list[str], rows: list[list]) -> str:
    """A plain aligned text table (stable for tests and pipes)."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _split(values: str | None) -> list[str]:
    return [v.strip() for v in (values or "").replace(";", ",").split(",") if v.strip()]


def _build(model, subject: str, **fields):
    """Build a domain object from CLI options; a ValidationError becomes one clear line."""
    try:
        return model(**fields)
    except ValidationError as exc:
        raise MutualisError("; ".join(describe_validation_error(exc, subject))) from None


# ---------------------------------------------------------------- root


@click.group(cls=MutualisGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="MUTUALIS_DB", metavar="URL", help="Database URL (default: sqlite:///mutualis.db here).")
@click.version_option(package_name="mutualis")
def main(db):
    """mutualis: shared staff and pooled capacity for a groupement d'employeurs.

    \b
    Example:
        mutualis demo
        mutualis employee list
    """


@main.command()
@click.pass_context
def init(ctx):
    """Create the database with the standard skills and certifications.

    \b
    Example:
        mutualis --db sqlite:///group.db init
    """
    from integrations.demo import init_database

    store = _store(ctx)
    with store.session() as repo:
        made = init_database(repo)
    click.echo(f"database ready at {store.url}: {made['skills']} skills, {made['certification_types']} certification types")


@main.command()
@click.option("--out", type=OutPath(folder=True), default=Path("mutualis-out"),
              show_default=True, help="Folder for the week's page and documents (created if missing).")
@lang_option
@click.pass_context
def demo(ctx, out, lang):
    """Build the demo group (a metalworking GE in western France), allocate its week, write the week's page.

    Running it twice changes nothing: the stored group and plan are kept.

    \b
    Example:
        mutualis demo
    """
    from integrations.demo import run_demo

    store = _store(ctx)
    report = run_demo(store, out, on_progress=_progress, lang=lang)
    c = report.counts
    click.echo(f"demo group '{report.group_name}' stored at {store.url}")
    click.echo(f"  {c['members']} members, {c['sites']} sites, {c['employees']} employees, "
               f"{c['absences']} absences, {c['requests']} requests for {report.week}")
    click.echo(f"  {report.allocation_summary}")
    click.echo(f"  compliance check: {report.violations} violation(s)")
    for b in report.bills:
        click.echo(f"  billed {b['month']}: {b['members']} members, {b['members_total']} EUR excl. VAT; "
                   f"GE's own idle cost {b['ge_own']} EUR")
    for path in report.files:
        click.echo(f"  wrote {path}")
    if report.infeasible_tender:
        click.echo("  a variant of the demo tender the group cannot answer as it stands:")
        click.echo("\n".join(f"    {line}" for line in report.infeasible_tender.splitlines()[:14]))


# ---------------------------------------------------------------- members


@main.group()
def member():
    """Member firms of the group: add, list, show, remove."""


@member.command("add")
@click.argument("code")
@click.option("--name", "legal_name", required=True, help="Legal name.")
@click.option("--siret", required=True, help="14-digit SIRET (checked with its Luhn key).")
@click.option("--activity", default="", help="What the firm does.")
@click.option("--entitlement", type=FiniteFloat(min=0, max=100, min_open=True), default=1.0, show_default=True,
              help="Fair share of staff.")
@click.option("--coefficient", type=Amount("0", "99", low_open=True), default=None, help="Billing coefficient override.")
@click.option("--site", "site_code", help="Code of a first site.")
@click.option("--site-name", help="Name of that site.")
@click.option("--address", default="", help="Address of that site.")
@click.option("--lat", type=LATITUDE, help="Latitude of that site.")
@click.option("--lon", type=LONGITUDE, help="Longitude of that site.")
@click.option("--opening-hours", default="", help="E.g. 'mon-fri 06:00-20:00; sat 07:00-12:00'.")
@click.option("--night/--no-night", default=False, help="Night work allowed at that site.")
@click.option("--sunday/--no-sunday", default=False, help="Sunday work allowed at that site.")
@click.pass_context
def member_add(ctx, code, legal_name, siret, activity, entitlement, coefficient, site_code, site_name, address, lat, lon,
               opening_hours, night, sunday):
    """Add a member firm, optionally with its first site.

    \b
    Example:
        mutualis member add ACIER --name "Aciers du Maine SAS" --siret 73282932000074 \\
            --site MAIN --site-name "Usine de Laval" --lat 48.07 --lon -0.77 --opening-hours "mon-fri 06:00-21:00"
    """
    sites = []
    if site_code:
        if lat is None or lon is None:
            raise click.UsageError("--site needs --lat and --lon")
        sites.append(_build(Site, f"site {site_code}", code=site_code, name=site_name or site_code, address=address,
                            latitude=lat, longitude=lon, opening_hours=opening_hours, night_work_allowed=night,
                            sunday_work_allowed=sunday))
    new = _build(Member, f"member {code.upper()}", code=code, legal_name=legal_name, siret=siret, activity=activity,
                 entitlement=entitlement, billing_coefficient=coefficient, sites=sites)
    with _store(ctx).session() as repo:
        repo.add_member(new)
    click.echo(f"member {new.code} added")


@member.command("list")
@json_option
@click.pass_context
def member_list(ctx, as_json):
    """List member firms.

    \b
    Example:
        mutualis member list --json
    """
    with _store(ctx).session() as repo:
        members = repo.list_members()
    if as_json:
        return _echo_json([m.model_dump(mode="json") for m in members])
    click.echo(_table(["code", "legal name", "sites", "entitlement", "activity"],
                      [[m.code, m.legal_name, len(m.sites), f"{m.entitlement:g}", m.activity] for m in members]))


@member.command("show")
@click.argument("code")
@json_option
@click.pass_context
def member_show(ctx, code, as_json):
    """Show one member with its sites.

    \b
    Example:
        mutualis member show ACIER
    """
    with _store(ctx).session() as repo:
        m = repo.get_member(code.upper())
    if as_json:
        return _echo_json(m.model_dump(mode="json"))
    click.echo(f"{m.code}  {m.legal_name}\n  SIRET {m.siret}  entitlement {m.entitlement:g}  {m.activity}")
    for s in m.sites:
        from consortium.members import format_opening_hours

        flags = ", ".join(f for f, on in (("night", s.night_work_allowed), ("sunday", s.sunday_work_allowed)) if on)
        click.echo(f"  site {s.code}: {s.name} ({s.latitude:.4f}, {s.longitude:.4f}) "
                   f"{format_opening_hours(s.opening_hours) or 'always open'}{' [' + flags + ']' if flags else ''}")


@member.command("remove")
@click.argument("code")
@click.pass_context
def member_remove(ctx, code):
    """Remove a member (refused while requests or employee contracts name it).

    \b
    Example:
        mutualis member remove ACIER
    """
    with _store(ctx).session() as repo:
        repo.remove_member(code.upper())
    click.echo(f"member {code.upper()} removed")


# ---------------------------------------------------------------- employees


@main.group()
def employee():
    """Shared employees of the GE: add, list, show, remove."""


@employee.command("add")
@click.argument("code")
@click.option("--first-name", required=True)
@click.option("--last-name", required=True)
@click.option("--lat", type=LATITUDE, required=True, help="Home latitude.")
@click.option("--lon", type=LONGITUDE, required=True, help="Home longitude.")
@click.option("--address", default="", help="Home address.")
@click.option("--members", required=True, help="Members listed in the contract, e.g. ACIER,FORGE.")
@click.option("--sites", default="", help="Restrict to sites, e.g. ACIER/MAIN,FORGE/NORD.")
@click.option("--contract", "kind", type=click.Choice(["CDI", "CDD"]), default="CDI", show_default=True)
@click.option("--start", "start", type=Day(), required=True, help="Contract start.")
@click.option("--end", "end", type=Day(), default=None, help="Contract end (CDD).")
@click.option("--weekly-hours", type=HOURS_PER_WEEK, default=35, show_default=True)
@click.option("--derogation", is_flag=True, help="Part-time below 24 h with a recorded derogation.")
@click.option("--skill", "skills", multiple=True, help="SKILL:LEVEL, repeatable, e.g. TIG:2.")
@click.option("--cert", "certs", multiple=True, help="TYPE:LEVEL:FROM[:TO], e.g. HAB-ELEC:BR:2025-01-15:2028-01-14.")
@click.option("--hourly-cost", type=MONEY, required=True, help="Loaded hourly cost in euros, e.g. 24.50.")
@click.option("--night-worker", is_flag=True)
@click.option("--minor", is_flag=True)
@click.pass_context
def employee_add(ctx, code, first_name, last_name, lat, lon, address, members, sites, kind, start, end, weekly_hours,
                 derogation, skills, certs, hourly_cost, night_worker, minor):
    """Add a shared employee.

    \b
    Example:
        mutualis employee add E050 --first-name Léa --last-name Morin --lat 48.1 --lon -0.7 \\
            --members ACIER,FORGE --start 2026-01-05 --skill TIG:2 --hourly-cost 24.50
    """
    subject = f"employee {code.upper()}"
    skill_levels = {}
    for item in skills:
        name, sep, level = item.partition(":")
        if not sep or not level.strip().isdigit():
            raise MutualisError(f"{subject}: field skills: {item!r} is not like TIG:2")
        skill_levels[name] = int(level)
    certifications = []
    for item in certs:
        parts = item.split(":")
        if len(parts) not in (3, 4):
            raise MutualisError(f"{subject}: field certifications: {item!r} is not like HAB-ELEC:BR:2025-01-15:2028-01-14")
        certifications.append(_build(Certification, subject, type=parts[0], level=parts[1], valid_from=parts[2],
                                     valid_to=(parts[3] or None) if len(parts) == 4 else None))
    contract = _build(Contract, subject, kind=kind, start=start.date(), end=end.date() if end else None,
                      weekly_hours=weekly_hours, part_time_derogation=derogation, members=_split(members),
                      sites=_split(sites))
    new = _build(Employee, subject, code=code, first_name=first_name, last_name=last_name, home_address=address,
                 home_latitude=lat, home_longitude=lon, contract=contract, skills=skill_levels,
                 certifications=certifications, hourly_cost=hourly_cost, night_worker=night_worker, minor=minor,
                 preferences=Preferences())
    with _store(ctx).session() as repo:
        repo.add_employee(new)
    click.echo(f"employee {new.code} added")


@employee.command("list")
@json_option
@click.pass_context
def employee_list(ctx, as_json):
    """List shared employees.

    \b
    Example:
        mutualis employee list --json
    """
    with _store(ctx).session() as repo:
        employees = repo.list_employees()
    if as_json:
        return _echo_json([e.model_dump(mode="json") for e in employees])
    click.echo(_table(
        ["code", "name", "contract", "h/week", "members", "skills"],
        [[e.code, e.name, e.contract.kind, f"{e.contract.weekly_hours:g}", ",".join(e.contract.members),
          ",".join(f"{s}:{lv}" for s, lv in e.skills.items())] for e in employees]))


@employee.command("show")
@click.argument("code")
@json_option
@click.pass_context
def employee_show(ctx, code, as_json):
    """Show one employee: contract, skills, certifications, authorisations.

    \b
    Example:
        mutualis employee show E012
    """
    with _store(ctx).session() as repo:
        e = repo.get_employee(code.upper())
    if as_json:
        return _echo_json(e.model_dump(mode="json"))
    c = e.contract
    click.echo(f"{e.code}  {e.name}  ({'night worker, ' if e.night_worker else ''}{'minor, ' if e.minor else ''}"
               f"{e.hourly_cost} €/h)")
    click.echo(f"  contract {c.kind} from {c.start}{' to ' + str(c.end) if c.end else ''}, {c.weekly_hours:g} h/week"
               f"{' (derogation)' if c.part_time_derogation else ''}")
    click.echo(f"  members: {', '.join(c.members)}{'; sites: ' + ', '.join(c.sites) if c.sites else ''}")
    click.echo(f"  skills: {', '.join(f'{s} level {lv}' for s, lv in e.skills.items()) or 'none'}")
    for cert in e.certifications:
        click.echo(f"  certification {cert.type} {cert.level}: {cert.valid_from} to {cert.valid_to or 'no expiry'}")
    for a in e.site_authorisations:
        click.echo(f"  authorised {a.skill} at {a.member}/{a.site}{' until ' + str(a.valid_to) if a.valid_to else ''}")


@employee.command("remove")
@click.argument("code")
@click.pass_context
def employee_remove(ctx, code):
    """Remove an employee.

    \b
    Example:
        mutualis employee remove E050
    """
    with _store(ctx).session() as repo:
        repo.remove_employee(code.upper())
    click.echo(f"employee {code.upper()} removed")


# ---------------------------------------------------------------- requests


@main.group()
def request():
    """Members' requests for shared staff: add, list, show, remove."""


@request.command("add")
@click.argument("code")
@click.option("--member", required=True)
@click.option("--site", required=True)
@click.option("--skill", required=True)
@click.option("--level", "min_level", type=LEVEL, default=1, show_default=True, help="Minimum skill level.")
@click.option("--cert", "certs", default="", help="Certifications needed, e.g. HAB-ELEC:BR;CACES-R489:3.")
@click.option("--day", type=Day(), required=True, help="Day (first day when recurring).")
@click.option("--until", type=Day(), help="Last day: makes a recurring request.")
@click.option("--weekdays", default=None, help="Days of a recurring request, e.g. mon,wed (default: mon-fri, "
              "skipping the days the site is closed).")
@click.option("--start", required=True, help="Start time HH:MM.")
@click.option("--end", required=True, help="End time HH:MM.")
@click.option("--night", "ends_next_day", is_flag=True, help="The shift ends the next day.")
@click.option("--headcount", type=HEADCOUNT, default=1, show_default=True)
@click.option("--priority", type=click.Choice(PRIORITIES), default="normal", show_default=True)
@click.option("--min-chunk", "min_chunk_hours", type=HOURS_PER_DAY, default=0,
              help="Shortest useful piece, in hours.")
@click.option("--same-person", is_flag=True, help="The same person every day of a recurring request.")
@click.option("--prefer", default="", help="Preferred employees, e.g. E003,E007.")
@click.option("--exclude", default="", help="Excluded employees.")
@past_options
@click.pass_context
def request_add(ctx, code, member, site, skill, min_level, certs, day, until, weekdays, start, end, ends_next_day,
                headcount, priority, min_chunk_hours, same_person, prefer, exclude, allow_past, today):
    """File a request (or a recurring one with --until).

    A day before today is refused unless --allow-past. A day the site is closed is refused; over a
    range with the default weekdays, closed days are skipped with a warning.

    \b
    Example:
        mutualis request add R100 --member ACIER --site MAIN --skill TIG --level 2 \\
            --day 2026-11-30 --until 2026-12-04 --start 08:00 --end 16:00 --headcount 2 --priority critical
    """
    from consortium.members import WEEKDAYS, parse_opening_hours
    from integrations.services.planning_days import file_requests

    subject = f"request {code.upper()}"
    fields = dict(code=code, member=member, site=site, skill=skill, min_level=min_level, start=start, end=end,
                  ends_next_day=ends_next_day, headcount=headcount, priority=priority, min_chunk_hours=min_chunk_hours,
                  same_person=same_person, preferred_employees=_split(prefer), excluded_employees=_split(exclude))
    try:
        fields["certifications"] = parse_cert_requirements(certs)
        days = list(parse_opening_hours(f"{(weekdays or 'mon-fri').lower()} 00:00-01:00"))
    except ValueError as exc:
        raise MutualisError(f"{subject}: {exc}") from None
    if until:
        series = _build(RecurringRequest, subject, weekdays=[WEEKDAYS.index(d) for d in days], first_day=day.date(),
                        last_day=until.date(), **fields)
        new = series.expand()
    else:
        new = [_build(Request, subject, day=day.date(), **fields)]
    with _store(ctx).session() as repo:
        filed = file_requests(repo, new, as_of=_day(today), allow_past=allow_past,
                              skip_closed=bool(until) and weekdays is None)
    for why in filed.skipped:
        click.echo(f"warning: skipped: {why}", err=True)
    click.echo(f"{len(filed.added)} request(s) added: {', '.join(r.code for r in filed.added)}")


@request.command("list")
@click.option("--week", type=Week(), help="Only this ISO week, e.g. 2026-W49.")
@click.option("--member", help="Only this member.")
@json_option
@click.pass_context
def request_list(ctx, week, member, as_json):
    """List requests, by week and member.

    \b
    Example:
        mutualis request list --week 2026-W49 --member ACIER
    """
    from consortium.weeks import parse_week

    with _store(ctx).session() as repo:
        requests = repo.list_requests(week=parse_week(week) if week else None, member=member.upper() if member else None)
    if as_json:
        return _echo_json([r.model_dump(mode="json") for r in requests])
    click.echo(_table(
        ["code", "member", "site", "skill", "day", "time", "people", "priority"],
        [[r.code, r.member, r.site, f"{r.skill}≥{r.min_level}", f"{r.day:%a %Y-%m-%d}",
          f"{r.start:%H:%M}-{r.end:%H:%M}", r.headcount, r.priority] for r in requests]))


@request.command("show")
@click.argument("code")
@json_option
@click.pass_context
def request_show(ctx, code, as_json):
    """Show one request.

    \b
    Example:
        mutualis request show R100-1130
    """
    with _store(ctx).session() as repo:
        r = repo.get_request(code.upper())
    if as_json:
        return _echo_json(r.model_dump(mode="json"))
    click.echo(f"{r.code}  {r.member}/{r.site}  {r.day:%a %Y-%m-%d} {r.start:%H:%M}-{r.end:%H:%M}"
               f"{' (+1 day)' if r.ends_next_day else ''}")
    click.echo(f"  {r.headcount} × {r.skill} level ≥ {r.min_level}, priority {r.priority}"
               f"{', same person all week' if r.same_person else ''}")
    if r.certifications:
        click.echo(f"  certifications: {', '.join(str(c) for c in r.certifications)}")


@request.command("remove")
@click.argument("code")
@click.pass_context
def request_remove(ctx, code):
    """Remove a request.

    \b
    Example:
        mutualis request remove R100-1130
    """
    with _store(ctx).session() as repo:
        repo.remove_request(code.upper())
    click.echo(f"request {code.upper()} removed")


# ---------------------------------------------------------------- spreadsheets


@main.command("import")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--update", is_flag=True, help="Replace stored objects whose row differs (else such rows are errors).")
@click.pass_context
def import_(ctx, kind, file, update):
    """Import a CSV or XLSX sheet: every row, or nothing if any row is bad.

    Says how many rows were added, updated and unchanged; changing a stored object needs --update.

    \b
    Example:
        mutualis import employees staff.xlsx
        mutualis import employees staff.xlsx --update
    """
    from integrations.services.transfer import import_file

    with _store(ctx).session() as repo:
        report = import_file(repo, kind, file, update=update)
    click.echo(f"{report} ({file})")


@main.command("export")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("file", type=OutPath())
@click.pass_context
def export(ctx, kind, file):
    """Export to CSV or XLSX (by the file's suffix).

    \b
    Example:
        mutualis export requests week49.csv
    """
    from integrations.services.transfer import export_file

    with _store(ctx).session() as repo:
        count = export_file(repo, kind, file)
    click.echo(f"{count} {kind} exported to {file}")


@main.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("file", type=OutPath())
def template(kind, file):
    """Write an empty sheet with the expected columns and one example row.

    \b
    Example:
        mutualis template employees staff.xlsx
    """
    from integrations.tabular import write_template

    write_template(kind, file)
    click.echo(f"template for {kind} written to {file}")


# ---------------------------------------------------------------- weekly allocation


def week_option(func):
    """Shared `--week` option (ISO week such as 2026-W49)."""
    return click.option("--week", "week_text", type=Week(), required=True, help="ISO week, e.g. 2026-W49.")(func)


def solve_options(func):
    """Shared solver options: time limit, seed, workers."""
    func = click.option("--workers", type=WORKERS, default=8, show_default=True, help="CP-SAT search threads (more threads than cores still pays: a portfolio of strategies).")(func)
    func = click.option("--seed", type=SEED, default=0, show_default=True, help="Random seed (same seed and "
                        "1 worker give the same plan).")(func)
    return click.option("--time-limit", type=SECONDS, default=30, show_default=True, help="Seconds.")(func)


def _params(time_limit, seed, workers):
    from sharing.allocation import AllocationParams

    return AllocationParams(time_limit=time_limit, seed=seed, workers=workers)


def _progress(objective, bound, gap, elapsed):
    click.echo(f"  {elapsed:6.1f} s  objective {objective:,.0f}  bound {bound:,.0f}  gap {gap * 100:5.2f} %", err=True)


def _print_allocation(allocation, as_json):
    if as_json:
        from integrations.reports import plan_document

        return _echo_json(plan_document(allocation.plan, allocation.unfilled) | {
            "solver": {"status": allocation.status, "objective": allocation.objective,
                       "best_bound": allocation.best_bound, "gap": allocation.gap, "runtime": allocation.runtime},
            "dropped_pins": allocation.dropped_pins})
    click.echo(allocation.summary())


@main.command()
@week_option
@solve_options
@click.option("--replan", "replan_published", is_flag=True, help="Re-plan a published week.")
@past_options
@json_option
@click.pass_context
def allocate(ctx, week_text, time_limit, seed, workers, replan_published, allow_past, today, as_json):
    """Allocate shared employees to the week's requests (Ctrl-C keeps the best plan found).

    Days before today keep their assignments (a week wholly past is refused unless --allow-past);
    days with hours recorded or in a validated month never change.

    \b
    Example:
        mutualis allocate --week 2026-W49 --time-limit 30
    """
    from integrations.services.weekly import run_allocation
    from consortium.weeks import parse_week

    week = parse_week(week_text)
    with _store(ctx).session() as repo:
        allocation = run_allocation(repo, week, _params(time_limit, seed, workers),
                                    on_progress=None if as_json else _progress, replan_published=replan_published,
                                    as_of=_day(today), allow_past=allow_past)
    _print_allocation(allocation, as_json)


@main.group()
def plan():
    """Show a week's plan in several formats."""


@plan.command("show")
@week_option
@click.option("--by", type=click.Choice(["member", "employee", "site"]),
              help="Rows per member, employee or site [default: employee on the page, member in tables].")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "xlsx", "html", "ics", "json"]),
              help="Default: from --out's suffix (.csv .xlsx .html .json; a folder: calendars), else table.")
@click.option("--out", type=click.Path(path_type=Path), help="File (csv, xlsx, html, json) or folder (ics, --per-member); "
              "missing folders are created.")
@click.option("--member", help="Only this member's assignments, requests and coverage (a page to send it).")
@click.option("--per-member", is_flag=True, help="One page per member into the --out folder.")
@lang_option
@click.pass_context
def plan_show(ctx, week_text, by, fmt, out, member, per_member, lang):
    """Show the week's plan: a table, CSV/XLSX, a page to print (A4 landscape), calendars, or JSON.

    \b
    Example:
        mutualis plan show --week 2026-W49 --by employee
        mutualis plan show --week 2026-W49 --out week49.html
        mutualis plan show --week 2026-W49 --out acier.html --member ACIER
        mutualis plan show --week 2026-W49 --per-member --out pages/ --lang en
        mutualis plan show --week 2026-W49 --format ics --out calendars/
    """
    from integrations import reports
    from integrations.services.weekly import week_view
    from consortium.weeks import parse_week

    fmt = reports.output_format(fmt, out, folder=per_member)
    with _store(ctx).session() as repo:
        view = week_view(repo, parse_week(week_text))
    plan, requests, unfilled = view.plan, view.requests, view.unfilled
    if member:
        plan, requests, unfilled = reports.for_member(plan, view.group, requests, unfilled, member)
    if per_member:
        files = reports.write_member_pages(plan, view.group, requests, unfilled, out, by=by or "employee", lang=lang)
        return click.echo(f"{len(files)} member pages written to {out}")
    if out is not None:
        files = reports.write_plan(fmt, out, plan, view.group, requests, unfilled, by=by, lang=lang,
                                   member=member.upper() if member else None, saved_at=view.saved_at)
        return click.echo(f"{len(files)} calendars written to {out}" if fmt == "ics" else f"plan written to {out}")
    if fmt == "json":
        return _echo_json(reports.plan_document(plan, unfilled))
    by = by or "member"
    rows = reports.plan_rows(plan, view.group, by)
    if fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["member"])
        writer.writeheader()
        return writer.writerows(rows)
    click.echo(f"plan {plan.week} ({plan.status}): {len(rows)} assignments")
    click.echo(_table(list(rows[0]) if rows else ["member"], [list(r.values()) for r in rows]))
    members, employees = reports.plan_summaries(plan, view.group, requests)
    summary = employees if by == "employee" else members
    click.echo(f"\nper {'employee' if by == 'employee' else 'member'}:")
    click.echo(_table(list(summary[0]) if summary else [by], [list(r.values()) for r in summary]))
    for u in unfilled:
        click.echo(f"unfilled {u.request} ({u.member}): {u.missing_hours:.1f} h missing; {u.reasons[0] if u.reasons else ''}")


@main.command()
@click.option("--week", "week_text", help="ISO week of the plan to check, e.g. 2026-W49.")
@click.option("--month", help="Month whose hours worked to check, e.g. 2026-11.")
@json_option
@click.pass_context
def check(ctx, week_text, month, as_json):
    """Check a week's plan, or a month's hours worked, against every hard rule (exit 1 when anything is broken).

    With --month, declared exceptions (hours recorded with --accept-violation) are listed, not counted.

    \b
    Example:
        mutualis check --week 2026-W49
        mutualis check --month 2026-11
    """
    if (week_text is None) == (month is None):
        raise click.UsageError("give --week or --month (one of them)")
    declared = []
    with _store(ctx).session() as repo:
        if month:
            from integrations.services.hours_compliance import check_month

            result = check_month(repo, month)
            violations, declared, what = result.open, result.declared, f"the hours worked in {result.month}"
        else:
            from integrations.services.weekly import check_week
            from consortium.weeks import parse_week

            violations, what = check_week(repo, parse_week(week_text)), f"the plan of {week_text}"
    if as_json:
        _echo_json([{"rule": v.rule, "employee": v.employee, "request": v.request, "message": v.message}
                    for v in violations]
                   + [{"rule": v.rule, "employee": v.employee, "request": v.request, "message": v.message,
                       "declared": x.reason} for v, x in declared])
    else:
        for v in violations:
            click.echo(f"{v.rule}: {v.message}")
        for v, x in declared:
            click.echo(f"declared exception {v.rule}: {v.message} (accepted: {x.reason})")
        click.echo(f"{len(violations)} violation(s) in {what}"
                   + (f", {len(declared)} declared exception(s)" if declared else ""))
    if violations:
        sys.exit(1)


@main.command()
@click.argument("request_code")
@click.pass_context
def explain(ctx, request_code):
    """Say why a request is not (fully) filled, employee by employee.

    \b
    Example:
        mutualis explain R-FORGE-TIG-1201
    """
    from integrations.services.weekly import explain as explain_one

    with _store(ctx).session() as repo:
        result = explain_one(repo, request_code.upper())
    click.echo(result.summary())


@main.command()
@week_option
@click.argument("employee")
@click.argument("request_code")
@past_options
@click.pass_context
def pin(ctx, week_text, employee, request_code, allow_past, today):
    """Pin an assignment so that re-allocation keeps it (a day before today needs --allow-past).

    \b
    Example:
        mutualis pin --week 2026-W49 E012 R-ACIER-TIG-1130
    """
    _pin(ctx, week_text, employee, request_code, True, allow_past=allow_past, as_of=_day(today))


@main.command()
@week_option
@click.argument("employee")
@click.argument("request_code")
@click.pass_context
def unpin(ctx, week_text, employee, request_code):
    """Unpin an assignment.

    \b
    Example:
        mutualis unpin --week 2026-W49 E012 R-ACIER-TIG-1130
    """
    _pin(ctx, week_text, employee, request_code, False)


def _pin(ctx, week_text, employee, request_code, pinned, **past):
    from integrations.services.weekly import set_pin
    from consortium.weeks import parse_week

    with _store(ctx).session() as repo:
        changed = set_pin(repo, parse_week(week_text), employee.upper(), request_code.upper(), pinned, **past)
    click.echo(f"{changed} assignment(s) of {employee.upper()} on {request_code.upper()} "
               f"{'pinned' if pinned else 'unpinned'}")


@main.command()
@week_option
@click.pass_context
def publish(ctx, week_text):
    """Publish the week's plan (refused if the checker finds a violation).

    \b
    Example:
        mutualis publish --week 2026-W49
    """
    from integrations.services.weekly import publish_week
    from consortium.weeks import parse_week

    with _store(ctx).session() as repo:
        published = publish_week(repo, parse_week(week_text))
    click.echo(f"plan {published.week} published: {len(published.assignments)} assignments")


@main.command("replan")
@week_option
@click.option("--absent", required=True, help="The employee who became unavailable.")
@click.option("--from", "from_day", type=Day(), required=True,
              help="First day absent (a day of the week).")
@solve_options
@past_options
@json_option
@click.pass_context
def replan_cmd(ctx, week_text, absent, from_day, time_limit, seed, workers, allow_past, today, as_json):
    """Repair a plan after an absence, changing as few assignments as possible.

    --from must be in the week, and not before today unless --allow-past; days with hours recorded
    or in a validated month never change.

    \b
    Example:
        mutualis replan --week 2026-W49 --absent E012 --from 2026-12-02
    """
    from integrations.services.weekly import replan_week
    from consortium.weeks import parse_week

    with _store(ctx).session() as repo:
        allocation = replan_week(repo, parse_week(week_text), absent.upper(), from_day.date(),
                                 _params(time_limit, seed, workers), as_of=_day(today), allow_past=allow_past)
    _print_allocation(allocation, as_json)


# ---------------------------------------------------------------- hours worked, billing, ledger, counters


@main.group()
def hours():
    """Hours actually worked: record corrections, import them, show a month, validate it."""


@hours.command("record")
@click.argument("employee")
@click.argument("request_code")
@click.option("--day", type=Day(), required=True, help="Day of the shift.")
@click.option("--absent", is_flag=True, help="The employee did not work this shift.")
@click.option("--start", help="Real start HH:MM.")
@click.option("--end", help="Real end HH:MM, after the start (see --next-day).")
@click.option("--next-day", is_flag=True, help="The shift ends the next day (a night shift).")
@click.option("--travel", type=TRAVEL_MINUTES, help="Minutes of travel between sites before the shift.")
@click.option("--note", default="", help="Why (shown on the statement).")
@click.option("--accept-violation", "accept", default="", metavar="REASON",
              help="Record hours that break a labour rule knowingly, for this reason (shown on the statement).")
@click.pass_context
def hours_record(ctx, employee, request_code, day, absent, start, end, next_day, travel, note, accept):
    """Record what really happened on a shift; in a validated month it becomes a dated adjustment.

    Hours that break a labour rule (day or week too long, rest too short, member not in the contract)
    are refused unless --accept-violation gives the reason; one person at two places is always refused.

    \b
    Example:
        mutualis hours record E012 R-ACIER-TIG-1130 --day 2026-11-30 --start 07:00 --end 13:30 --note "left early"
        mutualis hours record E012 R-ACIER-TIG-1201 --day 2026-12-01 --absent
        mutualis hours record E012 R-ACIER-NUIT-1201 --day 2026-12-01 --start 21:00 --end 05:00 --next-day
    """
    from integrations.services.hours import record_hours

    with _store(ctx).session() as repo:
        recorded = record_hours(repo, employee, request_code, day.date(), absent=absent, start=start, end=end,
                                travel=travel, note=note, next_day=next_day, accept_violation=accept)
    c = recorded.correction
    what = "absent" if c.absent else (f"{c.start:%H:%M}-{c.end:%H:%M}" if c.start else f"travel {c.travel_minutes} min")
    click.echo(f"{'adjustment' if c.adjustment else 'hours'} recorded: {c.employee} on {c.request} {c.day}: {what}")
    for v in recorded.declared:
        click.echo(f"declared exception {v.rule}: {v.message} (accepted: {c.accepted_reason})")


@hours.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def hours_import(ctx, file):
    """Import corrections from CSV or XLSX (employee, request, day, absent, start, end, ends_next_day,
    travel_minutes, note, accept_violation), checked like `hours record`: all rows or none.

    \b
    Example:
        mutualis hours import november.xlsx
    """
    from integrations.services.hours_import import import_hours

    with _store(ctx).session() as repo:
        count = import_hours(repo, file)
    click.echo(f"{count} hour corrections imported from {file}")


@hours.command("show")
@click.option("--month", type=Month(), required=True, help="Month, e.g. 2026-11.")
@click.option("--member", help="Only this member.")
@click.option("--employee", help="Only this employee.")
@json_option
@click.pass_context
def hours_show(ctx, month, member, employee, as_json):
    """Show the hours worked in a month, one line per shift (planned, corrected, absent or extra).

    \b
    Example:
        mutualis hours show --month 2026-11 --member ACIER
    """
    from integrations.services.hours import month_hours

    with _store(ctx).session() as repo:
        lines = month_hours(repo, month, member=member, employee=employee)
    if as_json:
        return _echo_json([x.model_dump(mode="json") | {"minutes": x.minutes} for x in lines])
    click.echo(_table(["day", "employee", "member", "request", "start", "end", "hours", "travel_min", "source",
                       "correction", "note"],
                      [[x.day, x.employee, x.member, x.request, f"{x.start:%H:%M}" if x.start else "",
                        f"{x.end:%H:%M}" if x.end else "", f"{x.minutes / 60:.2f}", x.travel_minutes, x.source,
                        f"#{x.correction} of {x.recorded_at:%Y-%m-%d %H:%M}" if x.correction else "", x.note]
                       for x in lines]))
    click.echo(f"{len(lines)} shifts, {sum(x.minutes for x in lines) / 60:.2f} h worked")


@hours.command("validate")
@click.option("--member", required=True, help="The member validating.")
@click.option("--month", type=Month(), required=True, help="Month, e.g. 2026-11.")
@click.option("--early", is_flag=True, help="Validate a month that is not over yet.")
@click.pass_context
def hours_validate(ctx, member, month, early):
    """Validate a member's month: its hours are locked, later corrections become adjustments.

    Refused while the month is not over (unless --early) or breaks a labour rule not declared.

    \b
    Example:
        mutualis hours validate --member ACIER --month 2026-11
    """
    from integrations.services.hours import validate_month

    with _store(ctx).session() as repo:
        v = validate_month(repo, member, month, early=early)
    click.echo(f"hours of {v.member} for {v.month} validated on {v.validated_at:%Y-%m-%d %H:%M}")


@main.command("bill")
@click.option("--month", type=Month(), required=True, help="Month, e.g. 2026-11.")
@click.option("--out", type=click.Path(path_type=Path),
              help="Folder for the statements (created; complete or left as it was).")
@lang_option
@json_option
@click.pass_context
def bill_cmd(ctx, month, out, lang, as_json):
    """Bill a month at cost: hours x hourly cost x coefficient per member, the GE's own idle cost apart.

    \b
    Example:
        mutualis bill --month 2026-11 --out statements/
        mutualis bill --month 2026-11 --out statements/ --lang en
    """
    from integrations.services.hours import bill

    with _store(ctx).session() as repo:
        result = bill(repo, month, out, lang)
    b = result.bill
    rows = [[s.member, f"{s.minutes / 60:.2f}", result.fte.get(s.member, ""), s.total] for s in b.statements]
    if as_json:
        return _echo_json({"month": b.month, "members": [dict(zip(["member", "hours", "fte", "amount"], r))
                                                          for r in rows],
                           "members_total": b.members_total, "ge_own": b.ge_total, "costed_total": b.costed_total,
                           "files": [str(f) for f in result.files]})
    click.echo(_table(["member", "hours", "fte", "amount"], rows))
    click.echo(f"members {b.members_total} + GE's own {b.ge_total} = {b.costed_total} EUR costed")
    if result.files:
        click.echo(f"{len(result.files)} statement files written to {out}")


@main.command("ledger")
@click.option("--year", type=YEAR, help="Year from 1900 to 9998 (default: this year).")
@click.option("--member", help="Only this member.")
@json_option
@click.pass_context
def ledger_cmd(ctx, year, member, as_json):
    """Each member's hours, amounts, share of the total and FTE, per month and for the year.

    \b
    Example:
        mutualis ledger --year 2026 --member ACIER
    """
    from integrations.services.hours import member_ledger

    with _store(ctx).session() as repo:
        rows = member_ledger(repo, year, member)
    if as_json:
        return _echo_json([r.model_dump(mode="json") for r in rows])
    click.echo(_table(["member", "period", "hours", "placed", "amount", "share", "fte"],
                      [[r.member, r.period, r.hours, r.placed_hours, r.amount, r.share, r.fte] for r in rows]))


@main.group()
def counters():
    """Counters recomputed from hours worked (the allocation reads them)."""


@counters.command("show")
@click.argument("employee")
@click.option("--week", "week_text", type=Week(), help="The week they lead into (default: this week).")
@json_option
@click.pass_context
def counters_show(ctx, employee, week_text, as_json):
    """Show an employee's counters: minutes per week, streak, last shift, annual hours, idle hours.

    \b
    Example:
        mutualis counters show E012 --week 2026-W49
    """
    from integrations.services.hours import employee_counters
    from consortium.weeks import parse_week

    with _store(ctx).session() as repo:
        c = employee_counters(repo, employee, parse_week(week_text) if week_text else None)
    if as_json:
        return _echo_json({"employee": c.employee, "week": c.week, "history": c.history.model_dump(mode="json"),
                           "annual": c.annual.model_dump(mode="json"), "idle_minutes": c.idle_minutes,
                           "contracted_minutes": c.contracted_minutes})
    h, a = c.history, c.annual
    click.echo(f"{c.employee} leading into {c.week}: last shift end {h.last_shift_end or '-'}, "
               f"{h.consecutive_days} consecutive days")
    click.echo(f"  {a.year}: {a.worked_hours} h worked of {a.target_hours} h (expected by now {a.expected_hours} h, "
               f"balance {a.balance_hours} h)")
    click.echo(_table(["week", "worked h", "contracted h", "idle h"],
                      [[w, f"{h.weekly_minutes.get(w, 0) / 60:.2f}", f"{c.contracted_minutes[w] / 60:.2f}",
                        f"{m / 60:.2f}"] for w, m in c.idle_minutes.items()]))


# ---------------------------------------------------------------- capacity and tenders (consortium)




def _time_limit_option(func):
    return click.option("--time-limit", type=SOLVE_SECONDS, default=Decimal(30), show_default=True,
                        help="Solver work in all, in seconds of deterministic time (0 < t <= 3600): the same "
                             "data give the same plan on every run.")(func)


def _echo_warnings(lines) -> None:
    for line in lines:
        click.echo(f"warning: {line}", err=True)


@main.group()
def capacity():
    """Weekly production capacity that members pool for joint bids."""


@capacity.command("declare")
@click.argument("member")
@click.argument("resource")
@click.option("--week", "week_text", type=Week(), required=True, help="ISO week, e.g. 2027-W02.")
@click.option("--hours", type=HOURS_PER_WEEK_UNIT, required=True, help="Available hours per parallel unit (0 to 168).")
@click.option("--overtime", type=HOURS_PER_WEEK_UNIT, default=0, show_default=True, help="Most overtime hours per unit.")
@click.option("--committed", type=COMMITTED_HOURS, default=0, show_default=True,
              help="Hours already sold elsewhere, for the whole resource.")
@click.pass_context
def capacity_declare(ctx, member, resource, week_text, hours, overtime, committed):
    """Declare (or replace) a resource's hours for one week. The hours are per unit of the resource and
    are shown multiplied out; a warning names each tender holding more hours there than declared.

    \b
    Example:
        mutualis capacity declare TOLERIE LASER-6KW --week 2027-W02 --hours 35 --overtime 6
    """
    from integrations.services.consortium import declare_capacity

    with _store(ctx).session() as repo:
        report = declare_capacity(repo, member, resource, week_text, float(hours), float(overtime), float(committed))
    click.echo("\n".join(report.described))
    _echo_warnings(report.warnings)


@capacity.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def capacity_import(ctx, file):
    """Import declarations from CSV/XLSX (member, resource, week, available_hours, max_overtime_hours,
    committed_hours; hours per unit; `35,5` or `35.5`). A warning names each tender holding more hours
    than a declaration leaves.

    \b
    Example:
        mutualis capacity import capacity.xlsx
    """
    from integrations.services.consortium import import_capacity

    with _store(ctx).session() as repo:
        report = import_capacity(repo, file)
    click.echo(f"{len(report.declarations)} capacity declarations imported from {file.name}")
    _echo_warnings(report.warnings)


@capacity.command("show")
@click.option("--from", "start", type=Week(), default=None, help="First ISO week (default: this week).")
@click.option("--weeks", type=click.IntRange(1, 104), default=8, show_default=True, help="How many weeks (1 to 104).")
@as_of_option
@json_option
@click.pass_context
def capacity_show(ctx, start, weeks, as_of, as_json):
    """Free hours per process and week across members (after commitments and reservations).

    \b
    Example:
        mutualis capacity show --from 2027-W02 --weeks 6
    """
    from integrations.services.consortium import capacity_heatmap

    with _store(ctx).session() as repo:
        heat = capacity_heatmap(repo, start or _this_week(), weeks, as_of=_day(as_of))
    if as_json:
        _echo_json({"weeks": list(heat.weeks), "free_hours": heat.free})
        return
    click.echo(_table(["process", *[w[-3:] for w in heat.weeks]], heat.rows()))


def _this_week() -> str:
    from consortium.weeks import week_of

    return str(week_of(date.today()))


@main.group()
def tender():
    """Client tenders answered together: import, check, plan, bid, reserve, award, release."""


@tender.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--release", is_flag=True,
              help="Replace a tender that holds hours (reserved or awarded): release them first.")
@click.pass_context
def tender_import(ctx, file, release):
    """Store a tender from a YAML, JSON or XLSX file (see docs/consortium.md). A changed tender that holds
    reserved or awarded hours is refused unless --release is given.

    \b
    Example:
        mutualis tender import ao-2027-chassis.yaml
    """
    from integrations.services.consortium import import_tender

    with _store(ctx).session() as repo:
        done = import_tender(repo, file, release)
    t = done.tender
    if done.released:
        click.echo(f"tender {t.code}: {done.released} reservations released (the tender changed)")
    state = "unchanged" if done.unchanged else "imported"
    click.echo(f"tender {t.code} {state}: {len(t.lots)} lots, {len(t.items())} items, due {t.last_week()}")


@tender.command("check")
@click.argument("code")
@as_of_option
@click.pass_context
def tender_check(ctx, code, as_of):
    """Instant checks: eligible resources per step, hours per process, team rules.

    \b
    Example:
        mutualis tender check AO-2027-CHASSIS
    """
    from integrations.services.consortium import check_tender

    with _store(ctx).session() as repo:
        issues = check_tender(repo, code, as_of=_day(as_of))
    click.echo("\n".join(issues) if issues else f"tender {code.upper()}: no issue found before planning")


def _not_feasible(code: str, status: str) -> None:
    click.echo(f"error: tender {code.upper()} is {status}: the group cannot deliver every lot on time "
               "(see the shortfall above or in the bid)", err=True)
    sys.exit(1)


@tender.command("plan")
@click.argument("code")
@_time_limit_option
@as_of_option
@json_option
@click.pass_context
def tender_plan(ctx, code, time_limit, as_of, as_json):
    """Plan a tender on the capacity left; explain any shortfall by process and week. Exits 1 when the
    tender cannot be answered whole and on time.

    \b
    Example:
        mutualis tender plan AO-2027-CHASSIS --time-limit 20
    """
    from integrations.services.consortium import plan_tender_code

    with _store(ctx).session() as repo:
        outcome = plan_tender_code(repo, code, float(time_limit), as_of=_day(as_of))
    if as_json:
        _echo_json(outcome.model_dump(mode="json"))
    else:
        click.echo(outcome.explain())
    if not outcome.is_feasible():
        _not_feasible(code, outcome.status)


@tender.command("bid")
@click.argument("code")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True, help="Folder for the files.")
@click.option("--margin", type=MARGIN, default=None,
              help="Margin on costs, 0 <= margin < 1, as 0.12 or 12% (default: the tender's).")
@click.option("--for", "for_member", default=None, help="Write the version this member may see.")
@click.option("--version", "version", type=click.IntRange(min=1), default=None,
              help="Write the documents of this stored bid version instead of making a new bid.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the documents.")
@_time_limit_option
@as_of_option
@click.pass_context
def tender_bid(ctx, code, out_dir, margin, for_member, version, lang, time_limit, as_of):
    """Make the joint bid, store it as a version, and write its documents into a folder: the internal bid
    (Markdown, HTML, XLSX annex) and the buyer's offer (offre.md, offre.html; offer.* in English). The
    same tender and data give the same bid (no new version). Exits 1 when the tender is infeasible.

    \b
    Example:
        mutualis tender bid AO-2027-CHASSIS --out bid/ --margin 12%
        mutualis tender bid AO-2027-CHASSIS --out bid/ --for TOLERIE
        mutualis tender bid AO-2027-CHASSIS --out bid/ --version 1 --lang en
    """
    from integrations.services.consortium import write_bid

    with _store(ctx).session() as repo:
        paths, bid = write_bid(repo, code, out_dir, margin, for_member, float(time_limit), as_of=_day(as_of),
                               version=version, lang=lang)
    click.echo(f"tender {bid.tender}: bid version {bid.version}, {bid.status}")
    for path in paths:
        click.echo(str(path))
    if bid.status != "feasible":
        _not_feasible(code, bid.status)


@tender.command("versions")
@click.argument("code")
@click.pass_context
def tender_versions(ctx, code):
    """List the stored versions of a tender's bid: date, status and total.

    \b
    Example:
        mutualis tender versions AO-2027-CHASSIS
    """
    from integrations.services.consortium import list_bid_versions

    with _store(ctx).session() as repo:
        rows = list_bid_versions(repo, code)
    if not rows:
        click.echo(f"tender {code.upper()}: no bid yet (make one with `mutualis tender bid {code.upper()} --out DIR`)")
        return
    click.echo(_table(["version", "made on", "status", "total excl. VAT"], [list(r) for r in rows]))


@tender.command("reserve")
@click.argument("code")
@click.option("--version", "version", type=click.IntRange(min=1), default=None,
              help="The bid version to reserve (default: the latest).")
@as_of_option
@click.pass_context
def tender_reserve(ctx, code, version, as_of):
    """Reserve exactly the hours of a stored bid version until the offer's validity date; refused, naming
    member, resource, week and hours, when capacity changed so that the bid no longer fits.

    \b
    Example:
        mutualis tender reserve AO-2027-CHASSIS
    """
    from integrations.services.consortium import reserve_tender

    with _store(ctx).session() as repo:
        stored = reserve_tender(repo, code, version, as_of=_day(as_of))
    click.echo(f"tender {stored.tender}: bid version {stored.version}: {stored.hours:.1f} h reserved on "
               f"{len(stored.uses)} resource-weeks until {stored.bid.valid_until}")


@tender.command("release")
@click.argument("code")
@click.pass_context
def tender_release(ctx, code):
    """Free the hours reserved for a tender (lost or withdrawn).

    \b
    Example:
        mutualis tender release AO-2027-CHASSIS
    """
    from integrations.services.consortium import release_tender

    with _store(ctx).session() as repo:
        count = release_tender(repo, code)
    click.echo(f"tender {code.upper()}: {count} reservations released")


@tender.command("award")
@click.argument("code")
@click.option("--version", "version", type=click.IntRange(min=1), default=None,
              help="The bid version awarded (default: the reserved one, else the latest).")
@as_of_option
@click.pass_context
def tender_award(ctx, code, version, as_of):
    """The tender is won: the hours of the bid version become commitments (checked against capacity).

    \b
    Example:
        mutualis tender award AO-2027-CHASSIS
    """
    from integrations.services.consortium import award_tender

    with _store(ctx).session() as repo:
        stored = award_tender(repo, code, version, as_of=_day(as_of))
    click.echo(f"tender {stored.tender}: bid version {stored.version}: {stored.hours:.1f} h on "
               f"{len(stored.uses)} resource-weeks turned into commitments")


# ---------------------------------------------------------------- odoo


@main.group()
def odoo():
    """Sync with Odoo 17: named connections, pulls into mutualis, pushes to Odoo.

    \b
    Example:
        mutualis odoo connect ge --url https://erp.example.com --db gecoord --login sync --password-env ODOO_KEY
        mutualis odoo pull employees --dry-run
    """


def _print_lines(lines) -> None:
    for line in lines:
        click.echo(line)


@odoo.command("connect")
@click.argument("name")
@click.option("--url", required=True, help="https://host[:port] of the Odoo server.")
@click.option("--db", "database", required=True, help="Odoo database name.")
@click.option("--login", required=True, help="Odoo login (an API key's user).")
@click.option("--protocol", type=click.Choice(["xmlrpc", "xmlrpcs", "jsonrpc", "jsonrpcs"]), help="Default from the URL.")
@click.option("--password-env", metavar="VAR", help="Environment variable holding the password or API key.")
@click.option("--password-file", metavar="PATH", help="File (chmod 600) holding the password or API key.")
@click.option("--role", type=click.Choice(["ge", "member"]), default="ge", show_default=True)
@click.option("--member", help="The member whose Odoo this is (role member).")
@click.pass_context
def odoo_connect(ctx, name, url, database, login, protocol, password_env, password_file, role, member):
    """Check and store a named Odoo connection (only the secret's reference is stored).

    \b
    Example:
        mutualis odoo connect ge --url https://erp.example.com --db gecoord --login sync --password-env ODOO_KEY
    """
    from integrations.odoo.connections import connect

    with _store(ctx).session() as repo:
        stored, uid, modules = connect(repo, name, url, database, login, protocol=protocol,
                                       password_env=password_env, password_file=password_file, role=role,
                                       member=member)
    click.echo(f"connection {stored.name} saved: {stored.login} (uid {uid}) on {stored.url} db {stored.database}")
    _print_lines([f.line() for f in modules] if modules is not None
                 else ["modules: Odoo did not let this user read ir.module.module"])


@odoo.command("pull")
@click.argument("what", type=click.Choice(["employees", "members", "leaves", "capacity"]))
@click.option("--from", "source", help="Connection name (default: the only or the GE one).")
@click.option("--dry-run", is_flag=True, help="Print the diff, store nothing.")
@click.option("--tag", default="GE member", show_default=True, help="Partner tag of member companies (members).")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False),
              help="YAML: 'Odoo employee id: CODE' you confirm (employees) or 'workcenter: RESOURCE' (capacity).")
@click.option("--expiry-field", metavar="FIELD", help="Date field of hr.employee.skill holding certificates' expiry.")
@click.option("--week", "weeks", type=Week(), multiple=True, help="ISO week(s) for capacity (repeatable).")
@click.pass_context
def odoo_pull(ctx, what, source, dry_run, tag, mapping, expiry_field, weeks):
    """Pull employees, members, leaves or a member's work-centre capacity from Odoo.

    \b
    Example:
        mutualis odoo pull employees --dry-run
        mutualis odoo pull employees --mapping employees.yaml
        mutualis odoo pull members --tag "GE member"
        mutualis odoo pull capacity --from acme --week 2026-W49 --mapping wc.yaml
    """
    from integrations.odoo.capacity import load_process_mapping, pull_capacity
    from integrations.odoo.connections import open_gateway
    from integrations.odoo.employee_match import load_employee_mapping
    from integrations.odoo.pull import pull_employees, pull_leaves, pull_members

    with _store(ctx).session() as repo:
        stored, gateway = open_gateway(repo, source)
        if what == "employees":
            report = pull_employees(repo, gateway, stored.name, dry_run=dry_run, expiry_field=expiry_field,
                                    mapping=load_employee_mapping(mapping) if mapping else None)
        elif what == "leaves":
            report = pull_leaves(repo, gateway, stored.name, dry_run=dry_run)
        elif what == "members":
            report = pull_members(repo, gateway, stored.name, tag, dry_run=dry_run)
        else:
            if not stored.member:
                raise click.UsageError(f"connection {stored.name} names no member (connect it with --member)")
            _rows, report = pull_capacity(repo, gateway, stored.member, list(weeks) or [],
                                          load_process_mapping(mapping) if mapping else None, dry_run=dry_run)
    _print_lines(report.lines())


@odoo.group("push")
def odoo_push():
    """Push a published week or a month's invoices to Odoo.

    \b
    Example:
        mutualis odoo push plan --week 2026-W49 --dry-run
    """


@odoo_push.command("plan")
@week_option
@click.option("--to", "target", help="Connection name (default: the only or the GE one).")
@click.option("--dry-run", is_flag=True, help="Print the diff, send nothing.")
@click.option("--notify", is_flag=True, help="Let Odoo e-mail the attendees (invitations, new dates).")
@click.pass_context
def odoo_push_plan(ctx, week_text, target, dry_run, notify):
    """Push the published week as calendar events (re-runs update, cancelled ones are deleted).

    Odoo sends no invitation e-mail unless --notify is given.

    \b
    Example:
        mutualis odoo push plan --week 2026-W49 --dry-run
    """
    from integrations.odoo.connections import open_gateway
    from integrations.odoo.push import push_plan
    from consortium.weeks import parse_week

    with _store(ctx).session() as repo:
        stored, gateway = open_gateway(repo, target)
        plan, report = push_plan(repo, gateway, stored.name, parse_week(week_text), dry_run=dry_run, notify=notify)
    _print_lines(str(plan).splitlines()[1:] if dry_run else [])
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


@odoo_push.command("invoices")
@click.option("--month", type=Month(), required=True, help="YYYY-MM")
@click.option("--to", "target", help="Connection name (default: the only or the GE one).")
@click.option("--dry-run", is_flag=True, help="Print the diff, send nothing.")
@click.option("--credit-notes", is_flag=True,
              help="For a posted invoice that differs, create the draft credit note or supplementary invoice.")
@click.pass_context
def odoo_push_invoices(ctx, month, target, dry_run, credit_notes):
    """Push the month's bill as draft customer invoices, one per member (posted ones are never changed).

    \b
    Example:
        mutualis odoo push invoices --month 2026-11 --dry-run
        mutualis odoo push invoices --month 2026-11 --credit-notes
    """
    from integrations.odoo.connections import open_gateway
    from integrations.odoo.invoices import push_invoices

    with _store(ctx).session() as repo:
        stored, gateway = open_gateway(repo, target)
        plan, report = push_invoices(repo, gateway, stored.name, month, dry_run=dry_run, credit_notes=credit_notes)
    _print_lines([line for line in str(plan).splitlines() if not line.startswith("account.move")] if dry_run else [])
    _print_lines(report.summary_lines())
    if not report.ok:
        sys.exit(1)


@odoo.command("status")
@json_option
@click.pass_context
def odoo_status(ctx, as_json):
    """List the Odoo connections and how many records each links (code <-> Odoo id).

    \b
    Example:
        mutualis odoo status
    """
    from integrations.odoo.connections import status

    with _store(ctx).session() as repo:
        rows = status(repo)
    headers = ["name", "role", "member", "url", "database", "login", "protocol", "secret", "linked"]
    if as_json:
        _echo_json([dict(zip(headers, r)) for r in rows])
    else:
        click.echo(_table(headers, rows))


# ---------------------------------------------------------------- commands in integrations/cli/
from integrations.cli.forecast import READ_ONLY as FORECAST_READ_ONLY, forecast_commands  # noqa: E402

READ_ONLY |= FORECAST_READ_ONLY
for _command in forecast_commands(_store):
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
