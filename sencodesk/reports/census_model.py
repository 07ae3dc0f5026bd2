"""The census check's result as plain data: what the Census screen lists and the printout prints
(no database, no reportlab). services/census_check.py fills it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain import census
from ..domain.codes import year_label
from ..domain.plural import plural
from .models import SchoolInfo


@dataclass(frozen=True)
class PupilRef:
    id: int
    name: str
    year_group: str
    class_name: str
    detail: str  # what is wrong for this pupil, in plain words

    @property
    def where(self) -> str:
        year = year_label(self.year_group)
        return year if self.class_name in ("", year) else f"{year}, {self.class_name}"


@dataclass
class RuleBreach:
    rule: str
    title: str
    fix: str
    warning: bool = False
    pupils: list[PupilRef] = field(default_factory=list)
    wording: str = ""  # the DfE's own words for the rule ('' for SENCO desk's SDnn checks)

    @property
    def dfe(self) -> bool:
        return census.is_dfe_rule(self.rule)


@dataclass
class CheckReport:
    integrity: list[str]
    pupils_checked: int
    leavers_checked: int
    breaches: list[RuleBreach]
    indicators: dict[str, int] = field(default_factory=dict)  # pupils on roll with each flag set

    @property
    def integrity_ok(self) -> bool:
        return self.integrity == ["ok"]

    @property
    def errors(self) -> list[RuleBreach]:
        return [b for b in self.breaches if not b.warning]

    @property
    def warnings(self) -> list[RuleBreach]:
        return [b for b in self.breaches if b.warning]

    @property
    def clean(self) -> bool:
        """Nothing the census would reject (warnings alone leave the register clean)."""
        return self.integrity_ok and not self.errors


def summary_line(r: CheckReport) -> str:
    """The check in one line: how many checked, and whether the register is ready."""
    checked = (
        f"{plural(r.pupils_checked, 'pupil')} on roll checked"
        + (f", and {plural(r.leavers_checked, 'leaver')} for shared UPNs" if r.leavers_checked else "")
        + "."
    )
    if not r.integrity_ok:
        return checked + " The data file is damaged: restore the latest backup before the census."
    if r.clean and not r.warnings:
        return checked + " No census problems found."
    if r.clean:
        return checked + " No census errors; the notes below are worth a look."
    pupils = {p.id for b in r.errors for p in b.pupils}
    return (
        checked
        + f" {plural(len(r.errors), 'rule')} broken, for {plural(len(pupils), 'pupil')}: fix these before "
        "the census."
    )


@dataclass
class CensusPrintModel:
    school: SchoolInfo
    printed_on: date
    report: CheckReport
    upn_rules: frozenset[str]  # the rules under which a pupil's UPN is printed
    upns: dict[int, str] = field(default_factory=dict)  # pupil id -> UPN, for UPN rules only

    @property
    def title(self) -> str:
        return "Census SEN check"

    @property
    def summary(self) -> str:
        return summary_line(self.report)

    def upn_for(self, rule: str, pupil_id: int) -> str | None:
        """The UPN to print beside a pupil: under a UPN rule only."""
        return self.upns.get(pupil_id, "") if rule in self.upn_rules else None
