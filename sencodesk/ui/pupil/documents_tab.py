"""The record's Documents tab: reports, the EHC plan, letters and a parent's "about me" kept on
the pupil's record; add one, open it in the computer's viewer, save a copy, change its details,
replace its file, remove it. What each role may do is the services' to say; the tab offers
only those buttons (the SENCO adds and removes; whoever may see a document opens it)."""

from __future__ import annotations

import tkinter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ttkbootstrap as ttk

from ...domain.attachments import KINDS, MAX_FILE_BYTES, MAX_PUPIL_BYTES, size_words, title_from_name
from ...domain.dates import uk
from ...domain.errors import UserError
from ...domain.field_access import AUDIENCE_LABELS, DEFAULT_AUDIENCE
from ...services import attachments
from ...services.attachments import Attachment
from .. import dialogs, file_choice
from ..exporting import open_file
from ..kit import FormDialog
from ..widgets import Field, hide, text_width

FILE_TYPES = [
    ("Documents and pictures", "*.pdf *.docx *.jpg *.jpeg *.png"),
    ("PDF", "*.pdf"),
    ("Word document", "*.docx"),
    ("Pictures", "*.jpg *.jpeg *.png"),
]
# the list's short words for who may see a document (the dialog says it in full)
WHO = {"senco_head": "SENCO and head", "teachers": "Teachers too"}
KIND_BY_LABEL = {label: key for key, label in KINDS.items()}
AUDIENCE_BY_LABEL = {label: key for key, label in AUDIENCE_LABELS.items()}


class DocumentDialog(FormDialog):
    """What the record says about a document: a new one (its file already checked) or one kept."""

    def __init__(
        self,
        parent,
        *,
        title: str,
        about_file: str,
        values: dict[str, str],
        submit: Callable[[dict[str, str]], object],
        on_done: Callable[..., None],
    ):
        super().__init__(parent, title, on_done=on_done)
        self._submit = submit
        ttk.Label(self.body, text=about_file, wraplength=520, justify="left", bootstyle="secondary").grid(
            row=0, column=0, columnspan=2, sticky="w", pady=(0, 6)
        )
        layout = (
            ("title", 'What it is, in a few words (e.g. "EP report")', "entry", (), 1, 0, 2),
            ("kind", "Kind of document", "combo", tuple(KINDS.values()), 2, 0, 1),
            ("document_date", "Date of the document (DD/MM/YYYY)", "entry", (), 2, 1, 1),
            ("author", "Who wrote it (name and role)", "entry", (), 3, 0, 2),
            ("visibility", "Who may see it", "combo", tuple(AUDIENCE_LABELS.values()), 4, 0, 2),
        )
        for key, label, kind, choices, row, column, span in layout:
            field = Field(self.body, label, kind=kind, values=choices, width=30 if span == 1 else 64)
            field.grid(row=row, column=column, columnspan=span, sticky="nwe", padx=(0, 8), pady=(4, 0))
            self.fields[key] = field
        self.fields["kind"].set(KINDS.get(values.get("kind", ""), ""))
        self.fields["visibility"].set(AUDIENCE_LABELS.get(values.get("visibility", DEFAULT_AUDIENCE), ""))
        for key in ("title", "author", "document_date"):
            self.fields[key].set(values.get(key, ""))
        ttk.Label(
            self.body,
            text="The pupil's teachers see only the documents shared with them, for their own pupils. "
            "The office sees none.",
            wraplength=520,
            justify="left",
            bootstyle="secondary",
        ).grid(row=5, column=0, columnspan=2, sticky="w", pady=(6, 0))

    def form(self) -> dict[str, str]:
        typed = {key: field.get() for key, field in self.fields.items()}
        typed["kind"] = KIND_BY_LABEL.get(typed["kind"], "")
        typed["visibility"] = AUDIENCE_BY_LABEL.get(typed["visibility"], "")
        return typed

    def submit(self) -> object:
        return self._submit(self.form())


class DocumentsTab(ttk.Frame):
    COLUMNS = (
        ("dated", "Dated", "00/00/0000", False),
        ("title", "Document", "Speech therapy report", True),
        ("kind", "Kind", 'Parent\'s "about me"', False),
        ("author", "Written by", "Dr A Jones, EP", True),
        ("file", "File", "PDF, 12 pages, 12.3 MB", False),
        ("who", "Who may see it", "SENCO and head", False),
    )

    def __init__(self, master: tkinter.Misc, record: Any):  # record: the PupilRecord holding the tab
        super().__init__(master, padding=12)
        self.record = record
        self.items: list[Attachment] = []
        ttk.Label(
            self,
            wraplength=860,
            justify="left",
            text="Reports, the EHC plan, letters and a parent's \"about me\", kept in the school's data file "
            "(encrypted and backed up with everything else). A PDF, a Word document (.docx), or a JPEG or "
            f"PNG picture, up to {size_words(MAX_FILE_BYTES)} each and {size_words(MAX_PUPIL_BYTES)} for "
            "one pupil. Choose them when you export an EHC needs assessment request or a referral.",
        ).pack(anchor="w")
        holder = ttk.Frame(self)
        holder.pack(fill="both", expand=True, pady=(8, 0))
        self.tree = ttk.Treeview(
            holder, columns=[c[0] for c in self.COLUMNS], show="headings", height=8, selectmode="browse"
        )
        for key, heading, sample, stretch in self.COLUMNS:
            self.tree.heading(key, text=heading, anchor="w")
            self.tree.column(key, width=text_width(self.tree, sample, heading), anchor="w", stretch=stretch)
        self.tree.pack(side="left", fill="both", expand=True)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selected())
        self.tree.bind("<Double-1>", lambda e: self.open_selected())
        self.tree.bind("<Return>", lambda e: self.open_selected())
        self.empty = ttk.Label(self, text="", bootstyle="secondary")
        self.empty.pack(anchor="w", pady=(4, 0))
        buttons = ttk.Frame(self)
        buttons.pack(fill="x", pady=(8, 0))
        user = record.actor.user
        self.add_button = ttk.Button(buttons, text="Add a document…", bootstyle="primary", command=self.add)
        self.open_button = ttk.Button(buttons, text="Open", bootstyle="secondary", command=self.open_selected)
        self.save_button = ttk.Button(
            buttons, text="Save a copy…", bootstyle="secondary-outline", command=self.save_copy
        )
        self.edit_button = ttk.Button(
            buttons, text="Change details…", bootstyle="secondary-outline", command=self.edit
        )
        self.replace_button = ttk.Button(
            buttons, text="Replace the file…", bootstyle="secondary-outline", command=self.replace
        )
        self.remove_button = ttk.Button(
            buttons, text="Remove…", bootstyle="danger-outline", command=self.remove
        )
        for button in (
            self.add_button,
            self.open_button,
            self.save_button,
            self.edit_button,
            self.replace_button,
            self.remove_button,
        ):
            button.pack(side="left", padx=(0, 8))
        if not user.can("pupil.edit_sen"):  # the SENCO keeps the documents; others read them
            for button in (self.add_button, self.edit_button, self.replace_button, self.remove_button):
                hide(button)
        self.message = ttk.Label(self, text="", wraplength=860, justify="left")
        self.message.pack(anchor="w", pady=(6, 0))
        self._selected()

    # ---- loading ------------------------------------------------------------------------
    def load(self) -> None:
        self.tree.delete(*self.tree.get_children())
        self.items = []
        pupil_id = self.record.pupil_id
        if pupil_id is None:
            self.empty.configure(text="Save the new pupil first, then add documents.")
            self.add_button.configure(state="disabled")
            self._selected()
            return
        self.add_button.configure(state="normal")
        try:
            self.items = attachments.list_attachments(self.record.actor, pupil_id)
        except UserError as e:
            self.empty.configure(text=e.message)
            self.add_button.configure(state="disabled")
            self._selected()
            return
        for a in self.items:
            self.tree.insert(
                "",
                "end",
                iid=str(a.id),
                values=(
                    uk(a.document_date),
                    a.title,
                    a.kind_label,
                    a.author,
                    ", ".join(x for x in (a.file_label, a.pages_label if a.pages else "", a.size_label) if x),
                    WHO.get(a.visibility, a.visibility_label),
                ),
            )
        self.empty.configure(text="" if self.items else "No documents on this pupil's record yet.")
        self._selected()

    @property
    def selected(self) -> Attachment | None:
        chosen = self.tree.selection()
        return next((a for a in self.items if str(a.id) == chosen[0]), None) if chosen else None

    def _selected(self) -> None:
        state = "normal" if self.selected is not None else "disabled"
        for button in (
            self.open_button,
            self.save_button,
            self.edit_button,
            self.replace_button,
            self.remove_button,
        ):
            button.configure(state=state)

    def say(self, text: str, style: str = "danger") -> None:
        self.message.configure(text=text, bootstyle=style)

    def _done(self, text: str, select: int | None = None) -> None:
        self.load()
        if select is not None and self.tree.exists(str(select)):
            self.tree.selection_set(str(select))
        self.say(text, "success")

    # ---- actions ------------------------------------------------------------------------
    def _choose_file(self, title: str) -> Path | None:
        chosen = file_choice.open_file(self, title, FILE_TYPES)
        return Path(chosen) if chosen else None

    def add(self) -> FormDialog | None:
        """Choose the file first: one that cannot be attached is refused before anything is typed."""
        self.say("")
        path = self._choose_file("Choose the document to attach")
        if path is None:
            return None
        actor, pupil_id = self.record.actor, self.record.pupil_id
        try:
            what = attachments.check_file(actor, pupil_id, path)
        except UserError as e:
            self.say(e.message)
            return None
        values = {"title": title_from_name(path.name), "kind": "report", "visibility": DEFAULT_AUDIENCE}
        dialog = DocumentDialog(
            self,
            title="Add a document",
            about_file=f"{path.name}: {what}.",
            values=values,
            submit=lambda form: attachments.add_attachment(actor, pupil_id, path, form),
            on_done=lambda new_id: self._done(f"Attached {path.name}.", new_id),
        )
        return dialog.show(self, focus=dialog.fields["title"].input)

    def edit(self) -> FormDialog | None:
        a = self.selected
        if a is None:
            return None
        values = {
            "title": a.title,
            "kind": a.kind,
            "author": a.author,
            "document_date": uk(a.document_date),
            "visibility": a.visibility,
        }
        dialog = DocumentDialog(
            self,
            title="Change the document's details",
            about_file=f"{a.original_name}: {a.file_label}, {a.size_label}, added {uk(a.added_on)}.",
            values=values,
            submit=lambda form: attachments.update_attachment(self.record.actor, a.id, a.version, form),
            on_done=lambda _: self._done("Saved the document's details.", a.id),
        )
        return dialog.show(self, focus=dialog.fields["title"].input)

    def open_selected(self) -> Path | None:
        """A copy for the computer's own viewer (removed when SENCO desk closes)."""
        a = self.selected
        if a is None:
            return None
        try:
            copy = attachments.open_copy(self.record.actor, a.id)
        except UserError as e:
            self.say(e.message)
            return None
        if not open_file(copy):
            self.say(f"SENCO desk could not open {a.title} on this computer: use Save a copy… instead.")
        return copy

    def save_copy(self) -> Path | None:
        a = self.selected
        if a is None:
            return None
        ending = Path(a.export_name()).suffix
        chosen = file_choice.save_file(
            self, "Save a copy of the document", a.export_name(), [(a.file_label, f"*{ending}")], ending
        )
        if not chosen:
            return None
        try:
            saved = attachments.save_copy(self.record.actor, a.id, chosen)
        except UserError as e:
            self.say(e.message)
            return None
        self.say(f"Saved a copy: {saved}", "success")
        return saved

    def replace(self) -> None:
        a = self.selected
        if a is None:
            return
        path = self._choose_file(f"Choose the file to put in place of {a.original_name}")
        if path is None:
            return
        if not dialogs.confirm(
            self,
            f"Put {path.name} in place of {a.original_name} ({a.title})? The old file is deleted; "
            "the audit trail keeps its name and size.",
            yes="Replace it",
            no="Keep the old file",
        ):
            return
        try:
            attachments.replace_file(self.record.actor, a.id, a.version, path)
        except UserError as e:
            self.say(e.message)
            return
        self._done(f"Replaced the file of {a.title} with {path.name}.", a.id)

    def remove(self) -> None:
        a = self.selected
        if a is None:
            return
        name = self.record.pupil.display_name if self.record.pupil else "this pupil"
        if not dialogs.confirm(
            self,
            f"Remove {a.title} ({a.original_name}, dated {uk(a.document_date)}) from {name}'s record?\n\n"
            "The file is deleted for good; the audit trail keeps its name, date and who removed it. "
            "Backups taken before today still hold it until they are replaced in turn.",
            yes="Remove it",
            no="Keep it",
        ):
            return
        try:
            attachments.remove_attachment(self.record.actor, a.id, a.version)
        except UserError as e:
            self.say(e.message)
            return
        self._done(f"Removed {a.title} from the record.")
