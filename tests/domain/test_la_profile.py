"""LA profiles: parsing, headings, costing rules and the checklist."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.domain.errors import ValidationError
from sencodesk.domain.la_profile import (
    EHCNA_SECTIONS,
    Costing,
    RequestEvidence,
    evaluate_checklist,
    parse_profile,
)

TODAY = date(2026, 11, 29)


def evidence(**kw) -> RequestEvidence:
    base = dict(
        reviewed_cycles=2,
        ep_dates=(date(2025, 6, 1),),
        costed_lines=1,
        child_views=True,
        parent_views=False,
        consent=True,
    )
    return RequestEvidence(**(base | kw))


def test_minimal_profile_has_every_section_in_the_issue_order():
    p = parse_profile("x", {"name": "Any LA"})
    assert p.order == tuple(EHCNA_SECTIONS)
    assert p.heading("request") == "1. Request details"
    assert p.heading("consents", 11) == "11. Consents and signatures"


def test_partial_order_keeps_the_left_out_sections_at_the_end():
    p = parse_profile(
        "x",
        {
            "name": "LA",
            "sections": {"order": ["needs", "request"]},
            "numbered": False,
            "headings": {"needs": "Section B"},
        },
    )
    assert p.order[:2] == ("needs", "request") and set(p.order) == set(EHCNA_SECTIONS)
    assert p.heading("needs") == "Section B" and p.heading("child") == "The child or young person"


@pytest.mark.parametrize(
    "data,key",
    [
        ({}, "name"),
        ({"name": "LA", "sections": {"order": ["request", "wishes"]}}, "sections.order"),
        ({"name": "LA", "sections": {"order": ["request", "request"]}}, "sections.order"),
        ({"name": "LA", "headings": {"nope": "x"}}, "headings"),
        ({"name": "LA", "questions": [{"id": "q"}]}, "questions.0"),
        ({"name": "LA", "costing": {"group_split": "halves"}}, "costing.group_split"),
        ({"name": "LA", "costing": {"weeks_per_year": 60}}, "costing"),
        ({"name": "LA", "costing": {"hourly_pence": {"TA": "lots"}}}, "costing"),
        ({"name": "LA", "checklist": [{"kind": "vibes"}]}, "checklist.0"),
        ({"name": "LA", "word_form": "../../secrets.docx"}, "word_form"),
        ({"name": "LA", "word_form": "form.doc"}, "word_form"),
    ],
)
def test_bad_profiles_are_refused_in_words(data, key):
    with pytest.raises(ValidationError) as e:
        parse_profile("bad", data)
    assert key in e.value.field_errors
    assert "The LA profile 'bad' has problems" in e.value.message


def test_costing_equal_split_and_whole():
    equal = Costing({"TA": 1800}, weeks_per_year=38, group_split="equal")
    assert equal.session_cost("TA", 30) == 900
    assert equal.session_cost("TA", 30, group_size=4) == 225
    assert equal.session_cost("TA", 20, group_size=3) == 200  # 600 / 3
    assert equal.yearly_cost("TA", 30, per_week=3, group_size=4) == 225 * 3 * 38
    whole = Costing({"TA": 1800}, group_split="whole")
    assert whole.session_cost("TA", 30, group_size=4) == 900
    assert equal.session_cost("Teacher", 60, fallback_hourly_pence=4000) == 4000
    with pytest.raises(ValidationError, match="No hourly rate"):
        equal.session_cost("Teacher", 60)


def test_checklist_each_kind():
    p = parse_profile(
        "x",
        {
            "name": "LA",
            "checklist": [
                {"kind": "reviewed_cycles", "min": 3, "label": "Three cycles"},
                {"kind": "ep_within_months", "months": 18, "label": "EP 18 months"},
                {"kind": "costed_provision_map", "label": "Map"},
                {"kind": "child_views", "label": "Child"},
                {"kind": "parent_views", "label": "Parents"},
                {"kind": "consent", "label": "Consent"},
            ],
        },
    )
    results = evaluate_checklist(p, evidence(), TODAY)
    assert [(r.label, r.met) for r in results] == [
        ("Three cycles", False),
        ("EP 18 months", True),
        ("Map", True),
        ("Child", True),
        ("Parents", False),
        ("Consent", True),
    ]
    assert "2 reviewed cycles" in results[0].detail and "01/06/2025" in results[1].detail


def test_ep_window_edges():
    p = parse_profile("x", {"name": "LA", "checklist": [{"kind": "ep_within_months", "months": 18}]})
    on_edge = evaluate_checklist(p, evidence(ep_dates=(date(2025, 5, 29),)), TODAY)[0]
    too_old = evaluate_checklist(p, evidence(ep_dates=(date(2025, 5, 28),)), TODAY)[0]
    assert on_edge.met and not too_old.met and "since 29/05/2025" in too_old.detail
    # 31 August minus 6 months lands on the last day of February
    p6 = parse_profile("x", {"name": "LA", "checklist": [{"kind": "ep_within_months", "months": 6}]})
    assert evaluate_checklist(p6, evidence(ep_dates=(date(2026, 2, 28),)), date(2026, 8, 31))[0].met
    assert not evaluate_checklist(p6, evidence(ep_dates=()), TODAY)[0].met


def test_a_profile_names_its_la_and_the_names_compare_loosely():
    from sencodesk.domain.la_profile import same_la

    p = parse_profile(
        "example_northmoor", {"name": "Northmoor Council (example)", "la_name": "Northmoor Council"}
    )
    assert p.la_name == "Northmoor Council"
    assert same_la("Northmoor Council (example)", "northmoor")
    assert same_la("Hertfordshire County Council", "Hertfordshire")
    assert same_la("Royal Borough of Kingston upon Thames", "Kingston upon Thames")
    assert not same_la("Eastbridge County Council", "Hampshire")
    assert not same_la("", "")


def test_cycles_to_include_reach_the_reviewed_cycles_the_la_asks_for():
    from sencodesk.domain.la_profile import cycles_to_include

    p = parse_profile("x", {"name": "X", "checklist": [{"kind": "reviewed_cycles", "min": 3}]})
    assert p.reviewed_cycles_asked == 3
    # newest first: open, reviewed, reviewed, open?, reviewed
    assert cycles_to_include(p, [False, True, True, True, True]) == 4
    assert cycles_to_include(p, [True, True, True, True]) == 3  # never fewer than 3
    assert cycles_to_include(p, [False, True, True]) is None  # the record has fewer: all of them
    neutral = parse_profile("default", {"name": "Neutral"})
    assert cycles_to_include(neutral, [False, True, True, True, True]) == 3


def test_required_sections_default_and_are_checked():
    p = parse_profile("x", {"name": "X"})
    assert "now_needed" in p.required and "la_questions" not in p.required
    with pytest.raises(ValidationError):
        parse_profile("x", {"name": "X", "sections": {"required": ["nonsense"]}})


def test_a_profile_may_name_the_las_own_word_form():
    assert parse_profile("x", {"name": "LA", "word_form": "Our form.docx"}).word_form == "Our form.docx"
    assert parse_profile("x", {"name": "LA"}).word_form == ""
