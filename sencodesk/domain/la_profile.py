"""LA profiles: how one local authority wants an EHC needs assessment request laid out.

A profile names the sections' order and headings, extra questions the LA asks, its costing
rules (overriding the school's defaults in that LA's packs) and a checklist of what the LA
expects before a request. The checklist is advice, never a block: EP involvement or a number
of cycles are local expectations, not legal tests (domain.md §2.1, §6 notes).

Plain data and checks only; reading the TOML files is the services' job.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .errors import ValidationError
from .plural import noun, plural

# The EHCNA pack's sections in the order, with their default headings.
EHCNA_SECTIONS: dict[str, str] = {
    "request": "Request details",
    "child": "The child or young person",
    "parents": "Parents and carers with parental responsibility",
    "child_views": "The child's views and aspirations",
    "parent_views": "Parents' and carers' views and aspirations",
    "needs": "Special educational needs by broad area",
    "attainment": "Attainment and progress over time",
    "staff_observations": "Observations from staff",
    "graduated": "The graduated approach: assess, plan, do, review",
    "costed_provision": "Costed provision map",
    "professionals": "Outside professionals involved",
    "attachments": "Reports attached",
    "now_needed": "What is now needed, and outcomes sought",
    "consents": "Consents and signatures",
    "la_questions": "Questions from the local authority",
}

CHECK_KINDS = {
    "reviewed_cycles": "at least `min` cycles reviewed",
    "ep_within_months": "EP involvement (start or report) within `months` months",
    "costed_provision_map": "a costed provision map with at least one costed line",
    "child_views": "the child's views recorded",
    "parent_views": "parents' views recorded",
    "consent": "parental consent to the request recorded",
}

GROUP_SPLITS = ("equal", "whole")


@dataclass(frozen=True)
class CheckItem:
    kind: str
    label: str
    min: int = 0
    months: int = 0


@dataclass(frozen=True)
class Question:
    id: str
    text: str


@dataclass(frozen=True)
class Costing:
    """Costing rules: hourly rate per staff role (pence), weeks in the year, group split."""

    hourly_pence: dict[str, int] = field(default_factory=dict)
    weeks_per_year: int = 38
    group_split: str = "equal"  # equal: a group session's cost is shared; whole: each pays it all

    def session_cost(
        self, role: str, minutes: int, group_size: int = 1, fallback_hourly_pence: int | None = None
    ) -> int:
        """One pupil's share of one session, in pence (rounded half up)."""
        rate = self.hourly_pence.get(role, fallback_hourly_pence)
        if rate is None:
            raise ValidationError({"role": f"No hourly rate is set for '{role}' staff."})
        share = max(group_size, 1) if self.group_split == "equal" else 1
        return (rate * minutes + 30 * share) // (60 * share)

    def yearly_cost(
        self,
        role: str,
        minutes: int,
        per_week: float,
        group_size: int = 1,
        fallback_hourly_pence: int | None = None,
    ) -> int:
        return round(
            self.session_cost(role, minutes, group_size, fallback_hourly_pence)
            * per_week
            * self.weeks_per_year
        )


@dataclass(frozen=True)
class LaProfile:
    key: str
    name: str
    order: tuple[str, ...] = tuple(EHCNA_SECTIONS)
    headings: dict[str, str] = field(default_factory=dict)
    numbered: bool = True
    questions: tuple[Question, ...] = ()
    costing: Costing | None = None
    checklist: tuple[CheckItem, ...] = ()
    threshold_pence: int = 600_000

    def heading(self, section: str, number: int | None = None) -> str:
        """The section's heading in this LA's words; numbered when the profile numbers them."""
        text = self.headings.get(section) or EHCNA_SECTIONS[section]
        if not self.numbered:
            return text
        return f"{number or self.order.index(section) + 1}. {text}"


# The heading over answers whose question no profile on this computer asks any more (the school
# switched LA, or removed its own profile): the answer prints, but never under a bare id.
UNKNOWN_QUESTION = "Other information the school gave"


def question_wordings(chosen: LaProfile, profiles: Iterable[LaProfile]) -> dict[str, str]:
    """Question id -> its wording: the chosen profile's own first, then the first other profile
    that asks it. Answers are stored by id, so after a switch of profile this is how an answer
    to the old LA's question is printed under the question it answered."""
    out: dict[str, str] = {}
    for profile in (chosen, *profiles):
        for q in profile.questions:
            out.setdefault(q.id, q.text)
    return out


def parse_profile(key: str, data: dict[str, Any]) -> LaProfile:
    """A profile from parsed TOML. Raises ValidationError naming what is wrong, in plain words."""
    errors: dict[str, str] = {}
    name = str(data.get("name") or "").strip()
    if not name:
        errors["name"] = "The profile needs a name (the LA's name)."
    sections = data.get("sections") or {}
    order = [str(s) for s in sections.get("order") or EHCNA_SECTIONS]
    unknown = [s for s in order if s not in EHCNA_SECTIONS]
    if unknown:
        errors["sections.order"] = f"Unknown {noun(len(unknown), 'section')}: {', '.join(unknown)}."
    if len(set(order)) != len(order):
        errors["sections.order"] = "A section is listed twice in the order."
    # "Reports attached" came after the profiles were written: where one does not place it, it
    # follows the professionals who wrote the reports (not the end, after the signatures).
    if "attachments" not in order and "professionals" in order:
        order.insert(order.index("professionals") + 1, "attachments")
    # A section the profile leaves out is still printed, at the end: never drop evidence.
    order += [s for s in EHCNA_SECTIONS if s not in order]
    headings = {str(k): str(v) for k, v in (data.get("headings") or {}).items()}
    bad = [k for k in headings if k not in EHCNA_SECTIONS]
    if bad:
        errors["headings"] = f"Headings given for unknown {noun(len(bad), 'section')}: {', '.join(bad)}."
    questions = []
    for i, q in enumerate(data.get("questions") or []):
        if not str(q.get("id") or "").strip() or not str(q.get("text") or "").strip():
            errors[f"questions.{i}"] = f"Question {i + 1} needs an id and a text."
        else:
            questions.append(Question(str(q["id"]).strip(), str(q["text"]).strip()))
    costing = None
    if "costing" in data:
        c = data["costing"]
        try:
            rates = {str(k): int(v) for k, v in (c.get("hourly_pence") or {}).items()}
            weeks = int(c.get("weeks_per_year", 38))
        except (TypeError, ValueError):
            errors["costing"] = "Costing rates and weeks must be whole numbers (rates in pence)."
        else:
            split = str(c.get("group_split", "equal"))
            if split not in GROUP_SPLITS:
                errors["costing.group_split"] = "group_split is 'equal' or 'whole'."
            if not 1 <= weeks <= 52 or any(r < 0 for r in rates.values()):
                errors["costing"] = "Weeks per year run from 1 to 52; rates cannot be negative."
            costing = Costing(hourly_pence=rates, weeks_per_year=weeks, group_split=split)
    checklist = []
    for i, item in enumerate(data.get("checklist") or []):
        kind = str(item.get("kind") or "")
        if kind not in CHECK_KINDS:
            errors[f"checklist.{i}"] = f"Checklist item {i + 1}: unknown kind '{kind}'."
            continue
        checklist.append(
            CheckItem(
                kind=kind,
                label=str(item.get("label") or CHECK_KINDS[kind]),
                min=int(item.get("min", 0)),
                months=int(item.get("months", 0)),
            )
        )
    if errors:
        raise ValidationError(
            errors, message=f"The LA profile '{key}' has problems: " + "; ".join(errors.values())
        )
    return LaProfile(
        key=key,
        name=name,
        order=tuple(order),
        headings=headings,
        numbered=bool(data.get("numbered", True)),
        questions=tuple(questions),
        costing=costing,
        checklist=tuple(checklist),
        threshold_pence=int(data.get("threshold_pence", 600_000)),
    )


@dataclass(frozen=True)
class RequestEvidence:
    """What the checklist looks at, taken from an EHCNA read model."""

    reviewed_cycles: int
    ep_dates: tuple[date, ...]
    costed_lines: int
    child_views: bool
    parent_views: bool
    consent: bool


@dataclass(frozen=True)
class CheckResult:
    label: str
    met: bool
    detail: str


def _months_before(day: date, months: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def evaluate_checklist(profile: LaProfile, evidence: RequestEvidence, today: date) -> list[CheckResult]:
    results = []
    for item in profile.checklist:
        if item.kind == "reviewed_cycles":
            met = evidence.reviewed_cycles >= item.min
            detail = (
                f"{plural(evidence.reviewed_cycles, 'reviewed cycle')} recorded; the LA expects {item.min}."
            )
        elif item.kind == "ep_within_months":
            since = _months_before(today, item.months)
            recent = [d for d in evidence.ep_dates if d >= since]
            met = bool(recent)
            detail = (
                f"EP involvement on {max(recent).strftime('%d/%m/%Y')}."
                if recent
                else f"No EP involvement recorded since {since.strftime('%d/%m/%Y')}."
            )
        elif item.kind == "costed_provision_map":
            met = evidence.costed_lines > 0
            detail = f"{plural(evidence.costed_lines, 'costed provision line')}."
        elif item.kind == "child_views":
            met, detail = (
                evidence.child_views,
                "Child's views " + ("recorded." if evidence.child_views else "not yet recorded."),
            )
        elif item.kind == "parent_views":
            met, detail = (
                evidence.parent_views,
                "Parents' views " + ("recorded." if evidence.parent_views else "not yet recorded."),
            )
        else:
            met, detail = (
                evidence.consent,
                "Consent " + ("recorded." if evidence.consent else "not yet recorded."),
            )
        results.append(CheckResult(item.label, met, detail))
    return results
