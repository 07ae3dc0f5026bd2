"""The pupil record's tabs, in order, as data (as `SCREENS` are for the navigation): each tab's
title, the letter Alt+ takes you to it by, who may read and write it, how it is built and
loaded, and what it adds to the pupil form that the record's Save sends. Add a tab by adding
one entry here; the record (record.py, tab_host.py) never names a tab.

Each tab's module is imported when the tab is first built, not when a record opens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...domain import field_access
from ...domain.dates import uk
from ...domain.users import User
from ...services import audit
from ..kit import Column, Table, TextField, read_only

if TYPE_CHECKING:
    from .record import PupilRecord

Made = tuple[Any, Any]  # (the tab, its page in the notebook)


@dataclass(frozen=True)
class RecordTab:
    key: str
    label: str
    underline: int  # the letter of the title that Alt takes you to it by
    make: Callable[[PupilRecord], Made]
    load: Callable[[PupilRecord, Any], None]
    # Who sees it: a role that may not read `reads` (a domain.field_access field) or lacks
    # `permission` is not shown the tab at all. One that may not write `writes` reads it only.
    reads: str | None = None
    permission: str | None = None
    writes: str | None = None
    lock: Callable[[PupilRecord, Any], None] | None = None  # how it is made read-only (else: its page)
    # Part of the pupil form Save sends: what it adds, and the form's error keys it shows.
    collect: Callable[[Any], dict[str, Any]] | None = None
    fields: Callable[[Any], dict[str, Any]] | None = None
    owns: Callable[[str], bool] = lambda key: False
    clear: Callable[[Any], None] | None = None
    shown: Callable[[PupilRecord, Any], None] | None = None  # each time it is shown again
    follows_support: bool = False  # only for a pupil on the graduated approach (not the office)
    keeps_typing: bool = False  # saves with its own buttons: `tab.dirty` is its unsaved typing

    def may_read(self, user: User) -> bool:
        if self.permission is not None and not user.can(self.permission):
            return False
        return self.reads is None or field_access.may_read(user.role, self.reads)

    def may_write(self, user: User) -> bool:
        return self.writes is not None and field_access.may_write(user.role, self.writes)


def _scrolled(module: str, name: str) -> Callable[[PupilRecord], Made]:
    """A tab that scrolls, so large text (up to 200%) never hides a field on a small screen."""

    def make(record: PupilRecord) -> Made:
        import importlib

        tab_class = getattr(importlib.import_module(module, __package__), name)
        return record.scrolled(tab_class)

    return make


def _own_page(module: str, name: str) -> Callable[[PupilRecord], Made]:
    """A tab that is its own page (it scrolls its own parts): built with the record."""

    def make(record: PupilRecord) -> Made:
        import importlib

        tab = getattr(importlib.import_module(module, __package__), name)(record.tabs, record)
        return tab, tab

    return make


def _field_errors(tab: Any) -> dict[str, Any]:
    return dict(tab.fields)


def _clear_fields(tab: Any) -> None:
    for field in tab.fields.values():
        field.clear()


def _sen_keys(key: str) -> bool:
    from .sen import SenTab

    return key in SenTab.FIELDS


def _details_keys(key: str) -> bool:
    from .details import DetailsTab

    return key in {k for k, *_ in DetailsTab.LAYOUT}


class _ContactLine:
    """A contact's line as the form sees it: its message, and where the keyboard goes."""

    def __init__(self, tab: Any, index: int):
        self.tab, self.index = tab, index
        self.input = tab.rows[index].widgets[0] if index < len(tab.rows) else tab

    def show_error(self, text: str) -> None:
        self.tab.show_error(self.index, text)

    def clear(self) -> None:
        pass  # the tab clears every line at once


def _contact_lines(tab: Any) -> dict[str, Any]:
    return {f"contacts.{i}": _ContactLine(tab, i) for i in range(len(tab.rows))}


# ---- the Notes and History tabs live here: each is one widget ---------------------------------
def _make_notes(record: PupilRecord) -> Made:
    import ttkbootstrap as ttk

    page = ttk.Frame(record.tabs, padding=12)
    field = TextField(page, "Notes (free text: anything the SENCO wants to keep)", lines=12)
    field.input.grid_configure(sticky="nsew", pady=(4, 0))
    field.rowconfigure(1, weight=1)
    field.pack(fill="both", expand=True)
    return field.input, page


def _load_notes(record: PupilRecord, notes: Any) -> None:
    notes.delete("1.0", "end")
    notes.insert("1.0", record.values.get("notes") or "")


HISTORY = (
    Column("when", "When", sample="00/00/0000 00:00"),
    Column("who", "Who", sample="Mrs A Montgomery"),
    Column("what", "What changed", sample="changed the SEN status from K to E", stretch=True),
)


def _make_history(record: PupilRecord) -> Made:
    import ttkbootstrap as ttk

    page = ttk.Frame(record.tabs, padding=12)
    record._history_note = ttk.Label(page, text="", wraplength=820, justify="left")
    record._history_note.pack(anchor="w")
    table = Table(page, HISTORY, height=14, selectmode="none")
    table.pack(fill="both", expand=True, pady=(4, 0))
    return table.tree, page


def _load_history(record: PupilRecord, history: Any) -> None:
    table, note, actor = history.master, record._history_note, record.actor
    table.show([])
    if record.pupil_id is None:
        note.configure(text="The history starts when you save this pupil.")
        return
    hidden = not actor.may_read("pupils.notes") or not actor.may_read("referrals.reason")
    note.configure(
        text="Every change to this record you may see, oldest first (changes to the SENCO's notes "
        "and referrals are kept by the SENCO)."
        if hidden
        else "Every change to this record, oldest first."
    )
    entries = audit.pupil_history(actor, record.pupil_id)
    table.show(
        (str(n), (f"{uk(e['at'])} {e['at'][11:16]}", e["who"], e["summary"])) for n, e in enumerate(entries)
    )


def _make_details(record: PupilRecord) -> Made:
    tab, page = _scrolled(".details", "DetailsTab")(record)
    # field by field: the identity an LA asks (NHS number, GP, ethnicity...) is not all roll data
    tab.apply_role(record.user.role)
    return tab, page


def _make_sen(record: PupilRecord) -> Made:
    from ...services.support_layers import support_layers

    tab, page = _scrolled(".sen", "SenTab")(record)
    tab.set_layers(support_layers(record.actor))  # the school's own list of layers of support
    return tab, page


def _show_support(record: PupilRecord, support: Any) -> None:
    if support.stale and support.data is not None:
        support.build()


TABS: tuple[RecordTab, ...] = (
    RecordTab(
        "details",
        "Details",
        0,
        make=_make_details,
        load=lambda record, tab: tab.load(record.values),
        reads="pupils.legal_surname",
        writes="pupils.legal_surname",
        collect=lambda tab: tab.collect(),
        fields=_field_errors,
        owns=_details_keys,
        clear=_clear_fields,
    ),
    RecordTab(
        "sen",
        "SEN",
        0,
        make=_make_sen,
        load=lambda record, tab: tab.load(record.values, record.pupil),
        reads="pupils.sen_status",
        writes="pupils.sen_status",
        collect=lambda tab: tab.collect(),
        fields=_field_errors,
        owns=_sen_keys,
        clear=_clear_fields,
    ),
    RecordTab(
        "support",
        "Support",
        1,
        make=_own_page(".support", "SupportTab"),
        load=lambda record, tab: tab.load(record.pupil) if record.support_applies else None,
        shown=_show_support,
        permission="cycle.read",
        follows_support=True,
        keeps_typing=True,
    ),
    RecordTab(
        "provision_map",
        "Provision map",
        0,
        make=_own_page(".provision_map", "ProvisionMapTab"),
        load=lambda record, tab: tab.load(record.pupil_id if record.support_applies else None),
        shown=lambda record, tab: tab.show(),
        permission="cycle.read",
        follows_support=True,
    ),
    RecordTab(
        "observations",
        "Observations",
        0,
        make=_own_page(".observations_tab", "ObservationsTab"),
        load=lambda record, tab: tab.load(record.pupil),
        permission="observations.read",  # staff's answers: the SENCO's and head's
    ),
    RecordTab(
        "contacts",
        "Contacts",
        0,
        make=_scrolled(".contacts", "ContactsTab"),
        load=lambda record, tab: tab.load(record.values.get("contacts") or []),
        reads="contacts.name",
        writes="contacts.name",
        lock=lambda record, tab: tab.make_read_only(),
        collect=lambda tab: {"contacts": tab.collect()},
        fields=_contact_lines,
        owns=lambda key: key.startswith("contacts."),
        clear=lambda tab: tab.clear_errors(),
    ),
    RecordTab(
        "meetings",
        "Meetings",
        0,
        make=_own_page(".meetings_tab", "MeetingsTab"),
        load=lambda record, tab: tab.load(),
        reads="parent_meetings.agreed",  # meetings with parents: SEN detail, not the office's
        writes="parent_meetings.agreed",
    ),
    RecordTab(
        "ehc",
        "EHC",
        0,
        make=_scrolled("..statutory.ehc_tab", "EhcTab"),
        load=lambda record, tab: tab.show_pupil(record),
        reads="ehc_plans.section_a",
        writes="ehc_plans.section_a",
        lock=lambda record, tab: None,  # the EHC tab offers its buttons by role itself
    ),
    RecordTab(
        "referrals",
        "Referrals",
        0,
        make=_scrolled(".referrals_tab", "ReferralsTab"),
        load=lambda record, tab: None,  # it loads itself each time it is shown (see ReferralsTab)
        reads="involvements.service",  # the tab a teacher sees holds who is involved only
        writes="involvements.service",
        lock=lambda record, tab: tab.apply_role(record.user),
        keeps_typing=True,
    ),
    RecordTab(
        "profile",
        "Profile",
        0,
        make=_scrolled(".profile_tab", "ProfileTab"),
        load=lambda record, tab: None,  # it loads itself each time it is shown
        reads="pupil_passports.important_to_me",
        writes="pupil_passports.important_to_me",
        keeps_typing=True,
    ),
    RecordTab(
        "documents",
        "Documents",
        1,
        make=_own_page(".documents_tab", "DocumentsTab"),
        load=lambda record, tab: tab.load(),
        reads="attachments.title",  # the office sees no document (no SEN detail)
        writes="attachments.title",
        lock=lambda record, tab: None,  # it offers its buttons by role itself
    ),
    RecordTab(
        "notes",
        "Notes",
        0,
        make=_make_notes,
        load=_load_notes,
        reads="pupils.notes",
        writes="pupils.notes",
        collect=lambda notes: {"notes": notes.get("1.0", "end-1c")},
    ),
    RecordTab(
        "history",
        "History",
        0,
        make=_make_history,
        load=_load_history,
        permission="pupil.read_sen",  # the trail names needs and statuses (services.audit.pupil_history)
    ),
)
BY_KEY = {tab.key: tab for tab in TABS}
# What a new pupil's unbuilt form tabs hold (nothing typed), so Save sends the same form whether
# or not they were looked at.
BLANK_FORM: dict[str, Any] = {
    "sen_status": "N",
    "sen_start_date": "",
    "primary_need": "",
    "secondary_need": "",
    "support_layer": "",
    "notes": "",
    "contacts": [],
}


def saved_by_record(user: User) -> bool:
    """Does the record's Save send anything this person may change?"""
    return any(tab.collect is not None and tab.may_write(user) for tab in TABS)


def make_read_only(record: PupilRecord, spec: RecordTab, tab: Any) -> None:
    if spec.lock is not None:
        spec.lock(record, tab)
    else:
        read_only(record.pages[tab])
