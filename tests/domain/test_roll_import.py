"""Roll import rules: every heading and value form an MIS export uses, and every bad value."""

from datetime import date

import pytest

from sencodesk.domain import roll_import as r
from sencodesk.domain.codes import NEEDS
from sencodesk.domain.errors import ValidationError

ALL_HEADINGS = [(name, field) for field, names in r.HEADINGS.items() for name in names]


@pytest.mark.parametrize("heading,field", ALL_HEADINGS)
def test_every_known_heading_matches_its_field(heading, field):
    assert r.match_columns([heading]).columns == {field: 0}


@pytest.mark.parametrize(
    "heading,field",
    [
        ("upn", "upn"),
        ("  LEGAL surname ", "legal_surname"),
        ("legal_forename", "legal_forename"),
        ("Date Of Birth", "dob"),
        ("d.o.b", "dob"),
        ("YEAR-GROUP", "year_group"),
        ("sen  provision", "sen_status"),
        ("Primary SEN type", "primary_need"),
        ("sen need 2", "secondary_need"),
        ("reg group", "class_name"),
    ],
)
def test_headings_match_whatever_the_case_spaces_or_punctuation(heading, field):
    assert r.match_columns([heading]).columns == {field: 0}


def test_issue_headings_all_match():
    headings = [
        "UPN",
        "Legal Surname",
        "Legal Forename",
        "Preferred Forename",
        "DOB",
        "Sex",
        "NCY",
        "Form",
        "SEN Provision",
        "Primary SEN Type",
        "SEN Need 2",
        "Admission Date",
        "Pupil Premium",
        "EAL",
        "FSM",
    ]
    match = r.match_columns(headings)
    assert match.missing == [] and match.unused == []
    assert len(match.columns) == len(headings)


def test_legal_heading_wins_over_plain_one_and_the_other_is_reported_unused():
    match = r.match_columns(["Surname", "Legal Surname", "Shoe Size"])
    assert match.columns["legal_surname"] == 1
    assert match.unused == ["Surname", "Shoe Size"]


def test_missing_required_columns_are_listed():
    assert r.match_columns(["UPN", "Surname"]).missing == ["legal_forename", "dob", "gender", "year_group"]


def test_person_can_change_the_matching():
    match = r.match_columns(["UPN", "Name", "Known"])
    match = r.set_column(match, "legal_surname", 1)
    assert match.columns == {"upn": 0, "legal_surname": 1}
    match = r.set_column(match, "legal_forename", 1)  # a column feeds one field only
    assert match.columns == {"upn": 0, "legal_forename": 1}
    assert r.set_column(match, "upn", None).columns == {"legal_forename": 1}
    with pytest.raises(ValidationError):
        r.set_column(match, "shoe_size", 2)
    with pytest.raises(ValidationError):
        r.set_column(match, "upn", 9)


@pytest.mark.parametrize(
    "text,code",
    [
        ("K - SEN Support", "K"),
        ("K", "K"),
        ("k", "K"),
        ("SEN Support", "K"),
        ("sen support", "K"),
        ("E - Education, Health and Care Plan", "E"),
        ("E", "E"),
        ("EHC Plan", "E"),
        ("EHCP", "E"),
        ("Education, Health and Care Plan", "E"),
        ("N", "N"),
        ("N - No Special Educational Need", "N"),
        ("No Special Educational Need", "N"),
        ("No SEN", "N"),
        ("Monitoring", "N"),
        ("", None),
        ("  ", None),
    ],
)
def test_sen_status_forms(text, code):
    assert r.sen_status(text) == code


@pytest.mark.parametrize(
    "text,words",
    [
        ("S", "no longer used"),
        ("Statement", "no longer used"),
        ("A - School Action", "ended in 2014"),
        ("P", "ended in 2014"),
        ("School Action Plus", "ended in 2014"),
        ("Q", "not one SENCO desk knows"),
    ],
)
def test_legacy_and_unknown_statuses_are_explained(text, words):
    with pytest.raises(ValidationError, match=words):
        r.sen_status(text)


@pytest.mark.parametrize("code", sorted(NEEDS))
def test_every_need_code_by_code_description_and_both(code):
    description = NEEDS[code][0]
    assert r.need(code) == code
    assert r.need(code.lower()) == code
    assert r.need(description) == code
    assert r.need(description.upper()) == code
    assert r.need(f"{code} - {description}") == code


@pytest.mark.parametrize(
    "text,code",
    [
        ("SLCN - Speech, Language and Communication Needs", "SLCN"),
        ("Speech, Language and Communication Needs", "SLCN"),
        ("Autism", "ASD"),
        ("ASC", "ASD"),
        ("Visual Impairment", "VI"),
        ("Specific Learning Difficulty (e.g. dyslexia)", "SPLD"),
        ("Down's Syndrome", "DS"),
        ("", None),
    ],
)
def test_need_forms_mis_exports_use(text, code):
    assert r.need(text) == code


def test_unknown_and_retired_needs_are_explained():
    with pytest.raises(ValidationError, match="not a census need type") as e:
        r.need("XYZ", "secondary_need")
    assert "secondary_need" in e.value.field_errors
    with pytest.raises(ValidationError, match="replaced by SEMH"):
        r.need("BESD")


@pytest.mark.parametrize(
    "text,code",
    [
        ("R", "R"),
        ("Rec", "R"),
        ("Reception", "R"),
        ("YR", "R"),
        ("N", "N"),
        ("Nursery", "N"),
        ("Y3", "3"),
        ("Year 3", "3"),
        ("3", "3"),
        ("03", "3"),
        ("Yr 3", "3"),
        ("NC Year 11", "11"),
        ("year 14", "14"),
        ("Y 10", "10"),
        ("", None),
    ],
)
def test_year_group_forms(text, code):
    assert r.year_group(text) == code


@pytest.mark.parametrize("text", ["15", "Year 0", "Y", "Sixth", "3B"])
def test_bad_year_groups(text):
    with pytest.raises(ValidationError, match="Year group"):
        r.year_group(text)


@pytest.mark.parametrize(
    "text,day",
    [
        ("03/04/2018", date(2018, 4, 3)),
        ("3/4/18", date(2018, 4, 3)),
        ("2018-04-03", date(2018, 4, 3)),
        ("2018-04-03 00:00:00", date(2018, 4, 3)),
        ("2018-04-03T00:00:00", date(2018, 4, 3)),
        ("43193", date(2018, 4, 3)),
        ("43193.0", date(2018, 4, 3)),
        ("3 Apr 2018", date(2018, 4, 3)),
        ("03-Apr-2018", date(2018, 4, 3)),
        ("3 April 2018", date(2018, 4, 3)),
        ("", None),
        ("03/04/2018 00:00", date(2018, 4, 3)),
        ("03/04/2018 00:00:00", date(2018, 4, 3)),
    ],
)
def test_date_forms(text, day):
    assert r.import_date(text, "dob") == day


@pytest.mark.parametrize(
    "text,words",
    [
        ("31/02/2018", "not a real date"),
        ("13/13/2018", "month 13"),
        ("yesterday", "not a date"),
        ("3 Foo 2018", "not a date"),
    ],
)
def test_impossible_dates(text, words):
    with pytest.raises(ValidationError, match=words):
        r.import_date(text, "dob")


@pytest.mark.parametrize(
    "text,value",
    [
        ("Yes", True),
        ("Y", True),
        ("TRUE", True),
        ("1", True),
        ("No", False),
        ("n", False),
        ("False", False),
        ("0", False),
        ("", None),
    ],
)
def test_flags(text, value):
    assert r.flag(text, "fsm") is value


def test_bad_flag_and_gender():
    with pytest.raises(ValidationError, match="FSM 'maybe' should be Yes or No"):
        r.flag("maybe", "fsm")
    assert r.gender("Female") == "F" and r.gender("m") == "M" and r.gender("") is None
    with pytest.raises(ValidationError, match="Gender 'X'"):
        r.gender("X")


def _match():
    return r.match_columns(
        ["UPN", "Surname", "Forename", "DOB", "Gender", "Year", "SEN Status", "Primary Need", "FSM"]
    )


def test_read_row_normalises_every_value():
    row = r.read_row(
        2,
        ["h801200001001 ", "Smith", "Amy", "03/04/2018", "Female", "Y3", "K - SEN Support", "SLCN", "Yes"],
        _match(),
    )
    assert row.errors == [] and row.name == "Amy Smith" and row.upn == "H801200001001"
    assert row.values == {
        "upn": "H801200001001",
        "legal_surname": "Smith",
        "legal_forename": "Amy",
        "dob": date(2018, 4, 3),
        "gender": "F",
        "year_group": "3",
        "sen_status": "K",
        "primary_need": "SLCN",
        "fsm": True,
    }


def test_read_row_leaves_blanks_out_and_collects_every_error():
    row = r.read_row(7, ["Z801200001001", "Smith", "", "31/02/2018", "F", "", "", "XYZ", ""], _match())
    assert "legal_forename" not in row.values and "year_group" not in row.values
    assert len(row.errors) == 2
    assert any("check letter" in e for e in row.errors)
    assert any("not a real date" in e for e in row.errors)
    # A SEN code is never a reason to refuse the row: it is left out, for the SENCO to resolve.
    assert "primary_need" not in row.values
    assert len(row.sen_problems) == 1 and "'XYZ' is not a census need type" in row.sen_problems[0]


def test_merge_never_blanks_a_held_value():
    held = {"class_name": "3B", "legal_forename": "Amy", "eal": True}
    merged = r.merge_forms(held, {"class_name": "4C", "legal_forename": "", "eal": None})
    assert merged == {"class_name": "4C", "legal_forename": "Amy", "eal": True}


def test_merge_to_no_sen_clears_needs_for_the_census():
    merged = r.merge_forms({"sen_status": "K", "primary_need": "MLD"}, {"sen_status": "N"})
    assert merged["primary_need"] == "" and merged["sen_status"] == "N"


def test_duplicate_upns_found_with_row_numbers():
    rows = [r.ImportedRow(2, "A", "X1"), r.ImportedRow(3, "B", "X2"), r.ImportedRow(9, "C", "X1")]
    assert r.duplicate_upns(rows) == {"X1": [2, 9]}
    assert "rows 2 and 9" in r.duplicate_message("X1", [2, 9])
    assert "X1" not in r.duplicate_message("X1", [2, 9])


@pytest.mark.parametrize(
    "heading, field",
    [
        ("Home Language", "home_language"),
        ("First Language", "home_language"),
        ("Attendance", "attendance_pct"),
        ("Attendance %", "attendance_pct"),
        ("% Attendance", "attendance_pct"),
        ("Attendance As At", "attendance_as_at"),
    ],
)
def test_language_and_attendance_headings(heading, field):
    assert r.match_columns(["UPN", heading]).columns == {"upn": 0, field: 1}


@pytest.mark.parametrize(
    "cell, value",
    [
        ("93.45%", "93.5"),
        ("93.44", "93.4"),
        ("99.96", "100.0"),
        ("93.5", "93.5"),
        ("88", "88"),
        ("lots", "lots"),
    ],
)
def test_attendance_cells_are_brought_to_one_decimal(cell, value):
    assert r.attendance(cell) == value


def test_read_row_takes_hidden_characters_out_and_names_the_field():
    cells = ["H801200001001", "Smi\u200bth", "Amy\x00", "03/04/2018", "F", "Y3", "K\u200b", "SLCN", ""]
    row = r.read_row(2, cells, _match())
    assert row.errors == [] and row.values["legal_surname"] == "Smith" and row.values["sen_status"] == "K"
    assert "Hidden characters were taken out of the legal surname (a zero-width space)." in row.warnings
    assert "Hidden characters were taken out of the legal forename (a control character)." in row.warnings
    assert "Hidden characters were taken out of the SEN status (a zero-width space)." in row.warnings


def test_read_row_refuses_direction_overrides_and_long_cells_without_quoting_them():
    cells = ["H801200001001", "\u202ehtimS", "A" * 100_000, "03/04/2018", "F", "Y3", "", "", ""]
    row = r.read_row(2, cells, _match())
    assert len(row.errors) == 2 and "direction" in row.errors[0]
    assert "too long (80 characters at most; this has 100,000)" in row.errors[1]
    assert len(row.name) <= 81 and "\u202e" not in row.name


def test_an_unreadable_row_is_refused_with_what_to_do():
    row = r.read_row(14, ["H801200001001", "Zo\ufffd", "Amy"], _match(), unreadable=True)
    assert row.errors == [r.UNREADABLE] and "CSV UTF-8" in r.UNREADABLE and row.values == {}


@pytest.mark.parametrize(
    "status, primary, left_out, words",
    [
        ("S", "ASD", {"sen_status", "primary_need"}, "statement of SEN is no longer used"),
        ("Q", "", {"sen_status"}, "not one SENCO desk knows"),
        ("K", "XYZ", {"primary_need"}, "'XYZ' is not a census need type"),
        ("K", "BESD", {"primary_need"}, "replaced by SEMH"),
    ],
)
def test_a_sen_code_that_cannot_be_read_is_left_out_never_the_row(status, primary, left_out, words):
    cells = ["H801200001001", "Smith", "Amy", "03/04/2018", "F", "Y3", status, primary, ""]
    row = r.read_row(2, cells, _match())
    assert row.errors == [] and row.values["legal_surname"] == "Smith"
    assert not left_out & set(row.values)
    assert words in row.sen_problems[0] and "goes on the roll without" in row.sen_problems[0]
