"""A form dialog for the statutory records (request, plan, review, consultation): labelled fields,
longer text boxes and editable lists, Save and Cancel, each problem shown by its field.

What a person typed stays in the form when a save is refused (bad input, or someone else's
newer save), and closing with unsaved changes asks first.
"""

from __future__ import annotations

import tkinter
from collections.abc import Callable

import ttkbootstrap as ttk

from ...domain.errors import Conflict, UserError, ValidationError
from ...domain.plural import plural
from .. import dialogs
from ..widgets import ERROR_STYLE, Field

DATE_HINT = "DD/MM/YYYY"


class TextField(ttk.Frame):
    """A label, a multi-line box, and its error line."""

    def __init__(self, master, label: str, height: int = 3):
        super().__init__(master)
        ttk.Label(self, text=label).pack(anchor="w")
        self.input = ttk.Text(self, height=height, width=60, wrap="word", undo=True)
        self.input.pack(fill="x")
        # Tab leaves the box (a form, not a word processor), so the keyboard can go on.
        self.input.bind("<Tab>", lambda e: (e.widget.tk_focusNext().focus_set(), "break")[1])
        self.message = ttk.Label(self, text="", bootstyle=ERROR_STYLE, wraplength=560, justify="left")

    def get(self) -> str:
        return self.input.get("1.0", "end-1c")

    def set(self, value) -> None:
        self.input.delete("1.0", "end")
        self.input.insert("1.0", value or "")

    def show_error(self, text: str) -> None:
        self.message.configure(text=text)
        self.message.pack(anchor="w")

    def clear(self) -> None:
        self.message.configure(text="")
        self.message.pack_forget()


class ChoiceField(Field):
    """A read-only list of choices shown in words, holding a code ("" = not chosen)."""

    def __init__(self, master, label: str, options: dict[str, str], *, blank: str = "", width: int = 32):
        self.options = options
        self.blank = blank
        super().__init__(master, label, kind="combo", values=(blank, *options.values()), width=width)

    def get(self) -> str:
        shown = self.var.get()
        return next((code for code, words in self.options.items() if words == shown), "")

    def set(self, value) -> None:
        self.var.set(self.options.get(value or "", self.blank))


class ItemsEditor(ttk.Frame):
    """An editable list (Section B needs, E outcomes, F provision): text, area, detail per line.
    Each line keeps its id, so links to it (a cycle's outcome) survive an edit."""

    def __init__(self, master, label: str, *, detail_label: str, areas: tuple[str, ...]):
        super().__init__(master)
        self.areas = areas
        self.detail_label = detail_label
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

    def set(self, items) -> None:
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


class FormDialog(ttk.Toplevel):
    """Fields added by the caller; `on_save(form)` raises ValidationError/Conflict to refuse."""

    def __init__(
        self,
        parent,
        title: str,
        *,
        on_save: Callable[[dict], None],
        intro: str = "",
        size: tuple[int, int] = (760, 600),
    ):
        super().__init__(title=title, master=parent.winfo_toplevel(), minsize=(560, 360))
        self.withdraw()
        self.parent, self.on_save, self.size = parent, on_save, size
        self.fields: dict[str, object] = {}
        self.saved = False
        outer = ttk.Frame(self, padding=12)
        outer.pack(fill="both", expand=True)
        if intro:
            ttk.Label(outer, text=intro, wraplength=size[0] - 40, justify="left").pack(anchor="w")
        self.banner = ttk.Label(outer, text="", bootstyle="danger", wraplength=size[0] - 40, justify="left")
        self.banner.pack(anchor="w", fill="x", pady=(4, 4))
        buttons = ttk.Frame(outer)
        buttons.pack(side="bottom", fill="x", pady=(8, 0))  # packed first: always on screen
        self.save_button = ttk.Button(buttons, text="Save (Ctrl+S)", bootstyle="primary", command=self.save)
        self.save_button.pack(side="right")
        ttk.Button(buttons, text=dialogs.CANCEL, command=self.close).pack(side="right", padx=(0, 8))
        scroller = ttk.ScrolledFrame(outer, auto_hide=True, padding=0)
        scroller.container.pack(fill="both", expand=True)
        self.body = ttk.Frame(scroller, padding=(0, 0, 12, 0))
        self.body.pack(fill="both", expand=True)
        self.body.columnconfigure(0, weight=1)
        self.body.columnconfigure(1, weight=1)
        self._row, self._col = 0, 0
        self._initial: dict = {}
        self.protocol("WM_DELETE_WINDOW", self.close)
        self.bind("<Escape>", lambda e: self.close())
        self.bind("<Control-s>", lambda e: (self.save(), "break")[1])

    # ---- building ---------------------------------------------------------------------------
    def _place(self, widget, wide: bool) -> None:
        if wide and self._col:
            self._row, self._col = self._row + 1, 0
        widget.grid(
            row=self._row,
            column=self._col,
            columnspan=2 if wide else 1,
            sticky="nwe",
            padx=(0, 16),
            pady=(0, 4),
        )
        if wide or self._col:
            self._row, self._col = self._row + 1, 0
        else:
            self._col = 1

    def heading(self, text: str, note: str = "") -> None:
        frame = ttk.Frame(self.body)
        ttk.Label(frame, text=text, font="TkHeadingFont").pack(anchor="w", pady=(8, 0))
        if note:
            ttk.Label(
                frame, text=note, bootstyle="secondary", wraplength=self.size[0] - 60, justify="left"
            ).pack(anchor="w")
        self._place(frame, wide=True)

    def field(self, key: str, label: str, *, date: bool = False, width: int = 28) -> Field:
        f = Field(self.body, label, hint=DATE_HINT if date else "", width=width)
        self.fields[key] = f
        self._place(f, wide=False)
        return f

    def choice(self, key: str, label: str, options: dict[str, str], blank: str = "") -> ChoiceField:
        f = ChoiceField(self.body, label, options, blank=blank)
        self.fields[key] = f
        self._place(f, wide=False)
        return f

    def text(self, key: str, label: str, height: int = 3) -> TextField:
        f = TextField(self.body, label, height)
        self.fields[key] = f
        self._place(f, wide=True)
        return f

    def items(self, key: str, label: str, *, detail_label: str, areas: tuple[str, ...]) -> ItemsEditor:
        f = ItemsEditor(self.body, label, detail_label=detail_label, areas=areas)
        self.fields[key] = f
        self._place(f, wide=True)
        return f

    def widget(self, key: str, widget) -> None:
        """Any widget with get/set/show_error/clear (e.g. the invitations table)."""
        self.fields[key] = widget
        self._place(widget, wide=True)

    # ---- values -------------------------------------------------------------------------------
    def load(self, form: dict) -> None:
        for key, f in self.fields.items():
            f.set(form.get(key))
        self._initial = self.collect()

    def collect(self) -> dict:
        return {key: f.get() for key, f in self.fields.items()}

    @property
    def dirty(self) -> bool:
        return self.collect() != self._initial

    def show_errors(self, errors: dict[str, str]) -> None:
        other = []
        for key, text in errors.items():
            base = key.split(".")[0]
            if base in self.fields:
                self.fields[base].show_error(text)
            else:
                other.append(text)
        n = len(errors)
        self.banner.configure(
            text=" ".join(
                [f"Nothing was saved: {plural(n, 'thing')} to correct, shown in red by the field.", *other]
            )
        )

    def clear_errors(self) -> None:
        for f in self.fields.values():
            f.clear()
        self.banner.configure(text="")

    # ---- actions ------------------------------------------------------------------------------
    def save(self) -> bool:
        self.clear_errors()
        try:
            self.on_save(self.collect())
        except ValidationError as e:
            self.show_errors(e.field_errors)
            return False
        except (Conflict, UserError) as e:
            self.banner.configure(text=e.message)
            return False
        self.saved = True
        self.destroy()
        return True

    def close(self) -> bool:
        if self.dirty and not dialogs.confirm(
            self,
            "You have changes in this form that are not saved. Close it and lose them?",
            yes="Close without saving",
            no="Keep editing",
        ):
            return False
        self.destroy()
        return True

    def show(self) -> FormDialog:
        width = min(self.size[0], self.winfo_screenwidth() - 20)
        height = min(self.size[1], self.winfo_screenheight() - 80)
        dialogs.place_over(self, self.parent, size=(width, height))
        self.deiconify()
        self.transient(self.parent.winfo_toplevel())
        if not dialogs.testing.active:
            # modal: the record behind cannot be closed (and this form's text lost) while it is open
            self.grab_set()
            self.focus_force()
        first = next(iter(self.fields.values()), None)
        if first is not None and hasattr(first, "input"):
            first.input.focus_set()
        return self
