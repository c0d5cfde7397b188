"""`mutualis payroll`: the month's payroll variables for the payroll software, and a page per employee."""

from __future__ import annotations

from pathlib import Path

import click

from integrations.cli.options import store

__all__ = ["payroll_cmd"]


@click.command("payroll")
@click.option("--month", metavar="YYYY-MM", required=True, help="Month, e.g. 2026-12.")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Folder for the files (created; complete or left as it was).")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True,
              help="Format of the table for the payroll software.")
@click.option("--settings", "settings_file", type=click.Path(path_type=Path),
              help="Payroll settings (YAML or JSON): rates, night window, allowances, variable codes.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the employees' pages.")
@click.pass_context
def payroll_cmd(ctx, month, out, fmt, settings_file, lang):
    """Export a month's payroll variables: hours by kind, premiums, allowances and absences per employee.

    One row per employee and variable (employee, code, quantity, rate, amount, period), the codes mapped
    by the settings file; one French page per employee. The total equals the bill's cost to the cent.

    \b
    Example:
        mutualis payroll --month 2026-12 --out payroll/
        mutualis payroll --month 2026-12 --out payroll/ --format xlsx --settings payroll.yaml
    """
    from integrations.services.payroll import write_payroll

    with store(ctx).session() as repo:
        result = write_payroll(repo, month, out, fmt, settings_file, lang)
    employees = sorted({r.employee for r in result.rows})
    click.echo(f"payroll {result.month}: {len(employees)} employees, {len(result.rows)} variables, "
               f"{result.total} EUR paid = {result.bill.cost_total} EUR costed on the bill")
    click.echo(f"{len(result.files)} files written to {out}")
