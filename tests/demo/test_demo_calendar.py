"""The demo school has a real calendar, and what it makes up falls on days a school meets."""

from datetime import date

import pytest

from sencodesk.demo import build_demo
from sencodesk.services import calendar
from sencodesk.services.actor import open_school

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "school"
    build_demo(folder, today=TODAY, seed=5)
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
]


@pytest.mark.parametrize("table, column, what", DATED)
def test_no_demo_event_falls_on_a_weekend_bank_holiday_or_holiday(demo, table, column, what):
    cal = calendar.school_calendar(demo)
    days = [
        date.fromisoformat(r[0][:10])
        for r in demo.db.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL")
    ]
    assert days or table == "pupils", f"the demo made no {what}"
    wrong = sorted({(d, cal.closed_reason(d)) for d in days if cal.closed_reason(d)})
    assert not wrong, f"{len(wrong)} {what} dates on days the school is closed, e.g. {wrong[:3]}"
