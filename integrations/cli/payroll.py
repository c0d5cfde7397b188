"""`mutualis payroll`: the month's payroll variables for the payroll software, and a page per employee."""

from __future__ import annotations

from pathlib import Path

import click

from consortium.errors import MutualisError

__all__ = ["payroll_cmd"]


def _read_store(ctx: click.Context):
    """The store named by --db / MUTUALIS_DB, opened read-only once per command (never created)."""
    from click.core import ParameterSource

    from integrations.store import default_url, open_store
    from integrations.store.engine import database_file

    root = ctx.find_root()
    if "store" not in root.meta:
        url = root.params.get("db") or default_url()
        path = database_file(url)
        if path is not None and not path.exists():
            raise MutualisError(f"no database at {path}: run `mutualis demo` or `mutualis init`, or pass --db")
        root.meta["store"] = open_store(url, writes=False)
        root.call_on_close(root.meta["store"].close)
        if root.get_parameter_source("db") is not ParameterSource.COMMANDLINE:
            click.echo(f"database: {root.meta['store'].url}", err=True)
    return root.meta["store"]


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

    with _read_store(ctx).session() as repo:
        result = write_payroll(repo, month, out, fmt, settings_file, lang)
    employees = sorted({r.employee for r in result.rows})
    click.echo(f"payroll {result.month}: {len(employees)} employees, {len(result.rows)} variables, "
               f"{result.total} EUR paid = {result.bill.cost_total} EUR costed on the bill")
    click.echo(f"{len(result.files)} files written to {out}")
