"""Which SEN fields a re-import would change, and the words for keeping SENCO desk's."""

from datetime import date

import pytest

from sencodesk.domain import census
from sencodesk.domain.roll_sen import (
    HandChange,
    kept_line,
    mis_differs,
    mis_says,
    replaced_line,
    settle_sen,
    without_sen,
)

HELD = {
    "sen_status": "K",
    "sen_start_date": "2026-10-02",
    "primary_need": "SPLD",
    "secondary_need": None,
    "class_name": "4B",
}


@pytest.mark.parametrize(
    "values,differs",
    [
        ({"sen_status": "N"}, {"sen_status": "N"}),
        ({"sen_status": "K", "primary_need": "MLD"}, {"primary_need": "MLD"}),
        ({"sen_status": "K", "secondary_need": "SLCN"}, {"secondary_need": "SLCN"}),
        ({"sen_start_date": date(2026, 9, 1)}, {"sen_start_date": date(2026, 9, 1)}),
        ({"sen_status": "E", "primary_need": "ASD"}, {"sen_status": "E", "primary_need": "ASD"}),
    ],
)
def test_what_the_file_changes(values, differs):
    assert mis_differs(values, HELD) == differs


@pytest.mark.parametrize(
    "values",
    [
        {},  # no SEN columns in the file
        {"class_name": "4C", "legal_forename": "Amie"},  # other fields are not SEN
        {"sen_status": "K", "primary_need": "SPLD", "sen_start_date": date(2026, 10, 2)},  # the same
        {"sen_status": "", "primary_need": None},  # blank cells are not given: they never wipe
    ],
)
def test_nothing_to_keep(values):
    assert mis_differs(values, HELD) == {}


def test_without_sen_keeps_everything_else():
    row = {
        "upn": "X",
        "class_name": "4C",
        "sen_status": "N",
        "sen_start_date": date(2026, 9, 1),
        "primary_need": "MLD",
        "secondary_need": "SLCN",
    }
    assert without_sen(row) == {"upn": "X", "class_name": "4C"}


@pytest.mark.parametrize(
    "differs,words",
    [
        ({"sen_status": "N"}, "N"),
        ({"sen_status": "E", "primary_need": "ASD"}, "E, primary need ASD"),
        ({"primary_need": "MLD", "secondary_need": "SLCN"}, "primary need MLD, secondary need SLCN"),
        ({"sen_start_date": date(2026, 9, 1)}, "SEN start date 01/09/2026"),
        ({"sen_status": "K", "sen_start_date": date(2026, 9, 1)}, "K"),  # the date goes with the status
    ],
)
def test_what_the_mis_says(differs, words):
    assert mis_says(differs) == words


def test_the_kept_and_replaced_lines_name_who_and_when():
    change = HandChange(on=date(2026, 10, 2), by="Ms R Khan", created=False, status=True, needs=False)
    assert (
        kept_line(change, {"sen_status": "N"})
        == "kept: SEN status changed in SENCO desk on 02/10/2026 by Ms R Khan (MIS says N)"
    )
    assert (
        replaced_line(change, {"sen_status": "N"})
        == "The MIS's SEN fields (N) replace the SEN status changed in SENCO desk on 02/10/2026 by Ms R Khan."
    )


@pytest.mark.parametrize(
    "created,status,needs,what",
    [
        (False, True, True, "SEN status and needs changed"),
        (False, False, True, "needs changed"),
        (False, False, False, "SEN start date changed"),
        (True, True, True, "SEN status and needs set"),
    ],
)
def test_what_was_changed_by_hand(created, status, needs, what):
    assert HandChange(date(2026, 10, 2), "X", created, status, needs).what == what


@pytest.mark.parametrize(
    "status, primary, secondary, kept, words",
    [
        ("E", "NSA", "", ("", ""), "NSA (no specialist assessment), which the census allows only with SEN"),
        ("E", "NSA", "ASD", ("", ""), "and the secondary need ASD with it"),
        ("E", "ASD", "NSA", ("ASD", ""), "the need is left unset"),
        ("N", "MLD", "", ("", ""), "SEN status N (no SEN) with the need MLD"),
        ("K", "MLD", "MLD", ("MLD", ""), "MLD is given as both needs"),
        ("K", "", "SLCN", ("", ""), "A secondary need (SLCN) without a primary need"),
        ("K", "", "", ("", ""), "SEN support (K) and no need type"),
    ],
)
def test_settle_sen_leaves_unset_what_the_census_forbids_and_says_so(status, primary, secondary, kept, words):
    form = {"sen_status": status, "primary_need": primary, "secondary_need": secondary, "class_name": "4B"}
    settled, notes = settle_sen(form, given=True)
    assert (settled["primary_need"], settled["secondary_need"]) == kept
    assert settled["sen_status"] == status and settled["class_name"] == "4B"
    assert any(words in n for n in notes)
    # what is left passes every census rule but the need a K or E pupil waits for (2170)
    needs = census.needs_of(settled["primary_need"] or None, settled["secondary_need"] or None)
    assert {i.rule for i in census.check_sen(status, needs)} <= {"2170"}


def test_settle_sen_leaves_a_good_form_alone_and_a_waiting_need_said_only_when_given():
    good = {"sen_status": "E", "primary_need": "ASD", "secondary_need": "SLCN"}
    assert settle_sen(good, given=True) == (good | {}, [])
    waiting = {"sen_status": "E", "primary_need": "", "secondary_need": ""}
    assert settle_sen(waiting, given=False)[1] == []
    assert "an EHC plan (E) and no need type" in settle_sen(waiting, given=True)[1][0]
