"""clean_pupil: home language and this year's attendance with its 'as at' date."""

from datetime import date

import pytest

from sencodesk.domain.errors import ValidationError
from sencodesk.domain.pupil import clean_pupil

TODAY = date(2026, 11, 29)


def form(**overrides):
    base = {
        "upn": "H801200001001",
        "legal_surname": "Smith",
        "legal_forename": "Amy",
        "dob": "03/04/2018",
        "gender": "F",
        "year_group": "3",
        "sen_status": "N",
    }
    return base | overrides


def errors_of(**overrides) -> dict[str, str]:
    with pytest.raises(ValidationError) as e:
        clean_pupil(form(**overrides), today=TODAY)
    return e.value.field_errors


def test_blank_means_not_recorded():
    pupil, warnings = clean_pupil(form(), today=TODAY)
    assert (pupil.home_language, pupil.attendance_pct, pupil.attendance_as_at) == ("", None, None)
    assert warnings == []


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("93.5", 93.5),
        ("93.5%", 93.5),
        (" 88 % ", 88.0),
        ("100", 100.0),
        ("0", 0.0),
        ("0.5", 0.5),
        (91.4, 91.4),
        (90, 90.0),
    ],
)
def test_attendance_as_typed(typed, kept):
    pupil, _ = clean_pupil(form(attendance_pct=typed, attendance_as_at="20/11/2026"), today=TODAY)
    assert pupil.attendance_pct == kept and pupil.attendance_as_at == date(2026, 11, 20)


@pytest.mark.parametrize(
    "typed, words",
    [
        ("ninety", "not a percentage"),
        ("-5", "not a percentage"),
        ("93,5", "not a percentage"),
        ("93.45", "one decimal place"),
        ("100.5", "more than 100"),
        ("1000", "one decimal place"),
        (100.01, "one decimal place"),
        ("101", "more than 100"),
    ],
)
def test_bad_attendance_is_refused_in_words(typed, words):
    errors = errors_of(attendance_pct=typed, attendance_as_at="20/11/2026")
    assert words in errors["attendance_pct"] and set(errors) == {"attendance_pct"}


def test_attendance_needs_its_date_and_a_date_needs_its_attendance():
    assert "'as at'" in errors_of(attendance_pct="93.5")["attendance_as_at"]
    assert "type the attendance" in errors_of(attendance_as_at="20/11/2026")["attendance_as_at"]
    assert (
        "in the future" in errors_of(attendance_pct="93.5", attendance_as_at="30/11/2026")["attendance_as_at"]
    )
    assert (
        "not a real date"
        in errors_of(attendance_pct="93.5", attendance_as_at="31/11/2026")["attendance_as_at"]
    )


def test_last_years_figure_is_kept_with_a_warning():
    pupil, warnings = clean_pupil(form(attendance_pct="95", attendance_as_at="15/07/2026"), today=TODAY)
    assert pupil.attendance_pct == 95.0
    assert warnings == [
        "The attendance was taken on 15/07/2026, before this school year began: "
        "update it when you have this year's figure."
    ]


def test_home_language_is_tidied_and_limited():
    pupil, _ = clean_pupil(form(home_language="  English   and Urdu "), today=TODAY)
    assert pupil.home_language == "English and Urdu"
    assert "too long" in errors_of(home_language="x" * 81)["home_language"]
