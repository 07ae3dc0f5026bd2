"""The inclusion strategy document, from a hand-made read-model: the cover the guidance asks
for, the school's words under each heading, tables that add up, small numbers suppressed, no
marking (it is published), and the same content in the PDF and the Word file."""

from __future__ import annotations

import re
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image
from pypdf import PdfReader

from sencodesk.domain.inclusion_strategy import SECTIONS, Activity
from sencodesk.reports import strategy
from sencodesk.reports.models import Count, SchoolInfo
from sencodesk.reports.strategy_model import ProvisionCost, StaffTime, StrategyModel, StrategySection


def make_model(**overrides) -> StrategyModel:
    words = {"about": "Our strategy for this year.", "needs": "Speech and early reading.\nAnd feelings."}
    values = dict(
        school=SchoolInfo(name="Oak Tree Primary"),
        year="2026/27",
        year_start=date(2026, 9, 1),
        year_end=date(2027, 8, 31),
        printed_on=date(2026, 12, 3),
        sections=[StrategySection(s, words.get(s.key, "")) for s in SECTIONS],
        covers="2026/27",
        deadline=date(2026, 12, 31),
        notional_sen=8_400_000,
        imf=1_400_000,
        activities=[Activity("Staff training in adaptive teaching", 240_000), Activity("Screening", 115_050)],
        provision=[
            ProvisionCost(
                "Phonics catch-up",
                "Cognition and learning",
                "Teaching assistant",
                7,
                41,
                61_667,
                6_321,
                0.75,
                8,
            ),
            ProvisionCost(
                "Lego-based therapy",
                "Communication and interaction",
                "Teaching assistant",
                3,
                20,
                20_001,
                9_000,
                1.0,
                6,
            ),
        ],
        staff=[StaffTime("Teaching assistant", 1850, 2500, 300, 79_668, 14_321)],
        fixed_planned=2_000,
        fixed_delivered=1_000,
        on_roll=207,
        sen_support=33,
        ehc_plans=3,
        by_need=[
            Count("SLCN - Speech, language and communication needs", 9),
            Count("PD - Physical disability", 2),
        ],
        by_year=[Count("Reception", 7), Count("Year 6", 4)],
        reviews_held=11,
        outcomes_total=28,
        outcomes_met=15,
        decisions=[
            Count("Support carried on with a new plan", 8),
            Count("Referred to an outside service", 2),
        ],
    )
    return StrategyModel(**(values | overrides))


def money(text: str) -> int:
    return int(text.replace("£", "").replace(",", "").replace(".", ""))


def test_every_table_with_a_total_adds_up():
    _, parts = strategy.document(make_model())
    grids = [b for p in parts for b in p.blocks if isinstance(b, strategy.Grid) and b.total_row]
    assert len(grids) == 5  # activity, interventions, staff time, funding, budgeted costs
    for grid in grids:
        *lines, total = grid.rows
        for column, cell in enumerate(total):
            if cell.startswith("£"):
                assert sum(money(r[column]) for r in lines if r[column]) == money(cell), grid.caption


def test_the_cover_says_the_years_covered_and_where_it_is_published():
    multi = make_model(
        years=3,
        covers="2026/27 to 2028/29",
        published_on=date(2026, 12, 2),
        published_url="https://www.oak.sch.uk/send",
    )
    [facts, note] = strategy.cover(multi)
    pairs = dict(facts.pairs)
    assert "a 3-year strategy, reviewed every year" in pairs["This strategy covers"]
    assert pairs["Status"] == "Published on the school website on 02/12/2026: https://www.oak.sch.uk/send"
    assert "Developing an inclusion strategy using the inclusive mainstream fund" in note.text
    draft = dict(strategy.cover(make_model())[0].pairs)
    assert draft["Status"] == "Draft: not yet published (it must be on the school website by 31/12/2026)"


def test_small_numbers_are_never_printed_exactly():
    _, parts = strategy.document(make_model())
    cells = [c for p in parts for b in p.blocks if isinstance(b, strategy.Grid) for r in b.rows for c in r]
    assert "fewer than 5" in cells and "2" not in cells and "3" not in cells and "4" not in cells
    impact = next(p for p in parts if p.heading.endswith("The difference it is making"))
    [by_intervention] = [
        b for b in impact.blocks if isinstance(b, strategy.Grid) and "Targets rated" in b.header
    ]
    assert [r[0] for r in by_intervention.rows] == ["Phonics catch-up"]  # Lego: 3 pupils, not listed


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_the_pdf_has_every_heading_the_words_and_no_marking(tmp_path):
    text = _pdf_text(strategy.build(make_model(), tmp_path / "s.pdf", invariant=True))
    flat = re.sub(r"\s+", " ", text)
    for number, s in enumerate(SECTIONS, start=1):
        assert f"{number}. {s.heading}" in flat
    assert "Speech and early reading." in text and "Not yet written" in text
    assert "£98,000.00" in flat  # the two budgets' total
    assert "OFFICIAL" not in text and "special category" not in text


@pytest.fixture
def logo(tmp_path):
    path = tmp_path / "logo.png"
    Image.new("RGB", (60, 30), "green").save(path)
    return str(path)


def test_the_word_file_says_the_same_with_real_structure(tmp_path, logo):
    model = make_model(school=SchoolInfo(name="Oak Tree Primary", logo_path=logo))
    d = docx.Document(strategy.build_docx(model, tmp_path / "s.docx"))
    assert [p.text for p in d.paragraphs if p.style.name == "Heading 1"] == [
        f"{n}. {s.heading}" for n, s in enumerate(SECTIONS, start=1)
    ]
    assert d.paragraphs[1].style.name == "Title" or any(p.style.name == "Title" for p in d.paragraphs)
    assert d.inline_shapes[0]._inline.docPr.get("descr") == "Oak Tree Primary logo"
    data = [t for t in d.tables if t.rows[0]._tr.trPr is not None]
    assert data and all(t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in data)
    cells = {c.text for t in d.tables for r in t.rows for c in r.cells}
    assert {"£98,000.00", "fewer than 5", "Phonics catch-up"} <= cells
    footer = " ".join(p.text for p in d.sections[0].footer.paragraphs)
    assert "OFFICIAL" not in footer and "Printed 03/12/2026" in footer
