"""The idle lock: after N minutes with no keyboard or mouse, hide every window and ask for the
password of the person who was signed in.

Every window of the app is hidden (the main window, pupil records, and any dialog or message
box left open: see hidden_windows), never closed, so a half-typed review or record is exactly as
it was, where it was, after unlocking. Only the same person can unlock: their unsaved forms may
hold things another member of staff must not see, and this process acts as them. Someone else
at the same computer starts SENCO desk again and signs in as themselves (several people may run
it at once on one computer); the locked person's work waits, hidden, until they come back.
"""

from __future__ import annotations

import time
import tkinter
from contextlib import suppress

import ttkbootstrap as ttk

from ..services import users
from . import dialogs
from .hidden_windows import HiddenWindows
from .sign_in import SignInForm

ACTIVITY = ("<KeyPress>", "<ButtonPress>", "<Motion>", "<MouseWheel>")


class IdleLock:
    def __init__(
        self, root: tkinter.Misc, main_window, *, seconds: float | None = None, check_ms: int = 5000
    ):
        self.root, self.main = root, main_window
        self.actor = main_window.actor
        self.seconds = seconds if seconds is not None else users.idle_minutes(self.actor) * 60
        self.check_ms = min(check_ms, max(50, int(self.seconds * 250)))
        self.last = time.monotonic()
        self.hidden: HiddenWindows | None = None
        self.window: ttk.Toplevel | None = None
        self.form: SignInForm | None = None
        self._job = None
        # One class-level binding on the "all" tag, added beside any others (never replacing).
        self._bound = [(seq, root.bind_all(seq, self.touch, add="+")) for seq in ACTIVITY]
        self._job = root.after(self.check_ms, self._tick)

    @property
    def locked(self) -> bool:
        return self.window is not None

    def touch(self, event=None) -> None:
        if not self.locked:
            self.last = time.monotonic()

    def _tick(self) -> None:
        self._job = None
        if not self.locked and time.monotonic() - self.last >= self.seconds:
            self.lock()
        elif self.locked and self.hidden is not None:
            self.hidden.hide()  # a window that opened since (a message from background work)
        self._job = self.root.after(self.check_ms, self._tick)

    def lock(self) -> None:
        """Hide every window of the app; show the unlock form."""
        if self.locked:
            return
        who = self.actor.user
        self.window = ttk.Toplevel(title="SENCO desk is locked", master=self.root)
        self.hidden = HiddenWindows(self.root, keep=self.window)
        self.hidden.hide()
        self.window.protocol("WM_DELETE_WINDOW", lambda: None)  # unlock or quit, nothing else
        self.form = SignInForm(
            self.window,
            title="SENCO desk is locked",
            intro=(
                f"{who.display_name} was signed in, and nobody has used SENCO desk for a while, "
                f"so it locked itself. {who.display_name}: type your password to carry on where "
                "you left off; nothing you typed has been lost."
            ),
            note=(
                "Someone else? Start SENCO desk again and sign in as yourself. This person's "
                "unsaved work stays hidden until they unlock it."
            ),
            username=who.username,
            fixed_user=True,
            button_text="Unlock",
            check=self._check,
            on_done=lambda _: self.unlock(),
            on_quit=self._quit,
        )
        self.form.pack(fill="both", expand=True)
        width, height = self.window.winfo_screenwidth(), self.window.winfo_screenheight()
        self.window.update_idletasks()
        x = max(0, (width - self.window.winfo_reqwidth()) // 2)
        y = max(0, (height - self.window.winfo_reqheight()) // 3)
        self.window.geometry(f"+{x}+{y}")
        self.window.lift()
        self.form.password.input.focus_set()

    def _check(self, name: str, password: str, passphrase: str | None) -> None:
        users.confirm_password(self.actor, password)

    def unlock(self) -> None:
        if self.window is not None:
            self.window.destroy()
        self.window = self.form = None
        if self.hidden is not None:
            self.hidden.restore()
        self.hidden = None
        self.last = time.monotonic()

    def _quit(self) -> None:
        if dialogs.confirm(
            self.window,
            "Quit SENCO desk? Anything not yet saved in an open record will be lost.",
            yes="Quit",
            no="Stay locked",
        ):
            self.stop()
            self.root.destroy()

    def stop(self) -> None:
        """Remove the bindings and the timer (the main window is going)."""
        if self._job is not None:
            with suppress(tkinter.TclError):  # the timer may have fired already
                self.root.after_cancel(self._job)
            self._job = None
        for seq, funcid in self._bound:
            _unbind_all_one(self.root, seq, funcid)
        self._bound = []
        if self.window is not None and self.window.winfo_exists():
            self.window.destroy()
        self.window = None


def _unbind_all_one(root: tkinter.Misc, sequence: str, funcid: str) -> None:
    """Remove our one command from the 'all' tag, keeping anyone else's (tkinter's unbind_all
    would drop them all)."""
    with suppress(tkinter.TclError):  # the window (and its bindings) may be gone already
        script = root.tk.call("bind", "all", sequence)
        kept = "\n".join(line for line in str(script).split("\n") if funcid not in line)
        root.tk.call("bind", "all", sequence, kept)
        root.deletecommand(funcid)
