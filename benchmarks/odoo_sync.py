"""Time a week's push and an employee pull for a large group against the faithful Odoo test server.

Run as ``python -m benchmarks.odoo_sync [--size L] [--protocol xmlrpc]``. The group comes from the seeded
generator; its week is placed greedily (one request per employee and day, skill level permitting) since
the sync, not the allocation, is measured here. Target: under 10 s for each of push and pull (size L).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import date
from pathlib import Path

from integrations.odoo import OdooConnection, OdooGateway
from integrations.odoo.pull import pull_employees
from integrations.odoo.push import push_plan
from integrations.seeding import init_database, load_group
from integrations.store import open_store
from sharing.generator import SIZES, generate_group
from sharing.plans import Assignment, Plan
from sharing.weeks import parse_week
from tests.odoo_server import Catalog, OdooTestServer


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


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="L", choices=sorted(SIZES))
    parser.add_argument("--protocol", default="xmlrpc", choices=["xmlrpc", "jsonrpc"])
    args = parser.parse_args(argv)
    week = "2026-W49"
    group = generate_group(args.size, seed=0, week=week)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, OdooTestServer(Catalog.load()) as server:
        os.environ["MUTUALIS_BENCH_ODOO_PASSWORD"] = "admin"
        connection = OdooConnection(name="bench", url=server.url, database=server.database, login="admin",
                                    protocol=args.protocol, secret="env:MUTUALIS_BENCH_ODOO_PASSWORD")
        gateway = OdooGateway(connection)
        gateway.login()
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        plan = greedy_plan(group, week)
        with store.session() as repo:
            init_database(repo)
            load_group(repo, group)
            repo.save_plan(plan)
        for label in ("push week (creates)", "push week again (no change)"):
            started = time.perf_counter()
            with store.session() as repo:
                diff, report = push_plan(repo, gateway, "bench", parse_week(week))
            if os.environ.get("MUTUALIS_BENCH_DIFF"):
                print("\n".join(str(diff).splitlines()[:6]))
            rows.append((label, len(plan.assignments), time.perf_counter() - started, report.summary()))
        gateway.create("hr.employee", [{"name": f"{e.first_name} {e.last_name}", "barcode": f"B{e.code}",
                                        "hourly_cost": float(e.hourly_cost)}
                                       for e in group.employees])
        started = time.perf_counter()
        with store.session() as repo:
            pulled = pull_employees(repo, gateway, "bench", dry_run=True, today=date(2026, 11, 1))
        rows.append(("pull employees (dry run)", len(group.employees) + 20, time.perf_counter() - started,
                     f"would create {pulled.created}, update {pulled.updated}, problems {len(pulled.problems)}"))
        store.close()
    print(f"{'step':30} {'records':>8} {'seconds':>8}  report")
    for label, count, seconds, summary in rows:
        print(f"{label:30} {count:8d} {seconds:8.2f}  {summary}")


if __name__ == "__main__":
    main()
