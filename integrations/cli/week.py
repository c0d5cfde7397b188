"""The week: allocate, show the plan, check it, explain a request, pin, publish, re-plan after an absence."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

import click

from consortium.weeks import parse_week
from integrations.reports.documents import allocation_document, check_document
from sharing.parsing import human_code

from .options import (allocation_params, day_of, echo_json, json_option, lang_option, past_options, progress,
                      solve_options, store, week_option)
from .types import Day

__all__ = ["allocate", "plan", "check", "explain", "pin", "unpin", "publish", "replan_cmd"]


def _print_allocation(allocation, as_json):
    if as_json:
        return echo_json(allocation_document(allocation))
    click.echo(allocation.summary())


@click.command()
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

    week = parse_week(week_text)
    with store(ctx).session() as repo:
        allocation = run_allocation(repo, week, allocation_params(time_limit, seed, workers),
                                    on_progress=None if as_json else progress, replan_published=replan_published,
                                    as_of=day_of(today), allow_past=allow_past)
        late = repo.plans.late_requests(week)
    _print_allocation(allocation, as_json)
    if late and not as_json:
        click.echo(f"late requests (filed after the cut-off): {', '.join(late)}")


@click.group()
def plan():
    """Show a week's plan in several formats."""


@plan.command("show")
@week_option
@click.option("--by", type=click.Choice(["member", "employee", "site"]),
              help="Rows per member, employee or site [default: employee on the page, member in tables].")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "xlsx", "html", "ics", "json"]),
              help="Default: from --out's suffix (.csv .xlsx .html .json; a folder: calendars), else table.")
@click.option("--out", type=click.Path(path_type=Path),
              help="File (csv, xlsx, html, json) or folder (ics, --per-member); missing folders are created.")
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
    from integrations.reports.plan_output import output_format, show_plan
    from integrations.services.access import own_week_view

    fmt = output_format(fmt, out, folder=per_member)  # a bad --format or --out is refused before any reading
    with store(ctx).session() as repo:
        view = own_week_view(repo, parse_week(week_text))
    click.echo(show_plan(view, fmt, out, by=by, member=member, per_member=per_member, lang=lang), nl=False)


@click.command()
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
    declared, to_check = [], []
    with store(ctx).session() as repo:
        if month:
            from integrations.services.hours_compliance import check_month

            result = check_month(repo, month)
            violations, declared, what = result.open, result.declared, f"the hours worked in {result.month}"
            to_check = result.to_check
        else:
            from integrations.services.weekly import check_week

            violations, what = check_week(repo, parse_week(week_text)), f"the plan of {week_text}"
    if as_json:
        echo_json(check_document(violations, declared, to_check))
    else:
        for v in violations:
            click.echo(f"{v.rule}: {v.message}")
        for v, x in declared:
            click.echo(f"declared exception {v.rule}: {v.message} (accepted: {x.reason})")
        for x in to_check:
            click.echo(f"to check: {x.employee} on {x.request} {x.day} recorded by {x.member}'s login "
                       f"(#{x.correction}): checked above; confirm with `hours record` or validate the month")
        click.echo(f"{len(violations)} violation(s) in {what}"
                   + (f", {len(declared)} declared exception(s)" if declared else "")
                   + (f", {len(to_check)} shift(s) recorded by members' logins to check" if to_check else ""))
    if violations:
        sys.exit(1)


@click.command()
@click.argument("request_code")
@json_option
@click.pass_context
def explain(ctx, request_code, as_json):
    """Say why a request is not (fully) filled, employee by employee, and which candidates of the pool could
    fill it (directly or after a trade bridge's course).

    \b
    Example:
        mutualis explain R-FORGE-TIG-1201
    """
    from integrations.services.weekly import explain as explain_one

    with store(ctx).session() as repo:
        result = explain_one(repo, human_code(request_code))
    if as_json:
        return echo_json({**asdict(result.why), "leads": result.leads})
    click.echo(result.summary())


@click.command()
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
    _pin(ctx, week_text, employee, request_code, True, allow_past=allow_past, as_of=day_of(today))


@click.command()
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

    with store(ctx).session() as repo:
        changed = set_pin(repo, parse_week(week_text), human_code(employee), human_code(request_code), pinned, **past)
    click.echo(f"{changed} assignment(s) of {human_code(employee)} on {human_code(request_code)} "
               f"{'pinned' if pinned else 'unpinned'}")


@click.command()
@week_option
@click.pass_context
def publish(ctx, week_text):
    """Publish the week's plan (refused if the checker finds a violation).

    \b
    Example:
        mutualis publish --week 2026-W49
    """
    from integrations.services.weekly import publish_week

    with store(ctx).session() as repo:
        published = publish_week(repo, parse_week(week_text))
    click.echo(f"plan {published.week} published: {len(published.assignments)} assignments")


@click.command("replan")
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

    with store(ctx).session() as repo:
        allocation = replan_week(repo, parse_week(week_text), human_code(absent), from_day.date(),
                                 allocation_params(time_limit, seed, workers), as_of=day_of(today),
                                 allow_past=allow_past)
    _print_allocation(allocation, as_json)
