"""Offers of lent staff from a spreadsheet (CSV or XLSX, header on row 1): all rows or none.

Columns: member, person, first_name, last_name, skills (`TIG:2, MIG:1`), from, until, hours_per_week,
salary, charges, consent (required); qualification, trade (a ROME code, `H2102`), certs (`SST:1:2026-01-01`),
expenses, contract_hours, home_hours (`Mon 08:00-12:00, Tue 08:00-12:00`), postcode, exclude, night (yes/no)
(optional). Every bad row is reported as `FILE:ROW: column COLUMN: what is wrong`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pydantic import ValidationError

from consortium.errors import InvalidInput, MutualisError, RowError
from integrations.tabular import row_problem
from integrations.tabular.files import read_named_rows, write_grid
from sharing.lending import CostBasis, Offer, parse_home_hours
from sharing.parsing import parse_certifications, parse_skill_levels, split_list

__all__ = ["OFFER_COLUMNS", "EXAMPLE", "offer_cells", "read_offers", "import_offers", "write_offer_template"]

REQUIRED = ("member", "person", "first_name", "last_name", "skills", "from", "until", "hours_per_week", "salary",
            "charges", "consent")
OPTIONAL = ("qualification", "trade", "certs", "expenses", "contract_hours", "home_hours", "postcode", "exclude",
            "night")
OFFER_COLUMNS = REQUIRED + OPTIONAL
# domain field (first part of pydantic's location) -> column
_COLUMN_OF = {"start": "from", "end": "until", "consent_date": "consent", "home_postcode": "postcode",
              "excluded_members": "exclude", "night_worker": "night", "home_hours": "home_hours",
              "certifications": "certs"}


def _number(text: str, column: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", ".").replace("€", "").strip())
    except InvalidOperation:
        raise ValueError(f"{column}: {text!r} is not a number like 14.20") from None
    if not value.is_finite():
        raise ValueError(f"{column}: {text!r} is not a number like 14.20")
    return value


def _day(text: str, column: str) -> date:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise ValueError(f"{column}: {text!r} is not a day like 2026-12-01") from None


def _offer(texts: dict[str, str]) -> Offer:
    """The offer of one row; ValueError `column: what` or pydantic's ValidationError."""
    who = f"offer {texts.get('member', '')}.{texts.get('person', '')}"
    try:
        skills = parse_skill_levels(split_list(texts["skills"]), who)
        certs = parse_certifications(split_list(texts.get("certs", "")), who)
    except MutualisError as exc:
        column = "skills" if "field skills" in str(exc) else "certs"
        raise ValueError(f"{column}: {str(exc).split(': ', 2)[-1]}") from None
    try:
        home = parse_home_hours(texts.get("home_hours", ""))
    except ValueError as exc:
        raise ValueError(f"home_hours: {exc}") from None
    return Offer(
        member=texts["member"], person=texts["person"], first_name=texts["first_name"], last_name=texts["last_name"],
        qualification=texts.get("qualification", ""), trade=texts.get("trade", ""), skills=skills, certifications=certs,
        start=_day(texts["from"], "from"), end=_day(texts["until"], "until"),
        hours_per_week=float(_number(texts["hours_per_week"], "hours_per_week")),
        cost={"salary": _number(texts["salary"], "salary"), "charges": _number(texts["charges"], "charges"),
              "expenses": _number(texts.get("expenses", "0"), "expenses")},
        consent_date=_day(texts["consent"], "consent"),
        contract_hours=float(_number(texts.get("contract_hours", "35"), "contract_hours")), home_hours=home,
        home_postcode=texts.get("postcode", ""), excluded_members=split_list(texts.get("exclude", "")),
        night_worker=texts.get("night", "no").strip().lower() in ("yes", "oui", "true", "1", "x"),
    )


def _problems(path: Path, row: int, exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        out = []
        for err in exc.errors():
            loc = [str(p) for p in err["loc"]]
            message = err["msg"].removeprefix("Value error, ")
            column = (loc[-1] if loc[:1] == ["cost"] else _COLUMN_OF.get(loc[0], loc[0])) if loc else None
            out.append(row_problem(path, row, column, message))
        return out
    column, _, message = str(exc).partition(": ")
    return [row_problem(path, row, column, message)]


def read_offers(path: Path | str) -> list[tuple[int, Offer]]:
    """(row, offer) of every row; `RowError` listing every bad row, `InvalidInput` for a bad header."""
    path = Path(path)
    offers, problems = [], []
    for row, texts in read_named_rows(path, "offers", OFFER_COLUMNS, REQUIRED):
        absent = [c for c in REQUIRED if c not in texts]
        if absent:
            problems.append(row_problem(path, row, absent[0], "is required"))
            continue
        try:
            offers.append((row, _offer(texts)))
        except (ValueError, ValidationError) as exc:
            problems.extend(_problems(path, row, exc))
    if problems:
        raise RowError(problems)
    if not offers:
        raise InvalidInput(f"{path.name}: the file has no rows, only the header")
    return offers


def import_offers(repo, path: Path | str) -> list[Offer]:
    """Store every offer of the sheet, or none (the first refused row is named)."""
    from integrations.services.lending import add_offer

    stored = []
    for row, offer in read_offers(path):
        try:
            stored.append(add_offer(repo, offer))
        except MutualisError as exc:
            raise RowError([row_problem(Path(path), row, None, str(exc))]) from None
    return stored


# The template's example row: a third line operator of the demo's dairy (ROME H2102), lent 21 h a week in
# December; the template imports unchanged into the demo.
EXAMPLE = Offer(member="LAITERIE", person="OP3", first_name="Inès", last_name="Garnier",
                qualification="Conductrice de ligne de conditionnement", trade="H2102",
                skills={"LINE": 2, "ASSEMBLY": 1}, start=date(2026, 11, 30), end=date(2026, 12, 31), hours_per_week=21,
                cost=CostBasis(salary=Decimal("13.90"), charges=Decimal("5.84"), expenses=Decimal("0.60")),
                home_postcode="53170", contract_hours=35,
                home_hours=parse_home_hours("Mon 06:00-13:00,Tue 06:00-13:00"),
                consent_date=date(2026, 11, 20), excluded_members=["VOLAILLE"])
_NUMERIC = {"hours_per_week", "salary", "charges", "expenses", "contract_hours"}


def offer_cells(offer: Offer) -> dict[str, str]:
    """The offer as the sheet's cells, which `read_offers` reads back (home coordinates are not columns)."""
    return {
        "member": offer.member, "person": offer.person, "first_name": offer.first_name,
        "last_name": offer.last_name, "skills": ", ".join(f"{k}:{v}" for k, v in offer.skills.items()),
        "from": offer.start.isoformat(), "until": offer.end.isoformat(), "hours_per_week": f"{offer.hours_per_week:g}",
        "salary": str(offer.cost.salary), "charges": str(offer.cost.charges), "consent": offer.consent_date.isoformat(),
        "qualification": offer.qualification, "trade": offer.trade,
        "certs": ", ".join(f"{c.type}:{c.level}:{c.valid_from}" + (f":{c.valid_to}" if c.valid_to else "")
                           for c in offer.certifications),
        "expenses": str(offer.cost.expenses), "contract_hours": f"{offer.contract_hours:g}",
        "home_hours": ", ".join(str(s) for s in offer.home_shifts_sorted), "postcode": offer.home_postcode,
        "exclude": ", ".join(offer.excluded_members), "night": "yes" if offer.night_worker else "no",
    }


def write_offer_template(path: Path | str) -> None:
    """The offers sheet (CSV or XLSX by the suffix): every column and one example row `lend import` accepts."""
    cells = offer_cells(EXAMPLE)
    write_grid(Path(path), "offers", list(OFFER_COLUMNS), [[cells[c] for c in OFFER_COLUMNS]],
               [c in _NUMERIC for c in OFFER_COLUMNS])
