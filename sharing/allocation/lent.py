"""Lent staff in the week's engine problem: their rules, their hours at the home firm, their soft cost.

A lent person is an engine employee like any other (see sharing/lending/staff.py for the static side).
Two things differ, both expressed as plain engine data: the hours still worked at the home firm become
shifts pinned to the person (so the 10 h day, the 48 h week, the 11 h daily rest and the 35 h weekly
rest count both employers, travel between the two firms included), and the week's cap is the home
hours plus the hours the offer lends, within the legal week. Each placement of lent staff costs
`lent_staff` per hour, so that GE staff come first.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from solver.roster import Cost, History, Rules, Shift

from ..lending import DAYS, Offer
from ..settings import LabourRules
from .candidates import night_minutes

__all__ = ["HOME_PREFIX", "home_shifts", "home_words", "lent_history", "lent_reasons", "lent_rules", "lent_cost"]

HOME_PREFIX = "HOME:"


def lent_rules(offer: Offer, labour: LabourRules) -> Rules:
    """The legal limits over both employers; the week capped at home hours plus the hours lent."""
    home = round(offer.home_week_hours * 60)
    return Rules(
        max_week_minutes=min(math.floor(labour.max_weekly_hours * 60 + 1e-6), home + round(offer.hours_per_week * 60)),
        max_day_minutes=round(labour.max_daily_hours * 60),
        min_daily_rest=round(labour.daily_rest_hours * 60),
        weekly_rest=round(labour.weekly_rest_hours * 60),
        max_days_per_week=labour.max_days_per_week,
        max_consecutive_days=labour.max_consecutive_days,
    )


def home_shifts(offer: Offer, monday: date, minute, location: int | None, labour: LabourRules) -> dict[str, Shift]:
    """The week's hours at the home firm as engine shifts (id `HOME:MEMBER.PERSON:Mon`), by id."""
    shifts = {}
    for (lo, hi), s in zip(offer.home_intervals(monday), offer.home_shifts_sorted, strict=False):
        code = f"{HOME_PREFIX}{offer.code}:{DAYS[s.weekday]}"
        night = night_minutes(lo, hi, labour.night_start, labour.night_end)
        shifts[code] = Shift(id=code, day=(lo.date() - monday).days, start=minute(lo), end=minute(hi),
                             location=location, night_minutes=night)
    return shifts


def lent_history(offer: Offer, monday: date, minute) -> History:
    """The end of last week's last hours at the home firm, so that the 11 h rest runs across the weeks."""
    last = offer.home_intervals(monday - timedelta(days=7))
    return History(last_shift_end=minute(last[-1][1])) if last else History()


def home_words(offer: Offer, lo: datetime, hi: datetime) -> str:
    """`at BISCUIT (home firm) Mon 08:00-12:00`."""
    return f"at {offer.member} (home firm) {DAYS[lo.weekday()]} {lo:%H:%M}-{hi:%H:%M}"


def lent_reasons(offer: Offer, reasons: list[str]) -> list[str]:
    """The static reasons of a lent person in the loan's words (the contract is the offer's)."""
    out = []
    for reason in reasons:
        if reason.startswith("contract does not list "):
            member = reason.removeprefix("contract does not list ").partition("/")[0]
            out.append(f"never placed at the lender {member}" if member == offer.member
                       else f"the offer of {offer.member} excludes {member}")
        elif reason.startswith("contract not active on "):
            out.append(f"outside the loan offer ({offer.start} to {offer.end})")
        else:
            out.append(reason)
    return out


def lent_cost(offer: Offer, request: str, minutes: int, weight: int) -> Cost | None:
    """The soft cost of placing lent staff on a request (None when the weight is 0)."""
    amount = round(weight * minutes / 60)
    return Cost(offer.code, request, amount, "lent_staff", f"{offer.code}:{request}") if amount else None
