import pytest

from sencodesk.domain.errors import PermissionDenied, ValidationError
from sencodesk.domain.users import User
from sencodesk.services import settings
from sencodesk.services.actor import Actor, open_school


def test_new_school_is_not_set_up(data_dir):
    s = open_school(data_dir)
    try:
        assert not settings.is_set_up(s)
        assert settings.school_title(s) == "SENCO desk"
    finally:
        s.close()


def test_school_details_saved_with_la_name_filled_and_audited(actor):
    assert settings.is_set_up(actor)
    assert settings.school_title(actor) == "SENCO desk — Oak Tree Primary"
    assert settings.get_settings(actor)["la_name"] == "West Sussex"
    settings.save_school(actor, settings.get_settings(actor) | {"school_name": "Oak Tree Academy"})
    assert settings.get_settings(actor)["school_name"] == "Oak Tree Academy"  # cache refreshed
    summaries = [r["summary"] for r in actor.db.query("SELECT summary FROM audit WHERE entity = 'settings'")]
    assert summaries == ["changed the school's details"] * 2


def test_bad_school_details_name_each_field(actor):
    with pytest.raises(ValidationError) as e:
        settings.save_school(
            actor,
            {"school_name": "", "urn": "12", "la_number": "93", "estab_number": "20011", "senco_name": ""},
        )
    assert set(e.value.field_errors) == {"school_name", "urn", "la_number", "estab_number", "senco_name"}
    assert settings.get_settings(actor)["school_name"] == "Oak Tree Primary"


def test_only_the_senco_edits_school_details(actor):
    head = Actor(db=actor.db, user=User(3, "head", "Mr Head", "head"), data_dir=actor.data_dir)
    with pytest.raises(PermissionDenied):
        settings.save_school(head, settings.get_settings(actor))


def test_a_dialog_size_is_kept_for_the_person_who_chose_it(actor):
    teacher = Actor(db=actor.db, user=User(7, "teacher", "Mr T", "teacher"), data_dir=actor.data_dir)
    assert settings.dialog_size(actor, "ReviewDialog") is None
    settings.remember_dialog_size(actor, "ReviewDialog", 820, 640)
    settings.remember_dialog_size(teacher, "ReviewDialog", 700, 500)
    settings.remember_dialog_size(actor, "TriageDialog", 600, 400)
    assert settings.dialog_size(actor, "ReviewDialog") == (820, 640)
    assert settings.dialog_size(teacher, "ReviewDialog") == (700, 500)
    assert settings.dialog_size(teacher, "TriageDialog") is None
    # not a change to the school's records: nothing in the audit trail
    audited = actor.db.query("SELECT id FROM audit WHERE entity = 'settings' AND summary LIKE '%size%'")
    assert not list(audited)
