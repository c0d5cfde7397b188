"""`mutualis lend loans|agreements|hours|ledger|statement`: the loans made from the offers, billed at cost."""

from __future__ import annotations


import click

from integrations.reports.documents import text_table

from .options import echo_json, json_option, lang_option, store, week_option
from .types import Amount, Day, Month, OutPath


__all__ = ["lend_loans", "lend_agreements", "lend_hours", "lend_ledger", "lend_statement"]

EUROS = Amount("0", "9999.9999", places=4)


def _eur(amount) -> str:
    """An amount with two decimals, or as many as it has beyond them (the store keeps four)."""
    return f"{amount:.2f}" if amount == round(amount, 2) else f"{amount.normalize():f}"



@click.command("loans")
@week_option
@json_option
@click.pass_context
def lend_loans(ctx, week_text, as_json):
    """List the week's loans: each lent person at each borrowing member, from the allocation.

    \b
    Example:
        mutualis lend loans --week 2026-W49
    """
    from consortium.weeks import parse_week
    from integrations.services.lending import week_loans

    with store(ctx).session() as repo:
        loans = week_loans(repo, parse_week(week_text))
    if as_json:
        return echo_json([{"offer": x.offer, "lender": x.lender, "borrower": x.borrower, "first": x.first,
                           "last": x.last, "hours": x.hours} for x in loans])
    click.echo(text_table(["person", "lent by", "to", "from", "until", "hours"],
                          [[x.offer, x.lender, x.borrower, x.first, x.last, f"{x.hours:.2f}"] for x in loans]))


@click.command("agreements")
@week_option
@click.option("--out", type=OutPath(folder=True), required=True, help="Folder to write the documents into.")
@click.option("--as-of", "as_of", type=Day(), default=None, help="Date written on the documents (default: today).")
@click.option("--format", "fmt", type=click.Choice(["html", "docx", "pdf", "both", "all"]), default="html",
              show_default=True, help="HTML pages, Word files, PDF files, both HTML and Word, or all three.")
@lang_option
@click.pass_context
def lend_agreements(ctx, week_text, out, as_of, fmt, lang):
    """Write each loan's agreement between the two firms and amendment to the contract (French by default).

    \b
    Example:
        mutualis lend agreements --week 2026-W49 --out conventions/ --format both
    """
    from consortium.weeks import parse_week
    from integrations.services.lending import write_agreements
    from integrations.services.planning_days import today

    with store(ctx).session() as repo:
        paths = write_agreements(repo, parse_week(week_text), out, today(repo, as_of.date() if as_of else None),
                                 fmt, lang)
    for path in paths:
        click.echo(f"wrote {path}")


@click.command("hours")
@click.argument("offer")
@click.argument("request")
@click.option("--hours", type=Amount("0", "24", places=2), required=True, help="Hours worked on that request.")
@click.pass_context
def lend_hours(ctx, offer, request, hours):
    """Record the hours a lent person worked on a request (billed instead of the planned hours).

    \b
    Example:
        mutualis lend hours BISCUIT.OP1 R-ACIER-0001 --hours 6.5
    """
    from integrations.services.lending import record_loan_hours

    with store(ctx).session() as repo:
        p = record_loan_hours(repo, offer, request, hours)
    click.echo(f"{p.offer} on {p.request} ({p.day}): {p.hours:.2f} h recorded")


@click.command("ledger")
@click.option("--month", type=Month(), required=True, help="Month, e.g. 2026-12.")
@json_option
@click.pass_context
def lend_ledger(ctx, month, as_json):
    """Show the month's loans per pair of members, billed at cost (apart from the GE's own statements).

    \b
    Example:
        mutualis lend ledger --month 2026-12
    """
    from integrations.services.lending import month_ledger

    with store(ctx).session() as repo:
        statements = month_ledger(repo, month)
    if as_json:
        return echo_json([{"lender": s.lender, "borrower": s.borrower, "month": s.month, "hours": s.hours,
                           "total": s.total} for s in statements])
    click.echo(text_table(["lender", "borrower", "people", "hours", "at cost EUR"],
                          [[s.lender, s.borrower, len({x.offer for x in s.lines}), f"{s.hours:.2f}", f"{s.total:.2f}"]
                           for s in statements]))


@click.command("statement")
@click.argument("lender")
@click.argument("borrower")
@click.option("--month", type=Month(), required=True, help="Month, e.g. 2026-12.")
@click.option("--out", type=OutPath(), default=None, help="Also write it to this file: an HTML page, or a PDF "
              "file if it ends in .pdf (French unless --lang en).")
@lang_option
@json_option
@click.pass_context
def lend_statement(ctx, lender, borrower, month, out, lang, as_json):
    """Show what BORROWER owes LENDER for the month's loans: hours × declared cost, to the cent per line.

    \b
    Example:
        mutualis lend statement BISCUIT ACIER --month 2026-12 --out releve.html
        mutualis lend statement BISCUIT ACIER --month 2026-12 --out statement.pdf --lang en
    """
    from integrations.services.lending import month_statement, write_statement

    with store(ctx).session() as repo:
        s = month_statement(repo, lender, borrower, month)
        if out is not None:
            click.echo(f"wrote {write_statement(repo, s, out, lang)}", err=True)
    if as_json:
        return echo_json({"lender": s.lender, "borrower": s.borrower, "month": s.month, "total": s.total,
                          "lines": [vars(x) for x in s.lines]})
    click.echo(f"{s.title}: at cost (salary + charges + expenses), no coefficient or margin")
    click.echo(text_table(["day", "person", "request", "hours", "EUR/h", "amount EUR"],
                          [[x.day, x.offer, x.request, f"{x.hours:.2f}", _eur(x.rate), f"{x.amount:.2f}"]
                           for x in s.lines]))
    click.echo(f"total {s.total:.2f} EUR for {s.hours:.2f} h")
