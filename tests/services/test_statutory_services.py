"""Requests, consultations, plans and reviews through the real services on a temporary school."""

from datetime import date, timedelta

import pytest

from sencodesk.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from sencodesk.domain.users import User
from sencodesk.services import annual_reviews, consultations, ehc_plans, ehcna_requests, pupils
from sencodesk.store import audit

TODAY = date.today()


def uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def days_ago(n: int) -> str:
    return uk(TODAY - timedelta(days=n))


PLAN = {
    "needs": [{"text": "Spoken language well below age", "area": "CI"}],
    "outcomes": [
        {"text": "Will follow two-step instructions in class", "area": "CI", "detail": "July"},
        {"text": "Will read 100 common words", "area": "CL"},
    ],
    "provision": [{"text": "Speech and language programme", "detail": "TA, 3 x 20 min weekly"}],
    "named_school": "Oak Tree Primary",
    "personal_budget": "None requested",
    "section_a": "Likes trains",
    "section_k": "EP report 2024",
}


@pytest.fixture
def sen_pupil(add_pupil):
    return add_pupil(sen_status="K", primary_need="SLCN", sen_start_date="01/09/2023")


def teacher(actor) -> User:
    return User(id=99, username="tt", display_name="T Teacher", role="teacher")


def as_user(actor, user):
    from sencodesk.services.actor import Actor

    return Actor(db=actor.db, user=user, data_dir=actor.data_dir)


# --- EHC plans ------------------------------------------------------------------------------


def test_issuing_a_plan_sets_status_e_from_the_plan_date_with_history(actor, sen_pupil):
    plan_id = ehc_plans.issue_plan(actor, sen_pupil, PLAN | {"plan_date": "10/12/2024"})
    pupil = pupils.get_pupil(actor, sen_pupil)
    assert pupil.sen_status == "E" and pupil.sen_start_date == date(2024, 12, 10)
    assert [(h.status, h.start_date) for h in pupil.sen_history] == [
        ("K", date(2023, 9, 1)),
        ("E", date(2024, 12, 10)),
    ]
    plan = ehc_plans.get_plan(actor, plan_id)
    assert plan.status == "current" and plan.named_school == "Oak Tree Primary"
    assert [o.text for o in plan.outcomes] == [
        "Will follow two-step instructions in class",
        "Will read 100 common words",
    ]
    actions = [(r["entity"], r["action"]) for r in audit.for_pupil(actor.db, sen_pupil)]
    assert ("ehc_plan", "create") in actions and actions.count(("pupil", "update")) == 1


def test_a_plan_that_fails_rolls_back_whole(actor, add_pupil):
    no_need = add_pupil(sen_status="N")
    with pytest.raises(ValidationError):
        ehc_plans.issue_plan(actor, no_need, PLAN | {"plan_date": "10/12/2024"})  # E needs a census need
    assert ehc_plans.current_plan(actor, no_need) is None
    assert pupils.get_pupil(actor, no_need).sen_status == "N"
    for table in ("ehc_plans", "plan_needs", "plan_outcomes", "plan_provision"):
        assert actor.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    ehc_plans.issue_plan(actor, no_need, PLAN | {"plan_date": "10/12/2024", "primary_need": "SLCN"})
    assert pupils.get_pupil(actor, no_need).primary_need == "SLCN"


def test_only_one_current_plan(actor, sen_pupil):
    ehc_plans.issue_plan(actor, sen_pupil, PLAN | {"plan_date": "10/12/2024"})
    with pytest.raises(ValidationError, match="already has a current EHC plan"):
        ehc_plans.issue_plan(actor, sen_pupil, PLAN | {"plan_date": "10/01/2025"})


def test_plan_outcomes_keep_their_ids_when_the_plan_is_edited(actor, sen_pupil):
    plan_id = ehc_plans.issue_plan(actor, sen_pupil, PLAN | {"plan_date": "10/12/2024"})
    first, second = ehc_plans.plan_outcomes(actor, sen_pupil)
    plan = ehc_plans.get_plan(actor, plan_id)
    form = ehc_plans.plan_form(plan)
    form["outcomes"] = [
        {"id": second.id, "text": "Will read 150 common words", "area": "CL"},
        {"text": "Will write a sentence independently", "area": "CL"},
    ]
    ehc_plans.update_plan(actor, plan_id, plan.version, form)
    outcomes = ehc_plans.plan_outcomes(actor, sen_pupil)
    assert [o.text for o in outcomes] == ["Will read 150 common words", "Will write a sentence independently"]
    assert outcomes[0].id == second.id and first.id not in {o.id for o in outcomes}
    assert ehc_plans.plan_provision(actor, sen_pupil)[0].detail == "TA, 3 x 20 min weekly"
    with pytest.raises(Conflict, match="changed this record"):
        ehc_plans.update_plan(actor, plan_id, plan.version, form | {"named_school": "Elm"})


def test_ceasing_a_plan_moves_the_pupil_back_to_k_and_keeps_the_plan(actor, sen_pupil):
    plan_id = ehc_plans.issue_plan(actor, sen_pupil, PLAN | {"plan_date": "10/12/2024"})
    plan = ehc_plans.get_plan(actor, plan_id)
    with pytest.raises(ValidationError):
        ehc_plans.cease_plan(actor, plan_id, plan.version, "01/12/2024")
    ehc_plans.cease_plan(actor, plan_id, plan.version, "01/09/2026", reason="needs met")
    assert pupils.get_pupil(actor, sen_pupil).sen_status == "K"
    assert (
        ehc_plans.current_plan(actor, sen_pupil) is None and ehc_plans.plan_outcomes(actor, sen_pupil) == []
    )
    assert ehc_plans.plans_for_pupil(actor, sen_pupil)[0].status == "ceased"


def test_teachers_cannot_record_plans_and_see_only_their_pupils(actor, sen_pupil):
    ehc_plans.issue_plan(actor, sen_pupil, PLAN | {"plan_date": "10/12/2024"})
    t = as_user(actor, teacher(actor))
    with pytest.raises(PermissionDenied):
        ehc_plans.plan_outcomes(t, sen_pupil)  # not one of theirs (no cycle names them)
    with pytest.raises(PermissionDenied):
        ehcna_requests.record_request(t, sen_pupil, {"requested_by": "school", "sent_on": days_ago(5)})


# --- EHCNA requests -------------------------------------------------------------------------


def test_request_steps_recorded_with_due_dates_and_days_late(actor, sen_pupil):
    request_id = ehcna_requests.record_request(
        actor,
        sen_pupil,
        {
            "requested_by": "school",
            "sent_on": "13/01/2025",
            "pack_reference": "EHCNA-2025-01",
            "la_name": "Kent",
        },
    )
    request = ehcna_requests.get_request(actor, request_id)
    form = ehcna_requests.request_form(request) | {"will_assess": "yes", "decision_on": "03/03/2025"}
    ehcna_requests.update_request(actor, request_id, request.version, form)
    request = ehcna_requests.get_request(actor, request_id)
    decision = {s.key: s for s in request.timeline()}["decision"]
    assert decision.due == date(2025, 2, 24) and decision.days_late(TODAY) == 7
    assert "decision to assess: (blank) -> yes" in audit.for_pupil(actor.db, sen_pupil)[-1]["summary"]
    with pytest.raises(Conflict):
        ehcna_requests.update_request(actor, request_id, request.version - 1, form | {"notes": "chased"})


def test_exceptions_ticked_shift_the_dates_and_can_be_removed(actor, sen_pupil):
    request_id = ehcna_requests.record_request(
        actor, sen_pupil, {"requested_by": "parent", "sent_on": "30/06/2025"}
    )
    exception_id = ehcna_requests.add_exception(
        actor,
        request_id,
        {
            "kind": "school_closed",
            "note": "Summer closure",
            "starts_on": "23/07/2025",
            "ends_on": "02/09/2025",
        },
    )
    steps = {s.key: s for s in ehcna_requests.get_request(actor, request_id).timeline()}
    assert steps["decision"].due == date(2025, 9, 22)
    with pytest.raises(ValidationError, match="4 weeks"):
        ehcna_requests.add_exception(
            actor,
            request_id,
            {"kind": "away", "note": "x", "starts_on": "01/07/2025", "ends_on": "05/07/2025"},
        )
    ehcna_requests.remove_exception(actor, request_id, exception_id)
    steps = {s.key: s for s in ehcna_requests.get_request(actor, request_id).timeline()}
    assert steps["decision"].due == date(2025, 8, 11)
    summaries = [r["summary"] for r in audit.for_pupil(actor.db, sen_pupil)]
    assert any("ticked an exception" in s for s in summaries) and any(
        "removed an exception" in s for s in summaries
    )


def test_issuing_the_plan_from_a_request_closes_it(actor, sen_pupil):
    request_id = ehcna_requests.record_request(
        actor, sen_pupil, {"requested_by": "school", "sent_on": "13/01/2025"}
    )
    ehc_plans.issue_plan(actor, sen_pupil, PLAN | {"plan_date": "30/05/2025"}, request_id=request_id)
    request = ehcna_requests.get_request(actor, request_id)
    assert request.dates.final_plan_on == date(2025, 5, 30) and request.dates.closed
    assert ehcna_requests.requests_for_pupil(actor, sen_pupil)[0].id == request_id


def test_missing_records_say_so(actor):
    with pytest.raises(NotFound):
        ehcna_requests.get_request(actor, 999)
    with pytest.raises(NotFound):
        ehc_plans.get_plan(actor, 999)
    with pytest.raises(NotFound):
        ehcna_requests.record_request(actor, 999, {"requested_by": "school", "sent_on": days_ago(1)})


# --- consultations --------------------------------------------------------------------------


def test_consultation_for_a_prospective_pupil_and_its_reply(actor):
    cid = consultations.record_consultation(
        actor,
        {
            "child_name": "Zara Quinn",
            "child_dob": "02/02/2019",
            "la_name": "Kent",
            "received_on": days_ago(3),
            "papers": "Draft plan, EP report",
        },
    )
    c = consultations.get_consultation(actor, cid)
    assert c.pupil_id is None and c.due_on == TODAY - timedelta(days=3) + timedelta(days=14)
    assert [x.id for x in consultations.list_consultations(actor, open_only=True)] == [cid]
    form = consultations.consultation_form(c) | {
        "reply": "cannot",
        "reasons": "No lift to the first floor",
        "needed": "A ground-floor classroom",
        "sent_on": days_ago(1),
    }
    consultations.update_consultation(actor, cid, c.version, form)
    assert consultations.list_consultations(actor, open_only=True) == []
    assert consultations.get_consultation(actor, cid).reply == "cannot"
    t = as_user(actor, teacher(actor))
    assert consultations.list_consultations(t) == []  # a child not on roll: the SENCO's only
    with pytest.raises(PermissionDenied):
        consultations.get_consultation(t, cid)


# --- annual reviews -------------------------------------------------------------------------


def test_reviews_chain_their_due_dates(actor, sen_pupil):
    plan_id = ehc_plans.issue_plan(actor, sen_pupil, PLAN | {"plan_date": "10/12/2024"})
    # CFA 2014 s44(1): the 12 months starting with 10/12/2024 end on 09/12/2025
    assert annual_reviews.next_review_due(actor, sen_pupil) == date(2025, 12, 9)
    invites = [{"invitee": i["invitee"], "sent_on": "10/11/2025"} for i in annual_reviews.blank_invitations()]
    annual_reviews.record_review(
        actor,
        plan_id,
        {
            "meeting_on": "01/12/2025",
            "invitations": invites,
            "advice_circulated_on": "14/11/2025",
            "report_sent_on": "10/12/2025",
            "la_decision": "keep",
            "la_decision_on": "20/12/2025",
        },
    )
    reviews, next_due = annual_reviews.reviews_for_plan(actor, plan_id)
    assert reviews[0].dates.due_by == date(2025, 12, 9) and next_due == date(2026, 11, 30)
    steps = {s.key: s for s in reviews[0].timeline()}
    assert all(s.days_late(TODAY) == 0 for s in steps.values())
    assert annual_reviews.next_review_due(actor, sen_pupil) == date(2026, 11, 30)


def test_update_review_records_steps_and_refuses_stale_saves(actor, sen_pupil):
    plan_id = ehc_plans.issue_plan(actor, sen_pupil, PLAN | {"plan_date": "10/12/2024"})
    review_id = annual_reviews.record_review(
        actor, plan_id, {"meeting_on": "20/11/2025", "invitations": annual_reviews.blank_invitations()}
    )
    review = annual_reviews.get_review(actor, review_id)
    form = annual_reviews.review_form(review) | {"report_sent_on": "10/12/2025"}
    annual_reviews.update_review(actor, review_id, review.version, form)
    updated = annual_reviews.get_review(actor, review_id)
    report = {s.key: s for s in updated.timeline()}["report"]
    assert report.due == date(2025, 12, 4) and report.days_late(TODAY) == 6
    with pytest.raises(Conflict):
        annual_reviews.update_review(actor, review_id, review.version, form | {"notes": "x"})


def test_year_9_review_report_needs_preparation_for_adulthood_notes(actor, add_pupil):
    pupil_id = add_pupil(
        sen_status="K", primary_need="ASD", year_group="9", dob="01/01/2013", sen_start_date="01/09/2023"
    )
    plan_id = ehc_plans.issue_plan(actor, pupil_id, PLAN | {"plan_date": "10/12/2024"})
    form = {"meeting_on": "01/12/2025", "report_sent_on": "05/12/2025"}
    with pytest.raises(ValidationError, match="preparation for adulthood"):
        annual_reviews.record_review(actor, plan_id, form)
    annual_reviews.record_review(actor, plan_id, form | {"pfa_notes": "Work experience at the garden centre"})


def test_review_flags_phase_transfer_and_preparation_for_adulthood(actor, add_pupil):
    year6 = add_pupil(
        sen_status="K", primary_need="ASD", year_group="6", dob="03/03/2015", sen_start_date="01/09/2023"
    )
    year9 = add_pupil(
        sen_status="K", primary_need="ASD", year_group="9", dob="03/03/2012", sen_start_date="01/09/2023"
    )
    flags = annual_reviews.review_flags(actor, year6, today=date(2026, 11, 29))
    assert flags["phase_transfer"].deadline == date(2027, 2, 14) and flags["preparation_for_adulthood"] == ""
    flags = annual_reviews.review_flags(actor, year9, today=date(2026, 11, 29))
    assert (
        flags["phase_transfer"] is None and "preparation for adulthood" in flags["preparation_for_adulthood"]
    )
    annual_reviews.save_transfer_years(actor, ["6", "9", "11"])
    school_set = annual_reviews.review_flags(actor, year9, today=date(2026, 11, 29))["phase_transfer"]
    assert school_set.deadline == date(2027, 2, 14) and not school_set.statutory
    assert audit.all_rows(actor.db, 1)[0]["summary"] == "changed the phase-transfer year groups"


def test_every_statutory_write_leaves_an_audit_row_in_plain_words(actor, sen_pupil):
    request_id = ehcna_requests.record_request(
        actor, sen_pupil, {"requested_by": "parent", "sent_on": "13/01/2025"}
    )
    plan_id = ehc_plans.issue_plan(
        actor, sen_pupil, PLAN | {"plan_date": "30/05/2025"}, request_id=request_id
    )
    review_id = annual_reviews.record_review(actor, plan_id, {"meeting_on": "01/05/2026"})
    review = annual_reviews.get_review(actor, review_id)
    annual_reviews.update_review(
        actor,
        review_id,
        review.version,
        annual_reviews.review_form(review) | {"report_sent_on": "08/05/2026"},
    )
    cid = consultations.record_consultation(
        actor, {"la_name": "Kent", "received_on": days_ago(2)}, pupil_id=sen_pupil
    )
    c = consultations.get_consultation(actor, cid)
    consultations.update_consultation(
        actor, cid, c.version, consultations.consultation_form(c) | {"reply": "can", "sent_on": days_ago(1)}
    )
    rows = [(r["entity"], r["action"], r["summary"]) for r in audit.for_pupil(actor.db, sen_pupil)]
    entities = [(e, a) for e, a, _ in rows]
    for expected in [
        ("ehcna_request", "create"),
        ("ehc_plan", "create"),
        ("ehcna_request", "update"),
        ("annual_review", "create"),
        ("annual_review", "update"),
        ("consultation", "create"),
        ("consultation", "update"),
    ]:
        assert expected in entities
    summaries = " | ".join(s for _, _, s in rows)
    assert "sent by the parent/carer on 13/01/2025" in summaries
    assert "recorded Amy Smith's annual review meeting on 01/05/2026" in summaries
    assert "updated report sent to the LA" in summaries
    assert "sent the reply to Kent's consultation about Amy Smith" in summaries
