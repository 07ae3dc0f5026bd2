"""Issue 16, first part: the EHCNA request agrees with itself and with the LA's checklist.

One pupil with a full record built through the real services (four reviewed cycles and an open
one, assessments, outside advice paired with provision, the request's text quoting the costed
map, consent, identity); each test changes one thing and reads the findings and the PDF back.
"""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from sencodesk.domain.errors import UserError, ValidationError
from sencodesk.domain.money import pounds
from sencodesk.services import cycles as cycle_service
from sencodesk.services import ehcna_requests, pack_settings, packs, pupils, referrals
from tests.services.graduated_support import TODAY, plan_form

# (plan start, review held) of the four reviewed cycles, then the open one's start
DATES = [
    ("08/09/2025", "24/10/2025"),
    ("03/11/2025", "19/12/2025"),
    ("05/01/2026", "13/02/2026"),
    ("23/02/2026", "27/03/2026"),
]
OPEN_START = "07/09/2026"
CELF = "Speech & language: CELF-5 core score"


def pages(path) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(str(path)).pages]


def text_of(path) -> str:
    return " ".join(pages(path))


def _review(actor, cycle_id: int, held: str) -> int:
    c = cycle_service.get_cycle(actor, cycle_id)
    cycle_service.record_review(
        actor,
        cycle_id,
        c.version,
        {
            "held_on": held,
            "decision": "continue",
            "parent_present": True,
            "pupil_present": True,
            "pupil_views": "Reading is easier.",
            "parent_views": "Pleased.",
            "ratings": {o.id: "partly_met" for o in c.outcomes},
        },
        today=TODAY,
    )
    return cycle_service.pupil_record(actor, c.pupil_id, today=TODAY).open_cycle.id


@pytest.fixture
def complete(actor, on_support):
    """A pupil whose request lists nothing to resolve; returns (pupil_id, open cycle id)."""
    pupil_id, cycle_id = on_support(
        start=DATES[0][0],
        legal_forename="Amy",
        legal_surname="Smith",
        dob="03/04/2016",
        year_group="5",
        home_language="English",
        admission_date="01/09/2020",
        attendance_pct="95.5",
        attendance_as_at="13/11/2026",
        address="1 High Street, Horsham RH12 1AA",
        ethnicity="WBRI",
        interpreter_needed="no",
        nhs_number="943 476 5919",
        gp_practice="Park Surgery, Horsham",
        previous_schools="Little Acorns Nursery, 2019 to 2020",
        social_care="none",
        contacts=[{"name": "Jo Smith", "relationship": "Mother", "phone": "01234 567890"}],
    )
    for start, held in DATES:
        c = cycle_service.get_cycle(actor, cycle_id)
        form = plan_form(actor, start=start, review=held, provisions=("Precision teaching",))
        cycle_service.save_plan(actor, cycle_id, c.version, form)
        c = cycle_service.get_cycle(actor, cycle_id)
        cycle_service.save_assess(
            actor,
            cycle_id,
            c.version,
            {
                "assess_date": start,
                "needs_cl": "Reads slowly; spells phonetically.",
                "pupil_views": "I like maths.",
                "pupil_views_by": "Amy",
                "pupil_views_on": start,
                "parent_views": "We read every night.",
                "parent_views_by": "Jo Smith (mother)",
                "parent_views_on": start,
                "assessments": [{"name": CELF, "taken_on": start, "score": "74", "kind": "standardised"}],
            },
        )
        cycle_id = _review(actor, cycle_id, held)
    c = cycle_service.get_cycle(actor, cycle_id)
    cycle_service.save_plan(
        actor,
        cycle_id,
        c.version,
        plan_form(actor, start=OPEN_START, review="14/12/2026", provisions=("Precision teaching",)),
    )
    referrals.add_involvement(
        actor,
        pupil_id,
        {
            "service": "ep",
            "professional": "Dr R Mensah",
            "started_on": "01/03/2026",
            "latest_report_on": "20/03/2026",
            "summary": "Cognitive assessment.",
            "recommendations": "Precision teaching: 3 x 10 minutes a week, 1:1",
        },
        today=TODAY,
    )
    settings = pack_settings.get_pack_settings(actor)
    pack_settings.save_pack_settings(
        actor,
        settings
        | {
            "senco_contact": "01234 567890",
            "head_name": "Mr D Patel",
            "privacy_notice": "See oaktree.example/privacy.",
        },
    )
    write_request(actor, pupil_id, "Amy needs precision teaching 5 x 10 minutes a week.")
    referrals.record_ehcna_consent(
        actor,
        pupil_id,
        {"given_by": "Jo Smith", "relationship": "Mother", "given_on": "15/11/2026", "method": "signed"}
        | {"consent_to_refer": "yes", "share_with": ["Educational psychology"]},
        today=TODAY,
    )
    return pupil_id, cycle_id


def write_request(actor, pupil_id: int, now_needed: str, **more) -> None:
    draft = referrals.get_ehcna_draft(actor, pupil_id)
    form = {
        "request_kind": "new",
        "request_date": "20/11/2026",
        "completed_by": "Ms R Khan",
        "now_needed": now_needed,
        "outcomes_sought": "By July Amy will read 100 common exception words.",
    } | more
    referrals.save_ehcna_draft(actor, pupil_id, draft.version if draft else 0, form, today=TODAY)


def export(actor, pupil_id, tmp_path, name="r.pdf", **kw):
    return packs.export_ehcna(actor, pupil_id, tmp_path / name, today=TODAY, invariant=True, **kw)


def test_the_complete_request_lists_nothing_to_resolve_and_is_not_a_draft(actor, complete, tmp_path):
    pupil_id, _ = complete
    result = export(actor, pupil_id, tmp_path)
    assert result.missing == [] and result.findings == [] and not result.draft
    assert not any("DRAFT" in page for page in pages(result.path))


# --- checklist and pack agree ---------------------------------------------------------------------


def test_the_pack_prints_the_reviewed_cycles_the_la_asks_for_and_the_checklist_judges_it(
    actor, complete, tmp_path
):
    pupil_id, _ = complete
    result = export(actor, pupil_id, tmp_path, profile_key="example_northmoor")  # asks for 3 reviewed
    text = text_of(result.path)
    assert "4 cycles, most recent first; 3 of them reviewed." in text
    check = next(c for c in result.checklist if "reviewed" in c.label.lower())
    assert check.met and check.detail.startswith("3 reviewed cycles in the pack")
    # three cycles chosen by hand: the checklist says what the pack holds, not the whole record
    fewer = export(actor, pupil_id, tmp_path, "f.pdf", profile_key="example_northmoor", cycles=3)
    assert "3 cycles, most recent first; 2 of them reviewed." in text_of(fewer.path)
    check = next(c for c in fewer.checklist if "reviewed" in c.label.lower())
    assert not check.met and check.detail.startswith("2 reviewed cycles in the pack")
    assert any("include more cycles" in m for m in fewer.missing)


# --- an overdue review ------------------------------------------------------------------------------


def test_an_overdue_review_is_said_in_the_findings_and_the_pack(actor, complete, tmp_path):
    pupil_id, cycle_id = complete
    c = cycle_service.get_cycle(actor, cycle_id)
    form = plan_form(actor, start=OPEN_START, review="23/10/2026", provisions=("Precision teaching",))
    cycle_service.save_plan(actor, cycle_id, c.version, form)
    result = export(actor, pupil_id, tmp_path)
    (f,) = [f for f in result.findings if f.kind == "review"]
    assert "due 23/10/2026" in f.message and f.contradiction
    assert "Review overdue: the latest cycle's review was due 23/10/2026" in text_of(result.path)


# --- numbers in free text -------------------------------------------------------------------------


def test_a_sum_in_what_is_now_needed_that_the_map_does_not_give_is_listed_never_rewritten(
    actor, complete, tmp_path
):
    pupil_id, _ = complete
    model = packs.ehcna_model(actor, pupil_id, today=TODAY)
    line = model.evidence.provision_maps[0].lines[0]
    right = f"The school already funds precision teaching ({pounds(line.cost_pence)} this year)."
    write_request(actor, pupil_id, right)
    assert export(actor, pupil_id, tmp_path).findings == []
    wrong = "The school already funds precision teaching (£7,030.00 a year), and reviewed it in 3 cycles."
    write_request(actor, pupil_id, wrong)
    result = export(actor, pupil_id, tmp_path, "w.pdf")
    said = [f.message for f in result.findings if f.kind == "figure"]
    assert any("'£7,030.00'" in m and pounds(line.cost_pence) in m for m in said)
    assert any("'3 cycles'" in m and "5 cycles" in m for m in said)
    assert wrong in text_of(result.path)  # the SENCO's words, as typed


# --- one LA -------------------------------------------------------------------------------------------


def test_the_pack_names_one_la_and_a_profile_for_another_is_said(actor, complete, tmp_path):
    pupil_id, _ = complete
    result = export(actor, pupil_id, tmp_path, profile_key="example_eastbridge")
    text = text_of(result.path)
    assert (
        "Prepared for Eastbridge County Council." in text
        and "Local authority Eastbridge County Council" in text
    )
    assert "West Sussex" not in text  # the school's LA setting is not printed beside another
    (f,) = [f for f in result.findings if f.kind == "la"]
    assert "Eastbridge County Council" in f.message and "West Sussex" in f.message
    # the neutral profile prints the school's LA, and the request's record must name the same
    ehcna_requests.record_request(
        actor,
        pupil_id,
        {"requested_by": "school", "sent_on": "20/11/2026", "la_name": "Hampshire"},
        today=TODAY,
    )
    result = export(actor, pupil_id, tmp_path, "n.pdf")
    assert "Prepared for West Sussex." in text_of(result.path)
    (f,) = [f for f in result.findings if f.kind == "la"]
    assert "Hampshire" in f.message and "West Sussex" in f.message


# --- delivered, not only planned --------------------------------------------------------------------


def test_planned_against_delivered_and_a_block_past_31_august_split_by_year(actor, complete, tmp_path):
    pupil_id, cycle_id = complete
    c = cycle_service.get_cycle(actor, cycle_id)
    form = plan_form(
        actor,
        start=OPEN_START,
        review="14/12/2026",
        provisions=("Precision teaching", "Phonics catch-up"),
    )
    form["allocations"][1] |= {"start_date": "12/11/2026", "weeks": "38"}
    cycle_service.save_plan(actor, cycle_id, c.version, form)
    alloc = cycle_service.get_cycle(actor, cycle_id).allocations[0]
    for day in ("16/11/2026", "17/11/2026", "18/11/2026"):
        cycle_service.log_sessions(actor, day, [{"allocation_id": alloc.id, "attended": True}], today=TODAY)
    result = export(actor, pupil_id, tmp_path)
    text = text_of(result.path)
    # a block of 38 weeks from 12/11/2026: the weeks left of 2026/27 here, never all 38
    weeks = re.search(r"(\d+) of its 38 weeks fall in 2026/27", text)
    assert weeks and 20 < int(weeks.group(1)) < 38
    assert "Planned and delivered in 2026/27 to 20/11/2026" in text
    maps = packs.ehcna_model(actor, pupil_id, today=TODAY).evidence.provision_maps[0]
    line = next(d for d in maps.delivered if d.provision.startswith("Precision teaching (from 07/09/2026"))
    assert line.logged == 3 and line.planned_sessions > 3 and line.delivered_pence < line.planned_pence


# --- scores that undermine the request ----------------------------------------------------------


def test_an_average_score_beside_a_claimed_gap_is_flagged(actor, complete, tmp_path):
    pupil_id, cycle_id = complete
    c = cycle_service.get_cycle(actor, cycle_id)
    cycle_service.save_assess(
        actor,
        cycle_id,
        c.version,
        {"assess_date": "04/10/2026", "needs_cl": "Reads slowly; spells phonetically."}
        | {"assessments": [{"name": CELF, "taken_on": "04/10/2026", "score": "87", "kind": "standardised"}]},
    )
    write_request(actor, pupil_id, "Amy is still 2 years behind in understanding language.")
    result = export(actor, pupil_id, tmp_path)
    (f,) = [f for f in result.findings if f.kind == "score"]
    assert "87" in f.message and "average range" in f.message and "2 years behind" in f.message
    text = text_of(result.path)
    assert "In the average range (85 to 115)" in text and "within one standard deviation" in text


# --- advice and provision paired ------------------------------------------------------------------


def test_advice_is_paired_with_its_provision_and_a_different_dose_or_none_is_said(actor, complete, tmp_path):
    pupil_id, _ = complete
    referrals.add_involvement(
        actor,
        pupil_id,
        {
            "service": "salt",
            "professional": "Ms C Byrne",
            "started_on": "01/03/2026",
            "recommendations": "Precision teaching: 3 x 20 minutes a week\nA key adult for a daily check-in",
        },
        today=TODAY,
    )
    result = export(actor, pupil_id, tmp_path)
    kinds = {f.kind: f for f in result.findings}
    assert "advised 3 x 20 min a week; given 3 x 10 min a week" in kinds["dose"].message
    assert "key adult" in kinds["advice"].message and not kinds["advice"].contradiction
    text = text_of(result.path)
    assert "Their advice, and the provision that carried it out" in text
    assert "Not yet acted on" in text and "Advised 3 x 20 min a week; given 3 x 10 min a week" in text


# --- thin packs are marked DRAFT ------------------------------------------------------------------


def test_a_thin_request_is_marked_draft_on_every_page_and_lists_the_profiles_questions(
    actor, on_support, tmp_path
):
    pupil_id, _ = on_support(legal_forename="Tom", legal_surname="Thin")
    result = export(actor, pupil_id, tmp_path, profile_key="example_northmoor")
    assert result.draft
    every = pages(result.path)
    assert len(every) > 1 and all("DRAFT" in page for page in every)
    assert "DRAFT: NOT READY TO SEND TO THE LOCAL AUTHORITY" in every[0]
    assert PdfReader(str(result.path)).metadata.title.startswith("DRAFT:")
    asked = [m for m in result.missing if m.startswith("Answer to the LA's question")]
    assert len(asked) == 2 and "typical day" in asked[1]


def test_not_yet_recorded_never_leaves_without_the_mark(actor, complete, tmp_path):
    """Even where the list of what is missing does not say it, a pack printing the words is a draft."""
    from sencodesk.reports import ehcna

    pupil_id, _ = complete
    model = packs.ehcna_model(actor, pupil_id, today=TODAY)
    model.school.urn = ""  # prints "Not yet recorded" in the request's facts; missing() is silent
    assert model.draft_reasons() == []
    path = ehcna.build(model, tmp_path / "u.pdf", invariant=True)
    assert all("DRAFT" in page for page in pages(path))


# --- the identity section ---------------------------------------------------------------------------


def test_the_identity_section_and_the_privacy_notice(actor, complete, tmp_path):
    pupil_id, _ = complete
    text = text_of(export(actor, pupil_id, tmp_path).path)
    for words in (
        "Address 1 High Street, Horsham RH12 1AA",
        "Ethnicity White - British",
        "Interpreter needed No",
        "NHS number 943 476 5919",
        "GP practice Park Surgery, Horsham",
        "Previous schools Little Acorns Nursery, 2019 to 2020",
        "Social care status No social care involvement",
        "Free school meals No",
        "How the school uses and shares your information: See oaktree.example/privacy.",
    ):
        assert words in text, words


def test_a_looked_after_pupil_prints_looked_after_and_a_disagreeing_status_is_said(actor, complete, tmp_path):
    pupil_id, _ = complete
    p = pupils.get_pupil(actor, pupil_id)
    pupils.update_pupil(actor, pupil_id, p.version, pupils.pupil_form(p) | {"looked_after": True})
    result = export(actor, pupil_id, tmp_path)
    assert "Social care status Looked after by the local authority" in text_of(result.path)
    (f,) = [f for f in result.findings if f.kind == "record"]
    assert "looked after" in f.message and f.field == "social_care"


# --- vague wording, every pack ----------------------------------------------------------------------


def test_vague_wording_is_listed_at_export_for_every_pack(actor, complete, tmp_path):
    pupil_id, _ = complete
    write_request(actor, pupil_id, "Amy needs a TA as needed and movement breaks when appropriate.")
    result = export(actor, pupil_id, tmp_path)
    vague = sorted(f.message.split(":")[0] for f in result.findings if f.kind == "vague")
    assert vague == ["'as needed'", "'when appropriate'"]
    ref = referrals.add_referral(
        actor,
        pupil_id,
        {"service": "ot", "referred_on": "19/11/2026", "reason": "Handwriting", "asks": "Advice if needed."},
        today=TODAY,
    )
    found = packs.export_referral(actor, ref, tmp_path / "ref.pdf", today=TODAY).findings
    assert [(f.kind, f.field) for f in found] == [("vague", "asks")]


# --- the same request as a Word file, and the LA's own form ---------------------------------------


def docx_text(path) -> str:
    """Every paragraph of the body, its tables' cells and the page header, in reading order."""
    import docx

    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs]
    texts += [cell.text for t in d.tables for row in t.rows for cell in row.cells]
    texts += [p.text for s in d.sections for p in s.header.paragraphs]
    return "\n".join(texts)


def money(text: str) -> set[str]:
    return set(re.findall(r"£[\d,]+\.\d\d", text))


def test_the_word_request_has_the_pdfs_sections_as_headings_and_its_figures(actor, complete, tmp_path):
    import docx

    from sencodesk.reports import ehcna

    pupil_id, _ = complete
    pdf = "\n".join(pages(export(actor, pupil_id, tmp_path).path))
    result = export(actor, pupil_id, tmp_path, name="r.docx")
    assert result.path.suffix == ".docx" and not result.draft and result.findings == []
    d = docx.Document(str(result.path))
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    model = packs.ehcna_model(actor, pupil_id, today=TODAY)
    assert headings == [h for _, h in ehcna.section_headings(model)]
    assert all(h.split(". ", 1)[1] in pdf for h in headings)
    text = docx_text(result.path)
    # every sum the PDF prints is in the Word file, and no other: one model, one set of figures
    assert money(text) == money(pdf) and len(money(text)) > 3
    assert "Prepared for" in text and "DRAFT" not in text
    # each data table marks its header row (a screen reader names the columns)
    assert all(t._tbl.xml.count("w:tblHeader") == 1 for t in d.tables if len(t.columns) > 2)


def test_a_thin_request_in_word_is_marked_draft_as_its_pdf_is(actor, on_support, tmp_path):
    import docx

    pupil_id, _ = on_support(legal_forename="Tom", legal_surname="Thin")
    result = export(actor, pupil_id, tmp_path, name="t.docx", profile_key="example_northmoor")
    assert result.draft
    d = docx.Document(str(result.path))
    assert d.core_properties.title.startswith("DRAFT:")
    assert "DRAFT:" in d.sections[0].header.paragraphs[0].text
    assert "DRAFT: NOT READY TO SEND TO THE LOCAL AUTHORITY" in docx_text(result.path)


def test_the_las_own_word_form_is_filled_from_the_request(actor, complete, tmp_path):
    from sencodesk.reports import ehcna

    pupil_id, _ = complete
    first = export(
        actor, pupil_id, tmp_path, name="first.docx", profile_key="example_eastbridge", la_form=True
    )
    # Eastbridge asks three questions of its own: unanswered, the form says DRAFT as the pack does
    assert first.draft and "DRAFT: NOT READY TO SEND" in docx_text(first.path)
    answers = {
        "health_needs": "None known (GP, 10/2026).",
        "social_care": "None.",
        "previous_schools": "None.",
    }
    write_request(actor, pupil_id, "Amy needs precision teaching 5 x 10 minutes a week.", la_answers=answers)
    result = export(
        actor, pupil_id, tmp_path, name="form.docx", profile_key="example_eastbridge", la_form=True
    )
    assert not result.draft
    text = docx_text(result.path)
    model = packs.ehcna_model(actor, pupil_id, profile_key="example_eastbridge", today=TODAY)
    for said in (
        "Amy Smith",
        "03/04/2016",
        "1 High Street, Horsham RH12 1AA",
        "Jo Smith",
        "Amy needs precision teaching 5 x 10 minutes a week.",
        "None known (GP, 10/2026).",
        ehcna.total_sentence(model.evidence.provision_maps[0], model.threshold_pence),
    ):
        assert said in text, said
    assert "{{" not in text and "{%" not in text
    assert "DRAFT" not in text  # the form says DRAFT only while the request is one


def test_a_form_the_profile_does_not_name_or_a_pdf_name_is_refused_plainly(actor, complete, tmp_path):
    pupil_id, _ = complete
    with pytest.raises(ValidationError) as e:
        export(actor, pupil_id, tmp_path, name="f.docx", profile_key="example_northmoor", la_form=True)
    assert "names no Word form" in e.value.message
    with pytest.raises(ValidationError) as e:
        export(actor, pupil_id, tmp_path, name="f.pdf", profile_key="example_eastbridge", la_form=True)
    assert "saved as a .docx file" in e.value.message
    assert not (tmp_path / "f.docx").exists() and not (tmp_path / "f.pdf").exists()


def test_a_faulty_or_prying_school_form_is_refused_in_plain_words(actor, complete, tmp_path):
    import docx

    from sencodesk.reports import la_form

    pupil_id, _ = complete
    model = packs.ehcna_model(actor, pupil_id, today=TODAY)
    for field in ("{{ child.name ", "{{ child.nmae }}", "{{ ''.__class__.__mro__[1].__subclasses__() }}"):
        form = docx.Document()
        form.add_paragraph(field)
        form.save(str(tmp_path / "ours.docx"))
        with pytest.raises(UserError) as e:
            la_form.fill(tmp_path / "ours.docx", model, tmp_path / "out.docx")
        assert "ours.docx" in e.value.message and "Traceback" not in e.value.message
    assert not (tmp_path / "out.docx").exists()
