"""The candidate pool commands: `candidate import|list|show|forget|match`."""

from __future__ import annotations

import json

import click

from integrations.cli.forecast import weeks_span
from integrations.cli.options import store

__all__ = ["candidate"]


@click.group("candidate")
def candidate():
    """People outside the staff whom the group could hire, directly or after a trade bridge course."""


@candidate.command("import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.pass_context
def candidate_import(ctx, path):
    """Import candidates from a CSV or XLSX sheet: every row or none (each bad row named).

    Columns: code, name, rome, trade, available_from, consent, latitude, longitude; optional: postcode,
    skills (TIG:2, MIG-MAG:1), certs (SST:SST), hours, max_travel_km.

    \b
    Example:
        mutualis candidate import candidates.xlsx
    """
    from integrations.services.candidates import import_candidates

    with store(ctx).session() as repo:
        count = import_candidates(repo, path)
    click.echo(f"{count} candidate{'s' if count != 1 else ''} added")


def _line(c) -> str:
    skills = ", ".join(f"{k}:{v}" for k, v in c.skills.items()) or "-"
    return (f"{c.code}  {c.name}  {c.rome} {c.trade}  skills {skills}  free from {c.available_from}  "
            f"{c.weekly_hours:g} h/week  up to {c.max_travel_km:g} km")


@candidate.command("list")
@click.pass_context
def candidate_list(ctx):
    """Every candidate, by code.

    \b
    Example:
        mutualis candidate list
    """
    with store(ctx).session() as repo:
        candidates = repo.candidates.list()
    for c in candidates:
        click.echo(_line(c))
    if not candidates:
        click.echo("no candidate")


@candidate.command("show")
@click.argument("code")
@click.pass_context
def candidate_show(ctx, code):
    """One candidate in full.

    \b
    Example:
        mutualis candidate show C014
    """
    with store(ctx).session() as repo:
        c = repo.candidates.get(code)
    click.echo(_line(c))
    certs = ", ".join(f"{k}:{v}" for k, v in c.certificates) or "-"
    click.echo(f"home {c.latitude:.4f},{c.longitude:.4f} {c.postcode}  certificates {certs}  consent {c.consent}")


@candidate.command("forget")
@click.argument("code", required=False)
@click.option("--expired", is_flag=True, help="Erase every candidate whose consent is older than --months.")
@click.option("--months", type=click.IntRange(1, 120), default=24, show_default=True,
              help="How long a consent lasts (CNIL: two years after the last contact).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The day to count from (default: today).")
@click.pass_context
def candidate_forget(ctx, code, expired, months, as_of):
    """Erase a candidate, or every one whose consent expired: nothing of the person is kept.

    \b
    Example:
        mutualis candidate forget C014
        mutualis candidate forget --expired --months 24
    """
    from datetime import date

    from consortium.errors import InvalidInput

    if bool(code) == expired:
        raise InvalidInput("give a candidate code or --expired, not both")
    with store(ctx).session() as repo:
        if code:
            repo.candidates.forget(code)
            return click.echo(f"candidate {code.upper()} forgotten")
        today = as_of.date() if as_of else date.today()
        limit = _months_before(today, months)
        gone = repo.candidates.forget_consented_before(limit)
    click.echo(f"{len(gone)} candidate{'s' if len(gone) != 1 else ''} forgotten (consent before {limit})"
               + (f": {', '.join(gone)}" if gone else ""))


def _months_before(day, months: int):
    from datetime import date

    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, 28))


@candidate.command("match")
@click.option("--weeks", required=True, metavar="YYYY-Www..YYYY-Www",
              help="The past weeks whose shortage to fill, e.g. 2026-W40..2026-W49.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of lines.")
@click.pass_context
def candidate_match(ctx, weeks, as_json):
    """Candidates ranked by the hours they would have filled, directly or after a bridge course.

    \b
    Example:
        mutualis candidate match --weeks 2026-W46..2026-W48
    """
    from integrations.services.candidates import match_candidates

    first, last = weeks_span(weeks)
    with store(ctx).session() as repo:
        ranked = match_candidates(repo, first, last)
    rows = [{"candidate": m.candidate.code, "name": m.candidate.name, "trade": m.candidate.trade,
             "profile": m.profile.label if m.profile else None, "route": m.route,
             "ready": str(m.ready) if m.ready else None, "distance_km": m.distance_km, "extra_h": m.extra}
            for m in ranked]
    if as_json:
        return click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    for r in rows:
        if r["profile"] is None:
            click.echo(f"{r['candidate']}  {r['name']} ({r['trade']}): no route to the shortage")
            continue
        extra = ", ".join(f"{p} {h:g} h" for p, h in r["extra_h"].items())
        click.echo(f"{r['candidate']}  {r['name']} ({r['trade']}): {r['profile']} {r['route']}, ready {r['ready']}, "
                   f"{r['distance_km']:g} km; would fill {extra}")
