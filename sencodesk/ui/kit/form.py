"""A form: declared fields laid out in a grid, loaded and collected as one dict, with one way of
saving through a service and of saying why a save was refused.

`submit(service_call)` handles every refusal a person can cause the same way on every screen:
- ValidationError: each message by its field, the first wrong field (in the order on screen)
  scrolled into view and focused, and its name in the status line;
- PermissionDenied, Conflict (someone else saved first: who and when) and any other UserError:
  the service's words in the status line.
Nothing typed is ever cleared by a refusal.
"""

from __future__ import annotations

import contextlib
import tkinter
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

import ttkbootstrap as ttk

from ...domain import field_access
from ...domain.errors import PermissionDenied, UserError, ValidationError
from ...domain.plural import plural
from .. import dialogs
from .fields import DATE_HINT, ERROR_STYLE, Checker, ChoiceField, DateField, TextField
from .scroll import scroll_into_view

T = TypeVar("T")


class Showable(Protocol):
    """What a form needs of anything it holds as a field."""

    def get(self) -> Any: ...

    def set(self, value: Any) -> None: ...

    def show_error(self, text: str) -> None: ...

    def clear(self) -> None: ...


def typed_state(window: tkinter.Misc) -> list[object]:
    """What a person can change in a window or frame (every entry, text box and tick, in order),
    to tell whether anything was typed since it was loaded. Windows it opened are not included."""
    state: list[object] = []
    for child in window.winfo_children():
        if isinstance(child, tkinter.Toplevel):
            continue
        kind = child.winfo_class()
        if kind in ("TEntry", "TCombobox", "TSpinbox", "Entry", "Spinbox"):
            state.append(child.get())  # type: ignore[attr-defined]
        elif kind == "Text":
            state.append(child.get("1.0", "end"))  # type: ignore[attr-defined]
        elif kind in ("TCheckbutton", "TRadiobutton"):
            state.append(child.instate(["selected"]))  # type: ignore[attr-defined]
        state.extend(typed_state(child))
    return state


def confirm_discard(
    window: tkinter.Misc, as_opened: list[object] | None, within: tkinter.Misc | None = None
) -> bool:
    """True if the window may close: nothing typed since `as_opened` (the typed_state of
    `within`, else the window), or the person said so. Esc is one key away from a long review,
    and closing drops what was typed for good."""
    if as_opened is None or typed_state(within or window) == as_opened:
        return True
    return dialogs.confirm(
        window,
        "You have typed things in this form that are not saved. Close it and lose them?",
        yes="Close without saving",
        no="Keep editing",
    )


def focus_target(field: object) -> tkinter.Misc | None:
    """The widget to put the keyboard in for a field (its input, else the field itself)."""
    target = getattr(field, "input", field)
    return target if isinstance(target, tkinter.Misc) else None


class Form(ttk.Frame):
    """Fields declared one after another, placed left to right in `columns` columns (a wide one
    takes a whole row). `role` (a domain.users role) decides each field's access: a field
    declared with `access="table.column"` that the role may not read is not drawn (its
    declaration returns None), and one it may read but not write is read-only. `status` is the
    line the form speaks in (made here, to be placed by the owner, unless one is given)."""

    def __init__(
        self,
        master: tkinter.Misc,
        *,
        role: str | None = None,
        columns: int = 2,
        status: ttk.Label | None = None,
        **frame_options: Any,
    ):
        super().__init__(master, **frame_options)
        self.role, self.columns = role, columns
        self.fields: dict[str, Showable] = {}
        self.labels: dict[str, str] = {}  # a label for a field that has no label_text of its own
        self._status = status
        self.result: Any = None  # what the last successful submit's service call returned
        self.refused: UserError | None = None  # why the last submit was refused, if it was
        self._row, self._col = 0, 0
        self._clean: list[object] | None = None  # what it held when loaded (None: never loaded)
        for column in range(columns):
            self.columnconfigure(column, weight=1)

    @property
    def status(self) -> ttk.Label:
        """The line the form speaks in: made when first wanted (after whatever the owner put at
        the top of the form), unless the owner gave one."""
        if self._status is None:
            self._status = ttk.Label(self, text="", wraplength=820, justify="left")
        return self._status

    @status.setter
    def status(self, label: ttk.Label) -> None:
        self._status = label

    # ---- declaring ----------------------------------------------------------------------------
    def may_read(self, access: str | None) -> bool:
        return access is None or self.role is None or field_access.may_read(self.role, access)

    def may_write(self, access: str | None) -> bool:
        return access is None or self.role is None or field_access.may_write(self.role, access)

    def put(self, widget: tkinter.Widget, *, span: int = 1, wide: bool = False) -> tkinter.Widget:
        """Put any widget at the next place in the grid (`wide`: across every column)."""
        span = self.columns if wide else min(span, self.columns)
        if self._col + span > self.columns:
            self.new_row()
        widget.grid(row=self._row, column=self._col, columnspan=span, sticky="nwe", padx=(0, 16), pady=(0, 4))
        self._col += span
        if self._col >= self.columns:
            self.new_row()
        return widget

    def new_row(self) -> None:
        if self._col:
            self._row, self._col = self._row + 1, 0

    def add(
        self,
        key: str,
        field: Showable,
        *,
        label: str = "",
        access: str | None = None,
        span: int = 1,
        wide: bool = False,
        place: bool = True,
    ) -> Showable:
        """Declare a field made by the caller. One made in this form's frame and not yet placed
        is placed next in the grid, unless `place` is False (the caller shows it when wanted)."""
        self.fields[key] = field
        if label:
            self.labels[key] = label
        if place and isinstance(field, tkinter.Widget) and field.master is self and not field.winfo_manager():
            self.put(field, span=span, wide=wide)
        if not self.may_write(access) and hasattr(field, "lock"):
            field.lock()
        return field

    def text(
        self,
        key: str,
        label: str,
        *,
        hint: str = "",
        lines: int = 1,
        width: int | None = None,
        access: str | None = None,
        checker: Checker | None = None,
        secret: bool = False,
        span: int = 1,
    ) -> TextField | None:
        if not self.may_read(access):
            return None
        field = TextField(self, label, hint=hint, lines=lines, width=width, checker=checker, secret=secret)
        self.add(key, field, access=access, span=span, wide=lines > 1)
        return field

    def date(
        self,
        key: str,
        label: str,
        *,
        hint: str = DATE_HINT,
        access: str | None = None,
        warn: tuple[Any, str] | None = None,
        span: int = 1,
    ) -> DateField | None:
        if not self.may_read(access):
            return None
        field = DateField(self, label, hint=hint, warn=warn)
        self.add(key, field, access=access, span=span)
        return field

    def choice(
        self,
        key: str,
        label: str,
        options: Mapping[str, str] | Sequence[str],
        *,
        blank: str | None = None,
        hint: str = "",
        width: int = 28,
        free: bool = False,
        access: str | None = None,
        span: int = 1,
    ) -> ChoiceField | None:
        if not self.may_read(access):
            return None
        field = ChoiceField(self, label, options, blank=blank, hint=hint, width=width, free=free)
        self.add(key, field, access=access, span=span)
        return field

    def heading(self, text: str, note: str = "") -> ttk.Frame:
        frame = ttk.Frame(self)
        ttk.Label(frame, text=text, font="TkHeadingFont").pack(anchor="w", pady=(8, 0))
        if note:
            ttk.Label(frame, text=note, bootstyle="secondary", wraplength=640, justify="left").pack(
                anchor="w"
            )
        self.put(frame, wide=True)
        return frame

    def line(self, text: str, *, style: str = "default", wraplength: int = 520) -> ttk.Label:
        """Words across the form (what it does, what happens next)."""
        label = ttk.Label(self, text=text, bootstyle=style, wraplength=wraplength, justify="left")
        self.put(label, wide=True)
        return label

    def place_status(self) -> None:
        """The status line at the foot of the form (when the form made it)."""
        if self.status.master is self:
            self.put(self.status, wide=True)

    # ---- values -------------------------------------------------------------------------------
    def load(self, values: Mapping[str, Any]) -> None:
        """Fill every field from `values` (a field missing from them is emptied); nothing is
        typed since."""
        for key, field in self.fields.items():
            field.set(values.get(key))
            field.clear()
        self.mark_clean()

    def collect(self) -> dict[str, Any]:
        return {key: field.get() for key, field in self.fields.items()}

    def mark_clean(self) -> None:
        """What is in the form now is what was saved or loaded."""
        self._clean = typed_state(self)

    @property
    def dirty(self) -> bool:
        """Anything typed (in a field or any other box or tick of the form) since it was loaded
        (a form never loaded has nothing of anyone's in it to lose)."""
        return self._clean is not None and typed_state(self) != self._clean

    # ---- saying -------------------------------------------------------------------------------
    def say(self, text: str, style: str = ERROR_STYLE) -> None:
        self.status.configure(text=text, bootstyle=style)

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.clear()
        self.say("", "default")

    def show_errors(self, errors: Mapping[str, str]) -> None:
        show_errors(self.fields, errors, self.say, self.labels)

    def focus_field(self, key: str) -> None:
        focus_field(self.fields[key])

    # ---- saving -------------------------------------------------------------------------------
    def submit(self, service_call: Callable[[], T], *, done: str = "") -> bool:
        """Call the service. True when it saved (`result` holds what it returned, and `done`
        is said); otherwise why not is shown, by the fields or in the status line, and
        everything typed stays."""
        ok, self.result, self.refused = attempt(
            service_call, say=self.say, fields=self.fields, labels=self.labels
        )
        if ok:
            self.mark_clean()
            if done:
                self.say(done, "success")
        return ok


Say = Callable[[str, str], None]


def show_errors(
    fields: Mapping[str, Showable],
    errors: Mapping[str, str],
    say: Say,
    labels: Mapping[str, str] | None = None,
) -> None:
    """Each message by its field ("contacts.2" goes to the field "contacts"); the first wrong
    field on screen is scrolled into view and focused, and named in the status line."""
    other = []
    for key, message in errors.items():
        target = key if key in fields else key.split(".")[0]  # "contacts.2", else "contacts"
        if target in fields:
            fields[target].show_error(message)
        else:
            other.append(message)
    wrong = [key for key in fields if any(k == key or k.split(".")[0] == key for k in errors)]
    head = f"Nothing was saved: {plural(len(errors), 'thing')} to correct"
    if wrong:
        first = (labels or {}).get(wrong[0]) or getattr(fields[wrong[0]], "label_text", "")
        head += ", shown in red by the field" + (f" (the first is {first})." if first else ".")
        focus_field(fields[wrong[0]])
    else:
        head += "."
    say(" ".join([head, *other]), ERROR_STYLE)


def focus_field(field: object) -> None:
    target = focus_target(field)
    if target is None:
        return
    target.update_idletasks()
    scroll_into_view(target)
    with contextlib.suppress(tkinter.TclError):
        target.focus_set()


Fields = Mapping[str, Showable] | Callable[[Mapping[str, str]], Mapping[str, Showable]]


def attempt(
    service_call: Callable[[], T],
    *,
    say: Say,
    fields: Fields | None = None,
    labels: Mapping[str, str] | None = None,
) -> tuple[bool, T | None, UserError | None]:
    """The one place a refusal a person can cause is caught: (saved, what the call returned,
    why it was refused). With `fields`, a ValidationError's messages go by them (see
    show_errors); without (a file read, a step taken), its words are said as they are. Every
    other refusal is said in the service's own words. `fields` may be a function of the errors,
    giving the fields once it is known which are wrong (a record builds the tabs that hold
    them); its caller clears the old messages itself."""
    if isinstance(fields, Mapping):
        for field in fields.values():
            field.clear()
    say("", "default")
    try:
        return True, service_call(), None
    except ValidationError as e:
        if fields is None:
            say(" ".join(e.field_errors.values()) or e.message, ERROR_STYLE)
        else:
            shown = fields if isinstance(fields, Mapping) else fields(e.field_errors)
            show_errors(shown, e.field_errors, say, labels)
        return False, None, e
    except PermissionDenied as e:
        say(f"Nothing was saved: {e.message}" if fields is not None else e.message, ERROR_STYLE)
        return False, None, e
    except UserError as e:  # a Conflict says who saved and when, and that the text stays
        say(e.message, ERROR_STYLE)
        return False, None, e
