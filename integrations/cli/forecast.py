"""The skills forecast commands: `shortage`, `whatif hire|train` and `recommend` (nothing they do is stored)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from integrations.cli.options import store
from integrations.cli.types import OutPath, Week
from sharing.forecast import DIMENSIONS

__all__ = ["recommend", "shortage", "weeks_span", "whatif"]


@click.command("shortage")
@click.option("--from", "first", type=Week(), required=True, help="First ISO week, e.g. 2026-W40.")
@click.option("--to", "last", type=Week(), required=True, help="Last ISO week (included), e.g. 2026-W49.")
@click.option("--by", type=click.Choice(DIMENSIONS), default="skill", show_default=True,
              help="Rows of the table, CSV, XLSX and JSON (the page shows them all).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "xlsx", "html", "json"]),
              help="Default: from --out's suffix (.csv .xlsx .html .json), else a table.")
@click.option("--out", type=OutPath(), help="File to write; missing folders are created.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the page (--format html).")
@click.pass_context
def shortage(ctx, first, last, by, fmt, out, lang):
    """Unfilled person-hours of the stored plans, split by why they stayed unfilled.

    Reasons: nobody has the skill or level, certificate missing or expired, contract does not list
    the member, too far, qualified but busy, rest rules, other.

    \b
    Example:
        mutualis shortage --from 2026-W40 --to 2026-W49
        mutualis shortage --from 2026-W40 --to 2026-W49 --by site --format csv
        mutualis shortage --from 2026-W40 --to 2026-W49 --out shortage.html
    """
    from integrations.reports.shortage_files import (
        shortage_document,
        shortage_format,
        shortage_table,
        write_shortage,
    )
    from integrations.services.forecast import shortage as build_shortage

    fmt = shortage_format(fmt, out)
    with store(ctx).session() as repo:
        report = build_shortage(repo, first, last)
        name = repo.people.get_settings().name
    if out is not None:
        write_shortage(fmt, Path(out), report, by, name, lang)
        return click.echo(f"shortage {first}..{last} written to {out}")
    if fmt == "json":
        return click.echo(json.dumps(shortage_document(report, by), indent=2, ensure_ascii=False))
    if fmt == "csv":
        import csv
        import sys

        from integrations.reports.shortage_files import shortage_rows

        rows = shortage_rows(report, by)
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [by])
        writer.writeheader()
        return writer.writerows(rows)
    click.echo(shortage_table(report, by))

@click.group("whatif")
def whatif():
    """Re-run past weeks with a virtual hire or training and measure what it would have filled."""

def _weeks_option(func):
    return click.option("--weeks", required=True, metavar="YYYY-Www..YYYY-Www",
                        help="The past weeks to re-run, e.g. 2026-W40..2026-W49.")(func)

def _common(func):
    func = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)
    func = click.option("--cert", "certs", multiple=True, metavar="TYPE:LEVEL",
                        help="A certificate held (repeatable), e.g. HAB-ELEC:BR.")(func)
    return click.option("--skill", "skills", multiple=True, required=True, metavar="SKILL:LEVEL",
                        help="A skill with its level (repeatable), e.g. TIG:2.")(func)

@whatif.command("hire")
@_common
@click.option("--home", required=True, help="Where the person lives: a site MEMBER/SITE or latitude,longitude.")
@click.option("--hours", type=click.FloatRange(1, 48), default=35, show_default=True,
              help="Contracted hours a week.")
@click.option("--cost", type=click.FloatRange(0, 1000), default=None,
              help="Hourly cost to the GE in euros (default: the staff's average).")
@_weeks_option
@click.pass_context
def whatif_hire(ctx, skills, certs, as_json, home, hours, cost, weeks):
    """What a hire with these skills, living there, would have filled in past weeks (nothing stored).

    \b
    Example:
        mutualis whatif hire --skill TIG:2 --home INOXAGRI/VILLIERS --hours 35 --weeks 2026-W43..2026-W45
    """
    from integrations.services.forecast import hire_change, what_if

    first, last = weeks_span(weeks)
    with store(ctx).session() as repo:
        result = what_if(repo, hire_change(repo, skills, certs, home, hours, cost), first, last)
    _print_whatif(result, as_json)

@whatif.command("train")
@click.argument("employee")
@_common
@_weeks_option
@click.pass_context
def whatif_train(ctx, employee, skills, certs, as_json, weeks):
    """What an employee trained in these skills would have filled in past weeks (nothing stored).

    \b
    Example:
        mutualis whatif train E031 --skill MIG-MAG:2 --weeks 2026-W43..2026-W45
    """
    from integrations.services.forecast import training_change, what_if

    first, last = weeks_span(weeks)
    with store(ctx).session() as repo:
        result = what_if(repo, training_change(repo, employee, skills, certs), first, last)
    _print_whatif(result, as_json)


@click.command("recommend")
@click.option("--hires", type=click.IntRange(0, 20), default=1, show_default=True, help="Hires to propose at most.")
@click.option("--trainings", type=click.IntRange(0, 20), default=0, show_default=True,
              help="Trainings of current staff to propose at most.")
@click.option("--budget", type=click.FloatRange(0), default=None,
              help="Euros at most: courses and wages during them, plus the hires' unbilled hours.")
@click.option("--candidates", "with_candidates", is_flag=True,
              help="Offer the pool's candidates (consent valid) as hires too, directly or after a bridge course.")
@_weeks_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def recommend(ctx, hires, trainings, budget, with_candidates, weeks, as_json):
    """Whom to hire and whom to train for past weeks' shortage, estimated then verified (nothing stored).

    Options come from the requests left short (and, with --candidates, from the candidate pool); each
    is estimated alone with the what-if engine, the best combination is chosen by a CP-SAT model, then
    re-run together: both figures are printed.

    \b
    Example:
        mutualis recommend --hires 1 --trainings 1 --budget 8000 --weeks 2026-W46..2026-W48
        mutualis recommend --hires 2 --candidates --weeks 2026-W40..2026-W49
    """
    from integrations.services.forecast import recommend as run

    first, last = weeks_span(weeks)
    with store(ctx).session() as repo:
        result = run(repo, first, last, hires, trainings, budget, candidates=with_candidates)
    _print_recommendation(result, as_json)


def _print_recommendation(result, as_json: bool) -> None:
    options = [{"code": e.option.code, "option": e.option.label, "candidate": e.option.candidate or None,
                "cost_eur": str(e.cost),
                "alone_h": e.result.extra(), "chosen": e.option.code in result.selection.chosen}
               for e in result.estimates]
    verified = result.verified
    document = {"short_h": result.short_hours(), "options": options, "chosen": result.selection.chosen,
                "cost_eur": str(result.cost()), "estimated_h": result.estimated,
                "verified_h": verified.extra() if verified else dict.fromkeys(result.estimated, 0.0),
                "violations": verified.violations() if verified else 0, "error_h": result.error(),
                "selection": result.selection.status.lower()}
    if as_json:
        return click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    short = ", ".join(f"{p} {h:g} h" for p, h in document["short_h"].items())
    click.echo(f"short in the re-run weeks: {short}")
    if not options:
        return click.echo("no option: nothing is short, or no course in the catalogue fits")
    width = max(len(o["option"]) for o in options)
    click.echo(f"   code  {'option'.ljust(width)}  {'cost EUR':>9}  critical_h  normal_h  optional_h")
    for o in options:
        h = o["alone_h"]
        click.echo(f"{'*' if o['chosen'] else ' '}  {o['code']:<4}  {o['option'].ljust(width)}  {o['cost_eur']:>9}  "
                   f"{h['critical']:>10g}  {h['normal']:>8g}  {h['optional']:>10g}")
    estimated = ", ".join(f"{p} {h:g} h" for p, h in document["estimated_h"].items())
    checked = ", ".join(f"{p} {h:g} h" for p, h in document["verified_h"].items())
    click.echo(f"chosen (*): {', '.join(document['chosen']) or 'nothing'}, cost {document['cost_eur']} EUR")
    click.echo(f"estimated filled: {estimated}")
    click.echo(f"verified filled:  {checked} (labour-law violations {document['violations']})")


def weeks_span(text: str) -> tuple[str, str]:
    """`2026-W40..2026-W49` (or one week) as its first and last weeks, each checked."""
    from consortium.errors import InvalidInput

    first, sep, last = text.partition("..")
    try:
        return Week().convert(first, None, None), Week().convert(last if sep else first, None, None)
    except click.BadParameter as exc:
        raise InvalidInput(f"--weeks {text}: {exc.format_message()}") from None


def _print_whatif(result, as_json: bool) -> None:
    rows = [{"week": w.week, "baseline_h": round(sum(w.baseline.values()), 2),
             "with_change_h": round(sum(w.variant.values()), 2), **{f"extra_{p}_h": h for p, h in w.extra.items()},
             "person_h": w.person_hours, "contracted_h": w.contracted_hours, "billable_eur": str(w.billable),
             "employment_cost_eur": str(w.employment_cost), "violations": w.violations} for w in result.weeks]
    total = {"extra_h": result.extra(), "utilisation": round(result.utilisation(), 4),
             "billable_eur": str(result.billable()), "employment_cost_eur": str(result.employment_cost()),
             "violations": result.violations()}
    if as_json:
        return click.echo(json.dumps({"weeks": rows, "total": total}, indent=2))
    headers = list(rows[0])
    widths = [max(len(h), *(len(str(r[h])) for r in rows)) for h in headers]
    click.echo("  ".join(h.rjust(w) for h, w in zip(headers, widths, strict=False)))
    for r in rows:
        click.echo("  ".join(str(r[h]).rjust(w) for h, w in zip(headers, widths, strict=False)))
    extra = ", ".join(f"{p} {h:g} h" for p, h in total["extra_h"].items())
    click.echo(f"extra person-hours filled: {extra}")
    click.echo(f"utilisation {100 * total['utilisation']:.1f} %, billable at cost {total['billable_eur']} EUR, "
               f"employment cost {total['employment_cost_eur']} EUR, labour-law violations {total['violations']}")
