"""Contacts tab: parents and carers, one editable row each."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from ...domain.codes import RELATIONSHIPS
from ..widgets import hide, read_only

# Two lines and narrower boxes: in one line the row ran past the record window and hid Remove.
HEADINGS = ("Name", "Relationship", "Phone", "Email", "Parental\nresponsibility", "")
# A second line under each contact: their own first language and an interpreter for meetings
# (invitations and packs say so).
LANGUAGE = "First language"
INTERPRETER = "Interpreter needed at meetings"


class ContactRow:
    def __init__(self, tab: ContactsTab, contact: dict):
        self.id, self.tab = contact.get("id"), tab
        frame = tab.rows_frame
        self.vars = {
            k: tkinter.StringVar(master=frame, value=str(contact.get(k) or ""))
            for k in ("name", "relationship", "phone", "email", "first_language")
        }
        self.pr_var = tkinter.BooleanVar(
            master=frame, value=bool(contact.get("parental_responsibility", True))
        )
        self.interpreter_var = tkinter.BooleanVar(master=frame, value=bool(contact.get("interpreter_needed")))
        self.language_row = ttk.Frame(frame)
        ttk.Label(self.language_row, text=f"{LANGUAGE}:").pack(side="left")
        self.language = ttk.Entry(self.language_row, textvariable=self.vars["first_language"], width=16)
        self.language.pack(side="left", padx=(4, 12))
        self.interpreter = ttk.Checkbutton(self.language_row, text=INTERPRETER, variable=self.interpreter_var)
        self.interpreter.pack(side="left")
        self.widgets = [
            ttk.Entry(frame, textvariable=self.vars["name"], width=20),
            ttk.Combobox(frame, textvariable=self.vars["relationship"], values=list(RELATIONSHIPS), width=14),
            ttk.Entry(frame, textvariable=self.vars["phone"], width=13),
            ttk.Entry(frame, textvariable=self.vars["email"], width=22),
            ttk.Checkbutton(frame, text="Yes", variable=self.pr_var),
            ttk.Button(frame, text="Remove", bootstyle="secondary-link", command=lambda: tab.remove(self)),
        ]
        self.message = ttk.Label(frame, text="", bootstyle="danger")

    def grid(self, index: int) -> None:
        for column, widget in enumerate(self.widgets):
            widget.grid(row=index * 3 + 1, column=column, sticky="we", padx=(0, 6), pady=(4, 0))
        self.language_row.grid(row=index * 3 + 2, column=0, columnspan=6, sticky="w", pady=(2, 0))
        if self.tab.read_only:
            for widget in (*self.widgets, self.language, self.interpreter):
                read_only(widget)  # its boxes take no typing; its Remove goes
        self.message.grid(row=index * 3 + 3, column=0, columnspan=6, sticky="w")

    def destroy(self) -> None:
        for widget in (*self.widgets, self.language_row, self.message):
            widget.destroy()

    def value(self) -> dict:
        return {k: v.get() for k, v in self.vars.items()} | {
            "parental_responsibility": self.pr_var.get(),
            "interpreter_needed": self.interpreter_var.get(),
            "id": self.id,
        }


class ContactsTab(ttk.Frame):
    def __init__(self, master):
        super().__init__(master, padding=12)
        self.rows: list[ContactRow] = []
        self.rows_frame = ttk.Frame(self)
        self.rows_frame.pack(fill="x")
        for column, heading in enumerate(HEADINGS):
            ttk.Label(self.rows_frame, text=heading, justify="left").grid(row=0, column=column, sticky="sw")
        self.add_button = ttk.Button(
            self,
            text="Add a contact",
            bootstyle="secondary-outline",
            command=lambda: self.add({}, focus=True),
        )
        self.add_button.pack(anchor="w", pady=(10, 0))
        self.read_only = False

    def make_read_only(self) -> None:
        """For a role that may read the contacts but not change them (a teacher, the head)."""
        self.read_only = True
        hide(self.add_button)
        read_only(self.rows_frame)

    def add(self, contact: dict, *, focus: bool = False) -> ContactRow:
        row = ContactRow(self, contact)
        self.rows.append(row)
        row.grid(len(self.rows) - 1)
        if focus:  # only when the person asked for a new row, not while loading the record
            row.widgets[0].focus_set()
        return row

    def remove(self, row: ContactRow) -> None:
        self.rows.remove(row)
        row.destroy()
        for index, other in enumerate(self.rows):
            other.grid(index)

    def load(self, contacts: list[dict]) -> None:
        for row in self.rows:
            row.destroy()
        self.rows = []
        for contact in contacts:
            self.add(contact)

    def collect(self) -> list[dict]:
        return [row.value() for row in self.rows]

    def clear_errors(self) -> None:
        for row in self.rows:
            row.message.configure(text="")

    def show_error(self, index: int, message: str) -> None:
        # The service numbers contacts by their place in the list it was given (this one).
        if 0 <= index < len(self.rows):
            self.rows[index].message.configure(text=message)
