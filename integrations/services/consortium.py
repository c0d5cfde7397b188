"""TEMPORARY: removed by the lead after merging. The old home of capacity, tenders and the consortium demo:
rewrite_repo_calls.py points imports at `integrations.services.capacity`, `.tenders` and `integrations.demo`."""

from integrations.demo import load_demo, write_demo_bid
from integrations.services.capacity import (
    CapacityReport, Heatmap, capabilities, capacity_heatmap, declare_capacity, import_capacity,
)
from integrations.services.tenders import (
    DEFAULT_PARAMS, TenderImport, award_tender, bid_for, check_tender, import_tender, list_bid_versions, make_bid,
    plan_tender_code, read_tender, release_tender, reserve_tender, write_bid, write_bid_files,
)

__all__ = [
    "DEFAULT_PARAMS", "Heatmap", "CapacityReport", "TenderImport", "capabilities", "declare_capacity",
    "import_capacity", "capacity_heatmap", "import_tender", "read_tender", "check_tender", "plan_tender_code",
    "make_bid", "bid_for", "write_bid", "write_bid_files", "list_bid_versions", "reserve_tender", "release_tender",
    "award_tender", "load_demo", "write_demo_bid",
]
