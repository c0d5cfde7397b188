"""Lending staff between members: offers in and out of the store, a week's placements, the loans they make.

Each function takes an open `Repository` and works in its transaction; the lending tables are reached
through `repo.lending` (integrations/store/repos/lending.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from consortium.errors import InvalidInput
from consortium.weeks import IsoWeek
from sharing.lending import (LendingStatement, Loan, Offer, Placement, as_employee, check_at_cost, ledger,
                             lending_statement, loans_of)
from sharing.employees import Certification
from sharing.forecast import Bridge, load_bridges
from sharing.parsing import build
from sharing.plans import Assignment, Plan

__all__ = ["add_offer", "list_offers", "get_offer", "TradeBridge", "trade_bridges", "record_course", "withdraw_offer",
           "week_offers",
           "keep_placements", "week_loans", "with_lent", "with_lent_staff", "home_hours",
           "AGREEMENT_FORMATS", "write_agreements", "record_loan_hours", "month_ledger", "month_statement",
           "write_statement"]


def add_offer(repo, offer: Offer) -> Offer:
    """Store a new offer. Without home coordinates the person is placed as living at the lender's first site
    (commutes are estimated from there); the cost parts' sum is the only rate ever billed."""
    member = repo.people.get_member(offer.member)
    if offer.home_latitude is None:
        if not member.sites:
            raise InvalidInput(f"offer {offer.code}: member {member.code} has no site: give --home-lat/--home-lon")
        site = member.sites[0]
        offer = offer.model_copy(update={"home_latitude": site.latitude, "home_longitude": site.longitude})
    repo.lending.add_offer(offer)
    return offer


def list_offers(repo, member: str | None = None, *, withdrawn: bool = False,
                between: tuple[date, date] | None = None) -> list[Offer]:
    """Offers by code: of one member or all, those meeting a period, withdrawn ones on request."""
    lending = repo.lending
    if between is not None:
        return [o for o in lending.offers_between(*between) if member is None or o.member == member.upper()]
    return lending.offers(member, withdrawn=withdrawn)


def get_offer(repo, code: str) -> Offer:
    return repo.lending.get_offer(code)


@dataclass(frozen=True)
class TradeBridge:
    """A bridge of the catalogue from the offer's trade; `done` when its skill level is recorded on the offer
    (only then does the allocation place the person on such requests: a bridge alone never qualifies)."""

    bridge: Bridge
    done: bool


def trade_bridges(offer: Offer, bridges: list[Bridge] | None = None) -> tuple[str, list[TradeBridge]]:
    """The name of the offer's trade in the bridge catalogue ('' when unknown there or no trade) and the
    bridges it opens, by skill and level."""
    bridges = load_bridges() if bridges is None else bridges
    mine = sorted((b for b in bridges if offer.trade and b.from_rome == offer.trade), key=lambda b: (b.skill, b.level))
    name = mine[0].from_trade if mine else ""
    return name, [TradeBridge(b, offer.skills.get(b.skill, 0) >= b.level) for b in mine]


def record_course(repo, code: str, skills: dict[str, int], certifications: list[Certification]) -> Offer:
    """Record on a stored offer the skill levels and certificates a course gave (a bridge's course done): a
    level never goes down, a certificate replaces the one of the same type. From the next allocation on, the
    person may be placed on requests needing them; loans already placed stay as they are."""
    offer = repo.lending.get_offer(code)
    if not skills and not certifications:
        raise InvalidInput(f"offer {offer.code}: give the skills (--skills) or certificates (--certs) the course gave")
    skills = {k.strip().upper(): v for k, v in skills.items()}
    levels = {**offer.skills, **{k: max(v, offer.skills.get(k, 0)) for k, v in skills.items()}}
    types = {c.type for c in certifications}
    certs = [*(c for c in offer.certifications if c.type not in types), *certifications]
    updated = build(Offer, f"offer {offer.code}", **{**offer.model_dump(), "skills": levels, "certifications": certs})
    repo.lending.set_qualifications(updated)
    return updated


def withdraw_offer(repo, code: str) -> Offer:
    """Withdraw an offer: no new placement; loans already placed stay, and are billed."""
    return repo.lending.withdraw(code)


def week_offers(repo, week: IsoWeek) -> list[Offer]:
    """The offers open during the week, for the allocation."""
    days = week.days()
    return repo.lending.offers_between(days[0], days[-1])


def keep_placements(repo, week: IsoWeek, plan: Plan, offers: list[Offer], closed=()) -> Plan:
    """Store the plan's assignments of lent staff as the week's placements (those already stored on `closed`
    days stay: they are worked and billed); the plan of GE staff alone."""
    lent = {o.code: o for o in offers}
    days = week.days()
    kept = [p for p in repo.lending.placements(days[0], days[-1]) if p.day in set(closed)]
    placements = kept + [
        Placement(offer=a.employee, lender=lent[a.employee].member, member=a.member, site=a.site, request=a.request,
                  start=a.start, end=a.end, hours=Decimal((a.end - a.start).total_seconds()) / 3600)
        for a in plan.assignments if a.employee in lent and a.start.date() not in set(closed)
    ]
    repo.lending.save_placements(str(week), placements)
    return plan.model_copy(update={"assignments": [a for a in plan.assignments if a.employee not in lent]})


def week_loans(repo, week: IsoWeek) -> list[Loan]:
    """The week's loans: one per lent person and borrowing member."""
    days = week.days()
    return loans_of(repo.lending.placements(days[0], days[-1]))


def with_lent(repo, week: IsoWeek, plan: Plan) -> Plan:
    """The stored plan of GE staff with the week's placements of lent staff added back."""
    days = week.days()
    lent = [Assignment(employee=p.offer, request=p.request, member=p.member, site=p.site, start=p.start, end=p.end)
            for p in repo.lending.placements(days[0], days[-1])]
    return plan.model_copy(update={"assignments": [*plan.assignments, *lent]}) if lent else plan


def home_hours(offers: list[Offer], week: IsoWeek) -> dict[str, list]:
    """Each offered person's hours at the home firm in the week and the week before (for the rests across
    weeks), as the checker's hours worked for the other employer."""
    before = week.shift(-1).monday
    return {o.code: [*o.home_intervals(before), *o.home_intervals(week.monday)] for o in offers}


def with_lent_staff(group, offers: list[Offer]):
    """The group with the offers' people among its employees, named `Léa Roux (prêté par BISCUIT)` so that
    plans show them as lent staff (for display only)."""
    codes = [m.code for m in group.members]
    staff = [e.model_copy(update={"last_name": f"{e.last_name} (prêté par {o.member})"})
             for o in offers if (e := as_employee(o, codes)) is not None]
    return group.model_copy(update={"employees": [*group.employees, *staff]}) if staff else group


AGREEMENT_FORMATS = {"html": ("html",), "docx": ("docx",), "pdf": ("pdf",), "both": ("html", "docx"),
                     "all": ("html", "docx", "pdf")}


def write_agreements(repo, week: IsoWeek, out: Path | str, today: date, fmt: str = "html",
                     lang: str | None = None) -> list[Path]:
    """Write the agreement and the amendment of each loan of the week into `out`; the paths written.

    `fmt` is html, docx, pdf, both (html and docx) or all three; `lang` the documents' language (French by
    default). Nothing is written when the week has no loan (InvalidInput says so), and all files appear
    together or none.
    """
    from integrations.files import written_folder
    from integrations.reports.language import language
    from integrations.reports.lending_documents import agreement_html, amendment_html, loan_files
    from integrations.reports.lending_docx import write_docx
    from integrations.reports.lending_pdf import pdf_bytes

    if fmt not in AGREEMENT_FORMATS:
        raise InvalidInput(f"unknown agreement format {fmt!r}: use one of {', '.join(AGREEMENT_FORMATS)}")
    code = language(lang).code
    loans = week_loans(repo, week)
    if not loans:
        raise InvalidInput(f"no staff lent in {week}: run `mutualis allocate --week {week}` with offers open")
    lending = repo.lending
    paths = []
    with written_folder(out) as staging:
        for loan in loans:
            offer, lender = lending.get_offer(loan.offer), repo.people.get_member(loan.lender)
            borrower = repo.people.get_member(loan.borrower)
            pages = [render(loan, offer, lender, borrower, today, code) for render in (agreement_html, amendment_html)]
            for suffix in AGREEMENT_FORMATS[fmt]:
                for name, html in zip(loan_files(loan, suffix), pages, strict=True):
                    if suffix == "html":
                        (staging / name).write_text(html, encoding="utf-8")
                    elif suffix == "docx":
                        write_docx(html, staging / name)
                    else:
                        (staging / name).write_bytes(pdf_bytes(html))
                    paths.append(Path(out) / name)
    return paths


def record_loan_hours(repo, offer: str, request: str, hours: Decimal) -> Placement:
    """Record the hours actually worked on a loan placement (billed instead of the planned ones)."""
    if not Decimal(0) <= hours <= 24:
        raise InvalidInput(f"hours of {offer} on {request}: {hours} is not between 0 and 24")
    return repo.lending.record_hours(offer, request, hours)


def _month(repo, month: str):
    year, number = map(int, month.split("-"))
    first = date(year, number, 1)
    last = date(year + number // 12, number % 12 + 1, 1) - timedelta(days=1)
    lending = repo.lending
    offers = {o.code: o for o in lending.offers(withdrawn=True)}
    return lending.placements(first, last), offers


def month_ledger(repo, month: str) -> list[LendingStatement]:
    """The month's loans per pair of members (lender, borrower), each statement at cost and checked."""
    placements, offers = _month(repo, month)
    return ledger(placements, offers, month)


def month_statement(repo, lender: str, borrower: str, month: str) -> LendingStatement:
    """What `borrower` owes `lender` for the month's loans, at cost, checked line by line."""
    placements, offers = _month(repo, month)
    lender, borrower = repo.people.get_member(lender).code, repo.people.get_member(borrower).code
    return lending_statement(lender, borrower, month, placements, offers)


def write_statement(repo, statement: LendingStatement, out: Path | str, lang: str | None = None) -> Path:
    """Write the statement as an HTML page, or a PDF file when `out` ends in .pdf; French unless `lang`
    (checked at cost again just before)."""
    from integrations.files import write_bytes, write_text
    from integrations.reports.lending_pdf import pdf_bytes
    from integrations.reports.lending_statement import lending_statement_html

    offers = {o.code: o for o in repo.lending.offers(withdrawn=True)}
    check_at_cost(statement, offers)
    html = lending_statement_html(statement, offers, repo.people.get_member(statement.lender),
                                  repo.people.get_member(statement.borrower), lang)
    if Path(out).suffix.lower() == ".pdf":
        return write_bytes(out, pdf_bytes(html))
    return write_text(out, html)
