"""clean_pupil: every field error a SENCO can cause, and what a good form becomes."""

from datetime import date

import pytest

from sencodesk.domain.errors import ValidationError
from sencodesk.domain.pupil import Pupil, RegisterRow, clean_pupil

TODAY = date(2026, 11, 29)


def form(**overrides):
    base = {
        "upn": "H801200001001",
        "legal_surname": "Smith",
        "legal_forename": "Amy",
        "dob": "03/04/2018",
        "gender": "F",
        "year_group": "3",
        "class_name": "3B",
        "sen_status": "N",
    }
    return base | overrides


def errors_of(**overrides) -> dict[str, str]:
    with pytest.raises(ValidationError) as e:
        clean_pupil(form(**overrides), today=TODAY)
    return e.value.field_errors


def test_a_good_form_becomes_a_pupil():
    pupil, warnings = clean_pupil(
        form(
            upn=" h801 200001001",
            legal_surname="  O'Brien-Smith ",
            admission_date="01/09/2022",
            pupil_premium="yes",
            eal=1,
            fsm="no",
            notes="  likes trains ",
        ),
        today=TODAY,
    )
    assert warnings == []
    assert pupil.upn == "H801200001001"
    assert pupil.legal_surname == "O'Brien-Smith"
    assert pupil.dob == date(2018, 4, 3) and pupil.admission_date == date(2022, 9, 1)
    assert (pupil.pupil_premium, pupil.eal, pupil.fsm, pupil.looked_after) == (True, True, False, False)
    assert pupil.notes == "likes trains"
    assert pupil.sen_status == "N" and pupil.sen_start_date is None


def test_sen_support_with_needs_and_areas():
    pupil, _ = clean_pupil(
        form(
            sen_status="K",
            primary_need="SLCN - Speech, language",
            secondary_need="spld",
            sen_start_date="01/10/2025",
        ),
        today=TODAY,
    )
    assert (pupil.primary_need, pupil.secondary_need) == ("SLCN", "SPLD")
    assert pupil.areas == ["CI", "CL"]
    assert pupil.sen_start_date == date(2025, 10, 1)


def test_sen_start_defaults_to_today_when_blank():
    pupil, _ = clean_pupil(form(sen_status="E", primary_need="ASD"), today=TODAY)
    assert pupil.sen_start_date == TODAY


@pytest.mark.parametrize("field", ["legal_surname", "legal_forename"])
def test_legal_names_are_required(field):
    assert "is required" in errors_of(**{field: "  "})[field]


@pytest.mark.parametrize("name", ["Amy2", "<b>Amy</b>", "Amy@home"])
def test_names_with_digits_or_symbols(name):
    assert "digits or symbols" in errors_of(legal_forename=name)["legal_forename"]


def test_names_too_long():
    assert "too long" in errors_of(preferred_surname="A" * 81)["preferred_surname"]


def test_upn_errors_name_the_field():
    assert "check letter is wrong" in errors_of(upn="Z801200001001")["upn"]
    assert "missing" in errors_of(upn="")["upn"]


def test_unknown_la_is_only_a_warning():
    _, warnings = clean_pupil(form(upn="R900400001001"), today=TODAY)
    assert any("LA number 900" in w for w in warnings)


def test_former_upn_checked_and_not_the_same():
    assert "Former UPN" in errors_of(former_upn="Z801200001001")["former_upn"]
    assert "same as the UPN" in errors_of(former_upn="H801200001001")["former_upn"]
    pupil, _ = clean_pupil(form(former_upn="G80120000101A"), today=TODAY)
    assert pupil.former_upn == "G80120000101A"


def test_dates():
    assert "required" in errors_of(dob="")["dob"]
    assert "not a real date" in errors_of(dob="31/02/2019")["dob"]
    assert "in the future" in errors_of(dob="01/01/2027")["dob"]
    assert "before the date of birth" in errors_of(admission_date="01/01/2018")["admission_date"]
    assert (
        "before the date of birth"
        in errors_of(sen_status="K", primary_need="MLD", sen_start_date="01/01/2017")["sen_start_date"]
    )


def test_gender_and_year_group():
    assert "gender" in errors_of(gender="X")["gender"]
    assert "year group" in errors_of(year_group="15")["year_group"]


def test_age_out_of_line_with_year_group_is_a_warning():
    _, warnings = clean_pupil(form(year_group="6"), today=TODAY)
    assert any("unusual for Year 6" in w for w in warnings)
    _, warnings = clean_pupil(form(year_group="3"), today=TODAY)
    assert warnings == []


def test_census_rules_land_next_to_their_fields():
    assert "primary need" in errors_of(sen_status="K")["primary_need"]
    assert "only be used with SEN support" in errors_of(sen_status="E", primary_need="NSA")["primary_need"]
    assert "SEN status is N" in errors_of(sen_status="N", primary_need="MLD")["primary_need"]
    assert (
        "same need" in errors_of(sen_status="K", primary_need="MLD", secondary_need="MLD")["secondary_need"]
    )
    assert "not a census need type" in errors_of(sen_status="K", primary_need="BESD")["primary_need"]
    assert "Choose the SEN status" in errors_of(sen_status="Z")["sen_status"]


def test_every_wrong_field_is_reported_at_once():
    errors = errors_of(legal_surname="", dob="nonsense", gender="", upn="123")
    assert set(errors) == {"legal_surname", "dob", "gender", "upn"}


def test_contacts_checked_and_empty_rows_ignored():
    good = {
        "name": "Sarah Smith",
        "relationship": "Mother",
        "phone": "07700 900123",
        "email": "sarah@example.com",
        "parental_responsibility": "yes",
    }
    pupil, _ = clean_pupil(form(contacts=[good, {"name": "", "phone": "", "email": ""}]), today=TODAY)
    assert len(pupil.contacts) == 1 and pupil.contacts[0].parental_responsibility
    errors = errors_of(contacts=[good, {"phone": "07700 900124"}])
    assert "needs a name" in errors["contacts.1"]
    assert "not an email address" in errors_of(contacts=[good | {"email": "sarah.example.com"}])["contacts.0"]
    assert "not a phone number" in errors_of(contacts=[good | {"phone": "call me"}])["contacts.0"]


def test_a_contact_row_with_only_a_relationship_or_an_untick_needs_a_name():
    good = {"name": "Sarah Smith", "relationship": "Mother", "parental_responsibility": True}
    assert errors_of(contacts=[good, {"relationship": "Father"}])["contacts.1"] == "Contact 2 needs a name."
    assert errors_of(contacts=[{"relationship": " Aunt "}])["contacts.0"] == "Contact 1 needs a name."
    # a new row starts ticked: unticking it is something the person did, so it is not dropped
    assert (
        "needs a name" in errors_of(contacts=[{"name": " ", "parental_responsibility": False}])["contacts.0"]
    )
    assert "needs a name" in errors_of(contacts=[{"parental_responsibility": "no"}])["contacts.0"]


def test_a_contact_row_left_as_it_was_added_is_ignored():
    blank = {"name": "", "relationship": "  ", "phone": "", "email": "", "parental_responsibility": True}
    pupil, _ = clean_pupil(
        form(contacts=[blank, {}, {"name": "Sarah Smith", "relationship": "Mother"}]), today=TODAY
    )
    assert [(c.name, c.relationship) for c in pupil.contacts] == [("Sarah Smith", "Mother")]


def test_register_row_search_matches_every_word():
    row = RegisterRow(1, "H801200001001", "Smith", "Amy", "3", "3B", "K", "SLCN", None)
    assert row.matches("amy smi") and row.matches("3b") and row.matches("H8012") and row.matches("")
    assert not row.matches("amy jones")


def test_preferred_names_shown_when_given():
    p = Pupil(
        upn="H801200001001",
        legal_surname="Smith",
        legal_forename="Alexandra",
        dob=date(2018, 1, 1),
        gender="F",
        year_group="3",
        preferred_forename="Alex",
    )
    assert p.display_name == "Alex Smith"
