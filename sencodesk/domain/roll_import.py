"""Understanding a roll exported from an MIS: which column is which, and what each value means.

Pure rules, no I/O: the service reads the file (formats.roll), asks `match_columns` for a
proposed matching the person can change, turns each row into a pupil form with `read_row`,
and checks it with `domain.pupil.clean_pupil` after `merge_forms` with what is already held.

A row's text is kept as domain.text_limits says (invisible characters taken out, with a warning
naming the field; direction overrides and over-long cells refused). A SEN code the row gives
that cannot be taken never keeps the pupil off the roll: that SEN field is left out, and the
row carries a SEN problem the SENCO must resolve (domain.roll_sen.settle_sen does the same for
combinations the census forbids).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from .codes import NEEDS, SEN_STATUSES, YEAR_GROUPS
from .dates import parse_date
from .errors import ValidationError
from .roll_sen import SEN_FIELDS
from .text_limits import LIMITS, direction_words, in_sentence, one_line, removed_words, shown, too_long
from .upn import check_upn, normalise

# Our fields, in the order the wizard lists them, with the label a person sees.
FIELDS: dict[str, str] = {
    "upn": "UPN",
    "legal_surname": "Legal surname",
    "legal_forename": "Legal forename",
    "preferred_surname": "Preferred surname",
    "preferred_forename": "Preferred forename",
    "former_upn": "Former UPN",
    "dob": "Date of birth",
    "gender": "Gender",
    "year_group": "Year group",
    "class_name": "Reg group / class",
    "admission_date": "Admission date",
    "sen_status": "SEN status",
    "sen_start_date": "SEN status start date",
    "primary_need": "Primary need",
    "secondary_need": "Secondary need",
    "pupil_premium": "Pupil premium",
    "eal": "EAL",
    "fsm": "FSM",
    "looked_after": "Looked after",
    "home_language": "Home language",
    "attendance_pct": "Attendance %",
    "attendance_as_at": "Attendance as at",
}
REQUIRED = ("upn", "legal_surname", "legal_forename", "dob", "gender", "year_group")
DATE_FIELDS = ("dob", "admission_date", "sen_start_date", "attendance_as_at")
FLAG_FIELDS = ("pupil_premium", "eal", "fsm", "looked_after")
NEED_FIELDS = ("primary_need", "secondary_need")
NOT_SEN_FIELDS = tuple(f for f in FIELDS if f not in SEN_FIELDS)  # what office staff import

# Headings as MIS exports write them (SIMS, Arbor, Bromcom, ScholarPack, Integris...), compared
# after dropping case, spaces and punctuation. Earlier entries win when a file has two that fit
# (an Arbor export can hold both "Legal Last Name" and "Last Name").
HEADINGS: dict[str, tuple[str, ...]] = {
    "upn": ("UPN", "Unique Pupil Number", "Pupil UPN", "Student UPN", "UPN Number"),
    "former_upn": ("Former UPN", "Previous UPN", "Old UPN", "Former Unique Pupil Number"),
    "legal_surname": (
        "Legal Surname",
        "Legal Last Name",
        "Legal Family Name",
        "Surname",
        "Last Name",
        "Family Name",
        "Pupil Surname",
        "Student Surname",
        "Student Last Name",
        "Child Surname",
    ),
    "legal_forename": (
        "Legal Forename",
        "Legal First Name",
        "Legal Given Name",
        "Forename",
        "Forenames",
        "First Name",
        "Given Name",
        "Pupil Forename",
        "Student Forename",
        "Student First Name",
        "Child Forename",
    ),
    "preferred_surname": ("Preferred Surname", "Preferred Last Name", "Known As Surname", "Chosen Surname"),
    "preferred_forename": (
        "Preferred Forename",
        "Preferred Name",
        "Preferred First Name",
        "Known As",
        "Known As Forename",
        "Chosen Name",
        "Chosen Forename",
    ),
    "dob": ("DOB", "Date of Birth", "Birth Date", "D.O.B.", "Birthdate"),
    "gender": ("Gender", "Sex", "Legal Sex", "Gender Code"),
    "year_group": (
        "Year Group",
        "Year",
        "NC Year",
        "NCY",
        "National Curriculum Year",
        "NC Year Actual",
        "Curriculum Year",
        "Yr",
        "Year Taught In",
    ),
    "class_name": (
        "Reg Group",
        "Registration Group",
        "Reg",
        "Form",
        "Form Group",
        "Tutor Group",
        "Class",
        "Class Name",
        "Reg Form",
        "Registration Form",
        "Homeroom",
    ),
    "admission_date": (
        "Admission Date",
        "Date of Admission",
        "Entry Date",
        "Date of Entry",
        "Enrolment Date",
        "Date of Enrolment",
        "Start Date at School",
    ),
    "sen_status": (
        "SEN Status",
        "SEN Provision",
        "SEN",
        "SEN Stage",
        "SEN Code",
        "SEN Provision Type",
        "Current SEN Status",
        "SEN Category",
        "SEND Status",
        "SEN Provision Code",
    ),
    "sen_start_date": (
        "SEN Start Date",
        "SEN Status Start Date",
        "SEN Provision Start Date",
        "SEN Status Date",
    ),
    "primary_need": (
        "Primary Need",
        "SEN Need 1",
        "Primary SEN Type",
        "SEN Type 1",
        "Primary SEN Need",
        "SEN Primary Need",
        "Need 1",
        "Primary Need Type",
        "SEN Type",
        "Primary SEND Need",
        "SEN Need",
    ),
    "secondary_need": (
        "Secondary Need",
        "SEN Need 2",
        "Secondary SEN Type",
        "SEN Type 2",
        "Secondary SEN Need",
        "SEN Secondary Need",
        "Need 2",
        "Secondary Need Type",
        "Secondary SEND Need",
    ),
    "pupil_premium": (
        "Pupil Premium",
        "PP",
        "Pupil Premium Indicator",
        "PP Indicator",
        "Pupil Premium Eligible",
        "PP Eligible",
        "Disadvantaged",
    ),
    "eal": ("EAL", "English as an Additional Language", "EAL Status", "EAL Indicator"),
    "fsm": (
        "FSM",
        "Free School Meals",
        "FSM Eligible",
        "FSM Eligibility",
        "FSM Indicator",
        "Eligible for FSM",
    ),
    "looked_after": (
        "Looked After",
        "CLA",
        "LAC",
        "In Care",
        "Child Looked After",
        "Looked After Child",
        "Looked After Status",
    ),
    "home_language": (
        "Home Language",
        "First Language",
        "Language at Home",
        "Main Language",
        "Home Language Description",
        "First Language Description",
        "Language",
    ),
    "attendance_pct": (
        "Attendance %",
        "Attendance",
        "Attendance Percentage",
        "% Attendance",
        "Percentage Attendance",
        "Attendance This Year",
        "Overall Attendance",
    ),
    "attendance_as_at": (
        "Attendance As At",
        "Attendance As Of",
        "Attendance Date",
        "As At",
        "As At Date",
        "Attendance To Date",
    ),
}


def heading_key(text: str) -> str:
    """'Legal  Surname ' and 'legal_surname' and 'D.O.B.' compare equal to their aliases."""
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


_ALIASES: dict[str, tuple[str, int]] = {}
for _field, _names in HEADINGS.items():
    for _rank, _name in enumerate(_names):
        _ALIASES.setdefault(heading_key(_name), (_field, _rank))
    _ALIASES.setdefault(heading_key(_field), (_field, 0))
    _ALIASES.setdefault(heading_key(FIELDS[_field]), (_field, 0))


@dataclass
class ColumnMatch:
    """Which column of the file feeds which field. The wizard shows it and lets it be changed."""

    headings: list[str]
    columns: dict[str, int]  # field -> column index

    @property
    def missing(self) -> list[str]:
        return [f for f in REQUIRED if f not in self.columns]

    @property
    def unused(self) -> list[str]:
        """Headings that feed no field: the report says they were not read."""
        used = set(self.columns.values())
        return [h for i, h in enumerate(self.headings) if i not in used and h.strip()]

    def field_of(self, index: int) -> str | None:
        return next((f for f, i in self.columns.items() if i == index), None)

    def without_sen(self) -> ColumnMatch:
        """The matching with no SEN field: for someone who may not see or change SEN."""
        return ColumnMatch(self.headings, {f: i for f, i in self.columns.items() if f not in SEN_FIELDS})


def match_columns(headings: list[str]) -> ColumnMatch:
    """Propose a matching of the file's headings to our fields."""
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, column)
    for index, heading in enumerate(headings):
        hit = _ALIASES.get(heading_key(heading))
        if hit is None:
            continue
        fld, rank = hit
        if fld not in best or rank < best[fld][0]:
            best[fld] = (rank, index)
    return ColumnMatch(list(headings), {f: best[f][1] for f in FIELDS if f in best})


def set_column(match: ColumnMatch, field_name: str, index: int | None) -> ColumnMatch:
    """The person's change in the wizard: `field_name` comes from column `index` (None: nowhere)."""
    if field_name not in FIELDS:
        raise ValidationError({field_name: f"'{field_name}' is not something SENCO desk imports."})
    columns = {f: i for f, i in match.columns.items() if f != field_name and i != index}
    if index is not None:
        if not 0 <= index < len(match.headings):
            raise ValidationError({field_name: "That column is not in the file."})
        columns[field_name] = index
    return ColumnMatch(match.headings, {f: columns[f] for f in FIELDS if f in columns})


# ---- values ---------------------------------------------------------------------------------


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


_STATUS_WORDS = {_key(v): k for k, v in SEN_STATUSES.items()} | {
    "no sen": "N",
    "non sen": "N",
    "none": "N",
    "not sen": "N",
    "no special educational needs": "N",
    "monitoring": "N",
    "sen monitoring": "N",
    "sen support": "K",
    "k sen support": "K",
    "ehc plan": "E",
    "ehcp": "E",
    "education health and care plan": "E",
    "education health care plan": "E",
    "ehc": "E",
}
_LEGACY = {
    "s": "S",
    "statement": "S",
    "statement of sen": "S",
    "statemented": "S",
    "a": "A",
    "school action": "A",
    "p": "P",
    "school action plus": "P",
}
_LEGACY_FIX = {
    "S": "a statement of SEN is no longer used: record the EHC plan as E",
    "A": "School Action ended in 2014: record SEN support as K",
    "P": "School Action Plus ended in 2014: record SEN support as K",
}


def sen_status(text: str) -> str | None:
    """'K - SEN Support', 'K', 'SEN Support' -> 'K'. Blank -> None (not given)."""
    raw = (text or "").strip()
    if not raw:
        return None
    key = _key(raw)
    code = _code_before_dash(raw)
    if code and code.upper() in SEN_STATUSES:
        return code.upper()
    if key.upper() in SEN_STATUSES:
        return key.upper()
    if key in _STATUS_WORDS:
        return _STATUS_WORDS[key]
    legacy = _LEGACY.get(key) or (_LEGACY.get(code.lower()) if code else None)
    if legacy:
        raise ValidationError({"sen_status": f"SEN status '{raw}': {_LEGACY_FIX[legacy]}."})
    raise ValidationError(
        {
            "sen_status": f"SEN status '{raw}' is not one SENCO desk knows. Use N "
            "(no SEN), K (SEN support) or E (EHC plan)."
        }
    )


def _code_before_dash(raw: str) -> str | None:
    """'SLCN - Speech, ...' -> 'SLCN'; 'K: SEN Support' -> 'K'."""
    m = re.match(r"^\s*([A-Za-z]{1,5})\s*[-–—:]\s*\S", raw)
    return m.group(1) if m else None


_NEED_WORDS = {_key(desc): code for code, (desc, _area) in NEEDS.items()} | {
    "speech language and communication needs": "SLCN",
    "speech language and communication": "SLCN",
    "speech language and communication need": "SLCN",
    "autism": "ASD",
    "autistic spectrum condition": "ASD",
    "asc": "ASD",
    "autism spectrum disorder": "ASD",
    "autistic spectrum disorders": "ASD",
    "autism spectrum condition": "ASD",
    "visual impairment": "VI",
    "specific learning difficulties": "SPLD",
    "spld": "SPLD",
    "moderate learning difficulties": "MLD",
    "severe learning difficulties": "SLD",
    "profound and multiple learning difficulties": "PMLD",
    "social emotional and mental health": "SEMH",
    "social emotional and mental health difficulties": "SEMH",
    "physical disability": "PD",
    "multi sensory impairment": "MSI",
    "multisensory impairment": "MSI",
    "downs syndrome": "DS",
    "down s syndrome": "DS",
    "down syndrome": "DS",
    "other": "OTH",
    "other difficulty disability": "OTH",
    "other difficulty": "OTH",
    "no specialist assessment": "NSA",
    "sen support but no specialist assessment": "NSA",
}


def need(text: str, field_name: str = "primary_need") -> str | None:
    """'SLCN - Speech, Language and Communication Needs', 'SLCN', the description -> 'SLCN'."""
    raw = (text or "").strip()
    if not raw:
        return None
    upper = raw.upper().strip()
    if upper in NEEDS:
        return upper
    code = _code_before_dash(raw)
    if code and code.upper() in NEEDS:
        return code.upper()
    key = _key(raw)
    if key in _NEED_WORDS:
        return _NEED_WORDS[key]
    key = re.sub(r"\s*\(.*\)$", "", raw)  # "Specific Learning Difficulty (e.g. dyslexia)"
    if _key(key) in _NEED_WORDS:
        return _NEED_WORDS[_key(key)]
    label = "Primary need" if field_name == "primary_need" else "Secondary need"
    if upper == "BESD":
        raise ValidationError({field_name: f"{label} 'BESD' was replaced by SEMH in 2015: record SEMH."})
    raise ValidationError(
        {field_name: f"{label} '{raw}' is not a census need type (e.g. SLCN, ASD, SEMH, SPLD, MLD)."}
    )


def year_group(text: str) -> str | None:
    """'R', 'Rec', 'Reception', 'Y3', 'Year 3', 'NC 3', '3', '03' -> the stored code."""
    raw = (text or "").strip()
    if not raw:
        return None
    key = _key(raw).replace(" ", "")
    if key in ("r", "rec", "reception", "yr", "yearr", "ncr", "yrec", "yearreception", "f2", "fs2"):
        return "R"
    if key in ("n", "nur", "nursery", "n1", "n2", "yn", "fs1", "f1"):
        return "N"
    m = re.fullmatch(r"(?:y|yr|year|ncy|nc|ncyear|yeargroup)?0*(\d{1,2})", key)
    if m and m.group(1) in YEAR_GROUPS:
        return m.group(1)
    raise ValidationError(
        {
            "year_group": f"Year group '{raw}' is not one SENCO desk knows: use R, "
            "N or a year from 1 to 14 (e.g. 'Year 3', 'Y3' or '3')."
        }
    )


_EXCEL_EPOCH = date(1899, 12, 30)
_MONTH_NAMES = {
    m.lower(): i
    for i, m in enumerate(
        ["", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
    if m
}


def import_date(text: str, field_name: str) -> date | None:
    """DD/MM/YYYY, D/M/YY, YYYY-MM-DD, '2018-04-03 00:00:00', '3 Apr 2018', an Excel serial."""
    raw = (text or "").strip()
    label = FIELDS[field_name]
    if not raw:
        return None
    if re.fullmatch(r"[\d/.\-]{6,10}[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?", raw):
        raw = re.split(r"[ T]", raw)[0]  # a date with midnight after it, as Excel writes to CSV
    if re.fullmatch(r"\d{5}(\.0+)?", raw):  # Excel stores dates as days since 30/12/1899
        serial = int(float(raw))
        if 1 <= serial <= 80000:
            return _EXCEL_EPOCH + timedelta(days=serial)
    m = re.fullmatch(r"(\d{1,2})[\s\-/]+([A-Za-z]{3,9})[\s\-/,]+(\d{2}|\d{4})", raw)
    if m and m.group(2)[:3].lower() in _MONTH_NAMES:
        raw = f"{m.group(1)}/{_MONTH_NAMES[m.group(2)[:3].lower()]}/{m.group(3)}"
    return parse_date(raw, field_name, label=label)


_YES = {"y", "yes", "true", "t", "1", "eligible", "x", "✓"}
_NO = {"n", "no", "false", "f", "0", "not eligible", "-"}


def flag(text: str, field_name: str) -> bool | None:
    raw = (text or "").strip()
    if not raw:
        return None
    key = raw.lower()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValidationError({field_name: f"{FIELDS[field_name]} '{raw}' should be Yes or No."})


def gender(text: str) -> str | None:
    raw = (text or "").strip()
    if not raw:
        return None
    key = raw.lower()
    if key in ("f", "female", "girl", "g"):
        return "F"
    if key in ("m", "male", "boy", "b"):
        return "M"
    raise ValidationError({"gender": f"Gender '{raw}' should be F or M, as the census records it."})


def attendance(text: str) -> str:
    """'93.45%' -> '93.5': MIS attendance reports often give two decimals, the record keeps one
    (rounded as the MIS itself would show it). Anything not a number is left for clean_pupil to
    refuse in words."""
    raw = (text or "").strip().rstrip("%").strip()
    if re.fullmatch(r"\d{1,3}\.\d{2,}", raw):
        return f"{round(float(raw) + 1e-9, 1):.1f}"
    return raw


# ---- rows -----------------------------------------------------------------------------------


@dataclass
class ImportedRow:
    """One row of the file, read: the fields it gave (blank ones left out) or what was wrong."""

    row: int
    name: str
    upn: str
    values: dict[str, object] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # the row cannot be imported
    warnings: list[str] = field(default_factory=list)  # imported, but something was changed
    sen_problems: list[str] = field(default_factory=list)  # SEN fields given but left out


UNREADABLE = (
    "This row has characters that are not in the file's own text encoding, so its names could be "
    "stored garbled. Save the file again from the MIS as 'CSV UTF-8' (or as Excel) and import it again."
)


def row_name(cells: list[str], match: ColumnMatch) -> str:
    """The row's pupil as a report names them: visible characters only, never a long cell."""

    def cell(f: str) -> str:
        i = match.columns.get(f)
        return cells[i] if i is not None and i < len(cells) else ""

    forename = shown(cell("preferred_forename") or cell("legal_forename"), 40)
    surname = shown(cell("preferred_surname") or cell("legal_surname"), 40)
    return f"{forename} {surname}".strip() or "(no name)"


def _limit_of(fld: str) -> str:
    return fld if fld in LIMITS else "code"


def read_row(number: int, cells: list[str], match: ColumnMatch, *, unreadable: bool = False) -> ImportedRow:
    """One row -> the values it gives, normalised to what clean_pupil takes (dates as date).

    `unreadable`: the file reader could not read the row's text faithfully; it is refused."""
    out = ImportedRow(number, row_name(cells, match), "")
    if unreadable:
        out.errors = [UNREADABLE]
        return out
    errors: dict[str, str] = {}
    sen: dict[str, str] = {}
    for fld, index in match.columns.items():
        cleaned = one_line(cells[index] if index < len(cells) else "")
        raw = cleaned.text
        label = in_sentence(FIELDS[fld])
        problem = (direction_words(label) if cleaned.direction else None) or too_long(
            raw, _limit_of(fld), FIELDS[fld]
        )
        if problem:
            (sen if fld in SEN_FIELDS else errors)[fld] = problem
            continue
        if cleaned.changed:
            out.warnings.append(removed_words(label, cleaned))
        if not raw:
            continue
        value: object
        try:
            if fld in DATE_FIELDS:
                value = import_date(raw, fld)
            elif fld in FLAG_FIELDS:
                value = flag(raw, fld)
            elif fld == "sen_status":
                value = sen_status(raw)
            elif fld in NEED_FIELDS:
                value = need(raw, fld)
            elif fld == "year_group":
                value = year_group(raw)
            elif fld == "gender":
                value = gender(raw)
            elif fld in ("upn", "former_upn"):
                value = normalise(raw)
            elif fld == "attendance_pct":
                value = attendance(raw)
            else:
                value = raw  # text: one_line has made every run of whitespace one space
        except ValidationError as e:
            (sen if fld in SEN_FIELDS else errors).update(e.field_errors)
            continue
        out.values[fld] = value
    out.upn = str(out.values.get("upn", ""))
    if out.upn and "upn" not in errors:
        upn_check = check_upn(out.upn)
        if not upn_check.ok:
            errors["upn"] = upn_check.errors[0]
    out.errors = list(errors.values())
    out.sen_problems = _left_out(sen, out.values)
    return out


def _left_out(problems: dict[str, str], values: dict[str, object]) -> list[str]:
    """The SEN fields that could not be read, said, and what else goes with them: without a
    status its needs and start date mean nothing; the two needs are ranked together."""
    if not problems:
        return []
    dropped: tuple[str, ...]
    if "sen_status" in problems:
        dropped, what = SEN_FIELDS, "the row's SEN status, start date and needs"
    elif any(k in problems for k in NEED_FIELDS):
        dropped, what = NEED_FIELDS, "the row's needs"
    else:
        dropped, what = (), "the row's SEN status start date"
    for k in dropped:
        values.pop(k, None)
    said = " ".join(problems[k] for k in SEN_FIELDS if k in problems)
    return [f"{said} The pupil goes on the roll without {what}, for the SENCO to set."]


def merge_forms(held: dict[str, object] | None, imported: dict[str, object]) -> dict[str, object]:
    """What a re-import saves: the file's values over what is held, but a blank in the file never
    wipes a field that has a value (the SENCO may have typed it by hand)."""
    merged = dict(held or {})
    for key, value in imported.items():
        if value is None or value == "":
            continue
        held_value = merged.get(key)
        if isinstance(value, str) and isinstance(held_value, str) and value.lower() == held_value.lower():
            continue  # 'NOWAK' from a CTF does not undo 'Nowak' typed by hand
        merged[key] = value
    if held and imported.get("sen_status") == "N":
        # Coming off the register clears the needs: census rule 2125 forbids needs with N.
        merged["primary_need"], merged["secondary_need"] = "", ""
    return merged


def duplicate_upns(rows: list[ImportedRow]) -> dict[str, list[int]]:
    """UPN -> the row numbers it appears on, for UPNs on more than one row of the file."""
    seen: dict[str, list[int]] = {}
    for r in rows:
        if r.upn:
            seen.setdefault(r.upn, []).append(r.row)
    return {upn: nums for upn, nums in seen.items() if len(nums) > 1}


def duplicate_message(upn: str, rows: list[int]) -> str:
    listed = ", ".join(str(n) for n in rows[:-1]) + f" and {rows[-1]}"
    # The UPN itself is left out: the report may be printed (UPNs stay off general printouts).
    return (
        f"The same UPN is on rows {listed} of the file. Each pupil should be on one row: fix "
        "the file in the MIS export and import again."
    )


def form_for_check(values: dict[str, object]) -> dict[str, object]:
    """Dates as DD/MM/YYYY strings are what clean_pupil reads; it takes date objects too."""
    form = dict(values)
    for key in FLAG_FIELDS:
        if key in form:
            form[key] = bool(form[key])
    return form
