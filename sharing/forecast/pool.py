"""The pool's candidates as hire options for `recommend`: a real person instead of a profile.

A candidate becomes a hire option for a short profile within his or her reach that he or she fits
directly or through a bridge of the catalogue (`bridges.routes`: the certificates asked held and valid
on the day he or she would be ready). The hire lives at the candidate's home, works the wished hours,
has the candidate's own skills plus the profile's skill level and the certificates valid that day.
Its up-front cost is the bridge course's (the catalogue's indicative `cost_eur`; a direct hire: none);
like any hire it also costs the hours paid but not billed. Each candidate's routes are estimated and
only the best one (most weighted hours, then the cheaper) is offered to the selection, so that a
person is never chosen twice.
"""

from __future__ import annotations

from decimal import Decimal

from ..group import Group
from .bridges import Bridge, Candidate, routes
from .options import Option, Profile
from .whatif import Hire

__all__ = ["candidate_options"]


def candidate_options(group: Group, found: list[Profile], candidates: list[Candidate], bridges: list[Bridge],
                      hourly_cost: Decimal) -> list[Option]:
    """Every (candidate, route) as a hire option coded `C1`, `C2`...; `Option.candidate` names the person."""
    out: list[Option] = []
    for c in candidates:
        for p, bridge, _distance, ready in routes(c, found, group, bridges):
            skills = {**c.skills, p.skill: max(p.level, c.skills.get(p.skill, 0))}
            certs = tuple((h.kind, h.level) for h in c.certificates if h.is_valid(ready))
            code = f"C{len(out) + 1}"
            hire = Hire(skills, certs, c.latitude, c.longitude, c.weekly_hours, hourly_cost,
                        code=f"CAND{len(out) + 1:02d}")
            how = "directly" if bridge is None else f"after {bridge.course} ({bridge.hours:g} h)"
            label = f"hire candidate {c.code} ({c.trade}) as {p.label} {how}, ready {ready}"
            out.append(Option(code, label, hire, bridge.cost if bridge else Decimal(0),
                              bridge.hours if bridge else 0.0, candidate=c.code))
    return out
