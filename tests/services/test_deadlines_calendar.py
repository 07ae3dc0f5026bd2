"""The school-wide deadlines calendar on a real temporary school."""

from datetime import date, timedelta

import pytest

from sencodesk.domain.errors import PermissionDenied, ValidationError
from sencodesk.domain.users import User
from sencodesk.services import (
    annual_reviews,
    consultations,
    deadlines,
    ehc_plans,
    ehcna_requests,
    parent_meetings,
    pupils,
)
from sencodesk.services.actor import Actor

TODAY = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _strategy_published(strategy_published):
    """These tests are about pupils' statutory dates, not the school's own (published here)."""


PLAN = {
    "needs": [{"text": "Language"}],
    "outcomes": [{"text": "Talk in sentences"}],
    "provision": [{"text": "Speech therapy programme"}],
}


def uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def school(actor, add_pupil):
    """Amy: request 8 weeks ago, LA silent (late). Ben (Year 6): plan due for review in 3 weeks.
    Cara: plan whose review was 11 months ago with the LA decision still missing. Dan: plan,
    review done, nothing due. Plus a consultation arriving 3 days ago."""
    ids = {}
    ids["amy"] = add_pupil(
        legal_forename="Amy",
        legal_surname="Able",
        sen_status="K",
        primary_need="SLCN",
        sen_start_date="01/09/2024",
    )
    ehcna_requests.record_request(
        actor,
        ids["amy"],
        {"requested_by": "school", "sent_on": uk(TODAY - timedelta(weeks=8))},
        today=TODAY,
    )
    # Amy's parents met three times this school year (Code 6.65): no meeting with them is due
    for day in ("10/09/2026", "08/10/2026", "12/11/2026"):
        parent_meetings.record_meeting(actor, ids["amy"], {"held_on": day, "attendees": "Mum"}, today=TODAY)
    ids["ben"] = add_pupil(
        legal_forename="Ben",
        legal_surname="Bell",
        sen_status="K",
        primary_need="ASD",
        year_group="6",
        dob="03/03/2015",
        sen_start_date="01/09/2022",
    )
    ids["ben_plan"] = ehc_plans.issue_plan(
        actor, ids["ben"], PLAN | {"plan_date": uk(date(2025, 12, 20))}, today=TODAY
    )
    ids["cara"] = add_pupil(
        legal_forename="Cara",
        legal_surname="Cole",
        sen_status="K",
        primary_need="MLD",
        sen_start_date="01/09/2022",
    )
    cara_plan = ehc_plans.issue_plan(actor, ids["cara"], PLAN | {"plan_date": "01/12/2024"}, today=TODAY)
    ids["cara_review"] = annual_reviews.record_review(
        actor, cara_plan, {"meeting_on": "20/11/2025", "report_sent_on": "01/12/2025"}, today=TODAY
    )
    ids["dan"] = add_pupil(
        legal_forename="Dan",
        legal_surname="Dee",
        sen_status="K",
        primary_need="HI",
        sen_start_date="01/09/2022",
    )
    dan_plan = ehc_plans.issue_plan(actor, ids["dan"], PLAN | {"plan_date": "01/06/2025"}, today=TODAY)
    annual_reviews.record_review(
        actor,
        dan_plan,
        {
            "meeting_on": "15/05/2026",
            "advice_circulated_on": "01/05/2026",
            "report_sent_on": "20/05/2026",
            "la_decision": "keep",
            "la_decision_on": "01/06/2026",
            "invitations": [
                {"invitee": i["invitee"], "sent_on": "20/04/2026"} for i in annual_reviews.blank_invitations()
            ],
        },
        today=TODAY,
    )
    ids["consultation"] = consultations.record_consultation(
        actor,
        {
            "child_name": "Zara Quinn",
            "child_dob": "02/02/2019",
            "la_name": "Kent",
            "received_on": uk(TODAY - timedelta(days=3)),
        },
        today=TODAY,
    )
    return ids


def lines(items):
    return [(d.pupil_name, d.step.key) for d in items]


def test_overdue_first_then_due_within_8_weeks(actor, school):
    items = deadlines.deadlines(actor, today=TODAY)
    assert lines(items) == [
        ("Cara Cole", "la_decision"),  # due 18/12/2025, LA never decided
        ("Amy Able", "decision"),  # due 15/11/2026: 6 weeks after the request
        ("Cara Cole", "next_review"),  # due 20/11/2026: 12 months after her last review
        ("Zara Quinn", "reply"),  # 10/12/2026
        ("Ben Bell", "next_review"),  # 20/12/2026
        ("Amy Able", "no_plan"),  # 24/01/2027: 16 weeks, the last day of the 8-week window
    ]
    cara, amy = items[0], items[1]
    assert cara.record == "annual_review" and cara.record_id == school["cara_review"]
    assert cara.step.days_late(TODAY) == (TODAY - date(2025, 12, 18)).days
    assert amy.step.due == date(2026, 11, 15) and amy.step.days_late(TODAY) == 14
    assert items[3].pupil_id is None and items[3].step.days_left(TODAY) == 11
    assert all(not d.step.done(TODAY) for d in items)


def test_within_widens_the_window_and_phase_transfer_shows(actor, school):
    items = deadlines.deadlines(actor, today=TODAY, within_days=120)
    found = {(d.pupil_name, d.step.key): d for d in items}
    transfer = found[("Ben Bell", "phase_transfer")]
    assert transfer.step.due == date(2027, 2, 14) and "Year 7" in transfer.step.what
    assert ("Dan Dee", "next_review") not in found  # 15/05/2027: beyond 120 days
    assert found[("Amy Able", "no_plan")].step.due == TODAY - timedelta(weeks=8) + timedelta(weeks=16)


def test_past_reviews_do_not_nag_about_their_invitations(actor, school):
    keys = lines(deadlines.all_statutory_dates(actor, today=TODAY))
    assert ("Cara Cole", "invitations") in keys  # the full record still has the step
    assert ("Cara Cole", "invitations") not in lines(
        deadlines.deadlines(actor, today=TODAY, within_days=3650)
    )


def test_configured_transfer_into_year_10(actor, school, add_pupil):
    eve = add_pupil(
        legal_forename="Eve",
        legal_surname="Eze",
        sen_status="K",
        primary_need="SEMH",
        year_group="9",
        dob="05/05/2012",
        sen_start_date="01/09/2022",
    )
    ehc_plans.issue_plan(actor, eve, PLAN | {"plan_date": "01/10/2026"}, today=TODAY)
    before = lines(deadlines.deadlines(actor, today=TODAY, within_days=120))
    assert ("Eve Eze", "phase_transfer") not in before
    annual_reviews.save_transfer_years(actor, ["6", "9", "11"])
    assert annual_reviews.transfer_years(actor) == ("6", "9", "11")
    after = deadlines.deadlines(actor, today=TODAY, within_days=120)
    eve_transfer = next(d for d in after if d.pupil_name == "Eve Eze" and d.step.key == "phase_transfer")
    assert "Year 10" in eve_transfer.step.what
    with pytest.raises(ValidationError):
        annual_reviews.save_transfer_years(actor, ["7"])


def test_leavers_and_closed_records_drop_out(actor, school):
    pupil = pupils.get_pupil(actor, school["cara"])
    pupils.mark_leaver(actor, school["cara"], pupil.version, uk(TODAY - timedelta(days=1)))
    request = ehcna_requests.requests_for_pupil(actor, school["amy"])[0]
    ehcna_requests.update_request(
        actor,
        request.id,
        request.version,
        ehcna_requests.request_form(request) | {"withdrawn_on": uk(TODAY)},
        today=TODAY,
    )
    names = {d.pupil_name for d in deadlines.deadlines(actor, today=TODAY, within_days=3650)}
    assert names == {"Zara Quinn", "Ben Bell", "Dan Dee"}


def test_booked_meeting_is_listed_with_its_date(actor, school):
    annual_reviews.record_review(
        actor, school["ben_plan"], {"meeting_on": uk(TODAY + timedelta(days=10))}, today=TODAY
    )
    items = {d.step.key: d for d in deadlines.deadlines(actor, today=TODAY) if d.pupil_name == "Ben Bell"}
    assert items["review"].step.actual == TODAY + timedelta(days=10)
    assert items["review"].step.state(TODAY) == "Booked"
    assert items["invitations"].step.overdue(TODAY)  # 2 weeks' notice was needed by 25/11
    assert "next_review" not in items


def test_teacher_sees_no_deadlines_without_their_pupils_and_negative_window_refused(actor, school):
    teacher = Actor(
        db=actor.db,
        user=User(id=5, username="t", display_name="T", role="teacher"),
        data_dir=actor.data_dir,
    )
    assert deadlines.deadlines(teacher, today=TODAY) == []
    office = Actor(
        db=actor.db,
        user=User(id=6, username="o", display_name="O", role="office"),
        data_dir=actor.data_dir,
    )
    with pytest.raises(PermissionDenied):
        deadlines.deadlines(office, today=TODAY)
    with pytest.raises(ValidationError):
        deadlines.deadlines(actor, today=TODAY, within_days=-1)


def test_export_writes_an_ics_and_audits_it(actor, school, tmp_path):
    path = tmp_path / "out" / "deadlines.ics"
    count = deadlines.export_ics(actor, path, today=TODAY)
    text = path.read_bytes().decode("utf-8")
    assert count == 6 and text.count("BEGIN:VEVENT") == 6
    assert "Amy Able" not in text and "A.A." in text
    upns = [r[0] for r in actor.db.execute("SELECT upn FROM pupils")]
    assert not any(upn in text for upn in upns)
    last = actor.db.execute("SELECT action, entity, summary FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert last[0] == "export" and last[1] == "deadlines" and "initials only" in last[2]
    assert not list(path.parent.glob("*.part"))


def test_dashboard_counts_and_one_pupils_timeline(actor, school):
    counts = deadlines.deadline_counts(actor, today=TODAY)
    assert counts == {"overdue": 3, "next_7_days": 0, "next_8_weeks": 3}
    cara = deadlines.pupil_statutory_dates(actor, school["cara"], today=TODAY)
    # In due-date order: the notice and papers were due two weeks before the meeting.
    assert [d.step.key for d in cara] == [
        "invitations",
        "advice",
        "review",
        "report",
        "la_decision",
        "next_review",
    ]
    assert cara[2].step.done(TODAY) and cara[4].step.overdue(TODAY)
    assert cara[0].step.overdue(TODAY)  # never recorded: the record shows it, the calendar does not nag
