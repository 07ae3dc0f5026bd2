"""Hide every window of the app, and later put back exactly those that were showing.

For the idle lock. Every toplevel is found by walking the whole widget tree in Tcl (not from a
list of known kinds), so a dialog, a message box or a file chooser left open with a pupil's
details is hidden too. Windows are withdrawn, never destroyed, so what was typed in them stays.
A window that was already hidden (a record window built ahead, kept empty) stays hidden.
"""

from __future__ import annotations

import tkinter
from contextlib import suppress
from dataclasses import dataclass

GRAB_RETRIES = 10  # a window is viewable (and can take the grab back) a moment after it is shown


@dataclass
class _Shown:
    path: str
    state: str  # "normal", "zoomed" or "iconic": a minimised window is hidden too (the taskbar)
    geometry: str


class HiddenWindows:
    def __init__(self, root: tkinter.Misc, keep: tkinter.Misc):
        self.root, self.tk = root, root.tk
        self.keep = str(keep)  # this window and its own children are never hidden (the lock)
        self.shown: list[_Shown] = []
        self.grab: str | None = None
        self.focus: str | None = None

    def hide(self) -> None:
        """Hide every showing window but `keep`. Called again while locked, it also hides a
        window that opened since (a message from work finishing in the background)."""
        self._take_focus_and_grab()
        known = {s.path for s in self.shown}
        order = self._stacking()
        # Every state is read before any window is hidden: hiding a dialog's owner hides the
        # dialog with it, and it would then seem to have been hidden already.
        fresh = [
            _Shown(w, self._state(w), str(self.tk.call("wm", "geometry", w)))
            for w in self.toplevels()
            if w not in known
        ]
        fresh = [s for s in fresh if s.state != "withdrawn"]
        for shown in sorted(fresh, key=lambda s: order.index(s.path) if s.path in order else -1):
            if not self._is_popup(shown.path):  # a dropdown list is not put back; its owner is
                self.shown.append(shown)
            self.tk.call("wm", "withdraw", shown.path)

    def restore(self) -> None:
        """Show again, in their places and stacking order, the windows hide() took away."""
        for shown in self.shown:
            if self._exists(shown.path):
                self.tk.call("wm", "geometry", shown.path, shown.geometry)
                if shown.state == "iconic":  # straight back to the taskbar, never on screen
                    self.tk.call("wm", "iconify", shown.path)
                    continue
                self.tk.call("wm", "deiconify", shown.path)
                if shown.state != "normal":  # zoomed (Windows)
                    self.tk.call("wm", "state", shown.path, shown.state)
                self.tk.call("raise", shown.path)  # lowest first, so each ends where it was
        self.shown = []
        self.root.update_idletasks()
        self._give_back_grab(GRAB_RETRIES)
        if self.focus and self._exists(self.focus):
            self.tk.call("focus", self.focus)
        self.focus = None

    # ---- the windows --------------------------------------------------------------------
    def toplevels(self, parent: str = ".") -> list[str]:
        """Every toplevel window under `parent` (the root included), but `keep` and its own."""
        found = [] if parent != "." else ["."]
        for child in self.tk.splitlist(self.tk.call("winfo", "children", parent)):
            child = str(child)
            if child == self.keep:
                continue
            is_top = str(self.tk.call("winfo", "toplevel", child)) == child
            if is_top and str(self.tk.call("winfo", "class", child)) != "Menu":  # menus unpost themselves
                found.append(child)
            found.extend(self.toplevels(child))
        return found

    def _state(self, path: str) -> str:
        return str(self.tk.call("wm", "state", path))

    def _is_popup(self, path: str) -> bool:
        return bool(self.tk.getboolean(self.tk.call("wm", "overrideredirect", path)))

    def _exists(self, path: str) -> bool:
        return bool(self.tk.getboolean(self.tk.call("winfo", "exists", path)))

    def _stacking(self) -> list[str]:
        with suppress(tkinter.TclError):  # the root itself may be unmapped
            return [str(p) for p in self.tk.splitlist(self.tk.call("wm", "stackorder", "."))]
        return []

    # ---- focus and grab -----------------------------------------------------------------
    def _take_focus_and_grab(self) -> None:
        focus = str(self.tk.call("focus"))
        if focus and not self._inside_keep(focus) and self.focus is None:
            self.focus = focus
        # A modal dialog's grab would leave the lock's own window deaf to the keyboard and mouse.
        grab = str(self.tk.call("grab", "current", "."))  # with a window: one path, not a list
        if grab and not self._inside_keep(grab):
            self.grab = grab
            self.tk.call("grab", "release", grab)

    def _give_back_grab(self, tries: int) -> None:
        if not self.grab:
            return
        if not self._exists(self.grab):
            self.grab = None
            return
        try:
            self.tk.call("grab", "set", self.grab)
        except tkinter.TclError:  # not viewable yet: the window manager has not mapped it
            if tries > 0:
                self.root.after(50, self._give_back_grab, tries - 1)
            return
        self.grab = None

    def _inside_keep(self, path: str) -> bool:
        return path == self.keep or path.startswith(self.keep + ".")
