"""A pupil's record: tabs for details, SEN, support, provision, contacts, EHC, referrals, the
one-page profile, notes and history, with Save. Only Details is built when the record opens; the
others are built the first time they are shown, so a record opens well under 100 ms.

Saves go through services.pupils; what the service says is wrong appears next to the field,
and nothing typed is lost when a save is refused (bad input or someone else's newer save).
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.errors import Conflict, UserError, ValidationError
from ...domain.plural import plural
from ...domain.pupil import Pupil
from ...domain.upn import check_upn
from ...services import audit, cycles, pupils
from ...services.actor import Actor
from .. import appearance, dialogs, roles
from ..concern_dialogs import RaiseConcernDialog
from ..data import record_actions
from . import export_menu, support_state
from .details import DetailsTab
from .leaver import LeaverDialog

# What a new pupil's unbuilt tabs hold (nothing typed): the keys the SEN, Contacts and Notes tabs
# would collect, so Save sends the same form whether or not they were looked at.
BLANK_FORM = {
    "sen_status": "N",
    "sen_start_date": "",
    "primary_need": "",
    "secondary_need": "",
    "support_layer": "",
    "notes": "",
    "contacts": [],
}
FORM_KEYS = (
    *(key for key, *_ in DetailsTab.LAYOUT),
    "sen_status",
    "sen_start_date",
    "primary_need",
    "secondary_need",
    "support_layer",
    "notes",
    "contacts",
)
# The tabs in order: (name, title, underlined letter for Alt+letter). Only Details is built when
# a record opens; each other tab is built and loaded the first time it is shown or asked for
# (building all ten up front was most of the 300 ms a record took to open at 2,000 pupils).
TABS = (
    ("details", "Details", 0),
    ("sen", "SEN", 0),
    ("support", "Support", 1),
    ("provision_map", "Provision map", 0),
    ("observations", "Observations", 0),
    ("contacts", "Contacts", 0),
    ("meetings", "Meetings", 0),
    ("ehc", "EHC", 0),
    ("referrals", "Referrals", 0),
    ("profile", "Profile", 0),
    ("documents", "Documents", 1),
    ("notes", "Notes", 0),
    ("history", "History", 0),
)
# Tabs whose fields are part of the pupil form that Save sends.
FORM_TABS = ("details", "sen", "contacts", "notes")


TAB_CODE_AFTER_MS = 300
# The tabs' code and the Export menu's read models (not the PDF writer: that loads with a pack).
# Smaller modules first: each loads on its own turn of the event loop.
LATER_MODULES = (
    ".sen",
    ".contacts",
    ".provision_map",
    ".profile_tab",
    "...services.la_profiles",
    "...reports.models",
    "...services.packs",
    "...services.ehc_plans",
    ".plan_form",
    ".referrals_tab",
    ".support",
    "...services.annual_review_pack",
    "..statutory.ehc_tab",
)
TAB_CODE_STEP_MS = 40
_last_opened = [0.0]  # time.monotonic() when a record last opened
_tab_code: dict = {"loading_on": None, "loaded": False}  # loading_on: the root it is under way on


def quiet() -> bool:
    """No record has opened for TAB_CODE_AFTER_MS: work done now keeps nobody waiting (records
    opened one after another, e.g. down the register with the keyboard, come first)."""
    return time.monotonic() - _last_opened[0] >= TAB_CODE_AFTER_MS / 1000


def _import_tab_code_later(root) -> None:
    """Load the tabs' code while nobody is waiting: ~100 ms in all, so not in one piece and
    not while records are being opened one after another (it would land in the next one's
    opening), but a module at a time once no record has opened for TAB_CODE_AFTER_MS."""
    if _tab_code["loaded"] or _tab_code["loading_on"] is root:
        return
    _tab_code["loading_on"] = root

    def step(remaining: tuple[str, ...]) -> None:
        if not remaining:
            _tab_code.update(loading_on=None, loaded=True)
            return
        if not quiet():
            root.after(TAB_CODE_AFTER_MS, step, remaining)
            return
        importlib.import_module(remaining[0], __package__)
        root.after(TAB_CODE_STEP_MS, step, remaining[1:])

    root.after(TAB_CODE_AFTER_MS, step, LATER_MODULES)


# Window events that ttkbootstrap's Toplevel handles (size tracking, alpha) only for the window
# itself. Bound on the window, they also see every child's events (a window's name is in each
# child's bindtags): some 300 Python callbacks, each parsing the whole event, as a record opens.
OWN_EVENTS = ("<Map>", "<Configure>", "<Visibility>")


def _own_events_only(window) -> None:
    """Pass children's map/size/visibility events by in Tcl, before any Python runs: the
    handlers bound on the window ignore them anyway (`continue` goes on to the next bindtag,
    so the child's own and class bindings still run)."""
    for sequence in OWN_EVENTS:
        script = window.bind(sequence)
        if script and not script.startswith('if {"%W" ne'):
            window.bind(sequence, f'if {{"%W" ne "{window}"}} continue\n{script}')


class LazyTab:
    """record.<name>: the tab, built (and loaded) now if it was not yet, so code and tests that
    reach into a tab always find it ready."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, record, owner=None):
        if record is None:
            return self
        return record.tab(self.name)


class PupilRecord(ttk.Toplevel):
    details, sen, support, provision_map, contacts = LazyTab(), LazyTab(), LazyTab(), LazyTab(), LazyTab()
    observations = LazyTab()
    ehc, referrals, profile, notes, history = LazyTab(), LazyTab(), LazyTab(), LazyTab(), LazyTab()
    documents = LazyTab()
    meetings = LazyTab()

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
        self.user = actor.user  # whose role shaped this window (roles.apply_to_record)
        self.pupil_id: int | None = None
        self._shown = False
        self.on_saved, self.on_closed = on_saved, on_closed
        self.pupil: Pupil | None = None
        self.version = 0
        self._form: dict = dict(BLANK_FORM)  # the pupil as last loaded: what unbuilt tabs hold
        self._saved: dict[str, dict] = {}  # each built form tab's values as loaded
        self._support_applies = False
        self._build()
        self.protocol("WM_DELETE_WINDOW", self.close)
        self.bind("<Escape>", lambda e: self.close())
        self.bind("<FocusIn>", self._keep_in_view, add="+")
        self.bind("<Control-s>", lambda e: (self.save(), "break")[1])
        self.load()
        _own_events_only(self)

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
        # The other tabs' code loads a moment after the record is on screen (not while it opens),
        # so the first click on Support or EHC does not wait for it either. On the root: this
        # record may be closed by then.
        _last_opened[0] = time.monotonic()
        _import_tab_code_later(self.master)
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
        if self.actor.user.can("concern.raise"):
            self.concern_button.pack(side="right")
        self.banner = ttk.Label(outer, text="", wraplength=880, justify="left")
        self.banner.pack(anchor="w", fill="x", pady=(4, 6))
        buttons = ttk.Frame(outer)
        buttons.pack(side="bottom", fill="x", pady=(10, 0))  # packed first: always on screen
        self.tabs = ttk.Notebook(outer)
        self.tabs.pack(fill="both", expand=True)
        # Form tabs scroll, so large text (up to 200%) never hides a field on a small screen.
        self.pages: dict = {}  # built tab -> its page in the notebook
        self._scrollers: list[ttk.ScrolledFrame] = []
        self._built: dict[str, object] = {}
        self._placeholders: dict[str, ttk.Frame] = {}
        for name, label, underline in TABS:  # empty pages keep every title, Alt+letter and order
            page = ttk.Frame(self.tabs)
            self.tabs.add(page, text=label, underline=underline)
            self._placeholders[name] = page
        self.tabs.bind("<<NotebookTabChanged>>", lambda e: self._tab_shown(), add="+")
        self.tabs.enable_traversal()  # Ctrl+Tab and Alt+letter move between tabs
        self.tab("details")

        self.save_button = ttk.Button(buttons, text="Save (Ctrl+S)", bootstyle="primary", command=self.save)
        self.save_button.pack(side="right")
        self.close_button = ttk.Button(buttons, text=dialogs.CLOSE, command=self.close)
        self.close_button.pack(side="right", padx=(0, 8))
        self.leave_button = ttk.Button(
            buttons, text="Mark as left…", bootstyle="danger-outline", command=self.mark_left
        )
        self.leave_button.pack(side="left")
        self.data_actions = record_actions.attach(self, buttons)
        self.export_button = export_menu.attach(self, buttons)

    def _scrolled(self, tab_class):
        holder = ttk.ScrolledFrame(self.tabs, auto_hide=True, padding=0)
        tab = tab_class(holder)
        tab.pack(fill="both", expand=True)
        self._scrollers.append(holder)
        return tab, holder.container

    # ---- tabs built when first wanted ---------------------------------------------------
    def page(self, name: str):
        """The tab's page in the notebook (built or not), without building it."""
        built = self._built.get(name)
        return self.pages[built] if built is not None else self._placeholders[name]

    def built(self, name: str):
        """The tab if it has been built, else None (an unbuilt tab has nothing typed in it)."""
        return self._built.get(name)

    def tab(self, name: str):
        """The tab, built and loaded now if it was not yet."""
        if name in self._built:
            return self._built[name]
        placeholder = self._placeholders.pop(name)
        options = self.tabs.tab(placeholder)
        index = self.tabs.index(placeholder)
        selected = self.tabs.select() == str(placeholder)
        tab, page = getattr(self, f"_make_{name}")()
        # The built page takes the placeholder's place with its title, letter and hidden state.
        self.tabs.insert(index, page, **{k: options[k] for k in ("text", "underline", "state")})
        if selected:
            self.tabs.select(page)
        self.tabs.forget(placeholder)
        placeholder.destroy()
        self._built[name], self.pages[tab] = tab, page
        roles.apply_to_tab(self, name, tab, self.user)
        self._load_tab(name)
        return tab

    # Each maker returns (tab, page). The tab modules load here, not when a record opens.
    def _make_details(self):
        return self._scrolled(DetailsTab)

    def _make_sen(self):
        from ...services.support_layers import support_layers
        from .sen import SenTab

        tab, page = self._scrolled(SenTab)
        tab.set_layers(support_layers(self.actor))
        return tab, page

    def _make_contacts(self):
        from .contacts import ContactsTab

        return self._scrolled(ContactsTab)

    def _make_meetings(self):
        from .meetings_tab import MeetingsTab

        tab = MeetingsTab(self.tabs, self)
        return tab, tab

    def _make_ehc(self):
        from ..statutory.ehc_tab import EhcTab

        return self._scrolled(EhcTab)

    def _make_referrals(self):
        from .referrals_tab import ReferralsTab

        return self._scrolled(ReferralsTab)

    def _make_profile(self):
        from .profile_tab import ProfileTab

        return self._scrolled(ProfileTab)

    def _make_documents(self):
        from .documents_tab import DocumentsTab

        tab = DocumentsTab(self.tabs, self)
        return tab, tab

    def _make_support(self):
        from .support import SupportTab

        tab = SupportTab(self.tabs, self)
        return tab, tab

    def _make_provision_map(self):
        from .provision_map import ProvisionMapTab

        tab = ProvisionMapTab(self.tabs, self)
        return tab, tab

    def _make_observations(self):
        from .observations_tab import ObservationsTab

        tab = ObservationsTab(self.tabs, self)
        return tab, tab

    def _make_notes(self):
        page = ttk.Frame(self.tabs, padding=12)
        ttk.Label(page, text="Notes (free text: anything the SENCO wants to keep)").pack(anchor="w")
        notes = ttk.Text(page, height=12, wrap="word", undo=True)
        notes.pack(fill="both", expand=True, pady=(4, 0))
        notes.bind("<Tab>", lambda e: (e.widget.tk_focusNext().focus_set(), "break")[1])
        return notes, page

    def _make_history(self):
        page = ttk.Frame(self.tabs, padding=12)
        self._history_note = ttk.Label(page, text="")
        self._history_note.pack(anchor="w")
        history = ttk.Treeview(page, columns=("when", "who", "what"), show="headings", selectmode="none")
        for key, heading, width, stretch in (
            ("when", "When", 140, False),
            ("who", "Who", 120, False),
            ("what", "What changed", 560, True),
        ):
            history.heading(key, text=heading, anchor="w")
            history.column(key, width=width, anchor="w", stretch=stretch)
        history.pack(fill="both", expand=True, pady=(4, 0))
        return history, page

    @property
    def history_note(self) -> ttk.Label:
        self.tab("history")
        return self._history_note

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
        """Read the pupil again and refill the tabs built so far (the others load when shown)."""
        if self.pupil_id is None:
            self._form, self.pupil = dict(BLANK_FORM), None
        else:
            self.pupil = pupils.get_pupil(self.actor, self.pupil_id)
            self.version = self.pupil.version
            form = pupils.pupil_form(self.pupil)
            self._form = {key: form.get(key) for key in FORM_KEYS}
        self._read_support_state()
        for name in list(self._built):
            self._load_tab(name)
        self._show_state()
        self.data_actions.update()

    def _load_tab(self, name: str) -> None:
        tab, form = self._built[name], self._form
        if name == "details":
            tab.load(form)
        elif name == "sen":
            tab.load(form, self.pupil)
        elif name == "contacts":
            tab.load(form.get("contacts") or [])
        elif name == "notes":
            tab.delete("1.0", "end")
            tab.insert("1.0", form.get("notes") or "")
        elif name == "history":
            self._load_history()
        elif name == "ehc":
            tab.show_pupil(self)
        elif name == "meetings":
            tab.load()
        elif name == "support":
            if self._support_applies:
                tab.load(self.pupil)
        elif name == "provision_map":
            tab.load(self.pupil_id if self._support_applies else None)
        elif name == "observations":
            tab.load(self.pupil)
        elif name == "documents":
            tab.load()
        if name in FORM_TABS:
            self._saved[name] = self._collect_tab(name)

    def _load_history(self) -> None:
        history, note = self._built["history"], self._history_note
        history.delete(*history.get_children())
        if self.pupil_id is None:
            note.configure(text="The history starts when you save this pupil.")
            return
        if not self.actor.user.can("pupil.read_sen"):
            note.configure(
                text="The history of this record is not shown to your role (it names needs and SEN status)."
            )
            return
        hidden = not self.actor.may_read("pupils.notes") or not self.actor.may_read("referrals.reason")
        note.configure(
            text="Every change to this record you may see, oldest first (changes to the SENCO's notes "
            "and referrals are kept by the SENCO)."
            if hidden
            else "Every change to this record, oldest first."
        )
        for entry in audit.pupil_history(self.actor, self.pupil_id):
            when = f"{uk(entry['at'])} {entry['at'][11:16]}"
            history.insert("", "end", values=(when, entry["who"], entry["summary"]))

    def _read_support_state(self) -> None:
        """Support and Provision map: only for pupils with cycles or on the register, and only for
        people who may read the graduated approach (not the office). Worked out from the cycles
        read model, so an unbuilt Support tab is still hidden or titled "Support (Overdue)"."""
        self._support_applies = False
        if self.actor.user.can("cycle.read") and self.pupil is not None:
            glance = cycles.support_glance(self.actor, self.pupil.id)
            self._support_applies = support_state.applies(self.pupil, glance)
        for name in ("support", "provision_map"):
            self.tabs.tab(self.page(name), state="normal" if self._support_applies else "hidden")
        if self._support_applies:
            self.tabs.tab(self.page("support"), text=support_state.title(glance))

    def _tab_shown(self) -> None:
        """A tab is built the first time it is shown; the graduated-approach tabs fill in then."""
        shown = self.tabs.select()
        if not shown:
            return
        name = next((n for n, page in self._placeholders.items() if str(page) == shown), None)
        if name is not None:
            self.tab(name)
            return
        support, provision_map = self.built("support"), self.built("provision_map")
        if support is not None and shown == str(support) and support.stale and support.data is not None:
            support.build()
        elif provision_map is not None and shown == str(provision_map):
            provision_map.show()

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
        # Only those who may archive a pupil get the button (roles.apply_to_record disables it
        # once; each load sets it again, so it follows the role here too).
        may_archive = "normal" if self.user.can("pupil.archive") else "disabled"
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
                text="Put back on roll",
                bootstyle="secondary-outline",
                command=self.put_back,
                state=may_archive,
            )
        else:
            self.set_banner("", "default")
            self.leave_button.configure(
                text="Mark as left…", bootstyle="danger-outline", command=self.mark_left, state=may_archive
            )

    def _collect_tab(self, name: str) -> dict:
        tab = self._built[name]
        if name == "contacts":
            return {"contacts": tab.collect()}
        if name == "notes":
            return {"notes": tab.get("1.0", "end-1c")}
        return tab.collect()

    def collect(self) -> dict:
        """The pupil form Save sends: what is typed in the built tabs, and for a tab never shown
        what was loaded (nothing can have been typed there)."""
        form = dict(self._form)
        for name in FORM_TABS:
            if name in self._built:
                form |= self._collect_tab(name)
        return form

    @property
    def dirty(self) -> bool:
        typed = any(
            self._collect_tab(name) != self._saved.get(name) for name in FORM_TABS if name in self._built
        )
        return typed or any(
            tab is not None and tab.dirty
            for tab in (self.built("support"), self.built("referrals"), self.built("profile"))
        )

    def set_banner(self, text: str, style: str = "danger") -> None:
        self.banner.configure(text=text, bootstyle=style)

    # ---- actions ------------------------------------------------------------------------
    def _fields(self) -> dict:
        sen = self.built("sen")
        return self.details.fields | (sen.fields if sen is not None else {})

    def clear_errors(self) -> None:
        for field in self._fields().values():
            field.clear()
        if self.built("contacts") is not None:
            self.contacts.clear_errors()
        self.set_banner("")

    def show_errors(self, errors: dict[str, str]) -> None:
        from .sen import SenTab

        if any(key in SenTab.FIELDS for key in errors):
            self.tab("sen")  # the SEN tab shows its own fields' messages, so it is built now
        if any(key.startswith("contacts.") for key in errors):
            self.tab("contacts")
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
        text = f"Nothing was saved: {plural(count, 'thing')} to correct, shown in red by the field."
        self.set_banner(" ".join([text, *other]))
        first = next(iter(errors))
        tab = "contacts" if first.startswith("contacts.") else "sen" if first in SenTab.FIELDS else "details"
        self.tabs.select(self.page(tab))
        if first in fields:
            fields[first].input.focus_set()

    def save(self) -> bool:
        """Save the form. True when saved; otherwise the reasons are shown and the form kept."""
        if not self.save_button.winfo_manager():
            return False  # not offered to this role (read-only tabs): Ctrl+S does nothing
        self.clear_errors()
        form = self.collect()
        try:
            if self.pupil_id is None:
                self.pupil_id, warnings = pupils.add_pupil(self.actor, form)
            else:
                warnings = pupils.update_pupil(self.actor, self.pupil_id, self.version, form)
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
        try:
            pupils.reinstate_pupil(self.actor, self.pupil_id, self.version)
        except UserError as e:
            self.set_banner(e.message)
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
