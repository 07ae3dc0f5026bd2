"""The Deadlines screen, the dashboard panel and the pupil record's EHC tab, driven like a person
on a real school: overdue first in words, a step recorded and its days late shown, exports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import ttkbootstrap as ttk
from pypdf import PdfReader

from sencodesk.domain import statutory
from sencodesk.services import ehc_plans, ehcna_requests, pupils
from sencodesk.ui import dialogs, save_as
from tests.ui.helpers import keyboard_ready, pump

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _strategy_published(strategy_published):
    """These tests are about pupils' statutory dates, not the school's own (published here)."""


TODAY = date.today()
PLAN = {
    "needs": [{"text": "Spoken language well below age", "area": "CI"}],
    "outcomes": [{"text": "Will follow two-step instructions", "area": "CI"}],
    "provision": [{"text": "Speech and language programme", "detail": "TA, 3 x 20 min"}],
}


def uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def late_request(actor, add_pupil):
    """A request sent 9 weeks ago with no LA decision: 21 days past the 6-week limit."""
    pupil_id = add_pupil(legal_forename="Ivy", legal_surname="Hill", sen_status="K", primary_need="SLCN")
    request_id = ehcna_requests.record_request(
        actor, pupil_id, {"requested_by": "school", "sent_on": uk(TODAY - timedelta(weeks=9))}
    )
    return pupil_id, request_id


@pytest.fixture
def coming_review(actor, add_pupil):
    """A plan 11 months old: its first annual review falls due within the next 8 weeks."""
    pupil_id = add_pupil(
        legal_forename="Ben",
        legal_surname="Ash",
        sen_status="K",
        primary_need="SLCN",
        sen_start_date="01/09/2020",
    )
    plan_date = TODAY - timedelta(days=330)
    ehc_plans.issue_plan(actor, pupil_id, PLAN | {"plan_date": uk(plan_date)})
    return pupil_id


def rows(tree) -> list[tuple]:
    return [tuple(tree.item(i, "values")) for i in tree.get_children()]


def test_deadlines_screen_lists_overdue_first_in_red_and_in_words(main, late_request, coming_review):
    screen = main.show("deadlines")
    pump(main.root)
    shown = rows(screen.tree)
    assert shown[0][1] == "Overdue by 21 days" and shown[0][2] == "Ivy Hill"
    assert shown[0][4] == "LA decision whether to assess"
    assert "overdue" in screen.tree.item(screen.tree.get_children()[0], "tags")
    later = [r for r in shown if r[2] == "Ben Ash"]
    assert later and later[0][1].startswith("Due in ") and shown.index(later[0]) > 0
    assert not screen.tree.item(screen.tree.get_children()[shown.index(later[0])], "tags")
    assert screen.counts.cget("text").startswith("1 overdue")


def test_a_deadline_opens_the_pupils_record_on_the_ehc_tab(main, late_request):
    pupil_id, _ = late_request
    screen = main.show("deadlines")
    first = screen.tree.get_children()[0]
    screen.tree.selection_set(first)
    keyboard_ready(main.root, screen.tree)
    screen.tree.event_generate("<Return>")
    pump(main.root)
    record = main.records[pupil_id]
    assert record.tabs.select() == str(record.pages[record.ehc])
    _, request_id = late_request
    tree = record.ehc.request_trees[request_id]
    assert tree.item(tree.selection()[0], "values")[0] == "LA decision whether to assess"
    record.close()


def test_dashboard_panel_counts_and_names_the_overdue(main, late_request):
    dashboard = main.show("dashboard")
    pump(main.root)
    panel = dashboard.deadlines
    assert panel.buttons["overdue"].cget("text") == "1 overdue"
    lines = [w.cget("text") for w in panel.lines.winfo_children()]
    assert lines[0] == "Overdue by 21 days: Ivy Hill, LA decision whether to assess"
    panel.buttons["overdue"].invoke()
    assert main.current == "deadlines"


def test_export_to_calendar_writes_the_file_chosen(main, late_request, tmp_path, actor):
    screen = main.show("deadlines")
    out = tmp_path / "deadlines.ics"
    save_as.test_answers.append(out)
    # the late decision, the 16-week step, and (by today's date) Ivy's next meeting with her
    # parents, who are not yet met three times this school year (Code of Practice 6.65)
    meetings = sum(d.record == "parent_meetings" for d in screen.items.values())
    assert screen.export_ics() == len(screen.items) == 2 + meetings
    text = out.read_text()
    assert "BEGIN:VCALENDAR" in text and "I.H." in text and "Ivy Hill" not in text
    assert dialogs.testing.shown[-1][0] == "info"
    assert screen.export_ics() is None  # cancelled: nothing written, nothing said
    assert actor.db.execute("SELECT COUNT(*) FROM audit WHERE action = 'export'").fetchone()[0] == 1


def test_ehc_tab_records_the_las_decision_and_shows_the_days_late(main, late_request, actor):
    pupil_id, request_id = late_request
    record = main.open_pupil(pupil_id)
    pump(main.root)
    tab = record.ehc
    tree = tab.request_trees[request_id]
    assert rows(tree)[0][4] == "Overdue by 21 days"
    dialog = tab.edit_request(ehcna_requests.get_request(actor, request_id))
    dialog.fields["will_assess"].set("yes")
    decided = TODAY - timedelta(weeks=1)  # 8 weeks after the request: 14 days late
    dialog.fields["decision_on"].set(uk(decided))
    assert dialog.save() is True
    pump(main.root)
    step = rows(tab.request_trees[request_id])[0]
    assert step[2] == uk(decided) and step[3] == "14" and step[4] == "Done 14 days late"
    assert ehcna_requests.get_request(actor, request_id).dates.decision_on == decided
    record.close()


def test_ehc_tab_form_refuses_bad_input_by_the_field_and_keeps_it(main, late_request, actor):
    pupil_id, request_id = late_request
    record = main.open_pupil(pupil_id)
    pump(main.root)
    dialog = record.ehc.edit_request(ehcna_requests.get_request(actor, request_id))
    dialog.fields["decision_on"].set("31/02/2026")
    assert dialog.save() is False
    assert "28 days" in dialog.fields["decision_on"].error_text
    assert "Nothing was saved" in dialog.status.cget("text")
    assert dialog.fields["decision_on"].get() == "31/02/2026"
    dialogs.testing.answers.append(True)
    assert dialog.close() is True  # unsaved: asked first
    assert dialogs.testing.shown[-1][0] == "question"
    record.close()


def test_recording_a_plan_on_the_tab_puts_the_pupil_on_e(main, late_request, actor):
    pupil_id, _ = late_request
    record = main.open_pupil(pupil_id)
    pump(main.root)
    dialog = record.ehc.new_plan()
    dialog.fields["plan_date"].set(uk(TODAY - timedelta(days=3)))
    dialog.fields["needs"].set([PLAN["needs"][0]])
    dialog.fields["outcomes"].set([PLAN["outcomes"][0]])
    dialog.fields["provision"].set([PLAN["provision"][0]])
    assert dialog.save() is True
    pump(main.root)
    assert pupils.get_pupil(actor, pupil_id).sen_status == "E"
    assert record.sen.fields["sen_status"].get().startswith("E")  # the record reloaded
    assert "Saved" in record.banner.cget("text")
    due = statutory.review_due(TODAY - timedelta(days=3))
    assert record.ehc.next_due_label.cget("text").startswith(f"Next annual review due by {uk(due)}")
    record.close()


def test_annual_review_pack_exports_from_the_tab(main, coming_review, tmp_path, actor):
    record = main.open_pupil(coming_review)
    pump(main.root)
    out = tmp_path / "ar.pdf"
    save_as.test_answers.append(out)
    result = record.ehc.export_pack()
    assert result.path == out
    assert "Will follow two-step instructions" in "".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "Not yet recorded" in dialogs.testing.shown[-1][1]
    record.close()


def test_a_plan_recorded_after_a_request_dates_the_requests_final_plan(main, late_request, actor):
    pupil_id, request_id = late_request
    record = main.open_pupil(pupil_id)
    pump(main.root)
    dialog = record.ehc.new_plan()
    issued = TODAY - timedelta(days=1)
    dialog.fields["plan_date"].set(uk(issued))
    for key in ("needs", "outcomes", "provision"):
        dialog.fields[key].set([PLAN[key][0]])
    assert dialog.save() is True
    assert ehcna_requests.get_request(actor, request_id).dates.final_plan_on == issued
    record.close()


def test_a_consultation_recorded_on_the_deadlines_screen_is_listed_with_its_due_date(main, actor):
    screen = main.show("deadlines")
    dialog = screen.new_consultation()
    received = TODAY - timedelta(days=20)
    for key, value in (
        ("child_name", "Maya Osei"),
        ("child_dob", "14/03/2022"),
        ("la_name", "Northmoor"),
        ("received_on", uk(received)),
    ):
        dialog.fields[key].set(value)
    assert dialog.save() is True
    pump(main.root)
    [row] = rows(screen.consultation_tree)
    due = received + timedelta(days=14)
    assert row[:4] == (uk(received), "Maya Osei", "Northmoor", uk(due))
    assert row[4].startswith("Overdue by 6 days")
    assert any(r[2] == "Maya Osei" and r[1] == "Overdue by 6 days" for r in rows(screen.tree))
    dialog = screen.open_deadline(next(d for d in screen.items.values() if d.pupil_name == "Maya Osei"))
    dialog.fields["reply"].set("cannot")
    dialog.fields["sent_on"].set(uk(TODAY))
    assert dialog.save() is False  # "cannot" needs its reasons
    assert "reasons" in dialog.fields["reasons"].message.cget("text").lower()
    dialog.fields["reasons"].set("No space in the resourced provision this year")
    assert dialog.save() is True
    pump(main.root)
    assert rows(screen.consultation_tree)[0][4] == "The school cannot meet the needs"


def test_review_report_words_saved_from_the_tab_print_in_the_pack(main, coming_review, actor, tmp_path):
    from sencodesk.services import annual_reviews, plan_links

    plan = ehc_plans.current_plan(actor, coming_review)
    review_id = annual_reviews.record_review(actor, plan.id, {"meeting_on": uk(TODAY + timedelta(days=20))})
    record = main.open_pupil(coming_review)
    pump(main.root)
    assert review_id in record.ehc.review_trees
    dialog = record.ehc.edit_report(review_id)
    dialog.fields["parent_views"].set("We would like more help with reading at home")
    assert dialog.save() is True
    assert plan_links.get_review_report(actor, review_id).parent_views.startswith("We would like")
    save_as.test_answers.append(tmp_path / "ar.pdf")
    record.ehc.export_pack()
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "ar.pdf")).pages)
    assert "We would like more help with reading at home" in text
    record.close()


def test_ticking_an_exception_lifts_the_limit_and_removing_it_restores_the_days_late(
    main, late_request, actor
):
    pupil_id, request_id = late_request
    record = main.open_pupil(pupil_id)
    pump(main.root)
    dialog = record.ehc.add_exception(request_id)
    dialog.fields["kind"].set("personal")
    assert dialog.save() is False  # the note is required
    assert dialog.fields["note"].message.cget("text")
    dialog.fields["note"].set("Family bereavement; the LA agreed the delay")
    assert dialog.save() is True
    pump(main.root)
    assert rows(record.ehc.request_trees[request_id])[0][4] == "Time limit lifted (exception)"
    [exception_id] = ehcna_requests.get_request(actor, request_id).exception_ids
    dialogs.testing.answers.append(True)
    record.ehc.remove_exception(request_id, exception_id)
    pump(main.root)
    assert rows(record.ehc.request_trees[request_id])[0][4] == "Overdue by 21 days"
    record.close()


def test_ceasing_the_plan_from_the_tab_moves_the_pupil_to_k(main, coming_review, actor):
    record = main.open_pupil(coming_review)
    pump(main.root)
    dialog = record.ehc.cease_plan(ehc_plans.current_plan(actor, coming_review))
    dialog.fields["ceased_on"].set("")
    assert dialog.save() is False and dialog.fields["ceased_on"].error_text
    dialog.fields["ceased_on"].set(uk(TODAY))
    dialog.fields["reason"].set("Needs met at SEN support")
    assert dialog.save() is True
    pump(main.root)
    assert ehc_plans.current_plan(actor, coming_review) is None
    assert pupils.get_pupil(actor, coming_review).sen_status == "K"
    assert record.sen.fields["sen_status"].get().startswith("K")
    record.close()


def test_review_names_the_statutory_invitees_not_yet_invited(main, coming_review, actor):
    from sencodesk.services import annual_reviews

    plan = ehc_plans.current_plan(actor, coming_review)
    annual_reviews.record_review(
        actor,
        plan.id,
        {
            "meeting_on": uk(TODAY + timedelta(days=20)),
            "invitations": [
                {"invitee": key, "sent_on": uk(TODAY)} for key in ("parent", "head", "la_sen", "social_care")
            ],
        },
    )
    record = main.open_pupil(coming_review)
    pump(main.root)
    texts = [
        w.cget("text")
        for w in record.ehc.content.winfo_children()[-1].winfo_children()
        if isinstance(w, ttk.Label)
    ]
    assert any(t.startswith("Invitations not yet sent to: Health care professional") for t in texts)
    record.close()
