"""Choosing files and folders, in one place so tests can answer without a dialog opening.

When `dialogs.testing.active` is True the next answer is taken from `answers` (a path, or ""
for Cancel) instead of opening the system dialog.
"""

from __future__ import annotations

import tkinter
from tkinter import filedialog

from .. import outputs
from . import dialogs

answers: list[str] = []


def _answer(ask, **options) -> str:
    if dialogs.testing.active:
        return answers.pop(0) if answers else ""
    return ask(**options) or ""


def open_file(parent: tkinter.Misc, title: str, filetypes: list[tuple[str, str]]) -> str:
    return _answer(filedialog.askopenfilename, parent=parent, title=title, filetypes=filetypes)


def save_file(
    parent: tkinter.Misc,
    title: str,
    initialfile: str,
    filetypes: list[tuple[str, str]],
    defaultextension: str,
) -> str:
    chosen = _answer(
        filedialog.asksaveasfilename,
        parent=parent,
        title=title,
        initialfile=initialfile,
        filetypes=filetypes,
        defaultextension=defaultextension,
    )
    if chosen:
        outputs.confirm_replace(chosen)  # the dialog asked before choosing an existing file
    return chosen


def folder(parent: tkinter.Misc, title: str) -> str:
    return _answer(filedialog.askdirectory, parent=parent, title=title, mustexist=False)
