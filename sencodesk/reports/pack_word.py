"""The EHC needs assessment request and the referral pack as Word files (.docx), for the LA's
form or portal: the SENCO pastes from them and edits.

Laid out from the same read-model as the PDFs, through the same functions that give the PDFs
their words and rows (ehcna.request_rows, parts.cycle_parts, ehcna.delivered_rows...), in the
same sections and headings, so the two files cannot disagree. The document itself is built by
word.WordDocument (real heading styles, marked table headers, alt text, guarded writes).

The PDF's charts of results over time are not drawn here: the table above each chart holds the
same results, which a screen reader reads and a SENCO can paste.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..domain.la_profile import UNKNOWN_QUESTION
from ..domain.money import pounds
from ..domain.staff_requests import Observation
from . import ehcna, parts, referral, theme
from .models import (
    AreaNeeds,
    AttachedReport,
    CycleEvidence,
    EhcnaModel,
    InvolvementInfo,
    ParentInfo,
    ReferralModel,
    View,
)
from .word import WordDocument


def build_request(model: EhcnaModel, path: Path | str, *, invariant: bool = False) -> Path:
    """The request as a .docx (invariant: accepted for the same call as ehcna.build)."""
    draft = ehcna.is_draft(model)
    doc = _document(
        f"{theme.DRAFT}: {model.title}" if draft else model.title,
        "Request for an EHC needs assessment",
        model,
    )
    doc.title(model.title)
    doc.paragraph(ehcna.intro_text(model))
    if draft:
        doc.banner(ehcna.DRAFT_HEADLINE, ehcna.draft_detail(model.draft_reasons()))
    for section, heading in ehcna.section_headings(model):
        doc.heading(heading, 1)
        SECTIONS[section](doc, model)
    return doc.save(path)


def build_referral(model: ReferralModel, path: Path | str, *, invariant: bool = False) -> Path:
    """The referral pack as a .docx, in the PDF's numbered sections."""
    doc = _document(model.title, f"Referral to {model.service_name}", model)
    doc.title(model.title)
    if not model.consent_ok:
        doc.banner(referral.CONSENT_MISSING, referral.consent_missing(model))
    tried = "no cycles of SEN support are recorded for this pupil."
    writers: dict[str, Callable[[], None]] = {
        "referral": lambda: doc.facts(referral.referral_rows(model)),
        "child": lambda: doc.facts(parts.child_rows(model.child, with_upn=True)),
        "family": lambda: _parents(doc, model.parents),
        "needs": lambda: _needs(doc, model.needs, describe=False),
        "reason": lambda: _text(doc, model.reason),
        "tried": lambda: _cycles(doc, model.tried, model.printed_on, tried),
        "observations": lambda: _observations(doc, model.observations),
        "professionals": lambda: _involvements(doc, model.involvements),
        "questions": lambda: doc.facts(referral.question_rows(model)),
        "asks": lambda: _text(doc, model.asks),
        "attachments": lambda: _attachments(doc, model.attachments, model.attachments_note),
        "consent": lambda: _referral_consent(doc, model),
    }
    for number, (key, heading) in enumerate(referral.headings(model), start=1):
        doc.heading(f"{number}. {heading}", 1)
        writers[key]()
    return doc.save(path)


def _document(title: str, subject: str, model: EhcnaModel | ReferralModel) -> WordDocument:
    doc = WordDocument(
        title=title,
        school=model.school.name,
        subject=subject,
        printed_on=model.printed_on,
        marking=theme.MARKING,
    )
    logo = model.school.logo_path
    if logo and Path(logo).is_file():
        doc.picture(logo, alt=f"{model.school.name} logo", width_mm=25)
    return doc


# ---- what both packs print --------------------------------------------------------------------


def _missing(doc: WordDocument, what: str = "") -> None:
    doc.paragraph(f"{theme.NOT_RECORDED}: {what}" if what else f"{theme.NOT_RECORDED}.", style="missing")


def _text(doc: WordDocument, text: str | None) -> None:
    if text and text.strip():
        doc.paragraph(text)
    else:
        doc.paragraph(theme.NOT_RECORDED, style="missing")


def _parents(doc: WordDocument, parents: list[ParentInfo]) -> None:
    if not parents:
        _missing(doc, "no parent or carer contacts are on the pupil's record.")
        return
    doc.table(parts.PARENT_HEADER, parts.parent_rows(parents), widths=[26.5, 30, 31.5, 31, 55])
    if not any(p.parental_responsibility for p in parents):
        doc.paragraph(parts.NO_RESPONSIBILITY, style="missing")
    for line in parts.language_lines(parents):
        doc.paragraph(line)


def _needs(doc: WordDocument, needs: list[AreaNeeds], *, describe: bool = True) -> None:
    rows = parts.need_rows(needs)
    if rows:
        doc.table(parts.NEED_HEADER, rows, widths=[1.5, 4, 3.5])
    else:
        _missing(doc, "no census need type is recorded.")
    outside = parts.outside_areas(needs)
    if outside and describe:
        doc.heading("Needs outside the four broad areas", 2)
    for line in outside:
        doc.paragraph(line)
    if not describe:
        return
    by_area = {a.area: a for a in needs}
    for area in parts.AREA_ORDER:
        doc.heading(area, 2)
        entry = by_area.get(area)
        if entry and entry.description:
            doc.paragraph(entry.description)
        elif entry and entry.needs:
            _missing(doc, "a description of strengths and difficulties in this area.")
        else:
            doc.paragraph("No needs recorded in this area.", style="note")


def _involvements(doc: WordDocument, items: list[InvolvementInfo]) -> None:
    if items:
        doc.table(parts.INVOLVEMENT_HEADER, parts.involvement_rows(items), widths=[3, 2.6, 3, 2.5, 4.5])
    else:
        _missing(doc, "no outside professionals are recorded as involved.")


def _cycles(doc: WordDocument, cycles: list[CycleEvidence], today: date, empty: str) -> None:
    if not cycles:
        _missing(doc, empty)
        return
    for cycle in cycles:
        c = parts.cycle_parts(cycle, today)
        doc.heading(c.heading, 2)
        if c.outcomes:
            doc.table(c.outcome_header, c.outcomes, widths=[7, 2.2], caption=f"{cycle.title}: outcomes")
        else:
            _missing(doc, "outcomes for this cycle.")
        if c.provision:
            widths = [3.4, 2, 3, 1.8, 2.6] if len(c.provision_header) == 5 else [4, 2, 3, 2]
            doc.table(c.provision_header, c.provision, widths=widths, caption=f"{cycle.title}: provision")
        else:
            _missing(doc, "provision in this cycle.")
        if c.review:
            doc.facts(c.review)
        else:
            doc.paragraph(parts.NOT_REVIEWED, style="missing")


def _observations(doc: WordDocument, observations: list[Observation]) -> None:
    for o in observations:
        heading, asked = parts.observation_heading(o)
        doc.heading(heading, 2)
        doc.paragraph(asked, style="note")
        for a in o.answers:
            doc.paragraph(a.question, style="note")
            doc.paragraph(a.answer)


def _attachments(doc: WordDocument, items: list[AttachedReport], note: str) -> None:
    doc.table(parts.ATTACHMENT_HEADER, parts.attachment_rows(items), widths=[1.4, 4.3, 3.3, 3.5, 2.8, 3])
    if note:
        doc.paragraph(note, style="note")


def _referral_consent(doc: WordDocument, model: ReferralModel) -> None:
    if model.consent is None:
        doc.banner(referral.CONSENT_MISSING, referral.consent_missing(model))
        return
    doc.facts(referral.consent_rows(model.consent))
    if not model.consent.agreed:
        doc.banner(referral.CONSENT_MISSING, referral.consent_missing(model))


# ---- the request's sections -------------------------------------------------------------------


def _request(doc: WordDocument, m: EhcnaModel) -> None:
    doc.facts(ehcna.request_rows(m))


def _child(doc: WordDocument, m: EhcnaModel) -> None:
    doc.facts(parts.child_rows(m.child, with_upn=True))
    doc.heading("Identity and family circumstances", 2)
    doc.facts(parts.identity_rows(m.child))


def _views(doc: WordDocument, views: list[View], whose: str) -> None:
    if not views:
        _missing(doc, f"{whose} views have not been recorded in a cycle yet.")
    for v in views:
        doc.paragraph(parts.dated(v.given_on, v.given_by) or "Date not recorded", style="note")
        doc.paragraph(v.text)


def _attainment(doc: WordDocument, m: EhcnaModel) -> None:
    if not m.evidence.assessments:
        _missing(doc, ehcna.NO_ASSESSMENTS)
        return
    for measure in ehcna.measures(m):
        doc.heading(measure.name, 2)
        widths = [2, 1.6, 3, 4.4] if len(measure.header) == 4 else [2, 2, 6]
        doc.table(measure.header, measure.rows, widths=widths, caption=f"{measure.name} over time")
    for note in ehcna.attainment_notes(m):
        doc.paragraph(note, style="note")


def _graduated(doc: WordDocument, m: EhcnaModel) -> None:
    if m.evidence.cycles:
        text, overdue = ehcna.graduated_notes(m)
        doc.paragraph(text, style="note")
        if overdue:
            doc.paragraph(overdue, style="missing")
    _cycles(
        doc, m.evidence.cycles, m.printed_on, "no assess-plan-do-review cycles are recorded for this pupil."
    )


def _costed(doc: WordDocument, m: EhcnaModel) -> None:
    maps = m.evidence.provision_maps
    if not any(pm.lines for pm in maps):
        _missing(doc, "no costed provision is recorded for this year or last.")
        return
    for pm in maps:
        doc.heading(f"Academic year {pm.label}", 2)
        if not pm.lines:
            doc.paragraph(f"No costed provision in {pm.label}.", style="note")
            continue
        doc.table(
            ehcna.COST_HEADER,
            [*ehcna.cost_rows(pm), ["Total", "", pounds(pm.total_pence)]],
            widths=[4, 5, 2],
            total_row=True,
            caption=f"Costed provision, {pm.label}",
        )
        doc.paragraph(ehcna.total_sentence(pm, m.threshold_pence))
        if pm.weeks_note:
            doc.paragraph(pm.weeks_note, style="note")
        if pm.delivered:
            doc.heading(ehcna.delivered_heading(pm, m.printed_on), 2)
            doc.table(
                ehcna.DELIVERED_HEADER,
                ehcna.delivered_rows(pm),
                widths=[4, 1.7, 1.9, 1.7, 1.9],
                total_row=True,
                caption=f"Planned and delivered, {pm.label}",
            )
            doc.paragraph(ehcna.DELIVERED_NOTE, style="note")
    for note in ehcna.costed_notes(m):
        doc.paragraph(note, style="note")


def _professionals(doc: WordDocument, m: EhcnaModel) -> None:
    if not m.involvements and "professionals" not in m.profile.required:
        doc.paragraph(ehcna.NO_PROFESSIONALS, style="note")
        return
    _involvements(doc, m.involvements)
    rows = ehcna.advice_rows(m)
    if rows:
        doc.heading(ehcna.ADVICE_HEADING, 2)
        shown = [[text, by, provision or ehcna.NOT_ACTED_ON, note] for text, by, provision, note in rows]
        doc.table(ehcna.ADVICE_HEADER, shown, widths=[4, 3, 3.2, 2.8])


def _now_needed(doc: WordDocument, m: EhcnaModel) -> None:
    doc.heading("What the school thinks is now needed", 2)
    _text(doc, m.now_needed)
    doc.heading("Outcomes sought", 2)
    _text(doc, m.outcomes_sought)


def _consents(doc: WordDocument, m: EhcnaModel) -> None:
    missing = ehcna.consent_missing(m)
    if missing:
        doc.banner(ehcna.CONSENT_MISSING, missing)
    for rows in ehcna.consent_rows(m):
        doc.facts(rows)
    doc.paragraph(ehcna.AGREEMENT)
    doc.paragraph(ehcna.PRIVACY_LABEL, style="note")
    _text(doc, m.privacy_notice)
    for role, name in ehcna.signers_of(m):
        doc.signature(role, name)


def _la_questions(doc: WordDocument, m: EhcnaModel) -> None:
    asked, unknown = ehcna.la_answers(m)
    for question, answer in asked:
        doc.heading(question, 2)
        _text(doc, answer)
    if unknown:
        doc.heading(UNKNOWN_QUESTION, 2)
        for text in unknown:
            doc.paragraph(text)


SECTIONS = {
    "request": _request,
    "child": _child,
    "parents": lambda doc, m: _parents(doc, m.parents),
    "child_views": lambda doc, m: _views(doc, m.evidence.child_views, "The child's"),
    "parent_views": lambda doc, m: _views(doc, m.evidence.parent_views, "Parents'"),
    "needs": lambda doc, m: _needs(doc, parts.with_descriptions(m.needs, m.evidence.area_descriptions)),
    "attainment": _attainment,
    "staff_observations": lambda doc, m: _observations(doc, m.observations),
    "graduated": _graduated,
    "costed_provision": _costed,
    "professionals": _professionals,
    "attachments": lambda doc, m: _attachments(doc, m.attachments, m.attachments_note),
    "now_needed": _now_needed,
    "consents": _consents,
    "la_questions": _la_questions,
}
