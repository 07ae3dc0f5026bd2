"""The statutory demo step on a small hand-made school: plans, reviews, requests, one late."""

import random
from datetime import date

from sencodesk.demo.statutory import add_statutory_history
from sencodesk.services import deadlines, ehc_plans, pupils

TODAY = date(2026, 11, 29)


def test_demo_step_gives_plans_reviews_and_requests_with_something_late(actor, add_pupil):
    e_pupils = [
        add_pupil(
            legal_forename="Eve" + "abcd"[i],
            sen_status="E",
            primary_need=need,
            sen_start_date=start,
            year_group=year,
            dob=dob,
        )
        for i, (need, start, year, dob) in enumerate(
            [
                ("ASD", "12/03/2022", "6", "01/02/2015"),
                ("SLCN", "01/10/2024", "3", "01/02/2018"),
                ("SEMH", "20/06/2023", "10", "01/02/2011"),
                ("PD", "05/01/2026", "1", "01/02/2020"),
            ]
        )
    ]
    k_pupils = [
        add_pupil(
            legal_forename="Kit" + "abc"[i], sen_status="K", primary_need="MLD", sen_start_date="01/09/2024"
        )
        for i in range(3)
    ]
    ctx = {}
    add_statutory_history(actor, random.Random(7), TODAY, ctx)
    assert len(ctx["statutory"]["plans"]) == 4 and len(ctx["statutory"]["requests"]) == 2
    for pupil_id in e_pupils:
        assert pupils.get_pupil(actor, pupil_id).sen_status == "E"
        assert len(ehc_plans.plan_outcomes(actor, pupil_id)) == 3
    items = deadlines.deadlines(actor, today=TODAY)
    overdue = [d for d in items if d.step.overdue(TODAY)]
    kinds = {(d.record, d.step.key) for d in overdue}
    assert ("ehcna_request", "decision") in kinds  # the LA is late
    assert ("ehc_plan", "next_review") in kinds  # one annual review is late
    # Reviews booked ahead bring their papers' and invitations' dates into the calendar.
    assert {"invitations", "advice"} <= {d.step.key for d in items if d.record == "annual_review"}
    assert any(d.record == "consultation" for d in items)
    assert all(d.pupil_id in set(e_pupils) | set(k_pupils) or d.pupil_id is None for d in items)
