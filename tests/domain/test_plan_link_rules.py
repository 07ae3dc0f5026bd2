"""Carried outcomes keep their link to the EHC plan's Section E outcome (domain, no I/O)."""

from sencodesk.domain.cycles import OutcomeDraft, carried_outcomes


def test_unmet_outcomes_carry_their_plan_link_and_met_ones_do_not_carry():
    rated = [
        {"id": 1, "position": 0, "text": "Read 20 words", "rating": "partly_met", "plan_outcome_id": 7},
        {"id": 2, "position": 1, "text": "Count to 20", "rating": "met", "plan_outcome_id": 8},
        {"id": 3, "position": 2, "text": "Name feelings", "rating": "not_met"},
    ]
    carried = carried_outcomes(rated)
    assert [(o.text, o.carried_from, o.plan_outcome_id) for o in carried] == [
        ("Read 20 words", 1, 7),
        ("Name feelings", 3, None),
    ]


def test_a_draft_has_no_link_unless_given():
    assert OutcomeDraft(text="Read").plan_outcome_id is None
    assert OutcomeDraft(text="Read", plan_outcome_id=4).plan_outcome_id == 4
