"""`repo.candidates`: the candidate pool in and out of the Repository's session. Rows never leave this module."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from consortium.errors import AlreadyExists, NotFound
from sharing.forecast import Candidate, Held

from ..tables.candidates import CandidateRow

__all__ = ["CandidateRepository"]


def _from_row(row: CandidateRow) -> Candidate:
    return Candidate(row.code, row.name, row.latitude, row.longitude, row.rome, row.trade,
                     {k: int(v) for k, v in row.data["skills"].items()},
                     tuple(_held(item) for item in row.data["certificates"]), row.available_from,
                     row.weekly_hours, row.max_travel_km, row.postcode, row.consent_on)


def _held(item: list) -> Held:
    """[type, level] or [type, level, last valid day or None] (rows stored before expiry dates: two items)."""
    valid_to = item[2] if len(item) > 2 else None
    return Held(item[0], item[1], date.fromisoformat(valid_to) if valid_to else None)


class CandidateRepository:
    """Add, list, read and forget candidates."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, candidates: Iterable[Candidate]) -> int:
        """Store new candidates (all or none with the session's transaction); AlreadyExists on a known code."""
        count = 0
        for c in candidates:
            if self._row(c.code) is not None:
                raise AlreadyExists(f"candidate {c.code} already exists")
            if c.consent is None:
                raise ValueError(f"candidate {c.code}: no consent date")
            self._session.add(CandidateRow(
                code=c.code, name=c.name, postcode=c.postcode, latitude=c.latitude, longitude=c.longitude,
                rome=c.rome, trade=c.trade, available_from=c.available_from, weekly_hours=c.weekly_hours,
                max_travel_km=c.max_travel_km, consent_on=c.consent,
                data={"skills": dict(c.skills), "certificates": [
                    [h.kind, h.level, h.valid_to.isoformat() if h.valid_to else None] for h in c.certificates]}))
            count += 1
        self._session.flush()
        return count

    def list(self) -> list[Candidate]:
        """Every candidate, by code."""
        return [_from_row(r) for r in self._session.scalars(select(CandidateRow).order_by(CandidateRow.code))]

    def get(self, code: str) -> Candidate:
        """One candidate; NotFound when the code is unknown."""
        row = self._row(code)
        if row is None:
            raise NotFound(f"candidate {code} not found")
        return _from_row(row)

    def forget(self, code: str) -> None:
        """Erase the candidate: the row goes, nothing else holds the person."""
        if self._row(code) is None:
            raise NotFound(f"candidate {code} not found")
        self._session.execute(delete(CandidateRow).where(CandidateRow.code == code.upper()))

    def forget_consented_before(self, day: date) -> list[str]:
        """Erase every candidate whose consent is older than `day`; their codes, sorted."""
        codes = sorted(self._session.scalars(select(CandidateRow.code).where(CandidateRow.consent_on < day)))
        self._session.execute(delete(CandidateRow).where(CandidateRow.consent_on < day))
        return codes

    def _row(self, code: str) -> CandidateRow | None:
        return self._session.scalar(select(CandidateRow).where(CandidateRow.code == code.upper()))
