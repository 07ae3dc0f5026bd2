"""The inclusion strategy: the school's words (versioned, kept year to year), the budgets, the
draft built from the record, its export read back, publishing and the deadline."""

from __future__ import annotations

from datetime import date

import docx
import pytest
from pypdf import PdfReader

from sencodesk.domain.errors import Conflict, PermissionDenied, UserError, ValidationError
from sencodesk.services import cycles, dashboard, deadlines, inclusion_strategy
from sencodesk.store import inclusion_strategy as store

# Before the day the tests run: add_pupil's first status (no SEN) is dated the real today, and the
# counts are as on TODAY, so the SEN support the fixtures start on 1 September is what they see.
TODAY = date(2026, 12, 1)
NAMES = ("Zebedee", "Quartermaine", "Ottoline", "Fairweather")


def _audit(actor, entity="inclusion_strategy"):
    return list(actor.db.query("SELECT * FROM audit WHERE entity = ? ORDER BY id", [entity]))


def test_words_are_saved_for_the_year_and_audited(actor):
    s = inclusion_strategy.get_strategy(actor, "2026/27")
    assert s.version == 0 and s.words == {} and not s.published
    saved = inclusion_strategy.save_strategy(
        actor, "2026/27", 0, {"words": {"about": "Our strategy."}, "activities": "Staff training: £2,400"}
    )
    assert saved.version == 1 and saved.text("about") == "Our strategy."
    assert [(a.what, a.pence) for a in saved.activities] == [("Staff training", 240_000)]
    again = inclusion_strategy.save_strategy(actor, "2026/27", 1, {"words": {"about": "Changed."}})
    assert again.version == 2 and again.activities == []
    actions = [(r["action"], r["summary"]) for r in _audit(actor)]
    assert actions == [
        ("create", "started the inclusion strategy for 2026/27"),
        ("update", "changed the inclusion strategy for 2026/27"),
    ]


def test_a_stale_save_is_refused_naming_who_saved_and_when(actor, make_user, as_user):
    head = as_user(make_user("head", "Mrs P Head"))
    inclusion_strategy.save_strategy(actor, "2026/27", 0, {"words": {"about": "First."}})
    inclusion_strategy.save_strategy(head, "2026/27", 1, {"words": {"about": "The head's."}})
    with pytest.raises(Conflict, match="Mrs P Head changed this inclusion strategy at"):
        inclusion_strategy.save_strategy(actor, "2026/27", 1, {"words": {"about": "Mine."}})
    assert inclusion_strategy.get_strategy(actor, "2026/27").text("about") == "The head's."
    # a form opened on a saved year that has gone since (a restore) is refused, not saved as new
    with pytest.raises(UserError):
        inclusion_strategy.save_strategy(actor, "2027/28", 3, {"words": {"about": "x"}})


def test_a_new_year_starts_from_last_years_words(actor):
    inclusion_strategy.save_strategy(
        actor,
        "2026/27",
        0,
        {"words": {"about": "Year one.", "needs": "Speech."}, "activities": "Training: 100"},
    )
    nxt = inclusion_strategy.get_strategy(actor, "2027/28")
    assert nxt.version == 0 and nxt.earlier_year == "2026/27"
    carried = inclusion_strategy.carry_forward(actor, "2027/28")
    assert carried.words == {"about": "Year one.", "needs": "Speech."} and carried.version == 1
    assert carried.activities[0].pence == 10_000
    assert not carried.published
    with pytest.raises(UserError, match="already has its own words"):
        inclusion_strategy.carry_forward(actor, "2027/28")
    with pytest.raises(UserError, match="no earlier year"):
        inclusion_strategy.carry_forward(actor, "2025/26")
    assert inclusion_strategy.get_strategy(actor, "2026/27").text("about") == "Year one."  # untouched


def test_budgets_are_per_year_validated_and_audited(actor):
    b = inclusion_strategy.save_budgets(actor, "2026/27", {"notional_sen": "84,000", "imf": "£14,200.50"})
    assert (b.notional_sen, b.imf) == (8_400_000, 1_420_050)
    assert inclusion_strategy.get_budgets(actor, "2026/27") == b
    assert inclusion_strategy.get_budgets(actor, "2027/28").notional_sen is None  # each year its own
    with pytest.raises(ValidationError) as e:
        inclusion_strategy.save_budgets(actor, "2026/27", {"notional_sen": "eighty", "imf": ""})
    assert "notional_sen" in e.value.field_errors
    assert inclusion_strategy.get_budgets(actor, "2026/27").imf == 1_420_050  # nothing written
    [row] = _audit(actor, "settings")[-1:]
    assert "notional SEN budget" in row["summary"] and "8400000" in row["changes"]


def test_marking_published_clears_the_deadline_until_undone(actor, make_user, as_user):
    head = as_user(make_user("head", "Mrs P Head"))

    def listed(who):
        return [d for d in deadlines.deadlines(who, today=TODAY) if d.record == "inclusion_strategy"]

    [item] = listed(actor)
    assert item.step.due == date(2026, 12, 31) and item.pupil_name == "Whole school"
    assert listed(head)
    assert dashboard.dashboard(actor, today=TODAY).strategy_due.step.due == date(2026, 12, 31)
    with pytest.raises(UserError, match="before marking it published"):
        inclusion_strategy.mark_published(actor, "2026/27", 0, {"published_on": "30/11/2026"}, today=TODAY)
    inclusion_strategy.save_strategy(actor, "2026/27", 0, {"words": {"about": "Ours."}})
    with pytest.raises(ValidationError):
        inclusion_strategy.mark_published(
            head, "2026/27", 1, {"published_on": "02/12/2026", "published_url": "x"}, today=TODAY
        )
    done = inclusion_strategy.mark_published(
        head,
        "2026/27",
        1,
        {"published_on": "30/11/2026", "published_url": "https://www.oak.sch.uk/send"},
        today=TODAY,
    )
    assert done.published_on == date(2026, 11, 30) and done.published_by == "Mrs P Head"
    assert not listed(actor) and dashboard.dashboard(actor, today=TODAY).strategy_due is None
    assert "marked the 2026/27 inclusion strategy published on 30/11/2026" in _audit(actor)[-1]["summary"]
    inclusion_strategy.mark_published(actor, "2026/27", done.version, {}, today=TODAY)  # undone
    assert listed(actor)


def test_the_deadline_is_not_shown_to_a_teacher(actor, make_user, as_user):
    teacher = as_user(make_user("teacher", "Mr T"))
    assert inclusion_strategy.strategy_deadlines(teacher, today=TODAY) == []
    assert dashboard.dashboard(teacher, today=TODAY).strategy_due is None
    with pytest.raises(PermissionDenied):
        inclusion_strategy.get_strategy(teacher)


@pytest.fixture
def school_with_support(actor, planned):
    """Two pupils in the phonics group (TA, 20 min x 5 a week x 12 weeks, groups of 4), three
    sessions logged for each; budgets and some words."""
    ids = []
    for forename, surname in (NAMES[:2], NAMES[2:]):
        _, cycle_id = planned(legal_forename=forename, legal_surname=surname)
        ids.append(cycles.get_cycle(actor, cycle_id).allocations[0].id)
    for day in ("14/09/2026", "15/09/2026", "16/09/2026"):
        cycles.log_sessions(actor, day, [{"allocation_id": a, "attended": True} for a in ids], today=TODAY)
    inclusion_strategy.save_budgets(actor, "2026/27", {"notional_sen": "84000", "imf": "14000"})
    inclusion_strategy.save_strategy(
        actor, "2026/27", 0, {"words": {"needs": "Speech and reading."}, "activities": "Training: 2400"}
    )
    return ids


def test_the_draft_costs_planned_and_delivered_provision(actor, school_with_support):
    m = inclusion_strategy.strategy_model(actor, "2026/27", today=TODAY)
    [phonics] = m.provision
    # a pupil's share: 20 min x 5 x 12 = 20 h at £18.50, shared by 4 = £92.50; two pupils
    assert (phonics.pupils, phonics.planned) == (2, 18_500)
    # six sessions of 20 minutes at £18.50 an hour, each shared by 4: 6 x 154.17p = £9.25
    assert (phonics.sessions, phonics.delivered) == (6, 925)
    [ta] = m.staff
    assert ta.who == "Teaching assistant" and ta.planned_minutes == 600 and ta.delivered_minutes == 30
    assert sum(t.planned for t in m.staff) + m.fixed_planned == m.planned_total == 18_500
    assert sum(t.delivered for t in m.staff) + m.fixed_delivered == m.delivered_total
    assert (m.notional_sen, m.imf, m.funding_total) == (8_400_000, 1_400_000, 9_800_000)
    assert m.budgeted_total == 240_000 + 18_500
    assert (m.sen_support, m.on_register) == (2, 2)
    assert m.section("needs").words == "Speech and reading."
    assert "The school's own words under" in " ".join(m.missing())


def test_the_draft_holds_no_pupil_names_or_upns(actor, school_with_support):
    m = inclusion_strategy.strategy_model(actor, "2026/27", today=TODAY)
    upns = [r[0] for r in actor.db.execute("SELECT upn FROM pupils")]
    text = repr(m)
    assert not [x for x in (*NAMES, *upns) if x in text]


def test_the_export_reads_back_as_pdf_and_word(actor, school_with_support, tmp_path):
    pdf = inclusion_strategy.export_strategy(actor, tmp_path / "s.pdf", today=TODAY, invariant=True).path
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    word = inclusion_strategy.export_strategy(actor, tmp_path / "s.docx", today=TODAY).path
    d = docx.Document(word)
    body = "\n".join(
        [p.text for p in d.paragraphs]
        + [c.text for t in d.tables for row in t.rows for c in row.cells]
        + [p.text for p in d.sections[0].footer.paragraphs]
    )
    upns = [r[0] for r in actor.db.execute("SELECT upn FROM pupils")]
    for content in (text, body):
        assert "Inclusion strategy 2026/27" in content
        assert "Speech and reading." in content and "Phonics catch-up" in content
        assert "£84,000.00" in content and "£14,000.00" in content
        assert "fewer than 5" in content  # two pupils: a small number, never printed as 2
        assert "OFFICIAL-SENSITIVE" not in content and "special category" not in content
        assert not [x for x in (*NAMES, *upns) if x in content]
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1. About this strategy" and len(headings) == 8
    assert d.core_properties.title == "Inclusion strategy 2026/27"
    exports = [r for r in _audit(actor) if r["action"] == "export"]
    assert ["(PDF)" in exports[0]["summary"], "(Word)" in exports[1]["summary"]] == [True, True]


def test_only_pdf_or_word_files_are_written(actor, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValidationError, match=r"\.pdf or a \.docx"):
        inclusion_strategy.export_strategy(actor, out / "s.txt", today=TODAY)
    assert not list(out.iterdir()) and not _audit(actor)
    assert inclusion_strategy.suggested_filename(actor, "2026/27", ".docx") == (
        "Inclusion strategy 2026-27 - Oak Tree Primary.docx"
    )


def test_strategy_years_lists_this_year_and_saved_ones(actor):
    store.insert(actor.db, {"academic_year": "2024/25"}, "x")
    assert inclusion_strategy.strategy_years(actor, today=TODAY) == ["2026/27", "2024/25"]


def test_the_calendar_file_names_it_for_the_whole_school(actor, tmp_path):
    out = tmp_path / "d.ics"
    assert deadlines.export_ics(actor, out, today=TODAY) == 1
    text = out.read_text(encoding="utf-8").replace("\n ", "")  # unfolded (RFC 5545 3.1)
    assert "Publish the 2026/27 inclusion strategy on the school website - Whole school" in text
    assert "W.S." not in text and "not on roll" not in text


def test_two_people_saving_budgets_for_different_years_lose_nothing(actor, data_dir):
    """Each save rewrites the one settings row holding every year's figures: it must be read
    inside the save's transaction, fresh, not from what this person's screen read earlier."""
    from sencodesk.services.actor import open_school

    other = open_school(data_dir)
    try:
        inclusion_strategy.get_budgets(actor, "2025/26")  # Settings opened: the settings are read
        inclusion_strategy.save_budgets(other, "2026/27", {"notional_sen": "84000", "imf": "14000"})
        inclusion_strategy.save_budgets(actor, "2025/26", {"notional_sen": "80000", "imf": "12000"})
        for who in (actor, other):
            who.cache.clear()  # what a fresh look at Settings would read
            assert inclusion_strategy.get_budgets(who, "2026/27").notional_sen == 8_400_000
            assert inclusion_strategy.get_budgets(who, "2025/26").imf == 1_200_000
    finally:
        other.close()
