"""Spreadsheets: import and export the group's objects, write an empty template."""

from __future__ import annotations

from pathlib import Path

import click

from .options import store
from .types import OutPath

__all__ = ["KINDS", "import_", "export", "template"]

KINDS = ("members", "sites", "employees", "absences", "requests")


@click.command("import")
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

    with store(ctx).session() as repo:
        report = import_file(repo, kind, file, update=update)
    click.echo(f"{report} ({file})")


@click.command("export")
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

    with store(ctx).session() as repo:
        count = export_file(repo, kind, file)
    click.echo(f"{count} {kind} exported to {file}")


@click.command()
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
