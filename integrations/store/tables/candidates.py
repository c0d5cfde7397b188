"""Rows of the candidate pool (migration 0009): people outside the staff whom the group could hire.

One row holds the whole person (skills and certificates as JSON), so that forgetting him or her is one
delete; no audit trigger keeps a copy (docs/workforce.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from .core import CODE, Base

__all__ = ["CandidateRow"]


class CandidateRow(Base):
    """A candidate: home, trade (ROME code), availability, reach, consent; skills and certificates in `data`."""

    __tablename__ = "candidates"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(CODE, unique=True)
    name: Mapped[str]
    postcode: Mapped[str] = mapped_column(String(10))
    latitude: Mapped[float]
    longitude: Mapped[float]
    rome: Mapped[str] = mapped_column(String(8))
    trade: Mapped[str]
    available_from: Mapped[date]
    weekly_hours: Mapped[float]
    max_travel_km: Mapped[float]
    consent_on: Mapped[date]
    data: Mapped[dict[str, Any]]
