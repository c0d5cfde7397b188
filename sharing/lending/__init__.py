"""Staff lending between member firms at cost (prêt de main-d'œuvre à but non lucratif, L8241-1 and L8241-2)."""

from .loans import Loan, Placement, loans_of
from .offers import DAYS, CostBasis, HomeShift, Offer, parse_home_hours

__all__ = ["DAYS", "CostBasis", "HomeShift", "Loan", "Offer", "Placement", "loans_of", "parse_home_hours"]
