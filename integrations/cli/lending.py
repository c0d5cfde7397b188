"""Staff lending between members at cost: offers, the week's agreements, the monthly ledger."""

from __future__ import annotations

import click

from . import lending_loans, lending_offers

__all__ = ["lend"]


@click.group()
def lend():
    """Lend a member's own employees to other members, at cost (prêt de main-d'œuvre, L8241-1 and L8241-2)."""


lend.add_command(lending_offers.lend_offer)
lend.add_command(lending_offers.lend_import)
lend.add_command(lending_offers.lend_template)
lend.add_command(lending_offers.lend_list)
lend.add_command(lending_offers.lend_show)
lend.add_command(lending_offers.lend_record)
lend.add_command(lending_offers.lend_withdraw)
lend.add_command(lending_loans.lend_loans)
lend.add_command(lending_loans.lend_agreements)
lend.add_command(lending_loans.lend_hours)
lend.add_command(lending_loans.lend_ledger)
lend.add_command(lending_loans.lend_statement)
