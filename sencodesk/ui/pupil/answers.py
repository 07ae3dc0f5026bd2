"""Questions with a box each for the answer, as one field of a form: a service's own questions on
a referral, an LA's extra questions on the EHC needs assessment request."""

from __future__ import annotations

import tkinter
from collections.abc import Sequence

import ttkbootstrap as ttk

from ..kit import TextField, read_only
from ..kit.fields import ERROR_STYLE


class Answers(ttk.Frame):
    """`ask([(key, question), ...], answers)` lays the questions out; get() is {key: answer}.
    `lines`: the height of each answer box (1: a line)."""

    def __init__(self, master: tkinter.Misc, *, lines: int = 1, label: str = "Questions"):
        super().__init__(master)
        self.lines, self.label_text = lines, label
        self.boxes: dict[str, TextField] = {}
        self.message = ttk.Label(self, text="", bootstyle=ERROR_STYLE, wraplength=520, justify="left")
        self.columnconfigure(0, weight=1)

    def ask(self, questions: Sequence[tuple[str, str]], answers: dict[str, str] | None = None) -> None:
        for box in self.boxes.values():
            box.destroy()
        self.boxes = {}
        for row, (key, question) in enumerate(questions):
            box = TextField(self, question, lines=self.lines, width=60 if self.lines > 1 else 40)
            box.label.configure(wraplength=560, justify="left")
            box.grid(row=row, column=0, sticky="we", pady=(4, 0))
            box.set((answers or {}).get(key, ""))
            self.boxes[key] = box

    @property
    def input(self) -> tkinter.Misc:
        """Where the keyboard goes when an answer is to be corrected: the first box."""
        return next(iter(self.boxes.values())).input if self.boxes else self

    def lock(self) -> None:
        read_only(self)

    def get(self) -> dict[str, str]:
        return {key: box.get() for key, box in self.boxes.items()}

    def set(self, answers: dict[str, str] | None) -> None:
        for key, box in self.boxes.items():
            box.set((answers or {}).get(key, ""))

    def show_error(self, text: str) -> None:
        self.message.configure(text=text)
        self.message.grid(row=len(self.boxes), column=0, sticky="w")

    def clear(self) -> None:
        self.message.configure(text="")
        self.message.grid_remove()
