"""What the start and a pupil's record load: the PDF, spreadsheet, XML and encryption libraries
are imported when first used, not at start (issue 8: start within 2x a bare window)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LATER = ("reportlab", "openpyxl", "defusedxml", "pypdf", "cryptography")


def loaded_after(code: str) -> list[str]:
    """The LATER libraries imported once `code` has run in a fresh interpreter (imports only:
    no window is made, so no display is needed)."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120, check=True
    )
    modules = set(json.loads(done.stdout.strip().splitlines()[-1]))
    return [name for name in LATER if name in modules]


def test_the_app_and_its_register_start_without_the_libraries_used_later():
    assert loaded_after("import sencodesk.ui.app, sencodesk.ui.screens.register") == []


def test_a_pupils_record_opens_without_the_pdf_library():
    # The record offers the export menu, but the PDF writer loads only when a pack is written.
    assert "reportlab" not in loaded_after("import sencodesk.ui.pupil.record")


def test_writing_a_pack_still_finds_its_pdf_writer():
    assert "reportlab" in loaded_after("from sencodesk.services import packs\npacks.ehcna_pack.build")


def test_the_record_code_loads_once_the_register_is_on_screen_and_idle(tmp_path):
    # Not during start (it would count against it), but before the first click on a pupil.
    script = f"""
import sys, time
from pathlib import Path
from sencodesk.services.actor import open_school
from sencodesk.ui.app import build_main_window
from sencodesk.ui.main_window import PRELOAD_AFTER_MS
window = build_main_window(open_school(Path({str(tmp_path)!r})))
window.root.update()
print("at start:", "sencodesk.ui.pupil.record" in sys.modules)
end = time.monotonic() + PRELOAD_AFTER_MS / 1000 + 1
while time.monotonic() < end:
    window.root.update()
    time.sleep(0.02)
print("when idle:", "sencodesk.ui.pupil.record" in sys.modules)
window.root.destroy()
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120, check=True
    )
    assert done.stdout.split("\n")[:2] == ["at start: False", "when idle: True"]
