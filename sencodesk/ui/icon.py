"""The app icon on a window: title bar, task bar, Alt-Tab.

The GUI calls apply_icon(root) once on the one root window; Toplevels (dialogs) inherit it.
A missing icon file must never stop the app from opening, so problems are logged, not raised.
"""

from __future__ import annotations

import logging
import sys
import tkinter

from ..resources import asset

log = logging.getLogger(__name__)

# Tk picks the best-fitting size for each place (16 px title bar, 32/48 px task bar, 256 px dock).
PHOTO_SIZES = (16, 32, 48, 256)


def apply_icon(window: tkinter.Misc) -> bool:
    """Set SENCO desk's icon on `window` and every window opened after it. True if it was set."""
    try:
        photos = [
            tkinter.PhotoImage(master=window, file=str(asset("icons", f"sencodesk-{n}.png")))
            for n in PHOTO_SIZES
        ]
        # default=True: the icon also goes on every Toplevel made later (dialogs).
        window.iconphoto(True, *photos)
        if sys.platform == "win32":
            # Windows draws the task bar from the .ico's own 16/32 px drawings, which are sharper
            # than Tk scaling a PNG.
            window.iconbitmap(default=str(asset("icons", "sencodesk.ico")))
    except (tkinter.TclError, OSError) as e:
        log.warning("app icon not set: %s", e)
        return False
    # Tk forgets a PhotoImage that Python no longer references; keep them with the window.
    window._sencodesk_icons = photos  # type: ignore[attr-defined]
    return True
