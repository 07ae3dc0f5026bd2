"""add_pupils: a whole roll at once, all or nothing, with rows named in every message."""

import pytest

from sencodesk.domain.errors import PermissionDenied, ValidationError
from sencodesk.domain.users import User
from sencodesk.services import pupils
from sencodesk.services.actor import Actor
from tests.helpers import make_upn, pupil_form


def pupil_count(actor):
    return actor.db.execute("SELECT COUNT(*) FROM pupils").fetchone()[0]


def test_adds_every_row_with_history_contacts_and_audit(actor):
    forms = [
        pupil_form(legal_forename="Amy"),
        pupil_form(
            legal_forename="Ben",
            gender="M",
            sen_status="K",
            primary_need="SLCN",
            sen_start_date="01/10/2025",
            contacts=[{"name": "Sarah Smith", "phone": "07700 900123"}],
        ),
    ]
    ids = pupils.add_pupils(actor, forms)
    assert len(ids) == 2
    ben = pupils.get_pupil(actor, ids[1])
    assert ben.display_name == "Ben Smith" and ben.sen_status == "K"
    assert [(str(h.start_date), h.status) for h in ben.sen_history] == [("2025-10-01", "K")]
    assert [c.name for c in ben.contacts] == ["Sarah Smith"]
    audit = list(actor.db.query("SELECT action, pupil_id FROM audit WHERE entity = 'pupil'"))
    assert audit == [{"action": "create", "pupil_id": ids[0]}, {"action": "create", "pupil_id": ids[1]}]


def test_a_bad_row_refuses_the_whole_batch_and_names_the_row(actor):
    forms = [pupil_form(), pupil_form(legal_forename="Cara", dob="31/02/2019"), pupil_form()]
    with pytest.raises(ValidationError) as e:
        pupils.add_pupils(actor, forms)
    assert e.value.field_errors == {
        "row 2.dob": "Row 2 (Cara Smith): Date of birth: '31/02/2019' is not a real date: "
        "February 2019 has 28 days."
    }
    assert pupil_count(actor) == 0


def test_duplicate_upn_in_the_file_names_the_row_and_the_holder(actor, add_pupil):
    upn = make_upn()
    pid = add_pupil(upn=upn, legal_forename="Ben", legal_surname="Jones")
    pupils.mark_leaver(actor, pid, 1, "20/07/2025")
    with pytest.raises(ValidationError) as e:
        pupils.add_pupils(actor, [pupil_form(), pupil_form(upn=upn, legal_forename="Dan")])
    assert e.value.field_errors == {
        "row 2.upn": f"Row 2 (Dan Smith): UPN {upn} already belongs to "
        "Ben Jones (a leaver). Each pupil has their own UPN."
    }
    assert pupil_count(actor) == 1


def test_duplicate_upn_within_the_batch_names_both_rows(actor):
    upn = make_upn()
    with pytest.raises(ValidationError) as e:
        pupils.add_pupils(actor, [pupil_form(upn=upn), pupil_form(), pupil_form(upn=upn.lower())])
    assert e.value.field_errors == {
        "row 3.upn": f"Row 3 (Amy Smith): UPN {upn} is also on row 1. Each pupil has their own UPN."
    }
    assert pupil_count(actor) == 0


def test_empty_batch_is_fine(actor):
    assert pupils.add_pupils(actor, []) == []


def test_sen_rows_need_the_sen_permission(actor):
    office = Actor(db=actor.db, user=User(8, "office", "Mrs Office", "office"), data_dir=actor.data_dir)
    assert len(pupils.add_pupils(office, [pupil_form()])) == 1
    with pytest.raises(PermissionDenied):
        pupils.add_pupils(office, [pupil_form(), pupil_form(sen_status="E", primary_need="ASD")])
    assert pupil_count(actor) == 1
