"""The pupil record: add, find, open, edit, bad input, leavers, unsaved changes."""

from __future__ import annotations

import pytest

from sencodesk.domain.upn import check_letter
from sencodesk.services import pupils
from sencodesk.ui import dialogs
from tests.helpers import make_upn
from tests.ui.helpers import error_of, fill, new_pupil, pump, register_names

pytestmark = pytest.mark.gui


def test_add_find_open_edit_and_see_the_change_in_the_table(main, actor):
    upn = make_upn()
    record = new_pupil(
        main,
        legal_surname="Okafor",
        legal_forename="Chidi",
        dob="14/02/2017",
        gender="M - Male",
        upn=upn,
        year_group="Year 4",
        class_name="4B",
    )
    assert record.save() is True
    assert record.heading.cget("text") == "Chidi Okafor"
    assert "Saved" in record.banner.cget("text")
    assert "Chidi Okafor" in register_names(main)
    record.close()

    register = main.screens["register"]
    register.search_var.set("okaf")
    pump(main.root)
    assert register_names(main) == ["Chidi Okafor"]

    register.search.focus_set()
    register._into_table()
    register.open_selected()
    opened = main.records[pupils.list_register(actor)[0].id]
    assert opened.details.fields["upn"].get() == upn
    fill(opened, class_name="4C")
    opened.event_generate("<Control-s>")
    pump(main.root)
    assert register.visible_values()[0][3] == "4C"
    assert pupils.get_pupil(actor, opened.pupil_id).class_name == "4C"
    assert (
        "changed class from 4B to 4C"
        in [opened.history.item(i, "values")[2] for i in opened.history.get_children()][-1]
    )


def test_bad_upn_and_impossible_date_are_shown_by_their_fields_and_nothing_is_saved(main, actor):
    record = new_pupil(
        main,
        legal_surname="Reid",
        legal_forename="Ava",
        dob="31/02/2019",
        gender="F - Female",
        upn="A938200118001",
        year_group="Year 2",
    )
    assert record.save() is False
    assert "February 2019 has 28 days" in error_of(record, "dob")
    assert "check letter is wrong" in error_of(record, "upn")
    assert "Nothing was saved" in record.banner.cget("text")
    assert pupils.list_register(actor) == []
    assert record.details.fields["legal_surname"].get() == "Reid"  # what was typed is kept


def test_upn_check_letter_is_checked_as_you_type(main):
    record = new_pupil(main)
    field = record.details.fields["upn"]
    field.set("A93820011800")
    pump(main.root)
    assert field.error_text == ""
    field.set("A938200118001")
    pump(main.root)
    assert "check letter is wrong" in field.error_text
    field.set(make_upn())
    pump(main.root)
    assert field.error_text == ""


def test_date_is_checked_on_leaving_the_box(main):
    record = new_pupil(main)
    record.deiconify()
    field = record.details.fields["dob"]
    field.set("31/02/2019")
    field.input.event_generate("<FocusOut>")
    pump(main.root)
    assert "not a real date" in field.error_text


def test_unknown_la_code_warns_but_saves(main, actor):
    body = "999200118001"
    record = new_pupil(
        main,
        legal_surname="Hart",
        legal_forename="Tom",
        dob="01/01/2018",
        gender="M - Male",
        upn=check_letter(body) + body,
        year_group="Year 3",
    )
    assert record.save() is True
    assert "LA number 999" in record.details.fields["upn"].error_text
    assert "check" in record.banner.cget("text").lower()
    assert len(pupils.list_register(actor)) == 1


def test_sen_support_needs_a_need_and_areas_follow_the_needs(main, actor):
    record = new_pupil(
        main,
        legal_surname="Lee",
        legal_forename="Sam",
        dob="01/01/2018",
        gender="M - Male",
        upn=make_upn(),
        year_group="Year 3",
        sen_status="K - SEN support",
    )
    assert record.save() is False
    assert error_of(record, "primary_need")
    assert record.tabs.select() == str(record.pages[record.sen])
    fill(
        record,
        primary_need="SLCN - Speech, language and communication needs",
        secondary_need="SPLD - Specific learning difficulty",
    )
    assert record.sen.areas_label.cget("text") == "Communication and interaction; Cognition and learning"
    assert record.save() is True
    assert pupils.get_pupil(actor, record.pupil_id).primary_need == "SLCN"
    assert len(record.sen.history.get_children()) == 1


def test_contact_with_a_bad_email_is_shown_on_its_row(main, actor):
    record = new_pupil(
        main,
        legal_surname="Lee",
        legal_forename="Sam",
        dob="01/01/2018",
        gender="M - Male",
        upn=make_upn(),
        year_group="Year 3",
    )
    row = record.contacts.add({})
    row.vars["name"].set("Jo Lee")
    row.vars["email"].set("jo.lee-at-home")
    assert record.save() is False
    assert "not an email address" in row.message.cget("text")
    row.vars["email"].set("jo@example.org")
    assert record.save() is True
    assert pupils.get_pupil(actor, record.pupil_id).contacts[0].email == "jo@example.org"


def test_someone_elses_newer_save_is_a_conflict_and_the_form_is_kept(main, actor, add_pupil):
    pupil_id = add_pupil(legal_surname="Ward")
    main.screens["register"].refresh()
    record = main.open_pupil(pupil_id)
    form = pupils.pupil_form(pupils.get_pupil(actor, pupil_id)) | {"class_name": "3Z"}
    pupils.update_pupil(actor, pupil_id, record.version, form)
    fill(record, class_name="3Q")
    assert record.save() is False
    assert "Nothing was saved" in record.banner.cget("text")
    assert record.details.fields["class_name"].get() == "3Q"


def test_mark_as_left_hides_the_pupil_unless_show_leavers(main, actor, add_pupil):
    pupil_id = add_pupil(legal_surname="Gone", legal_forename="Gil", admission_date="01/09/2022")
    add_pupil(legal_surname="Stay", legal_forename="Sue")
    register = main.screens["register"]
    register.refresh()
    record = main.open_pupil(pupil_id)
    dialog = record.mark_left()
    dialog.date_field.set("30/02/2026")
    dialog.ok()
    assert "not a real date" in dialog.date_field.error_text
    dialog.date_field.set("20/07/2026")
    dialog.destination_field.set("Hill Academy")
    dialog.ok()
    pump(main.root)
    assert "Left on 20/07/2026 (to Hill Academy)" in record.banner.cget("text")
    assert register_names(main) == ["Sue Stay"]
    register.leavers_var.set(True)
    pump(main.root)
    assert "Gil Gone" in register_names(main)
    assert any("(left)" in v[4] for v in register.visible_values())

    record.leave_button.invoke()  # now "Put back on roll"
    register.leavers_var.set(False)
    pump(main.root)
    assert "Gil Gone" in register_names(main)
    assert pupils.get_pupil(actor, pupil_id).left_on is None


def test_closing_with_unsaved_changes_asks_first(main, add_pupil):
    pupil_id = add_pupil()
    record = main.open_pupil(pupil_id)
    fill(record, notes="Worried about reading")
    dialogs.testing.answers.append(False)  # "Keep editing"
    assert record.close() is False
    assert record.winfo_exists()
    assert dialogs.testing.shown[-1][0] == "question"
    dialogs.testing.answers.append(True)  # "Close without saving"
    record.event_generate("<Escape>")
    pump(main.root)
    assert pupil_id not in main.records


def test_closing_without_changes_does_not_ask(main, add_pupil):
    record = main.open_pupil(add_pupil())
    assert record.close() is True
    assert dialogs.testing.shown == []


def test_at_200_percent_text_tabbing_to_a_low_field_scrolls_it_into_view(main, add_pupil):
    from sencodesk.ui import appearance
    from tests.ui.helpers import keyboard_ready

    appearance.apply_text_scale(main.root, 200)
    record = main.open_pupil(add_pupil())
    pump(main.root)
    holder = record._scrollers[0]
    assert holder.yview()[1] < 1.0  # the form is taller than the window at this size
    field = record.details.flag_checks["fsm"]
    keyboard_ready(record, field)
    assert holder.yview()[0] > 0.0
    assert record.save_button.winfo_ismapped()
