"""Referral, consent, involvement and EHCNA request rules (domain.md §6, §7)."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.domain.errors import ValidationError
from sencodesk.domain.referrals import (
    Consent,
    Referral,
    check_status_change,
    clean_consent,
    clean_ehcna_draft,
    clean_involvement,
    clean_referral,
)

TODAY = date(2026, 11, 29)


def referral_form(**kw) -> dict:
    return {"service": "ep", "referred_on": "20/11/2026", "reason": "Slow progress"} | kw


def consent(agreed=True, on=date(2026, 11, 1), cid=1) -> Consent:
    return Consent("Jo Smith", "Mother", on, "signed", agreed, id=cid)


def test_clean_referral_good():
    r = clean_referral(
        referral_form(service="SALT", answers={"hearing": " fine ", "blank": "  "}), 7, today=TODAY
    )
    assert (r.service, r.referred_on, r.status, r.pupil_id) == ("salt", date(2026, 11, 20), "draft", 7)
    assert r.answers == {"hearing": "fine"}


@pytest.mark.parametrize(
    "field,value,words",
    [
        ("service", "physio", "Choose the service"),
        ("referred_on", "31/02/2026", "not a real date"),
        ("referred_on", "", "Referral date is required"),
        ("referred_on", "01/01/2027", "in the future"),
        ("reason", "  ", "Say why you are referring"),
        ("status", "lost", "Status is one of"),
    ],
)
def test_clean_referral_bad(field, value, words):
    with pytest.raises(ValidationError) as e:
        clean_referral(referral_form(**{field: value}), 1, today=TODAY)
    assert words in e.value.field_errors[field]


def test_clean_consent_good_and_share_list_from_text():
    c = clean_consent(
        {
            "given_by": "Jo",
            "given_on": "01/11/2026",
            "method": "Email",
            "consent_to_refer": "yes",
            "share_with": "EP, School nurse, ",
        },
        today=TODAY,
    )
    assert c.consent_to_refer is True and c.method == "email"
    assert c.share_with == ["EP", "School nurse"]


@pytest.mark.parametrize(
    "field,value,words",
    [
        ("given_by", "", "Who gave consent"),
        ("given_on", "", "required"),
        ("method", "telepathy", "signed form, verbal or email"),
        ("consent_to_refer", "maybe", "yes or no"),
        ("consent_to_refer", None, "yes or no"),
    ],
)
def test_clean_consent_bad(field, value, words):
    form = {"given_by": "Jo", "given_on": "01/11/2026", "method": "verbal", "consent_to_refer": "no"}
    with pytest.raises(ValidationError) as e:
        clean_consent(form | {field: value}, today=TODAY)
    assert words in e.value.field_errors[field]


def test_cannot_send_without_consent():
    r = Referral(1, "ep", TODAY)
    for status in ("sent", "accepted", "declined", "seen", "closed"):
        with pytest.raises(ValidationError, match="no consent is recorded"):
            check_status_change(r, status)
    check_status_change(r, "draft")


def test_refused_consent_blocks_and_the_latest_record_counts():
    r = Referral(1, "ep", TODAY, consents=[consent(True, date(2026, 10, 1), 1)])
    check_status_change(r, "sent")
    r.consents.append(consent(False, date(2026, 11, 1), 2))  # consent withdrawn later
    with pytest.raises(ValidationError, match="did not agree"):
        check_status_change(r, "sent")
    r.consents.append(consent(True, date(2026, 11, 1), 3))  # same day, recorded after: counts
    check_status_change(r, "sent")


def test_involvement_rules():
    i = clean_involvement(
        {
            "service": "salt",
            "professional": "Ms Lee",
            "started_on": "01/09/2026",
            "latest_report_on": "01/10/2026",
        },
        3,
        today=TODAY,
    )
    assert i.service == "Speech and language therapy" and i.started_on == date(2026, 9, 1)
    assert clean_involvement({"service": "School nurse"}, 3, today=TODAY).service == "School nurse"
    with pytest.raises(ValidationError) as e:
        clean_involvement(
            {"service": "ep", "started_on": "01/10/2026", "ended_on": "01/09/2026"}, 3, today=TODAY
        )
    assert "ends before it starts" in e.value.field_errors["ended_on"]
    with pytest.raises(ValidationError) as e:
        clean_involvement({"service": ""}, 3, today=TODAY)
    assert "service" in e.value.field_errors


def test_ehcna_draft_rules():
    d = clean_ehcna_draft(
        {"request_kind": "re-request", "attendance_pct": "93.5%", "la_answers": {"q1": "Yes", "q2": ""}},
        1,
        today=TODAY,
    )
    assert d.request_kind == "re" and d.attendance_pct == 93.5 and d.la_answers == {"q1": "Yes"}
    for form, field in (
        ({"attendance_pct": "lots"}, "attendance_pct"),
        ({"attendance_pct": "120"}, "attendance_pct"),
        ({"request_kind": "urgent"}, "request_kind"),
        ({"request_date": "32/01/2026"}, "request_date"),
    ):
        with pytest.raises(ValidationError) as e:
            clean_ehcna_draft(form, 1, today=TODAY)
        assert field in e.value.field_errors
