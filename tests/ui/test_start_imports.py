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
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=True)
    modules = set(json.loads(done.stdout.strip().splitlines()[-1]))
    return [name for name in LATER if name in modules]


def test_the_app_and_its_register_start_without_the_libraries_used_later():
    assert loaded_after("import sencodesk.ui.app, sencodesk.ui.screens.register") == []


def test_a_pupils_record_opens_without_the_pdf_library():
    # The record offers the export menu, but the PDF writer loads only when a pack is written.
    assert "reportlab" not in loaded_after("import sencodesk.ui.pupil.record")


def test_writing_a_pack_still_finds_its_pdf_writer():
    assert "reportlab" in loaded_after("from sencodesk.services import packs\npacks.ehcna_pack.build")
