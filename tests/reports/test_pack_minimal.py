"""Every pack builds from the least a record can hold: nothing raises, gaps are named."""

from __future__ import annotations

from datetime import date

from sencodesk.reports import ehcna, profile, referral, summary
from sencodesk.reports.models import (
    ChildInfo,
    EhcnaModel,
    ProfileModel,
    ReferralModel,
    SchoolInfo,
    SummaryModel,
)

from .pack_samples import pdf_text

DAY = date(2026, 11, 29)


def bare_child() -> ChildInfo:
    return ChildInfo(legal_forename="Zoë", legal_surname="Ńowak", dob=None, year_group="")


def test_bare_ehcna(tmp_path):
    m = EhcnaModel(school=SchoolInfo(name=""), child=bare_child(), printed_on=DAY)
    text = pdf_text(ehcna.build(m, tmp_path / "e.pdf"))
    assert "Zoë Ńowak" in text and "CONSENT NOT RECORDED" in text
    assert text.count("Not yet recorded") >= 10
    assert len(m.missing()) >= 10


def test_bare_referral(tmp_path):
    m = ReferralModel(school=SchoolInfo(name="S"), child=bare_child(), service="sts", printed_on=DAY)
    text = pdf_text(referral.build(m, tmp_path / "r.pdf"))
    assert "CONSENT NOT RECORDED" in text and "Reason for referral Not yet recorded" in text


def test_bare_profile_and_summary(tmp_path):
    p = ProfileModel(school=SchoolInfo(name="S"), known_as="Zoë", year_group="", printed_on=DAY)
    assert "All about Zoë" in pdf_text(profile.build(p, tmp_path / "p.pdf"))
    s = SummaryModel(school=SchoolInfo(name="S"), date_from=DAY, date_to=DAY, printed_on=DAY, on_roll=0)
    text = pdf_text(summary.build(s, tmp_path / "s.pdf"))
    assert "Pupils on roll 0" in text and "No referrals were made in this period." in text
