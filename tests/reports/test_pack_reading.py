"""What a reader saw wrong when every pack was read page by page, pinned down: chart labels that
printed over each other, an email address broken across lines, '(s)' counts, a view's speaker
on one page and its words on the next, a cycle's review decision alone at the top of a page."""

from __future__ import annotations

from dataclasses import replace

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether

from sencodesk.reports import ehcna, parts, referral, summary, theme
from sencodesk.reports.models import ParentInfo

from .pack_samples import cycle, make_ehcna, make_referral, pdf_text

NEEDS = [
    "SLCN - Speech, language and communication needs",
    "MLD - Moderate learning difficulty",
    "SEMH - Social, emotional and mental health",
]


def test_a_need_label_too_wide_for_its_bar_prints_as_its_code():
    assert theme.chart_label(NEEDS[0], 150) == "SLCN"
    assert theme.chart_label("Year 4", 150) == "Year 4"  # short labels are left alone


def test_a_long_label_without_a_code_is_shortened_to_its_room():
    label = theme.chart_label("A provision with a very long name indeed", 60)
    assert label.endswith("...") and stringWidth(label, theme.FONT, theme.CHART_FONT_SIZE) <= 60


def test_the_need_chart_labels_fit_side_by_side():
    chart = theme.bar_chart(NEEDS, [11, 8, 6]).contents[0]
    slot = chart.width / len(NEEDS)
    names = chart.categoryAxis.categoryNames
    assert names[0] == "SLCN" and names[2] == "SEMH"
    assert all(stringWidth(n, theme.FONT, theme.CHART_FONT_SIZE) <= slot for n in names)


def test_an_email_address_prints_whole_on_one_line(tmp_path):
    model = replace(
        make_referral(),
        parents=[ParentInfo("Grace Walker", "Mother", "07700 900374", "grace.walker@example.com", True)],
    )
    text = pdf_text(referral.build(model, tmp_path / "r.pdf", invariant=True))
    assert "grace.walker@example.com" in text
    assert "Relationship Parental responsibility Phone Email" in text and "07700 900374" in text


def test_cycle_counts_read_as_words_not_brackets():
    assert ehcna.cycles_note(3, 2) == "3 cycles, most recent first; 2 of them reviewed."
    assert ehcna.cycles_note(2, 0) == "2 cycles, most recent first; none of them reviewed yet."
    assert ehcna.cycles_note(2, 2) == "2 cycles, most recent first; all of them reviewed."
    assert ehcna.cycles_note(1, 1) == "1 cycle; it has been reviewed."
    assert ehcna.cycles_note(1, 0) == "1 cycle; it has not been reviewed yet."


def test_the_ehcna_pack_prints_no_bracketed_plurals(tmp_path):
    text = pdf_text(ehcna.build(make_ehcna(), tmp_path / "e.pdf", invariant=True))
    assert "(s)" not in text and "3 cycles, most recent first; all of them reviewed." in text


def test_who_gave_a_view_is_kept_with_what_they_said():
    s = theme.make_styles()
    model = make_ehcna()
    blocks = ehcna._views(model.evidence.child_views, s, "The child's")
    assert all(isinstance(b, KeepTogether) for b in blocks)
    label, words = blocks[0]._content
    assert "Millie" in label.text and "vet" in words.text


def test_a_review_decision_is_kept_with_the_provision_it_judged():
    s = theme.make_styles()
    blocks = parts.cycle_block(cycle(1), s)
    last = blocks[-1]
    assert isinstance(last, KeepTogether)
    texts = " ".join(getattr(f, "text", "") for f in last._content) + repr(last._content)
    assert "Talk Boost group" in texts and "Continue with changes" in texts


def test_open_concerns_read_in_words():
    assert summary._concerns(0) == "No concerns"
    assert summary._concerns(3) == "Fewer than 5 concerns"
    assert summary._concerns(12) == "12 concerns"


def test_each_area_of_need_is_kept_with_its_description():
    s = theme.make_styles()
    blocks = parts.needs_block(make_ehcna().needs, s)
    areas = [b for b in blocks if isinstance(b, KeepTogether)]
    assert [b._content[0].text for b in areas] == list(parts.AREA_ORDER)
    assert "two parts" in areas[0]._content[1].text


def test_an_open_cycle_past_its_review_date_says_the_review_is_not_yet_held(tmp_path):
    from datetime import date

    open_cycle = replace(cycle(4, reviewed=False), review_on=date(2026, 11, 25))
    s = theme.make_styles()
    late = parts.cycle_block(open_cycle, s, date(2026, 11, 29))[0]._content[0].text
    assert "review was due 25/11/2026, not yet held" in late
    on_time = parts.cycle_block(open_cycle, s, date(2026, 11, 20))[0]._content[0].text
    assert "review due 25/11/2026" in on_time and "not yet held" not in on_time
    model = make_ehcna()
    model = replace(model, evidence=replace(model.evidence, cycles=[open_cycle]))
    text = pdf_text(ehcna.build(model, tmp_path / "e.pdf", invariant=True))
    assert "review was due 25/11/2026, not yet held" in text  # printed 29/11/2026 or later


def test_a_pack_without_the_senco_contact_says_so_before_export():
    from sencodesk.reports.models import SENCO_CONTACT_MISSING

    assert SENCO_CONTACT_MISSING not in make_ehcna().missing()
    no_contact = replace(make_ehcna().school, senco_contact="")
    assert SENCO_CONTACT_MISSING in replace(make_ehcna(), school=no_contact).missing()
    assert SENCO_CONTACT_MISSING in replace(make_referral(), school=no_contact).missing()
    assert SENCO_CONTACT_MISSING not in make_referral().missing()


def test_many_dates_on_a_line_chart_are_slanted_so_they_do_not_overlap():
    few = theme.line_chart(["01/09/2025", "01/03/2026"], [78, 81]).contents[0]
    assert few.categoryAxis.labels.angle == 0
    dates = [f"{d:02d}/09/2026" for d in range(1, 13)]
    many = theme.line_chart(dates, list(range(12))).contents[0]
    assert many.categoryAxis.labels.angle == 30 and many.y > few.y
