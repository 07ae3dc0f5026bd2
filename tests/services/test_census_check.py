"""check_register: every UPN and SEN census rule over the register, grouped by rule.

Records breaking the rules cannot be saved through the services, but they arrive from older
files, MIS imports and hand edits, so the tests write them straight into the file.
"""

import pytest

from sencodesk.domain.errors import PermissionDenied, ValidationError
from sencodesk.domain.users import User
from sencodesk.services import census_check
from sencodesk.services.actor import Actor
from sencodesk.services.census_check import check_register
from sencodesk.store import db as store_db
from tests.helpers import make_upn


def force(actor, pupil_id, **values):
    sets = ", ".join(f"{k} = ?" for k in values)
    with store_db.write(actor.db):
        actor.db.execute(f"UPDATE pupils SET {sets} WHERE id = ?", [*values.values(), pupil_id])


def by_rule(report):
    return {b.rule: b for b in report.breaches}


def test_a_clean_register(actor, add_pupil):
    add_pupil()
    add_pupil(sen_status="K", primary_need="SLCN", secondary_need="SEMH")
    assert census_check.record_indicators_no(actor) == 1
    report = check_register(actor)
    assert report.integrity == ["ok"] and report.integrity_ok
    assert report.breaches == [] and report.clean
    assert report.pupils_checked == 2 and report.leavers_checked == 0


def test_unrecorded_unit_and_resourced_provision_indicators_are_worth_a_look(actor, add_pupil):
    k = add_pupil(sen_status="K", primary_need="SLCN")
    add_pupil()
    report = check_register(actor)
    rules = by_rule(report)
    assert set(rules) == {"2230", "2250"} and report.clean  # worth a look: the MIS is the return
    assert rules["2230"].warning and "SEN Unit" in rules["2230"].wording
    census_check.set_census_flags(
        actor, k, {"sen_unit": "no", "resourced_provision": "yes", "top_up_funding": "yes"}
    )
    assert census_check.census_flags(actor, k) == {
        "sen_unit": False,
        "resourced_provision": True,
        "top_up_funding": True,
    }
    report = check_register(actor)
    assert report.breaches == [] and report.indicators == {
        "sen_unit": 0,
        "resourced_provision": 1,
        "top_up_funding": 1,
    }
    with pytest.raises(ValidationError):
        census_check.set_census_flags(actor, k, {"sen_unit": "maybe"})


def test_sen_rule_breaches_grouped_with_pupils_and_fix(actor, add_pupil):
    a = add_pupil(legal_forename="Amy", sen_status="E", primary_need="ASD", class_name="3B")
    b = add_pupil(legal_forename="Ben", sen_status="E", primary_need="ASD")
    c = add_pupil(legal_forename="Cat", sen_status="K", primary_need="MLD")
    d = add_pupil(legal_forename="Dan")
    force(actor, a, primary_need=None)
    force(actor, b, primary_need="NSA")
    force(actor, c, secondary_need="MLD")
    force(actor, d, primary_need="SPLD")
    census_check.record_indicators_no(actor)
    rules = by_rule(check_register(actor))
    assert set(rules) == {"2170", "2175", "SD01", "2125"}
    [amy] = rules["2170"].pupils
    assert (amy.id, amy.name, amy.where) == (a, "Amy Smith", "Year 3, 3B")
    assert amy.detail == "A pupil with an EHC plan needs a primary need type."
    assert rules["2170"].fix == "Choose the pupil's primary need."
    assert rules["2170"].title == "A valid need type is required for SEN support or an EHC plan"
    assert rules["2170"].wording.startswith("A valid SEN type must be provided")
    assert [p.id for p in rules["2175"].pupils] == [b]
    assert [p.id for p in rules["SD01"].pupils] == [c] and not rules["SD01"].dfe
    assert [p.id for p in rules["2125"].pupils] == [d]


def test_upn_rules(actor, add_pupil):
    a = add_pupil(legal_forename="Amy")
    b = add_pupil(legal_forename="Ben")
    c = add_pupil(legal_forename="Cat")
    d = add_pupil(legal_forename="Dan")
    force(actor, a, upn="Z801200001001")  # wrong check letter
    force(actor, b, upn="")
    force(actor, c, upn="G80120000101S")
    force(actor, d, upn="H8012000010")
    report = check_register(actor)
    rules = by_rule(report)
    assert {r: [p.id for p in b.pupils] for r, b in rules.items()} == {
        "1510": [a],
        "1500": [b],
        "1550": [c],
        "1540": [d],
    }
    assert "should be H, not Z" in rules["1510"].pupils[0].detail
    assert not report.clean


def test_unknown_la_is_only_worth_a_look(actor, add_pupil):
    pid = add_pupil()
    force(actor, pid, upn="R900400001001")
    report = check_register(actor)
    [breach] = report.breaches
    assert breach.rule == "1530" and breach.warning
    assert report.warnings == [breach] and report.errors == []
    assert report.clean


def test_1520_same_upn_differently_typed_and_with_a_leaver(actor, add_pupil):
    upn = make_upn()
    a = add_pupil(upn=upn, legal_forename="Amy")
    b = add_pupil(legal_forename="Ben", admission_date="01/09/2022")
    force(actor, b, upn=upn.lower(), left_on="2025-07-20")  # a leaver holding the same UPN
    report = check_register(actor)
    assert report.pupils_checked == 1 and report.leavers_checked == 1
    duplicates = by_rule(report)["1520"].pupils
    assert sorted(p.id for p in duplicates) == [a, b]
    assert {p.name for p in duplicates} == {"Amy Smith", "Ben Smith (left)"}
    assert f"UPN {upn} is held by 2 pupils" in duplicates[0].detail


def test_1520_former_upn_that_is_another_pupils_upn(actor, add_pupil):
    upn = make_upn()
    add_pupil(upn=upn, legal_forename="Amy")
    b = add_pupil(legal_forename="Ben")
    force(actor, b, former_upn=upn)
    [ref] = by_rule(check_register(actor))["1520"].pupils
    assert ref.id == b and ref.detail == f"Their former UPN {upn} is Amy Smith's UPN."


def test_leavers_are_not_checked_for_sen_rules(actor, add_pupil):
    pid = add_pupil(sen_status="K", primary_need="MLD", admission_date="01/09/2022")
    force(actor, pid, primary_need=None, left_on="2025-07-20")
    assert check_register(actor).breaches == []


def test_a_teacher_may_not_run_the_check(actor):
    teacher = Actor(db=actor.db, user=User(7, "t", "Mr T", "teacher"), data_dir=actor.data_dir)
    with pytest.raises(PermissionDenied):
        check_register(teacher)
