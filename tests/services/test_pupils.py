"""Pupil use cases through the real services on a real SQLite file."""

import json

import pytest

from sencodesk.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from sencodesk.domain.users import User
from sencodesk.services import pupils
from sencodesk.services.actor import Actor
from sencodesk.services.audit import pupil_history
from tests.helpers import make_upn, pupil_form

TEACHER = User(id=7, username="jbloggs", display_name="Mr J Bloggs", role="teacher")
OFFICE = User(id=8, username="office", display_name="Mrs Office", role="office")


def as_user(actor, user):
    return Actor(db=actor.db, user=user, data_dir=actor.data_dir)


def audit_rows(actor, pupil_id=None):
    sql = "SELECT * FROM audit" + (" WHERE pupil_id = ?" if pupil_id else "") + " ORDER BY id"
    return list(actor.db.query(sql, [pupil_id] if pupil_id else []))


def test_add_and_read_back(actor):
    form = pupil_form(
        legal_forename="Amy",
        contacts=[
            {
                "name": "Sarah Smith",
                "relationship": "Mother",
                "phone": "07700 900123",
                "email": "sarah@example.com",
                "parental_responsibility": True,
            }
        ],
    )
    pupil_id, _warnings = pupils.add_pupil(actor, form)
    pupil = pupils.get_pupil(actor, pupil_id)
    assert pupil.display_name == "Amy Smith" and pupil.version == 1
    assert pupil.upn == form["upn"]
    assert [c.name for c in pupil.contacts] == ["Sarah Smith"]
    assert [(h.status, h.primary_need) for h in pupil.sen_history] == [("N", None)]
    [row] = audit_rows(actor, pupil_id)
    assert row["action"] == "create" and "added Amy Smith (Year 3)" in row["summary"]
    assert json.loads(row["changes"])["legal_surname"] == [None, "Smith"]


def test_bad_input_saves_nothing(actor):
    with pytest.raises(ValidationError) as e:
        pupils.add_pupil(actor, pupil_form(dob="31/02/2019", sen_status="K"))
    assert set(e.value.field_errors) == {"dob", "primary_need"}
    assert pupils.list_register(actor) == []
    assert [r for r in audit_rows(actor) if r["entity"] == "pupil"] == []


def test_duplicate_upn_refused_naming_the_holder(actor, add_pupil):
    upn = make_upn()
    add_pupil(upn=upn, legal_forename="Ben", legal_surname="Jones")
    with pytest.raises(ValidationError) as e:
        pupils.add_pupil(actor, pupil_form(upn=upn))
    assert (
        e.value.field_errors["upn"]
        == f"UPN {upn} already belongs to Ben Jones. Each pupil has their own UPN."
    )


def test_duplicate_upn_of_a_leaver_refused_too(actor, add_pupil):
    upn = make_upn()
    pid = add_pupil(upn=upn, legal_forename="Ben", legal_surname="Jones")
    pupils.mark_leaver(actor, pid, 1, "20/07/2025")
    with pytest.raises(ValidationError, match=r"Ben Jones \(a leaver\)"):
        pupils.add_pupil(actor, pupil_form(upn=upn))


def test_edit_changes_fields_bumps_version_and_audits_in_plain_words(actor, add_pupil):
    pid = add_pupil(class_name="3B")
    form = pupils.pupil_form(pupils.get_pupil(actor, pid)) | {"class_name": "3C", "eal": True}
    pupils.update_pupil(actor, pid, 1, form)
    pupil = pupils.get_pupil(actor, pid)
    assert pupil.class_name == "3C" and pupil.eal and pupil.version == 2
    assert pupil.updated_by == "SENCO"
    history = pupil_history(actor, pid)
    assert history[-1]["summary"] == "changed class from 3B to 3C; changed EAL from no to yes"


def test_edit_with_no_change_writes_nothing(actor, add_pupil):
    pid = add_pupil()
    pupils.update_pupil(actor, pid, 1, pupils.pupil_form(pupils.get_pupil(actor, pid)))
    assert pupils.get_pupil(actor, pid).version == 1
    assert len(audit_rows(actor, pid)) == 1


def test_stale_version_is_a_conflict_naming_who_and_nothing_is_saved(actor, add_pupil):
    pid = add_pupil(class_name="3B")
    opened = pupils.pupil_form(pupils.get_pupil(actor, pid))
    pupils.update_pupil(actor, pid, 1, opened | {"class_name": "3C"})  # someone else saves first
    with pytest.raises(Conflict) as e:
        pupils.update_pupil(actor, pid, 1, opened | {"class_name": "3D"})
    assert e.value.message.startswith("SENCO changed this record at ")
    assert "Nothing was saved" in e.value.message
    assert pupils.get_pupil(actor, pid).class_name == "3C"
    assert len(audit_rows(actor, pid)) == 2


def test_edit_to_another_pupils_upn_refused(actor, add_pupil):
    upn = make_upn()
    add_pupil(upn=upn, legal_forename="Ben")
    pid = add_pupil()
    form = pupils.pupil_form(pupils.get_pupil(actor, pid)) | {"upn": upn}
    with pytest.raises(ValidationError, match="already belongs to Ben"):
        pupils.update_pupil(actor, pid, 1, form)


def test_leaver_is_hidden_kept_and_can_be_reinstated(actor, add_pupil):
    pid = add_pupil(admission_date="01/09/2022")
    pupils.mark_leaver(actor, pid, 1, "20/07/2025", "Moved out of the area")
    assert pupils.list_register(actor, include_leavers=False) == []
    [row] = pupils.list_register(actor, include_leavers=True)
    assert row.left
    pupil = pupils.get_pupil(actor, pid)
    assert pupil.is_leaver and pupil.destination == "Moved out of the area"
    assert pupils.register_counts(actor)["pupils"] == 0
    pupils.reinstate_pupil(actor, pid, pupil.version)
    assert not pupils.get_pupil(actor, pid).is_leaver
    summaries = [h["summary"] for h in pupil_history(actor, pid)]
    assert summaries[1] == "marked Amy Smith as left on 20/07/2025 (to Moved out of the area)"
    assert summaries[2] == "put Amy Smith back on roll"
    assert [h["action"] for h in pupil_history(actor, pid)] == ["create", "archive", "update"]


def test_leaving_date_checks(actor, add_pupil):
    pid = add_pupil(admission_date="01/09/2022")
    with pytest.raises(ValidationError, match="required"):
        pupils.mark_leaver(actor, pid, 1, "")
    with pytest.raises(ValidationError, match="before the pupil's admission date"):
        pupils.mark_leaver(actor, pid, 1, "01/01/2020")
    with pytest.raises(ValidationError, match="not a real date"):
        pupils.mark_leaver(actor, pid, 1, "31/02/2025")


def test_change_sen_status_keeps_history_k_then_e(actor, add_pupil):
    pid = add_pupil(sen_status="K", primary_need="SLCN", sen_start_date="01/10/2024")
    pupils.change_sen_status(
        actor, pid, "E", "15/03/2026", primary_need="ASD", secondary_need="SLCN", reason="EHC plan issued"
    )
    pupil = pupils.get_pupil(actor, pid)
    assert (pupil.sen_status, pupil.primary_need, pupil.secondary_need) == ("E", "ASD", "SLCN")
    assert [(str(h.start_date), h.status, h.primary_need) for h in pupil.sen_history] == [
        ("2024-10-01", "K", "SLCN"),
        ("2026-03-15", "E", "ASD"),
    ]
    assert pupil_history(actor, pid)[-1]["summary"] == (
        "changed SEN status from K to E; changed SEN status start date from 01/10/2024 to "
        "15/03/2026; changed primary need from SLCN to ASD; changed secondary need from (blank) "
        "to SLCN (EHC plan issued)"
    )


def test_change_sen_status_to_n_clears_needs_and_obeys_census_rules(actor, add_pupil):
    pid = add_pupil(sen_status="K", primary_need="NSA", sen_start_date="01/10/2024")
    with pytest.raises(ValidationError, match="only be used with SEN support"):
        pupils.change_sen_status(actor, pid, "E", "01/01/2026")
    pupils.change_sen_status(actor, pid, "N", "01/01/2026")
    pupil = pupils.get_pupil(actor, pid)
    assert (pupil.sen_status, pupil.primary_need) == ("N", None)
    assert [h.status for h in pupil.sen_history] == ["K", "N"]


def test_editing_needs_in_the_form_adds_a_history_line(actor, add_pupil):
    pid = add_pupil(sen_status="K", primary_need="MLD", sen_start_date="01/10/2024")
    form = pupils.pupil_form(pupils.get_pupil(actor, pid)) | {"primary_need": "SPLD"}
    pupils.update_pupil(actor, pid, 1, form)
    assert [h.primary_need for h in pupils.get_pupil(actor, pid).sen_history] == ["MLD", "SPLD"]


def test_teacher_sees_no_pupils_yet(actor, add_pupil):
    pid = add_pupil()
    teacher = as_user(actor, TEACHER)
    assert pupils.list_register(teacher) == []
    with pytest.raises(PermissionDenied, match="not one of yours"):
        pupils.get_pupil(teacher, pid)
    with pytest.raises(PermissionDenied, match=r"Mr J Bloggs \(Teacher/TA\) is not allowed"):
        pupils.add_pupil(teacher, pupil_form())


def test_office_can_add_but_not_record_sen(actor):
    office = as_user(actor, OFFICE)
    pupils.add_pupil(office, pupil_form())
    with pytest.raises(PermissionDenied):
        pupils.add_pupil(office, pupil_form(sen_status="K", primary_need="MLD"))


def test_find_by_upn_and_former_upn(actor, add_pupil):
    upn, former = make_upn(), "G80120000101A"
    pid = add_pupil(upn=upn, former_upn=former)
    assert pupils.find_pupil_by_upn(actor, upn.lower()).id == pid
    assert pupils.find_pupil_by_upn(actor, former).id == pid
    with pytest.raises(NotFound, match="No pupil has the UPN"):
        pupils.find_pupil_by_upn(actor, "H801200001001")


@pytest.mark.parametrize("given", ["", "   ", "\t", "A12", "not a upn", "1234567890123", None])
def test_find_by_upn_never_matches_a_blank_former_upn(actor, add_pupil, given):
    # `sar --upn ""` exported everything held about the first pupil whose former UPN was blank
    add_pupil(legal_forename="Amy")  # former UPN blank, as most pupils'
    add_pupil(legal_forename="Ben", former_upn="G80120000101A")
    with pytest.raises(ValidationError, match="A UPN has 13 characters"):
        pupils.find_pupil_by_upn(actor, given)


def test_a_former_upn_matches_only_itself(actor, add_pupil):
    pid = add_pupil(legal_forename="Ben", former_upn="G80120000101A")
    add_pupil(legal_forename="Amy")
    assert pupils.find_pupil_by_upn(actor, " g8012 0000101a ").id == pid
    with pytest.raises(NotFound):
        pupils.find_pupil_by_upn(actor, "G80120000102A")


def test_missing_pupil_is_not_found(actor):
    with pytest.raises(NotFound):
        pupils.get_pupil(actor, 12345)


def test_register_rows_show_preferred_names_sorted(actor, add_pupil):
    add_pupil(legal_surname="Zed", legal_forename="Amy")
    add_pupil(
        legal_surname="Able",
        legal_forename="Alexandra",
        preferred_forename="Alex",
        sen_status="E",
        primary_need="ASD",
    )
    rows = pupils.list_register(actor)
    assert [(r.surname, r.forename) for r in rows] == [("Able", "Alex"), ("Zed", "Amy")]
    assert pupils.register_counts(actor) == {"pupils": 2, "K": 0, "E": 1}


def test_reinstating_a_pupil_on_roll_is_refused_and_writes_nothing(actor, add_pupil):
    pid = add_pupil()
    with pytest.raises(ValidationError, match="on roll already"):
        pupils.reinstate_pupil(actor, pid, 1)
    assert len(audit_rows(actor, pid)) == 1
    assert pupils.get_pupil(actor, pid).version == 1
