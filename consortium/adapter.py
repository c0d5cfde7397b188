"""Domain -> `solver.tender.TenderProblem` and back.

ISO weeks become indices from the tender's first release week, hours minutes, euros cents; certificate
levels become ranks in their scheme and validity dates the weeks they cover whole; resource limits
against step parameters become each step's `allowed_resources`. Declared capacity is reduced by the
reservations and awards of other tenders still holding on the day of planning.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import overload

from consortium.errors import InvalidInput
from consortium.weeks import IsoWeek, parse_week
from solver import tender as st

from .capabilities import MemberCertificate, Resource
from .capacity import CapacityDeclaration, Reservation
from .processes import Taxonomy, parse_cert_requirement, standard_taxonomy
from .tender import Item, RoutingStep, Tender

__all__ = ["Capabilities", "Compiled", "compile_tender", "held_hours", "minutes", "cents", "EXTRA_WEEKS"]

# Weeks planned past the last due week: room for late work and for the `later_due` fix.
EXTRA_WEEKS = 4


def minutes(hours: float | Decimal) -> int:
    return int(round(Decimal(str(hours)) * 60))


def cents(euros: Decimal) -> int:
    return int((Decimal(euros) * 100).to_integral_value())


@dataclass(frozen=True)
class Capabilities:
    """What the group offers: resources, certificates, weekly capacity, and hours already held."""

    resources: tuple[Resource, ...]
    certificates: tuple[MemberCertificate, ...] = ()
    declarations: tuple[CapacityDeclaration, ...] = ()
    reservations: tuple[Reservation, ...] = ()

    def resource(self, key: str) -> Resource:
        for r in self.resources:
            if r.key == key:
                return r
        raise KeyError(key)


@dataclass(frozen=True)
class Compiled:
    """A TenderProblem with the maps to read its result back in domain terms."""

    problem: st.TenderProblem
    tender: Tender
    weeks: tuple[str, ...]  # index -> ISO week
    steps: dict  # solver step id -> (Lot, Item, RoutingStep)
    resources: dict  # solver resource id (MEMBER/RES) -> Resource

    @overload
    def week(self, index: int) -> str: ...

    @overload
    def week(self, index: None) -> None: ...

    def week(self, index: int | None) -> str | None:
        """The ISO week of a solver week index (past the horizon: the last week), None for None."""
        return None if index is None else self.weeks[min(index, len(self.weeks) - 1)]

    def index(self, week: str) -> int:
        return self.weeks.index(str(parse_week(week)))


def held_hours(reservations: tuple[Reservation, ...], as_of: date, skip_tender: str | None = None) -> dict:
    """(MEMBER/RES, week) -> hours reserved or awarded to other tenders, holding on `as_of`."""
    held: dict[tuple[str, str], float] = defaultdict(float)
    for r in reservations:
        if r.tender != skip_tender and r.holds_on(as_of):
            held[r.key, r.week] += r.hours
    return dict(held)


def compile_tender(tender: Tender, caps: Capabilities, as_of: date | None = None,
                   taxonomy: Taxonomy | None = None) -> Compiled:
    """Build the solver's problem for `tender` from the group's capabilities on day `as_of`."""
    taxonomy = taxonomy or standard_taxonomy()
    as_of = as_of or date.today()
    start = parse_week(tender.first_week())
    end = parse_week(tender.last_week()).shift(EXTRA_WEEKS)
    weeks = _weeks(start, end)
    index = {w: i for i, w in enumerate(weeks)}
    resources = {r.key: r for r in caps.resources}

    held = held_hours(caps.reservations, as_of, skip_tender=tender.code)
    capacities = []
    for d in caps.declarations:
        if d.week in index and d.key in resources:
            committed = d.committed_hours + held.get((d.key, d.week), 0.0)
            capacities.append(st.ResourceWeek(d.key, index[d.week], minutes(d.available_hours),
                                              minutes(d.max_overtime_hours), minutes(committed)))

    lots, items, steps, milestones, step_map = [], [], [], [], {}
    for lot in tender.lots:
        lots.append(st.Lot(lot.code, index[lot.release_week], index[lot.due_week]))
        for item in lot.items:
            items.append(st.Item(item.code, lot.code, item.quantity))
            milestones += [st.Milestone(item.code, index[m.week], m.quantity) for m in item.milestones]
            for k, step in enumerate(item.steps):
                sid = f"{item.code}:{step.code}"
                step_map[sid] = (lot, item, step)
                steps.append(_step(sid, item, k, step, caps.resources, taxonomy))

    problem = st.TenderProblem(
        horizon_weeks=len(weeks),
        resources=tuple(_resource(r) for r in caps.resources),
        capacities=tuple(capacities), lots=tuple(lots), items=tuple(items), steps=tuple(steps),
        certificates=tuple(c for c in (_certificate(mc, weeks, taxonomy) for mc in caps.certificates) if c),
        milestones=tuple(milestones),
        team=st.TeamRules(tender.team.max_size, tender.team.mandataire, frozenset(tender.team.excluded())),
        default_transfer_cents=cents(tender.pricing.transport_per_handoff),
        coordination_cents=cents(tender.pricing.coordination_fee),
    )
    return Compiled(problem, tender, tuple(weeks), step_map, resources)


def _weeks(start: IsoWeek, end: IsoWeek) -> list[str]:
    out, week = [], start
    while week <= end:
        out.append(str(week))
        week = week.shift(1)
    return out


def _resource(r: Resource) -> st.Resource:
    return st.Resource(r.key, r.member, frozenset(r.processes), r.units, r.efficiency_pct, minutes(r.setup_hours),
                       cents(r.hourly_rate), cents(r.overtime))


def _step(sid: str, item: Item, k: int, step: RoutingStep, resources, taxonomy: Taxonomy) -> st.Step:
    requirements = []
    for text in step.certificates:
        code, level = parse_cert_requirement(text)
        rank = taxonomy.scheme(code).rank(level) if level else 1
        requirements.append(st.CertRequirement(code, rank))
    allowed = frozenset(r.key for r in resources if step.process in r.processes and not r.refusals(step.parameters))
    return st.Step(
        sid, item.code, step.process, minutes(step.run_hours), minutes(step.setup_hours), tuple(requirements),
        tuple(f"{item.code}:{p}" for p in item.predecessors(k)), step.transfer_lag_weeks, step.splittable,
        step.max_members, step.min_batch, allowed,
    )


def _certificate(mc: MemberCertificate, weeks: list[str], taxonomy: Taxonomy) -> st.Certificate | None:
    # A week counts only when the certificate is valid all of it: expiring on a Wednesday loses that week.
    try:
        rank = taxonomy.scheme(mc.code).rank(mc.level)
    except KeyError:
        raise InvalidInput(f"certificate {mc.code} of {mc.member}: unknown certificate code") from None
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    valid = [i for i, w in enumerate(weeks) if mc.valid_whole_week(parse_week(w).monday)]
    if not valid:
        return None
    last = None if mc.expires is None else valid[-1]
    return st.Certificate(mc.member, mc.code, rank, valid[0], last)
