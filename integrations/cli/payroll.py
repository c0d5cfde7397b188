"""`mutualis payroll`: the month's payroll variables for the payroll software, a page per employee, and the
group's payroll settings (`mutualis payroll settings`)."""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from integrations.cli.options import store

__all__ = ["payroll_cmd"]


@click.group("payroll", invoke_without_command=True)
@click.option("--month", metavar="YYYY-MM", help="Month, e.g. 2026-12 (required for the export).")
@click.option("--out", type=click.Path(path_type=Path),
              help="Folder for the files (created; complete or left as it was; required for the export).")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True,
              help="Format of the table for the payroll software.")
@click.option("--settings", "settings_file", type=click.Path(path_type=Path),
              help="Payroll settings (YAML or JSON) for this export only; default: the stored ones.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the employees' pages.")
@click.pass_context
def payroll_cmd(ctx, month, out, fmt, settings_file, lang):
    """Export a month's payroll variables: hours by kind, premiums, allowances and absences per employee.

    One row per employee and variable (employee, code, quantity, rate, amount, period), the codes mapped
    by the group's payroll settings (`mutualis payroll settings FILE` stores them); one French page per
    employee. The total equals the bill's cost to the cent.

    \b
    Example:
        mutualis payroll --month 2026-12 --out payroll/
        mutualis payroll --month 2026-12 --out payroll/ --format xlsx --settings payroll.yaml
    """
    if ctx.invoked_subcommand is not None:
        return
    if month is None or out is None:
        raise click.UsageError("the export needs --month and --out (or a subcommand: settings)")
    from integrations.services.payroll import write_payroll

    with store(ctx).session() as repo:
        result = write_payroll(repo, month, out, fmt, settings_file, lang)
    employees = sorted({r.employee for r in result.rows})
    click.echo(f"payroll {result.month}: {len(employees)} employees, {len(result.rows)} variables, "
               f"{result.total} EUR paid = {result.bill.cost_total} EUR costed on the bill")
    click.echo(f"{len(result.files)} files written to {out}")


@payroll_cmd.command("settings")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--show", is_flag=True, help="Print the stored payroll settings (YAML) instead of storing a file.")
@click.pass_context
def settings_cmd(ctx, file, show):
    """Store the group's payroll settings from a YAML or JSON file, or show the stored ones.

    The bill, the ledger, the statements, the payroll export, the Odoo invoices and the weekly
    allocation's pricing all read the stored settings. A file replaces them whole (settings it leaves
    out take their defaults).

    \b
    Example:
        mutualis payroll settings payroll.yaml
        mutualis payroll settings --show
    """
    from integrations.services.premiums import store_settings

    if show == (file is not None):
        raise click.UsageError("give either a settings FILE to store or --show")
    with store(ctx).session() as repo:
        if file is not None:
            store_settings(repo, file)
        settings = repo.people.get_settings().payroll
    if file is not None:
        click.echo(f"payroll settings stored from {file}")
    else:
        click.echo(yaml.safe_dump(settings.model_dump(mode="json"), sort_keys=False, allow_unicode=True), nl=False)
