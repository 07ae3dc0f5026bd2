"""The graduated approach's evidence in the packs, from cycles recorded through the real services,
and the governors' summary measures counted against the database."""

from __future__ import annotations

from datetime import date

from sencodesk.domain.costing import annual_pence
from sencodesk.services import cycles, ehcna_requests, la_profiles, packs, provision, referrals
from sencodesk.services.pack_evidence import _strategies, score_value
from tests.services.graduated_support import TODAY, catalogue_id


def _assess(actor, cycle_id, **extra):
    cycle = cycles.get_cycle(actor, cycle_id)
    form = {
        "assess_date": "01/09/2026",
        "needs_cl": "Decodes slowly; strong oral vocabulary.",
        "pupil_views": "I like reading with Mrs Khan.",
        "pupil_views_by": "Amy, with her TA",
        "pupil_views_on": "02/09/2026",
        "parent_views": "She is anxious about spelling tests.",
        "parent_views_by": "Jo Smith (mother)",
        "parent_views_on": "03/09/2026",
        "assessments": [
            {
                "name": "Reading standardised score",
                "taken_on": "01/09/2026",
                "score": "78",
                "meaning": "Below average",
            },
            {"name": "Reading age", "taken_on": "01/09/2026", "score": "Working towards"},
        ],
    } | extra
    cycles.save_assess(actor, cycle_id, cycle.version, form)


def _reviewed_pupil(actor, planned):
    pupil_id, cycle_id = planned(legal_forename="Amy", legal_surname="Smith", review="30/11/2026")
    _assess(actor, cycle_id)
    cycle = cycles.get_cycle(actor, cycle_id)
    alloc = cycle.allocations[0]
    for day, came in (("08/09/2026", True), ("15/09/2026", True), ("22/09/2026", False)):
        cycles.log_sessions(actor, day, [{"allocation_id": alloc.id, "attended": came}], today=TODAY)
    cycle = cycles.get_cycle(actor, cycle_id)
    cycles.record_review(
        actor,
        cycle_id,
        cycle.version,
        {
            "held_on": "19/11/2026",
            "decision": "continue",
            "parent_present": True,
            "pupil_present": False,
            "others": "Class teacher",
            "pupil_views": "Reading is easier now.",
            "parent_views": "Pleased.",
            "ratings": {cycle.outcomes[0].id: "partly_met", cycle.outcomes[1].id: "met"},
            "impacts": {alloc.id: "Good progress in phonics"},
        },
        today=TODAY,
    )
    second = cycles.pupil_record(actor, pupil_id, today=TODAY).open_cycle
    _assess(
        actor,
        second.id,
        assess_date="20/11/2026",
        pupil_views_on="20/11/2026",
        pupil_views="I want to read chapter books.",
        assessments=[{"name": "Reading standardised score", "taken_on": "20/11/2026", "score": "84"}],
    )
    return pupil_id, cycle_id, second.id


def test_cycles_views_assessments_and_sessions_come_from_the_record(actor, planned):
    pupil_id, _first_id, second_id = _reviewed_pupil(actor, planned)
    ev = packs.graduated_evidence(actor, pupil_id, today=TODAY)
    assert [c.title for c in ev.cycles] == ["Cycle 2 (open)", "Cycle 1 (reviewed)"]
    first = ev.cycles[1]
    assert first.reviewed and first.review_on == date(2026, 11, 19)
    assert [o.rating for o in first.outcomes] == ["Partly met", "Met"]
    assert first.review_decision == "Continue with a new cycle"
    assert "Class teacher" in first.review_notes
    p = first.provision[0]
    assert (p.name, p.sessions_planned, p.sessions_delivered) == ("Phonics catch-up", 3, 2)
    assert p.impact.startswith("Good progress in phonics")
    assert not ev.cycles[0].reviewed and ev.cycles[0].outcomes  # the partly met outcome carried on
    # views: newest first, with who and when; the review's views say the pupil was not there
    assert [v.given_on for v in ev.child_views] == [date(2026, 11, 20), date(2026, 11, 19), date(2026, 9, 2)]
    assert ev.child_views[0].text == "I want to read chapter books."
    assert "not present" in ev.child_views[1].given_by
    assert any(
        v.given_by.startswith("Amy, with her TA") and v.given_on == date(2026, 9, 2) for v in ev.child_views
    )
    assert any(v.given_by.startswith("Jo Smith (mother)") for v in ev.parent_views)
    scores = [
        (a.taken_on, a.value, a.result) for a in ev.assessments if a.measure == "Reading standardised score"
    ]
    assert scores == [(date(2026, 9, 1), 78.0, "78"), (date(2026, 11, 20), 84.0, "84")]
    age = next(a for a in ev.assessments if a.measure == "Reading age")
    assert age.value is None and age.result == "Working towards"  # printed, never dropped, not charted
    assert ev.area_descriptions == {"Cognition and learning": "Decodes slowly; strong oral vocabulary."}
    assert ev.strategies == ["Seat near the front.", "Pre-teach vocabulary."]
    assert ev.current_outcomes == [o.text for o in cycles.get_cycle(actor, second_id).outcomes] != []


def test_only_the_last_n_cycles_unless_all(actor, planned):
    pupil_id, _, _ = _reviewed_pupil(actor, planned)
    assert len(packs.graduated_evidence(actor, pupil_id, cycles=1, today=TODAY).cycles) == 1
    # the LA's checklist counts every reviewed cycle, even those the pack does not print in full
    model = packs.ehcna_model(actor, pupil_id, cycles=1, today=TODAY)
    assert model.reviewed_cycles == [] and model.request_evidence().reviewed_cycles == 1
    assert "A reviewed cycle in the pack (include more cycles" in " ".join(model.missing())
    assert len(packs.graduated_evidence(actor, pupil_id, cycles=None, today=TODAY).cycles) == 2


def test_provision_map_totals_match_the_school_map(actor, planned):
    pupil_id, _, _ = _reviewed_pupil(actor, planned)
    ev = packs.graduated_evidence(actor, pupil_id, today=TODAY)
    this_year, last_year = ev.provision_maps
    assert (this_year.label, last_year.label) == ("2026/27", "2025/26")
    school_map = provision.pupil_provision_map(actor, pupil_id, today=TODAY)
    assert this_year.total_pence == school_map.total > 0  # every block here started this year
    # the phonics block stopped at the review on 19/11/2026: 07/09 to 19/11 is 49 school days
    # (half term between) = 10 of its planned 12 weeks: 20 min x 5 x 10 = 16.67 h x £18.50 / 4
    assert this_year.total_pence == 7708
    assert "10 of its 10 weeks" not in this_year.lines[0].detail  # the whole block is in this year
    assert last_year.lines == []
    assert "Teaching assistant" in this_year.lines[0].detail and "÷" in this_year.lines[0].detail
    assert this_year.lines[0].provision == "Phonics catch-up (07/09/2026 to 19/11/2026)"


def test_la_profile_costing_overrides_the_school_rates(actor, planned):
    pupil_id, _, _ = _reviewed_pupil(actor, planned)
    phonics = provision.get_provision(actor, catalogue_id(actor, "Phonics catch-up"))
    rules = la_profiles.load_profiles(actor)[0]["example_eastbridge"].costing
    model = packs.ehcna_model(actor, pupil_id, profile_key="example_eastbridge", today=TODAY)
    # Eastbridge: TA at £19.00 an hour, each pupil pays the whole group session, 38 weeks a year;
    # the block ran 10 weeks (to the review on 19/11/2026), shorter than the LA's year
    assert rules.weeks_per_year == 38
    expected = annual_pence(
        minutes=phonics.session_minutes,
        per_week=phonics.sessions_per_week,
        weeks=10,
        group_size=1,
        rate=1900,
        fixed=phonics.fixed_cost,
    )
    lines = model.evidence.provision_maps[0].lines
    assert [line.cost_pence for line in lines] == [expected] * len(lines)
    school = packs.ehcna_model(actor, pupil_id, today=TODAY).evidence.provision_maps[0].total_pence
    assert school != model.evidence.provision_maps[0].total_pence


def test_no_cycles_means_empty_evidence_and_missing_items(actor, add_pupil):
    pupil_id = add_pupil()
    ev = packs.graduated_evidence(actor, pupil_id, today=TODAY)
    assert ev.cycles == [] and ev.child_views == [] and ev.assessments == []
    assert [m.lines for m in ev.provision_maps] == [[], []]
    missing = packs.ehcna_model(actor, pupil_id, today=TODAY).missing()
    assert "A reviewed cycle of SEN support" in missing and "A costed provision map" in missing


def test_referral_shows_what_was_tried(actor, planned):
    pupil_id, _, _ = _reviewed_pupil(actor, planned)
    ref = referrals.add_referral(
        actor,
        pupil_id,
        {"service": "ep", "reason": "Slow progress", "referred_on": "19/11/2026"},
        today=TODAY,
    )
    model = packs.referral_model(actor, ref, today=TODAY)
    assert [c.title for c in model.tried] == ["Cycle 2 (open)", "Cycle 1 (reviewed)"]
    assert "What has been tried (a cycle of SEN support) and its impact" not in model.missing()


def test_strategies_split_by_line_and_semicolon():
    assert _strategies("Visual timetable\n- Now/next board; Movement breaks.") == [
        "Visual timetable.",
        "Now/next board.",
        "Movement breaks.",
    ]
    assert _strategies("") == []


def test_summary_measures_match_the_database(actor, planned, on_support):
    pupil_id, _, _ = _reviewed_pupil(actor, planned)
    # a second pupil reviewed late: due 30/10, held 06/11, nothing met
    late_id, late_cycle = planned(legal_surname="Late", review="30/10/2026")
    cycle = cycles.get_cycle(actor, late_cycle)
    cycles.record_review(
        actor,
        late_cycle,
        cycle.version,
        {
            "held_on": "06/11/2026",
            "decision": "continue",
            "ratings": {o.id: "not_met" for o in cycle.outcomes},
        },
        today=TODAY,
    )
    ehcna_requests.record_request(
        actor,
        pupil_id,
        {
            "requested_by": "school",
            "sent_on": "01/10/2026",
            "will_assess": "yes",
            "decision_on": "05/11/2026",
        },
        today=TODAY,
    )
    ehcna_requests.record_request(
        actor, late_id, {"requested_by": "parent", "sent_on": "02/10/2026"}, today=TODAY
    )
    referrals.save_ehcna_draft(actor, pupil_id, 0, {"attendance_pct": "91.5"}, today=TODAY)
    m = packs.summary_model(actor, date(2026, 9, 1), date(2027, 8, 31), today=TODAY)
    assert (m.reviews_on_time, m.reviews_late) == (1, 1)
    assert (m.outcomes_met, m.outcomes_total) == (1, 4)
    assert (m.ehcna_made, m.ehcna_agreed) == (2, 1)
    assert m.open_concerns == 0  # both concerns were triaged to SEN support (closed)
    school = provision.school_provision_map(actor, today=TODAY)
    assert sum(s.pence for s in m.spend) == school.total > 0
    assert [s.provision for s in m.spend] == [line.name for line in school.lines]
    assert m.attendance_register == 91.5 and m.attendance_others is None
    # a period before any of it: nothing counted
    early = packs.summary_model(actor, date(2025, 9, 1), date(2026, 8, 31), today=TODAY)
    assert (early.reviews_on_time, early.outcomes_total, early.ehcna_made, early.spend) == (0, 0, 0, [])


def test_score_values_to_chart():
    assert [score_value(x) for x in ("78", " 84.5 ", "92%", "6y 2m", "Age 7 years 6 months", "8y")] == [
        78.0,
        84.5,
        92.0,
        6.17,
        7.5,
        8.0,
    ]
    assert [score_value(x) for x in ("", "Working towards", "78 (below average)", "2b", "12/20")] == [
        None,
        None,
        None,
        None,
        None,
    ]


def test_a_block_across_the_summer_is_split_between_the_two_years(actor, planned):
    # Issue 15: a block from June to September is costed in each year for the weeks it runs there.
    pupil_id, cycle_id = planned(start="15/06/2026", review="30/09/2026")
    cycle = cycles.get_cycle(actor, cycle_id)
    cycles.record_review(
        actor,
        cycle_id,
        cycle.version,
        {"held_on": "25/09/2026", "decision": "close", "ratings": {o.id: "met" for o in cycle.outcomes}},
        today=TODAY,
    )
    this_year, last_year = packs.graduated_evidence(actor, pupil_id, today=TODAY).provision_maps
    # 15/06 to 22/07/2026 (the typical end of term) is 28 school days; 02/09 to 25/09 is 18: the
    # block's 46 days are 9 weeks, 6 of them by 31 August (28 days), 3 in 2026/27
    assert [line.provision for line in last_year.lines] == ["Phonics catch-up (15/06/2026 to 25/09/2026)"]
    assert [line.provision for line in this_year.lines] == ["Phonics catch-up (15/06/2026 to 25/09/2026)"]
    assert "6 of its 9 weeks fall in 2025/26: 20 min × 5/wk × 6 wk" in last_year.lines[0].detail
    assert "3 of its 9 weeks fall in 2026/27: 20 min × 5/wk × 3 wk" in this_year.lines[0].detail
    # 10 h x £18.50 / 4 = £46.25 and 5 h x £18.50 / 4 = £23.125
    assert (last_year.total_pence, this_year.total_pence) == (4625, 2313)
