"""What each role sees in a pupil's record, in real windows (issue 13): no tab, menu item or
button a role cannot use, and read-only fields that take no typing.

Each test opens the main window as the role and drives it as that person would (the school is
tests/ui/role_views.py's).
"""

from __future__ import annotations

import pytest

from sencodesk.ui.widgets import is_read_only
from tests.ui.helpers import keyboard_ready, pump
from tests.ui.role_views import NOTE, window_as

pytestmark = pytest.mark.gui


def _record(window, pupil_id: int):
    record = window.open_pupil(pupil_id)
    pump(window.root)
    return record


def _tabs(record) -> list[str]:
    return [record.tabs.tab(t, "text") for t in record.tabs.tabs() if record.tabs.tab(t, "state") != "hidden"]


def _type_into(root, widget, text: str = "x") -> None:
    keyboard_ready(root, widget)
    for ch in text:
        widget.event_generate("<KeyPress>", keysym=ch)
    widget.event_generate("<Control-v>")  # and a paste
    pump(root)


def _export_items(record) -> list[str]:
    menu = record.export_menu
    menu.event_generate("<<MenuSelect>>")  # nothing: the items are filled as it opens
    from sencodesk.ui.pupil import export_menu

    export_menu._fill(record, menu)
    return [menu.entrycget(i, "label") for i in range(menu.index("end") + 1) if menu.type(i) == "command"]


def test_the_office_sees_only_the_roll_in_a_record(role_school, root):
    record = _record(window_as(role_school, root, "office"), role_school["mine"])
    # no Notes (the SENCO's note named a diagnosis), and no tab that would read as "none here"
    assert _tabs(record) == ["Details", "Contacts"]
    assert not record.export_button.winfo_manager() and not record.leave_button.winfo_manager()
    assert record.save_button.winfo_manager()  # the roll is theirs to keep
    assert NOTE not in str(record.collect())


def test_a_teacher_reads_their_pupils_record_and_cannot_type_in_it(role_school, root):
    window = window_as(role_school, root, "teacher")
    record = _record(window, role_school["mine"])
    assert "Notes" not in _tabs(record) and "History" in _tabs(record)
    assert not record.save_button.winfo_manager() and not record.leave_button.winfo_manager()
    surname = record.details.fields["legal_surname"]
    assert is_read_only(surname.input)
    _type_into(root, surname.input, "abc")
    assert surname.get() == "Mine"
    contacts = record.contacts
    assert not contacts.add_button.winfo_manager()
    assert all(is_read_only(w) for w in contacts.rows[0].widgets[:4])
    assert not contacts.rows[0].widgets[5].winfo_manager()  # no Remove
    # the packs to the LA are not theirs; their own pupil's case sample and the letters to their
    # pupils' parents are (not the JSON file for the next school: it holds the UPN and the whole file)
    assert _export_items(record) == [
        "One-page profile…",
        "Inclusion case sample (for an inspector)…",
        "Copy of the plan for home (PDF)…",
        "Copy of the plan for home (Word)…",
        "Invitation to a review meeting…",
    ]


def test_a_teachers_referrals_tab_holds_who_is_involved_only(role_school, root):
    record = _record(window_as(role_school, root, "teacher"), role_school["mine"])
    record.tabs.select(record.page("referrals"))
    pump(root)
    tab = record.referrals
    assert not tab.referrals_box.winfo_manager() and not tab.request_box.winfo_manager()
    assert tab.involvements_box.winfo_manager()
    assert [
        tab.involvements_box.tree.item(i, "values")[1] for i in tab.involvements_box.tree.get_children()
    ] == ["Dr Jones"]
    for button in tab.involvements_box.buttons:
        assert not button.winfo_manager()
    assert all(is_read_only(f.input) for f in tab.involvements_box.form.fields.values())


def test_the_head_reads_the_notes_and_the_profile_but_types_in_neither(role_school, root):
    record = _record(window_as(role_school, root, "head"), role_school["mine"])
    assert "Notes" in _tabs(record) and not record.save_button.winfo_manager()
    record.tabs.select(record.page("notes"))
    pump(root)
    _type_into(root, record.notes, "abc")
    assert record.notes.get("1.0", "end-1c") == NOTE
    record.tabs.select(record.page("profile"))
    pump(root)
    profile = record.profile
    assert not profile.save_button.winfo_manager()
    box = profile.boxes["important_to_me"]
    _type_into(root, box.input, "abc")
    assert box.get() == "My dog"
    record.tabs.select(record.page("referrals"))
    pump(root)
    tab = record.referrals
    assert tab.referrals_box.winfo_manager()  # the head reads the referrals
    for button in (
        *tab.referrals_box.buttons,
        *tab.request_box.buttons,
    ):
        assert not button.winfo_manager()
    assert not tab.referrals_box.consent.winfo_manager()
    assert "One-page profile…" in _export_items(record)


def test_the_senco_types_where_the_others_cannot(role_school, root):
    """The typing the tests above try really types, for the SENCO (so their refusals mean it)."""
    record = _record(window_as(role_school, root, "senco"), role_school["mine"])
    record.tabs.select(record.page("notes"))
    pump(root)
    _type_into(root, record.notes, "abc")
    assert record.notes.get("1.0", "end-1c") != NOTE
    record.tabs.select(record.page("details"))
    pump(root)
    surname = record.details.fields["legal_surname"]
    _type_into(root, surname.input, "abc")
    assert surname.get() != "Mine"


def test_the_head_is_offered_no_review_or_plan_save(role_school, root):
    record = _record(window_as(role_school, root, "head"), role_school["mine"])
    record.tabs.select(record.page("support"))
    pump(root)
    support = record.support
    if support.stale:
        support.build()
    pump(root)
    assert not support.review_button.winfo_manager()
    assess, plan, do = (support.form(label) for label in ("Assess", "Plan", "Do"))
    for form in (assess, plan):
        assert not form.save_button.winfo_manager()  # the line under it says who changes it
    assert is_read_only(plan.strategies.input) and is_read_only(assess.fields["attainment"].input)
    _type_into(root, plan.strategies.input, "abc")
    assert plan.strategies.get() == "Seat near the front."
    assert not do.log_button.winfo_manager()  # the head logs no sessions
    review_page = support.stages.nametowidget(support.stages.tabs()[3])
    assert not [w for w in review_page.winfo_children() if "Record the review" in str(w.cget("text") or "")]
