"""Every place a year's planned cost is shown counts each block's weeks in that academic year on
the school's calendar (issue 15): the pupil's map, the school map, the dashboard's spend, the
EHCNA pack's costed map and the governors' summary. Figures worked by hand in the comments."""

from __future__ import annotations

import re
from datetime import date

from pypdf import PdfReader

from sencodesk.domain import school_calendar as sc
from sencodesk.services import calendar, cycles, dashboard, packs, provision
from tests.services.graduated_support import TODAY, catalogue_id


def _terms(actor, *years: int) -> None:
    """The school's own term dates: the usual pattern (see tests/domain/test_costing_by_year.py)."""
    rows = [
        f"{t.starts_on:%d/%m/%Y},{t.ends_on:%d/%m/%Y},{t.kind}" for y in years for t in sc.default_terms(y)
    ]
    calendar.import_calendar_csv(actor, "start,end,kind\n" + "\n".join(rows), is_text=True)


def _late_block(actor, on_support) -> int:
    """A pupil whose plan starts on Thursday 12/11/2026 with 38 weeks of 1:1 reading, 3 x 30 min."""
    pupil_id, cycle_id = on_support(start="12/11/2026")
    reading = catalogue_id(actor, "Reading comprehension")
    cycles.save_plan(
        actor,
        cycle_id,
        1,
        {
            "plan_start": "12/11/2026",
            "review_date": "12/02/2027",
            "strategies": "Pre-teach vocabulary.",
            "outcomes": [{"text": "Read 20 of the Year 4 words", "measure": "Weekly check"}],
            "allocations": [
                {
                    "provision_id": reading,
                    "group_size": "1",
                    "session_minutes": "30",
                    "sessions_per_week": "3",
                    "weeks": "38",
                }
            ],
            "staff": [],
        },
    )
    return pupil_id


def test_a_block_starting_12_11_2026_is_costed_for_the_weeks_left_of_the_year(actor, on_support):
    _terms(actor, 2026)
    pupil_id = _late_block(actor, on_support)
    # 12/11/2026 to 22/07/2027: 150 school days = 30 weeks (not 38): 30 x 3 x 30 min = 45 h
    m = provision.pupil_provision_map(actor, pupil_id, today=TODAY)
    [line] = m.lines
    rate = provision.get_costing(actor).rate(line.allocation.staff_role)
    assert line.allocation.cost.pence == 45 * rate == m.total
    assert line.allocation.cost.explanation.startswith("30 of its 38 weeks fall in 2026/27: ")
    assert "39 school weeks this year" in m.weeks_note  # the school's own dates: exact
    # the other 8 weeks are in 2027/28's map (no term dates there yet: approximate)
    nxt = provision.pupil_provision_map(actor, pupil_id, year_start=date(2027, 9, 1))
    assert [line.allocation.cost.pence for line in nxt.lines] == [12 * rate]
    assert "approximate" in nxt.weeks_note
    # the school map, the dashboard and the governors' summary say the same
    assert provision.school_provision_map(actor, today=TODAY).total == 45 * rate
    assert dashboard.dashboard(actor, today=TODAY).spend == 45 * rate
    assert not dashboard.dashboard(actor, today=TODAY).spend_approximate
    summary = packs.summary_model(actor, today=TODAY)
    assert [s.pence for s in summary.spend] == [45 * rate]
    # the EHCNA pack: this year 30 weeks; last year nothing
    this_year, last_year = packs.graduated_evidence(actor, pupil_id, today=TODAY).provision_maps
    assert (this_year.total_pence, last_year.lines) == (45 * rate, [])
    assert "30 of its 38 weeks fall in 2026/27" in this_year.lines[0].detail
    assert "39 school weeks this year" in this_year.weeks_note


def test_the_ehcna_pack_prints_the_weeks_of_each_year(actor, on_support, tmp_path):
    _terms(actor, 2026)
    pupil_id = _late_block(actor, on_support)
    out = tmp_path / "ehcna.pdf"
    packs.export_ehcna(actor, pupil_id, out, today=TODAY, invariant=True)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(out)).pages))
    assert "30 of its 38 weeks fall in 2026/27" in text
    assert "on the school's term dates (39 school weeks this year)" in text
    assert "split between the two years" in text and "counted once" not in text


def test_a_termly_summary_costs_the_weeks_of_the_term(actor, on_support):
    _terms(actor, 2026)
    _late_block(actor, on_support)
    rate = provision.get_costing(actor).rate("ta")
    # 12/11 to 18/12/2026: 27 school days = 5 weeks (5.4): 5 x 3 x 30 min = 7.5 h
    autumn = packs.summary_model(actor, date(2026, 9, 1), date(2026, 12, 31), today=TODAY)
    assert [s.pence for s in autumn.spend] == [round(7.5 * rate)]


def test_without_term_dates_the_spend_is_marked_approximate(actor, on_support):
    _late_block(actor, on_support)
    d = dashboard.dashboard(actor, today=TODAY)
    assert d.spend_approximate and d.spend > 0
    assert "approximate" in provision.pupil_provision_map(actor, 1, today=TODAY).weeks_note


def test_planned_and_delivered_this_year(actor, on_support):
    # the inclusion strategy's figures: planned (the dashboard's) and delivered (sessions logged)
    _terms(actor, 2026)
    pupil_id = _late_block(actor, on_support)
    alloc = cycles.pupil_record(actor, pupil_id, today=TODAY).open_cycle.allocations[0].id
    for day in ("12/11/2026", "13/11/2026", "16/11/2026"):
        cycles.log_sessions(actor, day, [{"allocation_id": alloc, "attended": True}], today=TODAY)
    spend = provision.planned_and_delivered(actor, today=TODAY)
    rate = provision.get_costing(actor).rate("ta")
    # planned: 30 weeks x 3 x 30 min = 45 h; delivered: 3 sessions of 30 min, one to one = 1.5 h
    assert (spend.planned, spend.delivered, spend.sessions) == (45 * rate, round(1.5 * rate), 3)
    assert spend.year_label == "2026/27" and not spend.approximate
    # another year: nothing delivered
    assert provision.planned_and_delivered(actor, year_start=date(2025, 9, 1)).delivered == 0
