"""A pupil's record: its shape, and the checks a save must pass (census rules included)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import census
from .codes import GENDERS, NEEDS, SEN_STATUSES, YEAR_AGE_ON_31_AUGUST, YEAR_GROUPS, areas_for_needs
from .dates import academic_year_start, age_on, parse_date, uk
from .errors import ValidationError
from .text_limits import direction_words, in_sentence, multi_line, one_line, removed_words, shown, too_long
from .upn import check_upn, normalise

FLAGS = ("pupil_premium", "eal", "looked_after", "fsm")
FLAG_LABELS = {"pupil_premium": "Pupil premium", "eal": "EAL", "looked_after": "Looked after", "fsm": "FSM"}


def known_name(row: Mapping[str, Any]) -> str:
    """'Forename Surname' as the pupil is known (preferred names before legal ones), from a row
    holding the four name columns; Pupil.display_name for a row not made into a Pupil."""
    forename = row["preferred_forename"] or row["legal_forename"]
    return f"{forename} {row['preferred_surname'] or row['legal_surname']}"


@dataclass
class Contact:
    name: str
    relationship: str = ""
    phone: str = ""
    email: str = ""
    parental_responsibility: bool = True
    id: int | None = None
    first_language: str = ""  # their own, as they say it ("Polish"); the pupil's is home_language
    interpreter_needed: bool = False  # at meetings: invitations and packs say so

    @property
    def language_line(self) -> str:
        """'First language: Polish. Interpreter needed: Polish' (invitations, packs); '' if none."""
        parts = [f"First language: {self.first_language}"] if self.first_language else []
        if self.interpreter_needed:
            parts.append(f"Interpreter needed: {self.first_language or 'yes (language not recorded)'}")
        return ". ".join(parts)


@dataclass
class SenEntry:
    """One dated line of a pupil's SEN history."""

    start_date: date
    status: str
    primary_need: str | None
    secondary_need: str | None
    recorded_by: str = ""
    recorded_at: str = ""
    id: int | None = None


@dataclass
class Pupil:
    upn: str
    legal_surname: str
    legal_forename: str
    dob: date
    gender: str
    year_group: str
    sen_status: str = "N"
    sen_start_date: date | None = None
    primary_need: str | None = None
    secondary_need: str | None = None
    preferred_surname: str = ""
    preferred_forename: str = ""
    former_upn: str = ""
    class_name: str = ""
    admission_date: date | None = None
    pupil_premium: bool = False
    eal: bool = False
    looked_after: bool = False
    fsm: bool = False
    notes: str = ""
    home_language: str = ""
    support_layer: str = ""  # the layer of support, from the school's list ('' until chosen)
    attendance_pct: float | None = None  # this year's %, one decimal; None: not recorded
    attendance_as_at: date | None = None  # the day that % was taken
    left_on: date | None = None
    destination: str = ""
    contacts: list[Contact] = field(default_factory=list)
    sen_history: list[SenEntry] = field(default_factory=list)
    id: int | None = None
    version: int = 0
    updated_at: str = ""
    updated_by: str = ""
    # The fields the reader's role may not see (field_access): each holds HIDDEN, and
    # "sen_history" here means the history list is withheld, not empty.
    hidden: frozenset[str] = frozenset()

    @property
    def surname(self) -> str:
        return self.preferred_surname or self.legal_surname

    @property
    def forename(self) -> str:
        return self.preferred_forename or self.legal_forename

    @property
    def display_name(self) -> str:
        return f"{self.forename} {self.surname}"

    @property
    def areas(self) -> list[str]:
        shown = [
            n for k in ("primary_need", "secondary_need") if k not in self.hidden and (n := getattr(self, k))
        ]
        return areas_for_needs(shown)

    @property
    def is_leaver(self) -> bool:
        return self.left_on is not None


@dataclass(frozen=True)
class RegisterRow:
    """One line of the register table: only what the table shows and filters on."""

    id: int
    upn: str
    surname: str
    forename: str
    year_group: str
    class_name: str
    sen_status: str
    primary_need: str | None
    secondary_need: str | None
    next_review: str | None = None  # ISO date of the open cycle's review, once cycles exist
    review_overdue: bool = False
    left: bool = False
    support_layer: str = ""  # '' when none chosen (HIDDEN for a role that may not read it)

    def matches(self, text: str) -> bool:
        """Search box: every word must appear in the name, UPN or class."""
        hay = f"{self.surname} {self.forename} {self.upn} {self.class_name}".lower()
        return all(word in hay for word in text.lower().split())


_NAME_OK = re.compile(r"^[^\d<>{}\[\]@#$%^*=+|\\/~`]*$")


def _text(form: dict[str, Any], key: str) -> str:
    """A code from the form (gender, year, SEN status, need) without invisible characters."""
    return one_line(form.get(key)).text


class _Texts:
    """A form's text fields as they are kept (domain.text_limits): invisible characters taken
    out (said in a warning), direction overrides and text beyond the field's limit refused."""

    def __init__(self, errors: dict[str, str], warnings: list[str]) -> None:
        self.errors, self.warnings = errors, warnings

    def line(self, value: object, key: str, label: str, limit: str | None = None) -> str:
        cleaned = one_line(value)
        if cleaned.direction:
            self.errors[key] = direction_words(in_sentence(label))
        elif message := too_long(cleaned.text, limit or key, label):
            self.errors[key] = message
        elif cleaned.changed:
            self.warnings.append(removed_words(in_sentence(label), cleaned))
        return cleaned.text

    def block(self, value: object, key: str, label: str) -> str:
        """Free text of several lines (`label` in a sentence: 'notes')."""
        cleaned = multi_line(value)
        if message := too_long(cleaned.text, key, f"The text of the {label}"):
            self.errors[key] = message
        elif cleaned.changed:
            self.warnings.append(removed_words(label, cleaned))
        return cleaned.text


def _flag(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "y", "yes", "true", "t")
    return bool(value)


_ATTENDANCE = re.compile(r"^\d{1,3}(\.\d)?$")


def attendance_of(form: dict[str, Any], errors: dict[str, str]) -> float | None:
    """'93.5', '93.5%', 93.5 -> 93.5; blank -> None. Whole numbers or one decimal place, 0 to 100:
    a figure with more places is refused, not rounded (what was typed is never changed silently)."""
    value = form.get("attendance_pct")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raw = f"{value:g}"
    else:
        raw = str(value or "").strip().rstrip("%").strip()
    if not raw:
        return None
    if not re.match(r"^\d+(\.\d+)?$", raw):
        errors["attendance_pct"] = f"Attendance: '{raw}' is not a percentage. Type a number such as 93.5."
        return None
    if not _ATTENDANCE.match(raw):
        errors["attendance_pct"] = (
            f"Attendance: type the % with one decimal place at most, e.g. 93.5 (not {raw})."
        )
        return None
    number = float(raw)
    if number > 100:
        errors["attendance_pct"] = f"Attendance is a percentage from 0 to 100; {raw} is more than 100."
        return None
    return number


def clean_pupil(
    form: dict[str, Any], *, today: date | None = None, need_may_wait: bool = False
) -> tuple[Pupil, list[str]]:
    """Turn a filled-in form (strings from the UI, CLI or an import) into a Pupil.

    Raises ValidationError naming every wrong field; returns (pupil, warnings) otherwise.
    `need_may_wait`: a pupil on SEN support or with an EHC plan may be kept without a need type
    (census rule 2170) - the roll import, which never leaves a pupil off the roll for a SEN code
    it cannot take; the census check lists them until the SENCO sets the need.
    """
    today = today or date.today()
    errors: dict[str, str] = {}
    warnings: list[str] = []
    texts = _Texts(errors, warnings)

    def take_date(key: str, label: str, required: bool = False) -> date | None:
        given = form.get(key)
        if isinstance(given, str):
            given = texts.line(given, key, label, "code")
            if key in errors:
                return None
        try:
            value = parse_date(given, key, label=label)
        except ValidationError as e:
            errors.update(e.field_errors)
            return None
        if value is None and required:
            errors[key] = f"{label} is required."
        return value

    names = {}
    for key, label, required in (
        ("legal_surname", "Legal surname", True),
        ("legal_forename", "Legal forename", True),
        ("preferred_surname", "Preferred surname", False),
        ("preferred_forename", "Preferred forename", False),
    ):
        value = names[key] = texts.line(form.get(key), key, label)
        if key in errors:
            continue  # too long, or direction overrides: said already
        if required and not value:
            errors[key] = f"{label} is required."
        elif value and not _NAME_OK.match(value):
            errors[key] = f"{label} has characters a name cannot have (digits or symbols)."

    upn = normalise(texts.line(form.get("upn"), "upn", "UPN", "code"))
    check = check_upn(upn)
    if not check.ok:
        errors.setdefault("upn", check.errors[0])
    warnings += check.warnings
    former = normalise(texts.line(form.get("former_upn"), "former_upn", "Former UPN", "code"))
    if former and "former_upn" not in errors:
        fcheck = check_upn(former)
        if not fcheck.ok:
            errors["former_upn"] = "Former UPN: " + fcheck.errors[0]
        elif former == upn:
            errors["former_upn"] = "The former UPN is the same as the UPN; leave it empty."

    dob = take_date("dob", "Date of birth", required=True)
    if dob and dob > today:
        errors["dob"] = "Date of birth is in the future."
    gender = _text(form, "gender").upper()[:1]
    if gender not in GENDERS:
        errors["gender"] = "Choose the pupil's gender: F or M (as the census records it)."
    year = _text(form, "year_group")
    if year not in YEAR_GROUPS:
        errors["year_group"] = "Choose a year group: Nursery, Reception or Year 1 to 14."
    if dob and year in YEAR_GROUPS and "dob" not in errors:
        expected = YEAR_AGE_ON_31_AUGUST[year]
        actual = age_on(dob, academic_year_start(today).replace(month=8, day=31))
        if abs(actual - expected) > 1:
            warnings.append(
                f"The date of birth makes the pupil {actual} on 31 August, which is unusual for "
                f"{YEAR_GROUPS[year]} (usually {expected}). Check the year group and date of birth."
            )
    admission = take_date("admission_date", "Admission date")
    if admission and dob and admission < dob:
        errors["admission_date"] = "The admission date is before the date of birth."

    status = _text(form, "sen_status").upper()[:1] or "N"
    sen_start = take_date("sen_start_date", "SEN status start date")
    primary = _text(form, "primary_need").upper().split(" ")[0] or None
    secondary = _text(form, "secondary_need").upper().split(" ")[0] or None
    for key, code in (("primary_need", primary), ("secondary_need", secondary)):
        if code and code not in NEEDS:
            errors[key] = f"'{shown(code, 20)}' is not a census need type."
    if status in SEN_STATUSES and not any(k in errors for k in ("primary_need", "secondary_need")):
        for issue in census.check_sen(status, census.needs_of(primary, secondary)):
            if not (need_may_wait and issue.rule == "2170"):
                errors.setdefault(issue.field, f"{issue.message} {issue.fix}")
    elif status not in SEN_STATUSES:
        errors["sen_status"] = "Choose the SEN status: N (no SEN), K (SEN support) or E (EHC plan)."
    if status != "N" and sen_start is None and "sen_start_date" not in errors:
        sen_start = today
    if sen_start and dob and sen_start < dob:
        errors["sen_start_date"] = "The SEN status start date is before the date of birth."

    home_language = texts.line(form.get("home_language"), "home_language", "Home language")
    # one of the school's layers: the services check it is on the school's list
    support_layer = texts.line(form.get("support_layer"), "support_layer", "Support layer")
    class_name = texts.line(form.get("class_name"), "class_name", "Class")
    notes = texts.block(form.get("notes"), "notes", "notes")
    given = form.get("attendance_pct")
    if isinstance(given, str):
        form = form | {"attendance_pct": texts.line(given, "attendance_pct", "Attendance", "code")}
    attendance = None if "attendance_pct" in errors else attendance_of(form, errors)
    as_at = take_date("attendance_as_at", "Attendance 'as at' date")
    if attendance is not None and as_at is None and "attendance_as_at" not in errors:
        errors["attendance_as_at"] = (
            "Say the date the attendance was taken ('as at'), so a reader knows how current it is."
        )
    elif as_at is not None and attendance is None and "attendance_pct" not in errors:
        errors["attendance_as_at"] = (
            "An 'as at' date goes with an attendance figure: type the attendance %, or clear the date."
        )
    elif as_at is not None and as_at > today:
        errors["attendance_as_at"] = "The attendance 'as at' date is in the future."
    elif as_at is not None and as_at < academic_year_start(today) and attendance is not None:
        # kept (it is what was typed), but a pack would print last year's figure as this year's
        warnings.append(
            f"The attendance was taken on {uk(as_at)}, before this school year began: "
            "update it when you have this year's figure."
        )

    contacts = []
    for i, c in enumerate(form.get("contacts") or []):
        c = c if isinstance(c, dict) else vars(c)
        key, label = f"contacts.{i}", f"Contact {i + 1}'s"
        name = texts.line(c.get("name"), key, f"{label} name", "contact_name")
        phone = texts.line(c.get("phone"), key, f"{label} phone number", "contact_phone")
        email = texts.line(c.get("email"), key, f"{label} email", "contact_email")
        relationship = texts.line(c.get("relationship"), key, f"{label} relationship", "contact_relationship")
        language = texts.line(c.get("first_language"), key, f"{label} first language", "contact_language")
        said = set(errors)  # a contact field too long or with direction overrides is said already
        ticked = _flag(c.get("parental_responsibility", True))
        interpreter = _flag(c.get("interpreter_needed", False))
        # A new row starts ticked, so only a row with nothing typed and the tick as it started
        # is empty; anything else typed without a name is said, never dropped silently.
        if not (name or phone or email or relationship or language or interpreter) and ticked:
            continue  # an empty row in the contacts table
        if key not in said:
            if not name:
                errors[key] = f"Contact {i + 1} needs a name."
            if email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
                errors[key] = f"Contact {i + 1}: '{email}' is not an email address."
            if phone and not re.match(r"^[0-9 +()\-]{6,20}$", phone):
                errors[key] = f"Contact {i + 1}: '{phone}' is not a phone number."
        contacts.append(
            Contact(
                name=name,
                relationship=relationship,
                phone=phone,
                email=email,
                parental_responsibility=ticked,
                id=c.get("id"),
                first_language=language,
                interpreter_needed=interpreter,
            )
        )
    if errors:
        raise ValidationError(errors)
    assert dob is not None  # required: refused above when missing
    pupil = Pupil(
        upn=upn,
        former_upn=former,
        dob=dob,
        gender=gender,
        year_group=year,
        class_name=class_name,
        admission_date=admission,
        sen_status=status,
        sen_start_date=sen_start,
        primary_need=primary,
        secondary_need=secondary,
        notes=notes,
        contacts=contacts,
        home_language=home_language,
        support_layer=support_layer,
        attendance_pct=attendance,
        attendance_as_at=as_at,
        legal_surname=names["legal_surname"],
        legal_forename=names["legal_forename"],
        preferred_surname=names["preferred_surname"],
        preferred_forename=names["preferred_forename"],
        pupil_premium=_flag(form.get("pupil_premium")),
        eal=_flag(form.get("eal")),
        looked_after=_flag(form.get("looked_after")),
        fsm=_flag(form.get("fsm")),
    )
    return pupil, warnings
