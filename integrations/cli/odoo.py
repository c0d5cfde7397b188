"""Sync with Odoo 17: named connections, pulls into mutualis, pushes of the week and of the month's invoices."""

from __future__ import annotations

import sys

import click

from consortium.weeks import parse_week
from integrations.reports.documents import ODOO_STATUS_HEADERS, odoo_status_document, text_table

from .options import echo_json, echo_lines, json_option, store, week_option
from .types import Month, Week

__all__ = ["odoo"]


@click.group()
def odoo():
    """Sync with Odoo 17: named connections, pulls into mutualis, pushes to Odoo.

    \b
    Example:
        mutualis odoo connect ge --url https://erp.example.com --db gecoord --login sync --password-env ODOO_KEY
        mutualis odoo pull employees --dry-run
    """


@odoo.command("connect")
@click.argument("name")
@click.option("--url", required=True, help="https://host[:port] of the Odoo server.")
@click.option("--db", "database", required=True, help="Odoo database name.")
@click.option("--login", required=True, help="Odoo login (an API key's user).")
@click.option("--protocol", type=click.Choice(["xmlrpc", "xmlrpcs", "jsonrpc", "jsonrpcs"]),
              help="Default from the URL.")
@click.option("--password-env", metavar="VAR", help="Environment variable holding the password or API key.")
@click.option("--password-file", metavar="PATH", help="File (chmod 600) holding the password or API key.")
@click.option("--role", type=click.Choice(["ge", "member"]), default="ge", show_default=True)
@click.option("--member", help="The member whose Odoo this is (role member).")
@click.pass_context
def odoo_connect(ctx, name, url, database, login, protocol, password_env, password_file, role, member):
    """Check and store a named Odoo connection (only the secret's reference is stored).

    \b
    Example:
        mutualis odoo connect ge --url https://erp.example.com --db gecoord --login sync --password-env ODOO_KEY
    """
    from integrations.odoo.connections import connect

    with store(ctx).session() as repo:
        stored, uid, modules = connect(repo, name, url, database, login, protocol=protocol,
                                       password_env=password_env, password_file=password_file, role=role,
                                       member=member)
    click.echo(f"connection {stored.name} saved: {stored.login} (uid {uid}) on {stored.url} db {stored.database}")
    echo_lines([f.line() for f in modules] if modules is not None
                 else ["modules: Odoo did not let this user read ir.module.module"])


@odoo.command("pull")
@click.argument("what", type=click.Choice(["employees", "members", "leaves", "capacity"]))
@click.option("--from", "source", help="Connection name (default: the only or the GE one).")
@click.option("--dry-run", is_flag=True, help="Print the diff, store nothing.")
@click.option("--tag", default="GE member", show_default=True, help="Partner tag of member companies (members).")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False),
              help="YAML: 'Odoo employee id: CODE' you confirm (employees) or 'workcenter: RESOURCE' (capacity).")
@click.option("--expiry-field", metavar="FIELD", help="Date field of hr.employee.skill holding certificates' expiry.")
@click.option("--week", "weeks", type=Week(), multiple=True, help="ISO week(s) for capacity (repeatable).")
@click.pass_context
def odoo_pull(ctx, what, source, dry_run, tag, mapping, expiry_field, weeks):
    """Pull employees, members, leaves or a member's work-centre capacity from Odoo.

    \b
    Example:
        mutualis odoo pull employees --dry-run
        mutualis odoo pull employees --mapping employees.yaml
        mutualis odoo pull members --tag "GE member"
        mutualis odoo pull capacity --from acme --week 2026-W49 --mapping wc.yaml
    """
    from integrations.odoo.capacity import load_process_mapping, pull_capacity
    from integrations.services.capacity import declare_capacity
    from integrations.odoo.connections import open_gateway
    from integrations.odoo.employee_match import load_employee_mapping
    from integrations.odoo.pull import pull_employees, pull_leaves, pull_members

    with store(ctx).session() as repo:
        stored, gateway = open_gateway(repo, source)
        if what == "employees":
            report = pull_employees(repo, gateway, stored.name, dry_run=dry_run, expiry_field=expiry_field,
                                    mapping=load_employee_mapping(mapping) if mapping else None)
        elif what == "leaves":
            report = pull_leaves(repo, gateway, stored.name, dry_run=dry_run)
        elif what == "members":
            report = pull_members(repo, gateway, stored.name, tag, dry_run=dry_run)
        else:
            if not stored.member:
                raise click.UsageError(f"connection {stored.name} names no member (connect it with --member)")
            _rows, report = pull_capacity(repo, gateway, stored.member, list(weeks) or [],
                                          load_process_mapping(mapping) if mapping else None,
                                          declare=declare_capacity, dry_run=dry_run)
    echo_lines(report.lines())


@odoo.group("push")
def odoo_push():
    """Push a published week or a month's invoices to Odoo.

    \b
    Example:
        mutualis odoo push plan --week 2026-W49 --dry-run
    """


@odoo_push.command("plan")
@week_option
@click.option("--to", "target", help="Connection name (default: the only or the GE one).")
@click.option("--dry-run", is_flag=True, help="Print the diff, send nothing.")
@click.option("--notify", is_flag=True, help="Let Odoo e-mail the attendees (invitations, new dates).")
@click.pass_context
def odoo_push_plan(ctx, week_text, target, dry_run, notify):
    """Push the published week as calendar events (re-runs update, cancelled ones are deleted).

    Odoo sends no invitation e-mail unless --notify is given.

    \b
    Example:
        mutualis odoo push plan --week 2026-W49 --dry-run
    """
    from integrations.odoo.connections import open_gateway
    from integrations.odoo.push import push_plan

    with store(ctx).session() as repo:
        stored, gateway = open_gateway(repo, target)
        plan, report = push_plan(repo, gateway, stored.name, parse_week(week_text), dry_run=dry_run, notify=notify)
    echo_lines(str(plan).splitlines()[1:] if dry_run else [])
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


@odoo_push.command("invoices")
@click.option("--month", type=Month(), required=True, help="YYYY-MM")
@click.option("--to", "target", help="Connection name (default: the only or the GE one).")
@click.option("--dry-run", is_flag=True, help="Print the diff, send nothing.")
@click.option("--credit-notes", is_flag=True,
              help="For a posted invoice that differs, create the draft credit note or supplementary invoice.")
@click.pass_context
def odoo_push_invoices(ctx, month, target, dry_run, credit_notes):
    """Push the month's bill as draft customer invoices, one per member (posted ones are never changed).

    \b
    Example:
        mutualis odoo push invoices --month 2026-11 --dry-run
        mutualis odoo push invoices --month 2026-11 --credit-notes
    """
    from integrations.odoo.connections import open_gateway
    from integrations.odoo.invoices import bill_invoices, push_invoices
    from integrations.services.billing import month_bill

    with store(ctx).session() as repo:
        stored, gateway = open_gateway(repo, target)
        bills = bill_invoices(month_bill(repo, month), repo.people.get_settings().payroll)
        plan, report = push_invoices(repo, gateway, stored.name, month, bills, dry_run=dry_run,
                                     credit_notes=credit_notes)
    echo_lines([line for line in str(plan).splitlines() if not line.startswith("account.move")] if dry_run else [])
    echo_lines(report.summary_lines())
    if not report.ok:
        sys.exit(1)


@odoo.command("status")
@json_option
@click.pass_context
def odoo_status(ctx, as_json):
    """List the Odoo connections and how many records each links (code <-> Odoo id).

    \b
    Example:
        mutualis odoo status
    """
    from integrations.odoo.connections import status

    with store(ctx).session() as repo:
        rows = status(repo)
    if as_json:
        echo_json(odoo_status_document(rows))
    else:
        click.echo(text_table(ODOO_STATUS_HEADERS, rows))
