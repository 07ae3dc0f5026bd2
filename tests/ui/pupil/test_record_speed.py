"""What keeps a pupil's record quick to open (under 100 ms at 2,000 pupils): the next record's
window is built ahead, hidden and empty, while nobody waits; the window's own map/size handlers
are not run for each of its children; and the tabs' code loads in small pieces only once records
have stopped opening (never inside the next record's opening)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from sencodesk.domain.users import User
from sencodesk.services.actor import Actor
from sencodesk.ui.app import build_main_window
from sencodesk.ui.main_window import PRELOAD_AFTER_MS, SPARE_AFTER_MS
from sencodesk.ui.pupil import warm_up
from tests.helpers import pupil_form
from tests.ui.helpers import pump
from tests.ui.test_accounts_ui import add_account

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[3]


def test_the_records_own_size_handler_runs_for_the_window_but_not_for_its_children(main, add_pupil):
    record = main.open_pupil(add_pupil(legal_surname="Quick", legal_forename="Ola"))
    pump(main.root)
    assert record._ever_shown is True  # ttkbootstrap's own handler still saw the window shown
    seen = []
    record.bind("<Configure>", lambda e: seen.append(str(e.widget)), add="+")
    entry = record.details.fields["legal_surname"].input
    entry.event_generate("<Configure>", width=50, height=20)
    pump(main.root)
    assert seen == []
    record.event_generate("<Configure>", width=900, height=700)
    pump(main.root)
    assert seen == [str(record)]


def idle(root, ms: int) -> None:
    """Run the event loop for `ms` as a person reading the screen would."""
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        root.update()
        time.sleep(0.01)


def wait_for_spare(main) -> object:
    """The window built ahead, once things are quiet (the first is built after the start-up
    preload; later ones SPARE_AFTER_MS after a record opens)."""
    end = time.monotonic() + (PRELOAD_AFTER_MS + SPARE_AFTER_MS + warm_up.TAB_CODE_AFTER_MS) / 1000 + 2
    while main._spare is None and time.monotonic() < end:
        idle(main.root, 20)
    assert main._spare is not None, "no record window was built ahead"
    return main._spare


def test_the_next_records_window_is_built_ahead_hidden_and_empty(main, add_pupil):
    first = main.open_pupil(add_pupil(legal_surname="Quick", legal_forename="Ola", notes="Private note"))
    pump(main.root)
    spare = wait_for_spare(main)
    assert spare is not first and spare.winfo_exists()
    assert not spare.winfo_ismapped() and spare.state() == "withdrawn"
    assert spare not in main.records.values()
    # it holds nobody's data until it is shown: every field blank, no tab but Details built
    assert {key: field.get() for key, field in spare.details.fields.items()} == {
        key: "" for key in spare.details.fields
    }
    assert spare.pupil is None and spare.built("notes") is None


def test_opening_a_record_uses_the_window_built_ahead_and_closing_destroys_it(main, add_pupil):
    quick = add_pupil(legal_surname="Quick", legal_forename="Ola")
    slow = add_pupil(legal_surname="Slow", legal_forename="Sam", class_name="9B")
    main.open_pupil(quick).close()
    spare = wait_for_spare(main)
    record = main.open_pupil(slow)
    pump(main.root)
    assert record is spare and main._spare is None
    assert record.winfo_ismapped() and main.records[slow] is record
    assert record.title() == "Sam Slow — pupil record"
    assert record.details.fields["class_name"].get() == "9B"
    assert record.dirty is False
    with pytest.raises(RuntimeError):  # one window, one pupil: never refilled with another
        record.show_pupil(quick)
    assert record.close() is True
    pump(main.root)
    assert not record.winfo_exists()  # a closed record is never shown again with another pupil
    assert wait_for_spare(main) is not record


def test_no_window_is_built_ahead_while_records_open_one_after_another(main, add_pupil):
    pupil_id = add_pupil(legal_surname="Quick", legal_forename="Ola")
    end = time.monotonic() + 3 * SPARE_AFTER_MS / 1000
    while time.monotonic() < end:  # down the register with the keyboard: a record every 50 ms
        main.open_pupil(pupil_id).destroy()
        idle(main.root, 50)
    assert main._spare is None
    assert wait_for_spare(main) is not None


def test_a_window_built_for_someone_else_is_not_used(main, add_pupil, actor):
    pupil_id = add_pupil(legal_surname="Quick", legal_forename="Ola")
    main.open_pupil(pupil_id).close()
    spare = wait_for_spare(main)
    actor.user = User(99, "new", "New SENCO", "senco")  # the first-run dialog signs someone in
    record = main.open_pupil(pupil_id)
    pump(main.root)
    assert record is not spare and not spare.winfo_exists()
    assert record.user is actor.user


def test_mark_as_left_stays_off_for_a_role_that_may_not_archive_after_a_save(actor, add_pupil, root):
    office = add_account(actor, "desk", "office")
    pupil_id = add_pupil(legal_surname="Quill", legal_forename="Ann")
    window = build_main_window(Actor(db=actor.db, user=office, data_dir=actor.data_dir), root)
    record = window.open_pupil(pupil_id)
    pump(root)
    assert not record.leave_button.winfo_manager()
    record.details.fields["class_name"].set("7C")
    assert record.save() is True
    pump(root)
    assert not record.leave_button.winfo_manager()  # the office keeps the roll, not the archive


def test_a_childs_own_size_bindings_still_run(main, add_pupil):
    record = main.open_pupil(add_pupil(legal_surname="Quick", legal_forename="Ola"))
    pump(main.root)
    entry = record.details.fields["legal_surname"].input
    seen = []
    entry.bind("<Configure>", lambda e: seen.append("entry"), add="+")
    entry.event_generate("<Configure>", width=50, height=20)
    pump(main.root)
    assert seen == ["entry"]


def test_the_tabs_code_waits_while_records_open_one_after_another_then_loads(tmp_path):
    script = f"""
import sys, time
from pathlib import Path
from sencodesk.services.actor import open_school
from sencodesk.services import pupils
from sencodesk.ui.app import build_main_window
from sencodesk.ui.pupil import warm_up
actor = open_school(Path({str(tmp_path)!r}))
window = build_main_window(actor)
pupil_id, _ = pupils.add_pupil(actor, {pupil_form()!r})
late = "sencodesk.ui.statutory.ehc_tab"
end = time.monotonic() + 3 * warm_up.TAB_CODE_AFTER_MS / 1000
while time.monotonic() < end:  # a record opened every 40 ms or so (well inside the quiet time)
    record = window.open_pupil(pupil_id)
    window.root.update()
    time.sleep(0.02)
    record.destroy()
    window.root.update()
    time.sleep(0.02)
print("while opening:", late in sys.modules)
end = time.monotonic() + (warm_up.TAB_CODE_AFTER_MS * 2
                          + warm_up.TAB_CODE_STEP_MS * len(warm_up.LATER_MODULES)) / 1000 + 1
while time.monotonic() < end:
    window.root.update()
    time.sleep(0.01)
print("when idle:", late in sys.modules)
window.root.destroy()
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["while opening: False", "when idle: True"]
