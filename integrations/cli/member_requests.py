"""Members' requests for shared staff: add (one day or recurring), list, show, remove."""

from __future__ import annotations

import click

from consortium.weeks import parse_week
from integrations.reports.documents import text_table
from sharing.parsing import human_code, requests_for, split_list
from sharing.requests import PRIORITIES

from .options import day_of, echo_json, json_option, past_options, store
from .types import HEADCOUNT, HOURS_PER_DAY, LEVEL, Day, Week

__all__ = ["request"]


@click.group()
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
    from integrations.services.planning_days import file_requests

    fields = dict(code=code, member=member, site=site, skill=skill, min_level=min_level, start=start, end=end,
                  ends_next_day=ends_next_day, headcount=headcount, priority=priority, min_chunk_hours=min_chunk_hours,
                  same_person=same_person, preferred_employees=split_list(prefer),
                  excluded_employees=split_list(exclude))
    new = requests_for(f"request {human_code(code)}", day.date(), until.date() if until else None, weekdays, certs,
                       **fields)
    with store(ctx).session() as repo:
        filed = file_requests(repo, new, as_of=day_of(today), allow_past=allow_past,
                              skip_closed=bool(until) and weekdays is None)
    for why in filed.skipped:
        click.echo(f"warning: skipped: {why}", err=True)
    click.echo(f"{len(filed.added)} request(s) added: {', '.join(r.code for r in filed.added)}")
    if filed.late:
        click.echo(f"late (filed after the cut-off, flagged to the GE manager): {', '.join(filed.late)}")


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

    with store(ctx).session() as repo:
        week = parse_week(week) if week else None
        requests = repo.plans.list_requests(week=week, member=human_code(member) if member else None)
        late = set(repo.plans.late_requests(week))
    if as_json:
        return echo_json([{**r.model_dump(mode="json"), "late": r.code in late} for r in requests])
    filed = (lambda r: ["late" if r.code in late else ""]) if late else (lambda r: [])  # a column only when needed
    click.echo(text_table(
        ["code", "member", "site", "skill", "day", "time", "people", "priority"] + (["filed"] if late else []),
        [[r.code, r.member, r.site, f"{r.skill}≥{r.min_level}", f"{r.day:%a %Y-%m-%d}",
          f"{r.start:%H:%M}-{r.end:%H:%M}", r.headcount, r.priority, *filed(r)] for r in requests]))


@request.command("cutoff")
@click.argument("weekday", required=False)
@click.argument("at", required=False)
@click.option("--off", is_flag=True, help="No cut-off: no request is ever late.")
@click.pass_context
def request_cutoff(ctx, weekday, at, off):
    """Show or set the weekly cut-off for the next week's requests (later ones are stored as late).

    WEEKDAY is mon..sun of the week before, AT a time (default 12:00, the group's local time).

    \b
    Example:
        mutualis request cutoff wed 12:00
        mutualis request cutoff --off
    """
    from integrations.services.planning_days import set_request_cutoff

    with store(ctx).session() as repo:
        if weekday is None and not off:
            cutoff = repo.people.get_settings().request_cutoff
        else:
            cutoff = set_request_cutoff(repo, None if off else weekday, at)
    click.echo(f"request cut-off: {cutoff}" if cutoff else "request cut-off: none (no request is late)")


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
    with store(ctx).session() as repo:
        r = repo.plans.get_request(human_code(code))
    if as_json:
        return echo_json(r.model_dump(mode="json"))
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
    with store(ctx).session() as repo:
        repo.plans.remove_request(human_code(code))
    click.echo(f"request {human_code(code)} removed")
