"""The group itself and what it does together: members, sites, capabilities, capacity, tenders, bids."""

from .members import WEEKDAYS, Member, Site, TimeRange, format_opening_hours, parse_opening_hours, siret_is_valid

__all__ = ["WEEKDAYS", "Member", "Site", "TimeRange", "format_opening_hours", "parse_opening_hours", "siret_is_valid"]
