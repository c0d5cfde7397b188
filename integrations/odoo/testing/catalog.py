"""The captured Odoo 17 server: model definitions, demo records, models and modules.

Files come from ``capture/`` beside this module (see its README): ``fields/<model>.json`` (``fields_get``),
``records/<model>.json``, ``ir_model.json``, ``installed_modules.json``, ``version_info.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from collections.abc import Mapping

from .hr_skills import HR_SKILLS_MODELS
from . import accounting, invitations
from .behaviour import field_def as _field
from .behaviour import magic_fields as _magic_fields

__all__ = ["Catalog", "capture_dir", "EXTRA_MODELS"]




# Models the captured files do not define but a sync client needs (shape as in Odoo 17 base).
EXTRA_MODELS: Mapping[str, dict] = MappingProxyType({
    "ir.model.data": {
        **_magic_fields(),
        "name": _field("char", "External Identifier", required=True),
        "complete_name": _field("char", "Complete ID", readonly=True, store=False),
        "module": _field("char", "Module", required=True),
        "model": _field("char", "Model Name", required=True),
        "res_id": _field("many2one_reference", "Record ID", model_field="model"),
        "noupdate": _field("boolean", "Non Updatable"),
    },
    "ir.model": {
        **_magic_fields(),
        "name": _field("char", "Model Description", required=True),
        "model": _field("char", "Model", required=True),
        "transient": _field("boolean", "Transient Model"),
        "modules": _field("char", "In Apps", readonly=True, store=False),
    },
    "ir.module.module": {
        **_magic_fields(),
        "name": _field("char", "Technical Name", required=True, readonly=True),
        "shortdesc": _field("char", "Module Name", readonly=True),
        "latest_version": _field("char", "Installed Version", readonly=True),
        "state": _field("selection", "Status", readonly=True, selection=[
            ["uninstallable", "Uninstallable"], ["uninstalled", "Not Installed"],
            ["installed", "Installed"], ["to upgrade", "To be upgraded"],
            ["to remove", "To be removed"], ["to install", "To be installed"]]),
        "demo": _field("boolean", "Demo Data", readonly=True),
    },
    **accounting.MODELS,
    **invitations.MODELS,
})


CAPTURE_DIR = Path(__file__).resolve().parent / "capture"


def capture_dir() -> Path:
    """The capture of a real Odoo 17 shipped with this package (``integrations/odoo/testing/capture``)."""
    return CAPTURE_DIR


@dataclass(frozen=True)
class Catalog:
    """Everything read from the capture; servers copy the records, never change these."""

    fields: Mapping[str, Mapping[str, dict]]
    records: Mapping[str, tuple[dict, ...]]
    version: Mapping[str, object]
    database: str

    @classmethod
    def load(cls, root: Path | None = None) -> Catalog:
        """Read the capture (``root`` or the one shipped here); FileNotFoundError names the folder."""
        odoo = root or capture_dir()
        if not (odoo / "fields").is_dir():
            raise FileNotFoundError(f"no captured Odoo definitions in {odoo}")
        fields: dict[str, Mapping[str, dict]] = {}
        records: dict[str, tuple[dict, ...]] = {}
        for path in sorted((odoo / "fields").glob("*.json")):
            fields[path.stem] = MappingProxyType(json.loads(path.read_text()))
        for path in sorted((odoo / "records").glob("*.json")):
            data = json.loads(path.read_text())
            records[data["model"]] = tuple(data["records"])
        for model, defs in {**HR_SKILLS_MODELS, **EXTRA_MODELS}.items():
            fields[model] = defs
        for model, rows in accounting.RECORDS.items():
            records.setdefault(model, rows)
        ir_models = json.loads((odoo / "ir_model.json").read_text())
        records["ir.model"] = tuple(ir_models)
        modules = json.loads((odoo / "installed_modules.json").read_text())
        records["ir.module.module"] = tuple({**m, "state": "installed"} for m in modules)
        info = json.loads((odoo / "version_info.json").read_text())
        return cls(
            fields=MappingProxyType(fields),
            records=MappingProxyType(records),
            version=MappingProxyType(info["common.version (xmlrpc)"]),
            database=info["db_list"][0],
        )

    def model_names(self) -> frozenset[str]:
        """Models present on the captured server (``ir.model``), defined here or not."""
        return frozenset(r["model"] for r in self.records["ir.model"]) | set(self.fields)
