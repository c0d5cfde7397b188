"""`mutualis lend offer|import|template|list|show|record|withdraw`: the offers of a member's own staff."""

from __future__ import annotations

from pathlib import Path

import click

from consortium.errors import InvalidInput
from integrations.reports.documents import text_table
from sharing.lending import Offer, parse_home_hours
from sharing.parsing import build, human_code, parse_certifications, parse_skill_levels, split_list

from .options import echo_json, json_option, store
from .types import HOURS_PER_WEEK, LATITUDE, LONGITUDE, Amount, Day, OutPath


__all__ = ["lend_offer", "lend_import", "lend_template", "lend_list", "lend_show", "lend_record", "lend_withdraw"]

EUROS = Amount("0", "9999.9999", places=4)


def _eur(amount) -> str:
    """An amount with two decimals, or as many as it has beyond them (the store keeps four)."""
    return f"{amount:.2f}" if amount == round(amount, 2) else f"{amount.normalize():f}"



@click.command("offer")
@click.argument("member")
@click.option("--person", required=True, help="The person's code at the lender (the offer is MEMBER.PERSON).")
@click.option("--first-name", required=True, help="First name.")
@click.option("--last-name", required=True, help="Last name.")
@click.option("--qualification", default="", help="Job title and qualification at the home firm.")
@click.option("--trade", default="", help="The person's current trade, a ROME code (e.g. H2102); shows the trade "
              "bridges a course would open (a bridge never qualifies: record the skill once the course is done).")
@click.option("--skills", required=True, help="Skills with levels, e.g. 'TIG:2,MIG:1'.")
@click.option("--certs", default="", help="Certifications TYPE:LEVEL:FROM[:TO], comma-separated.")
@click.option("--from", "start", type=Day(), required=True, help="First day the person may be lent.")
@click.option("--until", "end", type=Day(), required=True, help="Last day the person may be lent.")
@click.option("--hours-per-week", type=HOURS_PER_WEEK, required=True, help="Most hours lent in one week.")
@click.option("--salary", type=EUROS, required=True, help="Gross salary per hour, euros.")
@click.option("--charges", type=EUROS, required=True, help="Employer's social charges per hour, euros.")
@click.option("--expenses", type=EUROS, default="0", show_default=True, help="Professional expenses per hour, euros.")
@click.option("--cost-per-hour", type=EUROS, default=None,
              help="Total per hour, checked against salary + charges + expenses.")
@click.option("--consent", type=Day(), required=True, help="Day the employee agreed to the loan (before --from).")
@click.option("--contract-hours", type=HOURS_PER_WEEK, default=35, show_default=True,
              help="Contract hours a week at the home firm.")
@click.option("--home-hours", default="", help="Hours still worked at the home firm each week, e.g. "
              "'Mon 08:00-12:00,Tue 08:00-12:00'.")
@click.option("--postcode", default="", help="Home postcode.")
@click.option("--home-lat", type=LATITUDE, default=None, help="Home latitude (default: the lender's first site).")
@click.option("--home-lon", type=LONGITUDE, default=None, help="Home longitude.")
@click.option("--exclude", default="", help="Members the person may not be lent to, comma-separated.")
@click.option("--night/--no-night", default=False, help="The person is a night worker.")
@click.pass_context
def lend_offer(ctx, member, person, first_name, last_name, qualification, trade, skills, certs, start, end,
               hours_per_week, salary, charges, expenses, cost_per_hour, consent, contract_hours, home_hours, postcode,
               home_lat, home_lon, exclude, night):
    """Offer one of MEMBER's employees for lending, with the cost per hour broken down.

    \b
    Example:
        mutualis lend offer BISCUIT --person OP1 --first-name Léa --last-name Roux --trade H2102 --skills LINE:1 \\
            --from 2026-12-01 --until 2026-12-31 --hours-per-week 35 --salary 14.20 --charges 6.10 \\
            --expenses 1.00 --cost-per-hour 21.30 --consent 2026-11-20 --home-hours "Mon 08:00-12:00"
    """
    subject = f"offer {human_code(member)}.{human_code(person)}"
    if cost_per_hour is not None and cost_per_hour != salary + charges + expenses:
        raise InvalidInput(f"{subject}: field cost_per_hour: {cost_per_hour} is not salary + charges + expenses "
                           f"= {salary + charges + expenses}")
    try:
        shifts = parse_home_hours(home_hours)
    except ValueError as exc:
        raise InvalidInput(f"{subject}: field home_hours: {exc}") from None
    offer = build(Offer, subject, member=member, person=person, first_name=first_name, last_name=last_name,
                  qualification=qualification, trade=trade, skills=parse_skill_levels(split_list(skills), subject),
                  certifications=parse_certifications(split_list(certs), subject), start=start.date(),
                  end=end.date(), hours_per_week=hours_per_week,
                  cost={"salary": salary, "charges": charges, "expenses": expenses}, home_postcode=postcode,
                  home_latitude=home_lat, home_longitude=home_lon, contract_hours=contract_hours, home_hours=shifts,
                  consent_date=consent.date(), excluded_members=split_list(exclude), night_worker=night)
    from integrations.services.lending import add_offer

    with store(ctx).session() as repo:
        add_offer(repo, offer)
    click.echo(f"offer {offer.code} added: {offer.name}, {offer.start} to {offer.end}, "
               f"{offer.hours_per_week:g} h/week at {_eur(offer.cost.total)} EUR/h")


@click.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def lend_import(ctx, path):
    """Import offers from a CSV or XLSX sheet: every row or none (each bad row named).

    Columns: member, person, first_name, last_name, skills, from, until, hours_per_week, salary, charges,
    consent; optional: qualification, trade (ROME code), certs, expenses, contract_hours, home_hours,
    postcode, exclude, night.

    \b
    Example:
        mutualis lend import offers.xlsx
    """
    from integrations.services.lending_import import import_offers

    with store(ctx).session() as repo:
        offers = import_offers(repo, path)
    click.echo(f"{len(offers)} offer{'s' if len(offers) != 1 else ''} added: {', '.join(o.code for o in offers)}")


@click.command("template")
@click.argument("file", type=OutPath())
def lend_template(file):
    """Write the offers sheet (CSV or XLSX by the suffix) with every column and one example row.

    \b
    Example:
        mutualis lend template offers.xlsx
    """
    from integrations.services.lending_import import write_offer_template

    write_offer_template(file)
    click.echo(f"template for offers written to {file}")


@click.command("list")
@click.option("--member", default=None, help="Only this lender's offers.")
@click.option("--withdrawn", is_flag=True, help="Include withdrawn offers.")
@json_option
@click.pass_context
def lend_list(ctx, member, withdrawn, as_json):
    """List the offers of lent staff.

    \b
    Example:
        mutualis lend list --member BISCUIT
    """
    from integrations.services.lending import list_offers

    with store(ctx).session() as repo:
        offers = list_offers(repo, member, withdrawn=withdrawn)
    if as_json:
        return echo_json([o.model_dump(mode="json") for o in offers])
    click.echo(text_table(
        ["offer", "name", "from", "until", "h/week", "EUR/h", "skills", "trade", "status"],
        [[o.code, o.name, o.start, o.end, f"{o.hours_per_week:g}", _eur(o.cost.total),
          ", ".join(f"{k}:{v}" for k, v in o.skills.items()), o.trade or "-", "withdrawn" if o.withdrawn else "open"]
         for o in offers]))


@click.command("show")
@click.argument("offer")
@json_option
@click.pass_context
def lend_show(ctx, offer, as_json):
    """Show one offer (MEMBER.PERSON).

    \b
    Example:
        mutualis lend show BISCUIT.OP1
    """
    from integrations.services.lending import get_offer, trade_bridges

    with store(ctx).session() as repo:
        o = get_offer(repo, offer)
    trade, bridges = trade_bridges(o)
    if as_json:
        return echo_json({**o.model_dump(mode="json"), "bridges": [
            {"skill": b.bridge.skill, "level": b.bridge.level, "course": b.bridge.course, "hours": b.bridge.hours,
             "done": b.done} for b in bridges]})
    rows = [
        ("offer", o.code), ("name", o.name), ("qualification", o.qualification or "-"),
        ("trade", f"{o.trade} {trade or '(no bridge from it in the catalogue)'}" if o.trade else "-"),
        *(("bridges" if i == 0 else "", _bridge(b)) for i, b in enumerate(bridges)),
        ("skills", ", ".join(f"{k}:{v}" for k, v in o.skills.items())),
        ("certifications", ", ".join(f"{c.type}:{c.level}" for c in o.certifications) or "-"),
        ("window", f"{o.start} to {o.end}"), ("hours lent", f"at most {o.hours_per_week:g} h/week"),
        ("cost per hour", f"{_eur(o.cost.total)} EUR = salary {_eur(o.cost.salary)} + charges "
                          f"{_eur(o.cost.charges)} + expenses {_eur(o.cost.expenses)}"),
        ("home firm", f"{o.contract_hours:g} h contract; still works "
                      f"{', '.join(str(s) for s in o.home_shifts_sorted) or 'no hours'} there"),
        ("home postcode", o.home_postcode or "-"), ("consent", str(o.consent_date)),
        ("excluded members", ", ".join(o.excluded_members) or "-"),
        ("status", "withdrawn" if o.withdrawn else "open"),
    ]
    for label, value in rows:
        click.echo(f"{label + ':' if label else '':18}{value}")


def _bridge(b) -> str:
    """`CNC-MILL:1 after a 280 h course (…)`; `done` once the skill is recorded on the offer."""
    state = "done (recorded)" if b.done else "not done (qualifies once the skill is recorded)"
    return f"{b.bridge.skill}:{b.bridge.level} after a {b.bridge.hours:g} h course ({b.bridge.course}): {state}"


@click.command("record")
@click.argument("offer")
@click.option("--skills", default="", help="Skill levels the course gave, e.g. 'MIG-MAG:2'.")
@click.option("--certs", default="", help="Certificates it gave, TYPE:LEVEL:FROM[:TO], comma-separated.")
@click.pass_context
def lend_record(ctx, offer, skills, certs):
    """Record on an offer the skills or certificates a course gave (a trade bridge's course done).

    A bridge alone never qualifies a lent person: from the next allocation on, the person may be placed on
    requests needing what is recorded here.

    \b
    Example:
        mutualis lend record LAITERIE.OP2 --skills CNC-MILL:1
    """
    from integrations.services.lending import record_course

    subject = f"offer {human_code(offer)}"
    levels = parse_skill_levels(split_list(skills), subject)
    certifications = parse_certifications(split_list(certs), subject)
    with store(ctx).session() as repo:
        o = record_course(repo, offer, levels, certifications)
    click.echo(f"offer {o.code}: skills {', '.join(f'{k}:{v}' for k, v in o.skills.items())}; certificates "
               f"{', '.join(f'{c.type}:{c.level}' for c in o.certifications) or '-'}")


@click.command("withdraw")
@click.argument("offer")
@click.pass_context
def lend_withdraw(ctx, offer):
    """Withdraw an offer: the person is no longer placed (loans already placed stay and are billed).

    \b
    Example:
        mutualis lend withdraw BISCUIT.OP1
    """
    from integrations.services.lending import withdraw_offer

    with store(ctx).session() as repo:
        o = withdraw_offer(repo, offer)
    click.echo(f"offer {o.code} withdrawn")

