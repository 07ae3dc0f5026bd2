"""What each role sees: the office gets no SEN detail, a teacher only their own pupils."""

import pytest

from sencodesk.domain.errors import PermissionDenied
from sencodesk.domain.field_access import is_hidden
from sencodesk.domain.users import User
from sencodesk.services import pupils
from sencodesk.services.actor import Actor
from tests.helpers import pupil_form


def as_role(actor, role, user_id=99):
    return Actor(db=actor.db, user=User(user_id, role, f"A {role}", role), data_dir=actor.data_dir)


@pytest.fixture
def sen_pupil(add_pupil):
    return add_pupil(
        sen_status="K",
        primary_need="SPLD",
        secondary_need="SLCN",
        sen_start_date="01/09/2025",
        legal_surname="Ahmed",
    )


def test_office_sees_basic_details_but_no_sen(actor, sen_pupil):
    office = as_role(actor, "office")
    p = pupils.get_pupil(office, sen_pupil)
    assert p.legal_surname == "Ahmed"
    # hidden, and saying so: never "" or None, which read as "no SEN" / "no need recorded"
    sen = (p.sen_status, p.primary_need, p.secondary_need, p.sen_start_date, p.notes)
    assert all(is_hidden(v) for v in sen) and str(p.sen_status) == "hidden"
    assert p.sen_history == [] and {"sen_history", "sen_status", "notes"} <= p.hidden
    row = next(r for r in pupils.list_register(office) if r.id == sen_pupil)
    assert all(is_hidden(v) for v in (row.sen_status, row.primary_need, row.secondary_need, row.next_review))
    senco_row = next(r for r in pupils.list_register(actor) if r.id == sen_pupil)
    assert (senco_row.sen_status, senco_row.primary_need) == ("K", "SPLD")


def test_office_edit_keeps_the_sen_record_it_cannot_see(actor, sen_pupil):
    office = as_role(actor, "office")
    form = pupils.pupil_form(pupils.get_pupil(office, sen_pupil)) | {"class_name": "5C"}
    pupils.update_pupil(office, sen_pupil, pupils.get_pupil(office, sen_pupil).version, form)
    p = pupils.get_pupil(actor, sen_pupil)
    assert (p.class_name, p.sen_status, p.primary_need, p.secondary_need) == ("5C", "K", "SPLD", "SLCN")
    assert len(p.sen_history) == 1  # no new SEN history line either


def test_office_typing_a_sen_change_is_refused_not_dropped(actor, sen_pupil):
    office = as_role(actor, "office")
    p = pupils.get_pupil(office, sen_pupil)
    form = pupils.pupil_form(p) | {"sen_status": "N", "class_name": "5C"}
    with pytest.raises(PermissionDenied, match="Only the SENCO"):
        pupils.update_pupil(office, sen_pupil, p.version, form)
    assert pupils.get_pupil(actor, sen_pupil).class_name == "3B"  # nothing saved


def test_office_cannot_add_a_pupil_on_the_register(actor):
    with pytest.raises(PermissionDenied):
        pupils.add_pupil(
            as_role(actor, "office"),
            pupil_form(sen_status="K", primary_need="MLD", sen_start_date="01/09/2025"),
        )
    pupils.add_pupil(as_role(actor, "office"), pupil_form())  # a pupil not on the register: fine


def test_teacher_cannot_see_pupils_not_theirs(actor, sen_pupil):
    teacher = as_role(actor, "teacher")
    assert pupils.list_register(teacher) == []
    with pytest.raises(PermissionDenied, match="not one of yours"):
        pupils.get_pupil(teacher, sen_pupil)
    with pytest.raises(PermissionDenied):
        pupils.find_pupil_by_upn(teacher, pupils.get_pupil(actor, sen_pupil).upn)


def test_head_reads_everything_and_changes_nothing(actor, sen_pupil):
    head = as_role(actor, "head")
    p = pupils.get_pupil(head, sen_pupil)
    assert p.primary_need == "SPLD"
    with pytest.raises(PermissionDenied):
        pupils.update_pupil(head, sen_pupil, p.version, pupils.pupil_form(p) | {"class_name": "X"})
    with pytest.raises(PermissionDenied):
        pupils.change_sen_status(head, sen_pupil, "N", "01/10/2025")
