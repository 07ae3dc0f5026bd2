"""Referrals with consent, involvements and the EHCNA request text, through the services."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from sencodesk.domain.errors import Conflict, PermissionDenied, ValidationError
from sencodesk.domain.users import User
from sencodesk.services import referrals
from sencodesk.store import audit

TODAY = date(2026, 11, 29)
CONSENT = {
    "given_by": "Jo Smith",
    "relationship": "Mother",
    "given_on": "25/11/2026",
    "method": "signed",
    "consent_to_refer": "yes",
    "share_with": ["Educational psychology", "School nurse"],
    "exclusions": "Not the youth service",
}


@pytest.fixture
def referral(actor, add_pupil):
    pid = add_pupil(sen_status="K", primary_need="SLCN")
    rid = referrals.add_referral(
        actor,
        pid,
        {
            "service": "camhs",
            "referred_on": "20/11/2026",
            "reason": "Anxiety stops him coming to school",
            "asks": "Assessment",
            "answers": {"risk": "None known", "duration": "Since Easter"},
        },
        today=TODAY,
    )
    return pid, rid


def actions(actor, entity):
    return [(r["action"], r["entity"]) for r in reversed(audit.all_rows(actor.db)) if r["entity"] == entity]


def test_add_referral_is_a_draft_with_its_answers_and_an_audit_row(actor, referral):
    _pid, rid = referral
    r = referrals.get_referral(actor, rid)
    assert (r.status, r.service, r.answers["risk"]) == ("draft", "camhs", "None known")
    assert r.consent is None
    assert ("create", "referral") in actions(actor, "referral")


def test_cannot_be_marked_sent_without_consent_and_nothing_changes(actor, referral):
    _, rid = referral
    r = referrals.get_referral(actor, rid)
    with pytest.raises(ValidationError, match="cannot be marked sent: no consent is recorded"):
        referrals.set_referral_status(actor, rid, r.version, "sent")
    assert referrals.get_referral(actor, rid).status == "draft"
    assert actions(actor, "referral") == [("create", "referral")]


def test_new_referral_typed_as_sent_is_refused_not_quietly_made_a_draft(actor, add_pupil):
    pid = add_pupil()
    with pytest.raises(ValidationError, match="no consent"):
        referrals.add_referral(
            actor,
            pid,
            {"service": "ep", "referred_on": "20/11/2026", "reason": "x", "status": "sent"},
            today=TODAY,
        )
    assert actor.db["referrals"].count == 0


def test_consent_then_sent(actor, referral):
    pid, rid = referral
    referrals.record_consent(actor, rid, CONSENT, today=TODAY)
    r = referrals.get_referral(actor, rid)
    assert r.has_consent_to_refer and r.consent.share_with == ["Educational psychology", "School nurse"]
    referrals.set_referral_status(actor, rid, r.version, "sent")
    r = referrals.get_referral(actor, rid)
    assert r.status == "sent" and r.version == 2
    summaries = [row["summary"] for row in audit.for_pupil(actor.db, pid)]
    assert any("Jo Smith agreed to the Child and adolescent" in s for s in summaries)
    assert any(
        "marked the Child and adolescent mental health services (CAMHS) referral sent" in s for s in summaries
    )


def test_refused_consent_blocks_sending(actor, referral):
    _, rid = referral
    referrals.record_consent(actor, rid, CONSENT | {"consent_to_refer": "no"}, today=TODAY)
    r = referrals.get_referral(actor, rid)
    with pytest.raises(ValidationError, match="Jo Smith did not agree"):
        referrals.set_referral_status(actor, rid, r.version, "sent")


def test_stale_edit_is_a_conflict(actor, referral):
    _, rid = referral
    referrals.record_consent(actor, rid, CONSENT, today=TODAY)
    r = referrals.get_referral(actor, rid)
    referrals.set_referral_status(actor, rid, r.version, "sent", outcome_notes="Posted")
    with pytest.raises(Conflict, match="SENCO changed this referral"):
        referrals.set_referral_status(actor, rid, r.version, "accepted")


def test_update_referral_keeps_every_field_and_checks_status(actor, referral):
    _, rid = referral
    r = referrals.get_referral(actor, rid)
    form = {
        "service": "camhs",
        "referred_on": "21/11/2026",
        "reason": "Worse now",
        "asks": "Urgent assessment",
        "answers": r.answers | {"impact": "Missing lessons"},
        "status": "draft",
    }
    referrals.update_referral(actor, rid, r.version, form, today=TODAY)
    r2 = referrals.get_referral(actor, rid)
    assert (r2.reason, r2.asks, r2.answers["impact"], r2.referred_on) == (
        "Worse now",
        "Urgent assessment",
        "Missing lessons",
        date(2026, 11, 21),
    )
    with pytest.raises(ValidationError):
        referrals.update_referral(actor, rid, r2.version, form | {"status": "sent"}, today=TODAY)


def test_teacher_cannot_add_referrals(actor, add_pupil):
    pid = add_pupil()
    teacher = replace(actor, user=User(id=5, username="t", display_name="Mr T", role="teacher"))
    with pytest.raises(PermissionDenied):
        referrals.add_referral(teacher, pid, {"service": "ep", "referred_on": "20/11/2026", "reason": "x"})


def test_involvements(actor, add_pupil):
    pid = add_pupil()
    iid = referrals.add_involvement(
        actor, pid, {"service": "ep", "professional": "Dr Jones", "started_on": "01/02/2026"}, today=TODAY
    )
    referrals.update_involvement(
        actor,
        iid,
        1,
        {
            "service": "ep",
            "professional": "Dr Jones",
            "started_on": "01/02/2026",
            "latest_report_on": "15/03/2026",
            "summary": "Report sent",
        },
        today=TODAY,
    )
    [inv] = referrals.involvements_for_pupil(actor, pid)
    assert (inv.service, inv.latest_report_on, inv.version) == (
        "Educational psychology",
        date(2026, 3, 15),
        2,
    )
    with pytest.raises(Conflict):
        referrals.update_involvement(actor, iid, 1, {"service": "ep", "summary": "stale"}, today=TODAY)
    assert [a for a, _ in actions(actor, "involvement")] == ["create", "update"]


def test_ehcna_draft_create_update_and_conflict(actor, add_pupil):
    pid = add_pupil()
    assert referrals.get_ehcna_draft(actor, pid) is None
    form = {
        "request_kind": "new",
        "request_date": "20/11/2026",
        "now_needed": "Specialist teaching",
        "la_answers": {"typical_day": "Struggles at lunch"},
        "attendance_pct": "92",
    }
    did = referrals.save_ehcna_draft(actor, pid, 0, form, today=TODAY)
    d = referrals.get_ehcna_draft(actor, pid)
    assert (d.id, d.now_needed, d.la_answers, d.attendance_pct) == (
        did,
        "Specialist teaching",
        {"typical_day": "Struggles at lunch"},
        92.0,
    )
    referrals.save_ehcna_draft(actor, pid, d.version, form | {"outcomes_sought": "Reads at age level"})
    assert referrals.get_ehcna_draft(actor, pid).version == 2
    with pytest.raises(Conflict):
        referrals.save_ehcna_draft(actor, pid, 1, form | {"outcomes_sought": "stale"})
    row = [r for r in audit.for_pupil(actor.db, pid) if r["entity"] == "ehcna_draft"][-1]
    assert json.loads(row["changes"])["outcomes_sought"] == ["", "Reads at age level"]


def test_ehcna_consent(actor, add_pupil):
    pid = add_pupil()
    referrals.record_ehcna_consent(actor, pid, CONSENT, today=TODAY)
    [c] = referrals.ehcna_consents(actor, pid)
    assert c.consent_to_refer and c.referral_id is None and c.exclusions == "Not the youth service"
