"""Letters to parents: the parent's copy of the plan and the invitation, read back from the PDF
and the .docx; the app's own words meet a reading age of 11 (Flesch-Kincaid grade + 5)."""

from __future__ import annotations

from datetime import date

import docx

from sencodesk.domain import letters
from sencodesk.domain.plain_words import TARGET_READING_AGE, jargon_in
from sencodesk.reports import parent_letters, readability
from sencodesk.reports.models import SchoolInfo
from sencodesk.reports.parent_models import InvitationModel, LastGoal, ParentCopyModel, ParentLine

from .pack_samples import pdf_text

SCHOOL = SchoolInfo("Oak Tree Primary", senco_name="Ms R Khan", senco_contact="01234 567890")
POLISH = ParentLine("Anna Kowalska", "Mother", "First language: Polish. Interpreter needed: Polish")


def copy_model(**changes) -> ParentCopyModel:
    m = ParentCopyModel(
        school=SCHOOL,
        pupil_first_name="Maja",
        pupil_name="Maja Kowalska",
        printed_on=date(2026, 11, 29),
        parents=[POLISH],
        reviewed_on=date(2026, 11, 19),
        last_goals=[LastGoal("Maja will read 20 common words", "done")],
        goals=["I will ask for help when I am stuck", "I will read ten new words"],
        school_help=["Phonics catch-up: in a small group of 4, 3 times a week, 20 minutes each time."],
        in_class="Seat near the front. Show one step at a time.",
        at_home="Read with Maja for ten minutes each night.",
        next_meeting=date(2027, 3, 11),
    )
    for key, value in changes.items():
        setattr(m, key, value)
    return m


def test_the_apps_own_words_in_the_copy_meet_a_reading_age_of_11_and_use_no_school_words():
    for m in (copy_model(), copy_model(goals=[], school_help=[], in_class="", at_home="", next_meeting=None)):
        own = parent_letters.copy_text(m, own_only=True)
        assert readability.reading_age(own) <= TARGET_READING_AGE, own
        assert not readability.measure(own).long_sentences
        # "SENCO" is the one school word the app keeps (its sign-off): the box explains it
        assert [t.word for t in jargon_in(own)] == ["SENCO"]
        assert "SENCO: The teacher who plans extra help" in parent_letters.copy_text(m)


def test_the_invitation_the_app_writes_meets_a_reading_age_of_11():
    letter = letters.fill(letters.DEFAULT_TEMPLATE, letters.SAMPLE)
    assert readability.reading_age(letter) <= TARGET_READING_AGE
    assert not readability.measure(letter).long_sentences and not jargon_in(letter)
    annual = letters.fill(
        letters.DEFAULT_TEMPLATE,
        letters.SAMPLE
        | {"meeting_about": "the annual review of Maja's Education, Health and Care plan (EHC plan)"},
    )
    assert readability.reading_age(annual) <= TARGET_READING_AGE


def test_hard_words_are_measured_as_hard():
    hard = (
        "Maja's differentiated curriculum incorporates metacognitive scaffolding strategies, facilitating "
        "independent application of phonological awareness across foundation subjects."
    )
    assert readability.measure(hard).too_hard and readability.reading_age(hard) > 16
    assert readability.measure("Read with Maja.").reading_age is None  # too short to measure


def test_the_copy_as_a_pdf_reads_back_with_its_four_parts_and_the_interpreter(tmp_path):
    text = pdf_text(parent_letters.build_copy(copy_model(), tmp_path / "copy.pdf", invariant=True))
    for words in (
        "Maja's plan: a copy for home",
        "For Anna Kowalska (mother). First language: Polish. Interpreter needed: Polish",
        "How the last plan went",
        "Maja will read 20 common words – done.",
        "What we are working on",
        "I will ask for help when I am stuck",
        "What school will do",
        "Phonics catch-up: in a small group of 4",
        "What you can do at home",
        "Read with Maja for ten minutes each night.",
        "When we meet next",
        "Thursday 11 March 2027",
        "Words we use",
        "Private and confidential",
    ):
        assert words in text, words
    assert "OFFICIAL-SENSITIVE" not in text  # a staff marking: a parent reads plain words


def test_the_copy_as_word_has_real_headings_and_lists(tmp_path):
    d = docx.Document(parent_letters.build_copy(copy_model(), tmp_path / "copy.docx"))
    shown = [(p.style.name, p.text) for p in d.paragraphs if p.text]
    assert ("Title", "Maja's plan: a copy for home") in shown
    assert ("Heading 1", "What you can do at home") in shown
    assert ("List Bullet", "I will ask for help when I am stuck") in shown
    words = d.tables[-1]
    assert [c.text for c in words.rows[0].cells] == [
        "SENCO",
        "The teacher who plans extra help for children at our school.",
    ]


def test_an_invitation_reads_back_with_the_language_and_the_filled_letter(tmp_path):
    letter = letters.fill(letters.DEFAULT_TEMPLATE, letters.SAMPLE)
    m = InvitationModel(SCHOOL, "Maja", "Maja Kowalska", date(2026, 11, 29), letter, [POLISH])
    text = pdf_text(parent_letters.build_invitation(m, tmp_path / "invite.pdf", invariant=True))
    assert "Interpreter needed: Polish" in text and "Dear Mrs Anna Kowalska," in text
    assert "Thursday 12 March 2027 at 3.30pm" in text and "{" not in text
    d = docx.Document(parent_letters.build_invitation(m, tmp_path / "invite.docx"))
    assert any("First language: Polish" in p.text for p in d.paragraphs)


def test_packs_name_each_parents_language_and_the_pupils_layer(tmp_path):
    from dataclasses import replace

    from sencodesk.reports import ehcna
    from sencodesk.reports.models import ParentInfo

    from .pack_samples import make_ehcna

    model = make_ehcna()
    model.child = replace(model.child, support_layer="Targeted plus")
    model.parents = [
        ParentInfo("Anna Kowalska", "Mother", "07700 900123", "", True, "Polish", True),
        *model.parents,
    ]
    text = pdf_text(ehcna.build(model, tmp_path / "ehcna.pdf", invariant=True))
    assert "Anna Kowalska: first language Polish; interpreter needed: Polish." in text
    assert "Layer of support Targeted plus" in text
    plain = pdf_text(ehcna.build(make_ehcna(), tmp_path / "plain.pdf", invariant=True))
    assert (
        "interpreter needed" not in plain and "Layer of support" not in plain
    )  # nothing recorded: nothing said
