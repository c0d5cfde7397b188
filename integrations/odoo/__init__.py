"""The Odoo edge: connections, the gateway and its transports (odoolib by default), errors and idempotent pushes."""

from .connection import PROTOCOLS, OdooConnection, Secret
from .diff import MARKER_PREFIX, SyncPlan, SyncReport, SyncRow, apply, plan_sync, sync, to_wire
from .errors import (
    OdooAccessError,
    OdooAuthError,
    OdooConfigError,
    OdooConnectionError,
    OdooError,
    OdooFieldError,
    OdooMissingModel,
    OdooMissingModule,
    OdooMissingRecord,
    OdooServerError,
    OdooValueError,
)
from .gateway import OdooGateway, RetryPolicy, chunks
from .transport import OdoolibTransport, OdooTransport
from .xmlids import MODULE, ExternalIds
from .employee_match import Match, badge_code, load_employee_mapping, match_employees
from .mapping import (Mapped, SkillCatalog, absence_from_calendar_leave, absence_from_leave, employee_from_odoo,
                      member_from_partner, skill_catalog)
from .modules import Feature, features
from .capacity import WorkcenterWeek, load_process_mapping, workcenter_capacity

__all__ = [
    "Mapped",
    "SkillCatalog",
    "WorkcenterWeek",
    "absence_from_calendar_leave",
    "absence_from_leave",
    "badge_code",
    "Feature",
    "features",
    "load_employee_mapping",
    "Match",
    "match_employees",
    "employee_from_odoo",
    "load_process_mapping",
    "member_from_partner",
    "skill_catalog",
    "workcenter_capacity",
    "MARKER_PREFIX",
    "MODULE",
    "PROTOCOLS",
    "ExternalIds",
    "OdooAccessError",
    "OdooAuthError",
    "OdooConfigError",
    "OdooConnection",
    "OdooConnectionError",
    "OdooError",
    "OdooFieldError",
    "OdooGateway",
    "OdooMissingModel",
    "OdooMissingModule",
    "OdooMissingRecord",
    "OdooServerError",
    "OdooTransport",
    "OdoolibTransport",
    "OdooValueError",
    "RetryPolicy",
    "Secret",
    "SyncPlan",
    "SyncReport",
    "SyncRow",
    "apply",
    "chunks",
    "plan_sync",
    "sync",
    "to_wire",
]
