"""Details tab: names, date of birth, UPN, year group, class, admission, home language,
attendance and the flags."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from ...domain import codes
from ...domain.pupil import FLAG_LABELS, FLAGS, attendance_of
from ...domain.upn import check_upn, normalise
from ..kit import read_date
from ..widgets import Field
from . import choices

DATE_HINT = "DD/MM/YYYY"
DATE_LABELS = {
    "dob": "Date of birth",
    "admission_date": "Admission date",
    "sen_start_date": "SEN status start date",
    "attendance_as_at": "Attendance 'as at' date",
}


def check_date_field(field: Field, key: str) -> None:
    """As you type (on leaving the box): say at once if the date is not a real date."""
    _, wrong = read_date(field.get(), key, DATE_LABELS.get(key, "Date"))
    if wrong:
        field.show_error(wrong)
    else:
        field.clear()


class DetailsTab(ttk.Frame):
    LAYOUT = (  # (key, label, kind, values, hint, row, column)
        ("legal_surname", "Legal surname", "entry", (), "", 0, 0),
        ("legal_forename", "Legal forename", "entry", (), "", 0, 1),
        ("preferred_surname", "Preferred surname", "entry", (), "if different", 1, 0),
        ("preferred_forename", "Preferred forename", "entry", (), "if different", 1, 1),
        ("dob", "Date of birth", "entry", (), DATE_HINT, 2, 0),
        ("gender", "Gender", "combo", tuple(choices.GENDER_CHOICES), "", 2, 1),
        ("upn", "UPN", "entry", (), "13 characters", 3, 0),
        ("former_upn", "Former UPN", "entry", (), "if any", 3, 1),
        ("year_group", "Year group", "combo", tuple(choices.YEAR_CHOICES), "", 4, 0),
        ("class_name", "Class / form", "entry", (), "", 4, 1),
        ("admission_date", "Admission date", "entry", (), DATE_HINT, 5, 0),
        ("home_language", "Home language", "entry", (), "e.g. English and Urdu", 5, 1),
        ("attendance_pct", "Attendance this year %", "entry", (), "e.g. 93.5", 6, 0),
        ("attendance_as_at", "Attendance as at", "entry", (), DATE_HINT, 6, 1),
    )

    def __init__(self, master):
        super().__init__(master, padding=12)
        self.fields: dict[str, Field] = {}
        for key, label, kind, values, hint, row, column in self.LAYOUT:
            field = Field(self, label, kind=kind, values=values, hint=hint, width=26)
            field.grid(row=row, column=column, sticky="nwe", padx=(0, 18), pady=(0, 2))
            self.fields[key] = field
        flags = ttk.Frame(self)
        flags.grid(row=7, column=0, columnspan=2, sticky="w", pady=(8, 0))
        self.flag_vars: dict[str, tkinter.BooleanVar] = {}
        self.flag_checks: dict[str, ttk.Checkbutton] = {}
        for flag in FLAGS:
            var = tkinter.BooleanVar(master=self, value=False)
            check = ttk.Checkbutton(flags, text=FLAG_LABELS[flag], variable=var)
            check.pack(side="left", padx=(0, 18))
            self.flag_vars[flag], self.flag_checks[flag] = var, check
        self.columnconfigure((0, 1), weight=1, uniform="col")
        for key in ("dob", "admission_date", "attendance_as_at"):
            self.fields[key].input.bind("<FocusOut>", lambda e, k=key: check_date_field(self.fields[k], k))
        self.fields["attendance_pct"].input.bind("<FocusOut>", lambda e: self.check_attendance())
        self.fields["upn"].var.trace_add("write", lambda *_: self.check_upn_as_typed())
        self.fields["upn"].input.bind("<FocusOut>", lambda e: self.check_upn_as_typed(final=True))

    def check_attendance(self) -> None:
        """On leaving the box: say at once if the figure is not a % with one decimal at most."""
        errors: dict[str, str] = {}
        attendance_of({"attendance_pct": self.fields["attendance_pct"].get()}, errors)
        if errors:
            self.fields["attendance_pct"].show_error(errors["attendance_pct"])
        else:
            self.fields["attendance_pct"].clear()

    def check_upn_as_typed(self, final: bool = False) -> None:
        """The check letter is cheap to test: tell the SENCO as soon as 13 characters are in."""
        field = self.fields["upn"]
        upn = normalise(field.get())
        if not upn or (len(upn) < 13 and not final):
            field.clear()
            return
        result = check_upn(upn)
        if result.errors:
            field.show_error(result.errors[0])
        elif result.warnings:
            field.show_warning("Check: " + result.warnings[0])
        else:
            field.clear()

    def load(self, form: dict) -> None:
        for key, field in self.fields.items():
            value = form.get(key) or ""
            if key == "gender":
                value = choices.gender_label(value)
            elif key == "year_group":
                value = codes.year_label(value)
            field.set(value)
            field.clear()
        for flag, var in self.flag_vars.items():
            var.set(bool(form.get(flag)))

    def collect(self) -> dict:
        form = {key: field.get() for key, field in self.fields.items()}
        form["gender"] = choices.code_of(form["gender"])
        form["year_group"] = choices.year_code(form["year_group"])
        form |= {flag: var.get() for flag, var in self.flag_vars.items()}
        return form
