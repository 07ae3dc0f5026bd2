"""The one place message boxes are shown, so tests can answer them without blocking.

Like IDLE's `_utest`: when `testing.active` is True nothing modal opens; each message is
recorded in `testing.shown` and questions take their answer from `testing.answers`.
"""

from __future__ import annotations

import tkinter
from dataclasses import dataclass, field

from ttkbootstrap.dialogs import Messagebox


@dataclass
class _Testing:
    active: bool = False
    shown: list[tuple[str, str]] = field(default_factory=list)  # (kind, message)
    answers: list[bool] = field(default_factory=list)

    def reset(self) -> None:
        self.shown.clear()
        self.answers.clear()


testing = _Testing()

# How every window's dismiss button is labelled, and Esc does what that button does in each:
# - CANCEL, for a form that would discard what was typed (a review, a concern, marking a
#   leaver, an import not yet run): nothing is saved.
# - CLOSE, for a window that only shows things or saves as it goes (the pupil record, which
#   asks before dropping unsaved typing; a PDF export; the transfer pack; an import finished).
# A window whose dismissal does something else says so instead (the first run's "Quit (Esc)").
# The idle lock alone has no Esc: it is unlocked or SENCO desk is quit.
CANCEL = "Cancel (Esc)"
CLOSE = "Close (Esc)"


def show_error(parent: tkinter.Misc | None, message: str, title: str = "SENCO desk") -> None:
    if testing.active:
        testing.shown.append(("error", message))
        return
    Messagebox.show_error(message, title, parent=parent)


def show_info(parent: tkinter.Misc | None, message: str, title: str = "SENCO desk") -> None:
    if testing.active:
        testing.shown.append(("info", message))
        return
    Messagebox.show_info(message, title, parent=parent)


def confirm(
    parent: tkinter.Misc | None, message: str, *, yes: str, no: str, title: str = "SENCO desk"
) -> bool:
    """A yes/no question with buttons that say what they do. True means `yes`."""
    if testing.active:
        testing.shown.append(("question", message))
        return testing.answers.pop(0) if testing.answers else False
    answer = Messagebox.show_question(
        message, title, parent=parent, buttons=[f"{no}:secondary", f"{yes}:primary"], localize=False
    )
    return answer == yes


def place_over(
    window: tkinter.Toplevel, parent: tkinter.Misc | None, size: tuple[int, int] | None = None
) -> None:
    """Centre `window` (at `size`, else its natural size) over its parent and bring it forward."""
    if parent is not None:
        if size is None:  # measuring the natural size means laying the window out now
            window.update_idletasks()
        width, height = size or (window.winfo_reqwidth(), window.winfo_reqheight())
        top = parent.winfo_toplevel()
        x = top.winfo_rootx() + max(0, (top.winfo_width() - width) // 2)
        y = top.winfo_rooty() + max(0, (top.winfo_height() - height) // 3)
        window.geometry(f"{width}x{height}+{x}+{y}" if size else f"+{x}+{y}")
    window.lift()


def run_modal(
    window: tkinter.Toplevel, parent: tkinter.Misc | None, focus: tkinter.Misc | None = None
) -> None:
    """Show `window` (created withdrawn) over `parent`, modal, and wait for it to close.

    Under tests it is shown but not waited on: the test drives it. Created withdrawn because
    a window already on screen may not move where it is asked to before a window manager
    has placed it.
    """
    place_over(window, parent)
    window.deiconify()
    if parent is not None:
        window.transient(parent.winfo_toplevel())
    if testing.active:
        return
    window.grab_set()
    window.focus_force()
    if focus is not None:
        focus.focus_set()
    window.wait_window()
