"""Getting started: create an empty database, or build and run the demo group."""

from __future__ import annotations

from pathlib import Path

import click

from .options import lang_option, progress, store
from .types import OutPath

__all__ = ["init", "demo"]


@click.command()
@click.pass_context
def init(ctx):
    """Create the database with the standard skills and certifications.

    \b
    Example:
        mutualis --db sqlite:///group.db init
    """
    from integrations.demo import init_database

    opened = store(ctx)
    with opened.session() as repo:
        made = init_database(repo)
    click.echo(f"database ready at {opened.url}: {made['skills']} skills, "
               f"{made['certification_types']} certification types")


@click.command()
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

    opened = store(ctx)
    report = run_demo(opened, out, on_progress=progress, lang=lang)
    c = report.counts
    click.echo(f"demo group '{report.group_name}' stored at {opened.url}")
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
