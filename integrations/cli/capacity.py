"""Capacity that members pool for joint bids: declare, import, show."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from consortium.weeks import week_of
from integrations.reports.documents import capacity_document, text_table

from .options import as_of_option, day_of, echo_json, json_option, store
from .types import COMMITTED_HOURS, HOURS_PER_WEEK_UNIT, Week

__all__ = ["capacity"]


def _echo_warnings(lines) -> None:
    for line in lines:
        click.echo(f"warning: {line}", err=True)


@click.group()
def capacity():
    """Weekly production capacity that members pool for joint bids."""


@capacity.command("declare")
@click.argument("member")
@click.argument("resource")
@click.option("--week", "week_text", type=Week(), required=True, help="ISO week, e.g. 2027-W02.")
@click.option("--hours", type=HOURS_PER_WEEK_UNIT, required=True, help="Available hours per parallel unit (0 to 168).")
@click.option("--overtime", type=HOURS_PER_WEEK_UNIT, default=0, show_default=True,
              help="Most overtime hours per unit.")
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
    from integrations.services.capacity import declare_capacity

    with store(ctx).session() as repo:
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
    from integrations.services.capacity import import_capacity

    with store(ctx).session() as repo:
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
    from integrations.services.capacity import capacity_heatmap

    with store(ctx).session() as repo:
        heat = capacity_heatmap(repo, start or _this_week(), weeks, as_of=day_of(as_of))
    if as_json:
        echo_json(capacity_document(heat))
        return
    click.echo(text_table(["process", *[w[-3:] for w in heat.weeks]], heat.rows()))


def _this_week() -> str:
    return str(week_of(date.today()))
