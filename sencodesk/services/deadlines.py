"""One calendar of every statutory date across the school: overdue first, then the coming
weeks, each line naming its record. Also its export as an .ics calendar file.

Built from one query per table (requests, consultations, plans, reviews), never per pupil.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from ..domain import statutory
from ..domain.dates import academic_year_start, uk
from ..domain.errors import ValidationError
from ..domain.school_calendar import school_day_on_or_before
from ..formats import ics
from ..store import statutory as store
from . import inclusion_strategy, parent_meetings
from .actor import Actor
from .annual_reviews import reviews_from_rows, transfer_years
from .calendar import school_calendar
from .consultations import to_consultation
from .ehcna_requests import to_request
from .settings import get_settings

DEFAULT_WITHIN_DAYS = 56  # the next 8 weeks (issue 7)
# Once a meeting has been held, its notice and papers can no longer be sent: they were done or
# missed, which the review's own timeline shows. The calendar lists what can still be acted on.
PRE_MEETING_STEPS = ("invitations", "advice")


def _request_items(actor: Actor) -> list[statutory.Deadline]:
    rows = store.open_requests(actor.db)
    exceptions = store.exceptions_for(actor.db, [r["id"] for r in rows])
    items = []
    for row in rows:
        request = to_request(row, exceptions[row["id"]], row["pupil_name"])
        items += [
            statutory.Deadline(
                "ehcna_request", row["id"], row["pupil_id"], row["pupil_name"], step, row["year_group"]
            )
            for step in request.timeline()
        ]
    return items


def _consultation_items(actor: Actor) -> list[statutory.Deadline]:
    return [
        statutory.Deadline(
            "consultation",
            row["id"],
            row["pupil_id"],
            row["pupil_name"],
            to_consultation(row).step(),
            row["year_group"],
        )
        for row in store.consultations(actor.db, open_only=True)
    ]


def _plan_items(actor: Actor, today: date, *, actionable: bool) -> list[statutory.Deadline]:
    plans = store.current_plans(actor.db)
    reviews = store.reviews_for_plans(actor.db, [p["id"] for p in plans])
    invitations = store.invitations_for(actor.db, [r["id"] for r in reviews])
    by_plan: dict[int, list[dict]] = {p["id"]: [] for p in plans}
    for row in reviews:
        by_plan[row["plan_id"]].append(row)
    movers = transfer_years(actor)
    this_year = academic_year_start(today)
    cal = school_calendar(actor)
    items = []
    for plan in plans:
        pupil = (plan["pupil_id"], plan["pupil_name"])
        year = plan["year_group"]
        pfa = statutory.pfa_note(year)
        done_reviews, next_due = reviews_from_rows(
            date.fromisoformat(plan["plan_date"]), by_plan[plan["id"]], invitations
        )
        for review in done_reviews:
            for step in review.timeline():
                if actionable and step.key in PRE_MEETING_STEPS and review.dates.meeting_on < today:
                    continue
                items.append(
                    statutory.Deadline(
                        "annual_review",
                        review.id,
                        *pupil,
                        replace(step, note=pfa) if step.key == "review" else step,
                        year,
                    )
                )
        # The latest meeting that leaves the LA's 4-week decision inside the 12 months, moved back
        # to a school day: the date the SENCO books towards.
        book_by = school_day_on_or_before(cal, statutory.latest_meeting_for_decision(next_due))
        note = " ".join(n for n in (statutory.review_booking_note(next_due, book_by), pfa) if n)
        items.append(
            statutory.Deadline(
                "ehc_plan",
                plan["id"],
                *pupil,
                statutory.StatutoryDate(
                    "next_review",
                    "Annual review due (not yet booked)",
                    next_due,
                    None,
                    "school",
                    "CFA 2014 s44(1): in the 12 months starting with the plan or the last review",
                    note=note,
                ),
                year,
            )
        )
        transfer = statutory.phase_transfer(year, today, movers)
        if transfer:
            finalised = [
                r.dates.amendments_finalised_on
                for r in done_reviews
                if r.dates.meeting_on >= this_year and r.dates.amendments_finalised_on
            ]
            items.append(
                statutory.Deadline(
                    "ehc_plan",
                    plan["id"],
                    *pupil,
                    statutory.StatutoryDate(
                        "phase_transfer",
                        transfer.what,
                        transfer.deadline,
                        min(finalised, default=None),
                        "LA" if transfer.statutory else "school",
                        transfer.basis,
                    ),
                    year,
                )
            )
    return items


def all_statutory_dates(
    actor: Actor, *, today: date | None = None, actionable: bool = False
) -> list[statutory.Deadline]:
    """Every statutory date of open requests, open consultations and current plans (done or not).

    actionable: leave out what can no longer be done (a held meeting's notice and papers).
    """
    actor.require("statutory.read")
    today = today or date.today()
    items = (
        _request_items(actor) + _consultation_items(actor) + _plan_items(actor, today, actionable=actionable)
    )
    # the whole school's inclusion strategy, until it is marked published (SENCO and head only)
    items += inclusion_strategy.strategy_deadlines(actor, today=today)
    # the next meeting with parents each pupil on SEN support needs (Code of Practice 6.65)
    items += parent_meetings.meeting_deadlines(actor, today=today)
    visible = actor.visible_pupil_ids()
    if visible is not None:
        items = [d for d in items if d.pupil_id is not None and d.pupil_id in visible]
    return items


def deadlines(
    actor: Actor, *, within_days: int = DEFAULT_WITHIN_DAYS, today: date | None = None
) -> list[statutory.Deadline]:
    """The calendar: overdue first (oldest due first), then what is due in the next `within_days`."""
    if within_days < 0:
        raise ValidationError({"within": "The number of days ahead cannot be negative."})
    today = today or date.today()
    return statutory.calendar_order(
        all_statutory_dates(actor, today=today, actionable=True), today, within_days
    )


def export_ics(
    actor: Actor,
    path: Path,
    *,
    within_days: int = DEFAULT_WITHIN_DAYS,
    full_names: bool = False,
    today: date | None = None,
) -> int:
    """Write the calendar to an .ics file for Outlook. Initials only unless full_names (the
    file leaves the school's system); never a UPN. Audited as an export. Returns events written."""
    actor.require("statutory.read")
    if full_names:
        actor.require("export.packs")
    today = today or date.today()
    items = deadlines(actor, within_days=within_days, today=today)
    school = get_settings(actor)
    text = ics.calendar(
        items,
        today=today,
        school_name=school.get("school_name", ""),
        uid_domain=(school.get("urn") or "school") + ".sencodesk",
        full_names=full_names,
        stamp=datetime.now(UTC),
    )
    path = ics.write(Path(path), text)
    with actor.write():
        actor.audit(
            "export",
            "deadlines",
            None,
            summary=f"exported {len(items)} statutory deadlines to a calendar file "
            f"({'full names' if full_names else 'initials only'}) on {uk(today)}",
            changes={"file": [None, str(path)], "events": [None, len(items)]},
        )
    return len(items)


def deadline_counts(actor: Actor, *, today: date | None = None) -> dict[str, int]:
    """For the dashboard panel: overdue, due in the next 7 days, due in the next 8 weeks."""
    today = today or date.today()
    items = deadlines(actor, today=today)
    overdue = sum(d.step.overdue(today) for d in items)
    week = sum(not d.step.overdue(today) and d.step.days_left(today) <= 7 for d in items)
    return {"overdue": overdue, "next_7_days": week, "next_8_weeks": len(items) - overdue}


def pupil_statutory_dates(
    actor: Actor, pupil_id: int, *, today: date | None = None
) -> list[statutory.Deadline]:
    """Every statutory date of one pupil's open request, consultation and current plan, done or
    not, in date order: the pupil record's timeline."""
    actor.require_pupil(pupil_id, "statutory.read")
    items = [d for d in all_statutory_dates(actor, today=today) if d.pupil_id == pupil_id]
    return sorted(items, key=lambda d: (d.step.due, d.record, d.record_id))
