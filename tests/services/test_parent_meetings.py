"""Meetings with parents through the real services: recorded, corrected, counted with the
reviews a parent came to, flagged on the dashboard and in the Deadlines calendar."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.domain.errors import Conflict, PermissionDenied, ValidationError
from sencodesk.services import audit as audit_service
from sencodesk.services import calendar, cycles, dashboard, deadlines, parent_meetings
from tests.services.graduated_support import plan_form

TODAY = date(2026, 11, 29)


@pytest.fixture
def amy(actor, on_support):
    """Amy on SEN support since September, her plan reviewed on 19/11/2026 with her mother there."""
    pupil_id, cycle_id = on_support(legal_forename="Amy", start="01/09/2026")
    cycles.save_plan(actor, cycle_id, 1, plan_form(actor, review="19/11/2026"))
    c = cycles.get_cycle(actor, cycle_id)
    cycles.record_review(
        actor,
        cycle_id,
        c.version,
        {
            "held_on": "19/11/2026",
            "decision": "continue",
            "parent_present": True,
            "ratings": {o.id: "met" for o in c.outcomes},
        },
        today=TODAY,
    )
    return pupil_id


def meet(actor, pupil_id: int, day: str, **form) -> int:
    return parent_meetings.record_meeting(
        actor, pupil_id, {"held_on": day, "attendees": "Mrs Smith (mother)"} | form, today=TODAY
    )


def test_a_meeting_is_recorded_and_read_back_with_the_review_a_parent_came_to(actor, amy):
    meeting_id = meet(actor, amy, "02/10/2026", how="phone", agreed="Reading for ten minutes each night")
    got = parent_meetings.pupil_meetings(actor, amy, today=TODAY)
    assert [(m.held_on, m.id, m.review_cycle) for m in got.meetings] == [
        (date(2026, 11, 19), None, 1),  # the review: counted, not typed again
        (date(2026, 10, 2), meeting_id, None),
    ]
    assert (
        got.meetings[1].agreed == "Reading for ten minutes each night" and got.meetings[1].kind == "By phone"
    )
    assert got.year.count == 2 and got.year.short and got.on_sen_support
    assert got.year.words(TODAY) == "2 of 3 this school year (2026/27)"


def test_a_meeting_typed_for_a_reviews_day_is_counted_once(actor, amy):
    meet(actor, amy, "19/11/2026", agreed="New plan agreed")
    got = parent_meetings.pupil_meetings(actor, amy, today=TODAY)
    assert len(got.meetings) == 1 and got.meetings[0].agreed == "New plan agreed"
    assert got.year.count == 1


def test_three_meetings_take_a_pupil_off_the_list_and_out_of_deadlines(actor, amy, strategy_published):
    assert [m.pupil.pupil_id for m in parent_meetings.meetings_short(actor, today=TODAY)] == [amy]
    assert dashboard.dashboard(actor, today=TODAY).parents_short == 1
    due = [d for d in deadlines.all_statutory_dates(actor, today=TODAY) if d.record == "parent_meetings"]
    assert [(d.pupil_id, d.step.what) for d in due] == [
        (amy, "Meet parents in the spring term (1 of 3 this year)")  # the autumn term has its meeting
    ]
    for day in ("10/09/2026", "05/10/2026"):
        meet(actor, amy, day)
    assert parent_meetings.meetings_short(actor, today=TODAY) == []
    assert dashboard.dashboard(actor, today=TODAY).parents_short == 0
    assert not [d for d in deadlines.all_statutory_dates(actor, today=TODAY) if d.record == "parent_meetings"]


def test_a_term_ended_with_no_meeting_is_overdue_by_the_schools_own_calendar(actor, on_support):
    calendar.add_term(actor, {"starts_on": "03/09/2026", "ends_on": "11/12/2026", "kind": "autumn"})
    calendar.add_term(actor, {"starts_on": "04/01/2027", "ends_on": "26/03/2027", "kind": "spring"})
    calendar.add_term(actor, {"starts_on": "12/04/2027", "ends_on": "21/07/2027", "kind": "summer"})
    on_support(start="01/09/2026")
    later = date(2027, 1, 10)
    items = parent_meetings.meeting_deadlines(actor, today=later)
    assert len(items) == 1 and items[0].step.overdue(later)
    assert items[0].step.due == date(2026, 12, 11)  # the school's own last day of term
    assert items[0].step.what == "No meeting with parents in the autumn term (0 of 3 this year)"
    short = parent_meetings.meetings_short(actor, today=later)[0]
    assert not short.year.approximate and short.year.missed(later)[0].kind == "autumn"


def test_pupils_not_on_sen_support_are_not_flagged(actor, add_pupil):
    add_pupil(sen_status="E", primary_need="ASD", sen_start_date="01/09/2025")
    add_pupil()
    assert parent_meetings.meetings_short(actor, today=TODAY) == []


def test_a_correction_a_stale_save_and_a_removal(actor, amy):
    meeting_id = meet(actor, amy, "02/10/2026")
    form = {"held_on": "03/10/2026", "attendees": "Mr Smith (father)", "agreed": "Spellings"}
    parent_meetings.update_meeting(actor, meeting_id, 1, form, today=TODAY)
    with pytest.raises(Conflict):
        parent_meetings.update_meeting(actor, meeting_id, 1, form | {"agreed": "Other"}, today=TODAY)
    m = next(m for m in parent_meetings.pupil_meetings(actor, amy, today=TODAY).meetings if m.id)
    assert (m.held_on, m.attendees, m.agreed, m.version) == (
        date(2026, 10, 3),
        "Mr Smith (father)",
        "Spellings",
        2,
    )
    parent_meetings.delete_meeting(actor, meeting_id, 2)
    assert [m.id for m in parent_meetings.pupil_meetings(actor, amy, today=TODAY).meetings] == [None]
    trail = [e["summary"] for e in audit_service.pupil_history(actor, amy)]
    assert "recorded a meeting with Amy Smith's parents on 02/10/2026" in trail
    assert "removed the meeting with parents of 03/10/2026" in trail


def test_a_meeting_in_the_future_or_without_who_is_refused_and_nothing_is_saved(actor, amy):
    with pytest.raises(ValidationError) as e:
        parent_meetings.record_meeting(actor, amy, {"held_on": "01/12/2026"}, today=TODAY)
    assert set(e.value.field_errors) == {"held_on", "attendees"}
    assert actor.db.execute("SELECT COUNT(*) FROM parent_meetings").fetchone()[0] == 0


def test_a_teacher_records_meetings_for_their_own_pupils_and_the_office_sees_none(
    actor,
    amy,
    on_support,
    make_user,
    as_user,
):
    teacher = make_user("teacher", "Miss Patel")
    mine, cycle_id = on_support(legal_forename="Mia", start="01/09/2026")
    cycles.save_plan(actor, cycle_id, 1, plan_form(actor, staff=[teacher.id]))
    miss_patel = as_user(teacher)
    meet(miss_patel, mine, "05/11/2026", attendees="Mum, Miss Patel")
    assert parent_meetings.pupil_meetings(miss_patel, mine, today=TODAY).year.count == 1
    with pytest.raises(PermissionDenied):
        meet(miss_patel, amy, "05/11/2026")  # not one of hers
    assert [m.pupil.pupil_id for m in parent_meetings.meetings_short(miss_patel, today=TODAY)] == [mine]
    office = as_user(make_user("office", "Mr Office"))
    for call in (
        lambda: parent_meetings.pupil_meetings(office, amy, today=TODAY),
        lambda: parent_meetings.meetings_short(office, today=TODAY),
        lambda: meet(office, amy, "05/11/2026"),
    ):
        with pytest.raises(PermissionDenied):
            call()
