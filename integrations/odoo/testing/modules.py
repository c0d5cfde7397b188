"""Optional Odoo 17 modules: what each brings, and a captured server without some of them.

The capture is a server with ``hr_skills``, ``hr_holidays`` and ``hr_hourly_cost`` installed. A real
server may lack any of them (``hr_hourly_cost`` is pulled in by ``hr_timesheet``, not by ``hr``), and
then its models and the fields it adds to other models are absent. :func:`without` makes that
server from the capture: the modules and those depending on them (from Odoo 17's manifests) leave
``ir.module.module``; models that only they contribute to (``ir.model.modules``) disappear; and the
fields they add to other models (from Odoo 17's sources, the ones a sync reads) disappear too.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType
from collections.abc import Mapping

from .catalog import Catalog

__all__ = ["DEPENDENTS", "MODULE_FIELDS", "without"]

# Installed modules that depend (directly or not) on each optional module (Odoo 17 manifests).
DEPENDENTS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "hr_hourly_cost": ("hr_timesheet", "project_timesheet_holidays", "spreadsheet_dashboard_hr_timesheet"),
    "hr_skills": (),
    "hr_holidays": ("project_timesheet_holidays",),
})

# Fields a module adds to models it does not define (hr_hourly_cost/models/hr_employee.py, ...).
MODULE_FIELDS: Mapping[str, Mapping[str, tuple[str, ...]]] = MappingProxyType({
    "hr_hourly_cost": {"hr.employee": ("hourly_cost",)},
    "hr_timesheet": {"hr.employee": ("has_timesheet",)},
    "hr_skills": {"hr.employee": ("employee_skill_ids", "resume_line_ids", "skill_ids")},
    "hr_holidays": {
        "hr.employee": ("leave_manager_id", "remaining_leaves", "current_leave_state", "leave_date_from",
                        "leave_date_to", "leaves_count", "allocation_count", "allocations_count", "show_leaves",
                        "is_absent", "allocation_display", "allocation_remaining_display", "current_leave_id"),
        "resource.calendar.leaves": ("holiday_id",),
        "resource.calendar": ("associated_leaves_count",),
        "hr.department": ("absence_of_today", "allocation_to_approve_count", "leave_to_approve_count"),
    },
})


def _only_from(ir_model: Mapping, gone: set[str]) -> bool:
    contributors = {s.strip() for s in str(ir_model.get("modules") or "").split(",") if s.strip()}
    return bool(contributors) and contributors <= gone


def without(catalog: Catalog, *modules: str) -> Catalog:
    """The same capture as if ``modules`` (and what depends on them) had never been installed."""
    gone = set(modules)
    for module in modules:
        if module not in DEPENDENTS:
            raise ValueError(f"module {module!r} is not modelled; known: {', '.join(sorted(DEPENDENTS))}")
        gone.update(DEPENDENTS[module])
    ir_models = [m for m in catalog.records["ir.model"] if not _only_from(m, gone)]
    kept_models = {m["model"] for m in ir_models} | {"ir.model", "ir.model.data", "ir.module.module"}
    fields: dict[str, Mapping[str, dict]] = {}
    for model, defs in catalog.fields.items():
        if model not in kept_models:
            continue
        dropped = {name for module in gone for name in MODULE_FIELDS.get(module, {}).get(model, ())}
        fields[model] = MappingProxyType({k: v for k, v in defs.items() if k not in dropped})
    records: dict[str, tuple[dict, ...]] = {}
    for model, rows in catalog.records.items():
        if model not in kept_models:
            continue
        names = fields.get(model)
        records[model] = tuple({k: v for k, v in r.items() if names is None or k in names or k == "id"}
                               for r in rows)
    records["ir.model"] = tuple(ir_models)
    records["ir.module.module"] = tuple(m for m in catalog.records["ir.module.module"] if m["name"] not in gone)
    return dataclasses.replace(catalog, fields=MappingProxyType(fields), records=MappingProxyType(records))
