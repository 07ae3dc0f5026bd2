"""The governors' summary: numbers only, small numbers hidden, optional named list."""

from __future__ import annotations

import re
from datetime import date

import pytest

from sencodesk.reports import summary
from sencodesk.reports.models import Count, NamedPupil, SpendLine, SummaryModel

from .pack_samples import PRINTED, pdf_text, school


@pytest.fixture
def model() -> SummaryModel:
    return SummaryModel(
        school(),
        date(2026, 9, 1),
        date(2027, 8, 31),
        PRINTED,
        on_roll=400,
        by_status=[Count("SEN support", 57), Count("EHC plan", 3)],
        by_need=[
            Count("SLCN - Speech, language and communication needs", 30),
            Count("HI - Hearing impairment", 2),
        ],
        by_year=[Count("Year 1", 28), Count("Year 2", 32)],
        by_gender=[Count("Female", 24), Count("Male", 36)],
        overlaps=[Count("Pupil premium", 20), Count("Looked after", 1)],
        register_trend=[Count("03/10/2025", 50), Count("15/01/2026", 55), Count("02/10/2026", 60)],
        referrals=[("Educational psychology", "Sent", 7)],
        spend=[SpendLine("Talk Boost", 120_050), SpendLine("1:1 reading", 80_000)],
    )


def test_counts_percentages_and_totals(tmp_path, model):
    text = pdf_text(summary.build(model, tmp_path / "s.pdf", invariant=True))
    assert "Pupils on roll 400" in text
    assert "60 (15.0%)" in text  # on the register
    assert "57 (14.2%)" in text
    assert "30 50.0%" in text  # SLCN share of the register
    assert "£2,000.50" in text  # spend total
    assert "Educational psychology Sent 7" in text


def test_small_numbers_are_fewer_than_5_without_percentages(tmp_path, model):
    text = pdf_text(summary.build(model, tmp_path / "s.pdf", invariant=True))
    assert "EHC plan fewer than 5" in text
    assert "HI - Hearing impairment fewer than 5" in text
    assert "Looked after fewer than 5" in text
    # EHC plan 3 of 60 (5.0%), HI 2 of 60 (3.3%), looked after 1 of 60 (1.7%): never shown
    assert not re.search(r"(?<![\d.])(5\.0|3\.3|1\.7)%", text)


def test_shown_and_percent_rules():
    assert [summary.shown(n) for n in (0, 1, 4, 5, 1234)] == [
        "0",
        "fewer than 5",
        "fewer than 5",
        "5",
        "1,234",
    ]
    assert (
        summary.percent(4, 10) == ""
        and summary.percent(5, 10) == "50.0%"
        and summary.percent(0, 10) == "0.0%"
    )
    assert summary.percent(5, 0) == ""


def test_no_names_by_default_and_named_list_on_request(tmp_path, model):
    text = pdf_text(summary.build(model, tmp_path / "s.pdf", invariant=True))
    assert "named list" not in text.lower()
    model.named = [NamedPupil("Millie O'Brien", "Year 4", "SEN support", "SLCN")]
    text = pdf_text(summary.build(model, tmp_path / "n.pdf", invariant=True))
    assert "Appendix: named list" in text and "Millie O'Brien" in text


def test_missing_measures_say_not_yet_recorded(tmp_path, model):
    text = pdf_text(summary.build(model, tmp_path / "s.pdf", invariant=True))
    assert "Not yet recorded: no reviewed cycles are recorded." in text
    assert "Reviews held on time (no reviewed cycles recorded)" in model.missing()


def test_attendance_of_fewer_than_5_pupils_is_not_shown(tmp_path, model):
    from dataclasses import replace

    few = replace(
        model,
        attendance_register=93.4,
        attendance_register_n=1,
        attendance_others=95.0,
        attendance_others_n=12,
    )
    text = pdf_text(summary.build(few, tmp_path / "s.pdf", invariant=True))
    assert "93.4" not in text and "Recorded for fewer than 5 pupils: not shown" in text
    assert "95.0% (average of 12 pupils)" in text
    many = replace(few, attendance_register_n=5)
    assert "93.4% (average of 5 pupils)" in pdf_text(summary.build(many, tmp_path / "m.pdf", invariant=True))


def test_measures_in_words(tmp_path, model):
    text = pdf_text(summary.build(replace_measures(model), tmp_path / "s.pdf", invariant=True))
    assert "Fewer than 5 concerns raised by staff and not yet closed" in text
    assert "On time 12" in text and "Late fewer than 5" in text
    assert "Outcomes reviewed 40" in text and "Met or exceeded 30 (75.0%)" in text
    assert "Made 6" in text and "Agreed fewer than 5" in text


def replace_measures(model):
    from dataclasses import replace

    return replace(
        model,
        open_concerns=3,
        reviews_on_time=12,
        reviews_late=2,
        outcomes_met=30,
        outcomes_total=40,
        ehcna_made=6,
        ehcna_agreed=4,
    )


def test_every_page_of_a_named_summary_says_it_names_pupils(tmp_path, model):
    from pypdf import PdfReader

    model.named = [NamedPupil(f"Pupil {i}", "Year 4", "SEN support", "SLCN") for i in range(80)]
    path = summary.build(model, tmp_path / "named.pdf", invariant=True)
    reader = PdfReader(str(path))
    assert all("includes a named list of pupils" in p.extract_text() for p in reader.pages)
    assert "includes a named list" in reader.metadata.title
    model.named = None
    plain = PdfReader(str(summary.build(model, tmp_path / "plain.pdf", invariant=True)))
    assert not any("named list" in p.extract_text() for p in plain.pages)
