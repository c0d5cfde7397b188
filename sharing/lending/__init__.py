"""Staff lending between member firms at cost (prêt de main-d'œuvre à but non lucratif, L8241-1 and L8241-2)."""

from .billing import LendingStatement, StatementLine, at_cost, check_at_cost, ledger, lending_statement
from .loans import Loan, Placement, loans_of
from .offers import DAYS, CostBasis, HomeShift, Offer, parse_home_hours
from .staff import as_employee, open_offers

__all__ = ["DAYS", "CostBasis", "HomeShift", "LendingStatement", "Loan", "Offer", "Placement", "StatementLine",
           "at_cost", "check_at_cost", "ledger", "lending_statement", "as_employee", "loans_of", "open_offers",
           "parse_home_hours"]
