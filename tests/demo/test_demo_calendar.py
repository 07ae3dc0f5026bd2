"""The demo school has a real calendar, and what it makes up falls on days a school meets."""

from datetime import date

import pytest

from sencodesk.demo import build_demo
from sencodesk.services import calendar
from sencodesk.services.actor import open_school

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module", params=["primary", "secondary"])
def demo(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "school"
    size = 400 if request.param == "secondary" else None
    build_demo(folder, today=TODAY, seed=5, phase=request.param, pupils=size)
    actor = open_school(folder)
    yield actor
    actor.close()


def test_the_demo_school_has_its_own_term_dates_for_2024_25_to_2027_28(demo):
    cal = calendar.school_calendar(demo)
    assert all(cal.has_terms(y) for y in (2024, 2025, 2026, 2027))
    assert sum(1 for d in cal.days if d.kind == "inset" and d.day.year >= 2026) >= 5
    assert calendar.approximate_note(demo, TODAY) == ""


# (table, column, what): every made-up day that a person would have held something on
DATED = [
    ("annual_reviews", "meeting_on", "annual review meeting"),
    ("reviews", "held_on", "cycle review"),
    ("sessions", "held_on", "session of an intervention"),
    ("concerns", "raised_on", "concern raised"),
    ("cycles", "parent_views_on", "parents' views (parents' evening)"),
    ("cycles", "pupil_views_on", "pupil's views"),
    ("pupils", "left_on", "leaving day"),
    # issue 15, looked at again: every other day the school does something on
    ("pupils", "admission_date", "first day at the school"),
    ("sen_history", "start_date", "change of SEN status decided by the school (not an EHC plan)"),
    ("concerns", "triaged_on", "concern triaged"),
    ("concerns", "parents_told_on", "parents told of a concern"),
    ("concerns", "look_again", "look-again date proposed"),
    ("cycles", "assess_date", "assessment"),
    ("cycles", "plan_start", "plan start"),
    ("cycles", "review_date", "review date proposed"),
    ("cycles", "parents_told_on", "parents told of the plan"),
    ("cycles", "parents_agreed_on", "parents agreed the plan"),
    ("assessments", "taken_on", "test taken in school"),
    ("outcomes", "by_when", "outcome's date"),
    ("allocations", "start_date", "provision starts"),
    ("annual_reviews", "advice_gathered_on", "advice gathered for an annual review"),
    ("annual_reviews", "advice_circulated_on", "advice circulated before an annual review"),
    ("annual_reviews", "report_sent_on", "annual review report sent"),
    ("review_invitations", "sent_on", "annual review invitation sent"),
    ("referrals", "referred_on", "referral sent"),
    ("ehcna_requests", "sent_on", "EHCNA request sent"),
    ("ehcna_drafts", "request_date", "EHCNA request dated"),
]
# Days an LA officer or a health professional works on: a weekday that is not a bank holiday,
# in term or in the school holidays (they are "meant to" fall outside term sometimes).
WORKING_DAYS = [
    ("ehcna_requests", "la_received_on", "LA received a request"),
    ("ehcna_requests", "decision_on", "LA decision whether to assess"),
    ("ehcna_requests", "advice_requested_on", "LA asked for advice"),
    ("ehc_plans", "plan_date", "EHC plan issued"),
    ("sen_history", "start_date", "EHC plan's start (the day the LA issued it)"),
    ("annual_reviews", "la_decision_on", "LA decision after a review"),
    ("annual_reviews", "amendment_notice_on", "LA amendment notice"),
    ("annual_reviews", "amendments_finalised_on", "amended plan issued"),
    ("involvements", "started_on", "professional's involvement began"),
    ("involvements", "ended_on", "professional's involvement ended"),
    ("involvements", "latest_report_on", "professional's report"),
    ("consents", "given_on", "consent given (at a meeting or signed and returned)"),
    ("consultations", "received_on", "consultation received"),
]
# Left alone on purpose: consultations.due_on (a statutory count of calendar days), a leaver's
# retain_until, and the calendar's own terms and days.


# the SEN status history: status E starts on the plan's date (an LA working day), the others on
# a day the school decided them (a school day)
_WHERE = {
    "change of SEN status decided by the school (not an EHC plan)": "status != 'E'",
    "EHC plan's start (the day the LA issued it)": "status = 'E'",
}


def _days(demo, table: str, column: str, what: str) -> list[date]:
    where = _WHERE.get(what, "1")
    return [
        date.fromisoformat(r[0][:10])
        for r in demo.db.execute(
            f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL AND {column} != '' AND {where}"
        )
    ]


@pytest.mark.parametrize("table, column, what", DATED)
def test_no_demo_event_falls_on_a_weekend_bank_holiday_or_holiday(demo, table, column, what):
    cal = calendar.school_calendar(demo)
    days = _days(demo, table, column, what)
    # the primary demo (seed 5) makes one of each: the check is not passing on an empty table
    primary = demo.db.execute("SELECT COUNT(*) FROM pupils WHERE year_group = 'R'").fetchone()[0] > 0
    assert days or not primary or table in ("pupils", "concerns", "ehcna_drafts"), f"the demo made no {what}"
    wrong = sorted({(d, cal.closed_reason(d)) for d in days if cal.closed_reason(d)})
    assert not wrong, f"{len(wrong)} {what} dates on days the school is closed, e.g. {wrong[:3]}"


@pytest.mark.parametrize("table, column, what", WORKING_DAYS)
def test_an_la_or_professionals_day_is_a_working_day(demo, table, column, what):
    cal = calendar.school_calendar(demo)
    wrong = sorted(
        {
            (d, cal.closed_reason(d))
            for d in _days(demo, table, column, what)
            if d.weekday() >= 5 or cal.bank_holiday(d)
        }
    )
    assert not wrong, f"{len(wrong)} {what} dates on a weekend or bank holiday, e.g. {wrong[:3]}"
