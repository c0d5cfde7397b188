"""A `TenderResult` read back in the group's terms: per lot feasible or not, missing hours by process,
certificate and ISO week, fixes, and the allocation per member, resource and week."""

from __future__ import annotations

from collections import defaultdict

from pydantic import Field

from solver import tender as st

from .adapter import Compiled
from .base import Domain
from .processes import standard_taxonomy

__all__ = ["LotVerdict", "Missing", "FixNote", "Placement", "TenderOutcome", "read_result", "read_issues", "lot_state"]


def _h(minutes: int) -> float:
    return round(minutes / 60, 2)


class LotVerdict(Domain):
    lot: str
    feasible: bool
    missing_units: int
    missing_hours: float
    late_unit_weeks: int


class Missing(Domain):
    """Standard hours of a process (needing certificates) missing by the due week, placed in `week`."""

    process: str
    certificates: list[str]
    week: str
    hours: float


class FixNote(Domain):
    kind: str
    hours: float = 0
    process: str | None = None
    member: str | None = None
    resource: str | None = None
    lot: str | None = None
    week: str | None = None
    note: str


class Placement(Domain):
    """Units of a step made on a resource in a week; hours include setup, split regular / overtime."""

    lot: str
    item: str
    step: str
    process: str
    member: str
    resource: str
    week: str
    units: int
    hours: float
    setup_hours: float
    regular_hours: float
    overtime_hours: float


class TenderOutcome(Domain):
    """What the group can answer: `status` feasible, infeasible or unknown."""

    tender: str
    status: str
    mandataire: str | None
    team: list[str]
    lots: list[LotVerdict]
    missing: list[Missing] = Field(default_factory=list)
    fixes: list[FixNote] = Field(default_factory=list)
    placements: list[Placement] = Field(default_factory=list)
    issues: list[str] = Field(default_factory=list)
    stages: list[str] = Field(default_factory=list)

    def is_feasible(self) -> bool:
        return self.status == "feasible"

    def missing_hours(self) -> float:
        return round(sum(lot.missing_hours for lot in self.lots), 2)

    def missing_by_process_week(self) -> dict[tuple[str, str], float]:
        out: dict[tuple[str, str], float] = defaultdict(float)
        for m in self.missing:
            out[m.process, m.week] += m.hours
        return dict(out)

    def explain(self) -> str:
        """Lines a tender manager reads: verdict per lot, missing hours by process and week, fixes."""
        lines = [f"tender {self.tender}: {self.status}; team {', '.join(self.team) or '-'}; "
                 f"mandataire {self.mandataire or '-'}"]
        for lot in self.lots:
            lines.append(f"lot {lot.lot}: {lot_state(lot)}")
        for m in self.missing:
            certs = f" needing {', '.join(m.certificates)}" if m.certificates else ""
            lines.append(f"missing by the due week: {m.hours:.1f} h of {m.process}{certs} in {m.week}")
        lines += [f"issue: {i}" for i in self.issues]
        lines += [f"fix ({f.kind}): {f.note}" for f in self.fixes]
        return "\n".join(lines)


def lot_state(lot: LotVerdict) -> str:
    """`feasible`, or what is wrong: units never made (with their hours) and unit-weeks late."""
    if lot.feasible:
        return "feasible"
    parts = []
    if lot.missing_units:
        parts.append(f"{lot.missing_units} units never made ({lot.missing_hours:.1f} h)")
    elif lot.missing_hours:
        parts.append(f"{lot.missing_hours:.1f} h of steps never made")
    if lot.late_unit_weeks:
        parts.append(f"{lot.late_unit_weeks} unit-weeks late"
                     + ("" if parts else " (every unit is made, some too late)"))
    return "NOT feasible: " + ", ".join(parts)


def read_issues(compiled: Compiled, issues: tuple[st.Issue, ...]) -> list[str]:
    """Precheck issues with hours, not minutes (the messages already name step and process)."""
    return [i.message for i in issues]


def read_result(compiled: Compiled, result: st.TenderResult) -> TenderOutcome:
    """The domain view of a solver result."""
    cw = compiled.week
    placements = []
    for a in result.allocations:
        lot, item, step = compiled.steps[a.step]
        resource = compiled.resources[a.resource]
        setup = min(a.minutes, round((step.setup_hours + float(resource.setup_hours)) * 60))
        placements.append(Placement(
            lot=lot.code, item=item.code, step=step.code, process=step.process, member=a.member,
            resource=resource.code, week=cw(a.week), units=a.units, hours=_h(a.minutes), setup_hours=_h(setup),
            regular_hours=_h(a.regular_minutes), overtime_hours=_h(a.overtime_minutes)))
    missing = [Missing(process=s.process, certificates=[_cert_name(c) for c in s.certificates], week=cw(s.week),
                       hours=_h(s.minutes)) for s in result.shortages]
    fixes = [_fix(compiled, f) for f in result.fixes]
    return TenderOutcome(
        tender=compiled.tender.code, status=result.status, mandataire=compiled.tender.team.mandataire,
        team=list(result.team),
        lots=[LotVerdict(lot=o.lot, feasible=o.feasible, missing_units=o.missing_units,
                         missing_hours=_h(o.missing_minutes), late_unit_weeks=o.late_unit_weeks) for o in result.lots],
        missing=missing, fixes=fixes, placements=placements, issues=read_issues(compiled, result.issues),
        stages=[f"{s.name}: {s.status} in {s.seconds:.1f} s" for s in result.stages],
    )


def _cert_name(text: str) -> str:
    """The solver's `EN1090>=3` as the level's name, `EN1090:EXC3`."""
    code, _, rank = text.partition(">=")
    try:
        return f"{code}:{standard_taxonomy().scheme(code).levels[int(rank) - 1]}"
    except (KeyError, ValueError, IndexError):
        return text


def _fix(compiled: Compiled, f: st.Fix) -> FixNote:
    week = compiled.week(f.week)
    hours = _h(f.minutes)
    if f.kind == "subcontract":
        note = f"subcontract {hours:.1f} h of {f.process} by {week}"
    elif f.kind == "overtime":
        res = compiled.resources.get(f.resource)
        note = (f"overtime at {f.member} on {res.code if res else f.resource}: "
                f"up to {hours:.1f} h of {f.process} by {week}")
    elif f.kind == "later_due":
        lot = next((x for x in compiled.tender.lots if x.code == f.lot), None)
        note = f"lot {f.lot} is feasible with due week {week}" + (f" instead of {lot.due_week}" if lot else "")
    else:
        note = f.note
    return FixNote(kind=f.kind, hours=hours, process=f.process, member=f.member,
                   resource=compiled.resources[f.resource].code if f.resource in compiled.resources else f.resource,
                   lot=f.lot, week=week, note=note)
