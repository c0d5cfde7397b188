"""Tenders and joint bids against the database: import, check, plan, bid (stored versions), reserve, award, release.

Every function takes a `Repository` (inside `store.session()`) and is what one CLI command calls. A member
firm's login (PostgreSQL) never reads the bids: `write_bid` and `list_bid_versions` give it its own stored
view of each version (`bid_member_views`), written when the GE manager stored the version.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from consortium.adapter import Compiled, compile_tender
from consortium.bid import JointBid, build_bid
from consortium.bid_record import StoredBid, capacity_changes, capacity_uses, reservations_of, tender_digest
from consortium.errors import InvalidInput, MutualisError, RowError
from consortium.outcome import TenderOutcome, read_result
from consortium.tender import Tender
from consortium.tender_file import read_tender_file
from integrations.store import Repository
from solver.tender import PlanParams, plan_tender, precheck

from ..files import written_folder
from ..reports.bid_html import write_bid_html
from ..reports.bid_markdown import write_bid_markdown
from ..reports.bid_xlsx import write_bid_xlsx
from ..reports.language import language
from ..reports.offer import offer_stem, write_offer_html, write_offer_markdown
from ..tabular.tender_xlsx import read_tender_xlsx
from .access import whoami
from .capacity import capabilities

__all__ = [
    "DEFAULT_PARAMS", "TenderImport", "import_tender", "read_tender", "check_tender", "plan_tender_code", "make_bid",
    "bid_for", "write_bid", "write_bid_files", "write_member_bid", "list_bid_versions", "login_member",
    "reserve_tender", "release_tender", "award_tender",
]

DEFAULT_PARAMS = PlanParams(stage_time_limits=(4.0, 4.0, 1.5), extension_time_limit=2.0)


def _params(time_limit: float | None, params: PlanParams | None) -> PlanParams:
    params = params or DEFAULT_PARAMS
    return replace(params, total_time_limit=time_limit) if time_limit else params


def read_tender(path: str | Path) -> Tender:
    """A tender file: .yaml/.yml/.json (consortium.tender_file) or .xlsx (integrations.tabular)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        if not path.is_file():
            raise InvalidInput(f"{path}: no such file")
        return read_tender_xlsx(path)
    return read_tender_file(path)


@dataclass(frozen=True)
class TenderImport:
    """A stored tender, and the reservations released because the new document replaced one that held hours."""

    tender: Tender
    released: int = 0
    unchanged: bool = False


def import_tender(repo: Repository, path: str | Path, release: bool = False) -> TenderImport:
    """Store a tender from its file (replacing the document of the same code); its members must exist.

    A tender that holds hours (reserved or awarded) keeps its document unless `release` is given: the
    hours are then released (the bids made for the old document can no longer be reserved or awarded).
    """
    tender = read_tender(path)
    for code in filter(None, [tender.team.mandataire, *tender.team.solo_bidders]):
        repo.people.get_member(code)
    if tender.code in {code for code, _, _ in repo.consortium.list_tenders()}:
        if repo.consortium.get_tender(tender.code) == tender:
            return TenderImport(tender, unchanged=True)
        held = repo.consortium.list_reservations(tender.code)
        if held and not release:
            status = repo.consortium.tender_status(tender.code)
            hours = sum(r.hours for r in held)
            raise InvalidInput(f"tender {tender.code} is {status}: {hours:.1f} h on {len(held)} resource-weeks "
                               f"are held for it; import again with --release to release them and replace "
                               f"the tender")
        if held:
            release_tender(repo, tender.code)
        repo.consortium.save_tender(tender, "open")
        return TenderImport(tender, released=len(held))
    repo.consortium.save_tender(tender)
    return TenderImport(tender)


def _compile(repo: Repository, code: str, as_of: date | None) -> Compiled:
    tender = repo.consortium.get_tender(code)
    return compile_tender(tender, capabilities(repo), as_of or date.today())


def check_tender(repo: Repository, code: str, as_of: date | None = None) -> list[str]:
    """Instant checks (eligibility, hours per process, team): one line per issue, empty when clear."""
    return [i.message for i in precheck(_compile(repo, code, as_of).problem)]


def plan_tender_code(repo: Repository, code: str, time_limit: float | None = None, params: PlanParams | None = None,
                     as_of: date | None = None) -> TenderOutcome:
    """Plan a stored tender on what the group has left; the outcome explains any shortfall."""
    compiled = _compile(repo, code, as_of)
    return read_result(compiled, plan_tender(compiled.problem, _params(time_limit, params)))


def _bid_date(as_of: date | None) -> date:
    return as_of or date.today()


def make_bid(repo: Repository, code: str, margin: Decimal | None = None, time_limit: float | None = None,
             params: PlanParams | None = None, as_of: date | None = None) -> StoredBid:
    """Plan and price a stored tender as of `as_of` (today) and store it as a new bid version, unless the
    latest version is the same plan and price for the same tender document and day (then that version)."""
    made_on = _bid_date(as_of)
    compiled = _compile(repo, code, made_on)
    outcome = read_result(compiled, plan_tender(compiled.problem, _params(time_limit, params)))
    names = {m.code: m.legal_name for m in repo.people.list_members()}
    bid = build_bid(compiled.tender, outcome, compiled.resources, made_on, margin, names)
    caps = capabilities(repo)
    stored = StoredBid(tender=bid.tender, version=0, made_on=made_on, tender_digest=tender_digest(compiled.tender),
                       bid=bid, uses=capacity_uses(bid, caps, made_on))
    if repo.consortium.list_bids(bid.tender):
        latest = repo.consortium.get_bid(bid.tender)
        if latest.same_plan(stored):
            return latest
    return repo.consortium.save_bid(stored)


def bid_for(repo: Repository, code: str, margin: Decimal | None = None, time_limit: float | None = None,
            params: PlanParams | None = None, as_of: date | None = None) -> JointBid:
    """The full (mandataire's) joint bid of a stored tender, stored as a version (see `make_bid`)."""
    return make_bid(repo, code, margin, time_limit, params, as_of).bid


def write_bid(repo: Repository, code: str, out_dir: str | Path, margin: Decimal | None = None,
              for_member: str | None = None, time_limit: float | None = None, params: PlanParams | None = None,
              as_of: date | None = None, version: int | None = None, lang: str | None = None,
              making: Collection[str] = ()) -> tuple[list[Path], JointBid]:
    """Make (or, with `version`, read back) the bid and write its documents into `out_dir`: the internal
    `bid.md`, `bid.html`, `bid.xlsx` (or `bid-MEMBER.*` for a member's version) and, for the full
    version, the buyer's offer (`offre.*` in French, `offer.*` in English).

    A member firm's login writes its own stored view instead (`write_member_bid`); `making` names the options
    of making a bid that were given (`--margin`, `--time-limit`, `--as-of`), which are refused to it."""
    member = login_member(repo)
    if member is not None:
        return write_member_bid(repo, code, out_dir, member, for_member, version, lang, making)
    if version is not None and (margin is not None or as_of is not None):
        raise InvalidInput("--version writes a stored bid as it is: leave out --margin and --as-of")
    stored = (repo.consortium.get_bid(code, version) if version is not None
              else make_bid(repo, code, margin, time_limit, params, as_of))
    # A version stored before the members' views were (migration 0010) gets them now.
    repo.consortium.save_member_views(stored.tender, stored.version)
    bid = stored.bid.for_member(for_member) if for_member else stored.bid
    return write_bid_files(bid, out_dir, lang), bid


def login_member(repo: Repository) -> str | None:
    """The member firm of a member's login (PostgreSQL); None for the GE office and on SQLite."""
    who = whoami(repo)
    if who is None or not who.is_member:
        return None
    if who.member is None:
        raise MutualisError(f"{who.login}'s login stands for no member firm: ask the GE manager")
    return who.member


def write_member_bid(repo: Repository, code: str, out_dir: str | Path, member: str, for_member: str | None,
                     version: int | None = None, lang: str | None = None,
                     making: Collection[str] = ()) -> tuple[list[Path], JointBid]:
    """`member`'s documents (`bid-MEMBER.*`) of a stored bid version (the latest stored for it by default),
    from its stored view alone: no solver run, and neither the bid, the tender's costs nor another member's
    rates are read. The same bytes as the GE manager's `tender bid T --for MEMBER --version N`."""
    if making:
        raise InvalidInput(f"making a bid is the GE manager's: {member}'s login writes its view of a stored "
                           f"version; leave out {' and '.join(making)}")
    if for_member is None:
        raise InvalidInput(f"a member's login must say --for {member} (it writes {member}'s view of the bid)")
    if for_member.strip().upper() != member:
        raise MutualisError(f"{member} may not read the bid of {for_member.strip().upper()}")
    bid = repo.consortium.get_member_view(code, member, version)
    return write_bid_files(bid, out_dir, lang), bid


def write_bid_files(bid: JointBid, out_dir: str | Path, lang: str | None = None) -> list[Path]:
    """The bid's documents, written together (complete or absent) into `out_dir`."""
    language(lang)  # an unknown language fails before anything is written
    out = Path(out_dir)
    stem = f"bid-{bid.audience}" if bid.audience else "bid"
    names = [f"{stem}.md", f"{stem}.html", f"{stem}.xlsx"]
    offer = None if bid.audience else offer_stem(lang)
    if offer:
        names += [f"{offer}.md", f"{offer}.html"]
    with written_folder(out) as staging:
        write_bid_markdown(bid, staging / names[0], lang)
        write_bid_html(bid, staging / names[1], lang)
        write_bid_xlsx(bid, staging / names[2], lang)
        if offer:
            write_offer_markdown(bid, staging / names[3], lang)
            write_offer_html(bid, staging / names[4], lang)
    return [out / name for name in names]


def list_bid_versions(repo: Repository, code: str) -> list[tuple[int, date, str, Decimal]]:
    """(version, made_on, status, total) of each stored version of the tender's bid; for a member's login,
    of the versions stored for it (its views)."""
    member = login_member(repo)
    if member is not None:
        return repo.consortium.list_member_views(code, member)
    return repo.consortium.list_bids(code)


# ------------------------------------------------------------------ reservations

def _committable(repo: Repository, code: str, version: int | None, as_of: date | None) -> StoredBid:
    """The bid version to commit, once checked: feasible, for the tender as it stands, capacity still there."""
    stored = repo.consortium.get_bid(code, version)
    where = f"tender {stored.tender} bid version {stored.version}"
    if stored.bid.status != "feasible":
        raise InvalidInput(f"{where} is {stored.bid.status}: fix the shortfall and make a new bid before committing")
    if tender_digest(repo.consortium.get_tender(code)) != stored.tender_digest:
        raise InvalidInput(f"{where} answers an earlier version of the tender (it was imported again since): "
                           f"make a new bid with `mutualis tender bid {stored.tender} --out DIR`")
    changes = capacity_changes(stored, capabilities(repo), _bid_date(as_of))
    if changes:
        raise RowError([f"{where}: capacity changed since the bid was made on {stored.made_on}; make a new bid:",
                        *changes])
    return stored


def reserve_tender(repo: Repository, code: str, version: int | None = None, as_of: date | None = None) -> StoredBid:
    """Hold exactly the hours of a stored bid version (the latest by default) until the offer's validity date;
    the next tender sees what is left. Refuses when capacity changed so that the plan no longer fits."""
    if repo.consortium.tender_status(code) == "awarded":
        raise InvalidInput(f"tender {code.upper()} is awarded: its hours are already committed")
    stored = _committable(repo, code, version, as_of)
    repo.consortium.replace_reservations(stored.tender, reservations_of(stored))
    repo.consortium.set_tender_status(stored.tender, "reserved")
    repo.consortium.set_bid_status(stored.tender, stored.version, "reserved")
    return stored


def award_tender(repo: Repository, code: str, version: int | None = None, as_of: date | None = None) -> StoredBid:
    """The client awarded the tender: the hours of the bid version sent (the reserved one, else the latest, or
    `version`) become commitments that no longer expire."""
    if version is None:
        reserved = [v for v, _, status, _ in repo.consortium.list_bids(code) if status == "reserved"]
        version = reserved[-1] if reserved else None
    stored = _committable(repo, code, version, as_of)
    repo.consortium.replace_reservations(stored.tender, reservations_of(stored, "awarded"))
    repo.consortium.set_tender_status(stored.tender, "awarded")
    repo.consortium.set_bid_status(stored.tender, stored.version, "awarded")
    return stored


def release_tender(repo: Repository, code: str) -> int:
    """Free the hours held for a tender (lost or withdrawn); how many reservations were dropped."""
    count = len(repo.consortium.list_reservations(code))
    repo.consortium.replace_reservations(code, [])
    repo.consortium.set_tender_status(code, "released")
    for version, _, status, _ in repo.consortium.list_bids(code):
        if status in ("reserved", "awarded"):
            repo.consortium.set_bid_status(code, version, "released")
    return count
