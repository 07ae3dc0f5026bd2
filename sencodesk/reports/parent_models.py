"""Read models of the two letters SENCO desk writes to parents and carers: the parent's copy of
the plan after a review, and the invitation to a review meeting. Plain data, filled by the
services (services/parent_copy.py, services/invitations.py) or by hand in tests."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from ..domain.plain_words import LONG_SENTENCE_WORDS, TARGET_READING_AGE
from ..domain.plural import plural
from .models import SchoolInfo


@dataclass(frozen=True)
class ParentLine:
    """Who a letter is to, with their first language and any interpreter needed."""

    name: str
    relationship: str = ""
    language_line: str = ""  # 'First language: Polish. Interpreter needed: Polish'

    @property
    def shown(self) -> str:
        who = f"{self.name} ({self.relationship.lower()})" if self.relationship else self.name
        return f"{who}. {self.language_line}" if self.language_line else who


@dataclass(frozen=True)
class WordsCheck:
    """The SENCO's own words in a letter that a parent may find hard: measured, never rewritten."""

    where: str  # "What you can do at home"
    text: str
    reading_age: float | None
    long_sentences: tuple[str, ...] = ()
    jargon: tuple[str, ...] = ()

    @property
    def advice(self) -> str:
        parts = []
        if self.reading_age is not None and self.reading_age > TARGET_READING_AGE:
            parts.append(
                f"reading age about {math.ceil(self.reading_age)} (the aim is {TARGET_READING_AGE} or under)"
            )
        if self.long_sentences:
            count = len(self.long_sentences)
            parts.append(f"{plural(count, 'sentence')} of more than {LONG_SENTENCE_WORDS} words")
        if self.jargon:
            parts.append("school words: " + ", ".join(self.jargon))
        words = " ".join(self.text.split())
        quoted = words if len(words) <= 60 else words[:59].rstrip() + "…"
        return f"{self.where} (\u201c{quoted}\u201d): " + "; ".join(parts)


@dataclass(frozen=True)
class LastGoal:
    text: str
    how_it_went: str  # in plain words: Done / Part of the way there / Not yet


@dataclass
class ParentCopyModel:
    school: SchoolInfo
    pupil_first_name: str
    pupil_name: str
    printed_on: date
    parents: list[ParentLine] = field(default_factory=list)
    reviewed_on: date | None = None  # the review this copy follows
    last_goals: list[LastGoal] = field(default_factory=list)
    plan_start: date | None = None
    goals: list[str] = field(default_factory=list)  # in the pupil's words where the SENCO has them
    school_help: list[str] = field(default_factory=list)  # each provision in plain words
    in_class: str = ""  # the plan's strategies, as the SENCO wrote them
    at_home: str = ""  # what parents and carers can do at home (the SENCO's words)
    next_meeting: date | None = None
    checks: list[WordsCheck] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.pupil_first_name}'s plan: a copy for home"

    def missing(self) -> list[str]:
        out = []
        if not self.goals:
            out.append("The new plan is not written yet: the copy says it will follow")
        if not self.at_home.strip():
            out.append("What parents can do at home: write it on the plan (Support tab, Plan)")
        if self.next_meeting is None:
            out.append("The date of the next review: set it on the plan")
        if not self.parents:
            out.append("Parents and carers: add them on the Contacts tab")
        return out


@dataclass
class InvitationModel:
    school: SchoolInfo
    pupil_first_name: str
    pupil_name: str
    printed_on: date
    letter: str  # the school's template, filled in
    parents: list[ParentLine] = field(default_factory=list)
    meeting: str = "review"  # review (a cycle's) / annual_review (an EHC plan's)

    @property
    def title(self) -> str:
        return f"Invitation to a meeting about {self.pupil_first_name}"

    def missing(self) -> list[str]:
        return [] if self.parents else ["Parents and carers: add them on the Contacts tab"]
