"""A pupil's record: the tabs of tabs.py (details, SEN, support, provision, contacts, EHC,
referrals, the one-page profile, notes and history) and Save, which sends the pupil form that
the form tabs hold together. The window is built ahead and only Details is built when it opens
(warm_up.py, tab_host.py), so a record opens well under 100 ms.

Saves go through services.pupils; what the service says is wrong appears next to the field (on
whichever tab holds it), and nothing typed is lost when a save is refused (bad input or someone
else's newer save).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.graduated import SupportGlance
from ...domain.pupil import Pupil
from ...domain.upn import check_upn
from ...services import cycles, pupils
from ...services.actor import Actor
from .. import appearance, dialogs
from ..concern_dialogs import RaiseConcernDialog
from ..data import record_actions
from ..kit import attempt
from . import export_menu, support_state, warm_up
from .details import DetailsTab
from .leaver import LeaverDialog
from .tab_host import TabHost
from .tabs import BLANK_FORM, BY_KEY, TABS, saved_by_record
from .warm_up import LATER_MODULES, TAB_CODE_AFTER_MS, TAB_CODE_STEP_MS, quiet

__all__ = ["LATER_MODULES", "TAB_CODE_AFTER_MS", "TAB_CODE_STEP_MS", "PupilRecord", "quiet"]

# The pupil form Save sends: the Details fields and what the other form tabs add.
FORM_KEYS = (*(key for key, *_ in DetailsTab.LAYOUT), *BLANK_FORM)


class PupilRecord(TabHost, ttk.Toplevel):
    """record.details, record.sen, ... (one per entry in TABS): that tab, built if it was not."""

    def __init__(
        self,
        main_window,
        actor: Actor,
        *,
        on_saved: Callable[[PupilRecord, int], None],
        on_closed: Callable[[PupilRecord], None],
    ):
        """Build the window hidden and empty; show_pupil() fills it and puts it on screen. Built
        ahead while nobody is waiting (MainWindow keeps one ready), opening a record is then
        only loading one pupil and drawing."""
        super().__init__(title="New pupil", minsize=(760, 520), master=main_window.winfo_toplevel())
        self.withdraw()  # placed over the main window before it is first shown
        self.main_window, self.actor = main_window, actor
        self.user = actor.user  # whose role shaped this window (its tabs and buttons)
        self.pupil_id: int | None = None
        self._shown = False
        self.on_saved, self.on_closed = on_saved, on_closed
        self.pupil: Pupil | None = None
        self.version = 0
        self.values: dict[str, Any] = dict(BLANK_FORM)  # the pupil as last loaded: what unbuilt tabs hold
        self._loaded: dict[str, dict[str, Any]] = {}  # each built form tab's values as loaded
        self.support_applies = False
        self._build()
        self.protocol("WM_DELETE_WINDOW", self.close)
        self.bind("<Escape>", lambda e: self.close())
        self.bind("<Control-s>", lambda e: (self.save(), "break")[1])
        self.load()
        warm_up.own_events_only(self)

    def show_pupil(self, pupil_id: int | None) -> PupilRecord:
        """Load the pupil (None: a blank record for a new one) and show the window. Once only:
        a record window holds one pupil for its whole life."""
        if self._shown:  # never a second pupil in a window that may still hold the first's typing
            raise RuntimeError("a pupil record window is shown once, for one pupil")
        self._shown = True
        self.pupil_id = pupil_id
        self.load()
        dialogs.place_over(self, self.main_window, size=self._size_for_screen())
        self.deiconify()
        self.details.fields["legal_surname"].input.focus_set()
        warm_up.opened(self.master)  # the other tabs' code loads a moment after, not while it opens
        return self

    # ---- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        outer = ttk.Frame(self, padding=12)
        outer.pack(fill="both", expand=True)
        head = ttk.Frame(outer)
        head.pack(fill="x")
        self.heading = ttk.Label(head, text="", font="TkHeadingFont")
        self.heading.pack(side="left", anchor="w")
        # Any member of staff may raise a concern; from the record the pupil is already chosen.
        self.concern_button = ttk.Button(
            head, text="Raise a concern…", bootstyle="secondary-outline", command=self.raise_concern
        )
        if self.user.can("concern.raise"):
            self.concern_button.pack(side="right")
        # Who the pupil is at a glance (SEN status, need, class) and where their cycle stands.
        facts = ttk.Frame(outer)
        facts.pack(fill="x")
        self.about = ttk.Label(facts, text="", bootstyle="secondary")
        self.about.pack(side="left")
        self.cycle_note = ttk.Label(facts, text="")
        self.cycle_note.pack(side="left", padx=(16, 0))
        self.banner = ttk.Label(outer, text="", wraplength=880, justify="left")
        self.banner.pack(anchor="w", fill="x", pady=(4, 6))
        buttons = ttk.Frame(outer)
        buttons.pack(side="bottom", fill="x", pady=(10, 0))  # packed first: always on screen
        self.build_tabs(outer)
        self.tabs.pack(fill="both", expand=True)
        self.tab("details")
        # What the role may not use is not drawn: Save only where it may change the pupil form,
        # Mark as left only for who may archive, the export menu only for who may print packs.
        self.save_button = ttk.Button(buttons, text="Save (Ctrl+S)", bootstyle="primary", command=self.save)
        self.close_button = ttk.Button(buttons, text=dialogs.CLOSE, command=self.close)
        self.leave_button = ttk.Button(
            buttons, text="Mark as left…", bootstyle="danger-outline", command=self.mark_left
        )
        if saved_by_record(self.user):
            self.save_button.pack(side="right")
        self.close_button.pack(side="right", padx=(0, 8))
        if self.user.can("pupil.archive"):
            self.leave_button.pack(side="left")
        self.data_actions = record_actions.attach(self, buttons)
        self.export_button = export_menu.attach(self, buttons)
        if not (self.user.can("export.profile") or self.user.can("export.packs")):
            self.export_button.pack_forget()  # the office prints no SEN packs

    def _size_for_screen(self) -> tuple[int, int]:
        """Big enough for the form at the chosen text size, never bigger than the screen."""
        scale = appearance.text_scale_of(self) / 100
        width = min(self.winfo_screenwidth() - 20, int(960 * max(1.0, scale * 0.8)))
        height = min(self.winfo_screenheight() - 80, int(700 * scale))
        return width, height

    # ---- loading and collecting ---------------------------------------------------------
    def load(self) -> None:
        """Read the pupil again and refill the tabs built so far (the others load when shown)."""
        if self.pupil_id is None:
            self.values, self.pupil = dict(BLANK_FORM), None
        else:
            self.pupil = pupils.get_pupil(self.actor, self.pupil_id)
            self.version = self.pupil.version
            form = pupils.pupil_form(self.pupil)
            self.values = {key: form.get(key) for key in FORM_KEYS}
        self._read_support_state()
        for spec, tab in self.built_tabs():
            spec.load(self, tab)
            if spec.collect is not None:
                self._loaded[spec.key] = spec.collect(tab)
        self._show_state()
        self.data_actions.update()

    def tab(self, key: str) -> Any:
        made = key not in self._built
        tab = super().tab(key)
        spec = BY_KEY[key]
        if made and spec.collect is not None:
            self._loaded[key] = spec.collect(tab)
        return tab

    def _read_support_state(self) -> None:
        """Support and Provision map: only for pupils with cycles or on the register, and only for
        people who may read the graduated approach (not the office). Worked out from the cycles
        read model, so an unbuilt Support tab is still hidden or titled "Support (Overdue)"."""
        self.support_applies = False
        glance = None
        if self.user.can("cycle.read") and self.pupil is not None:
            glance = cycles.support_glance(self.actor, self.pupil.id)
            self.support_applies = support_state.applies(self.pupil, glance)
        self.show_cycle(glance)
        for spec in TABS:
            if spec.follows_support and self.drawn(spec.key):
                self.tabs.tab(self.page(spec.key), state="normal" if self.support_applies else "hidden")
        if self.support_applies and glance is not None and self.drawn("support"):
            self.tabs.tab(self.page("support"), text=support_state.title(glance))

    def show_cycle(self, glance: SupportGlance | None) -> None:
        """The header's cycle line: its stage and next review, red and "Overdue" once it passes.
        Called again by the Support tab when a stage is saved there."""
        text, overdue = support_state.cycle_line(glance)
        self.cycle_note.configure(text=text, bootstyle="danger" if overdue else "default")

    def _show_state(self) -> None:
        # a concern is about a saved pupil on roll (the service refuses leavers too)
        on_roll = self.pupil is not None and not self.pupil.is_leaver
        self.concern_button.configure(state="normal" if on_roll else "disabled")
        self.about.configure(
            text=""
            if self.pupil is None
            else support_state.about(self.pupil, sen=self.user.can("pupil.read_sen"))
        )
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
            self.set_banner(
                f"Left on {uk(self.pupil.left_on)}{where}. Archived: hidden from the "
                'register unless "Show leavers" is ticked.',
                "secondary",
            )
            self.leave_button.configure(
                text="Put back on roll", bootstyle="secondary-outline", command=self.put_back, state="normal"
            )
        else:
            self.set_banner("", "default")
            self.leave_button.configure(
                text="Mark as left…", bootstyle="danger-outline", command=self.mark_left, state="normal"
            )

    def collect(self) -> dict[str, Any]:
        """The pupil form Save sends: what is typed in the built tabs, and for a tab never shown
        what was loaded (nothing can have been typed there)."""
        form = dict(self.values)
        for spec, tab in self.built_tabs():
            if spec.collect is not None:
                form |= spec.collect(tab)
        return form

    @property
    def dirty(self) -> bool:
        """Typed and not saved: in the pupil form's tabs, or in a tab that saves by itself."""
        return any(
            (spec.collect is not None and spec.collect(tab) != self._loaded.get(spec.key))
            or (spec.keeps_typing and tab.dirty)
            for spec, tab in self.built_tabs()
        )

    @property
    def history_note(self) -> ttk.Label:
        self.tab("history")
        return self._history_note

    def set_banner(self, text: str, style: str = "danger") -> None:
        self.banner.configure(text=text, bootstyle=style)

    # ---- saving -------------------------------------------------------------------------
    def _error_fields(self, errors: Mapping[str, str]) -> dict[str, Any]:
        """Every field of the pupil form by its key, the tabs that hold a wrong one built first
        (their messages go by their fields), and the first of them brought forward."""
        keys = list(errors)
        owners = [spec for spec in TABS if spec.fields is not None and any(spec.owns(k) for k in keys)]
        for spec in owners:
            if self.drawn(spec.key):
                self.tab(spec.key)
        if owners and self.drawn(owners[0].key):
            first = next((spec for spec in TABS if spec in owners and spec.owns(keys[0])), owners[0])
            self.tabs.select(self.page(first.key))
        fields: dict[str, Any] = {}
        for spec, tab in self.built_tabs():
            if spec.fields is not None:
                fields |= spec.fields(tab)
        return fields

    def save(self) -> bool:
        """Save the form. True when saved; otherwise the reasons are shown and the form kept."""
        if not self.save_button.winfo_manager():
            return False  # not offered to this role (read-only tabs): Ctrl+S does nothing
        for spec, tab in self.built_tabs():
            if spec.clear is not None:
                spec.clear(tab)
        form = self.collect()

        def save_it() -> list[str]:
            if self.pupil_id is None:
                self.pupil_id, warnings = pupils.add_pupil(self.actor, form)
                return warnings
            return pupils.update_pupil(self.actor, self.pupil_id, self.version, form)

        ok, warnings, _ = attempt(
            save_it, say=lambda text, style: self.set_banner(text, style), fields=self._error_fields
        )
        if not ok:
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
        dialog = RaiseConcernDialog(self, self.actor, pupil_id=self.pupil_id, on_done=self._concern_raised)
        return dialog.show(self)

    def _concern_raised(self, concern_id: int) -> None:
        self.set_banner("Concern raised. The SENCO will see it on the Concerns screen to triage.", "success")
        self.on_saved(self, self.pupil_id)  # the Concerns screen and dashboard count it at once

    def mark_left(self) -> LeaverDialog | None:
        if self.dirty and not self.save():
            return None
        dialog = LeaverDialog(
            self,
            self.actor,
            self.pupil_id,
            self.version,
            self.pupil.display_name,
            on_done=self._after_leaving,
        )
        dialog.show(self)
        return dialog

    def _after_leaving(self) -> None:
        self.load()
        self.on_saved(self, self.pupil_id)
        self.data_actions.transfer_pack()  # the next school needs the SEN file within 15 school days

    def put_back(self) -> None:
        ok, _, _ = attempt(
            lambda: pupils.reinstate_pupil(self.actor, self.pupil_id, self.version),
            say=lambda text, style: self.set_banner(text, style),
        )
        if not ok:
            return
        self.load()
        self.set_banner("Back on roll: shown on the register again.", "success")
        self.on_saved(self, self.pupil_id)

    def close(self) -> bool:
        """Close, asking first when there are unsaved changes. True when closed."""
        if self.dirty and not dialogs.confirm(
            self,
            "You have changes to this record that are not saved. Close it and lose them?",
            yes="Close without saving",
            no="Keep editing",
        ):
            return False
        self.on_closed(self)
        self.destroy()
        return True
