"""Filling a database: the standard catalogue on `init`, the whole demo group on `demo`."""

from __future__ import annotations

from sharing.catalogue import standard_catalogue
from sharing.group import Group

__all__ = ["init_database", "load_group"]


def init_database(repo) -> dict[str, int]:
    """Store default settings (when none) and the standard skills and certifications; safe to repeat."""
    repo.save_settings(repo.get_settings())
    catalogue = standard_catalogue()
    for skill in catalogue.skills:
        repo.save_skill(skill)
    for cert_type in catalogue.certification_types:
        repo.save_certification_type(cert_type)
    return {"skills": len(catalogue.skills), "certification_types": len(catalogue.certification_types)}


def load_group(repo, group: Group) -> dict[str, int]:
    """Upsert a whole group (settings, catalogue, members, employees, absences, requests); repeatable."""
    repo.save_settings(group.settings)
    for skill in group.catalogue.skills:
        repo.save_skill(skill)
    for cert_type in group.catalogue.certification_types:
        repo.save_certification_type(cert_type)
    for member in group.members:
        repo.save_member(member)
    for employee in group.employees:
        repo.save_employee(employee)
    for absence in group.absences:
        repo.add_absence(absence)
    for request in group.requests:
        repo.save_request(request)
    return repo.counts()
