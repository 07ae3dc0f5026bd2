"""What each role sees, in real windows (issue 13): no tab, menu item or button a role cannot use,
read-only fields that take no typing, and no "no need recorded" for a need hidden from the office.

Each test opens the main window as the role and drives it as that person would.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import make_upn

from sencodesk.services import concerns, cycles, passports, provision, pupils, referrals
from sencodesk.services.actor import Actor
from sencodesk.ui import roles
from sencodesk.ui.app import build_main_window
from sencodesk.ui.widgets import is_read_only

from .conftest import keyboard_ready, pump
from .test_accounts_ui import add_account

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 20)
NOTE = "Diagnosed with ADHD by CAMHS in March."


def _pupil(actor, surname: str, teacher_id: int | None, provision_name: str = "Phonics catch-up") -> int:
    """On SEN support with a plan (the teacher named on it when given), the SENCO's note, a
    referral, an outside involvement and the one-page profile's words."""
    pid, _ = pupils.add_pupil(
        actor,
        {
            "upn": make_upn(),
            "legal_surname": surname,
            "legal_forename": "Zed",
            "dob": "03/04/2018",
            "gender": "M",
            "year_group": "3",
            "sen_status": "N",
            "notes": NOTE,
            "contacts": [{"name": "Jo Parent", "relationship": "Mother", "phone": "01234 567890"}],
        },
    )
    concern = concerns.raise_concern(actor, pid, {"raised_on": "01/07/2026", "seen": "x"}, today=TODAY)
    cycle_id = concerns.triage_concern(
        actor,
        concern,
        1,
        {"decision": "sen_support", "start_date": "01/09/2026", "parents_told_on": "01/09/2026"}
        | {"primary_need": "SPLD"},
        today=TODAY,
    )
    item = next(p.id for p in provision.list_provisions(actor) if p.name == provision_name)
    cycles.save_plan(
        actor,
        cycle_id,
        1,
        {
            "plan_start": "07/09/2026",
            "strategies": "Seat near the front.",
            "parents_told_on": "07/09/2026",
            "outcomes": [{"text": "Read 20 common exception words", "measure": "Weekly check"}],
            "allocations": [{"provision_id": item}],
            "staff": [teacher_id] if teacher_id else [],
        },
    )
    referrals.add_referral(
        actor, pid, {"service": "camhs", "referred_on": "20/11/2026", "reason": "Anxiety"}, today=TODAY
    )
    referrals.add_involvement(
        actor, pid, {"service": "ep", "professional": "Dr Jones", "started_on": "01/02/2026"}, today=TODAY
    )
    passports.save_passport(actor, pid, 0, {"important_to_me": "My dog"})
    return pid


@pytest.fixture
def school(actor):
    teacher = add_account(actor, "tt", "teacher")
    mine = _pupil(actor, "Mine", teacher.id)
    other = _pupil(actor, "Other", None, "Lego-based therapy")
    return {"actor": actor, "teacher": teacher, "mine": mine, "other": other}


def _window(school, root, role: str):
    user = school["teacher"] if role == "teacher" else add_account(school["actor"], f"v{role}", role)
    actor = school["actor"]
    window = build_main_window(Actor(db=actor.db, user=user, data_dir=actor.data_dir), root)
    roles.apply_to_main(window)
    pump(root)
    return window


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


def test_the_office_sees_only_the_roll_in_a_record(school, root):
    record = _record(_window(school, root, "office"), school["mine"])
    # no Notes (the SENCO's note named a diagnosis), and no tab that would read as "none here"
    assert _tabs(record) == ["Details", "Contacts"]
    assert not record.export_button.winfo_manager() and not record.leave_button.winfo_manager()
    assert record.save_button.winfo_manager()  # the roll is theirs to keep
    assert NOTE not in str(record.collect())


def test_the_office_is_never_told_no_need_is_recorded(school, root):
    window = _window(school, root, "office")
    register = window.screens["register"]
    register.select(school["mine"])
    register._show_needs()
    pump(root)
    assert not register.needs_line.winfo_manager()
    assert "no need" not in register.needs_line.cget("text")
    # and no greyed filters by SEN status or need: they are not offered
    for widget in (register.status_box, register.need_box, *register.filter_labels.values()):
        if widget is not register.filter_labels["Year:"]:
            assert not widget.winfo_manager()


def test_a_teacher_reads_their_pupils_record_and_cannot_type_in_it(school, root):
    window = _window(school, root, "teacher")
    record = _record(window, school["mine"])
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
    assert _export_items(record) == ["One-page profile…"]  # the packs to the LA are not theirs


def test_a_teachers_referrals_tab_holds_who_is_involved_only(school, root):
    record = _record(_window(school, root, "teacher"), school["mine"])
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


def test_the_head_reads_the_notes_and_the_profile_but_types_in_neither(school, root):
    record = _record(_window(school, root, "head"), school["mine"])
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


def test_the_senco_types_where_the_others_cannot(school, root):
    """The typing the tests above try really types, for the SENCO (so their refusals mean it)."""
    record = _record(_window(school, root, "senco"), school["mine"])
    record.tabs.select(record.page("notes"))
    pump(root)
    _type_into(root, record.notes, "abc")
    assert record.notes.get("1.0", "end-1c") != NOTE
    record.tabs.select(record.page("details"))
    pump(root)
    surname = record.details.fields["legal_surname"]
    _type_into(root, surname.input, "abc")
    assert surname.get() != "Mine"


def test_the_head_is_offered_no_review_or_plan_save(school, root):
    record = _record(_window(school, root, "head"), school["mine"])
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


def test_a_teachers_provision_screen_shows_their_pupils_and_no_catalogue_edits(school, root):
    window = _window(school, root, "teacher")
    screen = window.show("provision")
    pump(root)
    assert screen.tabs.tab(1, "text") == "Provision map (your pupils)"
    screen.tabs.select(1)
    pump(root)
    names = " ".join(screen.map.item(i, "values")[-1] for i in screen.map.get_children())
    assert "Mine" in names and "Other" not in names
    for button in (screen.add_button, screen.edit_button, screen.retire_button, screen.costing_button):
        assert not button.winfo_manager()
    assert screen.group_button.winfo_manager()  # they log sessions they deliver
    assert all(is_read_only(f.input) for f in screen.costing_fields.values())


def test_a_teachers_dashboard_counts_their_own_pupils(school, root):
    window = _window(school, root, "teacher")
    dashboard = window.show("dashboard")
    pump(root)
    assert dashboard.buttons["pupils"].cget("text") == "Your pupils: 1"
    assert dashboard.buttons["K"].cget("text") == "1 of them on SEN support"


def test_the_head_reads_the_provision_screen_and_logs_nothing(school, root):
    screen = _window(school, root, "head").show("provision")
    pump(root)
    assert not screen.group_button.winfo_manager()
    assert screen.tabs.tab(1, "text") == "Provision map (whole school)"


def test_the_head_reads_concerns_and_is_offered_no_raising_or_triage(school, root):
    actor = school["actor"]
    concerns.raise_concern(actor, school["other"], {"raised_on": "02/11/2026", "seen": "Quiet"}, today=TODAY)
    screen = _window(school, root, "head").show("concerns")
    pump(root)
    assert screen.open_tree.get_children()  # the head reads them
    assert not screen.raise_button.winfo_manager() and not screen.triage_button.winfo_manager()
    screen.open_tree.selection_set(screen.open_tree.get_children()[0])
    keyboard_ready(root, screen.open_tree)
    screen.open_tree.event_generate("<Return>")  # opens the record rather than a triage refusal
    pump(root)
    assert school["other"] in screen.main.records


def _texts(widget) -> list[str]:
    found, stack = [], [widget]
    while stack:
        w = stack.pop()
        stack.extend(w.winfo_children())
        if w.winfo_class() == "TLabel":
            found.append(str(w.cget("text")))
    return found


def test_a_teachers_deadlines_say_they_are_of_their_pupils(school, root):
    screen = _window(school, root, "teacher").show("deadlines")
    pump(root)
    texts = " ".join(_texts(screen))
    assert "Every statutory date of your pupils" in texts and "across the school" not in texts
