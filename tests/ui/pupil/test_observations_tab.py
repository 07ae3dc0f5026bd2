"""Requests for staff observations in real windows: the SENCO asks from the pupil's record, the
teacher answers (or declines) from their dashboard, the answer shows on the record; a stale
answer keeps its text; the tab is the SENCO's and head's only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sencodesk.services import staff_requests
from sencodesk.services.actor import Actor
from sencodesk.ui import roles
from sencodesk.ui.app import build_main_window
from sencodesk.ui.observation_dialogs import AnswerDialog
from sencodesk.ui.pupil import tabs
from tests.ui.helpers import pump
from tests.ui.role_views import supported_pupil
from tests.ui.test_accounts_ui import add_account

pytestmark = pytest.mark.gui

TODAY = date.today()


@pytest.fixture
def school(actor):
    """Zed Mine on SEN support (the teacher named on his cycle); a second teacher named on nothing."""
    teacher = add_account(actor, "tt", "teacher")
    other = add_account(actor, "ot", "teacher")
    senco = add_account(actor, "khan", "senco")
    pupil = supported_pupil(actor, "Mine", teacher.id)
    return {"actor": actor, "teacher": teacher, "other": other, "senco": senco, "pupil": pupil}


def _as(school, user) -> Actor:
    actor = school["actor"]
    return Actor(db=actor.db, user=user, data_dir=actor.data_dir)


def _window(school, root, user):
    window = build_main_window(_as(school, user), root)
    roles.apply_to_main(window)
    pump(root)
    return window


def _ask_overdue(school) -> int:
    """A request sent three weeks ago to the teacher, wanted by three days ago."""
    form = {
        "purpose": "cycle_review",
        "due_on": (TODAY - timedelta(days=3)).strftime("%d/%m/%Y"),
        "note": "Before his review.",
        "questions": ["What do you see in your lessons?", "What works?"],
        "recipients": [school["teacher"].id],
    }
    return staff_requests.send_request(
        _as(school, school["senco"]), school["pupil"], form, today=TODAY - timedelta(days=21)
    )


def test_the_senco_asks_from_the_record_and_the_request_is_listed(school, root):
    window = _window(school, root, school["senco"])
    record = window.open_pupil(school["pupil"])
    tab = record.observations
    record.tabs.select(tab)
    pump(root)
    assert "No member of staff has been asked" in tab.status.cget("text")
    dialog = tab.ask()
    pump(root)
    # the pupil's own teacher is ticked; the other teacher is offered, not ticked
    ticked = {c.name: dialog.ticks[c.user_id].get() for c in dialog.choices}
    assert ticked == {"Staff tt": True, "Staff ot": False}
    assert dialog.purpose.get().startswith("Before the review of SEN support cycle 1")
    dialog.questions.set("What do you see in PE?\nWhat works?")
    dialog.note.set("Before his review.")
    dialog.choose("Staff tt", "Staff ot")
    dialog.save_button.invoke()
    pump(root)
    assert not dialog.winfo_exists()
    [request] = staff_requests.requests_for_pupil(window.actor, school["pupil"])
    assert request.questions == ("What do you see in PE?", "What works?")
    assert {r.name for r in request.recipients} == {"Staff tt", "Staff ot"}
    assert "1 request for staff observations; 0 answered." in tab.status.cget("text")
    assert "Sent." in tab.message.cget("text")
    rows = [tab.tree.item(i, "text") for i in tab.tree.get_children(f"request-{request.id}")]
    assert rows == ["Staff ot", "Staff tt"]


def test_a_send_with_no_one_ticked_is_refused_by_the_list_and_the_typing_kept(school, root):
    window = _window(school, root, school["senco"])
    record = window.open_pupil(school["pupil"])
    dialog = record.observations.ask()
    dialog.choose()
    dialog.note.set("Please be quick.")
    dialog.due_on.set("01/01/2001")
    dialog.save_button.invoke()
    pump(root)
    assert dialog.winfo_exists()
    assert dialog.staff_slot.error_text == "Choose at least one member of staff to ask."
    assert "cannot be in the past" in dialog.due_on.error_text
    assert dialog.note.get() == "Please be quick."
    assert staff_requests.requests_for_pupil(window.actor, school["pupil"]) == []


def test_the_teacher_answers_from_the_dashboard_and_the_senco_reads_it(school, root):
    _ask_overdue(school)
    window = _window(school, root, school["teacher"])
    dash = window.show("dashboard")
    panel = dash.observations
    pump(root)
    assert panel.heading.cget("text") == "Requests for your observations (1)"
    [line] = panel.texts()
    assert line.startswith("Overdue: wanted by ") and "Zed Mine (Year 3)" in line
    assert "danger" in str(panel.buttons[0].cget("style")).lower()  # red, and the word Overdue
    panel.buttons[0].invoke()
    pump(root)
    dialog = next(w for w in root.winfo_children() if isinstance(w, AnswerDialog))
    assert dialog.due_line.cget("text").startswith("Overdue: wanted by")
    dialog.subject.set("PE")
    dialog.answers[0].set("Fast runner; loses track of team rules.")
    dialog.answers[1].set("Picture cards for each station.")
    dialog.save_button.invoke()
    pump(root)
    assert not dialog.winfo_exists()
    assert panel.heading.cget("text") == "Requests for your observations (0)"
    assert "Thank you" in window.status_line.cget("text")
    window.destroy()
    senco = _window(school, root, school["senco"])
    record = senco.open_pupil(school["pupil"])
    tab = record.observations
    pump(root)
    assert "1 answered" in tab.status.cget("text")
    assert "Staff tt (PE): Answered on" in tab.shown_text  # the answer is chosen when the tab opens
    assert "Picture cards for each station." in tab.shown_text


def test_the_senco_dashboard_lists_what_is_awaited_and_opens_the_record(school, root):
    _ask_overdue(school)
    window = _window(school, root, school["senco"])
    panel = window.show("dashboard").observations
    pump(root)
    assert panel.heading.cget("text") == "Observations awaited from staff (1)"
    [line] = panel.texts()
    assert line.startswith("Overdue: wanted by") and line.endswith("Zed Mine, 1 of 1 awaited")
    record = panel.open_record(school["pupil"])
    pump(root)
    assert record.tabs.select() == str(record.observations)


def test_an_answer_after_a_withdrawal_is_refused_and_nothing_typed_is_lost(school, root):
    request_id = _ask_overdue(school)
    window = _window(school, root, school["teacher"])
    panel = window.show("dashboard").observations
    pump(root)
    dialog = panel.answer(staff_requests.my_requests(window.actor)[0].recipient_id)
    dialog.subject.set("Maths")
    dialog.answers[0].set("Counts on fingers.")
    staff_requests.withdraw_request(_as(school, school["senco"]), request_id, 1)  # meanwhile, elsewhere
    dialog.save_button.invoke()
    pump(root)
    assert dialog.winfo_exists()
    assert "Staff khan withdrew this request on" in dialog.message.cget("text")
    assert dialog.answers[0].get() == "Counts on fingers."


def test_the_teacher_declines_with_a_reason(school, root):
    _ask_overdue(school)
    window = _window(school, root, school["teacher"])
    panel = window.show("dashboard").observations
    pump(root)
    dialog = panel.answer(staff_requests.my_requests(window.actor)[0].recipient_id)
    decline = dialog.decline()
    decline.save_button.invoke()
    pump(root)
    assert "Say why you cannot answer" in decline.reason.error_text
    decline.reason.set("I do not teach Zed this year.")
    decline.save_button.invoke()
    pump(root)
    assert not decline.winfo_exists() and not dialog.winfo_exists()
    assert panel.heading.cget("text") == "Requests for your observations (0)"
    [request] = staff_requests.requests_for_pupil(_as(school, school["senco"]), school["pupil"])
    assert request.recipients[0].declined_reason == "I do not teach Zed this year."


def test_the_observations_tab_is_not_shown_to_a_teacher_or_the_office(school, root):
    _ask_overdue(school)
    for user in (school["teacher"], add_account(school["actor"], "desk", "office")):
        window = _window(school, root, user)
        record = window.open_pupil(school["pupil"])
        pump(root)
        assert not record.drawn("observations")  # not drawn for them at all (pupil/tabs.py)
        assert record.built("observations") is None
        window.destroy()
    # the office's dashboard has no requests panel either (nor any dashboard)
    assert not tabs.BY_KEY["observations"].may_read(school["teacher"])
