"""Driving the app like a person: let Tk draw, give a widget the keyboard, fill the pupil record's
fields by their labels' keys, press buttons."""

from __future__ import annotations

import time


def pump(root) -> None:
    root.update_idletasks()
    root.update()


def wait_for(dialog, root, seconds: float = 20) -> None:
    """Pump the window while the worker makes the PDF (as the main loop would)."""
    end = time.monotonic() + seconds
    while dialog.busy and time.monotonic() < end:
        pump(root)
        time.sleep(0.02)
    pump(root)
    for _ in range(5):  # the last poll is an after() callback
        root.after(80)
        pump(root)


def keyboard_ready(root, widget) -> None:
    """Key events only reach a mapped window with focus (never wait_visibility: it can hang)."""
    root.deiconify()
    pump(root)
    root.focus_force()
    widget.focus_set()
    pump(root)


def fill(record, **values) -> None:
    fields = record.details.fields | record.sen.fields
    for key, value in values.items():
        if key in record.details.flag_vars:
            record.details.flag_vars[key].set(value)
        elif key == "notes":
            record.notes.delete("1.0", "end")
            record.notes.insert("1.0", value)
        else:
            fields[key].set(value)
    pump(record)


def new_pupil(main, **values):
    record = main.open_pupil(None)
    pump(main.root)
    fill(record, **values)
    return record


def error_of(record, key: str) -> str:
    return (record.details.fields | record.sen.fields)[key].error_text


def register_names(main) -> list[str]:
    return [f"{v[1]} {v[0]}" for v in main.screens["register"].visible_values()]
