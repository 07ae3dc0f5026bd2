"""The pupil record builds only Details when it opens; every other tab is built the first time
it is shown or reached into, and what depends on the tabs (Save, unsaved changes, the Support
tab's title and hiding) is right whether or not a tab was ever looked at."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sencodesk.domain.dates import uk
from sencodesk.domain.users import LOCAL_SENCO, User
from sencodesk.services import cycles, pupils
from sencodesk.services.audit import pupil_history
from tests.ui.helpers import keyboard_ready, pump
from tests.ui.pupil.test_graduated_screens import planned

pytestmark = pytest.mark.gui

TITLES = [
    "Details",
    "SEN",
    "Support",
    "Provision map",
    "Observations",
    "Contacts",
    "Meetings",
    "EHC",
    "Referrals",
    "Profile",
    "Documents",
    "Notes",
    "History",
]
LAZY = (
    "sen",
    "support",
    "provision_map",
    "observations",
    "contacts",
    "meetings",
    "ehc",
    "referrals",
    "profile",
    "documents",
    "notes",
    "history",
)


def titles(record) -> list[str]:
    return [record.tabs.tab(t, "text") for t in record.tabs.tabs()]


def busy_pupil(add_pupil) -> int:
    return add_pupil(
        legal_surname="Bell",
        legal_forename="Ada",
        sen_status="K",
        primary_need="SPLD",
        secondary_need="SLCN",
        sen_start_date="01/09/2025",
        notes="Likes the quiet room.",
        contacts=[
            {
                "name": "Jo Bell",
                "relationship": "Mother",
                "phone": "07700 900123",
                "email": "",
                "parental_responsibility": True,
            }
        ],
    )


def test_a_record_opens_with_only_details_built_and_every_tab_title_in_place(main, add_pupil):
    record = main.open_pupil(busy_pupil(add_pupil))
    pump(main.root)
    assert record.built("details") is not None
    assert [name for name in LAZY if record.built(name) is not None] == []
    assert titles(record) == TITLES
    assert record.tabs.select() == str(record.pages[record.details])
    assert record.details.fields["legal_surname"].get() == "Bell"
    assert record.dirty is False


def test_switching_to_a_tab_builds_and_loads_it_in_its_place(main, add_pupil):
    record = main.open_pupil(busy_pupil(add_pupil))
    pump(main.root)
    record.tabs.select(record.page("sen"))
    pump(main.root)
    sen = record.built("sen")
    assert sen is not None
    assert record.tabs.select() == str(record.pages[sen])
    assert sen.fields["primary_need"].get().startswith("SPLD")
    assert titles(record) == TITLES  # the built page took the placeholder's place and title
    record.tabs.select(record.page("notes"))
    pump(main.root)
    assert record.built("notes").get("1.0", "end-1c") == "Likes the quiet room."
    assert record.built("contacts") is None  # never shown: still not built
    assert record.dirty is False


def test_alt_letter_reaches_an_unbuilt_tab_and_builds_it(main, add_pupil):
    record = main.open_pupil(busy_pupil(add_pupil))
    pump(main.root)
    keyboard_ready(main.root, record.tabs)
    record.tabs.event_generate("<Alt-Key-h>")  # History
    pump(main.root)
    history = record.built("history")
    assert history is not None and record.tabs.select() == str(record.pages[history])
    assert history.get_children()  # the pupil's creation is in it


def test_save_with_unbuilt_tabs_keeps_needs_contacts_and_notes(main, actor, add_pupil):
    pupil_id = busy_pupil(add_pupil)
    record = main.open_pupil(pupil_id)
    pump(main.root)
    record.details.fields["class_name"].set("3C")
    assert record.dirty is True
    assert record.save() is True
    assert [name for name in ("sen", "contacts", "notes") if record.built(name) is not None] == []
    saved = pupils.get_pupil(actor, pupil_id)
    assert (saved.class_name, saved.sen_status, saved.primary_need, saved.secondary_need) == (
        "3C",
        "K",
        "SPLD",
        "SLCN",
    )
    assert [c.name for c in saved.contacts] == ["Jo Bell"] and saved.notes == "Likes the quiet room."
    latest = pupil_history(actor, pupil_id)[-1]["summary"]
    assert "class" in latest and "contact" not in latest.lower() and "need" not in latest.lower()
    assert record.dirty is False


def test_typing_in_a_tab_built_later_counts_as_unsaved(main, add_pupil):
    record = main.open_pupil(busy_pupil(add_pupil))
    pump(main.root)
    record.notes.insert("end", " Needs a movement break.")  # reaching in builds the tab
    assert record.dirty is True
    assert record.save() is True
    assert record.dirty is False
    assert record.notes.get("1.0", "end-1c") == "Likes the quiet room. Needs a movement break."


def test_overdue_support_is_titled_without_building_the_tab(main, actor, add_pupil):
    pupil_id, _ = planned(actor, add_pupil, start=100, legal_forename="Ada", legal_surname="Late")
    record = main.open_pupil(pupil_id)
    pump(main.root)
    assert record.built("support") is None
    assert record.tabs.tab(record.page("support"), "text") == "Support (Overdue)"
    assert record.tabs.tab(record.page("provision_map"), "state") == "normal"
    record.tabs.select(record.page("support"))
    pump(main.root)
    support = record.built("support")
    assert support is not None and support.status.cget("text").startswith("Overdue:")
    assert record.tabs.tab(support, "text") == "Support (Overdue)"


def test_support_tabs_are_hidden_unbuilt_for_a_pupil_not_on_the_register(main, add_pupil):
    record = main.open_pupil(add_pupil(legal_surname="Plain"))
    pump(main.root)
    for name in ("support", "provision_map"):
        assert record.tabs.tab(record.page(name), "state") == "hidden"
        assert record.built(name) is None


def test_a_cycle_started_elsewhere_shows_the_support_tab_after_reload(main, actor, add_pupil):
    pupil_id = add_pupil(legal_surname="Later")
    record = main.open_pupil(pupil_id)
    pump(main.root)
    assert record.tabs.tab(record.page("support"), "state") == "hidden"
    pupils.update_pupil(
        actor,
        pupil_id,
        record.version,
        record.collect()
        | {"sen_status": "K", "primary_need": "MLD", "sen_start_date": uk(date.today() - timedelta(days=3))},
    )
    cycles.start_cycle(actor, pupil_id)
    record.load()
    pump(main.root)
    assert record.tabs.tab(record.page("support"), "state") == "normal"
    assert record.tabs.tab(record.page("support"), "text") == "Support"
    assert record.built("support") is None


def test_the_office_sees_no_sen_tab_and_it_is_never_built(main, actor, add_pupil):
    pupil_id = busy_pupil(add_pupil)
    main.actor.user = User(id=None, username="desk", display_name="Ms D Desk", role="office")
    record = main.open_pupil(pupil_id)
    pump(main.root)
    assert not record.drawn("sen")  # not in the notebook at all, not just hidden
    assert record.built("sen") is None
    shown = [
        record.tabs.tab(t, "text") for t in record.tabs.tabs() if record.tabs.tab(t, "state") != "hidden"
    ]
    # the office keeps the roll: no tab of SEN detail, not even one that would say "not for you"
    assert shown == ["Details", "Contacts"]
    record.details.fields["class_name"].set("3C")
    assert record.save() is True  # the needs the office cannot see are kept
    saved = pupils.get_pupil(
        main.actor.__class__(db=actor.db, user=LOCAL_SENCO, data_dir=actor.data_dir), pupil_id
    )
    assert (saved.class_name, saved.sen_status, saved.primary_need) == ("3C", "K", "SPLD")
