"""The skills forecast commands: `shortage` (and, later, `whatif`, `recommend`).

`forecast_commands(open_store)` builds them around the application's way of opening the store, so
that this module never imports cli.py; cli.py registers what it returns.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click

from integrations.cli_types import OutPath, Week
from sharing.forecast import DIMENSIONS

__all__ = ["READ_ONLY", "forecast_commands"]

READ_ONLY = {"shortage"}  # commands that never write


def forecast_commands(open_store: Callable[[click.Context], object]) -> list[click.Command]:
    """The forecast commands, each opening the store with `open_store(ctx)`."""

    @click.command("shortage")
    @click.option("--from", "first", type=Week(), required=True, help="First ISO week, e.g. 2026-W40.")
    @click.option("--to", "last", type=Week(), required=True, help="Last ISO week (included), e.g. 2026-W49.")
    @click.option("--by", type=click.Choice(DIMENSIONS), default="skill", show_default=True,
                  help="Rows of the table, CSV, XLSX and JSON (the page shows them all).")
    @click.option("--format", "fmt", type=click.Choice(["table", "csv", "xlsx", "html", "json"]),
                  help="Default: from --out's suffix (.csv .xlsx .html .json), else a table.")
    @click.option("--out", type=OutPath(), help="File to write; missing folders are created.")
    @click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
                  help="Language of the page (--format html).")
    @click.pass_context
    def shortage(ctx, first, last, by, fmt, out, lang):
        """Unfilled person-hours of the stored plans, split by why they stayed unfilled.

        Reasons: nobody has the skill or level, certificate missing or expired, contract does not list
        the member, too far, qualified but busy, rest rules, other.

        \b
        Example:
            mutualis shortage --from 2026-W40 --to 2026-W49
            mutualis shortage --from 2026-W40 --to 2026-W49 --by site --format csv
            mutualis shortage --from 2026-W40 --to 2026-W49 --out shortage.html
        """
        from integrations.reports.shortage_files import (shortage_document, shortage_format, shortage_table,
                                                        write_shortage)
        from integrations.services.forecast import shortage as build_shortage

        fmt = shortage_format(fmt, out)
        with open_store(ctx).session() as repo:
            report = build_shortage(repo, first, last)
            name = repo.get_settings().name
        if out is not None:
            write_shortage(fmt, Path(out), report, by, name, lang)
            return click.echo(f"shortage {first}..{last} written to {out}")
        if fmt == "json":
            return click.echo(json.dumps(shortage_document(report, by), indent=2, ensure_ascii=False))
        if fmt == "csv":
            import csv
            import sys

            from integrations.reports.shortage_files import shortage_rows

            rows = shortage_rows(report, by)
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [by])
            writer.writeheader()
            return writer.writerows(rows)
        click.echo(shortage_table(report, by))

    return [shortage]
