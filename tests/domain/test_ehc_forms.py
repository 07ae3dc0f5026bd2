"""Form checks for requests, exceptions, consultations, plans and reviews: good and bad input."""

from datetime import date

import pytest

from sencodesk.domain import ehc
from sencodesk.domain.errors import ValidationError

TODAY = date(2026, 11, 29)


def errors_of(fn, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(ValidationError) as e:
        fn(*args, **kwargs)
    return e.value.field_errors


# --- requests ------------------------------------------------------------------------------


def test_a_minimal_request_is_who_sent_it_and_when():
    values = ehc.clean_request({"requested_by": "parent", "sent_on": "02/09/2026"}, today=TODAY)
    assert values["requested_by"] == "parent" and values["sent_on"] == date(2026, 9, 2)
    assert values["will_assess"] is None and values["final_plan_on"] is None


def test_request_needs_who_and_a_real_past_date():
    errors = errors_of(ehc.clean_request, {"sent_on": "31/02/2026"}, today=TODAY)
    assert "requested_by" in errors and "February 2026 has 28 days" in errors["sent_on"]
    errors = errors_of(ehc.clean_request, {"requested_by": "school", "sent_on": "01/12/2026"}, today=TODAY)
    assert "in the future" in errors["sent_on"]
    assert "requested_by" in errors_of(
        ehc.clean_request, {"requested_by": "GP", "sent_on": "01/09/2026"}, today=TODAY
    )


@pytest.mark.parametrize(
    "form, field, words",
    [
        ({"decision_on": "01/10/2026"}, "will_assess", "decided to assess"),
        ({"will_assess": "yes"}, "decision_on", "date of the LA's decision"),
        ({"will_assess": "maybe", "decision_on": "01/10/2026"}, "will_assess", "not yes or no"),
        ({"will_assess": "yes", "decision_on": "01/08/2026"}, "decision_on", "before the request"),
        ({"advice_sent_on": "01/10/2026"}, "advice_requested_on", "asked for the school's advice"),
        (
            {"advice_requested_on": "10/10/2026", "advice_sent_on": "01/10/2026"},
            "advice_sent_on",
            "before the LA asked",
        ),
        ({"comments_returned_on": "01/10/2026"}, "draft_received_on", "draft plan was received"),
        (
            {"will_assess": "no", "decision_on": "01/10/2026", "draft_received_on": "05/10/2026"},
            "will_assess",
            "refused to assess",
        ),
        (
            {
                "will_assess": "yes",
                "decision_on": "01/10/2026",
                "final_plan_on": "20/11/2026",
                "no_plan_on": "20/11/2026",
            },
            "no_plan_on",
            "not both",
        ),
        ({"la_received_on": "01/08/2026"}, "la_received_on", "before the date sent"),
    ],
)
def test_request_steps_must_make_sense(form, field, words):
    errors = errors_of(
        ehc.clean_request, {"requested_by": "school", "sent_on": "02/09/2026"} | form, today=TODAY
    )
    assert words in errors[field]


def test_request_with_every_step_in_order():
    form = {
        "requested_by": "school",
        "sent_on": "02/03/2026",
        "la_received_on": "03/03/2026",
        "will_assess": "Yes",
        "decision_on": "10/04/2026",
        "advice_requested_on": "15/04/2026",
        "advice_sent_on": "20/05/2026",
        "draft_received_on": "01/07/2026",
        "comments_returned_on": "10/07/2026",
        "final_plan_on": "20/07/2026",
        "appeal_note": "None",
    }
    values = ehc.clean_request(form, today=TODAY)
    assert values["will_assess"] is True and values["final_plan_on"] == date(2026, 7, 20)


# --- exceptions ----------------------------------------------------------------------------


def test_exception_good_and_bad():
    exc = ehc.clean_exception(
        {
            "kind": "school_closed",
            "note": "Summer closure",
            "starts_on": "22/07/2026",
            "ends_on": "01/09/2026",
        },
        advice_requested_on=date(2026, 7, 16),
    )
    assert exc.days == 42
    assert "note" in errors_of(ehc.clean_exception, {"kind": "personal", "note": ""})
    assert (
        "4 weeks"
        in errors_of(
            ehc.clean_exception,
            {"kind": "away", "note": "Abroad", "starts_on": "01/07/2026", "ends_on": "10/07/2026"},
        )["starts_on"]
    )
    assert "kind" in errors_of(ehc.clean_exception, {"kind": "strike", "note": "x"})
    assert ehc.clean_exception({"kind": "personal", "note": "Bereavement"}).starts_on is None


# --- consultations -------------------------------------------------------------------------


def test_consultation_for_a_child_not_on_roll_needs_name_and_dob():
    errors = errors_of(
        ehc.clean_consultation, {"la_name": "Kent", "received_on": "20/11/2026"}, today=TODAY, on_roll=False
    )
    assert set(errors) == {"child_name", "child_dob"}
    values = ehc.clean_consultation(
        {
            "child_name": "Zara Quinn",
            "child_dob": "02/02/2019",
            "la_name": "Kent",
            "received_on": "20/11/2026",
        },
        today=TODAY,
        on_roll=False,
    )
    assert values["due_on"] == date(2026, 12, 4)


def test_consultation_reply_rules():
    base = {"la_name": "Kent", "received_on": "20/11/2026"}
    assert "reasons" in errors_of(
        ehc.clean_consultation, base | {"reply": "cannot"}, today=TODAY, on_roll=True
    )
    assert "reply" in errors_of(
        ehc.clean_consultation, base | {"sent_on": "25/11/2026"}, today=TODAY, on_roll=True
    )
    assert "sent_on" in errors_of(
        ehc.clean_consultation, base | {"reply": "can", "sent_on": "19/11/2026"}, today=TODAY, on_roll=True
    )
    assert "la_name" in errors_of(
        ehc.clean_consultation, {"received_on": "20/11/2026"}, today=TODAY, on_roll=True
    )
    ok = ehc.clean_consultation(base | {"reply": "CAN", "sent_on": "25/11/2026"}, today=TODAY, on_roll=True)
    assert ok["reply"] == "can" and ok["child_name"] == ""


# --- plans ---------------------------------------------------------------------------------

PLAN = {
    "plan_date": "10/12/2024",
    "needs": [{"text": "Difficulty with spoken language", "area": "ci"}],
    "outcomes": [{"text": "By the end of Year 4, will talk in sentences", "detail": "July 2026"}],
    "provision": [{"text": "Speech therapy programme", "detail": "TA, 3 x 20 min weekly"}],
    "section_a": "Loves dinosaurs",
    "named_school": "Oak Tree Primary",
}


def test_plan_keeps_lists_and_text_sections():
    values = ehc.clean_plan(PLAN, today=TODAY)
    assert values["plan_date"] == date(2024, 12, 10)
    assert values["needs"][0].area == "CI"
    assert values["outcomes"][0].detail == "July 2026"
    assert values["section_a"] == "Loves dinosaurs" and values["section_k"] == ""


def test_plan_needs_b_e_and_f_and_real_areas():
    errors = errors_of(ehc.clean_plan, {"plan_date": "10/12/2024"}, today=TODAY)
    assert set(errors) == {"needs", "outcomes", "provision"}
    errors = errors_of(ehc.clean_plan, PLAN | {"needs": [{"text": "x", "area": "MATHS"}]}, today=TODAY)
    assert "not a broad area" in errors["needs.0"]
    errors = errors_of(ehc.clean_plan, PLAN | {"outcomes": [{"text": "", "detail": "July"}]}, today=TODAY)
    assert "no text" in errors["outcomes.0"]
    assert "plan_date" in errors_of(ehc.clean_plan, PLAN | {"plan_date": ""}, today=TODAY)


def test_empty_rows_in_a_plan_table_are_ignored_not_errors():
    values = ehc.clean_plan(
        PLAN | {"needs": [{"text": "Reading"}, {"text": "", "area": "", "detail": ""}]}, today=TODAY
    )
    assert len(values["needs"]) == 1


# --- reviews -------------------------------------------------------------------------------


def test_review_can_be_booked_ahead_but_later_steps_cannot_be_recorded_ahead():
    booked = ehc.clean_review({"meeting_on": "10/01/2027"}, plan_date=date(2024, 12, 10), today=TODAY)
    assert booked["meeting_on"] == date(2027, 1, 10)
    errors = errors_of(
        ehc.clean_review,
        {"meeting_on": "10/01/2027", "report_sent_on": "20/01/2027"},
        plan_date=date(2024, 12, 10),
        today=TODAY,
    )
    assert "in the future" in errors["report_sent_on"]


@pytest.mark.parametrize(
    "form, field",
    [
        ({"meeting_on": "01/12/2024"}, "meeting_on"),  # before the plan
        ({"meeting_on": "01/11/2026", "la_decision": "amend"}, "la_decision_on"),
        ({"meeting_on": "01/11/2026", "la_decision_on": "10/11/2026"}, "la_decision"),
        (
            {
                "meeting_on": "01/11/2026",
                "la_decision": "keep",
                "la_decision_on": "10/11/2026",
                "amendment_notice_on": "12/11/2026",
            },
            "la_decision",
        ),
        ({"meeting_on": "01/11/2026", "la_decision": "scrap", "la_decision_on": "10/11/2026"}, "la_decision"),
        ({"meeting_on": "01/11/2026", "report_sent_on": "30/10/2026"}, "report_sent_on"),
        (
            {"meeting_on": "01/11/2026", "invitations": [{"invitee": "mayor", "sent_on": "01/10/2026"}]},
            "invitations.0",
        ),
        (
            {"meeting_on": "01/11/2026", "invitations": [{"invitee": "other", "sent_on": "01/10/2026"}]},
            "invitations.0",
        ),
    ],
)
def test_review_bad_input(form, field):
    assert field in errors_of(ehc.clean_review, form, plan_date=date(2024, 12, 10), today=TODAY)


def test_review_invitations_kept_per_invitee():
    values = ehc.clean_review(
        {
            "meeting_on": "01/11/2026",
            "invitations": [
                {"invitee": "parent", "sent_on": "10/10/2026"},
                {"invitee": "health", "sent_on": ""},
                {"invitee": "other", "name": "Educational psychologist", "sent_on": "12/10/2026"},
                {"invitee": "other", "name": "", "sent_on": ""},
            ],
        },
        plan_date=date(2024, 12, 10),
        today=TODAY,
    )
    invites = values["invitations"]
    assert [(i.invitee, i.sent_on) for i in invites] == [
        ("parent", date(2026, 10, 10)),
        ("health", None),
        ("other", date(2026, 10, 12)),
    ]
    assert invites[2].label == "Educational psychologist" and invites[0].label.startswith("Parent")


def test_consultation_due_date_may_be_the_las_earlier_date_never_later():
    base = {"la_name": "Kent", "received_on": "20/11/2026"}
    assert ehc.clean_consultation(base | {"due_on": "27/11/2026"}, today=TODAY, on_roll=True)[
        "due_on"
    ] == date(2026, 11, 27)
    errors = errors_of(ehc.clean_consultation, base | {"due_on": "10/12/2026"}, today=TODAY, on_roll=True)
    assert "by 04/12/2026" in errors["due_on"]
