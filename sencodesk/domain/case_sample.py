"""What an inspector sampling a pupil's SEN record would find missing: the gap rules, in plain Python.

Since 10 November 2025 Ofsted grades inclusion as an evaluation area of its own and "case samples"
a handful of pupils (among them, in the accounts of the framework we could read, a pupil with an
EHC plan), following each one through the school's own record: how their needs were identified,
how the cycle of planning, action and review ran, which specialists were involved, how the
parents and the pupil took part, and what difference it made.

What was read (see the README, "The inclusion case sample"):
- Ofsted, *School inspection operating guide for inspectors: for use from November 2025*
  (published 9 September 2025, for inspections from 10 November 2025),
  https://www.gov.uk/government/publications/school-inspection-toolkit-operating-guide-and-information/school-inspection-operating-guide-for-inspectors-for-use-from-november-2025
  (its opening only: the principles that pupils achieve, belong and thrive). Its case-sampling
  section, and the *School inspection toolkit* itself, could not be read in Ofsted's own words.
- The toolkit's inclusion factors as quoted by others: early and accurate assessment of needs; a
  continuous cycle of planning, actions and review; involving specialists when necessary
  (Anchored Schools, "Inspecting SEND under the new framework",
  https://www.anchoredschools.com/latest-news/inspecting-send-under-the-new-framework; Flourish,
  "Inclusion and its importance in the new Ofsted framework",
  https://flourish.software/inclusion-and-its-importance-in-the-new-ofsted-framework/), and its
  introduction's line that leaders need not produce documents for an inspection, only the
  school's own records, easily reached (quoted in a bookseller's listing of the printed toolkit).
  How a case sample is drawn (around six pupils agreed on the first day, one with an EHC plan):
  The Key for School Governors, "Using case sampling to explore provision for specific pupil
  groups" (last reviewed 12 May 2026), and https://jmcinset.com/guide-ofsted-inspection-inclusion.

So the rules below are not Ofsted's: they are the SEND Code of Practice's graduated approach,
which every inspection question above comes back to, as summarised in the project's domain
reference (assess-plan-do-review 6.44-6.56, specialists 6.58-6.62 with 6.59 and 6.60, parents and
pupils 6.64-6.71; paragraph numbers as the reference gives them from secondary sources), and the
statutory annual review of an EHC plan (Children and Families Act 2014 s44(1)). Each gap says, in
neutral words, what the record does not show and what would close it; none is a judgement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import uk
from .graduated import PupilRef
from .plural import plural
from .statutory import review_schedule

# How long the record may fairly be behind before a gap is shown (a plan written at the
# meeting that opened the cycle, sessions logged at the end of the week, advice read and used).
NO_PLAN_AFTER_DAYS = 28
SESSIONS_GRACE_DAYS = 14
ADVICE_FOLLOW_UP_DAYS = 42
# Code 6.59: little or no progress at this many reviews running (under half the outcomes met).
STALLED_REVIEWS = 2
LITTLE_PROGRESS = 0.5

# The inspector's questions, in the order the pack and the list group the gaps by.
IDENTIFICATION = "How needs were identified"
CYCLE = "How the plan-do-review cycle ran"
SPECIALISTS = "Specialists and their advice"
VOICE = "How the parents and the pupil took part"
IMPACT = "What difference it made"
EHC = "The EHC plan"
QUESTIONS = (IDENTIFICATION, CYCLE, SPECIALISTS, VOICE, IMPACT, EHC)


@dataclass(frozen=True)
class Rule:
    key: str
    question: str  # one of QUESTIONS
    check: str  # what is checked, as the pack's list of checks prints it
    basis: str  # where the expectation comes from
    short: str  # a few words for the whole-school list


RULES: tuple[Rule, ...] = (
    Rule(
        "no_cycle",
        IDENTIFICATION,
        "A pupil on the register has an assess-plan-do-review cycle recorded",
        "SEND Code of Practice 6.44-6.56 (the graduated approach)",
        "no cycle recorded",
    ),
    Rule(
        "no_assessment",
        IDENTIFICATION,
        "Each cycle records how the pupil's needs were assessed",
        "SEND Code of Practice 6.44-6.56 (assess)",
        "assessment not recorded",
    ),
    Rule(
        "no_plan",
        CYCLE,
        f"A cycle has its plan within {NO_PLAN_AFTER_DAYS // 7} weeks of starting",
        "SEND Code of Practice 6.48 (the plan, with a clear date for review)",
        "no plan yet",
    ),
    Rule(
        "parents_not_told",
        VOICE,
        "The parents were told of each plan, or agreed it",
        "Children and Families Act 2014 s68; SEND Code of Practice 6.48",
        "parents not told of the plan",
    ),
    Rule(
        "no_parent_voice",
        VOICE,
        "The parents' views are recorded in each cycle (at the assessment or the review)",
        "SEND Code of Practice 6.64-6.71 (working with parents); 6.54 (review with them)",
        "no parents' views",
    ),
    Rule(
        "no_pupil_voice",
        VOICE,
        "The pupil's views are recorded in each cycle (at the assessment or the review)",
        "SEND Code of Practice 6.44-6.56 and 6.64-6.71 (the pupil's views)",
        "no pupil's views",
    ),
    Rule(
        "no_sessions",
        CYCLE,
        f"Sessions are logged for the provision planned (after its first {SESSIONS_GRACE_DAYS} days)",
        "SEND Code of Practice 6.44-6.56 (do); records of the provision made",
        "no sessions logged",
    ),
    Rule(
        "review_overdue",
        CYCLE,
        "Each cycle is reviewed by the date set in its plan",
        "SEND Code of Practice 6.48 (a clear date for review) and 6.54",
        "review overdue",
    ),
    Rule(
        "not_rated",
        IMPACT,
        "Each outcome is rated at the review",
        "SEND Code of Practice 6.54 (the impact of the support on progress)",
        "outcomes not rated",
    ),
    Rule(
        "advice_not_followed",
        SPECIALISTS,
        f"Specialist advice is followed by a plan within {ADVICE_FOLLOW_UP_DAYS // 7} weeks",
        "SEND Code of Practice 6.58-6.62 (6.60: advice acted on)",
        "advice not in a plan",
    ),
    Rule(
        "no_specialist",
        SPECIALISTS,
        f"A specialist is involved once {STALLED_REVIEWS} reviews running found little progress",
        "SEND Code of Practice 6.59",
        "no specialist involved",
    ),
    Rule(
        "ehc_no_plan",
        EHC,
        "A pupil with SEN status E has an EHC plan recorded",
        "School census: status E means the pupil has an EHC plan",
        "EHC plan not recorded",
    ),
    Rule(
        "annual_review_late",
        EHC,
        "The EHC plan is reviewed within each 12 months",
        "Children and Families Act 2014 s44(1)",
        "annual review late",
    ),
)
RULE = {r.key: r for r in RULES}


# --- the facts the rules read: built by the service from one query per kind of fact ------------


@dataclass(frozen=True)
class ProvisionFacts:
    name: str
    starts: date | None  # the allocation's start, else the plan's
    sessions: int  # sessions logged


@dataclass(frozen=True)
class CycleFacts:
    number: int
    is_open: bool
    started_on: date | None  # when the cycle was opened
    assessed: bool  # an assessment date, needs found, attainment or a test result
    pupil_views: bool  # at the assessment
    parent_views: bool
    plan_start: date | None
    review_date: date | None
    parents_told: bool  # told of the plan, or agreed it
    reviewed_on: date | None
    pupil_at_review: bool  # there, or their views recorded at the review
    parents_at_review: bool
    outcomes: int = 0
    rated: int = 0
    met: int = 0  # rated met or exceeded
    provision: tuple[ProvisionFacts, ...] = ()


@dataclass(frozen=True)
class AdviceFacts:
    service: str
    professional: str
    advised_on: date  # the latest report, else the start of the involvement


@dataclass(frozen=True)
class RecordFacts:
    sen_status: str  # N, K, E
    sen_since: date | None
    cycles: tuple[CycleFacts, ...] = ()  # in number order
    advice: tuple[AdviceFacts, ...] = ()
    specialists: int = 0  # involvements, and referrals that left the school
    plan_date: date | None = None  # the current EHC plan's
    plan_reviews: tuple[date, ...] = ()  # its annual review meetings, in date order


@dataclass(frozen=True)
class Gap:
    key: str  # a RULES key
    what: str  # what the record does not show, as a sentence
    to_close: str  # what would close the gap
    cycle: int | None = None  # the cycle it is in, if any

    @property
    def rule(self) -> Rule:
        return RULE[self.key]

    @property
    def where(self) -> str:
        return f"Cycle {self.cycle}" if self.cycle is not None else self.rule.question

    @property
    def short(self) -> str:
        """'no parents' views (cycle 2)': for a list with one line per pupil."""
        return self.rule.short + (f" (cycle {self.cycle})" if self.cycle is not None else "")


# --- the rules ---------------------------------------------------------------------------------


def gaps(facts: RecordFacts, today: date) -> list[Gap]:
    """Every gap in the record, grouped as QUESTIONS orders them, cycles in number order."""
    found = [*_record_gaps(facts)]
    for c in facts.cycles:
        found += _cycle_gaps(c, today)
    found += _overdue_gaps(facts, today)
    found += _specialist_gaps(facts, today)
    found += _ehc_gaps(facts, today)
    order = {key: i for i, key in enumerate(r.key for r in RULES)}
    return sorted(
        found,
        key=lambda g: (QUESTIONS.index(g.rule.question), g.cycle or 0, order[g.key]),
    )


def _record_gaps(facts: RecordFacts) -> list[Gap]:
    if facts.cycles or facts.sen_status not in ("K", "E"):
        return []
    since = f" (on the register since {uk(facts.sen_since)})" if facts.sen_since else ""
    return [
        Gap(
            "no_cycle",
            f"No assess-plan-do-review cycle is recorded{since}.",
            "Start a cycle on the pupil's Support tab and record what the assessment found.",
        )
    ]


def _cycle_gaps(c: CycleFacts, today: date) -> list[Gap]:
    n = c.number
    out: list[Gap] = []
    being_assessed = c.is_open and c.plan_start is None  # its plan (or "no plan yet") comes next
    if not c.assessed and not being_assessed:
        out.append(
            Gap(
                "no_assessment",
                f"Cycle {n} does not record how the pupil's needs were assessed.",
                f"Record what the assessment found (and any test results) on cycle {n}'s Assess step.",
                n,
            )
        )
    if c.plan_start is None:
        if c.is_open and c.started_on and (today - c.started_on).days > NO_PLAN_AFTER_DAYS:
            out.append(
                Gap(
                    "no_plan",
                    f"Cycle {n} was started on {uk(c.started_on)} and has no plan yet.",
                    f"Write cycle {n}'s plan with the parents: outcomes, provision and a review date.",
                    n,
                )
            )
    elif not c.parents_told:
        out.append(
            Gap(
                "parents_not_told",
                f"Cycle {n}: the record does not say when the parents were told of the plan.",
                f"Record the date the parents were told (or agreed) on cycle {n}'s Plan step.",
                n,
            )
        )
    reviewed = c.reviewed_on is not None
    for key, at_start, at_review, whose in (
        ("no_parent_voice", c.parent_views, c.parents_at_review, "parents'"),
        ("no_pupil_voice", c.pupil_views, c.pupil_at_review, "pupil's"),
    ):
        if at_start or at_review or being_assessed:
            continue  # a cycle still being assessed has not yet had its chance to ask
        if reviewed:
            what = f"Cycle {n}: the {whose} views are not recorded, at the assessment or at the review."
            close = f"If they were asked, add what was said to cycle {n}'s review (Edit review…)."
        else:
            what = f"Cycle {n} (the current cycle): the {whose} views are not recorded yet."
            close = f"Record the {whose} views on cycle {n}'s Assess step, or at its review."
        out.append(Gap(key, what, close, n))
    out += _session_gaps(c, today)
    if reviewed and c.rated < c.outcomes:
        out.append(
            Gap(
                "not_rated",
                f"Cycle {n}: {c.outcomes - c.rated} of {plural(c.outcomes, 'outcome')} "
                "were not rated at the review.",
                f"Rate each outcome of cycle {n} (Edit review…).",
                n,
            )
        )
    return out


def _session_gaps(c: CycleFacts, today: date) -> list[Gap]:
    """Provision planned but with no session logged: once a reviewed cycle has ended, or once
    an open cycle's provision has run past its first days."""
    out = []
    for p in c.provision:
        if p.sessions:
            continue
        starts = p.starts or c.plan_start
        if c.reviewed_on is None and (starts is None or (today - starts).days <= SESSIONS_GRACE_DAYS):
            continue
        since = f" (planned from {uk(starts)})" if starts else ""
        out.append(
            Gap(
                "no_sessions",
                f"Cycle {c.number}: no sessions of {p.name} are logged{since}.",
                "Log the sessions delivered; if it did not run, say why in the review.",
                c.number,
            )
        )
    return out


def _overdue_gaps(facts: RecordFacts, today: date) -> list[Gap]:
    """The open cycle past its review date with no review: said once, at the cycle."""
    out = []
    ever = any(c.reviewed_on for c in facts.cycles)
    for c in facts.cycles:
        if not (c.is_open and c.reviewed_on is None and c.review_date and c.review_date < today):
            continue
        late = plural((today - c.review_date).days, "day")
        what = f"Cycle {c.number}'s review was due on {uk(c.review_date)} ({late} ago) and is not recorded."
        if not ever:
            what += " No review has been recorded since SEN support began."
        out.append(
            Gap(
                "review_overdue",
                what,
                f"Hold the review with the pupil and parents, and record it on cycle {c.number}.",
                c.number,
            )
        )
    return out


def _specialist_gaps(facts: RecordFacts, today: date) -> list[Gap]:
    out = []
    plans = [c.plan_start for c in facts.cycles if c.plan_start]
    reviews = [c.reviewed_on for c in facts.cycles if c.reviewed_on]
    for a in facts.advice:
        if (today - a.advised_on).days <= ADVICE_FOLLOW_UP_DAYS:
            continue
        if any(d >= a.advised_on for d in plans + reviews):
            continue  # a plan written, or a review held, since the advice came
        who = f"{a.service} ({a.professional})" if a.professional else a.service
        out.append(
            Gap(
                "advice_not_followed",
                f"Advice from {who}, dated {uk(a.advised_on)}, is not followed by a plan or a review.",
                "Use the advice in the next plan (its outside advice and provision), or review the "
                "current one with it.",
            )
        )
    last = [c for c in facts.cycles if c.reviewed_on and c.rated][-STALLED_REVIEWS:]
    if (
        facts.specialists == 0
        and len(last) == STALLED_REVIEWS
        and all(c.met / c.rated < LITTLE_PROGRESS for c in last)
    ):
        numbers = " and ".join(str(c.number) for c in last)
        out.append(
            Gap(
                "no_specialist",
                f"The reviews of cycles {numbers} found fewer than half the outcomes met, and no "
                "specialist is involved or has been asked.",
                "Consider, with the parents, involving a specialist (an educational psychologist, "
                "a speech and language therapist, a specialist teacher), and record the referral.",
            )
        )
    return out


def annual_review_due(plan_date: date, meetings: tuple[date, ...], today: date) -> date:
    """When the plan's next annual review is due, counting only meetings held by `today` (a
    meeting booked for later does not make a late review on time)."""
    return review_schedule(plan_date, sorted(m for m in meetings if m <= today))[1]


def _ehc_gaps(facts: RecordFacts, today: date) -> list[Gap]:
    if facts.plan_date is None:
        if facts.sen_status != "E":
            return []
        return [
            Gap(
                "ehc_no_plan",
                "The SEN status is EHC plan, but no current EHC plan is recorded.",
                "Record the plan (its date and sections) on the pupil's EHC tab.",
            )
        ]
    due = annual_review_due(facts.plan_date, facts.plan_reviews, today)
    if due >= today:
        return []
    held = [m for m in facts.plan_reviews if m <= today]
    since = f"the last review on {uk(max(held))}" if held else f"the plan of {uk(facts.plan_date)}"
    return [
        Gap(
            "annual_review_late",
            f"The EHC plan's annual review was due by {uk(due)}; none is recorded since {since}.",
            "Hold the annual review (or record it on the EHC tab if it was held).",
        )
    ]


def summary(found: list[Gap]) -> str:
    """'no parents' views (cycle 2); review overdue (cycle 3)': one line for a list, each said
    once (two interventions with no sessions in one cycle are one "no sessions logged (cycle 2)")."""
    return "; ".join(dict.fromkeys(g.short for g in found))


# --- the whole school: every pupil on the register, with their gaps ------------------------------


@dataclass(frozen=True)
class PupilGaps:
    pupil: PupilRef
    sen_status: str  # K, E
    sen_since: date | None
    cycles: int
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class SchoolGaps:
    today: date
    pupils: tuple[PupilGaps, ...]  # every pupil on the register, by name (a teacher's: theirs)
    mine: bool = False  # a teacher's own pupils only, so the headline says "your"

    @property
    def with_gaps(self) -> list[PupilGaps]:
        return [p for p in self.pupils if p.gaps]

    @property
    def headline(self) -> str:
        """'12 of the 48 pupils on the register have a gap an inspector would find.' ('of your 3
        pupils' for a teacher)."""
        n, total = len(self.with_gaps), len(self.pupils)
        the = "your" if self.mine else "the"
        if not total:
            return (
                "None of your pupils is on the SEN register."
                if self.mine
                else "Nobody is on the SEN register."
            )
        if total == 1:
            one = "Your one pupil" if self.mine else "The one pupil"
            return f"{one} on the register has {'a' if n else 'no'} gap an inspector would find."
        if not n:
            return f"None of {the} {total} pupils on the register has a gap an inspector would find."
        verb = "has" if n == 1 else "have"
        return f"{n} of {the} {total} pupils on the register {verb} a gap an inspector would find."
