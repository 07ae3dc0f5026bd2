"""Parents as partners in real windows: the Meetings tab and its dialog, a parent's language on
the Contacts tab, the support layer on the SEN tab and the register's filter, the plan's words
for home, the letters from the Export menu, the dashboard's tile and list, and Settings."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from sencodesk.domain import letters
from sencodesk.domain.dates import uk
from sencodesk.domain.users import User
from sencodesk.services import cycles, invitations, parent_meetings, pupils, support_layers
from sencodesk.services.actor import Actor
from sencodesk.ui import dialogs, save_as
from sencodesk.ui.app import build_main_window
from sencodesk.ui.exporting import save_testing
from sencodesk.ui.pupil import export_menu
from tests.ui.graduated import open_support, planned
from tests.ui.helpers import pump

pytestmark = pytest.mark.gui

TODAY = date.today()
MOTHER = {
    "name": "Anna Kowalska",
    "relationship": "Mother",
    "first_language": "Polish",
    "interpreter_needed": True,
}


@pytest.fixture(autouse=True)
def clean_answers():
    save_testing.paths.clear()
    save_as.test_answers.clear()
    yield
    save_testing.paths.clear()
    save_testing.opened.clear()


@pytest.fixture
def maja(actor, add_pupil):
    pupil_id, _ = planned(actor, add_pupil, legal_forename="Maja", contacts=[MOTHER])
    return pupil_id


def meetings_tab(main, pupil_id):
    record = main.open_pupil(pupil_id)
    record.tabs.select(record.page("meetings"))
    pump(main.root)
    return record, record.meetings


def test_record_a_meeting_in_its_dialog_and_see_the_count(main, actor, maja):
    record, tab = meetings_tab(main, maja)
    assert tab.summary.cget("text").startswith("Meetings with parents: 0 of 3 this school year")
    dialog = tab.add()
    dialog.attendees.set("")
    assert dialog.save() is False and "Say who was there" in dialog.attendees.error_text
    dialog.held_on.set(uk(TODAY))
    dialog.how.set("By phone")
    dialog.attendees.set("Mrs Kowalska (mother), Miss Patel")
    dialog.agreed.set("Reading for ten minutes each night")
    assert dialog.save() is True
    pump(main.root)
    assert tab.summary.cget("text").startswith("Meetings with parents: 1 of 3 this school year")
    first = tab.tree.get_children()[0]
    assert tab.tree.item(first, "values")[1:] == (
        "By phone",
        "Mrs Kowalska (mother), Miss Patel",
        "Reading for ten minutes each night",
    )
    assert record.banner.cget("text") == "Meeting saved. 1 of 3 this school year."
    tab.tree.selection_set(first)
    pump(main.root)
    dialogs.testing.answers.append(True)
    assert tab.remove() is True
    assert parent_meetings.pupil_meetings(actor, maja).meetings == []


def test_a_review_a_parent_came_to_is_listed_and_changed_only_where_it_was_recorded(main, actor, maja):
    c = cycles.pupil_record(actor, maja).open_cycle
    held = c.plan_start + timedelta(days=1)
    cycles.record_review(
        actor,
        c.id,
        c.version,
        {
            "held_on": uk(held),
            "decision": "continue",
            "parent_present": True,
            "ratings": {o.id: "met" for o in c.outcomes},
        },
    )
    _, tab = meetings_tab(main, maja)
    first = tab.tree.get_children()[0]
    assert tab.tree.item(first, "values")[1] == "Review of plan 1"
    tab.tree.selection_set(first)
    pump(main.root)
    assert str(tab.edit_button.cget("state")) == "disabled" and "Support tab" in tab.note.cget("text")


def test_the_office_sees_no_meetings_tab_and_the_head_reads_it(main, root, actor, maja):
    for role, shown, buttons in (("office", False, False), ("head", True, False)):
        user_id = (
            actor.db["users"]
            .insert(
                {
                    "username": role,
                    "display_name": role,
                    "role": role,
                    "active": 1,
                    "created_at": "2026-09-01",
                }
            )
            .last_pk
        )
        window = build_main_window(
            Actor(db=actor.db, user=User(user_id, role, role, role), data_dir=actor.data_dir), root
        )
        record = window.open_pupil(maja)
        pump(root)
        titles = [
            record.tabs.tab(t, "text") for t in record.tabs.tabs() if record.tabs.tab(t, "state") != "hidden"
        ]
        assert ("Meetings" in titles) is shown, role
        if shown:
            tab = record.meetings
            assert bool(tab.add_button.winfo_manager()) is buttons
        record.destroy()


def test_a_parents_language_and_interpreter_are_saved_on_the_contacts_tab(main, actor, add_pupil):
    pupil_id = add_pupil(contacts=[{"name": "Jo Smith", "relationship": "Mother"}])
    record = main.open_pupil(pupil_id)
    record.tabs.select(record.page("contacts"))
    pump(main.root)
    row = record.contacts.rows[0]
    row.vars["first_language"].set("Bengali")
    row.interpreter_var.set(True)
    assert record.save() is True
    contact = pupils.get_pupil(actor, pupil_id).contacts[0]
    assert (contact.first_language, contact.interpreter_needed) == ("Bengali", True)
    assert contact.language_line == "First language: Bengali. Interpreter needed: Bengali"


def test_the_support_layer_is_chosen_on_the_sen_tab_and_filters_the_register(main, actor, maja, add_pupil):
    record = main.open_pupil(maja)
    record.tabs.select(record.page("sen"))
    pump(main.root)
    field = record.sen.fields["support_layer"]
    assert list(field.input.cget("values")) == ["(not chosen)", *support_layers.support_layers(actor)]
    field.set("Targeted plus")
    assert record.save() is True
    assert pupils.get_pupil(actor, maja).support_layer == "Targeted plus"
    # a record saved with the SEN tab never shown keeps the layer (the form carries it)
    other = main.open_pupil(maja)
    other.details.fields["class_name"].set("3C")
    assert other.save() is True and pupils.get_pupil(actor, maja).support_layer == "Targeted plus"
    add_pupil(legal_surname="Noone")
    register = main.show("register")
    register.load()
    register.layer_var.set("Targeted plus")
    assert [v[1] for v in register.visible_values()] == ["Maja"]
    register.layer_var.set("None chosen")
    assert "Maja" not in [v[1] for v in register.visible_values()]


def test_the_plan_form_keeps_the_words_for_home(main, actor, maja):
    _, support = open_support(main, maja)
    plan = support.form("Plan")
    plan.at_home.set("Read with Maja each night.")
    plan.outcome_rows[0].in_my_words.set("I will read 20 words")
    assert plan.save() is True
    c = cycles.pupil_record(actor, maja).open_cycle
    assert c.at_home == "Read with Maja each night." and c.outcomes[0].in_my_words == "I will read 20 words"


def test_the_copy_for_home_and_an_invitation_from_the_export_menu(main, actor, maja, tmp_path):
    record = main.open_pupil(maja)
    pump(main.root)
    dialog = export_menu.parent_copy_dialog(record, ".docx")
    assert dialog.job.suffix == ".docx" and "Copy of" in dialog.job.title
    assert any(line.startswith("Missing: What parents can do at home") for line in dialog.lines)
    dialog.destroy()
    invite = export_menu.invitation_dialog(record)
    invite.day.set(uk(TODAY + timedelta(days=20)))
    invite.time.set("3.30pm")
    invite.preview()
    text = invite.letter.get("1.0", "end")
    assert "Interpreter needed: Polish" in text and "Dear Anna Kowalska," in text and "{" not in text
    save_testing.paths.append(tmp_path / "invite")
    dialogs.testing.answers.append(False)  # not opened
    invite.save(".pdf")
    assert (tmp_path / "invite.pdf").exists() and invite.saved
    invite.destroy()


def test_the_plan_as_json_from_the_export_menu(main, actor, maja, tmp_path):
    record = main.open_pupil(maja)
    pump(main.root)
    save_testing.paths.append(tmp_path / "maja.json")
    written = export_menu.plan_json(record)
    assert json.loads(written.read_text(encoding="utf-8"))["schema"] == "sencodesk-support-plan/1"
    assert "it holds their UPN" in dialogs.testing.shown[-1][1]


def test_the_dashboard_tile_opens_the_list_and_the_list_opens_the_meetings_tab(main, actor, maja):
    dashboard = main.show("dashboard")
    dashboard.refresh()
    assert (
        dashboard.buttons["parents"].cget("text") == "1 on SEN support: parents met under 3 times this year"
    )
    window = dashboard.open_parents_short()
    pump(main.root)
    first = window.tree.get_children()[0]
    assert window.tree.item(first, "values")[0] == "Maja Smith"
    window.tree.selection_set(first)
    record = window.open_chosen()
    pump(main.root)
    assert record.tabs.select() == str(record.page("meetings"))
    window.destroy()


def test_settings_edit_the_letter_and_the_layers(main, actor, add_pupil):
    add_pupil(sen_status="K", primary_need="MLD", sen_start_date="01/09/2026", support_layer="Targeted")
    screen = main.show("settings")
    panel = screen.parents
    panel.template.delete("1.0", "end")
    panel.template.insert("1.0", "Dear {parent_names}, come on {meeting_dat}.")
    assert panel.save_template() is False
    assert "{meeting_dat}, which SENCO desk cannot fill in" in panel.template_message.cget("text")
    assert panel.preview() is None
    panel.template.delete("1.0", "end")
    panel.template.insert("1.0", "Dear {parent_names}, come on {meeting_date}.")
    assert panel.preview() == "Dear Mrs Anna Kowalska, come on Thursday 12 March 2027."
    assert panel.save_template() is True
    assert invitations.invitation_template(actor) == ("Dear {parent_names}, come on {meeting_date}.", False)
    panel.put_back()
    assert panel.save_template() is True and invitations.invitation_template(actor)[1]
    assert panel.template.get("1.0", "end-1c") == letters.DEFAULT_TEMPLATE
    assert "Targeted 1" in panel.in_use.cget("text")
    panel.layers.delete("1.0", "end")
    panel.layers.insert("1.0", "Universal\nSpecialist")
    assert panel.save_layers() is False and "1 pupil is in 'Targeted'" in panel.layers_message.cget("text")
