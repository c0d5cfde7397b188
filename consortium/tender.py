"""A client tender: lots, items and quantities, routings, deadlines, team rules and pricing terms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field, field_validator, model_validator

from consortium.weeks import parse_week

from .base import Domain, check_code
from .capacity import check_week
from .processes import Taxonomy, parse_cert_requirement

__all__ = ["RoutingStep", "Milestone", "Item", "Lot", "TeamRules", "PricingTerms", "Tender"]


class RoutingStep(Domain):
    """One operation every unit of the item goes through.

    `predecessors` default to the step before in the list (a linear routing); `[]` for none.
    `transfer_lag_weeks` separates this step from its successors when they run at another member.
    `parameters` (material, thickness_mm, sheet_length_mm, axes...) are checked against resource limits.
    """

    code: str
    process: str
    run_hours: float = Field(gt=0, description="standard hours per unit")
    setup_hours: float = Field(default=0, ge=0, description="per resource and week used")
    parameters: dict[str, float | str] = Field(default_factory=dict)
    certificates: list[str] = Field(default_factory=list, description="e.g. EN1090:EXC2, ISO3834-2")
    predecessors: list[str] | None = None
    transfer_lag_weeks: int = Field(default=0, ge=0, le=8)
    splittable: bool = True
    max_members: int = Field(default=0, ge=0)
    min_batch: int = Field(default=0, ge=0)

    @field_validator("code", "process")
    @classmethod
    def _codes(cls, value: str, info) -> str:
        return check_code(value, f"step {info.field_name}")

    @field_validator("certificates")
    @classmethod
    def _certs(cls, value: list[str]) -> list[str]:
        return [":".join(filter(None, parse_cert_requirement(v))) for v in value]

    @field_validator("predecessors")
    @classmethod
    def _preds(cls, value):
        return None if value is None else [check_code(v, "predecessor") for v in value]


class Milestone(Domain):
    """At least `quantity` units delivered by the end of `week`."""

    week: str
    quantity: int = Field(gt=0)

    @field_validator("week")
    @classmethod
    def _week(cls, value: str) -> str:
        return check_week(value)


class Item(Domain):
    """`quantity` units of a part or assembly, routed through `steps`; `material_cost` per unit (euros)."""

    code: str
    description: str = ""
    quantity: int = Field(gt=0)
    material_cost: Decimal = Field(default=Decimal(0), ge=0, decimal_places=2)
    steps: list[RoutingStep] = Field(min_length=1)
    milestones: list[Milestone] = Field(default_factory=list)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value, "item code")

    @model_validator(mode="after")
    def _routing(self):
        seen: list[str] = []
        for step in self.steps:
            if step.code in seen:
                raise ValueError(f"item {self.code}: step {step.code} appears twice")
            for p in step.predecessors or []:
                if p not in seen:
                    raise ValueError(f"item {self.code}: step {step.code}: predecessor {p} is not an earlier step")
            seen.append(step.code)
        for m in self.milestones:
            if m.quantity > self.quantity:
                raise ValueError(f"item {self.code}: milestone {m.week} asks {m.quantity} units, more than "
                                 f"the quantity {self.quantity}")
        return self

    def predecessors(self, index: int) -> list[str]:
        """The predecessors of the step at `index`, the previous step by default."""
        step = self.steps[index]
        if step.predecessors is not None:
            return step.predecessors
        return [self.steps[index - 1].code] if index else []


class Lot(Domain):
    """A lot of the tender: work may start in `release_week`; every unit is due by the end of `due_week`."""

    code: str
    title: str = ""
    release_week: str
    due_week: str
    items: list[Item] = Field(min_length=1)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value, "lot code")

    @field_validator("release_week", "due_week")
    @classmethod
    def _week(cls, value: str, info) -> str:
        return check_week(value, info.field_name)

    @model_validator(mode="after")
    def _window(self):
        if parse_week(self.due_week) < parse_week(self.release_week):
            raise ValueError(f"lot {self.code}: due_week {self.due_week} is before release_week {self.release_week}")
        for item in self.items:
            for m in item.milestones:
                if not parse_week(self.release_week) <= parse_week(m.week) <= parse_week(self.due_week):
                    raise ValueError(f"lot {self.code}: item {item.code}: milestone week {m.week} is outside "
                                     f"{self.release_week}..{self.due_week}")
        return self


class TeamRules(Domain):
    """Who may answer together: at most `max_size` members (0 = any), a mandataire, and whether members
    who also bid alone (`solo_bidders`) are excluded."""

    max_size: int = Field(default=0, ge=0)
    mandataire_required: bool = True
    mandataire: str | None = None
    solo_bidders: list[str] = Field(default_factory=list)
    exclude_solo_bidders: bool = False

    @field_validator("mandataire")
    @classmethod
    def _lead(cls, value):
        return None if value is None else check_code(value, "mandataire")

    @field_validator("solo_bidders")
    @classmethod
    def _solo(cls, value: list[str]) -> list[str]:
        return [check_code(v, "member code") for v in value]

    @model_validator(mode="after")
    def _lead_not_solo(self):
        if self.exclude_solo_bidders and self.mandataire in self.solo_bidders:
            raise ValueError(f"team: mandataire {self.mandataire} also bids alone, which the tender forbids")
        return self

    def excluded(self) -> list[str]:
        return list(self.solo_bidders) if self.exclude_solo_bidders else []


class PricingTerms(Domain):
    """Euros excl. VAT: `transport_per_handoff` per pair of members handing an item over in a lot,
    `coordination_fee` per member per lot; `contingency_pct` and `margin_pct` as fractions (0.05)."""

    transport_per_handoff: Decimal = Field(default=Decimal("180.00"), ge=0)
    coordination_fee: Decimal = Field(default=Decimal("400.00"), ge=0)
    contingency_pct: Decimal = Field(default=Decimal("0.03"), ge=0, le=1)
    margin_pct: Decimal = Field(default=Decimal("0.10"), ge=0, le=1)


class Tender(Domain):
    """A client's call for tenders, answered by a team of members."""

    code: str
    title: str = ""
    buyer: str = Field(min_length=1)
    submission_deadline: date
    offer_valid_until: date
    lots: list[Lot] = Field(min_length=1)
    team: TeamRules = Field(default_factory=TeamRules)
    pricing: PricingTerms = Field(default_factory=PricingTerms)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value, "tender code")

    @model_validator(mode="after")
    def _whole(self):
        if self.offer_valid_until < self.submission_deadline:
            raise ValueError(f"tender {self.code}: offer_valid_until {self.offer_valid_until} is before "
                             f"submission_deadline {self.submission_deadline}")
        for what, codes in (("lot", [lot.code for lot in self.lots]),
                            ("item", [i.code for lot in self.lots for i in lot.items])):
            dupes = sorted({c for c in codes if codes.count(c) > 1})
            if dupes:
                raise ValueError(f"tender {self.code}: {what} {dupes[0]} appears twice")
        if self.team.mandataire_required and not self.team.mandataire:
            raise ValueError(f"tender {self.code}: team.mandataire is required")
        return self

    def items(self) -> list[tuple[Lot, Item]]:
        return [(lot, item) for lot in self.lots for item in lot.items]

    def first_week(self) -> str:
        return str(min(parse_week(lot.release_week) for lot in self.lots))

    def last_week(self) -> str:
        return str(max(parse_week(lot.due_week) for lot in self.lots))

    def problems(self, taxonomy: Taxonomy) -> list[str]:
        """Processes and certificates the taxonomy does not know, as `lot L: item I: step S: field: what`."""
        out = []
        for lot, item in self.items():
            for step in item.steps:
                where = f"tender {self.code}: lot {lot.code}: item {item.code}: step {step.code}"
                if not taxonomy.has_process(step.process):
                    out.append(f"{where}: field process: unknown process {step.process}")
                for req in step.certificates:
                    code, level = parse_cert_requirement(req)
                    try:
                        if level:
                            taxonomy.scheme(code).rank(level)
                        else:
                            taxonomy.scheme(code)
                    except KeyError:
                        out.append(f"{where}: field certificates: unknown certificate {code}")
                    except ValueError as exc:
                        out.append(f"{where}: field certificates: {exc}")
        return out
