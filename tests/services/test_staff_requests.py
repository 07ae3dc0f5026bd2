"""The SENCO asks staff for their observations; the staff answer (services.staff_requests), on a
real school: who may send, read, answer, decline and withdraw, stale saves, and what a request
does not open up for a teacher."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.domain.errors import Conflict, PermissionDenied, UserError, ValidationError
from sencodesk.domain.staff_requests import DEFAULT_QUESTIONS
from sencodesk.services import audit, cycles, pupils, staff_requests
from sencodesk.store import access
from tests.services.graduated_support import plan_form

TODAY = date(2026, 11, 20)


@pytest.fixture
def school(actor, on_support, make_user, as_user):
    """Amy on SEN support, Mrs Patel named on her cycle; Mr Jones and Miss Hughes teach in the
    school but are named on nothing of Amy's; an office account and the head."""
    patel, jones, hughes = (make_user("teacher", n) for n in ("Mrs K Patel", "Mr T Jones", "Miss L Hughes"))
    office, head = make_user("office", "Mrs O Office"), make_user("head", "Mr H Head")
    pupil_id, cycle_id = on_support(legal_surname="Smith", class_name="4B")
    cycles.save_plan(actor, cycle_id, 1, plan_form(actor, review="10/12/2026", staff=[patel.id]))
    return {
        "senco": actor,
        "pupil": pupil_id,
        "cycle": cycle_id,
        "users": {"patel": patel, "jones": jones, "hughes": hughes, "office": office, "head": head},
        "as": {
            k: as_user(u) for k, u in {"patel": patel, "jones": jones, "office": office, "head": head}.items()
        },
    }


def _send(school, *names: str, **changes) -> int:
    form = {
        "purpose": "cycle_review",
        "due_on": "04/12/2026",
        "note": "Before Amy's review on 10/12.",
        "questions": list(DEFAULT_QUESTIONS),
        "recipients": [school["users"][n].id for n in names],
    } | changes
    return staff_requests.send_request(school["senco"], school["pupil"], form, today=TODAY)


def _asked(school, name: str):
    [mine] = staff_requests.my_requests(school["as"][name])
    return mine


ANSWERS = [
    "Reads slowly but loves stories.",
    "Coloured overlays; pre-taught words.",
    "Below age in reading.",
    "",
]


def test_send_then_the_teacher_answers_and_the_record_shows_it_dated(school):
    request_id = _send(school, "jones", "patel")
    mine = _asked(school, "jones")
    assert mine.pupil.name == "Amy Smith" and mine.pupil.class_name == "4B"
    assert mine.purpose_label == "Before the review of SEN support cycle 1"
    assert mine.questions == DEFAULT_QUESTIONS and mine.due_words(TODAY) == "Reply by 04/12/2026 (in 14 days)"
    staff_requests.answer_request(
        school["as"]["jones"],
        mine.recipient_id,
        mine.version,
        {"subject": "English", "answers": ANSWERS},
        today=date(2026, 11, 25),
    )
    assert staff_requests.my_requests(school["as"]["jones"]) == []  # answered: off their dashboard
    [request] = staff_requests.requests_for_pupil(school["senco"], school["pupil"])
    assert request.id == request_id and request.progress() == "1 of 2 answered"
    jones = next(r for r in request.recipients if r.name == "Mr T Jones")
    assert jones.status_label == "Answered on 25/11/2026" and jones.subject == "English"
    assert [a.answer for a in jones.answers] == ANSWERS
    assert jones.answers[0].question == DEFAULT_QUESTIONS[0]  # each answer keeps its question
    [obs] = staff_requests.observations_for_pupil(school["senco"], school["pupil"])
    assert (obs.teacher, obs.subject, obs.answered_on) == ("Mr T Jones", "English", date(2026, 11, 25))
    assert len(obs.answers) == 3  # the blank answer is not evidence
    # the head reads it too; the awaited list still holds Mrs Patel's part
    assert staff_requests.requests_for_pupil(school["as"]["head"], school["pupil"]) == [request]
    [awaited] = staff_requests.awaited_requests(school["senco"])
    assert (awaited.request_id, awaited.awaiting, awaited.asked) == (request_id, 1, 2)
    assert awaited.words(TODAY) == "Reply by 04/12/2026: Amy Smith, 1 of 2 awaited"
    assert awaited.words(date(2026, 12, 5)) == "Overdue: wanted by 04/12/2026: Amy Smith, 1 of 2 awaited"
    history = [e["summary"] for e in audit.pupil_history(school["senco"], school["pupil"])]
    assert any(s.startswith("asked 2 members of staff for their observations") for s in history)
    assert any(s.startswith("answered the request for observations of 20/11/2026 (English)") for s in history)


def test_a_teacher_not_asked_cannot_read_or_answer_it(school):
    _send(school, "jones")
    mine = _asked(school, "jones")
    patel = school["as"]["patel"]  # named on Amy's cycle, but not asked
    assert staff_requests.my_requests(patel) == []
    with pytest.raises(PermissionDenied, match="sent to another member of staff"):
        staff_requests.request_for_me(patel, mine.recipient_id)
    with pytest.raises(PermissionDenied):
        staff_requests.answer_request(
            patel, mine.recipient_id, mine.version, {"subject": "x", "answers": ["y"]}
        )
    with pytest.raises(PermissionDenied):
        staff_requests.decline_request(patel, mine.recipient_id, mine.version, "Not mine")
    with pytest.raises(PermissionDenied):  # nor the pupil's requests, though Amy is hers
        staff_requests.requests_for_pupil(patel, school["pupil"])
    assert staff_requests.request_for_me(school["as"]["jones"], mine.recipient_id).status == "sent"


def test_the_senco_and_head_cannot_answer_for_a_teacher(school):
    _send(school, "jones")
    mine = _asked(school, "jones")
    for who in (school["senco"], school["as"]["head"]):
        with pytest.raises(PermissionDenied):
            staff_requests.answer_request(
                who, mine.recipient_id, mine.version, {"subject": "x", "answers": ["y"]}
            )


def test_the_office_is_refused_everything(school):
    request_id = _send(school, "jones")
    mine = _asked(school, "jones")
    office, pupil = school["as"]["office"], school["pupil"]
    calls = [
        lambda: staff_requests.recipient_choices(office, pupil),
        lambda: staff_requests.new_request_form(office, pupil),
        lambda: staff_requests.send_request(office, pupil, {"recipients": [school["users"]["jones"].id]}),
        lambda: staff_requests.withdraw_request(office, request_id, 1),
        lambda: staff_requests.requests_for_pupil(office, pupil),
        lambda: staff_requests.awaited_requests(office),
        lambda: staff_requests.observations_for_pupil(office, pupil),
        lambda: staff_requests.my_requests(office),
        lambda: staff_requests.request_for_me(office, mine.recipient_id),
        lambda: staff_requests.answer_request(
            office, mine.recipient_id, 1, {"subject": "x", "answers": ["y"]}
        ),
        lambda: staff_requests.decline_request(office, mine.recipient_id, 1, "No"),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()


def test_being_asked_does_not_make_the_pupil_the_teachers(school):
    _send(school, "jones")
    jones = school["as"]["jones"]
    assert not access.is_teachers_pupil(jones.db, jones.user.id, school["pupil"])
    assert school["pupil"] not in {r.id for r in pupils.list_register(jones)}
    for call in (
        lambda: cycles.pupil_record(jones, school["pupil"]),
        lambda: cycles.get_cycle(jones, school["cycle"]),
        lambda: staff_requests.observations_for_pupil(jones, school["pupil"]),
    ):
        with pytest.raises(PermissionDenied):
            call()
    # what the request shows them: the name, class, why, the note and questions, nothing of SEN
    shown = _asked(school, "jones")
    assert not hasattr(shown, "sen_status") and not hasattr(shown.pupil, "primary_need")


def test_a_stale_answer_is_refused_naming_who_and_when(school):
    _send(school, "jones")
    mine = _asked(school, "jones")
    jones = school["as"]["jones"]
    staff_requests.answer_request(
        jones, mine.recipient_id, mine.version, {"subject": "Maths", "answers": ["A"]}
    )
    with pytest.raises(Conflict, match=r"Mr T Jones changed this record at \d\d/\d\d/\d{4} \d\d:\d\d"):
        staff_requests.answer_request(
            jones, mine.recipient_id, mine.version, {"subject": "Maths", "answers": ["B"]}
        )
    again = staff_requests.request_for_me(jones, mine.recipient_id)
    assert again.answers[0].answer == "A"  # the first save stands
    staff_requests.answer_request(
        jones, mine.recipient_id, again.version, {"subject": "Maths", "answers": ["C"]}
    )
    assert staff_requests.request_for_me(jones, mine.recipient_id).answers[0].answer == "C"


def test_an_answer_after_the_senco_withdrew_is_refused_naming_them(school):
    request_id = _send(school, "jones", "patel")
    mine = _asked(school, "jones")
    patel = _asked(school, "patel")
    staff_requests.answer_request(
        school["as"]["patel"],
        patel.recipient_id,
        patel.version,
        {"subject": "Class teacher", "answers": ["Kind"]},
    )
    staff_requests.withdraw_request(school["senco"], request_id, 1, today=TODAY)
    with pytest.raises(Conflict, match=r"SENCO withdrew this request on \d\d/\d\d/\d{4} at \d\d:\d\d"):
        staff_requests.answer_request(
            school["as"]["jones"], mine.recipient_id, mine.version, {"subject": "PE", "answers": ["Fast"]}
        )
    assert staff_requests.my_requests(school["as"]["jones"]) == []  # off their dashboard
    [request] = staff_requests.requests_for_pupil(school["senco"], school["pupil"])
    assert request.status == "withdrawn" and request.withdrawn_on == TODAY
    assert {r.name: r.status for r in request.recipients} == {
        "Mr T Jones": "withdrawn",
        "Mrs K Patel": "answered",
    }
    assert len(staff_requests.observations_for_pupil(school["senco"], school["pupil"])) == 1  # answers stay
    assert staff_requests.awaited_requests(school["senco"]) == []
    with pytest.raises(UserError, match="already withdrawn"):
        staff_requests.withdraw_request(school["senco"], request_id, 2)


def test_a_stale_withdrawal_is_refused(school):
    request_id = _send(school, "jones")
    staff_requests.withdraw_request(school["senco"], request_id, 1)
    with pytest.raises(UserError):
        staff_requests.withdraw_request(school["senco"], request_id, 1)


def test_decline_needs_a_reason_and_the_senco_sees_it(school):
    _send(school, "jones")
    mine = _asked(school, "jones")
    jones = school["as"]["jones"]
    with pytest.raises(ValidationError, match="Say why you cannot answer"):
        staff_requests.decline_request(jones, mine.recipient_id, mine.version, "  ")
    staff_requests.decline_request(jones, mine.recipient_id, mine.version, "I do not teach Amy this year.")
    [request] = staff_requests.requests_for_pupil(school["senco"], school["pupil"])
    [r] = request.recipients
    assert (r.status, r.declined_reason) == ("declined", "I do not teach Amy this year.")
    assert request.progress() == "0 of 1 answered, 1 declined"
    assert staff_requests.awaited_requests(school["senco"]) == []
    assert staff_requests.observations_for_pupil(school["senco"], school["pupil"]) == []


def test_an_answered_request_cannot_be_declined(school):
    _send(school, "jones")
    mine = _asked(school, "jones")
    jones = school["as"]["jones"]
    staff_requests.answer_request(
        jones, mine.recipient_id, mine.version, {"subject": "Art", "answers": ["Neat"]}
    )
    with pytest.raises(UserError, match="answered this request already"):
        staff_requests.decline_request(jones, mine.recipient_id, mine.version + 1, "Changed my mind")


def test_what_a_send_needs_is_said_by_each_field(school):
    with pytest.raises(ValidationError) as e:
        staff_requests.send_request(
            school["senco"],
            school["pupil"],
            {"purpose": "other", "due_on": "01/01/2020", "questions": ["", " "], "recipients": []},
            today=TODAY,
        )
    assert set(e.value.field_errors) == {"due_on", "questions", "recipients", "note"}
    office = school["users"]["office"].id
    with pytest.raises(ValidationError, match="active Teacher/TA accounts only"):
        _send(school, recipients=[office])
    with pytest.raises(ValidationError, match="more than a year away"):
        _send(school, "jones", due_on="04/12/2028")
    with pytest.raises(ValidationError, match="at most 10 questions"):
        _send(school, "jones", questions=[f"Question {i}?" for i in range(11)])


def test_a_review_purpose_needs_an_open_cycle_and_a_leaver_is_not_asked_about(school, add_pupil):
    no_cycle = add_pupil(legal_surname="Nocycle")
    form = {"purpose": "cycle_review", "due_on": "04/12/2026", "recipients": [school["users"]["jones"].id]}
    with pytest.raises(ValidationError, match="No SEN support cycle is open"):
        staff_requests.send_request(
            school["senco"], no_cycle, form | {"questions": ["How is she?"]}, today=TODAY
        )
    staff_requests.send_request(
        school["senco"], no_cycle, form | {"purpose": "ehcna", "questions": ["How is she?"]}, today=TODAY
    )
    p = pupils.get_pupil(school["senco"], no_cycle)
    pupils.mark_leaver(school["senco"], no_cycle, p.version, "19/11/2026")
    assert staff_requests.my_requests(school["as"]["jones"]) == []  # a leaver's request is not awaited
    with pytest.raises(ValidationError, match="left on 19/11/2026"):
        staff_requests.send_request(school["senco"], no_cycle, form | {"purpose": "ehcna"}, today=TODAY)


def test_an_answer_needs_a_subject_and_one_answer(school):
    _send(school, "jones")
    mine = _asked(school, "jones")
    with pytest.raises(ValidationError) as e:
        staff_requests.answer_request(
            school["as"]["jones"], mine.recipient_id, mine.version, {"subject": "", "answers": ["", " "]}
        )
    assert set(e.value.field_errors) == {"subject", "answers"}
    with pytest.raises(ValidationError, match="longer than 5,000"):
        staff_requests.answer_request(
            school["as"]["jones"],
            mine.recipient_id,
            mine.version,
            {"subject": "Art", "answers": ["x" * 5001]},
        )


def test_choices_suggest_the_pupils_staff_and_the_class_teacher_first(school, on_support, actor):
    hughes = school["users"]["hughes"]
    _other, other_cycle = on_support(legal_surname="Other", class_name="4B")  # same class, Miss Hughes's
    cycles.save_plan(actor, other_cycle, 1, plan_form(actor, staff=[hughes.id]))
    _send(school, "jones")
    choices = staff_requests.recipient_choices(actor, school["pupil"])
    by_name = {c.name: c for c in choices}
    assert by_name["Mrs K Patel"].reasons == ("named on cycle 1 (open)",)
    assert by_name["Miss L Hughes"].reasons == ("named for 1 other pupil in class 4B",)
    assert by_name["Mr T Jones"].reasons == ("already asked on 20/11/2026, not answered yet",)
    assert not by_name["Mr T Jones"].can_sign_in  # no password yet: the dialog says so
    assert [c.name for c in choices if c.ticked] == ["Mrs K Patel"]  # Amy's own staff, not yet asked
    assert {c.name for c in choices} == {"Mrs K Patel", "Miss L Hughes", "Mr T Jones"}  # teachers only


def test_the_new_form_suggests_the_review_and_a_date_before_it(school):
    form = staff_requests.new_request_form(school["senco"], school["pupil"], today=TODAY)
    assert form["purpose"] == "cycle_review"
    assert form["purposes"][0] == (
        "cycle_review",
        "Before the review of SEN support cycle 1 (review date 10/12/2026)",
    )
    assert form["due_on"] == "04/12/2026"  # 5 days before the review, sooner than 2 weeks
    assert form["questions"] == list(DEFAULT_QUESTIONS)


def test_observations_in_a_period_only(school):
    _send(school, "jones")
    mine = _asked(school, "jones")
    staff_requests.answer_request(
        school["as"]["jones"],
        mine.recipient_id,
        mine.version,
        {"subject": "Art", "answers": ["Neat"]},
        today=date(2026, 11, 25),
    )
    get = staff_requests.observations_for_pupil
    assert len(get(school["senco"], school["pupil"], since=date(2026, 11, 25), until=date(2026, 11, 25))) == 1
    assert get(school["senco"], school["pupil"], since=date(2026, 11, 26)) == []
    assert get(school["senco"], school["pupil"], until=date(2026, 11, 24)) == []


def test_deleting_the_pupil_for_good_takes_the_requests_with_it(school):
    _send(school, "jones")
    db = school["senco"].db
    db.execute("DELETE FROM pupils WHERE id = ?", [school["pupil"]])
    assert db.execute("SELECT COUNT(*) FROM staff_requests").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM staff_request_recipients").fetchone()[0] == 0


def _pdf_text(path) -> str:
    import re

    from pypdf import PdfReader

    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def _answered(school, on: date, text: str) -> None:
    _send(school, "jones", purpose="ehcna")
    mine = _asked(school, "jones")
    form = {"subject": "Science", "answers": [text, "Working in pairs."]}
    staff_requests.answer_request(school["as"]["jones"], mine.recipient_id, mine.version, form, today=on)


def test_answers_appear_in_the_ehcna_pack_read_back(school, tmp_path):
    from sencodesk.services import packs

    _answered(school, date(2026, 11, 22), "Asks good questions; cannot read the worksheet.")
    path = tmp_path / "ehcna.pdf"
    packs.export_ehcna(school["senco"], school["pupil"], path, today=date(2026, 11, 29))
    text = _pdf_text(path)
    start = text.find("Observations from staff")
    assert text.find("Attainment and progress over time") < start < text.find("The graduated approach")
    section = text[start:]
    assert "Mr T Jones (Science), 22/11/2026" in section
    assert "Asks good questions; cannot read the worksheet." in section and "Working in pairs." in section
    assert DEFAULT_QUESTIONS[0] in section
    # a year on, the answer is no longer printed as current evidence
    packs.export_ehcna(school["senco"], school["pupil"], path, today=date(2027, 12, 1))
    assert "Observations from staff" not in _pdf_text(path)


def test_answers_in_the_review_period_appear_in_the_annual_review_report(school, tmp_path):
    from sencodesk.services import annual_review_pack, annual_reviews, ehc_plans

    from .test_plan_links import PLAN

    senco = school["senco"]
    ehc_plans.issue_plan(senco, school["pupil"], PLAN, today=TODAY)
    plan = ehc_plans.current_plan(senco, school["pupil"])
    annual_reviews.record_review(senco, plan.id, {"meeting_on": "18/11/2026"}, today=TODAY)
    _answered(school, date(2026, 11, 17), "Settles well in practicals.")
    path = tmp_path / "review.pdf"
    annual_review_pack.export_annual_review(senco, school["pupil"], path, today=date(2026, 11, 29))
    text = _pdf_text(path)
    assert "Observations from staff in the review period" in text
    assert "Mr T Jones (Science), 17/11/2026" in text and "Settles well in practicals." in text
    # an answer after the meeting belongs to the next review's period
    _answered(school, date(2026, 11, 25), "Later words.")
    model = annual_review_pack.annual_review_model(senco, school["pupil"], today=date(2026, 11, 29))
    assert [o.answered_on for o in model.observations] == [date(2026, 11, 17)]


def test_without_an_open_cycle_the_senco_chooses_why(school, add_pupil):
    pupil = add_pupil(legal_surname="Nocycle")
    form = staff_requests.new_request_form(school["senco"], pupil, today=TODAY)
    assert form["purpose"] == "" and "cycle_review" not in dict(form["purposes"])
    assert form["due_on"] == "04/12/2026"  # two weeks
