"""The "Save as" file dialog, in one place so GUI tests can answer it without a window."""

from __future__ import annotations

import tkinter
from pathlib import Path
from tkinter import filedialog

from .. import outputs
from . import dialogs

# Under tests (dialogs.testing.active) the next answer is taken from here; empty = Cancel.
test_answers: list[Path | None] = []


def ask_save_path(
    parent: tkinter.Misc, *, title: str, initialfile: str, filetypes: list[tuple[str, str]], extension: str
) -> Path | None:
    """The file the person chose, or None when they cancelled."""
    if dialogs.testing.active:
        dialogs.testing.shown.append(("save", title))
        answer = test_answers.pop(0) if test_answers else None
    else:
        chosen = filedialog.asksaveasfilename(
            parent=parent,
            title=title,
            initialfile=initialfile,
            filetypes=filetypes,
            defaultextension=extension,
        )
        answer = Path(chosen) if chosen else None
    if answer is not None:
        outputs.confirm_replace(answer)  # the dialog asked before choosing an existing file
    return answer
