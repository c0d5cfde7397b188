"""Member firms and shared employees: add, list, show, remove."""

from __future__ import annotations

import click

from consortium.members import Member, Site, format_opening_hours
from integrations.reports.documents import text_table
from sharing.employees import Contract, Employee, Preferences
from sharing.parsing import build, human_code, parse_certifications, parse_skill_levels, split_list

from .options import echo_json, json_option, store
from .types import HOURS_PER_WEEK, LATITUDE, LONGITUDE, MONEY, Amount, Day, FiniteFloat

__all__ = ["member", "employee"]


@click.group()
def member():
    """Member firms of the group: add, list, show, remove."""


@member.command("add")
@click.argument("code")
@click.option("--name", "legal_name", required=True, help="Legal name.")
@click.option("--siret", required=True, help="14-digit SIRET (checked with its Luhn key).")
@click.option("--activity", default="", help="What the firm does.")
@click.option("--entitlement", type=FiniteFloat(min=0, max=100, min_open=True), default=1.0, show_default=True,
              help="Fair share of staff.")
@click.option("--coefficient", type=Amount("0", "99", low_open=True), default=None,
              help="Billing coefficient override.")
@click.option("--site", "site_code", help="Code of a first site.")
@click.option("--site-name", help="Name of that site.")
@click.option("--address", default="", help="Address of that site.")
@click.option("--lat", type=LATITUDE, help="Latitude of that site.")
@click.option("--lon", type=LONGITUDE, help="Longitude of that site.")
@click.option("--opening-hours", default="", help="E.g. 'mon-fri 06:00-20:00; sat 07:00-12:00'.")
@click.option("--night/--no-night", default=False, help="Night work allowed at that site.")
@click.option("--sunday/--no-sunday", default=False, help="Sunday work allowed at that site.")
@click.pass_context
def member_add(ctx, code, legal_name, siret, activity, entitlement, coefficient, site_code, site_name, address,
               lat, lon, opening_hours, night, sunday):
    """Add a member firm, optionally with its first site.

    \b
    Example:
        mutualis member add ACIER --name "Aciers du Maine SAS" --siret 73282932000074 \\
            --site MAIN --site-name "Usine de Laval" --lat 48.07 --lon -0.77 --opening-hours "mon-fri 06:00-21:00"
    """
    sites = []
    if site_code:
        if lat is None or lon is None:
            raise click.UsageError("--site needs --lat and --lon")
        sites.append(build(Site, f"site {site_code}", code=site_code, name=site_name or site_code, address=address,
                            latitude=lat, longitude=lon, opening_hours=opening_hours, night_work_allowed=night,
                            sunday_work_allowed=sunday))
    new = build(Member, f"member {human_code(code)}", code=code, legal_name=legal_name, siret=siret, activity=activity,
                 entitlement=entitlement, billing_coefficient=coefficient, sites=sites)
    with store(ctx).session() as repo:
        repo.people.add_member(new)
    click.echo(f"member {new.code} added")


@member.command("list")
@json_option
@click.pass_context
def member_list(ctx, as_json):
    """List member firms.

    \b
    Example:
        mutualis member list --json
    """
    with store(ctx).session() as repo:
        members = repo.people.list_members()
    if as_json:
        return echo_json([m.model_dump(mode="json") for m in members])
    click.echo(text_table(["code", "legal name", "sites", "entitlement", "activity"],
                      [[m.code, m.legal_name, len(m.sites), f"{m.entitlement:g}", m.activity] for m in members]))


@member.command("show")
@click.argument("code")
@json_option
@click.pass_context
def member_show(ctx, code, as_json):
    """Show one member with its sites.

    \b
    Example:
        mutualis member show ACIER
    """
    with store(ctx).session() as repo:
        m = repo.people.get_member(human_code(code))
    if as_json:
        return echo_json(m.model_dump(mode="json"))
    click.echo(f"{m.code}  {m.legal_name}\n  SIRET {m.siret}  entitlement {m.entitlement:g}  {m.activity}")
    for s in m.sites:
        flags = ", ".join(f for f, on in (("night", s.night_work_allowed), ("sunday", s.sunday_work_allowed)) if on)
        click.echo(f"  site {s.code}: {s.name} ({s.latitude:.4f}, {s.longitude:.4f}) "
                   f"{format_opening_hours(s.opening_hours) or 'always open'}{' [' + flags + ']' if flags else ''}")


@member.command("remove")
@click.argument("code")
@click.pass_context
def member_remove(ctx, code):
    """Remove a member (refused while requests or employee contracts name it).

    \b
    Example:
        mutualis member remove ACIER
    """
    with store(ctx).session() as repo:
        repo.people.remove_member(human_code(code))
    click.echo(f"member {human_code(code)} removed")


@click.group()
def employee():
    """Shared employees of the GE: add, list, show, remove."""


@employee.command("add")
@click.argument("code")
@click.option("--first-name", required=True)
@click.option("--last-name", required=True)
@click.option("--lat", type=LATITUDE, required=True, help="Home latitude.")
@click.option("--lon", type=LONGITUDE, required=True, help="Home longitude.")
@click.option("--address", default="", help="Home address.")
@click.option("--members", required=True, help="Members listed in the contract, e.g. ACIER,FORGE.")
@click.option("--sites", default="", help="Restrict to sites, e.g. ACIER/MAIN,FORGE/NORD.")
@click.option("--contract", "kind", type=click.Choice(["CDI", "CDD"]), default="CDI", show_default=True)
@click.option("--start", "start", type=Day(), required=True, help="Contract start.")
@click.option("--end", "end", type=Day(), default=None, help="Contract end (CDD).")
@click.option("--weekly-hours", type=HOURS_PER_WEEK, default=35, show_default=True)
@click.option("--derogation", is_flag=True, help="Part-time below 24 h with a recorded derogation.")
@click.option("--skill", "skills", multiple=True, help="SKILL:LEVEL, repeatable, e.g. TIG:2.")
@click.option("--cert", "certs", multiple=True, help="TYPE:LEVEL:FROM[:TO], e.g. HAB-ELEC:BR:2025-01-15:2028-01-14.")
@click.option("--hourly-cost", type=MONEY, required=True, help="Loaded hourly cost in euros, e.g. 24.50.")
@click.option("--night-worker", is_flag=True)
@click.option("--minor", is_flag=True)
@click.pass_context
def employee_add(ctx, code, first_name, last_name, lat, lon, address, members, sites, kind, start, end, weekly_hours,
                 derogation, skills, certs, hourly_cost, night_worker, minor):
    """Add a shared employee.

    \b
    Example:
        mutualis employee add E050 --first-name Léa --last-name Morin --lat 48.1 --lon -0.7 \\
            --members ACIER,FORGE --start 2026-01-05 --skill TIG:2 --hourly-cost 24.50
    """
    subject = f"employee {human_code(code)}"
    skill_levels = parse_skill_levels(skills, subject)
    certifications = parse_certifications(certs, subject)
    contract = build(Contract, subject, kind=kind, start=start.date(), end=end.date() if end else None,
                      weekly_hours=weekly_hours, part_time_derogation=derogation, members=split_list(members),
                      sites=split_list(sites))
    new = build(Employee, subject, code=code, first_name=first_name, last_name=last_name, home_address=address,
                 home_latitude=lat, home_longitude=lon, contract=contract, skills=skill_levels,
                 certifications=certifications, hourly_cost=hourly_cost, night_worker=night_worker, minor=minor,
                 preferences=Preferences())
    with store(ctx).session() as repo:
        repo.people.add_employee(new)
    click.echo(f"employee {new.code} added")


@employee.command("list")
@json_option
@click.pass_context
def employee_list(ctx, as_json):
    """List shared employees.

    \b
    Example:
        mutualis employee list --json
    """
    with store(ctx).session() as repo:
        employees = repo.people.list_employees()
    if as_json:
        return echo_json([e.model_dump(mode="json") for e in employees])
    click.echo(text_table(
        ["code", "name", "contract", "h/week", "members", "skills"],
        [[e.code, e.name, e.contract.kind, f"{e.contract.weekly_hours:g}", ",".join(e.contract.members),
          ",".join(f"{s}:{lv}" for s, lv in e.skills.items())] for e in employees]))


@employee.command("show")
@click.argument("code")
@json_option
@click.pass_context
def employee_show(ctx, code, as_json):
    """Show one employee: contract, skills, certifications, authorisations.

    \b
    Example:
        mutualis employee show E012
    """
    with store(ctx).session() as repo:
        e = repo.people.get_employee(human_code(code))
    if as_json:
        return echo_json(e.model_dump(mode="json"))
    c = e.contract
    click.echo(f"{e.code}  {e.name}  ({'night worker, ' if e.night_worker else ''}{'minor, ' if e.minor else ''}"
               f"{e.hourly_cost} €/h)")
    click.echo(f"  contract {c.kind} from {c.start}{' to ' + str(c.end) if c.end else ''}, {c.weekly_hours:g} h/week"
               f"{' (derogation)' if c.part_time_derogation else ''}")
    click.echo(f"  members: {', '.join(c.members)}{'; sites: ' + ', '.join(c.sites) if c.sites else ''}")
    click.echo(f"  skills: {', '.join(f'{s} level {lv}' for s, lv in e.skills.items()) or 'none'}")
    for cert in e.certifications:
        click.echo(f"  certification {cert.type} {cert.level}: {cert.valid_from} to {cert.valid_to or 'no expiry'}")
    for a in e.site_authorisations:
        click.echo(f"  authorised {a.skill} at {a.member}/{a.site}{' until ' + str(a.valid_to) if a.valid_to else ''}")


@employee.command("remove")
@click.argument("code")
@click.pass_context
def employee_remove(ctx, code):
    """Remove an employee.

    \b
    Example:
        mutualis employee remove E050
    """
    with store(ctx).session() as repo:
        repo.people.remove_employee(human_code(code))
    click.echo(f"employee {human_code(code)} removed")
