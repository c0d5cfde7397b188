"""Member self-service: logins of member firms and GE colleagues, manager-only commands, the audit trail.

Every function takes a `Repository` (inside `store.session()`); on SQLite each one refuses with one line,
since only PostgreSQL has the roles and row-level security that keep each member to its own rows.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from consortium.errors import MutualisError, NotFound
from consortium.weeks import IsoWeek
from sharing.allocation import Unfilled
from sharing.group import Group

from ..store import Repository
from ..store.access import AuditEntry, Identity, Login
from .weekly import WeekView, week_view

__all__ = [
    "MANAGER_ONLY",
    "NEEDS_POSTGRES",
    "audit",
    "check_command",
    "grant_manager",
    "grant_member",
    "logins",
    "own_week_view",
    "revoke",
    "whoami",
]

NEEDS_POSTGRES = ("access control needs PostgreSQL: create the group there (mutualis --db "
                  "postgresql+psycopg://USER@HOST/DB init), move it with `mutualis export` and `mutualis import`, "
                  "then grant the logins (see docs/access.md)")
# Commands that decide for the whole group: a member's login is refused them before anything runs.
MANAGER_ONLY = frozenset({
    "allocate", "publish", "replan", "pin", "unpin", "bill", "tender award", "tender reserve", "tender release",
    "odoo push plan", "odoo push invoices", "access grant", "access grant-manager", "access revoke",
    "member add", "member remove", "employee add", "employee remove", "init", "demo", "payroll settings",
    "request cutoff",
    # They read every employee's contract, cost or absences, which a member's login may not.
    "check", "explain", "ledger",
})
# What a command's noun is about, in "CHAUMAY may not change requests of INOXAGRI".
_NOUNS = {"request": "requests", "tender": "bid shares", "plan": "plans", "member": "the details",
          "odoo": "Odoo links", "bill": "statements"}


def _postgres(repo: Repository) -> None:
    if not repo.access.available:
        raise MutualisError(NEEDS_POSTGRES)


def grant_member(repo: Repository, member: str, login: str, password: str | None) -> bool:
    """Give member firm `member` the login `login` (created, or moved to it); True when the role was created."""
    _postgres(repo)
    check_command(repo, "access grant")
    return repo.access.grant(login, member, password)


def grant_manager(repo: Repository, login: str, password: str | None) -> bool:
    """Give a GE office colleague the login `login`, which reads and writes every row; True when created."""
    _postgres(repo)
    check_command(repo, "access grant-manager")
    return repo.access.grant(login, None, password)


def revoke(repo: Repository, login: str) -> None:
    """End `login`'s access now: forgotten, its sessions ended when allowed, its role dropped."""
    _postgres(repo)
    check_command(repo, "access revoke")
    repo.access.revoke(login)


def logins(repo: Repository) -> list[Login]:
    """The logins mutualis manages, by login."""
    _postgres(repo)
    return repo.access.logins()


def whoami(repo: Repository) -> Identity | None:
    """The connection's login and member firm; None on SQLite (the GE manager's own file)."""
    return repo.access.identity() if repo.access.available else None


def check_command(repo: Repository, command: str, member: str | None = None, writes: bool = True) -> None:
    """Refuse a member's login, in one line, a manager-only command or one naming another member (`member`)."""
    if command not in MANAGER_ONLY and member is None:
        return
    who = whoami(repo)
    if who is None or not who.is_member:
        return
    me = who.member or who.login
    if command in MANAGER_ONLY:
        raise MutualisError(f"{command} is for the GE manager; {me}'s login may not run it")
    if member is not None and member.strip().upper() != who.member:  # codes are read in any case (`--member chaumay`)
        noun = command.split(maxsplit=1)[0]
        raise MutualisError(f"{me} may not {'change' if writes else 'see'} {_NOUNS.get(noun, noun)} of {member}")


def own_week_view(repo: Repository, week: IsoWeek) -> WeekView:
    """The week's plan as the login may see it: the GE office the whole (`weekly.week_view`), a member firm its
    own requests and the assignments on them, the staff named by code only and the reasons left to the manager."""
    who = whoami(repo)
    if who is None or not who.is_member:
        return week_view(repo, week)
    plan = repo.plans.get_plan(week)
    if plan is None:
        raise NotFound(f"no plan for {week} yet: the GE manager allocates it")
    requests = repo.plans.list_requests(week=week)
    placed: dict[str, int] = {}
    for a in plan.assignments:
        placed[a.request] = placed.get(a.request, 0) + 1
    why = "the GE manager can say why (`mutualis explain`): the reasons name other members' staff"
    unfilled = [Unfilled(r.code, r.member, (r.headcount - placed.get(r.code, 0)) * r.minutes / 60, [why])
                for r in requests if placed.get(r.code, 0) < r.headcount]
    group = Group(settings=repo.people.get_settings(), catalogue=repo.people.get_catalogue(),
                  members=repo.people.list_members(), requests=requests)
    return WeekView(plan=plan, group=group, requests=requests, unfilled=unfilled,
                    saved_at=repo.plans.plan_saved_at(week))


def audit(repo: Repository, member: str | None = None, since: date | None = None) -> list[AuditEntry]:
    """The recorded changes, of one member's rows and from a day (00:00 in the group's timezone) when given."""
    _postgres(repo)
    start = None
    if since is not None:
        start = datetime.combine(since, time(), tzinfo=ZoneInfo(repo.people.get_settings().timezone))
    return repo.access.audit(member, start)
