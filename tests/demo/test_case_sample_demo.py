"""The demo school has a realistic mix of complete and gappy records for the inclusion case
sample: every kind the demo leaves out on purpose is found, most records are still complete, each
pupil's pack says exactly what the whole-school list says, and a gappy pupil's PDF reads back."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from pypdf import PdfReader

from sencodesk.demo import build_demo
from sencodesk.reports.case_sample import SECTIONS
from sencodesk.services import case_sample
from sencodesk.services.actor import open_school

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-case-sample")
    summary = build_demo(folder, phase="primary", seed=2718, today=TODAY)
    actor = open_school(folder)
    yield actor, summary
    actor.close()


def test_the_demo_mixes_complete_and_gappy_records(school):
    actor, summary = school
    found = case_sample.school_gaps(actor, today=TODAY)
    kinds = Counter(g.key for p in found.pupils for g in p.gaps)
    # what demo/case_gaps.py leaves out on purpose, and what a busy term leaves on its own
    assert {"no_parent_voice", "no_pupil_voice", "parents_not_told", "no_assessment", "no_sessions"} <= set(
        kinds
    )
    assert kinds["review_overdue"] > 0
    share = len(found.with_gaps) / len(found.pupils)
    assert 0.2 < share < 0.75, share  # a real school's mix: many complete, a good few not
    gappy = {p.pupil.pupil_id for p in found.with_gaps}
    assert set(summary["gap_pupils"]) <= gappy  # every record the demo left incomplete is found
    # a complete record to show beside them, with an EHC plan (the sample always has one)
    assert any(p.sen_status == "E" and not p.gaps for p in found.pupils)


def test_each_pupils_pack_says_what_the_list_says(school):
    actor, _ = school
    for p in case_sample.school_gaps(actor, today=TODAY).pupils:
        model = case_sample.case_sample_model(actor, p.pupil.pupil_id, today=TODAY)
        assert [(g.key, g.what) for g in model.gaps] == [(g.key, g.what) for g in p.gaps], p.pupil.name


def test_a_gappy_pupils_case_sample_reads_back(school, tmp_path):
    actor, _ = school
    found = case_sample.school_gaps(actor, today=TODAY)
    worst = max(found.pupils, key=lambda p: (len(p.gaps), p.cycles))
    result = case_sample.export_case_sample(actor, worst.pupil.pupil_id, tmp_path / "worst.pdf", today=TODAY)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(result.path).pages)
    assert f"Inclusion case sample: {worst.pupil.name}" in text
    for gap in worst.gaps:
        assert gap.what in text


def test_a_complete_ehc_plan_record_reads_back_with_every_section_and_no_gap(school, tmp_path):
    actor, _ = school
    found = case_sample.school_gaps(actor, today=TODAY)
    clean = next(p for p in found.pupils if p.sen_status == "E" and not p.gaps)
    result = case_sample.export_case_sample(actor, clean.pupil.pupil_id, tmp_path / "clean.pdf", today=TODAY)
    pages = PdfReader(result.path).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert [title for title in SECTIONS if title not in text] == []
    assert "Nothing: the record meets every check listed at the end of this document." in text
    assert "EHC plan dated" in text and len(pages) <= 8  # a few pages: the richest demo record is 8


def test_a_missing_parent_voice_is_said_in_words_in_the_pack(school, tmp_path):
    actor, _ = school
    found = case_sample.school_gaps(actor, today=TODAY)
    quiet = next(p for p in found.pupils if any(g.key == "no_parent_voice" for g in p.gaps))
    gap = next(g for g in quiet.gaps if g.key == "no_parent_voice")
    result = case_sample.export_case_sample(actor, quiet.pupil.pupil_id, tmp_path / "quiet.pdf", today=TODAY)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(result.path).pages)
    assert re.search(r"Cycle \d+: the parents' views are not recorded", text)
    assert gap.what in text and gap.to_close in text
