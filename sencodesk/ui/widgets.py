"""The one-line field of the screens not yet built on the kit, and the kit's helpers under the
names those screens import (phase 2 of issue 18 moves them onto ui/kit and this module goes)."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from .kit import fields as _kit
from .kit.fields import ERROR_STYLE, WARNING_STYLE
from .kit.readonly import READ_ONLY, hide, is_read_only, read_only
from .kit.table import text_width

__all__ = [
    "ERROR_STYLE",
    "READ_ONLY",
    "WARNING_STYLE",
    "Field",
    "hide",
    "is_read_only",
    "read_only",
    "text_width",
]


class Field(_kit.Field):
    """A label, an input and a line under it for what is wrong: an entry, or with kind="combo"
    a read-only list of the words in `values` (the kit's ChoiceField does this with codes)."""

    def __init__(
        self,
        master: tkinter.Misc,
        label: str,
        *,
        kind: str = "entry",
        values: tuple[str, ...] = (),
        width: int = 28,
        hint: str = "",
    ):
        self._kind, self._values = kind, values
        super().__init__(master, label, hint=hint, width=width)

    def _make_input(self, width: int) -> tkinter.Widget:
        if self._kind == "combo":
            return ttk.Combobox(
                self, textvariable=self.var, values=list(self._values), width=width, state="readonly"
            )
        return super()._make_input(width)
