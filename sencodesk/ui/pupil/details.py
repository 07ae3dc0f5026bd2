"""Details tab: names, date of birth, UPN, year group, class, admission, home language,
attendance, what an LA request asks about the child (address, ethnicity, NHS number, GP,
previous schools, social care, interpreter) and the flags. A field the role may not read is not
shown (nor sent back); one it may read but not write takes no typing."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from ...domain import codes, field_access
from ...domain.identity import ETHNICITIES, SOCIAL_CARE, nhs_number_problem, shown_nhs_number
from ...domain.pupil import FLAG_LABELS, FLAGS, attendance_of
from ...domain.upn import check_upn, normalise
from ..kit import read_date
from ..widgets import Field, read_only
from . import choices

INTERPRETER = {"": None, "Yes": True, "No": False}

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
        # what an LA request form asks (migration 0020)
        ("address", "Address", "entry", (), "one line", 7, 0),
        ("ethnicity", "Ethnicity", "combo", ("", *ETHNICITIES.values()), "", 7, 1),
        ("nhs_number", "NHS number", "entry", (), "10 digits", 8, 0),
        ("gp_practice", "GP practice", "entry", (), "name and town", 8, 1),
        ("previous_schools", "Previous schools", "entry", (), "with dates", 9, 0),
        ("social_care", "Social care status", "combo", ("", *SOCIAL_CARE.values()), "", 9, 1),
        (
            "interpreter_needed",
            "Interpreter needed",
            "combo",
            ("", "Yes", "No"),
            "blank: not recorded",
            10,
            0,
        ),
    )

    def __init__(self, master):
        super().__init__(master, padding=12)
        self.fields: dict[str, Field] = {}
        for key, label, kind, values, hint, row, column in self.LAYOUT:
            field = Field(self, label, kind=kind, values=values, hint=hint, width=26)
            field.grid(row=row, column=column, sticky="nwe", padx=(0, 18), pady=(0, 2))
            self.fields[key] = field
        flags = ttk.Frame(self)
        flags.grid(row=11, column=0, columnspan=2, sticky="w", pady=(8, 0))
        self.hidden_keys: set[str] = set()  # fields the role may not read: not shown, not sent
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
        self.fields["nhs_number"].input.bind("<FocusOut>", lambda e: self.check_nhs_number())
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

    def apply_role(self, role: str) -> None:
        """What the role may not read is not shown; what it may read but not write takes no typing."""
        for key, field in self.fields.items():
            name = f"pupils.{key}"
            if not field_access.may_read(role, name):
                field.grid_remove()
                self.hidden_keys.add(key)
            elif not field_access.may_write(role, name):
                read_only(field)

    def check_nhs_number(self) -> None:
        """On leaving the box: the check digit catches a mistyped digit at once."""
        field = self.fields["nhs_number"]
        if problem := nhs_number_problem(field.get()):
            field.show_error(problem)
        else:
            field.clear()

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
            elif key == "ethnicity":
                value = ETHNICITIES.get(value, value)
            elif key == "social_care":
                value = SOCIAL_CARE.get(value, value)
            elif key == "nhs_number":
                value = shown_nhs_number(value)
            elif key == "interpreter_needed":
                flag = form.get(key)
                value = "" if flag is None else "Yes" if flag else "No"
            field.set(value)
            field.clear()
        for flag, var in self.flag_vars.items():
            var.set(bool(form.get(flag)))

    def collect(self) -> dict:
        form = {key: field.get() for key, field in self.fields.items() if key not in self.hidden_keys}
        if "interpreter_needed" in form:
            form["interpreter_needed"] = INTERPRETER.get(form["interpreter_needed"])
        form["gender"] = choices.code_of(form["gender"])
        form["year_group"] = choices.year_code(form["year_group"])
        form |= {flag: var.get() for flag, var in self.flag_vars.items()}
        return form
