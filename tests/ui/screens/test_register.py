"""The register screen: search as you type, filters, the count, sorting, keyboard."""

from __future__ import annotations

import pytest

from tests.ui.helpers import keyboard_ready, pump, register_names

pytestmark = pytest.mark.gui


@pytest.fixture
def school(add_pupil):
    add_pupil(
        legal_surname="Adams",
        legal_forename="Zara",
        year_group="3",
        class_name="3B",
        dob="01/01/2018",
        sen_status="K",
        primary_need="SLCN",
        sen_start_date="01/10/2025",
    )
    add_pupil(
        legal_surname="Baker",
        legal_forename="Yusuf",
        year_group="4",
        class_name="4A",
        dob="01/01/2017",
        sen_status="E",
        primary_need="ASD",
        secondary_need="SEMH",
    )
    add_pupil(
        legal_surname="Cole",
        legal_forename="Xander",
        year_group="3",
        class_name="3A",
        dob="01/01/2018",
        sen_status="K",
        primary_need="SPLD",
    )
    add_pupil(
        legal_surname="Dunn", legal_forename="Willow", year_group="5", class_name="5C", dob="01/01/2016"
    )


@pytest.fixture
def register(main, school):
    screen = main.screens["register"]
    screen.refresh()
    pump(main.root)
    return screen


def test_table_shows_every_column_a_senco_needs(register):
    assert register.visible_values()[1] == (
        "Baker",
        "Yusuf",
        "Year 4",
        "4A",
        "E - EHC plan",
        "ASD",
        "SEMH",
        "",
    )
    assert register.count_label.cget("text") == "3 on the register of 4 pupils"


def test_needs_show_as_codes_with_the_chosen_pupils_in_full_and_year_is_not_cut(main, register, add_pupil):
    add_pupil(legal_surname="Tiny", legal_forename="Tom", year_group="R", class_name="Reception Robins")
    register.load()
    pump(main.root)
    yusuf = next(r.id for r in register.rows if r.surname == "Baker")
    register.select(yusuf)
    pump(main.root)
    assert register.needs_line.cget("text") == (
        "Yusuf Baker: Primary need: ASD - Autistic spectrum disorder; "
        "Secondary need: SEMH - Social, emotional and mental health"
    )
    from tkinter import font

    measure = font.nametofont("TkDefaultFont").measure
    assert register.tree.column("year", "width") >= measure("Reception")
    assert register.tree.column("class", "width") >= measure("Reception Robins")


def test_search_filters_as_you_type_by_name_and_class(main, register):
    register.search_var.set("3A")
    pump(main.root)
    assert register_names(main) == ["Xander Cole"]
    register.search_var.set("zara 3b")  # every word must match
    pump(main.root)
    assert register_names(main) == ["Zara Adams"]
    register.search_var.set("wil")
    pump(main.root)
    assert register_names(main) == ["Willow Dunn"]
    assert register.count_label.cget("text") == "Showing 1 · 3 on the register of 4 pupils"
    register.search_var.set("nobody here")
    pump(main.root)
    assert register_names(main) == []
    assert register.empty_label.cget("text") == "No pupils match the search and filters."


def test_search_by_upn(main, register, actor):
    from sencodesk.services import pupils

    upn = next(r.upn for r in pupils.list_register(actor) if r.surname == "Cole")
    register.search_var.set(upn.lower())
    pump(main.root)
    assert register_names(main) == ["Xander Cole"]


def test_filters_combine_and_the_count_follows(main, register):
    register.year_var.set("Year 3")
    pump(main.root)
    assert register_names(main) == ["Zara Adams", "Xander Cole"]
    register.need_var.set("SPLD - Specific learning difficulty")
    pump(main.root)
    assert register_names(main) == ["Xander Cole"]
    register.year_var.set("All years")
    register.need_var.set("All needs")
    register.status_var.set("E - EHC plan")
    pump(main.root)
    assert register_names(main) == ["Yusuf Baker"]
    register.status_var.set("On the register (K or E)")
    pump(main.root)
    assert register_names(main) == ["Zara Adams", "Yusuf Baker", "Xander Cole"]
    assert register.count_label.cget("text") == "Showing 3 · 3 on the register of 4 pupils"


def test_click_a_heading_to_sort_and_again_to_reverse(main, register):
    register.tree.heading("forename", "command")  # a command is bound to every heading
    register.sort_by("forename")
    pump(main.root)
    assert register_names(main) == ["Willow Dunn", "Xander Cole", "Yusuf Baker", "Zara Adams"]
    assert register.tree.heading("forename", "text") == "Forename ▲"
    register.sort_by("forename")
    pump(main.root)
    assert register_names(main) == ["Zara Adams", "Yusuf Baker", "Xander Cole", "Willow Dunn"]
    assert register.tree.heading("forename", "text") == "Forename ▼"
    register.sort_by("year")
    pump(main.root)
    assert [v[2] for v in register.visible_values()] == ["Year 3", "Year 3", "Year 4", "Year 5"]
    register.search_var.set("a")  # sorting survives filtering
    pump(main.root)
    assert [v[2] for v in register.visible_values()] == sorted(v[2] for v in register.visible_values())


def test_keyboard_ctrl_f_then_arrows_then_enter_opens_the_pupil(main, register):
    root = main.root
    keyboard_ready(root, register.tree)
    register.tree.event_generate("<Control-f>")
    pump(root)
    assert root.focus_get() is register.search
    register.search.event_generate("<Down>")
    pump(root)
    assert root.focus_get() is register.tree
    register.tree.event_generate("<Down>")
    pump(root)
    assert register.tree.item(register.tree.selection()[0], "values")[0] == "Baker"
    register.tree.event_generate("<Return>")
    pump(root)
    opened = main.records.get(register.selected_id())
    assert opened is not None and opened.heading.cget("text") == "Yusuf Baker"
    opened.destroy()
    keyboard_ready(root, register.tree)
    register.tree.event_generate("<Alt-Key-2>")  # sort by forename
    pump(root)
    assert register_names(main)[0] == "Willow Dunn"
    root.withdraw()


def test_empty_register_says_how_to_add_the_first_pupil(main):
    register = main.screens["register"]
    assert "Press Ctrl+N" in register.empty_label.cget("text")
    assert register.count_label.cget("text") == "0 on the register of 0 pupils"


def test_overdue_review_says_overdue_as_well_as_being_red():
    from sencodesk.domain.pupil import RegisterRow
    from sencodesk.ui.screens.register import review_text

    row = RegisterRow(
        id=1,
        upn="",
        surname="A",
        forename="B",
        year_group="3",
        class_name="",
        sen_status="K",
        primary_need="MLD",
        secondary_need=None,
        next_review="2026-10-12",
        review_overdue=True,
    )
    assert review_text(row) == "Overdue 12/10/2026"
    assert review_text(RegisterRow(**(vars(row) | {"review_overdue": False}))) == "12/10/2026"


def test_reloading_with_rows_filtered_out_keeps_one_line_per_pupil(main, register, actor):
    """A leaver hidden by the default filter is detached, not deleted: a reload (coming back to
    the register) must not meet its own old rows (it crashed with 'Item already exists')."""
    from sencodesk.services import pupils

    leaver = next(r for r in pupils.list_register(actor) if r.surname == "Dunn")
    pupils.mark_leaver(actor, leaver.id, pupils.get_pupil(actor, leaver.id).version, "01/09/2026")
    register.refresh()
    register.search_var.set("Adams")
    pump(main.root)
    register.refresh()
    pump(main.root)
    register.search_var.set("")
    pump(main.root)
    assert sorted(register_names(main)) == ["Xander Cole", "Yusuf Baker", "Zara Adams"]


def test_names_with_spaces_and_apostrophes_show_whole_in_their_own_cells(main, register, add_pupil):
    # The rows reach Tk in one call as lists: a space or apostrophe must not split a cell.
    add_pupil(
        legal_surname="O'Neil Da Silva",
        legal_forename="Mary Jo",
        year_group="5",
        class_name="5 Oak",
        dob="01/01/2016",
    )
    register.load()
    pump(main.root)
    row = next(v for v in register.visible_values() if v[0] == "O'Neil Da Silva")
    assert row[:4] == ("O'Neil Da Silva", "Mary Jo", "Year 5", "5 Oak")


def test_a_leaver_shown_with_show_leavers_is_greyed(main, register, actor):
    from sencodesk.services import pupils

    leaver = next(r for r in pupils.list_register(actor) if r.surname == "Dunn")
    pupils.mark_leaver(actor, leaver.id, pupils.get_pupil(actor, leaver.id).version, "01/09/2026")
    register.refresh()
    register.leavers_var.set(True)
    pump(main.root)
    assert register.tree.item(str(leaver.id), "tags") == ("leaver",)
    assert register.tree.item(str(leaver.id), "values")[4] == "No SEN (left)"
    others = [i for i in register.tree.get_children() if i != str(leaver.id)]
    assert len(others) == 3 and all(register.tree.item(i, "tags") == "" for i in others)


def test_the_keyboard_focus_stays_on_a_shown_row_as_the_search_narrows(main, register):
    names = {r.id: r.forename for r in register.rows}
    register.search_var.set("3")  # Zara (3B) and Xander (3A)
    pump(main.root)
    shown = register.tree.get_children()
    assert names[int(register.tree.focus())] == names[int(shown[0])]
    xander = next(i for i in shown if names[int(i)] == "Xander")
    register.tree.focus(xander)
    register.search_var.set("3a")  # Xander still shown: the focus stays on him
    pump(main.root)
    assert register.tree.focus() == xander
    register.search_var.set("baker")  # Xander filtered out: the focus moves to the one shown
    pump(main.root)
    assert names[int(register.tree.focus())] == "Yusuf"
