"""hr_skills models that the capture lists in ``ir_model.json`` without their ``fields_get``.

Shapes as in Odoo 17's ``hr_skills/models/hr_resume_line.py`` and ``hr_resume_line_type.py``: a resume
line has a name, a required ``date_start``, an optional ``date_end`` (where Odoo Community keeps the
end of a certificate's validity) and a type.
"""

from __future__ import annotations

from types import MappingProxyType
from collections.abc import Mapping

__all__ = ["HR_SKILLS_MODELS"]


def _f(type_: str, string: str, **attrs) -> dict:
    return {"type": type_, "string": string, "required": False, "readonly": False, "store": True, **attrs}


HR_SKILLS_MODELS: Mapping[str, dict] = MappingProxyType({
    "hr.resume.line": {
        "id": _f("integer", "ID", readonly=True),
        "display_name": _f("char", "Display Name", readonly=True, store=False),
        "employee_id": _f("many2one", "Employee", relation="hr.employee", required=True),
        "name": _f("char", "Name", required=True),
        "date_start": _f("date", "Date Start", required=True),
        "date_end": _f("date", "Date End"),
        "description": _f("text", "Description"),
        "line_type_id": _f("many2one", "Type", relation="hr.resume.line.type"),
        "display_type": _f("selection", "Display Type", selection=[["classic", "Classic"]]),
        "create_date": _f("datetime", "Created on", readonly=True),
        "write_date": _f("datetime", "Last Updated on", readonly=True),
    },
    "hr.resume.line.type": {
        "id": _f("integer", "ID", readonly=True),
        "display_name": _f("char", "Display Name", readonly=True, store=False),
        "name": _f("char", "Name", required=True),
        "sequence": _f("integer", "Sequence"),
        "create_date": _f("datetime", "Created on", readonly=True),
        "write_date": _f("datetime", "Last Updated on", readonly=True),
    },
})
