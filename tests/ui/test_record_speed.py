"""What keeps a pupil's record quick to open (under 100 ms at 2,000 pupils): the window's own
map/size handlers are not run for each of its ~100 children, and the tabs' code loads in small
pieces only once records have stopped opening (never inside the next record's opening)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import pupil_form
from .conftest import pump

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


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
from sencodesk.services.session import open_session
from sencodesk.services import pupils
from sencodesk.ui.app import build_main_window
from sencodesk.ui.pupil import record as record_module
session = open_session(Path({str(tmp_path)!r}))
window = build_main_window(session)
pupil_id, _ = pupils.add_pupil(session, {pupil_form()!r})
late = "sencodesk.ui.statutory.ehc_tab"
end = time.monotonic() + 3 * record_module.TAB_CODE_AFTER_MS / 1000
while time.monotonic() < end:  # a record opened every 40 ms or so (well inside the quiet time)
    record = window.open_pupil(pupil_id)
    window.root.update()
    time.sleep(0.02)
    record.destroy()
    window.root.update()
    time.sleep(0.02)
print("while opening:", late in sys.modules)
end = time.monotonic() + (record_module.TAB_CODE_AFTER_MS * 2
                          + record_module.TAB_CODE_STEP_MS * len(record_module.LATER_MODULES)) / 1000 + 1
while time.monotonic() < end:
    window.root.update()
    time.sleep(0.01)
print("when idle:", late in sys.modules)
window.root.destroy()
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["while opening: False", "when idle: True"]
