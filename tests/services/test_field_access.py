"""Least privilege field by field (issue 13): the office sees no SEN free text, a teacher not the
SENCO's notes, referrals or consents, and nobody can test a guess at what is hidden from them.

Each test drives the real services on a real school as the role concerned; the rules themselves
are declared once in sencodesk/domain/field_access.py.
"""

from __future__ import annotations

import pytest

from sencodesk.domain.errors import PermissionDenied
from sencodesk.domain.field_access import is_hidden
from sencodesk.services import cycles, ehcna_requests, pupils, referrals
from sencodesk.services.actor import Actor
from sencodesk.services.audit import pupil_history
from tests.helpers import pupil_form
from tests.services.graduated_support import TODAY, plan_form

DIAGNOSIS = "Diagnosed with ADHD by CAMHS in March; mum asked that this is not shared."
REFERRAL = {"service": "camhs", "referred_on": "20/11/2026", "reason": "Anxiety", "asks": "Assessment"}


def _audit_rows(actor: Actor) -> int:
    return actor.db.execute("SELECT COUNT(*) FROM audit").fetchone()[0]


@pytest.fixture
def school(actor, on_support, make_user, as_user):
    """A pupil on SEN support whose plan names the teacher (theirs), with the SENCO's note."""
    teacher = make_user("teacher", "Mr T Jones")
    pupil_id, cycle_id = on_support(legal_surname="Mine")
    cycles.save_plan(actor, cycle_id, 1, plan_form(actor, staff=[teacher.id]))
    p = pupils.get_pupil(actor, pupil_id)
    pupils.update_pupil(actor, pupil_id, p.version, pupils.pupil_form(p) | {"notes": DIAGNOSIS})
    return {
        "pupil": pupil_id,
        "senco": actor,
        "teacher": as_user(teacher),
        "office": as_user(make_user("office", "Mrs O Desk")),
        "head": as_user(make_user("head", "Dr H Head")),
    }


def test_the_office_does_not_read_the_senco_notes(school):
    office, pupil_id = school["office"], school["pupil"]
    for p in (pupils.get_pupil(office, pupil_id), pupils.find_pupil_by_upn(office, _upn(school))):
        assert is_hidden(p.notes) and str(p.notes) == "hidden"
        assert "notes" in p.hidden
        assert DIAGNOSIS not in repr(p)
    assert pupils.pupil_form(pupils.get_pupil(office, pupil_id))["notes"] == "hidden"


def _upn(school) -> str:
    return pupils.get_pupil(school["senco"], school["pupil"]).upn


def test_the_office_cannot_add_to_the_notes_and_nothing_is_written(school):
    office, pupil_id = school["office"], school["pupil"]
    p = pupils.get_pupil(office, pupil_id)
    before = _audit_rows(office)
    for typed in ("Also dyslexic.", DIAGNOSIS + " Also dyslexic."):
        with pytest.raises(PermissionDenied, match=r"kept by the SENCO\. Nothing was saved"):
            pupils.update_pupil(office, pupil_id, p.version, pupils.pupil_form(p) | {"notes": typed})
    assert pupils.get_pupil(school["senco"], pupil_id).notes == DIAGNOSIS
    assert _audit_rows(office) == before
    # what the office may change is saved, and the note it never saw is kept as it was
    pupils.update_pupil(office, pupil_id, p.version, pupils.pupil_form(p) | {"class_name": "3Z"})
    kept = pupils.get_pupil(school["senco"], pupil_id)
    assert (kept.class_name, kept.notes) == ("3Z", DIAGNOSIS)


def test_the_office_cannot_add_a_pupil_with_notes(school):

    office = school["office"]
    before = _audit_rows(office)
    with pytest.raises(PermissionDenied, match="Only the SENCO can change a pupil's notes"):
        pupils.add_pupil(office, pupil_form(notes="Has an EHC plan in another LA"))
    with pytest.raises(PermissionDenied):
        pupils.add_pupils(office, [pupil_form(notes="Autistic")])
    assert _audit_rows(office) == before


def test_the_office_cannot_test_a_guess_at_the_sen_status(school):
    """Refusing only a wrong guess would tell the office the right one: every guess is refused
    alike (the pupil is K)."""
    office, pupil_id = school["office"], school["pupil"]
    p = pupils.get_pupil(office, pupil_id)
    refusals = []
    for guess in ("K", "N", "E"):
        with pytest.raises(PermissionDenied) as refused:
            pupils.update_pupil(office, pupil_id, p.version, pupils.pupil_form(p) | {"sen_status": guess})
        refusals.append(refused.value.message)
    assert len(set(refusals)) == 1


def test_a_teacher_does_not_read_the_senco_notes_of_their_own_pupil(school):
    mine = pupils.get_pupil(school["teacher"], school["pupil"])
    assert mine.primary_need == "SPLD"  # what teaching needs is there
    assert is_hidden(mine.notes) and mine.hidden == {"notes"}
    assert pupils.get_pupil(school["head"], school["pupil"]).notes == DIAGNOSIS  # the head reads all


def test_the_history_never_quotes_a_hidden_field(school):
    pupil_id = school["pupil"]
    theirs = " ".join(e["summary"] for e in pupil_history(school["teacher"], pupil_id))
    assert "ADHD" not in theirs
    assert "changed notes (kept by the SENCO)" in theirs
    senco = school["senco"]
    assert "changed the notes" in " ".join(e["summary"] for e in pupil_history(senco, pupil_id))
    # the words themselves are kept once, in the audit row's before/after (not in its summary)
    changes = senco.db.execute(
        "SELECT changes FROM audit WHERE pupil_id = ? AND changes LIKE '%ADHD%'", [pupil_id]
    ).fetchall()
    assert changes


def test_a_teacher_reads_no_referral_consent_or_request_text_but_sees_who_is_involved(school):
    senco, teacher, pupil_id = school["senco"], school["teacher"], school["pupil"]
    referral_id = referrals.add_referral(senco, pupil_id, REFERRAL, today=TODAY)
    referrals.add_involvement(
        senco,
        pupil_id,
        {"service": "ep", "professional": "Dr Jones", "started_on": "01/02/2026"},
        today=TODAY,
    )
    for call in (
        lambda a: referrals.referrals_for_pupil(a, pupil_id),
        lambda a: referrals.get_referral(a, referral_id),
        lambda a: referrals.latest_referral(a, pupil_id, "camhs"),
        lambda a: referrals.ehcna_consents(a, pupil_id),
        lambda a: referrals.get_ehcna_draft(a, pupil_id),
    ):
        with pytest.raises(PermissionDenied, match="kept by the SENCO"):
            call(teacher)
        call(school["head"])  # the head reads them
    assert [i.professional for i in referrals.involvements_for_pupil(teacher, pupil_id)] == ["Dr Jones"]
    # nor does their history say a referral was made (or to whom)
    theirs = " ".join(e["summary"] for e in pupil_history(teacher, pupil_id))
    assert "referral" not in theirs and "involvement" in theirs


def test_a_teacher_sees_the_request_dates_but_not_its_appeal_or_notes(school):
    senco, pupil_id = school["senco"], school["pupil"]
    request_id = ehcna_requests.record_request(
        senco,
        pupil_id,
        {
            "requested_by": "parent",
            "sent_on": "13/01/2026",
            "notes": "Dad is angry",
            "appeal_note": "Tribunal",
        },
    )
    for request in (
        ehcna_requests.get_request(school["teacher"], request_id),
        *ehcna_requests.requests_for_pupil(school["teacher"], pupil_id),
    ):
        assert request.la_name == "" and request.requested_by == "parent"
        assert is_hidden(request.notes) and is_hidden(request.appeal_note)
    assert ehcna_requests.get_request(school["head"], request_id).notes == "Dad is angry"


def test_the_office_is_not_told_how_many_are_on_the_register(school, add_pupil):
    add_pupil(legal_surname="Other", sen_status="K", primary_need="MLD", sen_start_date="01/09/2025")
    assert pupils.register_counts(school["office"]) == {"pupils": 2}
    assert pupils.register_counts(school["head"]) == {"pupils": 2, "K": 2, "E": 0}
    # a teacher counts their own pupils, as their register lists them
    assert pupils.register_counts(school["teacher"]) == {"pupils": 1, "K": 1, "E": 0}
