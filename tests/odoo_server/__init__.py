"""A faithful Odoo 17 test server: captured models and records, XML-RPC and JSON-RPC, faults."""

from .catalog import Catalog, capture_dir
from .server import Faults, OdooTestServer

__all__ = ["Catalog", "Faults", "OdooTestServer", "capture_dir"]
