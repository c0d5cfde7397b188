"""The `mutualis` command line: it parses, calls one library function, and prints.

Every command that touches the database runs in one transaction: an error leaves it as it was. The commands
live in `integrations/cli/`, one module per noun; this module is the root group that registers them and turns
errors into one line.
"""

from __future__ import annotations

import os
import sys

import click
from pydantic import ValidationError

from consortium.errors import MutualisError, RowError
from integrations.cli import (access, candidates, capacity, files, forecast, lending, member_requests, money, odoo,
                              payroll, people, profile, start, tender, week)
from sharing.base import describe_validation_error


class MutualisGroup(click.Group):
    """A click group that turns errors into one line on stderr: library errors and unusable files exit 1,
    bad option values exit 2 (click's code), anything else is a bug reported as "unexpected"."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except RowError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(1)
        except MutualisError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except ValidationError as exc:
            click.echo(f"error: {'; '.join(describe_validation_error(exc))}", err=True)
            sys.exit(1)
        except click.BadParameter as exc:  # a bad value: one line, not click's usage block
            where = f" (see {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
            click.echo(f"error: {exc.format_message().rstrip('.')}{where}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # output piped into `head`
            sys.stderr.close()
            sys.exit(0)
        except OSError as exc:  # a file the command could not read or write: name it
            from integrations.files import describe

            message = str(describe(exc.filename, exc)) if exc.filename else (exc.strerror or str(exc))
            click.echo(f"error: {message}", err=True)
            sys.exit(1)
        except Exception as exc:  # a bug: still one line, the traceback on request
            if os.environ.get("MUTUALIS_DEBUG"):
                raise
            click.echo(f"error: unexpected {type(exc).__name__}: {exc} (set MUTUALIS_DEBUG=1 for details)", err=True)
            sys.exit(1)


@click.group(cls=MutualisGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="MUTUALIS_DB", metavar="URL", help="Database URL (default: sqlite:///mutualis.db here).")
@click.version_option(package_name="mutualis")
def main(db):
    """mutualis: shared staff and pooled capacity for a groupement d'employeurs.

    \b
    Example:
        mutualis demo
        mutualis employee list
    """


main.add_command(start.init)
main.add_command(start.demo)
main.add_command(people.member)
main.add_command(people.employee)
main.add_command(member_requests.request)
main.add_command(files.import_)
main.add_command(files.export)
main.add_command(files.template)
main.add_command(week.allocate)
main.add_command(week.plan)
main.add_command(week.check)
main.add_command(week.explain)
main.add_command(week.pin)
main.add_command(week.unpin)
main.add_command(week.publish)
main.add_command(week.replan_cmd)
main.add_command(money.hours)
main.add_command(money.bill_cmd)
main.add_command(money.ledger_cmd)
main.add_command(money.counters)
main.add_command(capacity.capacity)
main.add_command(tender.tender)
main.add_command(odoo.odoo)

main.add_command(payroll.payroll_cmd)
main.add_command(access.access)
main.add_command(access.audit)
main.add_command(profile.profile)
main.add_command(forecast.shortage)
main.add_command(forecast.whatif)
main.add_command(forecast.recommend)
main.add_command(candidates.candidate)
main.add_command(lending.lend)


if __name__ == "__main__":  # pragma: no cover
    main()
