"""Every form where a review or meeting date is typed says when it is not a school day, and saves
anyway (issue 15): the plan's review date, the review's held-on date, a concern's look-again date
and a referral's date (the annual review meeting and a session's date: tests/ui/test_settings.py).
The plan proposes its review date on a school day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sencodesk.domain.dates import uk
from sencodesk.services import concerns, cycles
from sencodesk.ui.widgets import Field
from tests.ui.graduated import on_support, open_support, planned
from tests.ui.helpers import pump

pytestmark = pytest.mark.gui

SUNDAY, BANK_HOLIDAY = "06/09/2026", "31/08/2026"  # Summer bank holiday


def warning_under(field: Field) -> str:
    """The date warning's words (the line watch_date puts on row 3 of the field)."""
    [note] = field.grid_slaves(row=3, column=0)
    return str(note.cget("text"))


def test_the_plans_review_date_warns_and_is_proposed_on_a_school_day(main, actor, add_pupil):
    pupil_id, _ = on_support(actor, add_pupil)
    _, support = open_support(main, pupil_id)
    plan = support.form("Plan")
    review = plan.fields["review_date"]
    review.set(SUNDAY)
    assert warning_under(review).startswith(f"The review date, {SUNDAY}, is a Sunday.")
    review.set(BANK_HOLIDAY)
    assert "Summer bank holiday" in warning_under(review)
    review.set("")
    assert warning_under(review) == ""
    # 12 weeks from 05/10/2026 is 28/12/2026, in the Christmas holiday: proposed for the first
    # day of the spring term (the typical pattern: this school has no term dates)
    plan.fields["plan_start"].set("05/10/2026")
    plan.default_review()
    assert review.get() == "04/01/2027" and warning_under(review) == ""


def test_the_review_dialogs_date_warns_but_saves(main, actor, add_pupil):
    pupil_id, cycle_id = planned(actor, add_pupil)
    _, support = open_support(main, pupil_id)
    dialog = support.review()
    saturday = date.today() - timedelta(days=(date.today().weekday() - 5) % 7 or 7)
    dialog.held_on.set(uk(saturday))
    assert warning_under(dialog.held_on) == f"The review, {uk(saturday)}, is a Saturday."
    dialog.rate(next(iter(dialog.ratings)), "met")
    dialog.decision.set("continue")
    assert dialog.save() is True  # a warning, never a block
    assert cycles.get_cycle(actor, cycle_id).review.held_on == saturday


def test_a_concerns_look_again_date_warns(main, actor, add_pupil):
    pupil_id = add_pupil()
    concerns.raise_concern(actor, pupil_id, {"areas": ["SEMH"], "seen": "Upset at lunchtimes"})
    screen = main.show("concerns")
    screen.open_tree.selection_set(screen.open_tree.get_children()[0])
    triage = screen.triage_selected()
    triage.choose("monitor")
    triage.look_again.set("25/12/2026")
    assert "Christmas Day (bank holiday)" in warning_under(triage.look_again)
    triage.look_again.set("07/01/2030")
    assert warning_under(triage.look_again) == ""


def test_a_referrals_date_warns_once_the_record_is_loaded(main, actor, add_pupil):
    pupil_id = add_pupil(sen_status="K", primary_need="SLCN")
    record = main.open_pupil(pupil_id)
    record.tabs.select(record.pages[record.referrals])
    pump(main.root)
    field = record.referrals.referrals_box.form.fields["referred_on"]
    field.set(SUNDAY)
    assert warning_under(field).startswith(f"The referral date, {SUNDAY}, is a Sunday.")
    field.set("07/09/2026")
    assert warning_under(field) == ""
