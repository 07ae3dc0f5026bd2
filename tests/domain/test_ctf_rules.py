"""A CTF pupil's SEN entries and ranked needs -> dated history and current status."""

from datetime import date

import pytest

from sencodesk.domain.ctf_rules import read_needs, sen_record, year_from_dob
from sencodesk.domain.errors import ValidationError

TODAY = date(2026, 11, 29)


def test_history_in_date_order_with_current_needs_on_the_latest_entry():
    rec = sen_record(
        [("2024-03-01", "E"), ("2022-09-05", "K")],
        [("2", "SPLD", "", ""), ("1", "SLCN", "", "")],
        today=TODAY,
    )
    assert [(h.start_date, h.status, h.primary_need, h.secondary_need) for h in rec.history] == [
        (date(2022, 9, 5), "K", None, None),
        (date(2024, 3, 1), "E", "SLCN", "SPLD"),
    ]
    assert (rec.status, rec.start_date, rec.primary_need, rec.secondary_need) == (
        "E",
        date(2024, 3, 1),
        "SLCN",
        "SPLD",
    )
    assert rec.warnings == []


def test_dated_needs_go_with_the_entries_they_overlap_and_ended_needs_are_not_current():
    rec = sen_record(
        [("2020-01-10", "K"), ("2023-01-10", "N"), ("2024-01-10", "K")],
        [("1", "MLD", "2020-01-10", "2022-12-31"), ("1", "SEMH", "2024-01-10", "")],
        today=TODAY,
    )
    assert [(h.status, h.primary_need) for h in rec.history] == [("K", "MLD"), ("N", None), ("K", "SEMH")]
    assert rec.primary_need == "SEMH" and rec.secondary_need is None


def test_more_than_two_current_needs_are_warned_about_not_dropped_silently():
    rec = sen_record(
        [("2024-01-10", "K")],
        [("1", "SEMH", "", ""), ("2", "ASD", "", ""), ("3", "MLD", "", "")],
        today=TODAY,
    )
    assert (rec.primary_need, rec.secondary_need) == ("SEMH", "ASD")
    assert "MLD" in rec.warnings[0]


@pytest.mark.parametrize("legacy,now", [("S", "E"), ("A", "K"), ("P", "K")])
def test_legacy_current_status_is_recoded_with_a_warning_and_kept_as_history(legacy, now):
    rec = sen_record([("2013-05-01", legacy)], [("1", "MLD", "", "")], today=TODAY)
    assert rec.status == now and rec.history[0].status == legacy
    assert "recorded as" in rec.warnings[0]


def test_no_sen_entries():
    rec = sen_record([], [], today=TODAY)
    assert rec.status is None and rec.history == []
    rec = sen_record([], [("1", "MLD", "", "")], today=TODAY)
    assert rec.status is None and "no SEN provision" in rec.warnings[0]


@pytest.mark.parametrize(
    "provisions,needs,words",
    [
        ([("2024-01-01", "Z")], [], "not a census code"),
        ([("", "K")], [], "no start date"),
        ([("01/13/2024", "K")], [], "not a date"),
        ([("2024-01-01", "K")], [("one", "MLD", "", "")], "not a number"),
        ([("2024-01-01", "K")], [("1", "BESD", "", "")], "SEMH"),
        ([("2024-01-01", "K")], [("1", "", "", "")], "no need type"),
    ],
)
def test_bad_sen_data_is_explained(provisions, needs, words):
    with pytest.raises(ValidationError, match=words):
        sen_record(provisions, needs, today=TODAY)


def test_read_needs_sorted_by_rank():
    assert [n.code for n in read_needs([("2", "ASD", "", ""), ("1", "slcn", "", "")])] == ["SLCN", "ASD"]


def test_year_from_dob():
    assert year_from_dob(date(2018, 4, 3), TODAY) == "4"  # 8 on 31/08/2026
    assert year_from_dob(date(2021, 9, 1), TODAY) == "R"
    assert year_from_dob(date(2000, 1, 1), TODAY) is None
