"""Meetings with parents and carers: record them on the pupil's record, and see who on SEN
support has had fewer than three this school year (the dashboard and the Deadlines calendar).

The rules (one meeting a day, reviews with a parent present count, the school calendar's terms)
are in domain/parent_meetings.py, with the Code of Practice paragraphs they follow. A teacher
records and sees meetings for their own pupils only (the register's rule); the office sees none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain import parent_meetings as rules
from ..domain.dates import from_iso, uk
from ..domain.errors import Conflict, NotFound
from ..domain.graduated import PupilRef
from ..domain.parent_meetings import ParentMeeting, YearCount
from ..domain.school_calendar import academic_year_of
from ..domain.statutory import Deadline
from ..store import parent_meetings as store
from ..store import pupils as pupil_store
from .actor import Actor
from .calendar import school_calendar

WHAT = "Meetings with parents"
RECORD = "parent_meetings"  # the Deadlines calendar's record kind (its id is the pupil's)


@dataclass(frozen=True)
class PupilMeetings:
    """One pupil's meetings with parents (newest first) and this school year's count."""

    pupil_id: int
    meetings: list[ParentMeeting]
    year: YearCount
    on_sen_support: bool  # the three-a-year expectation (Code 6.65) is for SEN support


@dataclass(frozen=True)
class MeetingsShort:
    """A pupil on SEN support whose parents have been met fewer than three times this year."""

    pupil: PupilRef
    year: YearCount


def _meeting(row: dict) -> ParentMeeting:
    return ParentMeeting(
        pupil_id=row["pupil_id"],
        held_on=from_iso(row["held_on"]) or date.min,
        attendees=row["attendees"],
        agreed=row["agreed"],
        how=row["how"],
        id=row["id"],
        version=row["version"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
    )


def _reviews(actor: Actor, pupil_id: int) -> list[ParentMeeting]:
    return [
        ParentMeeting(
            pupil_id=pupil_id,
            held_on=from_iso(r["held_on"]) or date.min,
            attendees="Parent or carer at the review",
            review_cycle=r["number"],
        )
        for r in store.reviews_with_parents(actor.db, pupil_id)
    ]


def _pupil_row(actor: Actor, pupil_id: int) -> dict:
    row = pupil_store.get(actor.db, pupil_id)
    if row is None:
        raise NotFound("That pupil is not in SENCO desk (they may have been deleted).")
    return row


def pupil_meetings(actor: Actor, pupil_id: int, *, today: date | None = None) -> PupilMeetings:
    """The pupil's meetings with parents, reviews a parent came to included, and this year's count."""
    actor.require_pupil(pupil_id, "pupil.read_sen")
    actor.require_table(store.TABLE, WHAT)
    today = today or date.today()
    row = _pupil_row(actor, pupil_id)
    typed = [_meeting(r) for r in store.for_pupil(actor.db, pupil_id)]
    meetings = rules.merged(typed, _reviews(actor, pupil_id))
    since = from_iso(row["sen_start_date"]) if row["sen_status"] == "K" else None
    year = rules.year_count(rules.meeting_days(meetings), school_calendar(actor), today, since=since)
    return PupilMeetings(pupil_id, meetings, year, row["sen_status"] == "K")


def record_meeting(actor: Actor, pupil_id: int, form: dict, *, today: date | None = None) -> int:
    """Record a meeting held with the pupil's parents: date, who was there, how, what was agreed."""
    actor.require_pupil(pupil_id, "review.record")
    today = today or date.today()
    row = _pupil_row(actor, pupil_id)
    values = rules.clean_meeting(form, today=today)
    with actor.write() as db:
        meeting_id = store.insert(db, pupil_id, values, actor.user.display_name)
        actor.audit(
            "create",
            "parent_meeting",
            meeting_id,
            pupil_id=pupil_id,
            summary=f"recorded a meeting with {_name(row)}'s parents on {uk(values['held_on'])}",
            changes={k: [None, v] for k, v in values.items() if v},
        )
    return meeting_id


def _editable(actor: Actor, meeting_id: int) -> dict:
    row = store.get(actor.db, meeting_id)
    if row is None:
        raise NotFound("That meeting is not in SENCO desk any more (someone may have deleted it).")
    actor.require_pupil(row["pupil_id"], "review.record")
    return row


def _stale(actor: Actor, meeting_id: int) -> Conflict:
    row = store.get(actor.db, meeting_id)
    who = row["updated_by"] if row else "Someone"
    return Conflict(
        f"{who or 'Someone'} changed this meeting since you opened it. Nothing was saved: close it, "
        "open it again, and make your change there."
    )


def update_meeting(
    actor: Actor, meeting_id: int, version: int, form: dict, *, today: date | None = None
) -> None:
    """Correct a recorded meeting (refused, nothing lost, if someone saved it since `version`)."""
    row = _editable(actor, meeting_id)
    values = rules.clean_meeting(form, today=today or date.today())
    changes = {k: [row[k], v] for k, v in values.items() if row[k] != v}
    if not changes:
        return
    with actor.write() as db:
        if not store.update(db, meeting_id, version, values, actor.user.display_name):
            raise _stale(actor, meeting_id)
        actor.audit(
            "update",
            "parent_meeting",
            meeting_id,
            pupil_id=row["pupil_id"],
            summary=f"corrected the meeting with parents of {uk(row['held_on'])}",
            changes=changes,
        )


def delete_meeting(actor: Actor, meeting_id: int, version: int) -> None:
    """Remove a meeting recorded by mistake (its record stays in the audit trail)."""
    row = _editable(actor, meeting_id)
    with actor.write() as db:
        if not store.delete(db, meeting_id, version):
            raise _stale(actor, meeting_id)
        actor.audit(
            "delete",
            "parent_meeting",
            meeting_id,
            pupil_id=row["pupil_id"],
            summary=f"removed the meeting with parents of {uk(row['held_on'])}",
            changes={k: [row[k], None] for k in ("held_on", "attendees", "agreed", "how")},
        )


def meetings_short(actor: Actor, *, today: date | None = None) -> list[MeetingsShort]:
    """Pupils on SEN support whose parents have been met fewer than three times this school year
    (a teacher: their own pupils only), those with a term gone by with none first."""
    actor.require("pupil.read_sen")
    if not actor.may_read(f"{store.TABLE}.held_on"):
        return []
    today = today or date.today()
    year = academic_year_of(today)
    days = store.days_between(actor.db, f"{year}-09-01", f"{year + 1}-08-31")
    visible = actor.visible_pupil_ids()
    cal = school_calendar(actor)
    out = []
    for r in store.sen_support_pupils(actor.db):
        if visible is not None and r["pupil_id"] not in visible:
            continue
        held = [d for d in (from_iso(x) for x in days.get(r["pupil_id"], ())) if d]
        count = rules.year_count(held, cal, today, since=from_iso(r["sen_start_date"]))
        if count.short:
            ref = PupilRef(r["pupil_id"], r["surname"], r["forename"], r["year_group"], r["class_name"])
            out.append(MeetingsShort(ref, count))
    return sorted(out, key=lambda m: (not m.year.missed(today), m.year.count))


def meeting_deadlines(actor: Actor, *, today: date | None = None) -> list[Deadline]:
    """The next meeting each such pupil needs, for the Deadlines calendar: overdue once a term
    has ended with none, else due by the end of the term it should be held in."""
    actor.require("pupil.read_sen")
    today = today or date.today()
    items = []
    for short in meetings_short(actor, today=today):
        step = short.year.next_step(today)
        if step is not None:
            p = short.pupil
            items.append(Deadline(RECORD, p.pupil_id, p.pupil_id, p.name, step, p.year_group))
    return items


def _name(row: dict) -> str:
    forename = row["preferred_forename"] or row["legal_forename"]
    return f"{forename} {row['preferred_surname'] or row['legal_surname']}"
