"""The inclusion strategy's read-model: what the published document shows, as plain data.

Built by services.inclusion_strategy from the record; hand-made in tests. It holds counts, not
pupils: no pupil's name or UPN is ever put in it, and small counts are suppressed when printed
(domain.small_numbers), as in the governors' summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.findings import FreeText
from ..domain.inclusion_strategy import Activity, Section
from .models import Count, SchoolInfo


@dataclass(frozen=True)
class StrategySection:
    section: Section
    words: str = ""

    @property
    def heading(self) -> str:
        return self.section.heading


@dataclass(frozen=True)
class ProvisionCost:
    """One intervention of the catalogue, this school year."""

    name: str
    area: str  # "Communication and interaction"
    staff: str  # "Teaching assistant"
    pupils: int
    sessions: int  # delivered in the year
    planned: int  # pence: this year's share of the planned cost
    delivered: int  # pence: the sessions delivered, costed
    impact: float | None = None  # share of rated outcomes met or exceeded (None: none rated)
    rated: int = 0


@dataclass(frozen=True)
class StaffTime:
    """Staff time on targeted provision, for one role (or one person, in the app)."""

    who: str  # "Teaching assistant", or a member of staff
    rate: int  # pence per hour
    planned_minutes: int
    delivered_minutes: int
    planned: int  # pence
    delivered: int


@dataclass
class StrategyModel:
    school: SchoolInfo
    year: str  # "2026/27"
    year_start: date
    year_end: date
    printed_on: date
    sections: list[StrategySection] = field(default_factory=list)
    covers: str = ""  # "2026/27" or "2026/27 to 2028/29"
    years: int = 1
    next_review_on: date | None = None
    deadline: date | None = None
    published_on: date | None = None
    published_url: str = ""
    notional_sen: int | None = None  # pence; None: not entered in Settings
    imf: int | None = None
    activities: list[Activity] = field(default_factory=list)
    provision: list[ProvisionCost] = field(default_factory=list)
    staff: list[StaffTime] = field(default_factory=list)  # by role: what the document prints
    staff_people: list[StaffTime] = field(default_factory=list)  # by person: the app only
    fixed_planned: int = 0  # materials, licences, fees: staff time + these = the provision total
    fixed_delivered: int = 0
    on_roll: int = 0
    sen_support: int = 0
    ehc_plans: int = 0
    by_need: list[Count] = field(default_factory=list)
    by_year: list[Count] = field(default_factory=list)
    reviews_held: int = 0
    outcomes_total: int = 0
    outcomes_met: int = 0
    decisions: list[Count] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Inclusion strategy {self.covers or self.year}"

    @property
    def on_register(self) -> int:
        return self.sen_support + self.ehc_plans

    @property
    def planned_total(self) -> int:
        return sum(p.planned for p in self.provision)

    @property
    def delivered_total(self) -> int:
        return sum(p.delivered for p in self.provision)

    @property
    def activities_total(self) -> int:
        return sum(a.pence for a in self.activities)

    @property
    def budgeted_total(self) -> int:
        return self.activities_total + self.planned_total

    @property
    def funding_total(self) -> int | None:
        if self.notional_sen is None and self.imf is None:
            return None
        return (self.notional_sen or 0) + (self.imf or 0)

    def free_text(self) -> list[FreeText]:
        """The strategy's words, heading by heading (the vague-wording check at export)."""
        return [
            FreeText(f"section.{s.section.key}", s.heading, s.words) for s in self.sections if s.words.strip()
        ]

    def section(self, key: str) -> StrategySection:
        return next(s for s in self.sections if s.section.key == key)

    def missing(self) -> list[str]:
        """What a head publishing it would want filled in first (the document still builds)."""
        out = []
        if self.notional_sen is None:
            out.append(f"The notional SEN budget for {self.year}: enter it in Settings, Inclusion strategy")
        if self.imf is None:
            out.append(
                f"The Inclusive Mainstream Fund allocation for {self.year}: enter it in Settings, "
                "Inclusion strategy"
            )
        blank = [s.heading for s in self.sections if not s.words.strip()]
        if blank:
            out.append("The school's own words under: " + "; ".join(blank))
        return out
