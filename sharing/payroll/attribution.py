"""Who pays each weekly premium: the member whose hours gave rise to it.

`chronological` (the default): the week's hours are counted shift by shift in time order, so the
member whose shift crossed the threshold pays the premium on the hours past it, and so on.
`pro_rata`: each band's minutes are shared among the week's members in proportion to their minutes
(largest remainder, so the shares add up to the band's minutes exactly).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .weekly import Band, band_minutes

__all__ = ["Segment", "Share", "attribute"]


class Segment(NamedTuple):
    """A stretch of the week's paid time in chronological order: its payer, minutes, day and request."""

    payer: str
    minutes: int
    day: date
    request: str


class Share(NamedTuple):
    """Minutes of one band borne by one payer (with the shift they come from when chronological)."""

    variable: str
    payer: str
    minutes: int
    day: date | None
    request: str


def attribute(segments: list[Segment], bands: list[Band], rule: str = "chronological") -> list[Share]:
    """The premium minutes of each band and who bears them, under `rule` (chronological or pro_rata)."""
    if rule == "pro_rata":
        return _pro_rata(segments, bands)
    shares, start = [], 0
    for s in segments:
        for band in bands:
            minutes = band_minutes(band, start, start + s.minutes)
            if minutes:
                shares.append(Share(band.variable, s.payer, minutes, s.day, s.request))
        start += s.minutes
    return shares


def _pro_rata(segments: list[Segment], bands: list[Band]) -> list[Share]:
    by_payer: dict[str, int] = {}
    for s in segments:
        by_payer[s.payer] = by_payer.get(s.payer, 0) + s.minutes
    total = sum(by_payer.values())
    shares = []
    for band in bands:
        minutes = band_minutes(band, 0, total)
        if not minutes:
            continue
        exact = {p: minutes * m / total for p, m in by_payer.items()}
        split = {p: int(v) for p, v in exact.items()}
        for p in sorted(exact, key=lambda p: (-(exact[p] - split[p]), p))[:minutes - sum(split.values())]:
            split[p] += 1
        shares += [Share(band.variable, p, m, None, "") for p, m in sorted(split.items()) if m]
    return shares
