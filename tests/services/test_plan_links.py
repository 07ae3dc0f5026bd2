"""Cycle outcomes linked to the EHC plan's Section E outcomes (migration 0007), the link
listing, and the school's words for an annual review report; real services, real SQLite."""

from __future__ import annotations

import pytest

from sencodesk.domain.errors import Conflict, ValidationError
from sencodesk.services import cycles, ehc_plans, plan_links
from sencodesk.store import audit
from tests.services.graduated_support import TODAY, plan_form

PLAN = {
    "plan_date": "01/09/2026",
    "primary_need": "SPLD",
    "needs": [{"text": "Reading well below age", "area": "CL"}],
    "outcomes": [
        {"text": "Will read 100 common words", "area": "CL", "detail": "July 2027"},
        {"text": "Will write two sentences", "area": "CL"},
    ],
    "provision": [{"text": "Phonics catch-up", "detail": "TA, 5 x 15 min"}],
}


@pytest.fixture
def with_plan(actor, planned):
    """A pupil on a cycle with a plan, who also has an EHC plan: (pupil, cycle, plan outcome ids)."""
    pupil_id, cycle_id = planned()
    ehc_plans.issue_plan(actor, pupil_id, PLAN, today=TODAY)
    return pupil_id, cycle_id, [o.id for o in ehc_plans.plan_outcomes(actor, pupil_id)]


def _save(actor, cycle_id, links, **extra):
    cycle = cycles.get_cycle(actor, cycle_id)
    form = plan_form(actor)
    for o, existing, link in zip(form["outcomes"], cycle.outcomes, links, strict=True):
        o["id"] = existing.id
        if link is not ...:
            o["plan_outcome_id"] = link
    return cycles.save_plan(actor, cycle_id, cycle.version, form | extra)


def test_save_plan_links_outcomes_and_the_listing_shows_them(actor, with_plan):
    pupil_id, cycle_id, (e1, e2) = with_plan
    _save(actor, cycle_id, [e1, e1])
    evidence = plan_links.plan_outcome_evidence(actor, pupil_id)
    assert [item.outcome.id for item in evidence] == [e1, e2]
    assert [len(item.linked) for item in evidence] == [2, 0]
    assert evidence[0].linked[0].rating_label == "Cycle still open"
    assert evidence[0].latest is None
    assert [o.plan_outcome_id for o in cycles.get_cycle(actor, cycle_id).outcomes] == [e1, e1]
    row = audit.for_pupil(actor.db, pupil_id)[-1]
    assert "plan links" in row["changes"]


def test_ratings_and_evidence_appear_after_the_cycle_review(actor, with_plan):
    pupil_id, cycle_id, (e1, e2) = with_plan
    _save(actor, cycle_id, [e1, e2])
    cycle = cycles.get_cycle(actor, cycle_id)
    cycles.record_review(
        actor,
        cycle_id,
        cycle.version,
        {
            "held_on": "19/11/2026",
            "decision": "continue",
            "ratings": {cycle.outcomes[0].id: "met", cycle.outcomes[1].id: "partly_met"},
            "evidence": {cycle.outcomes[0].id: "Reads 18 of 20 words"},
        },
        today=TODAY,
    )
    first, second = plan_links.plan_outcome_evidence(actor, pupil_id)
    assert first.latest.rating_label == "Met" and first.latest.evidence == "Reads 18 of 20 words"
    assert str(first.linked[0].reviewed_on) == "2026-11-19"
    # the partly met outcome is carried into the next cycle still linked to the same plan outcome
    assert [(o.cycle_number, o.rating_label) for o in second.linked] == [
        (1, "Partly met"),
        (2, "Cycle still open"),
    ]


def test_a_form_without_the_field_keeps_the_link(actor, with_plan):
    _pupil_id, cycle_id, (e1, _) = with_plan
    _save(actor, cycle_id, [e1, None])
    _save(actor, cycle_id, [..., ...], strategies="Changed strategies only")
    assert [o.plan_outcome_id for o in cycles.get_cycle(actor, cycle_id).outcomes] == [e1, None]
    _save(actor, cycle_id, [None, ...])  # given blank: unlinked on purpose
    assert [o.plan_outcome_id for o in cycles.get_cycle(actor, cycle_id).outcomes] == [None, None]


def test_a_link_to_another_pupils_plan_is_refused_and_nothing_saved(actor, with_plan, planned):
    _pupil_id, cycle_id, _ = with_plan
    other_id, _ = planned(legal_forename="Ben")
    ehc_plans.issue_plan(actor, other_id, PLAN, today=TODAY)
    foreign = ehc_plans.plan_outcomes(actor, other_id)[0].id
    with pytest.raises(ValidationError) as e:
        _save(actor, cycle_id, [foreign, None])
    assert "not in this pupil's plan" in e.value.field_errors["outcome_1"]
    with pytest.raises(ValidationError) as e:
        _save(actor, cycle_id, ["not a number", None])
    assert "outcome_1" in e.value.field_errors
    assert [o.plan_outcome_id for o in cycles.get_cycle(actor, cycle_id).outcomes] == [None, None]


def test_removing_a_plan_outcome_unlinks_but_keeps_the_cycle_outcome(actor, with_plan):
    pupil_id, cycle_id, (e1, e2) = with_plan
    _save(actor, cycle_id, [e1, e2])
    plan = ehc_plans.current_plan(actor, pupil_id)
    form = ehc_plans.plan_form(plan)
    form["outcomes"] = form["outcomes"][1:]  # the LA amended the plan: outcome 1 went
    ehc_plans.update_plan(actor, plan.id, plan.version, form, today=TODAY)
    outcomes = cycles.get_cycle(actor, cycle_id).outcomes
    assert len(outcomes) == 2 and [o.plan_outcome_id for o in outcomes] == [None, e2]


def test_listing_is_empty_without_a_plan(actor, planned):
    pupil_id, _ = planned()
    assert plan_links.plan_outcome_evidence(actor, pupil_id) == []


# --- the review report's words --------------------------------------------------------------


def _review_id(actor, pupil_id):
    from sencodesk.services import annual_reviews

    plan = ehc_plans.current_plan(actor, pupil_id)
    return annual_reviews.record_review(actor, plan.id, {"meeting_on": "18/11/2026"}, today=TODAY)


def test_review_report_saved_audited_and_stale_save_refused(actor, with_plan):
    pupil_id, _, _ = with_plan
    review_id = _review_id(actor, pupil_id)
    assert plan_links.get_review_report(actor, review_id).version == 0
    plan_links.save_review_report(
        actor,
        review_id,
        0,
        {"pupil_views": "I like reading now", "proposed_amendments": "New outcome for writing"},
    )
    report = plan_links.get_review_report(actor, review_id)
    assert (report.pupil_views, report.version) == ("I like reading now", 1)
    row = audit.for_pupil(actor.db, pupil_id)[-1]
    assert row["entity"] == "review_report" and "the pupil's views" in row["summary"]
    with pytest.raises(Conflict, match="changed this review report"):
        plan_links.save_review_report(actor, review_id, 0, {"pupil_views": "stale"})
    assert plan_links.get_review_report(actor, review_id).pupil_views == "I like reading now"


def test_review_report_too_long_is_refused_by_field(actor, with_plan):
    pupil_id, _, _ = with_plan
    review_id = _review_id(actor, pupil_id)
    with pytest.raises(ValidationError) as e:
        plan_links.save_review_report(actor, review_id, 0, {"parent_views": "x" * 20_001})
    assert list(e.value.field_errors) == ["parent_views"]
