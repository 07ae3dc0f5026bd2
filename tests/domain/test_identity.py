"""The identity LA forms ask for: the NHS number's check digit, ethnicity and social care codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sencodesk.domain import identity
from sencodesk.domain.errors import ValidationError
from sencodesk.domain.pupil import clean_pupil

# NHS numbers in the real format: 943 476 5919 is the NHS's own published example; the others
# have their check digit worked by hand (weights 10 to 2, 11 minus the remainder).
VALID = ["943 476 5919", "9434765919", "943-476-5919", "401 023 2137", "999 000 0018"]


@pytest.mark.parametrize("number", VALID)
def test_valid_nhs_numbers(number):
    assert identity.nhs_number_problem(number) == ""
    assert identity.normalise_nhs_number(number).isdigit()


@pytest.mark.parametrize(
    "number, words",
    [
        ("943 476 5918", "not a valid NHS number"),  # the last digit changed
        ("934 476 5919", "not a valid NHS number"),  # two digits swapped
        ("943 476 591", "10 digits"),
        ("943 476 59190", "10 digits"),
        ("NHS 9434765919", "10 digits"),
    ],
)
def test_invalid_nhs_numbers_say_why(number, words):
    assert words in identity.nhs_number_problem(number)


def test_a_remainder_of_one_has_no_valid_check_digit():
    nine = "000000006"  # 6 x 2 = 12: remainder 1, so 11 - 1 = 10, which no number may have
    assert identity.nhs_check_digit(nine) is None
    assert all(identity.nhs_number_problem(nine + str(d)) for d in range(10))


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_one_last_digit_or_none_makes_a_valid_number(nine):
    valid = [d for d in range(10) if not identity.nhs_number_problem(nine + str(d))]
    check = identity.nhs_check_digit(nine)
    assert valid == ([] if check is None else [check])


@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(0, 8), st.integers(1, 9))
def test_any_single_mistyped_digit_is_caught(nine, where, shift):
    check = identity.nhs_check_digit(nine)
    if check is None:
        return
    number = list(nine + str(check))
    number[where] = str((int(number[where]) + shift) % 10)
    assert identity.nhs_number_problem("".join(number))


def test_shown_as_the_nhs_prints_it():
    assert identity.shown_nhs_number("9434765919") == "943 476 5919"


BASE = {
    "upn": "H801200001001",
    "legal_surname": "Smith",
    "legal_forename": "Amy",
    "dob": "03/04/2018",
    "gender": "F",
    "year_group": "3",
}


def test_the_pupil_form_keeps_the_identity_fields():
    pupil, _ = clean_pupil(
        BASE
        | {
            "address": "1 High Street\nEastbridge EB1 1AA",
            "ethnicity": "White - British",
            "interpreter_needed": "yes",
            "nhs_number": "943 476 5919",
            "gp_practice": "Eastbridge Medical Centre",
            "previous_schools": "Little Acorns Nursery, 2021 to 2022",
            "social_care": "early_help",
        }
    )
    assert pupil.address == "1 High Street\nEastbridge EB1 1AA"
    assert (pupil.ethnicity, pupil.nhs_number, pupil.social_care) == ("WBRI", "9434765919", "early_help")
    assert pupil.interpreter_needed is True


def test_the_pupil_form_refuses_a_wrong_nhs_number_or_code():
    with pytest.raises(ValidationError) as e:
        clean_pupil(BASE | {"nhs_number": "943 476 5918", "ethnicity": "XXXX", "social_care": "maybe"})
    assert set(e.value.field_errors) == {"nhs_number", "ethnicity", "social_care"}


def test_interpreter_not_recorded_is_none_not_no():
    pupil, _ = clean_pupil(BASE)
    assert pupil.interpreter_needed is None


def test_looked_after_and_social_care_disagreeing_is_said():
    assert identity.social_care_disagrees("early_help", True)
    assert identity.social_care_disagrees("looked_after", False)
    assert identity.social_care_disagrees("looked_after", True) == ""
    assert identity.social_care_disagrees("", True) == ""
