"""A pupil's record: tabs for details, SEN, contacts, notes and history, with Save.

Saves go through services.pupils; what the service says is wrong appears next to the field,
and nothing typed is lost when a save is refused (bad input or someone else's newer save).
"""
from __future__ import annotations

from typing import Callable

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.errors import Conflict, UserError, ValidationError
from ...domain.pupil import Pupil
from ...domain.upn import check_upn
from ...services import pupils
from ...services.session import Session
from .. import appearance, dialogs
from ..concern_dialogs import RaiseConcernDialog
from ..data import record_actions
from .contacts import ContactsTab
from .details import DetailsTab
from . import export_menu
from .leaver import LeaverDialog
from .provision_map import ProvisionMapTab
from .profile_tab import ProfileTab
from .referrals_tab import ReferralsTab
from .sen import SenTab
from ..statutory.ehc_tab import EhcTab
from .support import SupportTab

BLANK_FORM = {"sen_status": "N", "contacts": []}


class PupilRecord(ttk.Toplevel):
    def __init__(self, main_window, session: Session, pupil_id: int | None, *,
                 on_saved: Callable[["PupilRecord", int], None],
                 on_closed: Callable[["PupilRecord"], None]):
        super().__init__(title="New pupil", minsize=(760, 520),
                         master=main_window.winfo_toplevel())
        self.withdraw()  # placed over the main window before it is first shown
        self.session, self.pupil_id = session, pupil_id
        self.on_saved, self.on_closed = on_saved, on_closed
        self.pupil: Pupil | None = None
        self.version = 0
        self._saved_form: dict = {}
        self._build()
        self.protocol("WM_DELETE_WINDOW", self.close)
        self.bind("<Escape>", lambda e: self.close())
        self.bind("<FocusIn>", self._keep_in_view, add="+")
        self.bind("<Control-s>", lambda e: (self.save(), "break")[1])
        self.load()
        dialogs.place_over(self, main_window, size=self._size_for_screen())
        self.deiconify()
        self.details.fields["legal_surname"].input.focus_set()

    # ---- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        outer = ttk.Frame(self, padding=12)
        outer.pack(fill="both", expand=True)
        head = ttk.Frame(outer)
        head.pack(fill="x")
        self.heading = ttk.Label(head, text="", font="TkHeadingFont")
        self.heading.pack(side="left", anchor="w")
        # Any member of staff may raise a concern; from the record the pupil is already chosen.
        self.concern_button = ttk.Button(head, text="Raise a concern…", bootstyle="secondary-outline",
                                         command=self.raise_concern)
        if self.session.user.can("concern.raise"):
            self.concern_button.pack(side="right")
        self.banner = ttk.Label(outer, text="", wraplength=880, justify="left")
        self.banner.pack(anchor="w", fill="x", pady=(4, 6))
        buttons = ttk.Frame(outer)
        buttons.pack(side="bottom", fill="x", pady=(10, 0))  # packed first: always on screen
        self.tabs = ttk.Notebook(outer)
        self.tabs.pack(fill="both", expand=True)
        # Form tabs scroll, so large text (up to 200%) never hides a field on a small screen.
        self.pages: dict[ttk.Frame, ttk.Frame] = {}
        self._scrollers: list[ttk.ScrolledFrame] = []
        self.details = self._scrolled(DetailsTab)
        self.sen = self._scrolled(SenTab)
        self.contacts = self._scrolled(ContactsTab)
        self.ehc = self._scrolled(EhcTab)
        self.referrals = self._scrolled(ReferralsTab)
        self.profile = self._scrolled(ProfileTab)
        notes = ttk.Frame(self.tabs, padding=12)
        ttk.Label(notes, text="Notes (free text: anything the SENCO wants to keep)").pack(anchor="w")
        self.notes = ttk.Text(notes, height=12, wrap="word", undo=True)
        self.notes.pack(fill="both", expand=True, pady=(4, 0))
        self.notes.bind("<Tab>", lambda e: (e.widget.tk_focusNext().focus_set(), "break")[1])
        history = ttk.Frame(self.tabs, padding=12)
        self.history_note = ttk.Label(history, text="")
        self.history_note.pack(anchor="w")
        self.history = ttk.Treeview(history, columns=("when", "who", "what"), show="headings",
                                    selectmode="none")
        for key, heading, width, stretch in (("when", "When", 140, False), ("who", "Who", 120, False),
                                             ("what", "What changed", 560, True)):
            self.history.heading(key, text=heading, anchor="w")
            self.history.column(key, width=width, anchor="w", stretch=stretch)
        self.history.pack(fill="both", expand=True, pady=(4, 0))
        for frame, label in ((self.details, "Details"), (self.sen, "SEN"), (self.contacts, "Contacts"),
                             (self.ehc, "EHC"), (self.referrals, "Referrals"), (self.profile, "Profile"),
                             (notes, "Notes"), (history, "History")):
            self.tabs.add(self.pages.get(frame, frame), text=label, underline=0)
        self.support, self.provision_map = SupportTab(self.tabs, self), ProvisionMapTab(self.tabs, self)
        self.tabs.insert(2, self.support, text="Support", underline=1)
        self.tabs.insert(3, self.provision_map, text="Provision map", underline=0)
        self.tabs.bind("<<NotebookTabChanged>>", lambda e: self._tab_shown(), add="+")
        self.tabs.enable_traversal()  # Ctrl+Tab and Alt+letter move between tabs

        self.save_button = ttk.Button(buttons, text="Save (Ctrl+S)", bootstyle="primary", command=self.save)
        self.save_button.pack(side="right")
        self.close_button = ttk.Button(buttons, text="Close (Esc)", command=self.close)
        self.close_button.pack(side="right", padx=(0, 8))
        self.leave_button = ttk.Button(buttons, text="Mark as left…", bootstyle="danger-outline",
                                       command=self.mark_left)
        self.leave_button.pack(side="left")
        self.data_actions = record_actions.attach(self, buttons)
        export_menu.attach(self, buttons)

    def _scrolled(self, tab_class):
        holder = ttk.ScrolledFrame(self.tabs, auto_hide=True, padding=0)
        tab = tab_class(holder)
        tab.pack(fill="both", expand=True)
        self.pages[tab] = holder.container
        self._scrollers.append(holder)
        return tab

    def _keep_in_view(self, event) -> None:
        """Tabbing to a field below the fold scrolls it into view (large text, small screen)."""
        widget = event.widget
        if not hasattr(widget, "winfo_rooty"):
            return
        for holder in self._scrollers:
            if not str(widget).startswith(f"{holder}."):
                continue
            total = max(1, holder.winfo_height())
            top = widget.winfo_rooty() - holder.winfo_rooty()
            first, last = holder.yview()
            if top < first * total or top + widget.winfo_height() > last * total:
                holder.yview_moveto(max(0.0, (top - 40) / total))

    def _size_for_screen(self) -> tuple[int, int]:
        """Big enough for the form at the chosen text size, never bigger than the screen."""
        scale = appearance.text_scale_of(self) / 100
        width = min(self.winfo_screenwidth() - 20, int(960 * max(1.0, scale * 0.8)))
        height = min(self.winfo_screenheight() - 80, int(700 * scale))
        return width, height

    # ---- loading and collecting ---------------------------------------------------------
    def load(self) -> None:
        if self.pupil_id is None:
            form, self.pupil = dict(BLANK_FORM), None
        else:
            self.pupil = pupils.get_pupil(self.session, self.pupil_id)
            self.version = self.pupil.version
            form = pupils.pupil_form(self.pupil)
        self.details.load(form)
        self.sen.load(form, self.pupil)
        self.contacts.load(form.get("contacts") or [])
        self.notes.delete("1.0", "end")
        self.notes.insert("1.0", form.get("notes") or "")
        self._load_history()
        self.ehc.show_pupil(self)
        self._load_support()
        self._show_state()
        self.data_actions.update()
        self._saved_form = self.collect()

    def _load_history(self) -> None:
        self.history.delete(*self.history.get_children())
        if self.pupil_id is None:
            self.history_note.configure(text="The history starts when you save this pupil.")
            return
        if not self.session.user.can("pupil.read_sen"):
            self.history_note.configure(text="The history of this record is not shown to your role "
                                             "(it names needs and SEN status).")
            return
        self.history_note.configure(text="Every change to this record, oldest first.")
        for entry in pupils.pupil_history(self.session, self.pupil_id):
            when = f"{uk(entry['at'])} {entry['at'][11:16]}"
            self.history.insert("", "end", values=(when, entry["who"], entry["summary"]))

    def _load_support(self) -> None:
        """Support and Provision map: only for pupils with cycles or on the register, and only for
        people who may read the graduated approach (not the office)."""
        if not self.session.user.can("cycle.read"):
            for tab in (self.support, self.provision_map):
                self.tabs.tab(tab, state="hidden")
            return
        applies = self.support.load(self.pupil)
        for tab in (self.support, self.provision_map):
            self.tabs.tab(tab, state="normal" if applies else "hidden")
        self.provision_map.load(self.pupil_id if applies else None)

    def _tab_shown(self) -> None:
        """The graduated-approach tabs are built when first looked at, so records open fast."""
        shown = self.tabs.select()
        if shown == str(self.support) and self.support.stale and self.support.data is not None:
            self.support.build()
        elif shown == str(self.provision_map):
            self.provision_map.show()

    def _show_state(self) -> None:
        # a concern is about a saved pupil on roll (the service refuses leavers too)
        on_roll = self.pupil is not None and not self.pupil.is_leaver
        self.concern_button.configure(state="normal" if on_roll else "disabled")
        if self.pupil is None:
            self.title("New pupil")
            self.heading.configure(text="New pupil")
            self.leave_button.configure(state="disabled")
            return
        name = self.pupil.display_name
        self.title(f"{name} — pupil record")
        self.heading.configure(text=name)
        if self.pupil.is_leaver:
            where = f" (to {self.pupil.destination})" if self.pupil.destination else ""
            self.set_banner(f"Left on {uk(self.pupil.left_on)}{where}. Archived: hidden from the "
                            "register unless \"Show leavers\" is ticked.", "secondary")
            self.leave_button.configure(text="Put back on roll", bootstyle="secondary-outline",
                                        command=self.put_back, state="normal")
        else:
            self.set_banner("", "default")
            self.leave_button.configure(text="Mark as left…", bootstyle="danger-outline",
                                        command=self.mark_left, state="normal")

    def collect(self) -> dict:
        form = self.details.collect() | self.sen.collect()
        form["notes"] = self.notes.get("1.0", "end-1c")
        form["contacts"] = self.contacts.collect()
        return form

    @property
    def dirty(self) -> bool:
        return (self.collect() != self._saved_form or self.support.dirty or self.referrals.dirty
                or self.profile.dirty)

    def set_banner(self, text: str, style: str = "danger") -> None:
        self.banner.configure(text=text, bootstyle=style)

    # ---- actions ------------------------------------------------------------------------
    def _fields(self) -> dict:
        return self.details.fields | self.sen.fields

    def clear_errors(self) -> None:
        for field in self._fields().values():
            field.clear()
        self.contacts.clear_errors()
        self.set_banner("")

    def show_errors(self, errors: dict[str, str]) -> None:
        fields = self._fields()
        other = []
        for key, message in errors.items():
            if key in fields:
                fields[key].show_error(message)
            elif key.startswith("contacts."):
                self.contacts.show_error(int(key.split(".")[1]), message)
            else:
                other.append(message)
        count = len(errors)
        text = (f"Nothing was saved: {count} thing{'s' if count != 1 else ''} to correct, "
                "shown in red by the field.")
        self.set_banner(" ".join([text, *other]))
        first = next(iter(errors))
        tab = (self.contacts if first.startswith("contacts.")
               else self.sen if first in self.sen.fields else self.details)
        self.tabs.select(self.pages[tab])
        if first in fields:
            fields[first].input.focus_set()

    def save(self) -> bool:
        """Save the form. True when saved; otherwise the reasons are shown and the form kept."""
        self.clear_errors()
        form = self.collect()
        try:
            if self.pupil_id is None:
                self.pupil_id, warnings = pupils.add_pupil(self.session, form)
            else:
                warnings = pupils.update_pupil(self.session, self.pupil_id, self.version, form)
        except ValidationError as e:
            self.show_errors(e.field_errors)
            return False
        except Conflict as e:
            self.set_banner(e.message)
            return False
        except UserError as e:
            self.set_banner(e.message)
            return False
        self.load()
        upn_warnings = check_upn(self.pupil.upn).warnings
        if upn_warnings:
            self.details.fields["upn"].show_warning("Check: " + upn_warnings[0])
        if warnings:
            self.set_banner("Saved. Please check: " + " ".join(warnings), "info")
        elif not self.pupil.is_leaver:
            self.set_banner("Saved.", "success")
        self.on_saved(self, self.pupil_id)
        return True

    def raise_concern(self) -> RaiseConcernDialog:
        """The concern dialog with this pupil already chosen (what is typed here is kept)."""
        dialog = RaiseConcernDialog(self, self.session, pupil_id=self.pupil_id, on_done=self._concern_raised)
        return dialog.show(self)

    def _concern_raised(self, concern_id: int) -> None:
        self.set_banner("Concern raised. The SENCO will see it on the Concerns screen to triage.", "success")
        self.on_saved(self, self.pupil_id)  # the Concerns screen and dashboard count it at once

    def mark_left(self) -> LeaverDialog | None:
        if self.dirty and not self.save():
            return None
        dialog = LeaverDialog(self, self.session, self.pupil_id, self.version,
                              self.pupil.display_name, on_done=self._after_leaving)
        dialog.show(self)
        return dialog

    def _after_leaving(self) -> None:
        self.load()
        self.on_saved(self, self.pupil_id)
        self.data_actions.transfer_pack()  # the next school needs the SEN file within 15 school days

    def put_back(self) -> None:
        try:
            pupils.reinstate_pupil(self.session, self.pupil_id, self.version)
        except UserError as e:
            self.set_banner(e.message)
            return
        self.load()
        self.set_banner("Back on roll: shown on the register again.", "success")
        self.on_saved(self, self.pupil_id)

    def close(self) -> bool:
        """Close, asking first when there are unsaved changes. True when closed."""
        if self.dirty and not dialogs.confirm(
                self, "You have changes to this record that are not saved. Close it and lose them?",
                yes="Close without saving", no="Keep editing"):
            return False
        self.on_closed(self)
        self.destroy()
        return True
