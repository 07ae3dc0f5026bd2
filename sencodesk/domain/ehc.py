"""EHC needs assessment requests, LA consultations, EHC plans and annual reviews: their shape
and the checks a save must pass. The date rules themselves live in domain/statutory.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from . import statutory
from .codes import AREAS
from .dates import parse_date
from .errors import ValidationError

REQUESTED_BY = {"school": "The school", "parent": "The parent/carer", "young_person": "The young person"}
REPLIES = {"can": "The school can meet the needs", "cannot": "The school cannot meet the needs"}
LA_DECISIONS = {"keep": "Keep the plan as it is", "amend": "Amend the plan", "cease": "Cease the plan"}
PLAN_STATUSES = {"current": "Current", "ceased": "Ceased"}
# Sections kept as text (reg 12; K from Code 9.62). B, E and F are lists; I is the named school;
# J is the personal budget note.
TEXT_SECTIONS: dict[str, str] = {
    "section_a": "A: Views, interests and aspirations",
    "section_c": "C: Health care needs",
    "section_d": "D: Social care needs",
    "section_g": "G: Health care provision",
    "section_h1": "H1: Social care provision (CSDPA 1970 s2)",
    "section_h2": "H2: Other social care provision",
    "section_k": "K: Advice and information (appendices)",
}
MAX_TEXT = 20_000


@dataclass(frozen=True)
class EhcnaRequest:
    id: int
    pupil_id: int
    pupil_name: str
    requested_by: str
    pack_reference: str
    la_name: str
    dates: statutory.RequestDates
    appeal_note: str
    notes: str
    version: int
    updated_at: str
    updated_by: str
    exception_ids: tuple[int, ...] = ()

    def timeline(self) -> list[statutory.StatutoryDate]:
        return statutory.request_timeline(self.dates)


@dataclass(frozen=True)
class Consultation:
    id: int
    pupil_id: int | None
    child_name: str
    child_dob: date | None
    la_name: str
    received_on: date
    papers: str
    due_on: date
    reply: str | None
    reasons: str
    needed: str
    sent_on: date | None
    version: int

    def step(self) -> statutory.StatutoryDate:
        return statutory.StatutoryDate(
            "reply",
            "School's reply to the LA consultation",
            self.due_on,
            self.sent_on,
            "school",
            statutory.CONSULTATION_BASIS,
        )


@dataclass(frozen=True)
class PlanItem:
    """One line of Section B (a need), E (an outcome) or F (provision)."""

    text: str
    area: str = ""
    detail: str = ""  # E: by when; F: who delivers, how often
    id: int | None = None


@dataclass(frozen=True)
class EhcPlan:
    id: int
    pupil_id: int
    pupil_name: str
    plan_date: date
    la_name: str
    named_school: str
    personal_budget: str
    sections: dict[str, str]
    needs: tuple[PlanItem, ...]
    outcomes: tuple[PlanItem, ...]
    provision: tuple[PlanItem, ...]
    status: str
    ceased_on: date | None
    request_id: int | None
    version: int
    updated_at: str
    updated_by: str


@dataclass(frozen=True)
class Invitation:
    invitee: str  # a STATUTORY_INVITEES key, or "other"
    name: str = ""
    sent_on: date | None = None

    @property
    def label(self) -> str:
        return statutory.STATUTORY_INVITEES.get(self.invitee, self.name or "Other")


@dataclass(frozen=True)
class AnnualReview:
    id: int
    plan_id: int
    pupil_id: int
    dates: statutory.ReviewDates
    invitations: tuple[Invitation, ...]
    advice_gathered_on: date | None
    pfa_notes: str
    notes: str
    version: int
    updated_at: str
    updated_by: str

    def timeline(self) -> list[statutory.StatutoryDate]:
        return statutory.review_timeline(self.dates)


# --- Form checks: strings from a screen or the command line -> clean values --------------


class _Form:
    """Collects every field's problem, so one save reports them all."""

    def __init__(self, form: dict[str, Any]):
        self.form = form
        self.errors: dict[str, str] = {}

    def text(self, key: str, label: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
        value = str(self.form.get(key) or "").strip()
        if required and not value:
            self.errors[key] = f"{label} is required."
        elif len(value) > limit:
            self.errors[key] = f"{label} is too long ({limit:,} characters at most)."
        return value

    def day(
        self,
        key: str,
        label: str,
        *,
        required: bool = False,
        not_before: tuple[str, date | None] | None = None,
        today: date | None = None,
    ) -> date | None:
        try:
            value = parse_date(self.form.get(key), key, label=label)
        except ValidationError as e:
            self.errors.update(e.field_errors)
            return None
        if value is None and required:
            self.errors[key] = f"{label} is required."
        if value and not_before and not_before[1] and value < not_before[1]:
            self.errors[key] = (
                f"{label} ({value:%d/%m/%Y}) is before {not_before[0]} ({not_before[1]:%d/%m/%Y})."
            )
        if value and today and value > today:
            self.errors[key] = f"{label} is in the future: record it once it has happened."
        return value

    def choice(self, key: str, label: str, options: dict[str, str], *, required: bool = False) -> str | None:
        value = str(self.form.get(key) or "").strip().lower() or None
        if value is None:
            if required:
                self.errors[key] = f"Choose {label}: " + ", ".join(options.values()) + "."
            return None
        if value not in options:
            self.errors[key] = f"'{value}' is not a choice for {label}: " + ", ".join(options) + "."
        return value

    def done(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _yes_no(value: object) -> bool | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("yes", "y", "true", "1", "assess"):
        return True
    if text in ("no", "n", "false", "0", "refuse", "refused"):
        return False
    raise ValidationError({"will_assess": f"Decision to assess: '{value}' is not yes or no."})


def clean_request(form: dict[str, Any], *, today: date) -> dict[str, Any]:
    """An EHCNA request form -> column values. Each LA step must follow the one before it."""
    f = _Form(form)
    values: dict[str, Any] = {}
    values["requested_by"] = f.choice("requested_by", "who sent the request", REQUESTED_BY, required=True)
    sent = values["sent_on"] = f.day("sent_on", "Date the request was sent", required=True, today=today)
    received = values["la_received_on"] = f.day(
        "la_received_on", "Date the LA received it", not_before=("the date sent", sent), today=today
    )
    start = received or sent
    values["pack_reference"] = f.text("pack_reference", "Pack reference", limit=200)
    values["la_name"] = f.text("la_name", "Local authority", limit=200)
    try:
        values["will_assess"] = _yes_no(form.get("will_assess"))
    except ValidationError as e:
        f.errors.update(e.field_errors)
        values["will_assess"] = None
    decision = values["decision_on"] = f.day(
        "decision_on", "Date of the LA's decision to assess", not_before=("the request", start), today=today
    )
    if decision and values["will_assess"] is None and "will_assess" not in f.errors:
        f.errors["will_assess"] = "Say whether the LA decided to assess (yes or no)."
    if values["will_assess"] is not None and decision is None and "decision_on" not in f.errors:
        f.errors["decision_on"] = "Give the date of the LA's decision to assess."
    steps = (
        ("advice_requested_on", "Date the LA asked the school for advice", ("the request", start)),
        ("advice_sent_on", "Date the school sent its advice", None),
        ("draft_received_on", "Date the draft plan was received", ("the request", start)),
        ("comments_returned_on", "Date comments on the draft were returned", None),
        ("final_plan_on", "Date the final plan was issued", ("the request", start)),
        ("no_plan_on", "Date the LA decided not to issue a plan", ("the request", start)),
        ("withdrawn_on", "Date the request was withdrawn", ("the date sent", sent)),
    )
    for key, label, after in steps:
        values[key] = f.day(key, label, not_before=after, today=today)
    if values["advice_sent_on"] and not values["advice_requested_on"]:
        f.errors.setdefault("advice_requested_on", "Give the date the LA asked for the school's advice.")
    elif values["advice_sent_on"] and values["advice_sent_on"] < values["advice_requested_on"]:
        f.errors.setdefault("advice_sent_on", "The advice was sent before the LA asked for it.")
    if values["comments_returned_on"] and not values["draft_received_on"]:
        f.errors.setdefault("draft_received_on", "Give the date the draft plan was received.")
    elif values["comments_returned_on"] and values["comments_returned_on"] < values["draft_received_on"]:
        f.errors.setdefault("comments_returned_on", "The comments are dated before the draft arrived.")
    if values["will_assess"] is False and any(
        values[k] for k in ("advice_requested_on", "draft_received_on", "final_plan_on", "no_plan_on")
    ):
        f.errors.setdefault(
            "will_assess",
            "The LA refused to assess, so there can be no later steps. "
            "If the refusal was overturned on appeal, record a new request.",
        )
    if values["final_plan_on"] and values["no_plan_on"]:
        f.errors.setdefault(
            "no_plan_on", "A request ends in a final plan or a decision not to issue one, not both."
        )
    values["appeal_note"] = f.text("appeal_note", "Appeal or mediation note")
    values["notes"] = f.text("notes", "Notes")
    f.done()
    return values


def clean_exception(
    form: dict[str, Any], *, advice_requested_on: date | None = None
) -> statutory.TimeLimitException:
    f = _Form(form)
    kind = f.choice("kind", "which exception applies", statutory.EXCEPTIONS, required=True)
    note = f.text("note", "Note", required=True, limit=2000)
    starts = f.day("starts_on", "First day of the period")
    ends = f.day("ends_on", "Last day of the period", not_before=("the first day", starts))
    f.done()
    assert kind is not None  # required: done() has refused a form without it
    exc = statutory.TimeLimitException(kind, note, starts, ends)
    problems = statutory.check_exception(exc, advice_requested_on=advice_requested_on)
    if problems:
        raise ValidationError(
            {"starts_on" if "period" in problems[0] or "advice" in problems[0] else "note": problems[0]}
        )
    return exc


def clean_consultation(form: dict[str, Any], *, today: date, on_roll: bool) -> dict[str, Any]:
    """A consultation about naming the school. A child not on roll is named with a DOB."""
    f = _Form(form)
    values: dict[str, Any] = {}
    if on_roll:
        values["child_name"], values["child_dob"] = "", None
    else:
        values["child_name"] = f.text("child_name", "Child's name", required=True, limit=160)
        values["child_dob"] = f.day("child_dob", "Child's date of birth", required=True, today=today)
    values["la_name"] = f.text("la_name", "Local authority", required=True, limit=200)
    received = values["received_on"] = f.day(
        "received_on", "Date the consultation arrived", required=True, today=today
    )
    values["papers"] = f.text("papers", "Papers received")
    values["reply"] = f.choice("reply", "the school's reply", REPLIES)
    values["reasons"] = f.text("reasons", "Reasons")
    values["needed"] = f.text("needed", "What would be needed")
    values["sent_on"] = f.day(
        "sent_on", "Date the reply was sent", not_before=("the consultation", received), today=today
    )
    if values["sent_on"] and not values["reply"]:
        f.errors.setdefault(
            "reply", "Say whether the school can meet the needs before recording the reply as sent."
        )
    if values["reply"] == "cannot" and not values["reasons"]:
        f.errors.setdefault(
            "reasons",
            "Give the reasons the school cannot meet the needs: the LA must "
            "weigh them, and a bare 'no' is usually challenged.",
        )
    # The LA's letter may ask for the reply sooner than 15 days; a later date is not the
    # school's to take, so it is refused rather than silently kept.
    statutory_due = statutory.consultation_due(received) if received else None
    due = f.day("due_on", "Reply due by", not_before=("the consultation", received))
    if due and statutory_due and due > statutory_due:
        f.errors.setdefault(
            "due_on",
            f"The reply is due within 15 days, by {statutory_due:%d/%m/%Y}; "
            "leave the date blank or give the LA's earlier date.",
        )
    f.done()
    values["due_on"] = due or statutory_due
    return values


def _items(form: dict[str, Any], key: str, label: str, errors: dict[str, str]) -> tuple[PlanItem, ...]:
    items = []
    for i, raw in enumerate(form.get(key) or []):
        raw = raw if isinstance(raw, dict) else {"text": raw}
        text = str(raw.get("text") or "").strip()
        area = str(raw.get("area") or "").strip().upper()
        detail = str(raw.get("detail") or "").strip()
        if not text and not detail:
            continue  # an empty row in the table
        if not text:
            errors[f"{key}.{i}"] = f"{label} {i + 1} has no text."
        elif len(text) > MAX_TEXT:
            errors[f"{key}.{i}"] = f"{label} {i + 1} is too long."
        if area and area not in AREAS:
            errors[f"{key}.{i}"] = f"{label} {i + 1}: '{area}' is not a broad area of need."
        item_id = raw.get("id")
        items.append(PlanItem(text=text, area=area, detail=detail, id=int(item_id) if item_id else None))
    return tuple(items)


def clean_plan(form: dict[str, Any], *, today: date) -> dict[str, Any]:
    """An EHC plan form: plan date, sections A-K (B, E, F as lists), named school, budget note."""
    f = _Form(form)
    values: dict[str, Any] = {"plan_date": f.day("plan_date", "Plan date", required=True, today=today)}
    values["la_name"] = f.text("la_name", "Local authority", limit=200)
    values["named_school"] = f.text("named_school", "Section I: named school", limit=300)
    values["personal_budget"] = f.text("personal_budget", "Section J: personal budget")
    for key, label in TEXT_SECTIONS.items():
        values[key] = f.text(key, f"Section {label}")
    values["needs"] = _items(form, "needs", "Section B need", f.errors)
    values["outcomes"] = _items(form, "outcomes", "Section E outcome", f.errors)
    values["provision"] = _items(form, "provision", "Section F provision", f.errors)
    if not values["needs"]:
        f.errors.setdefault("needs", "Section B needs at least one special educational need.")
    if not values["outcomes"]:
        f.errors.setdefault(
            "outcomes", "Section E needs at least one outcome: reviews measure progress against them."
        )
    if not values["provision"]:
        f.errors.setdefault(
            "provision", "Section F needs at least one line of provision the school delivers."
        )
    f.done()
    return values


def clean_review(form: dict[str, Any], *, plan_date: date, today: date) -> dict[str, Any]:
    """An annual review form. The meeting may be in the future (booked); the rest has happened."""
    f = _Form(form)
    values: dict[str, Any] = {}
    meeting = values["meeting_on"] = f.day(
        "meeting_on", "Meeting date", required=True, not_before=("the plan date", plan_date)
    )
    invitations = []
    for i, raw in enumerate(form.get("invitations") or []):
        invitee = str(raw.get("invitee") or "").strip() or "other"
        name = str(raw.get("name") or "").strip()
        if invitee not in statutory.STATUTORY_INVITEES and invitee != "other":
            f.errors[f"invitations.{i}"] = f"'{invitee}' is not one of the invitees."
            continue
        if invitee == "other" and not name:
            if raw.get("sent_on"):
                f.errors[f"invitations.{i}"] = f"Invitation {i + 1}: say who was invited."
            continue
        try:
            sent = parse_date(
                raw.get("sent_on"), f"invitations.{i}", label=f"Invitation date ({name or invitee})"
            )
        except ValidationError as e:
            f.errors.update(e.field_errors)
            continue
        if sent and today and sent > today:
            f.errors[f"invitations.{i}"] = "An invitation date is in the future: record it once sent."
        invitations.append(Invitation(invitee, name, sent))
    values["invitations"] = tuple(invitations)
    values["advice_gathered_on"] = f.day("advice_gathered_on", "Date advice was gathered", today=today)
    values["advice_circulated_on"] = f.day("advice_circulated_on", "Date advice was circulated", today=today)
    values["report_sent_on"] = f.day(
        "report_sent_on",
        "Date the review report was sent to the LA",
        not_before=("the meeting", meeting),
        today=today,
    )
    values["la_decision"] = f.choice("la_decision", "the LA's decision", LA_DECISIONS)
    values["la_decision_on"] = f.day(
        "la_decision_on", "Date of the LA's decision", not_before=("the meeting", meeting), today=today
    )
    if values["la_decision"] and not values["la_decision_on"]:
        f.errors.setdefault("la_decision_on", "Give the date of the LA's decision.")
    if values["la_decision_on"] and not values["la_decision"]:
        f.errors.setdefault("la_decision", "Say what the LA decided: keep, amend or cease.")
    values["amendment_notice_on"] = f.day(
        "amendment_notice_on",
        "Date of the LA's amendment notice",
        not_before=("the meeting", meeting),
        today=today,
    )
    values["amendments_finalised_on"] = f.day(
        "amendments_finalised_on",
        "Date the amended plan was finalised",
        not_before=("the amendment notice", values["amendment_notice_on"]),
        today=today,
    )
    if (values["amendment_notice_on"] or values["amendments_finalised_on"]) and values[
        "la_decision"
    ] != "amend":
        f.errors.setdefault(
            "la_decision", "Amendment dates only apply when the LA decided to amend the plan."
        )
    if (
        meeting
        and today
        and meeting > today
        and any(values[k] for k in ("report_sent_on", "la_decision_on", "amendment_notice_on"))
    ):
        f.errors.setdefault(
            "meeting_on", "The meeting is in the future, so nothing after it can have happened yet."
        )
    values["pfa_notes"] = f.text("pfa_notes", "Preparation for adulthood notes")
    values["notes"] = f.text("notes", "Notes")
    f.done()
    return values
