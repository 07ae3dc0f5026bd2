"""Where the files the app reads at run time (fonts, icons, LA profiles) are found.

Three cases: running from a checkout (assets/ beside the package), an installed wheel
(sencodesk.assets), and a PyInstaller bundle (assets/ under sys._MEIPASS). Nothing here
writes: the install folder may be read-only; all writes go to the data folder.
"""

from __future__ import annotations

import sys
from contextlib import suppress
from functools import cache
from pathlib import Path


@cache
def assets_dir() -> Path:
    candidates = []
    if getattr(sys, "frozen", False):
        candidates.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "assets")
    with suppress(ImportError):  # an installed wheel: setup.py maps assets/ to sencodesk.assets
        import sencodesk.assets as packaged

        candidates.append(Path(packaged.__file__).resolve().parent)
    candidates.append(Path(__file__).resolve().parent.parent / "assets")  # a checkout
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("SENCO desk's assets folder is missing; reinstall the app.")


def asset(*parts: str) -> Path:
    """Path of one asset, e.g. asset("fonts", "DejaVuSans.ttf")."""
    return assets_dir().joinpath(*parts)
