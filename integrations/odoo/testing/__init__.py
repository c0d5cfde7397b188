"""A faithful Odoo 17 for tests and benchmarks: captured models and records in memory, reached
without a socket (:class:`InMemoryTransport`) or over XML-RPC and JSON-RPC (:class:`OdooTestServer`),
with injectable faults.
"""

from .catalog import Catalog, capture_dir
from .instance import Faults, InMemoryOdoo
from .server import OdooTestServer
from .transport import InMemoryTransport

__all__ = ["Catalog", "Faults", "InMemoryOdoo", "InMemoryTransport", "OdooTestServer", "capture_dir"]
