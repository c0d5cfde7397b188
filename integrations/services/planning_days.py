"""Today, the planning window read from the database, and the checks a new request passes.

"Today" is injectable so that tests and the demo never depend on the real date: an explicit `as_of`
(the CLI's `--as-of`) wins, then the environment variable `MUTUALIS_TODAY` (an ISO date), then the
group's frozen date (`settings.today`, set by the demo), then the real date.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from consortium.members import Site
from consortium.errors import InvalidInput, MutualisError
from sharing.requests import Request, site_closed
from consortium.weeks import IsoWeek, week_of
from sharing.settings import RequestCutoff
from sharing.window import PlanningWindow
from integrations.store import Repository

__all__ = ["ENV_NOW", "ENV_TODAY", "FiledRequests", "today", "now", "planning_window", "new_request_problems",
           "file_requests", "set_request_cutoff", "late_codes", "stored_late"]

ENV_TODAY, ENV_NOW = "MUTUALIS_TODAY", "MUTUALIS_NOW"


def today(repo: Repository, as_of: date | None = None) -> date:
    """The day planning is judged on: `as_of`, else MUTUALIS_TODAY, else `settings.today`, else the real date."""
    if as_of is not None:
        return as_of
    text = os.environ.get(ENV_TODAY, "").strip()
    if text:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise InvalidInput(f"{ENV_TODAY}={text!r} is not a date like 2026-11-26") from None
    return repo.people.get_settings().today or date.today()


def now(repo: Repository, as_of: date | None = None) -> datetime:
    """The moment a request is filed (local, naive): MUTUALIS_NOW (an ISO date and time) when set, else the
    planning day (:func:`today`) at the clock's time of day in the group's timezone."""
    text = os.environ.get(ENV_NOW, "").strip()
    if text:
        try:
            return datetime.fromisoformat(text).replace(tzinfo=None)
        except ValueError:
            raise InvalidInput(f"{ENV_NOW}={text!r} is not a moment like 2026-12-02T12:30") from None
    clock = datetime.now(ZoneInfo(repo.people.get_settings().timezone)).replace(tzinfo=None, microsecond=0)
    return datetime.combine(today(repo, as_of), clock.time())


def planning_window(repo: Repository, *, as_of: date | None = None, allow_past: bool = False,
                    week: IsoWeek | None = None) -> PlanningWindow:
    """The window of the group: today, the validated months and, for `week`, the days with hours recorded."""
    hours = repo.hours
    recorded: set[date] = set()
    if week is not None:
        recorded = {c.day for c in hours.list_corrections(week.monday, week.monday + timedelta(days=7))}
    return PlanningWindow.of(today(repo, as_of), {v.month for v in hours.list_validations()}, recorded, allow_past)


def new_request_problems(repo: Repository, requests: Iterable[Request], *, as_of: date | None = None,
                         allow_past: bool = False) -> list[str]:
    """What refuses each new request, one line each: a day in the past, a site closed at that time.

    For importers: an empty list means every request may be stored.
    """
    window = planning_window(repo, as_of=as_of, allow_past=allow_past)
    problems = []
    for r in requests:
        subject = f"request {r.code}"
        try:
            window.refuse_day(r.day, subject)
        except InvalidInput as exc:
            problems.append(str(exc))
        try:
            closed = site_closed(r, _site(repo, r))
        except MutualisError:  # an unknown member or site: the store names it when the request is added
            continue
        if closed:
            problems.append(f"{subject}: {closed}")
    return problems


@dataclass(frozen=True)
class FiledRequests:
    """The requests stored, the days of a range skipped because the site is closed then (with why), and the codes
    of those filed after the cut-off (stored as late)."""

    added: list[Request]
    skipped: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)


def file_requests(repo: Repository, requests: list[Request], *, as_of: date | None = None, allow_past: bool = False,
                  skip_closed: bool = False) -> FiledRequests:
    """Store new requests (one, or the days of a recurring one) after checking their days and sites.

    A request filed after the group's cut-off for its week (`settings.request_cutoff`) is stored as late
    (`FiledRequests.late`), never refused. A day in the past is refused unless `allow_past`. A day the site
    is closed is refused, unless `skip_closed` (the days came from a range and weekdays the member did not
    name): then it is skipped and reported, and only a range with no open day at all is refused.
    """
    if not requests:
        raise InvalidInput("no request to file: no day of the range falls on the weekdays asked")
    window = planning_window(repo, as_of=as_of, allow_past=allow_past)
    subject = f"request {requests[0].series or requests[0].code}"
    for r in requests:
        window.refuse_day(r.day, subject)
    closed = {r.code: why for r in requests if (why := site_closed(r, _site(repo, r)))}
    if closed and (not skip_closed or len(closed) == len(requests)):
        days = [r for r in requests if r.code in closed]
        first = closed[days[0].code]
        more = f"; also closed on {', '.join(f'{r.day:%a} {r.day}' for r in days[1:])}" if len(days) > 1 else ""
        raise InvalidInput(f"{subject}: {first}{more}")
    added = [r for r in requests if r.code not in closed]
    late = late_codes(repo, added, as_of=as_of)
    for r in added:
        repo.plans.add_request(r, late=r.code in late)
    return FiledRequests(added, [closed[r.code] for r in requests if r.code in closed], stored_late(repo, added, late))


def late_codes(repo: Repository, requests: Iterable[Request], *, as_of: date | None = None) -> list[str]:
    """The codes of the new `requests` filed now after the group's cut-off for their week (none without one)."""
    cutoff = repo.people.get_settings().request_cutoff
    if cutoff is None:
        return []
    filed_at = now(repo, as_of)
    return [r.code for r in requests if cutoff.is_late(r.day, filed_at)]


def stored_late(repo: Repository, added: list[Request], late: list[str]) -> list[str]:
    """The codes of `added` stored as late: on PostgreSQL the database also flags a member's request filed
    after the cut-off by its own clock (migration 0010_memberhours), whatever day the CLI plans on."""
    if not repo.access.available or not added:
        return late
    weeks = {week_of(r.day) for r in added}
    stored = {code for w in weeks for code in repo.plans.late_requests(w)}
    return [r.code for r in added if r.code in late or r.code in stored]


def set_request_cutoff(repo: Repository, weekday: str | None, at: str | None) -> RequestCutoff | None:
    """Set the group's weekly cut-off for requests (`wed`, `12:00`), or remove it (`weekday` None); returns it."""
    try:
        cutoff = None if weekday is None else RequestCutoff(weekday=weekday.strip().lower(), at=at or "12:00")
    except ValidationError as exc:
        first = exc.errors()[0]
        message = first["msg"].removeprefix("Value error, ")
        where = ".".join(str(part) for part in first["loc"])
        raise InvalidInput(f"request_cutoff: field {where}: {message}" if where else message) from None
    repo.people.save_settings(repo.people.get_settings().model_copy(update={"request_cutoff": cutoff}))
    return cutoff


def _site(repo: Repository, r: Request) -> Site:
    member = repo.people.get_member(r.member)
    try:
        return member.site(r.site)
    except KeyError:
        raise InvalidInput(f"request {r.code}: field site: member {member.code} has no site {r.site!r}") from None
