"""Time a week's push and an employee pull for a large group against an Odoo server.

Run as ``python -m benchmarks.odoo_sync [--size L] [--protocol xmlrpc]`` against the faithful test server
(the default), or ``python -m benchmarks.odoo_sync --url URL --db DB --login L --password-env VAR`` against
any Odoo 17 with the same steps and the same table, so that the two can be compared side by side. The
steps write into that database (calendar events, employees): point it at a scratch copy, never at
production. The group comes from the seeded generator; its week is placed greedily (one request per
employee and day, skill level permitting) since the sync, not the allocation, is measured here.
Target: under 10 s for each of push and pull (size L).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
import time
from datetime import date
from pathlib import Path

from integrations.odoo import OdooConnection, OdooGateway
from integrations.odoo.pull import pull_employees
from integrations.odoo.push import push_plan
from integrations.demo import init_database, load_group
from integrations.store import open_store
from sharing.generator import SIZES, generate_group
from sharing.plans import Assignment, Plan
from consortium.weeks import parse_week
from integrations.odoo.testing import Catalog, OdooTestServer


def greedy_plan(group, week: str) -> Plan:
    """One assignment per request slot to a distinct employee with the skill, at most one a day each."""
    busy: set[tuple[str, date]] = set()
    assignments = []
    for request in sorted(group.requests, key=lambda r: (r.day, r.start, r.code)):
        start, end = request.interval()
        for employee in group.employees:
            if sum(a.request == request.code for a in assignments) >= request.headcount:
                break
            if employee.skills.get(request.skill, 0) >= request.min_level and (employee.code, request.day) not in busy:
                busy.add((employee.code, request.day))
                assignments.append(Assignment(employee=employee.code, request=request.code, member=request.member,
                                              site=request.site, start=start, end=end))
    return Plan(week=week, status="published", assignments=assignments)


@contextlib.contextmanager
def target(args):
    """The connection to benchmark: the given server, or a test server started for the run."""
    if args.url:
        if not (args.db and args.password_env):
            raise SystemExit("--url needs --db and --password-env (the name of the variable holding the password)")
        yield OdooConnection.from_url(args.url, name="bench", database=args.db, login=args.login,
                                      secret=f"env:{args.password_env}", protocol=args.protocol), args.url
        return
    os.environ["MUTUALIS_BENCH_ODOO_PASSWORD"] = "admin"
    with OdooTestServer(Catalog.load()) as server:
        connection = OdooConnection(name="bench", url=server.url, database=server.database, login="admin",
                                    protocol=args.protocol or "xmlrpc", secret="env:MUTUALIS_BENCH_ODOO_PASSWORD")
        yield connection, "test server"


def run_steps(connection: OdooConnection, group, week: str, tmp: str) -> list[tuple[str, int, float, str]]:
    """Push the week twice, then pull the employees (dry run); one row per step."""
    rows = []
    gateway = OdooGateway(connection)
    gateway.login()
    store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
    plan = greedy_plan(group, week)
    with store.session() as repo:
        init_database(repo)
        load_group(repo, group)
        repo.plans.save_plan(plan)
    for label in ("push week (creates)", "push week again (no change)"):
        started = time.perf_counter()
        with store.session() as repo:
            diff, report = push_plan(repo, gateway, "bench", parse_week(week))
        if os.environ.get("MUTUALIS_BENCH_DIFF"):
            print("\n".join(str(diff).splitlines()[:6]))
        rows.append((label, len(plan.assignments), time.perf_counter() - started, report.summary()))
    before = gateway.search_count("hr.employee")
    gateway.create("hr.employee", [{"name": f"{e.first_name} {e.last_name}", "barcode": f"B{e.code}",
                                    "hourly_cost": float(e.hourly_cost)}
                                   for e in group.employees])
    started = time.perf_counter()
    with store.session() as repo:
        pulled = pull_employees(repo, gateway, "bench", dry_run=True, today=date(2026, 11, 1))
    rows.append(("pull employees (dry run)", len(group.employees) + before, time.perf_counter() - started,
                 f"would create {pulled.created}, update {pulled.updated}, problems {len(pulled.problems)}"))
    store.close()
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="L", choices=sorted(SIZES))
    parser.add_argument("--protocol", default=None, choices=["xmlrpc", "xmlrpcs", "jsonrpc", "jsonrpcs"],
                        help="default: xmlrpc, or what the --url's scheme says")
    parser.add_argument("--url", help="an Odoo server (default: the built-in test server)")
    parser.add_argument("--db", help="its database")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password-env", help="the environment variable holding the password")
    args = parser.parse_args(argv)
    week = "2026-W49"
    group = generate_group(args.size, seed=0, week=week)
    with tempfile.TemporaryDirectory() as tmp, target(args) as (connection, where):
        rows = run_steps(connection, group, week, tmp)
    print(f"server: {where}")
    print(f"{'step':30} {'records':>8} {'seconds':>8}  report")
    for label, count, seconds, summary in rows:
        print(f"{label:30} {count:8d} {seconds:8.2f}  {summary}")


if __name__ == "__main__":
    main()
