"""Money and time worked: hours (record, import, show, validate), the month's bill and its stored statements, the
ledger, the counters."""

from __future__ import annotations

from pathlib import Path

import click

from consortium.weeks import parse_week
from integrations.reports.documents import (BILL_HEADERS, bill_document, bill_rows, counters_document, hours_document,
                                            text_table)

from .options import echo_json, json_option, lang_option, store
from .types import TRAVEL_MINUTES, YEAR, Day, Month, Week

__all__ = ["hours", "bill_cmd", "ledger_cmd", "counters"]

TO_CHECK = ("to be checked by the GE manager: the labour rules read every employee's contract and shifts, "
            "which a member's login may not")


@click.group()
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
    A member firm's login records hours on its own requests only; they are stored to be checked by the GE
    manager (`check --month`), since that login may not read the contracts the rules need.

    \b
    Example:
        mutualis hours record E012 R-ACIER-TIG-1130 --day 2026-11-30 --start 07:00 --end 13:30 --note "left early"
        mutualis hours record E012 R-ACIER-TIG-1201 --day 2026-12-01 --absent
        mutualis hours record E012 R-ACIER-NUIT-1201 --day 2026-12-01 --start 21:00 --end 05:00 --next-day
    """
    from integrations.services.hours import record_hours

    with store(ctx).session() as repo:
        recorded = record_hours(repo, employee, request_code, day.date(), absent=absent, start=start, end=end,
                                travel=travel, note=note, next_day=next_day, accept_violation=accept)
    c = recorded.correction
    what = "absent" if c.absent else (f"{c.start:%H:%M}-{c.end:%H:%M}" if c.start else f"travel {c.travel_minutes} min")
    click.echo(f"{'adjustment' if c.adjustment else 'hours'} recorded: {c.employee} on {c.request} {c.day}: {what}")
    for v in recorded.declared:
        click.echo(f"declared exception {v.rule}: {v.message} (accepted: {c.accepted_reason})")
    if c.to_check:
        click.echo(TO_CHECK)


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
    from integrations.services.hours_import import import_hour_rows

    with store(ctx).session() as repo:
        stored = import_hour_rows(repo, file)
    click.echo(f"{len(stored)} hour corrections imported from {file}")
    if any(c.to_check for c in stored):
        click.echo(TO_CHECK)


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

    with store(ctx).session() as repo:
        lines = month_hours(repo, month, member=member, employee=employee)
    if as_json:
        return echo_json(hours_document(lines))
    pending = sum(1 for x in lines if x.to_check)
    check = (lambda x: ["to check" if x.to_check else ""]) if pending else (lambda x: [])  # a column only when needed
    click.echo(text_table(["day", "employee", "member", "request", "start", "end", "hours", "travel_min", "source",
                       "correction", "note"] + (["check"] if pending else []),
                      [[x.day, x.employee, x.member, x.request, f"{x.start:%H:%M}" if x.start else "",
                        f"{x.end:%H:%M}" if x.end else "", f"{x.minutes / 60:.2f}", x.travel_minutes, x.source,
                        f"#{x.correction} of {x.recorded_at:%Y-%m-%d %H:%M}" if x.correction else "", x.note,
                        *check(x)] for x in lines]))
    click.echo(f"{len(lines)} shifts, {sum(x.minutes for x in lines) / 60:.2f} h worked"
               + (f", {pending} recorded by a member's login to be checked by the GE manager" if pending else ""))


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

    with store(ctx).session() as repo:
        v = validate_month(repo, member, month, early=early)
    click.echo(f"hours of {v.member} for {v.month} validated on {v.validated_at:%Y-%m-%d %H:%M}"
               + (f"; {v.checked} shift(s) recorded by its login checked against the labour rules" if v.checked
                  else ""))


@click.group("bill", invoke_without_command=True, subcommand_metavar="[show ...]")
@click.option("--month", type=Month(), help="Month to bill, e.g. 2026-11 (required to bill).")
@click.option("--out", type=click.Path(path_type=Path),
              help="Folder for the statements (created; complete or left as it was).")
@lang_option
@json_option
@click.pass_context
def bill_cmd(ctx, month, out, lang, as_json):
    """Bill a month at cost: hours x hourly cost x coefficient per member, the GE's own idle cost apart.

    Each member's statement is stored in the database (billing the month again replaces them) and, with
    --out, written as XLSX and HTML. `bill show` prints the stored statements (a member's login: its own).

    \b
    Example:
        mutualis bill --month 2026-11 --out statements/
        mutualis bill --month 2026-11 --out statements/ --lang en
        mutualis bill show --month 2026-11 --member ACIER
    """
    if ctx.invoked_subcommand is not None:
        if month or out or as_json:
            raise click.UsageError(f"give the options after `bill {ctx.invoked_subcommand}`", ctx)
        return
    if month is None:
        raise click.UsageError("Missing option '--month'.", ctx)
    from integrations.services.billing import bill

    with store(ctx).session() as repo:
        result = bill(repo, month, out, lang)
    if as_json:
        return echo_json(bill_document(result))
    b = result.bill
    click.echo(text_table(BILL_HEADERS, bill_rows(result)))
    click.echo(f"members {b.members_total} + GE's own {b.ge_total} = {b.costed_total} EUR costed")
    if result.files:
        click.echo(f"{len(result.files)} statement files written to {out}")


@bill_cmd.command("show")
@click.option("--month", type=Month(), required=True, help="Month billed, e.g. 2026-11.")
@click.option("--member", help="Only this member's statement (a member's login reads only its own).")
@lang_option
@json_option
@click.pass_context
def bill_show(ctx, month, member, lang, as_json):
    """Print a month's stored statements line by line (a member's login: its own).

    Each statement as the GE manager billed it: hours, rates, coefficients and amounts excluding tax, to the
    cent. The GE office sees every member's (or one with --member); a member firm's login its own only.

    \b
    Example:
        mutualis bill show --month 2026-11
        mutualis bill show --month 2026-11 --member ACIER --lang en
    """
    from integrations.reports.statement_text import statement_document, statement_text, statements_total_text
    from integrations.services.billing import billed_statements

    with store(ctx).session() as repo:
        found = billed_statements(repo, month, member)
    if as_json:
        return echo_json([statement_document(x.statement, x.billed_at, x.status) for x in found])
    click.echo("\n\n".join(statement_text(x.statement, x.billed_at, x.status, lang) for x in found))
    if len(found) > 1:
        click.echo(statements_total_text([x.statement for x in found], lang))


@click.command("ledger")
@click.option("--year", type=YEAR, help="Year from 1900 to 9998 (default: this year).")
@click.option("--member", help="Only this member.")
@json_option
@click.pass_context
def ledger_cmd(ctx, year, member, as_json):
    """Each member's hours, premiums at cost, amounts, share of the total and FTE, per month and for the year.

    \b
    Example:
        mutualis ledger --year 2026 --member ACIER
    """
    from integrations.services.billing import member_ledger

    with store(ctx).session() as repo:
        rows = member_ledger(repo, year, member)
    if as_json:
        return echo_json([r.model_dump(mode="json") for r in rows])
    click.echo(text_table(["member", "period", "hours", "placed", "premiums", "amount", "share", "fte"],
                      [[r.member, r.period, r.hours, r.placed_hours, r.premiums, r.amount, r.share, r.fte]
                       for r in rows]))


@click.group()
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

    with store(ctx).session() as repo:
        c = employee_counters(repo, employee, parse_week(week_text) if week_text else None)
    if as_json:
        return echo_json(counters_document(c))
    h, a = c.history, c.annual
    click.echo(f"{c.employee} leading into {c.week}: last shift end {h.last_shift_end or '-'}, "
               f"{h.consecutive_days} consecutive days")
    click.echo(f"  {a.year}: {a.worked_hours} h worked of {a.target_hours} h (expected by now {a.expected_hours} h, "
               f"balance {a.balance_hours} h)")
    click.echo(text_table(["week", "worked h", "contracted h", "idle h"],
                      [[w, f"{h.weekly_minutes.get(w, 0) / 60:.2f}", f"{c.contracted_minutes[w] / 60:.2f}",
                        f"{m / 60:.2f}"] for w, m in c.idle_minutes.items()]))
