"""Referral packs for each service, with and without consent."""

from __future__ import annotations

import pytest

from sencodesk.domain.referrals import SERVICE_QUESTIONS, SERVICES
from sencodesk.reports import referral
from sencodesk.reports.models import ConsentInfo

from .pack_samples import UPN, page_count, pdf_text


def test_core_and_service_fields(tmp_path, referral_model):
    text = pdf_text(referral.build(referral_model, tmp_path / "r.pdf", invariant=True))
    for fact in (
        "Referral to Speech and language therapy",
        UPN,
        "Amelia O'Brien-Smith",
        "Millie's speech is hard for adults to understand",
        "English and Polish",
        "Hearing test normal",
        "Assessment of speech sounds",
        "Joanna O'Brien",
        "Speech and language therapy",
        "Talk Boost group",
    ):
        assert fact in text, fact
    assert "CONSENT NOT RECORDED" not in text
    # the sections in order
    heads = [
        "1. Referral",
        "2. The child",
        "3. Family",
        "4. SEN status",
        "5. Reason",
        "6. What has been tried",
        "7. Other professionals",
        "8. Questions for",
        "9. What the school",
        "10. Consent",
    ]
    found = [text.find(h) for h in heads]
    assert -1 not in found and found == sorted(found)


@pytest.mark.parametrize("service", list(SERVICES))
def test_every_service_prints_its_own_questions(tmp_path, referral_model, service):
    referral_model.service = service
    text = pdf_text(referral.build(referral_model, tmp_path / f"{service}.pdf", invariant=True))
    for _, label in SERVICE_QUESTIONS[service]:
        assert label[:40] in text, label


def test_no_consent_prints_the_banner_and_lists_it_missing(tmp_path, referral_model):
    referral_model.consent = None
    text = pdf_text(referral.build(referral_model, tmp_path / "r.pdf", invariant=True))
    assert text.count("CONSENT NOT RECORDED") >= 2  # at the top and in the consent section
    assert referral_model.missing()[0].startswith("Consent to the referral")


def test_refused_consent_also_prints_the_banner(tmp_path, referral_model):
    referral_model.consent = ConsentInfo(
        "Joanna O'Brien", "Mother", referral_model.referred_on, "Verbal", False
    )
    text = pdf_text(referral.build(referral_model, tmp_path / "r.pdf", invariant=True))
    assert "CONSENT NOT RECORDED" in text and "did not agree" in text


def test_answers_to_unlisted_questions_are_kept(tmp_path, referral_model):
    referral_model.answers["older_question"] = "An answer typed in an older version"
    text = pdf_text(referral.build(referral_model, tmp_path / "r.pdf", invariant=True))
    assert "An answer typed in an older version" in text


def test_long_reason_grows_the_pack(tmp_path, referral_model):
    short = page_count(referral.build(referral_model, tmp_path / "a.pdf", invariant=True))
    referral_model.reason = "Worry " * 6000
    assert page_count(referral.build(referral_model, tmp_path / "b.pdf", invariant=True)) > short + 2


def test_staff_observations_go_with_a_referral_when_answered(tmp_path, referral_model):
    from .pack_samples import observations

    assert "Observations from staff" not in pdf_text(referral.build(referral_model, tmp_path / "a.pdf"))
    referral_model.observations = observations()
    text = pdf_text(referral.build(referral_model, tmp_path / "b.pdf"))
    start = text.find("Observations from staff")
    assert text.find("What has been tried") < start < text.find("Other professionals involved")
    assert "Mr D Okafor (PE), 20/11/2026" in text and "A picture card for each station." in text
