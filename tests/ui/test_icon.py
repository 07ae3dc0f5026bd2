"""The app icon on a real window (run in a child process: ttkbootstrap allows one root per
process, and the other GUI tests own this process's root)."""

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui

SCRIPT = r"""
import json, sys
import ttkbootstrap as ttk
from sencodesk.ui import icon
root = ttk.App(title="icon test")
if sys.argv[1] == "missing":
    icon.asset = lambda *parts: icon.Path("/nonexistent") / parts[-1]
ok = icon.apply_icon(root)
photos = getattr(root, "_sencodesk_icons", [])
# A dialog opened later must carry the icon too (iconphoto default=True).
child = ttk.Toplevel(root)
root.update()
print(json.dumps({"ok": ok, "sizes": [[p.width(), p.height()] for p in photos],
                  "corner": photos[0].get(0, 0) if photos else None}))
root.destroy()
"""


def run_icon(mode: str) -> dict:
    script = SCRIPT.replace("icon.Path", "__import__('pathlib').Path")
    done = subprocess.run([sys.executable, "-c", script, mode], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_icon_is_set_from_the_assets_at_every_size():
    result = run_icon("present")
    assert result["ok"] is True
    assert result["sizes"] == [[16, 16], [32, 32], [48, 48], [256, 256]]


def test_a_missing_icon_file_is_logged_and_the_window_still_opens():
    result = run_icon("missing")
    assert result == {"ok": False, "sizes": [], "corner": None}
