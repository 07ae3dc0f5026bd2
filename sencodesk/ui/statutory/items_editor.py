"""One more kind of field for the statutory records' dialogs (the kit's FormDialog): an editable
list of lines, for an EHC plan's Sections B, E and F."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from .. import kit
from ..kit.fields import ERROR_STYLE

__all__ = ["ItemsEditor", "add_items"]


class ItemsEditor(ttk.Frame):
    """An editable list (Section B needs, E outcomes, F provision): text, area, detail per line.
    Each line keeps its id, so links to it (a cycle's outcome) survive an edit."""

    def __init__(self, master: tkinter.Misc, label: str, *, detail_label: str, areas: tuple[str, ...]):
        super().__init__(master)
        self.areas = areas
        self.detail_label = detail_label
        self.label_text = label
        ttk.Label(self, text=label, font="TkHeadingFont").pack(anchor="w", pady=(6, 2))
        self.table = ttk.Frame(self)
        self.table.pack(fill="x")
        for col, (text, weight) in enumerate((("Text", 3), ("Area", 0), (detail_label, 1), ("", 0))):
            ttk.Label(self.table, text=text, bootstyle="secondary").grid(row=0, column=col, sticky="w")
            self.table.columnconfigure(col, weight=weight)
        self.rows: list[dict] = []
        self.add_button = ttk.Button(
            self, text="Add a line", bootstyle="secondary-outline", command=lambda: self.add_row()
        )
        self.add_button.pack(anchor="w", pady=(2, 0))
        self.message = ttk.Label(self, text="", bootstyle=ERROR_STYLE, wraplength=640, justify="left")

    @property
    def input(self) -> tkinter.Misc:
        """Where the keyboard goes when this list has something to correct: its first line."""
        return self.rows[0]["widgets"][0] if self.rows else self.add_button

    def add_row(self, item: dict | None = None) -> dict:
        item = item or {}
        row = {
            "id": item.get("id"),
            "text": tkinter.StringVar(self, item.get("text") or ""),
            "area": tkinter.StringVar(self, item.get("area") or ""),
            "detail": tkinter.StringVar(self, item.get("detail") or ""),
        }
        r = len(self.rows) + 1
        row["widgets"] = [
            ttk.Entry(self.table, textvariable=row["text"], width=56),
            ttk.Combobox(
                self.table, textvariable=row["area"], values=("", *self.areas), width=6, state="readonly"
            ),
            ttk.Entry(self.table, textvariable=row["detail"], width=26),
            ttk.Button(self.table, text="Remove", bootstyle="link", command=lambda: self.remove(row)),
        ]
        for col, widget in enumerate(row["widgets"]):
            widget.grid(row=r, column=col, sticky="we", padx=(0, 4), pady=1)
        self.rows.append(row)
        return row

    def remove(self, row: dict) -> None:
        for widget in row["widgets"]:
            widget.destroy()
        self.rows.remove(row)

    def get(self) -> list[dict]:
        return [
            {"id": r["id"], "text": r["text"].get(), "area": r["area"].get(), "detail": r["detail"].get()}
            for r in self.rows
        ]

    def set(self, items: list[dict] | None) -> None:
        for row in list(self.rows):
            self.remove(row)
        for item in items or []:
            self.add_row(item)
        if not self.rows:
            self.add_row()

    def show_error(self, text: str) -> None:
        shown = str(self.message.cget("text"))
        self.message.configure(text=f"{shown}\n{text}" if shown else text)
        self.message.pack(anchor="w")

    def clear(self) -> None:
        self.message.configure(text="")
        self.message.pack_forget()


def add_items(
    dialog: kit.FormDialog, key: str, label: str, *, detail_label: str, areas: tuple[str, ...]
) -> ItemsEditor:
    """A plan's list of lines (Section B, E or F) in a kit dialog, collected and checked with it."""
    editor = ItemsEditor(dialog.body, label, detail_label=detail_label, areas=areas)
    dialog.sheet.add(key, editor, wide=True)
    return editor
