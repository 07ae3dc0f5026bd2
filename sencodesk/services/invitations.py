"""Invitation letters to review meetings, from the school's own template (edited in Settings).

Two meetings have one: the review of a cycle's plan (SEND Code of Practice, January 2015, 6.65:
meet parents at least three times a year; 6.54: review with parents) and the annual review of an
EHC plan (Children and Families Act 2014 s44; SEND Regulations 2014 reg 20(2)-(3): invite the
parents at least two weeks before the meeting). Each letter names who it is to, with their first
language and "Interpreter needed: ..." where the record says so. PDF, or Word for a .docx path.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ..domain import letters
from ..domain.dates import parse_date, uk
from ..domain.errors import PermissionDenied, UserError, ValidationError
from ..domain.plain_words import jargon_in
from ..reports.parent_models import InvitationModel
from ..store import settings as settings_store
from ..store import statutory as statutory_store
from .actor import Actor
from .annual_reviews import reviews_for_plan
from .cycles import pupil_record
from .packs import ExportResult, _audited_export, school_info
from .parent_copy import parents_of
from .pupils import get_pupil
from .settings import get_settings

MEETINGS = {
    "review": "A review of the plan for extra help",
    "annual_review": "The annual review of an EHC plan",
}
NOTICE_DAYS = 14  # SEND Regulations 2014 reg 20(3): at least two weeks' notice of an annual review


def invitation_template(actor: Actor) -> tuple[str, bool]:
    """(the school's letter, True when it is still the app's own words)."""
    actor.require("settings.read")
    saved = get_settings(actor).get(letters.KEY)
    return (saved, False) if saved else (letters.DEFAULT_TEMPLATE, True)


def save_invitation_template(actor: Actor, text: str) -> str:
    """Save the school's letter; one with an unknown placeholder or an open brace is refused.
    Saving the app's own words keeps no copy, so later versions' wording reaches the school."""
    actor.require("settings.edit")
    text = letters.check_template(text)
    before, _ = invitation_template(actor)
    if text == before:
        return text
    with actor.write() as db:
        settings_store.save(db, {letters.KEY: None if text == letters.DEFAULT_TEMPLATE else text})
        actor.audit(
            "update",
            "settings",
            None,
            summary="changed the letter inviting parents to review meetings",
            changes={letters.KEY: [before, text]},
        )
    return text


def preview_invitation(actor: Actor, text: str) -> str:
    """The letter as it would print for a made-up pupil (never a real one: Settings is open to
    every role), with the school's own name and SENCO; ValidationError as saving would give."""
    actor.require("settings.read")
    school = get_settings(actor)
    sample = letters.SAMPLE | {k: school[k] for k in ("school_name", "senco_name") if school.get(k)}
    return letters.fill(text, sample)


def default_meeting(actor: Actor, pupil_id: int, meeting: str, *, today: date | None = None) -> date | None:
    """The meeting date a new letter starts with: the open plan's review date, or the annual
    review booked (else due); None when there is none to suggest."""
    today = today or date.today()
    if meeting == "annual_review":
        actor.require_pupil(pupil_id, "statutory.read")
        plan_id = statutory_store.current_plan_id(actor.db, pupil_id)
        if plan_id is None:
            return None
        reviews, due = reviews_for_plan(actor, plan_id)
        booked = [r.dates.meeting_on for r in reviews if r.dates.meeting_on and r.dates.meeting_on >= today]
        return min(booked) if booked else due
    current = pupil_record(actor, pupil_id, today=today).open_cycle
    return current.review_date if current else None


def invitation_model(
    actor: Actor, pupil_id: int, form: dict, *, today: date | None = None
) -> InvitationModel:
    """The letter for one pupil's meeting. form: meeting (review / annual_review), meeting_date
    (DD/MM/YYYY), meeting_time, place. ValidationError names each field to fix."""
    if not (actor.user.can("export.profile") or actor.user.can("export.packs")):
        raise PermissionDenied("You are not allowed to print letters to parents. Ask the SENCO.")
    meeting = str(form.get("meeting") or "review")
    if meeting not in MEETINGS:
        raise ValidationError(
            {"meeting": "Choose the meeting: a plan review or an EHC plan's annual review."}
        )
    actor.require_pupil(pupil_id, "statutory.read" if meeting == "annual_review" else "cycle.read")
    pupil = get_pupil(actor, pupil_id)
    if meeting == "annual_review" and statutory_store.current_plan_id(actor.db, pupil_id) is None:
        raise UserError(f"{pupil.forename} has no current EHC plan: choose a plan review instead.")
    today = today or date.today()
    errors: dict[str, str] = {}
    day = None
    try:
        day = parse_date(form.get("meeting_date"), "meeting_date", label="Date of the meeting")
    except ValidationError as e:
        errors.update(e.field_errors)
    if day is None and "meeting_date" not in errors:
        errors["meeting_date"] = "Give the date of the meeting (DD/MM/YYYY)."
    elif day is not None and day < today:
        errors["meeting_date"] = (
            f"The meeting date {uk(day)} has passed: an invitation is for a meeting to come."
        )
    values = {k: " ".join(str(form.get(k) or "").split()) for k in ("meeting_time", "place")}
    if not values["meeting_time"]:
        errors["meeting_time"] = "Give the time of the meeting, e.g. 3.30pm."
    if not values["place"]:
        errors["place"] = "Say where the meeting is, e.g. the school library."
    for key in values:
        if len(values[key]) > 120:
            errors[key] = "Keep it short: 120 characters at most."
    if errors:
        raise ValidationError(errors)
    assert day is not None
    first = pupil.forename
    about = (
        f"the annual review of {first}'s Education, Health and Care plan (EHC plan)"
        if meeting == "annual_review"
        else f"a review of {first}'s plan for extra help at school"
    )
    school = school_info(actor)
    parents = parents_of(pupil)
    text, _ = invitation_template(actor)
    filled = letters.fill(
        text,
        {
            "parent_names": _names([p.name for p in parents]),
            "pupil_first_name": first,
            "pupil_name": pupil.display_name,
            "meeting_about": about,
            "meeting_date": f"{day:%A} {day.day} {day:%B %Y}",
            "meeting_time": values["meeting_time"],
            "place": values["place"],
            "senco_name": school.senco_name,
            "school_name": school.name,
        },
    )
    return InvitationModel(school, first, pupil.display_name, today, filled, parents, meeting)


def _names(names: list[str]) -> str:
    if not names:
        return "Parent or carer"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _notice_warning(meeting: str, meeting_on: date, today: date) -> str:
    """An annual review's invitation sent with less than two weeks' notice (reg 20(3))."""
    if meeting == "annual_review" and meeting_on - today < timedelta(days=NOTICE_DAYS):
        return (
            f"The meeting on {uk(meeting_on)} is less than two weeks away: the SEND Regulations 2014 "
            "(reg 20) ask for invitations to an annual review at least two weeks before it."
        )
    return ""


def export_invitation(
    actor: Actor,
    pupil_id: int,
    path: Path | str,
    form: dict,
    *,
    today: date | None = None,
    invariant: bool = False,
) -> ExportResult:
    """Write the letter: Word for a .docx path, else PDF. Audited as an export. What the letter
    lacks (no parent on the record, too little notice, school words) is returned to show."""
    from ..reports import parent_letters

    today = today or date.today()
    model = invitation_model(actor, pupil_id, form, today=today)
    meeting_on = parse_date(form.get("meeting_date")) or today
    with _audited_export(
        actor,
        f"an invitation to a meeting about {model.pupil_name} on {uk(meeting_on)}",
        path,
        pupil_id,
        "pupil",
        pupil_id,
    ):
        written = parent_letters.build_invitation(model, path, invariant=invariant)
    notes = []
    if warning := _notice_warning(model.meeting, meeting_on, today):
        notes.append(warning)
    words = [t.word for t in jargon_in(model.letter)]
    if words:
        notes.append("School words in the letter (explained in its 'Words we use' box): " + ", ".join(words))
    return ExportResult(written, model.missing(), notes=notes)
