from datetime import date

import pytest

from sencodesk.domain.dates import (
    academic_year_label,
    academic_year_start,
    age_on,
    from_iso,
    parse_date,
    to_iso,
    uk,
)
from sencodesk.domain.errors import ValidationError


@pytest.mark.parametrize(
    "text, expected",
    [
        ("29/02/2024", date(2024, 2, 29)),  # a leap year
        ("03/04/2018", date(2018, 4, 3)),  # day first, as in England
        ("3/4/2018", date(2018, 4, 3)),
        ("3/4/18", date(2018, 4, 3)),  # D/M/YY from an MIS export
        ("03.04.2018", date(2018, 4, 3)),
        ("03-04-2018", date(2018, 4, 3)),
        (" 03/04/2018 ", date(2018, 4, 3)),
        ("2018-04-03", date(2018, 4, 3)),  # ISO
        (date(2018, 4, 3), date(2018, 4, 3)),
    ],
)
def test_dates_people_type(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_is_none(blank):
    assert parse_date(blank) is None


def test_two_digit_year_far_in_the_future_is_last_century():
    assert parse_date("01/01/99") == date(1999, 1, 1)


@pytest.mark.parametrize(
    "text, words",
    [
        ("31/02/2019", "February 2019 has 28 days"),
        ("29/02/2023", "February 2023 has 28 days"),
        ("31/04/2020", "April 2020 has 30 days"),
        ("12/13/2020", "month 13"),
        ("01/01/1800", "year 1800"),
        ("yesterday", "is not a date"),
        ("12/2020", "is not a date"),
        ("2020/12/01", "is not a date"),
    ],
)
def test_nonsense_gets_a_plain_message_naming_the_field(text, words):
    with pytest.raises(ValidationError) as e:
        parse_date(text, "dob", label="Date of birth")
    assert set(e.value.field_errors) == {"dob"}
    message = e.value.field_errors["dob"]
    assert message.startswith("Date of birth:") and words in message


def test_iso_round_trip_and_uk_display():
    assert to_iso(date(2024, 2, 29)) == "2024-02-29"
    assert from_iso("2024-02-29") == date(2024, 2, 29)
    assert to_iso(None) is None and from_iso(None) is None and from_iso("") is None
    assert uk(date(2024, 2, 9)) == "09/02/2024"
    assert uk("2024-02-09") == "09/02/2024"
    assert uk("2024-02-09T10:11:12+00:00") == "09/02/2024"
    assert uk(None) == "" and uk("") == ""


@pytest.mark.parametrize(
    "day, start",
    [
        (date(2026, 9, 1), date(2026, 9, 1)),
        (date(2026, 8, 31), date(2025, 9, 1)),
        (date(2027, 1, 15), date(2026, 9, 1)),
    ],
)
def test_academic_year_starts_on_1_september(day, start):
    assert academic_year_start(day) == start


def test_academic_year_label():
    assert academic_year_label(date(2026, 11, 29)) == "2026/27"
    assert academic_year_label(date(2027, 7, 1)) == "2026/27"


def test_age_on_a_birthday_and_the_day_before():
    assert age_on(date(2018, 9, 1), date(2026, 9, 1)) == 8
    assert age_on(date(2018, 9, 1), date(2026, 8, 31)) == 7
    assert age_on(date(2016, 2, 29), date(2026, 2, 28)) == 9


def test_a_period_needs_two_real_dates_in_order():
    from sencodesk.domain.dates import parse_period

    assert parse_period("01/09/2026", "31/08/2027") == (date(2026, 9, 1), date(2027, 8, 31))
    with pytest.raises(ValidationError) as e:
        parse_period("31/02/2026", "")
    assert set(e.value.field_errors) == {"date_from", "date_to"}
    with pytest.raises(ValidationError) as e:
        parse_period("01/09/2026", "01/01/2001")
    assert e.value.field_errors == {"date_to": "The end of the period is before its start."}
