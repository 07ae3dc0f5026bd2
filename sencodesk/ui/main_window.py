"""The main window: left navigation and the screen shown beside it."""

from __future__ import annotations

import contextlib
import importlib
import tkinter
from collections.abc import Callable
from typing import Any

import ttkbootstrap as ttk

from ..domain.users import PERMISSIONS, ROLES
from ..services import settings
from ..services.actor import Actor
from . import dialogs, roles
from .screens import SCREENS, NavEntry
from .scroll_column import ScrollColumn

# Ctrl+1 to Ctrl+9 and Ctrl+0: the first ten screens by their place in the navigation; Ctrl+Page
# Down and Ctrl+Page Up step to the next and previous screen, so every one is a key away.
SCREEN_KEYS = (*(f"<Control-Key-{n}>" for n in range(1, 10)), "<Control-Key-0>")
STEP_KEYS = {"<Control-Next>": 1, "<Control-Prior>": -1}
SIGN_OUT_KEY = "<Control-q>"
PRELOAD_AFTER_MS = 800
SPARE_AFTER_MS = 400  # after a record opens, the next one's window is built once things are quiet


class MainWindow(ttk.Frame):
    def __init__(self, root: tkinter.Misc, actor: Actor):
        super().__init__(root)
        self.root = root
        self.actor = actor
        self.screens: dict[str, ttk.Frame] = {}
        self.records: dict[int | None, Any] = {}  # open pupil records by pupil id (None: new)
        self.current: str | None = None
        # Set by whoever started the window (ui/app.Starter): signs this person out, so the next
        # person at a shared computer signs in as themselves. None: no one to hand over to.
        self.on_sign_out: Callable[[], None] | None = None
        self._build()
        self._bind_keys()
        self.update_title()
        # The pupil record's code (its tabs and forms: about 60 modules) is loaded once the
        # register is on screen and Tk is idle, so the first record opened does not wait for it.
        root.after(PRELOAD_AFTER_MS, _preload_record)  # on the root: this window may close first
        self._spare = None  # a record window built ahead, hidden and empty (see open_pupil)
        self._spare_due = False
        self._spare_later(PRELOAD_AFTER_MS + 100)  # the first, just after its code has loaded

    def _build(self) -> None:
        self.nav = ttk.Frame(self, padding=(8, 12))
        self.nav.pack(side="left", fill="y")
        ttk.Separator(self, orient="vertical").pack(side="left", fill="y")
        ttk.Label(self.nav, text="SENCO desk", font="TkHeadingFont", padding=(6, 0, 6, 10)).pack(anchor="w")
        # The entries scroll when large text makes them taller than the window (see nav_footer).
        self.nav_list = ScrollColumn(self.nav)
        self.nav_list.pack(side="top", fill="both", expand=True)
        entries = self.nav_list.body
        self.nav_buttons: dict[str, ttk.Button] = {}
        self.nav_groups: dict[str, ttk.Label] = {}
        for number, entry in enumerate(SCREENS, start=1):
            if entry.group not in self.nav_groups:
                heading = ttk.Label(
                    entries,
                    text=entry.group,
                    bootstyle="secondary",
                    font="TkSmallCaptionFont",
                    padding=(2, 6 if self.nav_groups else 0, 0, 1),
                )
                heading.pack(anchor="w")
                self.nav_list.add(heading)
                self.nav_groups[entry.group] = heading
            # Small padding: twelve entries, their group headings and who is signed in must fit
            # a 768-high screen at 150% text.
            button = ttk.Button(
                entries,
                text=entry.label,
                bootstyle="secondary-outline",
                command=lambda k=entry.key: self.show(k),
                width=14,
                padding=(8, 3),
            )
            button.pack(fill="x", pady=1)
            self.nav_list.add(button)
            self.nav_buttons[entry.key] = button
            if number <= len(SCREEN_KEYS):
                self._bind(SCREEN_KEYS[number - 1], lambda e, k=entry.key: self.show(k))
        self.content = ttk.Frame(self)
        self.content.pack(side="left", fill="both", expand=True)
        # A line across the foot of the window for what a key press could not do (and why);
        # packed only while it has something to say, so it takes no room otherwise.
        self.status_line = ttk.Label(
            self, text="", bootstyle="secondary", padding=(12, 4), wraplength=900, justify="left"
        )

    def nav_footer(self, text: str, *, gives_way: bool = False, **options) -> ttk.Label:
        """A note at the foot of the navigation. Packed ahead of the entries (who is signed in)
        so, short of room, the entries scroll rather than push it out of the window; or, when it
        `gives_way` (the demo's note), after them, so it shows only in the room they leave."""
        label = ttk.Label(self.nav, text=text, wraplength=140, justify="left", **options)
        label.pack(side="bottom", anchor="w", pady=(8, 0), **({} if gives_way else {"before": self.nav_list}))
        return label

    def _bind(self, sequence: str, handler) -> None:
        # Bound on this window's toplevel (not bind_all) so pupil records keep their own keys.
        top = self.winfo_toplevel()
        top.bind(sequence, lambda e: (handler(e), "break")[1])

    def _bind_keys(self) -> None:
        self._bind("<Control-f>", lambda e: self.open_register(focus_search=True))
        self._bind("<Control-n>", lambda e: self.new_pupil())
        for sequence, step in STEP_KEYS.items():
            self._bind(sequence, lambda e, s=step: self.step_screen(s))
        self._bind(SIGN_OUT_KEY, lambda e: self.sign_out())

    def destroy(self) -> None:
        top = self.winfo_toplevel()
        for sequence in ("<Control-f>", "<Control-n>", SIGN_OUT_KEY, *SCREEN_KEYS, *STEP_KEYS):
            top.unbind(sequence)
        for record in [*self.records.values(), self._spare]:
            if record is not None and record.winfo_exists():
                record.destroy()
        super().destroy()

    # ---- screens ------------------------------------------------------------------------
    def screen(self, key: str) -> ttk.Frame:
        """The screen for `key`, built the first time it is asked for."""
        if key not in self.screens:
            entry = next(e for e in SCREENS if e.key == key)
            self.screens[key] = _screen_class(entry)(self.content, self)
            roles.apply_to_screen(key, self.screens[key], self.actor.user)
        return self.screens[key]

    def say(self, text: str) -> None:
        """Show (or, with "", clear) the status line at the foot of the window."""
        self.status_line.configure(text=text)
        if text:
            self.status_line.pack(side="bottom", fill="x", before=self.nav)
        else:
            self.status_line.pack_forget()

    def show(self, key: str) -> ttk.Frame:
        screen = self.screen(key)
        self.say("")  # a new screen: what was said about the last one no longer applies
        hidden = None
        if self.current and self.current != key:
            hidden = self.screens[self.current]
            hidden.pack_forget()
            self.nav_buttons[self.current].configure(bootstyle="secondary-outline")
        screen.pack(fill="both", expand=True)
        self.nav_buttons[key].configure(bootstyle="primary")
        self.nav_list.see(self.nav_buttons[key])  # the screen shown is never scrolled out of sight
        self.current = key
        # The keyboard stays in the window: a focused widget on the screen just hidden would leave
        # the focus nowhere, and Ctrl+number then Tab or a key would do nothing.
        with contextlib.suppress(KeyError, tkinter.TclError):
            focused = self.focus_get()
            if focused is None or (hidden is not None and f"{focused}.".startswith(f"{hidden}.")):
                screen.focus_set()
        if hasattr(screen, "on_show"):
            screen.on_show()
        return screen

    def shown_screens(self) -> list[str]:
        """The screens in the navigation for this person, in order (a role's others are not drawn)."""
        return [e.key for e in SCREENS if self.nav_buttons[e.key].winfo_manager()]

    def step_screen(self, step: int) -> ttk.Frame | None:
        """The next (1) or previous (-1) screen in the navigation, round from the end to the start."""
        keys = self.shown_screens()
        if not keys:
            return None
        here = keys.index(self.current) if self.current in keys else -step
        return self.show(keys[(here + step) % len(keys)])

    def open_start(self) -> ttk.Frame:
        """The screen the app opens on: the Dashboard, for those who may see it (the office, who
        may not, starts on the register, in its search box)."""
        if "dashboard" in self.shown_screens():
            screen = self.show("dashboard")
            screen.focus_set()
            return screen
        register = self.open_register()
        register.focus_search()
        return register

    def sign_out(self) -> bool:
        """Ctrl+Q: sign this person out (asking first), so the next at a shared computer signs
        in as themselves. Refused while an open record holds changes not saved: nothing typed is
        lost, so that record comes forward to be saved or closed first."""
        if self.on_sign_out is None:
            self.say("There is no one to hand over to here: close SENCO desk instead.")
            return False
        unsaved = [r for r in self.records.values() if r.winfo_exists() and r.dirty]
        if unsaved:
            record = unsaved[0]
            record.lift()
            record.focus_set()
            name = record.pupil.display_name if record.pupil is not None else "a new pupil"
            self.say(
                f"Not signed out: the record of {name} has changes not saved. Save it (Ctrl+S) or "
                "close it, then sign out."
            )
            return False
        who = self.actor.user.display_name
        if not dialogs.confirm(
            self,
            f"Sign out {who}? Open records close, and the next person signs in as themselves.",
            yes="Sign out",
            no="Stay signed in",
        ):
            return False
        self.on_sign_out()
        return True

    def open_register(self, *, status: str | None = None, focus_search: bool = False):
        register = self.show("register")
        if status is not None:
            register.set_filter(status=status)
        if focus_search:
            register.focus_search()
        return register

    def pupils_changed(self, pupil_id: int | None = None) -> None:
        """After a save: every built screen that shows pupils reloads."""
        for screen in self.screens.values():
            if hasattr(screen, "refresh"):
                screen.refresh()
        if pupil_id is not None and "register" in self.screens:
            register = self.screens["register"]
            if register.tree.exists(str(pupil_id)) and str(pupil_id) in register.tree.get_children():
                register.select(pupil_id)

    def settings_changed(self) -> None:
        self.update_title()

    def open_strategy(self):
        """The inclusion strategy window (from the dashboard, Deadlines or Reports)."""
        from .strategy_window import open_strategy

        return open_strategy(self, self.actor, on_change=self.strategy_changed)

    def strategy_changed(self) -> None:
        """Saved or marked published: the screens that show its deadline say so at once."""
        for key in ("dashboard", "deadlines", "reports"):
            screen = self.screens.get(key)
            if screen is not None:
                (getattr(screen, "refresh_strategy", None) or screen.refresh)()

    def update_title(self) -> None:
        self.root.title(settings.school_title(self.actor) + roles.title_suffix(self.actor.user))

    # ---- pupils -------------------------------------------------------------------------
    def new_pupil(self):
        """Ctrl+N: a blank record for a new pupil, only for those who may add one (a form
        whose Save is disabled would waste the typing); others are told why instead."""
        if not self.actor.user.can("pupil.edit_basic"):
            self.say(
                f"Ctrl+N adds a new pupil, which your role ({ROLES.get(self.actor.user.role, '')}) "
                "does not do, so no blank record was opened. "
                f"Pupils are added by: {_who_may('pupil.edit_basic')}."
            )
            return None
        self.say("")
        return self.open_pupil(None)

    def open_pupil(self, pupil_id: int | None):
        """Open (or bring forward) a pupil's record; None opens a blank one for a new pupil."""
        record = self.records.get(pupil_id)
        if record is not None and record.winfo_exists():
            record.lift()
            record.focus_set()
            return record
        record = self._take_spare() or self._new_record()
        self.records[pupil_id] = record
        record.show_pupil(pupil_id)
        self._spare_later()
        return record

    # A record window is built ahead, hidden and empty, while nobody is waiting, so opening a
    # record is loading one pupil and drawing (about half the time of building it then). It
    # holds no pupil's data until it is shown, and is shown once: closing a record destroys it.
    def _new_record(self):
        from .pupil.record import PupilRecord

        # The record draws only the tabs and buttons its person may use (pupil/tabs.py).
        return PupilRecord(self, self.actor, on_saved=self._record_saved, on_closed=self._record_closed)

    def _take_spare(self):
        spare, self._spare = self._spare, None
        if spare is None or not spare.winfo_exists():
            return None
        if spare.user is not self.actor.user:  # built before the first-run sign-in: wrong role
            spare.destroy()
            return None
        return spare

    def _spare_later(self, delay_ms: int = SPARE_AFTER_MS) -> None:
        if not self._spare_due:
            self._spare_due = True
            self.root.after(delay_ms, self._make_spare)  # on the root: this window may close first

    def _make_spare(self) -> None:
        from .pupil import warm_up

        self._spare_due = False
        if not self.winfo_exists() or (self._spare is not None and self._spare.winfo_exists()):
            return
        if not warm_up.quiet():  # records are being opened one after another: wait
            self._spare_later(warm_up.TAB_CODE_AFTER_MS)
            return
        self._spare = self._new_record()

    def _record_saved(self, record, pupil_id: int) -> None:
        for key, open_record in list(self.records.items()):
            if open_record is record and key != pupil_id:
                del self.records[key]
                self.records[pupil_id] = record
        self.pupils_changed(pupil_id)

    def _record_closed(self, record) -> None:
        for key, open_record in list(self.records.items()):
            if open_record is record:
                del self.records[key]
        # The keyboard goes back to the list the record was opened from, on its pupil's row.
        if self.winfo_exists() and self.current is not None:
            screen = self.screens[self.current]
            back = getattr(screen, "focus_pupil", None)
            if back is not None:
                back(record.pupil_id)
            else:
                screen.focus_set()

    # ---- first run ----------------------------------------------------------------------
    def first_run(self):
        """If the school is not set up yet: the first-run dialog (returned, not yet waited on)."""
        if settings.is_set_up(self.actor):
            return None
        from .first_run import FirstRunDialog

        def saved() -> None:
            self.update_title()
            self.open_register()

        return FirstRunDialog(self.root, self.actor, on_saved=saved, on_cancel=self.root.destroy)


def _who_may(permission: str) -> str:
    """The roles that may do something, in words ('SENCO, Admin/office')."""
    return ", ".join(label for role, label in ROLES.items() if permission in PERMISSIONS.get(role, ()))


def _preload_record() -> None:
    importlib.import_module(f"{__package__}.pupil.record")


def _screen_class(entry: NavEntry):
    module, name = entry.target.split(":")
    return getattr(importlib.import_module(f"{__package__}.screens.{module}"), name)
