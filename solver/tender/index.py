"""Compile a ``TenderProblem`` once into the index structure the model and checks read."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .problem import CertRequirement, Step, TenderInputError, TenderProblem

# Internal money unit: 1/60 cent, so that minutes x (cents per hour) stays an integer.
MONEY_SCALE = 60


@dataclass(frozen=True)
class Index:
    """Integer view of a problem: eligibility per (step, resource), times, costs and capacities."""

    problem: TenderProblem
    horizon: int
    steps: dict
    items: dict
    lots: dict
    resources: dict
    members: tuple[str, ...]
    minutes: dict  # (step, resource) -> minutes per unit on that resource
    unit_cost: dict  # (step, resource) -> 1/60 cents per unit (labour or override)
    setup: dict  # (step, resource) -> setup minutes per resource-week used
    cap_reg: dict  # (resource, week) -> regular minutes
    cap_ot: dict  # (resource, week) -> max overtime minutes
    weeks: dict  # (step, resource) -> eligible weeks
    eligible: dict  # step -> resources with at least one eligible week
    reasons: dict  # step -> why a resource is not eligible: {reason: [resources]}
    successors: dict  # step -> successor steps
    finals: dict  # item -> steps without successor
    deadlines: dict  # item -> ((week, quantity), ...)
    item_minutes: dict  # item -> standard minutes of one unit through all steps
    transfer: dict  # (from member, to member) -> 1/60 cents

    def quantity(self, step: str) -> int:
        return self.items[self.steps[step].item].quantity

    def window(self, step: str) -> tuple[int, int]:
        """Release and due week of the step's lot, clamped to the horizon."""
        lot = self.lots[self.items[self.steps[step].item].lot]
        return max(0, lot.release_week), min(self.horizon - 1, lot.due_week)

    def member_of(self, resource: str) -> str:
        return self.resources[resource].member

    def transfer_cost(self, p: str, q: str) -> int:
        default = self.problem.default_transfer_cents * MONEY_SCALE
        return self.transfer.get((p, q), default) if p != q else 0


def _holds(problem: TenderProblem, member: str, req: CertRequirement, week: int) -> bool:
    """A member holds a requirement in a week: same code, level at least the minimum, valid that week."""
    return any(
        c.member == member and c.code == req.code and c.level >= req.min_level
        and c.first_week <= week and (c.last_week is None or week <= c.last_week)
        for c in problem.certificates
    )


def _step_weeks(problem: TenderProblem, step: Step, res, release: int, cap_total: dict) -> list[int]:
    return [
        w for w in range(release, problem.horizon_weeks)
        if cap_total.get((res.id, w), 0) > 0
        and all(_holds(problem, res.member, req, w) for req in step.certificates)
    ]


def build_index(problem: TenderProblem) -> Index:
    """Check references and compile eligibility, times, costs and capacities."""
    H = problem.horizon_weeks
    steps = {s.id: s for s in problem.steps}
    items = {i.id: i for i in problem.items}
    lots = {lot.id: lot for lot in problem.lots}
    resources = {r.id: r for r in problem.resources}
    for s in problem.steps:
        if s.item not in items:
            raise TenderInputError(f"Step {s.id}: unknown item {s.item!r}")
        for p in s.predecessors:
            if p not in steps or steps[p].item != s.item:
                raise TenderInputError(f"Step {s.id}: predecessor {p!r} is not a step of item {s.item}")
    for i in problem.items:
        if i.lot not in lots:
            raise TenderInputError(f"Item {i.id}: unknown lot {i.lot!r}")

    cap_reg, cap_ot = {}, {}
    for c in problem.capacities:
        if c.resource not in resources or not 0 <= c.week < H:
            continue
        units = resources[c.resource].units
        cap_reg[c.resource, c.week] = max(0, units * c.available_minutes - c.committed_minutes)
        cap_ot[c.resource, c.week] = units * c.max_overtime_minutes
    cap_total = {k: cap_reg[k] + cap_ot[k] for k in cap_reg}

    overrides = {(o.step, o.resource): o for o in problem.overrides}
    excluded = problem.team.excluded
    minutes, unit_cost, setup, weeks, eligible, reasons = {}, {}, {}, {}, {}, {}
    for s in problem.steps:
        release = max(0, lots[items[s.item].lot].release_week)
        why = defaultdict(list)
        for r in problem.resources:
            if s.process not in r.processes:
                why["process"].append(r.id)
            elif s.allowed_resources is not None and r.id not in s.allowed_resources:
                why["not allowed"].append(r.id)
            elif r.member in excluded:
                why["member excluded"].append(r.id)
            else:
                ws = _step_weeks(problem, s, r, release, cap_total)
                if not ws:
                    why["certificate or capacity"].append(r.id)
                    continue
                o = overrides.get((s.id, r.id))
                per_unit = o.minutes_per_unit if o else -(-s.run_minutes * 100 // r.efficiency_pct)
                minutes[s.id, r.id] = per_unit
                if o and o.cost_cents_per_unit is not None:
                    unit_cost[s.id, r.id] = o.cost_cents_per_unit * MONEY_SCALE
                else:
                    unit_cost[s.id, r.id] = per_unit * r.rate_cents
                setup[s.id, r.id] = s.setup_minutes + r.setup_minutes
                weeks[s.id, r.id] = tuple(ws)
        eligible[s.id] = tuple(r.id for r in problem.resources if (s.id, r.id) in weeks)
        reasons[s.id] = dict(why)

    successors = defaultdict(list)
    for s in problem.steps:
        for p in s.predecessors:
            successors[p].append(s.id)
    finals = defaultdict(list)
    for s in problem.steps:
        if not successors[s.id]:
            finals[s.item].append(s.id)
    deadlines = {}
    for i in problem.items:
        own = [(lots[i.lot].due_week, i.quantity)]
        own += [(m.week, m.quantity) for m in problem.milestones if m.item == i.id]
        deadlines[i.id] = tuple((min(max(w, 0), H - 1), q) for w, q in own)
    item_minutes: dict[str, int] = defaultdict(int)
    for s in problem.steps:
        item_minutes[s.item] += s.run_minutes
    members = tuple(sorted({r.member for r in problem.resources if r.member not in excluded}))
    transfer = {(t.from_member, t.to_member): t.cents * MONEY_SCALE for t in problem.transfers}
    return Index(
        problem, H, steps, items, lots, resources, members, minutes, unit_cost, setup, cap_reg,
        cap_ot, weeks, eligible, reasons, dict(successors), dict(finals), deadlines,
        dict(item_minutes), transfer,
    )
