"""Small building blocks shared by forms: a labelled field with its error line below."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

ERROR_STYLE = "danger"
WARNING_STYLE = "primary"  # yellow text is unreadable on white; messages start "Check:"


class Field(ttk.Frame):
    """A label, an input and a line under it for what is wrong (in words, not only red)."""

    def __init__(
        self,
        master,
        label: str,
        *,
        kind: str = "entry",
        values: tuple[str, ...] = (),
        width: int = 28,
        hint: str = "",
    ):
        super().__init__(master)
        self.var = tkinter.StringVar(master=self)
        # The hint ("DD/MM/YYYY", "if different") is said in the label, in brackets: one widget
        # where two were, and a screen reader reads them together.
        self.label = ttk.Label(self, text=f"{label} ({hint})" if hint else label)
        self.label.grid(row=0, column=0, sticky="w")
        if kind == "combo":
            self.input = ttk.Combobox(
                self, textvariable=self.var, values=list(values), width=width, state="readonly"
            )
        else:
            self.input = ttk.Entry(self, textvariable=self.var, width=width)
        self.input.grid(row=1, column=0, sticky="we")
        # The message line is made when there is first something to say: most fields never need
        # one, and a record of 14 fields opens faster without 14 hidden labels.
        self.message: ttk.Label | None = None
        self.columnconfigure(0, weight=1)

    def get(self) -> str:
        return self.var.get()

    def set(self, value) -> None:
        self.var.set("" if value is None else str(value))

    def show_error(self, text: str) -> None:
        self._say(text, ERROR_STYLE)

    def show_warning(self, text: str) -> None:
        self._say(text, WARNING_STYLE)

    def _say(self, text: str, style: str) -> None:
        if self.message is None:
            self.message = ttk.Label(self, text=text, bootstyle=style, wraplength=380, justify="left")
        else:
            self.message.configure(text=text, bootstyle=style)
        self.message.grid(row=2, column=0, sticky="w")

    def clear(self) -> None:
        if self.message is not None:
            self.message.configure(text="")
            self.message.grid_remove()

    @property
    def error_text(self) -> str:
        return "" if self.message is None else str(self.message.cget("text"))


def text_width(widget: tkinter.Misc, *samples: str, at_least: int = 0) -> int:
    """Pixels a list column needs for the widest of `samples` in the font now in use, so a date
    or a heading is not cut off when the text size is raised (fixed pixel widths are)."""
    from tkinter import font

    measure = font.nametofont("TkDefaultFont", root=widget).measure
    return max(at_least, *(measure(s) + 20 for s in samples))
