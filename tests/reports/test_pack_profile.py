"""The one-page profile: friendly, one page, no UPN."""

from __future__ import annotations

from sencodesk.reports import profile

from .pack_samples import UPN, page_count, pdf_text


def test_sections_and_no_upn(tmp_path, profile_model):
    path = profile.build(profile_model, tmp_path / "p.pdf", invariant=True)
    text = pdf_text(path)
    for words in (
        "All about Millie",
        "What people like and admire about me",
        "What is important to me",
        "How best to support me",
        "My current outcomes",
        "Give one instruction at a time",
        "My cat Biscuit",
    ):
        assert words in text
    assert UPN not in text and "UPN" not in text
    assert page_count(path) == 1


def test_large_type_when_it_fits(tmp_path, profile_model, monkeypatch):
    sizes = []
    real = profile.theme.make_styles
    monkeypatch.setattr(profile.theme, "make_styles", lambda scale=1.0: sizes.append(scale) or real(scale))
    profile.build(profile_model, tmp_path / "p.pdf", invariant=True)
    assert sizes[-1] == profile.SCALES[0]


def test_more_text_shrinks_the_type_to_stay_on_one_page(tmp_path, profile_model):
    profile_model.how_to_support = [f"Strategy number {i}: give me time to think" for i in range(22)]
    assert page_count(profile.build(profile_model, tmp_path / "p.pdf", invariant=True)) == 1


def test_far_too_much_text_runs_on_rather_than_being_cut(tmp_path, profile_model):
    profile_model.important_to_me = "Important. " * 3000
    path = profile.build(profile_model, tmp_path / "p.pdf", invariant=True)
    assert page_count(path) > 1
    assert pdf_text(path).count("Important.") == 3000


def test_nothing_recorded_still_builds(tmp_path, profile_model):
    profile_model.like_and_admire = ""
    profile_model.how_to_support = []
    text = pdf_text(profile.build(profile_model, tmp_path / "p.pdf", invariant=True))
    assert text.count("Not yet recorded") == 2
    assert profile_model.missing() == [
        "What people like and admire about me",
        "How best to support me (strategies)",
    ]
