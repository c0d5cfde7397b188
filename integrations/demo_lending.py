"""The demo's loans: its offers stored, and each loan's papers and each month's statement written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from consortium.errors import NotFound
from consortium.weeks import IsoWeek
from integrations.store import Repository
from sharing.lending.demo import demo_offers

from integrations.services.lending import add_offer, month_ledger, week_loans, write_agreements, write_statement

__all__ = ["load_demo_offers", "write_demo_loans"]


def load_demo_offers(repo: Repository) -> int:
    """Store the demo's offers that are not stored yet; how many were added (twice changes nothing)."""
    added = 0
    for offer in demo_offers():
        try:
            repo.lending.get_offer(offer.code)
        except NotFound:
            add_offer(repo, offer)
            added += 1
    return added


def write_demo_loans(repo: Repository, week: IsoWeek, out_dir: Path, today: date,
                     lang: str | None = None) -> list[Path]:
    """Write the week's agreements and amendments and, for each month of the week, each lender's statement
    to each borrower (French unless `lang`) into `out_dir`; the files written (none when nobody is lent)."""
    if not week_loans(repo, week):
        return []
    files = write_agreements(repo, week, out_dir, today, lang=lang)
    for month in sorted({f"{day:%Y-%m}" for day in week.days()}):
        for statement in month_ledger(repo, month):
            name = f"releve-{statement.lender}-{statement.borrower}-{month}.html"
            files.append(write_statement(repo, statement, Path(out_dir) / name, lang))
    return files
