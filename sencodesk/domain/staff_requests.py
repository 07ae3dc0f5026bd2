"""The SENCO asks the staff for their observations of a pupil; each answers from their own sign-in.

Before a cycle's review, an EHC needs assessment request or an annual review, the SENCO sends a
pupil's class and subject teachers a short request: what they see in their lessons, what works,
attainment and progress in their subject. Each answer lands on the pupil's record as dated
evidence (who, their subject, the day) that the packs print.

Plain rules and values: the purposes, the default questions, the limits, checking what a person
typed, and the read models. No I/O (services/staff_requests.py does the rest).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .codes import year_label
from .dates import uk
from .errors import ValidationError
from .graduated import PupilRef
from .plural import plural

# Why a request is sent: the purpose's code and how it is said to the staff.
PURPOSES: dict[str, str] = {
    "cycle_review": "Before the review of the pupil's SEN support plan",
    "ehcna": "Before a request for an EHC needs assessment",
    "annual_review": "Before the annual review of the EHC plan",
    "other": "Other (the note says why)",
}

# What every request asks unless the SENCO edits the questions for this one.
DEFAULT_QUESTIONS: tuple[str, ...] = (
    "What do you see in your lessons? The pupil's strengths, and what they find difficult.",
    "What works for this pupil: the strategies, support or arrangements that help them?",
    "Attainment and progress in your subject: where are they against what is expected for "
    "their age, and how has that changed this year?",
    "Anything else the SENCO should know?",
)

RECIPIENT_STATUSES: dict[str, str] = {
    "sent": "Awaiting an answer",
    "answered": "Answered",
    "declined": "Declined",
    "withdrawn": "Withdrawn",
}

MAX_QUESTIONS = 10
QUESTION_LIMIT = 500
NOTE_LIMIT = 2_000
ANSWER_LIMIT = 5_000  # a page or two for each question
SUBJECT_LIMIT = 80
REASON_LIMIT = 500
LONGEST_WAIT_DAYS = 366  # a reply wanted more than a year ahead is a mistyped year


def purpose_label(purpose: str, cycle_number: int | None = None) -> str:
    """The purpose in words; a cycle's review names the cycle."""
    if purpose == "cycle_review" and cycle_number:
        return f"Before the review of SEN support cycle {cycle_number}"
    return PURPOSES.get(purpose, purpose)


def in_sentence(label: str) -> str:
    """A purpose inside a sentence: 'before a request for an EHC needs assessment' (only the
    first letter lowered: EHC and SEN stay capitals)."""
    return label[:1].lower() + label[1:]


def _items(raw: object) -> list[object]:
    """A list typed as lines of text, or given as a list."""
    if isinstance(raw, str):
        return list(raw.splitlines())
    if isinstance(raw, list | tuple):
        return list(raw)
    return []


def clean_questions(raw: object) -> list[str]:
    """The questions as the SENCO left them: blank lines dropped, each checked for length."""
    questions = [" ".join(str(q).split()) for q in _items(raw) if str(q).strip()]
    if not questions:
        raise ValidationError({"questions": "Ask at least one question."})
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(
            {"questions": f"Ask at most {MAX_QUESTIONS} questions: a short request is answered sooner."}
        )
    long = next((i for i, q in enumerate(questions, start=1) if len(q) > QUESTION_LIMIT), None)
    if long is not None:
        raise ValidationError(
            {"questions": f"Question {long} is longer than {QUESTION_LIMIT} characters: shorten it."}
        )
    if len(set(questions)) != len(questions):
        raise ValidationError({"questions": "A question is asked twice: remove one."})
    return questions


def check_due(due: date | None, today: date) -> date:
    if due is None:
        raise ValidationError({"due_on": "Give the date you would like the answers by."})
    if due < today:
        raise ValidationError({"due_on": "The reply-by date cannot be in the past."})
    if (due - today).days > LONGEST_WAIT_DAYS:
        raise ValidationError({"due_on": "The reply-by date is more than a year away: check the year."})
    return due


def check_text(value: object, field: str, label: str, limit: int) -> str:
    text = str(value or "").strip()
    if len(text) > limit:
        raise ValidationError({field: f"{label} is longer than {limit:,} characters: shorten it."})
    return text


def clean_answers(questions: tuple[str, ...], raw: object) -> list[QuestionAnswer]:
    """One answer per question asked, in order; at least one must say something."""
    given = _items(raw)
    if len(given) > len(questions):
        raise ValidationError({"answers": "There are more answers than questions."})
    given += [""] * (len(questions) - len(given))
    errors: dict[str, str] = {}
    answers = []
    for i, (question, text) in enumerate(zip(questions, given, strict=True)):
        answer = str(text or "").strip()
        if len(answer) > ANSWER_LIMIT:
            errors[f"answers.{i}"] = f"This answer is longer than {ANSWER_LIMIT:,} characters: shorten it."
        answers.append(QuestionAnswer(question, answer))
    if errors:
        raise ValidationError(errors)
    if not any(a.answer for a in answers):
        raise ValidationError(
            {"answers": "Answer at least one question (or decline the request and say why)."}
        )
    return answers


@dataclass(frozen=True)
class QuestionAnswer:
    question: str  # the question's words as it was asked
    answer: str


@dataclass(frozen=True)
class Recipient:
    """One member of staff asked, and what they answered."""

    id: int
    user_id: int
    name: str
    status: str
    subject: str = ""
    answers: tuple[QuestionAnswer, ...] = ()
    answered_on: date | None = None
    declined_reason: str = ""
    declined_on: date | None = None
    version: int = 1

    @property
    def status_label(self) -> str:
        if self.status == "answered" and self.answered_on:
            return f"Answered on {uk(self.answered_on)}"
        if self.status == "declined" and self.declined_on:
            return f"Declined on {uk(self.declined_on)}"
        return RECIPIENT_STATUSES.get(self.status, self.status)


@dataclass(frozen=True)
class StaffRequest:
    """A request for observations about one pupil, with everyone it was sent to."""

    id: int
    pupil: PupilRef
    asked_by: str
    asked_on: date
    due_on: date
    purpose: str
    cycle_number: int | None
    note: str
    questions: tuple[str, ...]
    status: str  # 'open' or 'withdrawn'
    withdrawn_on: date | None
    recipients: tuple[Recipient, ...]
    version: int

    @property
    def purpose_label(self) -> str:
        return purpose_label(self.purpose, self.cycle_number)

    @property
    def awaiting(self) -> list[Recipient]:
        return [r for r in self.recipients if r.status == "sent"]

    @property
    def answered(self) -> list[Recipient]:
        return [r for r in self.recipients if r.status == "answered"]

    def overdue(self, today: date) -> bool:
        """Answers still awaited after the reply-by date."""
        return self.status == "open" and bool(self.awaiting) and self.due_on < today

    def progress(self) -> str:
        """'1 of 3 answered' (and how many declined), in words."""
        declined = sum(r.status == "declined" for r in self.recipients)
        counted = [r for r in self.recipients if r.status != "withdrawn"] or list(self.recipients)
        words = f"{len(self.answered)} of {len(counted)} answered"
        return words + (f", {declined} declined" if declined else "")


@dataclass(frozen=True)
class RequestForMe:
    """A request as the member of staff asked sees it: the pupil's name and class, why it is
    asked, the questions, and their own answer. Nothing else of the pupil's record."""

    recipient_id: int
    version: int
    pupil: PupilRef
    asked_by: str
    asked_on: date
    due_on: date
    purpose_label: str
    note: str
    questions: tuple[str, ...]
    status: str
    subject: str = ""
    answers: tuple[QuestionAnswer, ...] = ()
    answered_on: date | None = None
    declined_reason: str = ""

    def overdue(self, today: date) -> bool:
        return self.status == "sent" and self.due_on < today

    def due_words(self, today: date) -> str:
        """'Overdue: wanted by 20/11/2026' / 'Reply by 12/12/2026 (in 5 days)'."""
        if self.overdue(today):
            return f"Overdue: wanted by {uk(self.due_on)}"
        days = (self.due_on - today).days
        when = "today" if days == 0 else f"in {plural(days, 'day')}"
        return f"Reply by {uk(self.due_on)} ({when})"

    def line(self, today: date) -> str:
        """One line for the command line's list (no UPN: it gets printed)."""
        where = ", ".join(x for x in (year_label(self.pupil.year_group), self.pupil.class_name) if x)
        return f"{self.due_words(today)}: {self.pupil.name} ({where}), {in_sentence(self.purpose_label)}"


@dataclass(frozen=True)
class AwaitedRequest:
    """A request still waiting for answers, as the SENCO's dashboard lists it."""

    request_id: int
    pupil: PupilRef
    due_on: date
    purpose_label: str
    awaiting: int  # staff who have yet to answer
    asked: int  # staff asked (not counting any no longer asked)

    def overdue(self, today: date) -> bool:
        return self.due_on < today

    def words(self, today: date) -> str:
        """'Overdue: wanted by 20/11/2026: Amy Smith, 2 of 3 awaited' (short: it shares half the
        dashboard's width)."""
        when = (
            f"Overdue: wanted by {uk(self.due_on)}" if self.overdue(today) else f"Reply by {uk(self.due_on)}"
        )
        return f"{when}: {self.pupil.name}, {self.awaiting} of {self.asked} awaited"


@dataclass(frozen=True)
class StaffChoice:
    """A member of staff the SENCO may ask, and why they are suggested for this pupil."""

    user_id: int
    name: str
    reasons: tuple[str, ...] = ()
    can_sign_in: bool = True
    ticked: bool = False  # offered ticked: named on this pupil's cycles or provision, not yet asked


@dataclass(frozen=True)
class Observation:
    """An answer as dated evidence, for the record and the packs."""

    teacher: str
    subject: str
    answered_on: date
    purpose: str
    answers: tuple[QuestionAnswer, ...]
