"""The record's tabs as data (pupil/tabs.py): what each role is drawn, a new tab by one entry,
and the pupil form's refusals shown on whichever tab holds the field."""

from __future__ import annotations

from dataclasses import replace

import pytest
import ttkbootstrap as ttk

from sencodesk.domain.users import User
from sencodesk.ui.pupil import record as record_module
from sencodesk.ui.pupil import tab_host, tabs
from tests.ui.helpers import keyboard_ready, pump

pytestmark = pytest.mark.gui


def _open(main, add_pupil, role: str | None = None):
    pupil_id = add_pupil(legal_surname="Bell", legal_forename="Ada", sen_status="K", primary_need="SPLD")
    if role is not None:
        main.actor.user = User(id=None, username=role, display_name=f"A {role}", role=role)
    record = main.open_pupil(pupil_id)
    pump(main.root)
    return record


def _drawn(record) -> list[str]:
    return [spec.key for spec in tabs.TABS if record.drawn(spec.key)]


@pytest.mark.parametrize(
    "role, drawn, buttons",
    [
        ("senco", [t.key for t in tabs.TABS], {"save", "leave", "export"}),
        ("office", ["details", "contacts"], {"save"}),
        ("head", [t.key for t in tabs.TABS], {"export"}),  # reads every tab, saves none,
    ],
)
def test_each_role_is_drawn_only_the_tabs_and_buttons_it_may_use(main, add_pupil, role, drawn, buttons):
    record = _open(main, add_pupil, role)
    assert _drawn(record) == drawn
    shown = {
        name
        for name, button in (
            ("save", record.save_button),
            ("leave", record.leave_button),
            ("export", record.export_button),
        )
        if button.winfo_manager()
    }
    assert shown == buttons


def test_a_new_tab_is_one_entry_in_the_registry(main, add_pupil, monkeypatch):
    loaded = []

    def make(record):
        page = ttk.Frame(record.tabs)
        return ttk.Label(page, text="Attachments"), page

    extra = tabs.RecordTab(
        "attachments",
        "Attachments",
        0,
        make=make,
        load=lambda record, tab: loaded.append(record.pupil_id),
        reads="pupils.notes",
    )
    registry = (*tabs.TABS, extra)
    for module in (tabs, tab_host, record_module):
        monkeypatch.setattr(module, "TABS", registry, raising=False)
        monkeypatch.setattr(module, "BY_KEY", {t.key: t for t in registry}, raising=False)
    record = _open(main, add_pupil)
    assert record.tabs.tab(record.page("attachments"), "text") == "Attachments"
    assert record.built("attachments") is None and loaded == []  # built when first shown
    record.tabs.select(record.page("attachments"))
    pump(main.root)
    assert loaded == [record.pupil_id]
    office = User(id=None, username="desk", display_name="Ms D Desk", role="office")
    main.actor.user = office
    other = main.open_pupil(None)
    pump(main.root)
    assert not other.drawn("attachments")  # its field is not the office's to read


def test_a_refused_sen_field_builds_its_tab_shows_it_and_focuses_the_field(main, add_pupil):
    record = _open(main, add_pupil)
    assert record.built("sen") is None
    keyboard_ready(main.root, record.details.fields["legal_surname"].input)
    record.deiconify()
    record.focus_force()
    pump(main.root)
    record.tab("sen").fields["sen_start_date"].set("31/02/2026")
    record.tabs.select(record.page("details"))
    pump(main.root)
    assert record.save() is False
    pump(main.root)
    sen = record.built("sen")
    assert record.tabs.select() == str(record.page("sen"))
    assert sen.fields["sen_start_date"].error_text
    assert record.focus_get() is sen.fields["sen_start_date"].input
    assert "(the first is SEN status start date)" in record.banner.cget("text")


def test_a_tab_that_is_read_only_for_a_role_says_so_by_its_declaration():
    head = User(id=3, username="head", display_name="Mr H", role="head")
    office = User(id=4, username="desk", display_name="Ms D", role="office")
    assert tabs.BY_KEY["notes"].may_read(head) and not tabs.BY_KEY["notes"].may_write(head)
    assert not tabs.BY_KEY["notes"].may_read(office)
    assert tabs.BY_KEY["details"].may_write(office)
    assert not tabs.saved_by_record(head) and tabs.saved_by_record(office)
    assert replace(tabs.BY_KEY["history"], permission=None).may_read(office)


def test_the_header_says_status_need_class_and_where_the_cycle_stands(main, actor, add_pupil):
    from tests.ui.graduated import on_support, planned

    pupil_id, _ = on_support(actor, add_pupil, legal_forename="Ada", class_name="4A", year_group="4")
    record = main.open_pupil(pupil_id)
    pump(main.root)
    about = record.about.cget("text")
    assert about.startswith("SEN support · Primary need: ") and about.endswith("Year 4, class 4A")
    assert record.cycle_note.cget("text") == "Cycle 1: assess, then plan needed"
    record.close()
    late, _ = planned(actor, add_pupil, start=120, legal_forename="Bo")  # review 12 weeks on: passed
    record = main.open_pupil(late)
    pump(main.root)
    note = record.cycle_note.cget("text")
    assert note.startswith("Cycle 1: review Overdue (was due ") and "danger" in str(
        record.cycle_note.cget("style")
    )
    record.close()
    soon, _ = planned(actor, add_pupil, start=10, legal_forename="Cy")
    record = main.open_pupil(soon)
    pump(main.root)
    assert record.cycle_note.cget("text").startswith("Cycle 1: plan running, next review ")
    assert "danger" not in str(record.cycle_note.cget("style"))
    record.close()


def test_the_office_header_names_no_sen_status(main, add_pupil):
    record = _open(main, add_pupil, "office")
    about = record.about.cget("text")
    assert "SEN" not in about and "need" not in about and record.cycle_note.cget("text") == ""
