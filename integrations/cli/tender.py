"""Client tenders answered together: import, check, plan, bid, versions, reserve, release, award."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import click

from integrations.reports.documents import text_table
from sharing.parsing import human_code

from .options import as_of_option, day_of, echo_json, json_option, store
from .types import MARGIN, SOLVE_SECONDS, OutPath

__all__ = ["tender"]


def _time_limit_option(func):
    return click.option("--time-limit", type=SOLVE_SECONDS, default=Decimal(30), show_default=True,
                        help="Solver work in all, in seconds of deterministic time (0 < t <= 3600): the same "
                             "data give the same plan on every run.")(func)


@click.group()
def tender():
    """Client tenders answered together: import, check, plan, bid, reserve, award, release."""


@tender.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--release", is_flag=True,
              help="Replace a tender that holds hours (reserved or awarded): release them first.")
@click.pass_context
def tender_import(ctx, file, release):
    """Store a tender from a YAML, JSON or XLSX file (see docs/consortium.md). A changed tender that holds
    reserved or awarded hours is refused unless --release is given.

    \b
    Example:
        mutualis tender import ao-2027-chassis.yaml
    """
    from integrations.services.tenders import import_tender

    with store(ctx).session() as repo:
        done = import_tender(repo, file, release)
    t = done.tender
    if done.released:
        click.echo(f"tender {t.code}: {done.released} reservations released (the tender changed)")
    state = "unchanged" if done.unchanged else "imported"
    click.echo(f"tender {t.code} {state}: {len(t.lots)} lots, {len(t.items())} items, due {t.last_week()}")


@tender.command("check")
@click.argument("code")
@as_of_option
@click.pass_context
def tender_check(ctx, code, as_of):
    """Instant checks: eligible resources per step, hours per process, team rules.

    \b
    Example:
        mutualis tender check AO-2027-CHASSIS
    """
    from integrations.services.tenders import check_tender

    with store(ctx).session() as repo:
        issues = check_tender(repo, code, as_of=day_of(as_of))
    click.echo("\n".join(issues) if issues else f"tender {human_code(code)}: no issue found before planning")


def _not_feasible(code: str, status: str) -> None:
    click.echo(f"error: tender {human_code(code)} is {status}: the group cannot deliver every lot on time "
               "(see the shortfall above or in the bid)", err=True)
    sys.exit(1)


@tender.command("plan")
@click.argument("code")
@_time_limit_option
@as_of_option
@json_option
@click.pass_context
def tender_plan(ctx, code, time_limit, as_of, as_json):
    """Plan a tender on the capacity left; explain any shortfall by process and week. Exits 1 when the
    tender cannot be answered whole and on time.

    \b
    Example:
        mutualis tender plan AO-2027-CHASSIS --time-limit 20
    """
    from integrations.services.tenders import plan_tender_code

    with store(ctx).session() as repo:
        outcome = plan_tender_code(repo, code, float(time_limit), as_of=day_of(as_of))
    if as_json:
        echo_json(outcome.model_dump(mode="json"))
    else:
        click.echo(outcome.explain())
    if not outcome.is_feasible():
        _not_feasible(code, outcome.status)


@tender.command("bid")
@click.argument("code")
@click.option("--out", "out_dir", type=OutPath(folder=True), required=True,
              help="Folder for the files (checked before the bid is made; missing folders are created).")
@click.option("--margin", type=MARGIN, default=None,
              help="Margin on costs, 0 <= margin < 1, as 0.12 or 12% (default: the tender's).")
@click.option("--for", "audience", default=None,
              help="Write the version this member may see (a member's login: its own code, required).")
@click.option("--version", "version", type=click.IntRange(min=1), default=None,
              help="Write the documents of this stored bid version instead of making a new bid.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the documents.")
@_time_limit_option
@as_of_option
@click.pass_context
def tender_bid(ctx, code, out_dir, margin, audience, version, lang, time_limit, as_of):
    """Make the joint bid, store it as a version, and write its documents into a folder: the internal bid
    (Markdown, HTML, XLSX annex) and the buyer's offer (offre.md, offre.html; offer.* in English). The
    same tender and data give the same bid (no new version). Exits 1 when the tender is infeasible.

    A member firm's login (PostgreSQL) writes its own view of a stored version (the latest, or --version),
    stored with the version by the GE manager: --for its own code, no --margin, --time-limit nor --as-of.

    \b
    Example:
        mutualis tender bid AO-2027-CHASSIS --out bid/ --margin 12%
        mutualis tender bid AO-2027-CHASSIS --out bid/ --for TOLERIE
        mutualis tender bid AO-2027-CHASSIS --out bid/ --version 1 --lang en
    """
    from click.core import ParameterSource

    from integrations.services.tenders import write_bid

    making = [f"--{name.replace('_', '-')}" for name in ("margin", "time_limit", "as_of")
              if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE]
    with store(ctx).session() as repo:
        paths, bid = write_bid(repo, code, out_dir, margin, audience, float(time_limit), as_of=day_of(as_of),
                               version=version, lang=lang, making=making)
    click.echo(f"tender {bid.tender}: bid version {bid.version}, {bid.status}")
    for path in paths:
        click.echo(str(path))
    if bid.status != "feasible":
        _not_feasible(code, bid.status)


@tender.command("versions")
@click.argument("code")
@click.pass_context
def tender_versions(ctx, code):
    """List the stored versions of a tender's bid: date, status and total. A member's login lists the
    versions stored for it.

    \b
    Example:
        mutualis tender versions AO-2027-CHASSIS
    """
    from integrations.services.tenders import list_bid_versions

    with store(ctx).session() as repo:
        rows = list_bid_versions(repo, code)
    if not rows:
        click.echo(f"tender {human_code(code)}: no bid yet "
                   f"(the GE manager makes one with `mutualis tender bid {human_code(code)} --out DIR`)")
        return
    click.echo(text_table(["version", "made on", "status", "total excl. VAT"], [list(r) for r in rows]))


@tender.command("reserve")
@click.argument("code")
@click.option("--version", "version", type=click.IntRange(min=1), default=None,
              help="The bid version to reserve (default: the latest).")
@as_of_option
@click.pass_context
def tender_reserve(ctx, code, version, as_of):
    """Reserve exactly the hours of a stored bid version until the offer's validity date; refused, naming
    member, resource, week and hours, when capacity changed so that the bid no longer fits.

    \b
    Example:
        mutualis tender reserve AO-2027-CHASSIS
    """
    from integrations.services.tenders import reserve_tender

    with store(ctx).session() as repo:
        stored = reserve_tender(repo, code, version, as_of=day_of(as_of))
    click.echo(f"tender {stored.tender}: bid version {stored.version}: {stored.hours:.1f} h reserved on "
               f"{len(stored.uses)} resource-weeks until {stored.bid.valid_until}")


@tender.command("release")
@click.argument("code")
@click.pass_context
def tender_release(ctx, code):
    """Free the hours reserved for a tender (lost or withdrawn).

    \b
    Example:
        mutualis tender release AO-2027-CHASSIS
    """
    from integrations.services.tenders import release_tender

    with store(ctx).session() as repo:
        count = release_tender(repo, code)
    click.echo(f"tender {human_code(code)}: {count} reservations released")


@tender.command("award")
@click.argument("code")
@click.option("--version", "version", type=click.IntRange(min=1), default=None,
              help="The bid version awarded (default: the reserved one, else the latest).")
@as_of_option
@click.pass_context
def tender_award(ctx, code, version, as_of):
    """The tender is won: the hours of the bid version become commitments (checked against capacity).

    \b
    Example:
        mutualis tender award AO-2027-CHASSIS
    """
    from integrations.services.tenders import award_tender

    with store(ctx).session() as repo:
        stored = award_tender(repo, code, version, as_of=day_of(as_of))
    click.echo(f"tender {stored.tender}: bid version {stored.version}: {stored.hours:.1f} h on "
               f"{len(stored.uses)} resource-weeks turned into commitments")
