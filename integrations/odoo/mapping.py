"""Pure mapping between Odoo 17 records (as ``search_read`` returns them) and mutualis domain objects.

Nothing here talks to Odoo or to the database: the pull reads the records, these functions turn them
into ``Employee``, ``Absence`` and ``Member`` objects plus a list of warnings, and are tested on the
records captured from a real server (``testing/capture/records``).

Rules (see docs/odoo.md):

* employee code: decided by ``employee_match.py`` (stored link, confirmed mapping, badge, else the
  next free code), never from Odoo's id alone.
* first name: the first word of ``name``; last name: the rest (the whole name when one word).
* skills: one mutualis skill per ``hr.skill`` (code: its name, slugged); its levels are the levels of
  the skill's ``hr.skill.type`` ordered by ``level_progress``; the rank is the held level's position.
* certifications: an ``hr.employee.skill`` whose *type* name, slugged, is a certification type of the
  catalogue (``HAB-ELEC``...) is a certification at that level. Odoo 17 Community's skills carry no
  dates: the expiry comes from a skill field the administrator names (``expiry_field``), else from
  the newest ``hr.resume.line`` naming the certificate (``date_start``/``date_end``), else the
  certification is valid from the contract start with no expiry; a known expiry is never replaced
  by none.
* weekly hours: the sum of the working calendar's attendances (two-week calendars: half), default 35.
* home coordinates: Odoo has none for employees; a new employee gets the first site of its first
  member (else 0, 0) and a warning; an employee already stored keeps its own.
* absences: ``hr.leave`` in state ``validate`` (type containing "sick" -> sickness, else leave), and
  ``resource.calendar.leaves`` of one resource that do not come from an ``hr.leave`` (kind other);
  Odoo's UTC datetimes become local times of the group.
* members: companies (``is_company``) with the partner tag; code ``ref`` else the slugged name;
  SIRET from ``company_registry`` (or ``siret``); a new member gets the partner's address as site
  ``MAIN`` with ``partner_latitude``/``partner_longitude`` (0, 0 and a warning when absent); an
  existing member takes only the legal name, the SIRET and its site ``MAIN``'s address (coordinates
  when Odoo has them): no site is added, no opening hours or other data are cleared.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, UTC
from decimal import Decimal
from typing import Any
from collections.abc import Iterable, Mapping, Sequence
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from consortium.members import Member, Site, siret_is_valid
from sharing.absences import Absence
from sharing.base import describe_validation_error
from sharing.employees import Certification, Contract, Employee
from sharing.skills import CertificationType, Skill

__all__ = ["EMPLOYEE_FIELDS", "EMPLOYEE_SKILL_FIELDS", "RESUME_LINE_FIELDS", "LEAVE_FIELDS", "CALENDAR_LEAVE_FIELDS",
           "PARTNER_FIELDS",
           "Mapped", "SkillCatalog", "slug", "split_name", "weekly_hours", "skill_catalog",
           "employee_from_odoo", "absence_from_leave", "absence_from_calendar_leave", "member_from_partner",
           "partner_code", "utc_to_local", "local_to_utc"]

EMPLOYEE_FIELDS = ("name", "barcode", "work_contact_id", "resource_id", "resource_calendar_id",
                   "hourly_cost", "km_home_work", "employee_skill_ids", "active")
EMPLOYEE_SKILL_FIELDS = ("employee_id", "skill_id", "skill_level_id", "skill_type_id", "level_progress")
LEAVE_FIELDS = ("employee_id", "holiday_status_id", "date_from", "date_to", "state", "name")
RESUME_LINE_FIELDS = ("employee_id", "name", "date_start", "date_end")
CALENDAR_LEAVE_FIELDS = ("resource_id", "calendar_id", "date_from", "date_to", "holiday_id", "name", "time_type")
PARTNER_FIELDS = ("name", "ref", "is_company", "company_registry", "street", "zip", "city",
                  "partner_latitude", "partner_longitude", "category_id")


@dataclass
class Mapped:
    """What one record became: the object (None when it cannot be built) and the warnings met."""

    value: Any
    warnings: list[str] = field(default_factory=list)


def slug(text: str, limit: int = 32) -> str:
    """A mutualis code from free text: ``Programming Languages`` -> ``PROGRAMMING_LANGUAGES``."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    code = re.sub(r"[^A-Z0-9_.-]+", "_", ascii_text.upper()).strip("_.-")
    return (code or "X")[:limit].rstrip("_.-")


def _many2one(value: Any) -> tuple[int, str] | None:
    if isinstance(value, (list, tuple)) and value:
        return int(value[0]), str(value[1]) if len(value) > 1 else ""
    if isinstance(value, int) and not isinstance(value, bool) and value:
        return value, ""
    return None


def split_name(name: str) -> tuple[str, str]:
    """``Mitchell Admin`` -> (``Mitchell``, ``Admin``); one word is both names."""
    words = str(name or "").split()
    if not words:
        return "?", "?"
    if len(words) == 1:
        return words[0], words[0]
    return words[0], " ".join(words[1:])


def weekly_hours(attendances: Iterable[Mapping[str, Any]], two_weeks: bool = False) -> float | None:
    """Hours a week of a calendar's attendances (section lines skipped; two-week calendars halved)."""
    total = sum(float(a["hour_to"]) - float(a["hour_from"]) for a in attendances
                if not a.get("display_type") and a.get("day_period") != "lunch")
    if two_weeks:
        total /= 2
    return round(total, 2) if total > 0 else None


def utc_to_local(text: str, tz: str) -> datetime:
    """Odoo's naive UTC ``2026-11-02 07:00:00`` as a naive local time of ``tz``."""
    moment = datetime.strptime(str(text)[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(tz)).replace(tzinfo=None)


def local_to_utc(moment: datetime, tz: str) -> str:
    """A naive local time of ``tz`` as Odoo's naive UTC text."""
    aware = moment.replace(tzinfo=ZoneInfo(tz)) if moment.tzinfo is None else moment
    return aware.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class SkillCatalog:
    """Odoo's skills as mutualis sees them: skill id -> (code, levels), level id -> name, type names."""

    skills: Mapping[int, tuple[str, tuple[str, ...]]]
    types: Mapping[int, str]
    levels: Mapping[int, str]
    skill_type: Mapping[int, int]

    def domain_skills(self) -> list[Skill]:
        """One ``Skill`` per Odoo skill that has levels."""
        return [Skill(code=code, name=code.replace("_", " ").title(), levels=list(levels))
                for code, levels in sorted(set(self.skills.values())) if levels]


def skill_catalog(skills: Sequence[Mapping], levels: Sequence[Mapping], types: Sequence[Mapping]) -> SkillCatalog:
    """Build the catalogue from ``hr.skill``, ``hr.skill.level`` and ``hr.skill.type`` records."""
    by_type: dict[int, list[tuple[float, str]]] = {}
    level_names: dict[int, str] = {}
    for lv in levels:
        t = _many2one(lv.get("skill_type_id"))
        name = slug(lv["name"], 32)
        level_names[lv["id"]] = name
        if t:
            by_type.setdefault(t[0], []).append((float(lv.get("level_progress") or 0), name))
    ordered = {t: tuple(dict.fromkeys(n for _p, n in sorted(items))) for t, items in by_type.items()}
    result: dict[int, tuple[str, tuple[str, ...]]] = {}
    skill_type: dict[int, int] = {}
    for sk in skills:
        t = _many2one(sk.get("skill_type_id"))
        skill_type[sk["id"]] = t[0] if t else 0
        result[sk["id"]] = (slug(sk["name"]), ordered.get(t[0], ()) if t else ())
    return SkillCatalog(result, {t["id"]: slug(t["name"]) for t in types}, level_names, skill_type)


def _compact(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Z0-9]", "", ascii_text.upper())


def _dates_from_resume(cert: CertificationType | None, type_code: str, level: str,
                       lines: Sequence[Mapping[str, Any]]) -> tuple[date, date | None] | None:
    """``(date_start, date_end)`` of the newest resume line naming the certificate and no other level of it."""
    others = {_compact(lv) for lv in (cert.levels if cert else [])} - {_compact(level)}
    chosen = []
    for ln in lines:
        if not ln.get("date_start") or _compact(type_code) not in _compact(ln.get("name", "")):
            continue
        words = {_compact(w) for w in re.split(r"[\s:/,;.()-]+", str(ln["name"]))}
        if _compact(level) in words or not words & others:
            chosen.append(ln)
    best = max(chosen, key=lambda ln: str(ln["date_start"]), default=None)
    if best is None:
        return None
    end = best.get("date_end")
    return date.fromisoformat(str(best["date_start"])[:10]), date.fromisoformat(str(end)[:10]) if end else None


def _certifications(rows: list[tuple[str, str, Mapping]], resume: Sequence[Mapping[str, Any]],
                    expiry_field: str | None, start: date, existing: Employee | None,
                    types: Mapping[str, CertificationType], odoo_types: set[str]) -> list[Certification]:
    """Certifications from Odoo's skills with the dates Odoo holds; a known expiry is never lost.

    Dates: the administrator's ``expiry_field`` on the skill row, else the newest resume line naming
    the certificate, else the contract start and no expiry. When Odoo gives no expiry, the stored
    certification of the same type and level keeps its dates. Stored certifications of types Odoo
    does not know are kept.
    """
    kept = {(c.type, c.level): c for c in existing.certifications} if existing else {}
    out: list[Certification] = []
    for type_code, level, row in rows:
        valid_from, valid_to = start, None
        found = _dates_from_resume(types.get(type_code), type_code, level, resume)
        if found:
            valid_from, valid_to = found
        if expiry_field and row.get(expiry_field):
            valid_to = date.fromisoformat(str(row[expiry_field])[:10])
        known = kept.get((type_code, level))
        if valid_to is None and known is not None:
            valid_from, valid_to = known.valid_from, known.valid_to
        if valid_to is not None and valid_to < valid_from:
            valid_from = min(start, valid_to)
        out.append(Certification(type=type_code, level=level, valid_from=valid_from, valid_to=valid_to))
    out += [c for c in (existing.certifications if existing else []) if c.type not in odoo_types]
    return out


def employee_from_odoo(record: Mapping[str, Any], employee_skills: Sequence[Mapping[str, Any]] | None,
                       catalog: SkillCatalog, *, code: str, members: Sequence[str], hours: float | None = None,
                       existing: Employee | None = None, default_coordinates: tuple[float, float] = (0.0, 0.0),
                       certification_types: Sequence[CertificationType] = (), today: date | None = None,
                       resume_lines: Sequence[Mapping[str, Any]] = (), expiry_field: str | None = None) -> Mapped:
    """An ``hr.employee`` record (with its ``hr.employee.skill`` rows) as the ``Employee`` ``code``.

    ``existing`` (the stored employee this record was matched to) keeps what Odoo does not know:
    contract, coordinates, authorisations, preferences. A new employee's contract lists ``members``.
    ``employee_skills`` None means Odoo has no skills (``hr_skills`` not installed): the stored
    skills and certifications stay. A record without ``hourly_cost`` (``hr_hourly_cost`` not
    installed) keeps the stored cost.
    """
    warnings: list[str] = []
    first, last = split_name(record.get("name", ""))
    skills: dict[str, int] = {}
    cert_rows: list[tuple[str, str, Mapping]] = []
    cert_types = {c.code: c for c in certification_types}
    start = existing.contract.start if existing else (today or date.today())
    for row in employee_skills or ():
        sk = _many2one(row.get("skill_id"))
        lv = _many2one(row.get("skill_level_id"))
        if not sk or not lv or sk[0] not in catalog.skills:
            continue
        skill_code, levels = catalog.skills[sk[0]]
        level = catalog.levels.get(lv[0], slug(lv[1]))
        type_code = catalog.types.get(catalog.skill_type.get(sk[0], 0), "")
        if type_code in cert_types:
            cert_rows.append((type_code, level, row))
        elif level in levels:
            skills[skill_code] = levels.index(level) + 1
    cost = record.get("hourly_cost") or 0
    who = f"employee {code} ({record.get('name')})"
    if "hourly_cost" not in record and existing is None:
        return Mapped(None, [f"{who}: no hourly cost (hr_hourly_cost is not installed in Odoo);"
                             " add the employee in mutualis with its cost, then pull again"])
    if float(cost) <= 0:
        if existing is None:
            return Mapped(None, [f"{who}: no hourly cost in Odoo"])
        if "hourly_cost" in record:
            warnings.append(f"{who}: no hourly cost in Odoo, {existing.hourly_cost} kept")
        cost = existing.hourly_cost
    if existing is not None:
        contract = existing.contract
        lat, lon = existing.home_latitude, existing.home_longitude
        if hours and abs(hours - contract.weekly_hours) > 1e-6 and hours <= 48:
            contract = contract.model_copy(update={"weekly_hours": hours})
    else:
        if not members:
            return Mapped(None, [f"{who}: no member to list in a new contract"])
        contract = Contract(start=start, weekly_hours=min(hours or 35.0, 48.0), members=list(members))
        lat, lon = default_coordinates
        warnings.append(f"employee {code}: no home coordinates in Odoo, using {lat:g}, {lon:g}")
    if employee_skills is None:
        skills = dict(existing.skills) if existing else {}
        certifications = list(existing.certifications) if existing else []
    else:
        odoo_types = set(catalog.types.values()) & set(cert_types)
        certifications = _certifications(cert_rows, resume_lines, expiry_field, start, existing, cert_types,
                                         odoo_types)
    try:
        employee = Employee(
            code=code, first_name=first, last_name=last, home_address=existing.home_address if existing else "",
            home_latitude=lat, home_longitude=lon, contract=contract, skills=skills,
            certifications=certifications,
            site_authorisations=existing.site_authorisations if existing else [],
            night_worker=existing.night_worker if existing else False, minor=existing.minor if existing else False,
            hourly_cost=Decimal(str(cost)).quantize(Decimal("0.01")),
            preferences=existing.preferences if existing else Employee.model_fields["preferences"].default,
        )
    except ValidationError as exc:
        return Mapped(None, [f"employee {code}: " + "; ".join(describe_validation_error(exc))])
    return Mapped(employee, warnings)


def _absence(employee: str, kind: str, start: str, end: str, tz: str, note: str) -> Mapped:
    try:
        return Mapped(Absence(employee=employee, kind=kind, start=utc_to_local(start, tz),
                              end=utc_to_local(end, tz), note=note))
    except (ValidationError, ValueError) as exc:
        reason = "; ".join(describe_validation_error(exc)) if isinstance(exc, ValidationError) else str(exc)
        return Mapped(None, [f"absence of {employee} ({note}): {reason}"])


def absence_from_leave(record: Mapping[str, Any], codes: Mapping[int, str], tz: str) -> Mapped:
    """A validated ``hr.leave`` as an ``Absence``; None (no warning) when it is not validated."""
    if record.get("state") != "validate":
        return Mapped(None)
    emp = _many2one(record.get("employee_id"))
    if not emp or emp[0] not in codes:
        return Mapped(None, [f"hr.leave {record['id']}: employee {emp[1] if emp else '?'} was not pulled"])
    kind_name = (_many2one(record.get("holiday_status_id")) or (0, ""))[1]
    kind = "sickness" if "sick" in kind_name.lower() else "leave"
    return _absence(codes[emp[0]], kind, record["date_from"], record["date_to"], tz,
                    f"odoo:hr.leave:{record['id']} {kind_name}".strip())


def absence_from_calendar_leave(record: Mapping[str, Any], codes_by_resource: Mapping[int, str], tz: str) -> Mapped:
    """A ``resource.calendar.leaves`` of one resource, not from an ``hr.leave``, as an ``Absence``."""
    res = _many2one(record.get("resource_id"))
    if not res or _many2one(record.get("holiday_id")):
        return Mapped(None)
    if res[0] not in codes_by_resource:
        return Mapped(None)
    return _absence(codes_by_resource[res[0]], "other", record["date_from"], record["date_to"], tz,
                    f"odoo:resource.calendar.leaves:{record['id']} {record.get('name') or ''}".strip())


def partner_code(record: Mapping[str, Any]) -> str:
    """A member code from a partner: its ``ref``, else its name, slugged."""
    return slug(record.get("ref") or record.get("name") or f"P{record['id']}")


def _update_member(existing: Member, record: Mapping[str, Any], siret: str, address: str,
                   coordinates: tuple[float, float]) -> Mapped:
    # Odoo owns the legal name, the SIRET and the address; everything else is the group's own.
    sites = list(existing.sites)
    warnings = []
    main = next((n for n, s in enumerate(sites) if s.code == "MAIN"), None)
    if main is None:
        if address or any(coordinates):
            warnings.append(f"member {existing.code}: no site MAIN to hold Odoo's address; sites left as they are")
    else:
        update: dict[str, Any] = {"address": address} if address else {}
        if any(coordinates):
            update.update(latitude=coordinates[0], longitude=coordinates[1])
        sites[main] = sites[main].model_copy(update=update)
    member = existing.model_copy(update={"legal_name": str(record.get("name") or existing.legal_name),
                                         "siret": siret, "sites": sites})
    try:
        return Mapped(Member.model_validate(member.model_dump()), warnings)
    except ValidationError as exc:
        return Mapped(None, [f"member {existing.code}: " + "; ".join(describe_validation_error(exc))])


def member_from_partner(record: Mapping[str, Any], existing: Member | None = None) -> Mapped:
    """A company ``res.partner`` as a ``Member``: a new one gets its address as site ``MAIN``.

    An ``existing`` member only takes what Odoo owns: legal name, SIRET, and the address (and
    coordinates, when Odoo has them) of its site ``MAIN`` if it has one. Its other sites, opening
    hours, activity, entitlement and billing stay; no site is added.
    """
    code = existing.code if existing is not None else partner_code(record)
    siret = re.sub(r"\s", "", str(record.get("company_registry") or record.get("siret") or ""))
    if not siret_is_valid(siret):
        shown = siret or "none"
        return Mapped(None, [f"member {code} ({record.get('name')}): SIRET {shown} in company_registry is not"
                             " 14 digits with a valid Luhn key"])
    warnings: list[str] = []
    lat, lon = record.get("partner_latitude") or 0.0, record.get("partner_longitude") or 0.0
    address = ", ".join(str(record[k]) for k in ("street", "zip", "city") if record.get(k))
    if existing is not None:
        return _update_member(existing, record, siret, address, (lat, lon))
    if not lat and not lon:
        warnings.append(f"member {code}: no partner_latitude/partner_longitude in Odoo, site MAIN at 0, 0")
    site = Site(code="MAIN", name=str(record.get("name")), address=address, latitude=lat, longitude=lon)
    try:
        return Mapped(Member(code=code, legal_name=str(record.get("name")), siret=siret, sites=[site]), warnings)
    except ValidationError as exc:
        return Mapped(None, [f"member {code}: " + "; ".join(describe_validation_error(exc))])
