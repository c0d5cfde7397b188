"""Plain input data of the tender model: frozen dataclasses, integer minutes and cents.

Weeks are integer indices ``0 .. horizon_weeks - 1`` (the caller maps ISO weeks to them).
"""
from __future__ import annotations

from dataclasses import dataclass, field


class TenderInputError(ValueError):
    """The tender input is inconsistent: a step, item or predecessor names something unknown."""


@dataclass(frozen=True)
class Resource:
    """A machine or a team of one member.

    ``efficiency_pct`` scales standard times: 125 means a step's standard minutes take 80 % as long.
    Rates are cents per hour; ``overtime_rate_cents`` is paid for overtime minutes instead of ``rate_cents``.
    ``setup_minutes`` is added to a step's own setup on this resource.
    """

    id: str
    member: str
    processes: frozenset[str]
    units: int = 1
    efficiency_pct: int = 100
    setup_minutes: int = 0
    rate_cents: int = 0
    overtime_rate_cents: int = 0


@dataclass(frozen=True)
class ResourceWeek:
    """Capacity of one resource in one week, in minutes per parallel unit.

    Regular capacity = ``units * available_minutes - committed_minutes``; overtime up to
    ``units * max_overtime_minutes``. A week without a ``ResourceWeek`` has no capacity.
    """

    resource: str
    week: int
    available_minutes: int
    max_overtime_minutes: int = 0
    committed_minutes: int = 0


@dataclass(frozen=True)
class Certificate:
    """A certificate held by a member, valid in weeks ``first_week .. last_week`` inclusive.

    A higher level covers a lower one; ``last_week=None`` means valid to the horizon end.
    """

    member: str
    code: str
    level: int = 1
    first_week: int = 0
    last_week: int | None = None


@dataclass(frozen=True)
class CertRequirement:
    """A step needs certificate ``code`` at level ``min_level`` or higher, in the week of production."""

    code: str
    min_level: int = 1


@dataclass(frozen=True)
class Step:
    """A routing step of an item: every unit of the item goes through every step.

    ``run_minutes`` per unit and ``setup_minutes`` per (resource, week) used are standard times.
    ``transfer_lag_weeks`` applies between this step and its successors when they run at another member.
    ``max_members`` (0 = no limit) caps the members sharing the step; ``min_batch`` (0 = none) is the
    least number of units per resource-week used; ``allowed_resources`` (None = all) restricts eligibility.
    """

    id: str
    item: str
    process: str
    run_minutes: int
    setup_minutes: int = 0
    certificates: tuple[CertRequirement, ...] = ()
    predecessors: tuple[str, ...] = ()
    transfer_lag_weeks: int = 0
    splittable: bool = True
    max_members: int = 0
    min_batch: int = 0
    allowed_resources: frozenset[str] | None = None


@dataclass(frozen=True)
class Item:
    """``quantity`` units of an item ordered in a lot."""

    id: str
    lot: str
    quantity: int


@dataclass(frozen=True)
class Lot:
    """Work on the lot's items may start in ``release_week``; all units are due by ``due_week``."""

    id: str
    release_week: int
    due_week: int


@dataclass(frozen=True)
class Milestone:
    """At least ``quantity`` units of ``item`` delivered (last step done) by the end of ``week``."""

    item: str
    week: int
    quantity: int


@dataclass(frozen=True)
class TeamRules:
    """Who may answer together: ``max_size`` members at most (0 = no limit), the ``mandataire``
    (lead member) must be in the team, ``excluded`` members may not take part."""

    max_size: int = 0
    mandataire: str | None = None
    excluded: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Override:
    """Resource-specific run time (minutes per unit) and, optionally, cost (cents per unit) of a step.

    The cost replaces labour (minutes x rate) for these units; setup and overtime still apply.
    """

    step: str
    resource: str
    minutes_per_unit: int
    cost_cents_per_unit: int | None = None


@dataclass(frozen=True)
class Transfer:
    """Cost in cents of handing an item from ``from_member`` to ``to_member`` between two steps."""

    from_member: str
    to_member: str
    cents: int


@dataclass(frozen=True)
class TenderProblem:
    """Everything the model needs: the cluster's resources and capacity, the tender and the rules."""

    horizon_weeks: int
    resources: tuple[Resource, ...]
    capacities: tuple[ResourceWeek, ...]
    lots: tuple[Lot, ...]
    items: tuple[Item, ...]
    steps: tuple[Step, ...]
    certificates: tuple[Certificate, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    team: TeamRules = field(default_factory=TeamRules)
    overrides: tuple[Override, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    default_transfer_cents: int = 0
    coordination_cents: int = 0
