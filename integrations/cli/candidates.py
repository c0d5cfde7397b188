"""The candidate pool commands: `candidate import|list|show|forget|match`."""

from __future__ import annotations

import json

import click

from integrations.cli.forecast import weeks_span
from integrations.cli.options import store
from integrations.cli.types import Day

__all__ = ["candidate"]


def _as_of(func):
    return click.option("--as-of", "as_of", type=Day(), default=None,
                        help="Judge consents on this day (default: the planning day, usually today).")(func)


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
@_as_of
@click.pass_context
def candidate_list(ctx, as_of):
    """Every candidate, by code; those whose consent has expired are flagged.

    \b
    Example:
        mutualis candidate list
    """
    from integrations.services.candidates import pool

    with store(ctx).session() as repo:
        pooled = pool(repo, as_of)
    for p in pooled:
        flag = f"  CONSENT EXPIRED on {p.expired_on}: mutualis candidate forget --expired" if p.expired_on else ""
        click.echo(_line(p.candidate) + flag)
    if not pooled:
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
    from sharing.forecast.consent import months_after

    from integrations.services.candidates import retention

    with store(ctx).session() as repo:
        c = repo.candidates.get(code)
        months = retention(repo)[0]
    click.echo(_line(c))
    certs = ", ".join(f"{h.kind}:{h.level}" + (f" until {h.valid_to}" if h.valid_to else "")
                      for h in c.certificates) or "-"
    until = f" (kept until {months_after(c.consent, months)})" if c.consent else ""
    click.echo(f"home {c.latitude:.4f},{c.longitude:.4f} {c.postcode}  certificates {certs}  "
               f"consent {c.consent}{until}")


@candidate.command("retention")
@click.argument("months", required=False, type=click.IntRange(1, 120))
@click.option("--default", "default", is_flag=True, help="Back to the default: 24 months (the CNIL's two years).")
@click.pass_context
def candidate_retention(ctx, months, default):
    """Show or set how many months a candidate's consent lasts (default 24: the CNIL's two years after
    the last contact). Expired candidates are flagged by `list`, left out by `match`, erased by
    `forget --expired`.

    \b
    Example:
        mutualis candidate retention
        mutualis candidate retention 36
    """
    from integrations.services.candidates import retention, set_retention

    with store(ctx).session() as repo:
        if months is None and not default:
            months, is_default = retention(repo)
        else:
            months, is_default = set_retention(repo, None if default else months), default
    note = " (default: the CNIL's two years)" if is_default else ""
    click.echo(f"candidate consent retention: {months} months{note}")


@candidate.command("forget")
@click.argument("code", required=False)
@click.option("--expired", is_flag=True, help="Erase every candidate whose consent has expired.")
@click.option("--months", type=click.IntRange(1, 120), default=None,
              help="Retention in months for this run (default: `mutualis candidate retention`).")
@_as_of
@click.pass_context
def candidate_forget(ctx, code, expired, months, as_of):
    """Erase a candidate, or every one whose consent expired: nothing of the person is kept.

    \b
    Example:
        mutualis candidate forget C014
        mutualis candidate forget --expired
    """
    from consortium.errors import InvalidInput
    from integrations.services.candidates import forget_expired

    if bool(code) == expired:
        raise InvalidInput("give a candidate code or --expired, not both")
    with store(ctx).session() as repo:
        if code:
            repo.candidates.forget(code)
            return click.echo(f"candidate {code.upper()} forgotten")
        limit, gone = forget_expired(repo, as_of, months)
    click.echo(f"{len(gone)} candidate{'s' if len(gone) != 1 else ''} forgotten (consent before {limit})"
               + (f": {', '.join(gone)}" if gone else ""))


@candidate.command("match")
@click.option("--weeks", required=True, metavar="YYYY-Www..YYYY-Www",
              help="The past weeks whose shortage to fill, e.g. 2026-W40..2026-W49.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of lines.")
@_as_of
@click.pass_context
def candidate_match(ctx, weeks, as_json, as_of):
    """Candidates ranked by the hours they would have filled, directly or after a bridge course.

    A candidate whose consent has expired is left out (and named); a certificate counts only when it
    is valid on the day the candidate would be ready.

    \b
    Example:
        mutualis candidate match --weeks 2026-W46..2026-W48
    """
    from integrations.services.candidates import match_candidates

    first, last = weeks_span(weeks)
    with store(ctx).session() as repo:
        ranked, expired = match_candidates(repo, first, last, as_of=as_of)
    rows = [{"candidate": m.candidate.code, "name": m.candidate.name, "trade": m.candidate.trade,
             "profile": m.profile.label if m.profile else None, "route": m.route,
             "ready": str(m.ready) if m.ready else None, "distance_km": m.distance_km, "extra_h": m.extra}
            for m in ranked]
    left_out = [{"candidate": p.candidate.code, "name": p.candidate.name, "trade": p.candidate.trade,
                 "profile": None, "route": "left out: consent expired", "consent_expired_on": str(p.expired_on)}
                for p in expired]
    if as_json:
        return click.echo(json.dumps(rows + left_out, indent=2, ensure_ascii=False))
    for r in rows:
        if r["profile"] is None:
            click.echo(f"{r['candidate']}  {r['name']} ({r['trade']}): no route to the shortage")
            continue
        extra = ", ".join(f"{p} {h:g} h" for p, h in r["extra_h"].items())
        click.echo(f"{r['candidate']}  {r['name']} ({r['trade']}): {r['profile']} {r['route']}, ready {r['ready']}, "
                   f"{r['distance_km']:g} km; would fill {extra}")
    for r in left_out:
        click.echo(f"{r['candidate']}  {r['name']} ({r['trade']}): left out, consent expired on "
                   f"{r['consent_expired_on']} (mutualis candidate forget --expired)")
