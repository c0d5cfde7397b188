"""External ids of mutualis records in Odoo: ``ir.model.data`` rows of module ``mutualis``.

mutualis maintains them itself (create, re-point, delete) so that a record it pushed is found
again by name on the next run, whatever its database id, and never pushed twice.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from collections.abc import Iterable, Mapping

if TYPE_CHECKING:
    from .gateway import OdooGateway

__all__ = ["MODULE", "ExternalIds", "check_name"]

MODULE = "mutualis"
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
_QUERY_CHUNK = 1000


def check_name(name: str) -> str:
    """Return ``name`` if it can be an external id name (letters, digits, ``_ . -``), else ValueError."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(f"invalid external id name {name!r}: use letters, digits, '_', '.', '-'")
    return name


class ExternalIds:
    """The ``mutualis.*`` external ids, read and written through one gateway."""

    def __init__(self, gateway: OdooGateway) -> None:
        self.gateway = gateway

    def rows(self, model: str, names: Iterable[str] | None = None) -> list[dict]:
        """``ir.model.data`` rows (id, name, res_id) of ``model`` in module mutualis."""
        base = [("module", "=", MODULE), ("model", "=", model)]
        fields = ["name", "res_id"]
        if names is None:
            return self.gateway.search_read("ir.model.data", base, fields)
        wanted = sorted({check_name(n) for n in names})
        rows: list[dict] = []
        for start in range(0, len(wanted), _QUERY_CHUNK):
            part = wanted[start:start + _QUERY_CHUNK]
            rows.extend(self.gateway.search_read("ir.model.data", [*base, ("name", "in", part)], fields))
        return rows

    def get(self, model: str, names: Iterable[str] | None = None) -> dict[str, int]:
        """``{name: res_id}``."""
        return {row["name"]: row["res_id"] for row in self.rows(model, names)}

    def bind(self, model: str, bindings: Mapping[str, int]) -> int:
        """Create the missing rows in batches and re-point the ones that differ; count the changes."""
        if not bindings:
            return 0
        existing = {row["name"]: row for row in self.rows(model, bindings)}
        new = [{"module": MODULE, "name": name, "model": model, "res_id": res_id, "noupdate": True}
               for name, res_id in bindings.items() if name not in existing]
        self.gateway.create("ir.model.data", new)
        moved = 0
        for name, res_id in bindings.items():
            row = existing.get(name)
            if row is not None and row["res_id"] != res_id:
                self.gateway.write("ir.model.data", [row["id"]], {"res_id": res_id})
                moved += 1
        return len(new) + moved

    def unbind(self, model: str, names: Iterable[str]) -> int:
        """Delete the rows of ``names``; return how many there were."""
        ids = [row["id"] for row in self.rows(model, names)]
        self.gateway.unlink("ir.model.data", ids)
        return len(ids)
