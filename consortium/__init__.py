"""The group itself and what it does together: members, sites, capabilities, capacity, tenders, bids."""

from .members import WEEKDAYS, Member, Site, TimeRange, format_opening_hours, parse_opening_hours, siret_is_valid
from .processes import CertificateScheme, Process, Taxonomy, standard_taxonomy
from .capabilities import MemberCertificate, Resource
from .capacity import CapacityDeclaration, Reservation
from .tender import Item, Lot, Milestone, PricingTerms, RoutingStep, TeamRules, Tender
from .tender_file import read_tender_file, tender_from_mapping, tender_to_yaml
from .adapter import Capabilities, Compiled, compile_tender
from .outcome import TenderOutcome, read_result
from .pricing import LotPrice, PriceLine, price_lots
from .bid import JointBid, MemberShare, build_bid

__all__ = [
    "WEEKDAYS", "Member", "Site", "TimeRange", "format_opening_hours", "parse_opening_hours", "siret_is_valid",
    "CertificateScheme", "Process", "Taxonomy", "standard_taxonomy", "MemberCertificate", "Resource",
    "CapacityDeclaration", "Reservation", "Item", "Lot", "Milestone", "PricingTerms", "RoutingStep", "TeamRules",
    "Tender", "read_tender_file", "tender_from_mapping", "tender_to_yaml", "Capabilities", "Compiled",
    "compile_tender", "TenderOutcome", "read_result", "LotPrice", "PriceLine", "price_lots", "JointBid",
    "MemberShare", "build_bid",
]
