"""The demo step that links cycles to plans: the annual review pack then has real evidence."""

from datetime import date

from sencodesk.demo import build_demo
from sencodesk.services import annual_review_pack, plan_links
from sencodesk.services.actor import open_school


def test_demo_plans_have_linked_cycle_outcomes_and_review_words(tmp_path):
    folder = tmp_path / "demo"
    build_demo(folder, phase="primary", seed=11)
    s = open_school(folder)
    try:
        plans = list(s.db.query("SELECT pupil_id FROM ehc_plans WHERE status = 'current'"))
        assert plans
        linked = [
            p["pupil_id"]
            for p in plans
            if any(item.linked for item in plan_links.plan_outcome_evidence(s, p["pupil_id"]))
        ]
        assert linked, "no plan pupil has cycle outcomes linked to the plan"
        assert s.db.execute("SELECT COUNT(*) FROM review_reports").fetchone()[0] >= 1
        model = annual_review_pack.annual_review_model(s, linked[0], today=date.today())
        assert model.outcomes and model.views
    finally:
        s.close()
