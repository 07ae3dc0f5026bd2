"""The school calendar: school days, the typical pattern, bank holidays, warnings and the CSV."""

from datetime import date

import pytest

from sencodesk.domain import school_calendar as sc
from sencodesk.domain.bank_holidays import BANK_HOLIDAYS
from sencodesk.domain.errors import ValidationError
from sencodesk.domain.school_calendar import NO_CALENDAR, CalendarDay, SchoolCalendar, Term

AUTUMN = Term(date(2026, 9, 2), date(2026, 10, 23), "autumn")
CAL = SchoolCalendar(
    terms=(AUTUMN, Term(date(2026, 11, 2), date(2026, 12, 18), "autumn")),
    days=(
        CalendarDay(date(2026, 9, 2), "inset"),
        CalendarDay(date(2026, 10, 5), "closure", "Polling station"),
    ),
)


def test_school_days_are_term_weekdays_without_inset_closures_or_bank_holidays():
    assert CAL.is_school_day(date(2026, 9, 3))
    assert CAL.closed_reason(date(2026, 9, 2)) == "INSET day"
    assert CAL.closed_reason(date(2026, 9, 5)) == "Saturday"
    assert CAL.closed_reason(date(2026, 10, 5)) == "School closed: Polling station"
    assert CAL.closed_reason(date(2026, 10, 27)) == "School holiday"  # half term
    assert CAL.closed_reason(date(2026, 8, 31)) == "Summer bank holiday (bank holiday)"


def test_counting_school_days():
    assert sc.add_school_days(CAL, date(2026, 10, 22), 2) == date(2026, 11, 2)  # over half term
    assert sc.school_days_between(CAL, date(2026, 10, 22), date(2026, 11, 2)) == 2
    assert sc.school_days_between(CAL, date(2026, 11, 2), date(2026, 10, 22)) == -2
    assert sc.add_school_days(CAL, date(2026, 10, 22), 0) == date(2026, 10, 22)
    assert sc.school_day_on_or_before(CAL, date(2026, 10, 31)) == date(2026, 10, 23)
    assert sc.school_day_on_or_after(CAL, date(2026, 10, 24)) == date(2026, 11, 2)


def test_a_year_with_its_own_terms_is_exact_and_one_without_is_approximate():
    assert not CAL.approximate(date(2026, 10, 1))
    assert CAL.approximate(date(2027, 10, 1))
    assert CAL.approximate(date(2026, 10, 1), date(2027, 10, 1))
    assert NO_CALENDAR.approximate(date(2026, 10, 1))


def test_the_typical_pattern_is_a_plausible_english_year():
    for year in range(2024, 2031):
        terms = sc.default_terms(year)
        assert len(terms) == 6 and all(t.starts_on.weekday() < 5 for t in terms)
        assert terms[0].starts_on.month == 9 and terms[-1].ends_on <= date(year + 1, 7, 22)
        assert 37 <= sc.weeks_in_year(NO_CALENDAR, year) <= 40
        easter_sunday = next(
            d for d, n in BANK_HOLIDAYS.items() if n == "Easter Monday" and d.year == year + 1
        )
        assert not NO_CALENDAR.is_school_day(easter_sunday)
    assert sc.default_terms(2025)[0].starts_on == date(2025, 9, 2)


def test_weeks_in_year_from_a_real_calendar():
    # 190 pupil days = 38 weeks: the usual LA costing basis.
    terms = sc.default_terms(2025)
    insets = tuple(
        CalendarDay(d, "inset")
        for d in sc.school_days_from(NO_CALENDAR, terms[0].starts_on, terms[0].ends_on)
    )[:6]
    cal = SchoolCalendar(terms, insets)
    assert sc.school_days_in_year(cal, 2025) == sc.school_days_in_year(NO_CALENDAR, 2025) - 6
    assert sc.weeks_in_year(cal, 2025) == 38


def test_a_school_adds_and_removes_bank_holidays():
    cal = SchoolCalendar(
        terms=(Term(date(2026, 4, 13), date(2026, 5, 22), "summer"),),
        days=(
            CalendarDay(date(2026, 5, 4), "not_bank_holiday"),  # the school opens on May Day
            CalendarDay(date(2026, 5, 8), "bank_holiday", "One-off bank holiday"),
        ),
    )
    assert BANK_HOLIDAYS[date(2026, 5, 4)] == "Early May bank holiday"
    assert cal.is_school_day(date(2026, 5, 4))
    assert cal.closed_reason(date(2026, 5, 8)) == "One-off bank holiday (bank holiday)"


def test_bank_holidays_shipped_follow_the_gov_uk_list():
    assert BANK_HOLIDAYS[date(2024, 3, 29)] == "Good Friday"
    assert BANK_HOLIDAYS[date(2026, 12, 28)] == "Boxing Day (substitute day)"
    assert date(2026, 12, 26) not in BANK_HOLIDAYS  # a Saturday: gov.uk lists the substitute
    assert BANK_HOLIDAYS[date(2023, 5, 8)].startswith("Bank holiday for the coronation")
    assert all(d.weekday() < 5 for d in BANK_HOLIDAYS)


def test_bank_holidays_match_the_holidays_package():
    holidays = pytest.importorskip("holidays")
    found = holidays.country_holidays("GB", subdiv="ENG", years=range(2018, 2036))
    assert {d for d in found if d.weekday() < 5} == set(BANK_HOLIDAYS)


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2026, 9, 3), ""),
        (date(2026, 9, 6), "The meeting, 06/09/2026, is a Sunday."),
        (date(2026, 9, 2), "The meeting, 02/09/2026, is not a school day: INSET day."),
        (date(2026, 10, 28), "The meeting, 28/10/2026, falls in the school holiday."),
        (None, ""),
    ],
)
def test_date_warnings(day, expected):
    assert sc.date_warning(CAL, day, "The meeting") == expected


def test_a_warning_on_the_typical_pattern_says_so():
    text = sc.date_warning(NO_CALENDAR, date(2027, 3, 31), "The meeting")
    assert "school holiday" in text and "typical term pattern" in text


def test_month_grid_marks_each_day():
    weeks = sc.month_grid(CAL, 2026, 9)
    flat = dict(d for w in weeks for d in w if d[0])
    assert flat[2] == "inset" and flat[3] == "school" and flat[5] == "weekend"
    assert all(len(w) == 7 for w in weeks)


def test_csv_import_reads_terms_and_days_with_bom_spaces_and_a_header():
    text = (
        "\ufeffStart , End, Kind\n"
        " 02/09/2026 , 23/10/2026 , Autumn 1\n"
        "2026-11-02,18/12/2026,autumn term\n"
        "\n"
        "02/09/2026,,INSET day\n"
        "05/10/2026,06/10/2026,closure,Boiler\n"
    )
    found = sc.parse_calendar_csv(text)
    assert found.terms == (AUTUMN, Term(date(2026, 11, 2), date(2026, 12, 18), "autumn"))
    assert [(d.day, d.kind, d.note) for d in found.days] == [
        (date(2026, 9, 2), "inset", ""),
        (date(2026, 10, 5), "closure", "Boiler"),
        (date(2026, 10, 6), "closure", "Boiler"),
    ]


def test_csv_import_names_every_wrong_row():
    text = (
        "start,end,kind\n"
        "31/02/2026,23/10/2026,autumn\n"
        "02/09/2026,01/09/2026,autumn\n"
        "02/09/2026,23/10/2026,holiday\n"
        "02/09/2026,23/10/2026\n"
        "01/09/2026,30/07/2027,term\n"
    )
    with pytest.raises(ValidationError) as e:
        sc.parse_calendar_csv(text)
    message = e.value.field_errors["calendar_csv"]
    assert "Row 2, start: '31/02/2026' is not a real date: February 2026 has 28 days." in message
    assert "Row 3: the term ends (01/09/2026) before it starts (02/09/2026)." in message
    assert "Row 4: 'holiday' is not a kind" in message
    assert "Row 5: expected three columns" in message
    assert "Row 6: a term cannot run past 31 August" in message or "Row 6: a term of" in message


def test_overlapping_terms_are_refused():
    later = Term(date(2026, 10, 19), date(2026, 12, 18), "autumn")
    assert sc.check_term(later, [AUTUMN]) == ["it overlaps the autumn term 02/09/2026 to 23/10/2026."]
