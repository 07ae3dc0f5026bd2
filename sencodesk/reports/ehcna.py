"""The EHC needs assessment request pack, for the LA's SEN caseworker.

Sections follow the issue's order (the evidence the Code 9.14 asks for) unless the school's
LA profile reorders or renames them. Missing evidence is said plainly in its own section.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain.attainment import AVERAGE_RANGE
from ..domain.dates import uk
from ..domain.la_profile import UNKNOWN_QUESTION
from ..domain.money import pounds
from ..domain.plural import plural
from . import ehcna_checks, parts, theme
from .models import Assessment, EhcnaModel, ProvisionMap, View


def build(model: EhcnaModel, path: Path | str, *, invariant: bool = False) -> Path:
    story, info = _document(model)
    return theme.build_pdf(path, story, info, subject=SUBJECT, invariant=invariant)


def pdf_bytes(model: EhcnaModel, *, invariant: bool = False) -> bytes:
    """The pack in memory, for a bundle with its attachments."""
    story, info = _document(model)
    return theme.pdf_bytes(story, info, subject=SUBJECT, invariant=invariant)


SUBJECT = "Request for an EHC needs assessment"


def _document(model: EhcnaModel) -> tuple[list[Flowable], theme.PageInfo]:
    styles = theme.make_styles()
    body = _body(model, styles)
    reasons = model.draft_reasons()
    draft = _draft(model, body)
    story: list[Flowable] = [theme.para(model.title, styles["title"]), _intro(model, styles)]
    if draft:
        story += [_draft_banner(reasons, styles), Spacer(1, 6)]
    title = f"{theme.DRAFT}: {model.title}" if draft else model.title
    info = theme.PageInfo(
        model.school.name, title, model.printed_on, model.school.logo_path, draft=theme.DRAFT if draft else ""
    )
    return story + body, info


# The words and rows below are the pack's content, shared by this PDF and the Word file
# (pack_word): both are laid out from the same model through the same functions.
DRAFT_HEADLINE = "DRAFT: NOT READY TO SEND TO THE LOCAL AUTHORITY"


def draft_detail(reasons: list[str]) -> str:
    still = "; ".join(r[:1].lower() + r[1:] for r in reasons) if reasons else "see the sections marked"
    return f'Still to record: {still}. Sections without them say "{theme.NOT_RECORDED}".'


def _body(model: EhcnaModel, styles: dict) -> list[Flowable]:
    body: list[Flowable] = []
    for section, heading in section_headings(model):
        content = SECTIONS[section](model, styles)
        assert content is not None  # section_headings leaves out a section with nothing to print
        body += theme.with_heading(theme.heading(heading, styles), content)
    return body


def section_headings(model: EhcnaModel) -> list[tuple[str, str]]:
    """(section, heading) in the LA profile's order and words, of the sections that print."""
    shown = [section for section in model.profile.order if _has(model, section)]
    return [(section, model.profile.heading(section, n)) for n, section in enumerate(shown, start=1)]


def _has(model: EhcnaModel, section: str) -> bool:
    """Whether a section prints: the LA's questions when it asks some (or answers to another's
    are held), staff observations when staff have answered, reports when some go with it."""
    if section == "la_questions":
        return bool(model.profile.questions or model.la_answers)
    if section == "staff_observations":
        return bool(model.observations)
    if section == "attachments":
        return bool(model.attachments)
    return True


def _draft(model: EhcnaModel, body: list[Flowable]) -> bool:
    # "Not yet recorded" never reaches the LA without the mark, whatever draft_reasons says
    return bool(model.draft_reasons()) or theme.prints_not_recorded(body)


def is_draft(model: EhcnaModel) -> bool:
    """Whether the request is marked DRAFT (the PDF's rule, for the Word file and the export)."""
    return _draft(model, _body(model, theme.make_styles()))


def _draft_banner(reasons: list[str], s) -> Flowable:
    return theme.banner(DRAFT_HEADLINE, s, draft_detail(reasons))


def intro_text(model: EhcnaModel) -> str:
    kind = "a re-request" if model.request_kind == "re" else "a request"
    return (
        f"{model.school.name} makes {kind} for an education, health and care needs assessment "
        f"for {model.child.name} (date of birth {uk(model.child.dob) or 'not recorded'}). "
        f"Prepared for {model.la_name or 'the local authority'}."
    )


def _intro(model: EhcnaModel, styles) -> Flowable:
    return theme.para(intro_text(model), styles["body"])


def request_rows(m: EhcnaModel) -> list[tuple[str, str]]:
    return [
        ("Date of request", uk(m.request_date)),
        ("New request or re-request", "Re-request" if m.request_kind == "re" else "New request"),
        ("School", m.school.name),
        ("URN", m.school.urn),
        ("Local authority", m.la_name),
        ("Person completing", m.completed_by),
        ("SENCO", m.school.senco_name),
        ("SENCO contact", m.school.senco_contact),
    ]


def _request(m: EhcnaModel, s) -> list[Flowable]:
    return [theme.facts(request_rows(m), s)]


def _child(m: EhcnaModel, s) -> list[Flowable]:
    return [
        parts.child_facts(m.child, s, with_upn=True),
        KeepTogether(
            [theme.heading("Identity and family circumstances", s, "h2"), parts.identity_facts(m.child, s)]
        ),
    ]


def _parents(m: EhcnaModel, s) -> list[Flowable]:
    return parts.parents_table(m.parents, s)


def _views(views: list[View], s, whose: str) -> list[Flowable]:
    if not views:
        return [theme.not_recorded(s, f"{whose} views have not been recorded in a cycle yet.")]
    out: list[Flowable] = []
    for v in views:
        # who and when stay on the same page as what they said
        out.append(
            KeepTogether(
                [
                    theme.para(parts.dated(v.given_on, v.given_by) or "Date not recorded", s["label"]),
                    theme.para(v.text, s["body"]),
                ]
            )
        )
    return out


def _child_views(m: EhcnaModel, s) -> list[Flowable]:
    return _views(m.evidence.child_views, s, "The child's")


def _parent_views(m: EhcnaModel, s) -> list[Flowable]:
    return _views(m.evidence.parent_views, s, "Parents'")


def _needs(m: EhcnaModel, s) -> list[Flowable]:
    # the school's description of each area comes from the graduated evidence
    return parts.needs_block(parts.with_descriptions(m.needs, m.evidence.area_descriptions), s)


@dataclass
class Measure:
    """One measure's results over time, as the attainment section prints them."""

    name: str
    header: list[str]
    rows: list[list[str]]
    charted: list[Assessment]  # the results with a value and a date (a chart needs two)
    ages: bool  # the chart draws ages in years


def measures(m: EhcnaModel) -> list[Measure]:
    by_measure: dict[str, list[Assessment]] = defaultdict(list)
    for a in sorted(m.evidence.assessments, key=lambda a: a.taken_on or date.min):
        by_measure[a.measure].append(a)
    out = []
    for name, items in by_measure.items():
        when = [uk(a.taken_on) or "Date not recorded" for a in items]
        if any(a.expectation for a in items):
            header = ["Date", "Result", "Against national expectations", "What it means"]
            rows = [[d, a.result, a.expectation, a.note] for d, a in zip(when, items, strict=True)]
        else:
            header = ["Date", "Result", "What it means"]
            rows = [[d, a.result, a.note] for d, a in zip(when, items, strict=True)]
        charted = [a for a in items if a.value is not None and a.taken_on]
        ages = any(a.shown and a.value is not None and a.shown.strip(" %") != f"{a.value:g}" for a in charted)
        out.append(Measure(name, header, rows, charted, ages))
    return out


def attainment_notes(m: EhcnaModel) -> list[str]:
    kinds = {a.kind for a in m.evidence.assessments if a.expectation}
    notes = []
    if "standardised" in kinds:
        notes.append(f"Standardised scores: {AVERAGE_RANGE}.")
    if "scaled_ks2" in kinds:
        notes.append("Key stage 2 scaled scores: 100 or more meets the expected standard.")
    return notes


def _attainment(m: EhcnaModel, s) -> list[Flowable]:
    if not m.evidence.assessments:
        return [theme.not_recorded(s, NO_ASSESSMENTS)]
    out: list[Flowable] = []
    for measure in measures(m):
        widths = [2, 1.6, 3, 4.4] if len(measure.header) == 4 else [2, 2, 6]
        table = theme.table(measure.header, measure.rows, s, widths=widths)
        block: list[Flowable] = [theme.heading(measure.name, s, "h2"), table]
        if len(measure.charted) >= 2:
            block.append(Spacer(1, 6))  # the chart's caption clear of the table above
            block.append(
                theme.line_chart(
                    [uk(a.taken_on) for a in measure.charted],
                    [a.value for a in measure.charted if a.value is not None],
                    caption=measure.name + (" (ages drawn in years)" if measure.ages else ""),
                    from_zero=False,
                )
            )
        if len(measure.rows) < 15:
            out.append(KeepTogether(block))
        else:
            out += block
    out += [theme.para(text, s["note"]) for text in attainment_notes(m)]
    return out


NO_ASSESSMENTS = "no assessments have been recorded across the cycles."


def _observations(m: EhcnaModel, s) -> list[Flowable] | None:
    """Staff's answers to the SENCO's requests (the last 12 months); no section when none."""
    if not m.observations:
        return None
    note = theme.para("What the pupil's teachers see, in their own words, newest first.", s["note"])
    return [note, *parts.observations_block(m.observations, s)]


def _graduated(m: EhcnaModel, s) -> list[Flowable]:
    cycles = m.evidence.cycles
    if not cycles:
        return [theme.not_recorded(s, "no assess-plan-do-review cycles are recorded for this pupil.")]
    text, overdue = graduated_notes(m)
    note: Flowable = theme.para(text, s["note"])
    if overdue:
        note = KeepTogether([note, theme.para(overdue, s["missing"])])
    out: list[Flowable] = []
    for cycle in cycles:
        out += parts.cycle_block(cycle, s, m.printed_on)
        out.append(Spacer(1, 6))
    # the note travels with the first cycle's heading and table, so neither is left alone
    return [KeepTogether([*theme.opened(note), *theme.opened(out[0])]), *out[1:]]


def graduated_notes(m: EhcnaModel) -> tuple[str, str]:
    """(how many cycles the pack prints, the overdue review when there is one, else '')."""
    text = cycles_note(len(m.evidence.cycles), len(m.reviewed_cycles))
    total, reviewed = m.evidence.cycles_total, m.evidence.reviewed_total
    if total is not None and total > len(m.evidence.cycles):
        text += f" The record holds {plural(total, 'cycle')} in all, {reviewed} of them reviewed."
    late = ehcna_checks.overdue_review(m)
    overdue = (
        f"Review overdue: the latest cycle's review was due {uk(late.review_on)} and has not been held yet."
        if late is not None
        else ""
    )
    return text, overdue


def cycles_note(shown: int, reviewed: int) -> str:
    """'The last 3 cycles, most recent first; 2 of them reviewed.' in whole words, no '(s)'."""
    if shown == 1:
        return "1 cycle; " + ("it has been reviewed." if reviewed else "it has not been reviewed yet.")
    done = {0: "none of them reviewed yet", shown: "all of them reviewed"}.get(
        reviewed, f"{reviewed} of them reviewed"
    )
    return f"{shown} cycles, most recent first; {done}."


def _costed(m: EhcnaModel, s) -> list[Flowable]:
    maps = [pm for pm in m.evidence.provision_maps]
    if not any(pm.lines for pm in maps):
        return [theme.not_recorded(s, "no costed provision is recorded for this year or last.")]
    out: list[Flowable] = []
    for pm in maps:
        year = theme.heading(f"Academic year {pm.label}", s, "h2")
        if not pm.lines:
            # a fact beside the other year's map, not a gap (missing() says when neither has any)
            out.append(KeepTogether([year, theme.para(f"No costed provision in {pm.label}.", s["note"])]))
            continue
        rows: list[list[object]] = [list(r) for r in cost_rows(pm)]
        rows.append([theme.para("Total", s["label"]), "", theme.para(pounds(pm.total_pence), s["label"])])
        # the year's heading stays with its table (a long table still splits, header repeated)
        out.append(KeepTogether([year, theme.table(COST_HEADER, rows, s, widths=[4, 5, 2])]))
        out.append(Spacer(1, 3))
        out.append(theme.para(total_sentence(pm, m.threshold_pence), s["body"]))
        if pm.weeks_note:
            out.append(theme.para(pm.weeks_note, s["note"]))
        out += _delivered(pm, m.printed_on, s)
    out += [theme.para(text, s["note"]) for text in costed_notes(m)]
    return out


COST_HEADER = ["Provision", "How it is delivered", "Cost"]


def cost_rows(pm: ProvisionMap) -> list[list[str]]:
    """The year's costed lines; the total is the caller's last row."""
    return [[line.provision, line.detail, pounds(line.cost_pence)] for line in pm.lines]


def total_sentence(pm: ProvisionMap, threshold_pence: int) -> str:
    diff = pm.total_pence - threshold_pence
    compare = f"{pounds(diff)} above" if diff > 0 else f"{pounds(-diff)} below" if diff < 0 else "exactly at"
    return (
        f"Total for {pm.label}: {pounds(pm.total_pence)}, which is {compare} "
        f"the {pounds(threshold_pence)} the school is expected to fund from its notional SEN budget."
    )


def costed_notes(m: EhcnaModel) -> list[str]:
    notes = [
        "Each block of provision is costed in each academic year for the weeks it runs in that "
        "year (a block that runs past 31 August is split between the two years); its cost is "
        "one pupil's share."
    ]
    if m.profile.costing:
        notes.append(
            f"Costed with {m.profile.name}'s rules: {m.profile.costing.weeks_per_year} weeks a year."
        )
    return notes


DELIVERED_HEADER = [
    "Provision",
    "Sessions planned",
    "Sessions logged",
    "Planned cost",
    "Cost of what was delivered",
]
DELIVERED_NOTE = (
    "Sessions planned: so many a week for the school weeks the block has run; the cost of "
    "what was delivered is the time of the sessions logged at the same rates."
)


def delivered_heading(pm: ProvisionMap, today: date) -> str:
    so_far = f" to {uk(today)}" if today <= date(int(pm.label[:4]) + 1, 8, 31) else ""
    return f"Planned and delivered in {pm.label}{so_far}"


def delivered_rows(pm: ProvisionMap) -> list[list[str]]:
    """Each block's planned against delivered, then the totals row."""
    rows = [
        [
            d.provision,
            str(d.planned_sessions),
            f"{d.logged} ({d.attended} attended)",
            pounds(d.planned_pence),
            pounds(d.delivered_pence),
        ]
        for d in pm.delivered
    ]
    rows.append(
        [
            "Total",
            str(sum(d.planned_sessions for d in pm.delivered)),
            str(sum(d.logged for d in pm.delivered)),
            pounds(sum(d.planned_pence for d in pm.delivered)),
            pounds(sum(d.delivered_pence for d in pm.delivered)),
        ]
    )
    return rows


def _delivered(pm: ProvisionMap, today: date, s) -> list[Flowable]:
    """Planned against delivered for the year: sessions and what the sessions logged cost."""
    if not pm.delivered:
        return []
    *lines, total = delivered_rows(pm)
    bold = [theme.para(total[i], s["label"]) for i in (0, 3, 4)]  # as the costed map prints its total
    rows: list[list[str | Flowable]] = [list(r) for r in lines]
    rows.append([bold[0], total[1], total[2], bold[1], bold[2]])
    return [
        Spacer(1, 4),
        KeepTogether(
            [
                theme.heading(delivered_heading(pm, today), s, "h2"),
                theme.table(DELIVERED_HEADER, rows, s, widths=[4, 1.7, 1.9, 1.7, 1.9]),
                theme.para(DELIVERED_NOTE, s["note"]),
            ]
        ),
    ]


def _professionals(m: EhcnaModel, s) -> list[Flowable]:
    if not m.involvements and "professionals" not in m.profile.required:
        return [theme.para(NO_PROFESSIONALS, s["note"])]
    out = parts.involvements_table(m.involvements, s)
    if m.advice:
        rows = [
            [text, by, provision or theme.para(NOT_ACTED_ON, s["missing"]), note]
            for text, by, provision, note in advice_rows(m)
        ]
        out += [
            Spacer(1, 6),
            KeepTogether(
                [
                    theme.heading(ADVICE_HEADING, s, "h2"),
                    theme.table(ADVICE_HEADER, rows, s, widths=[4, 3, 3.2, 2.8]),
                ]
            ),
        ]
    return out


ADVICE_HEADING = "Their advice, and the provision that carried it out"
ADVICE_HEADER = ["Recommendation", "Advised by", "Carried out by", "Difference from the advice"]
NOT_ACTED_ON = "Not yet acted on"
NO_PROFESSIONALS = "No outside professionals are recorded as involved."


def advice_rows(m: EhcnaModel) -> list[list[str]]:
    """Each recommendation, who gave it, the provision that carried it out ('' when none did)."""
    return [
        [
            a.text,
            parts.dated(a.given_on, a.by),
            a.provision,
            a.dose_difference[:1].upper() + a.dose_difference[1:] if a.dose_difference else "",
        ]
        for a in m.advice
    ]


def _attachments(m: EhcnaModel, s) -> list[Flowable] | None:
    if not m.attachments:
        return None  # only when documents go with the request
    return parts.attachments_block(m.attachments, m.attachments_note, s)


def _now_needed(m: EhcnaModel, s) -> list[Flowable]:
    return [
        KeepTogether(
            [
                theme.heading("What the school thinks is now needed", s, "h2"),
                theme.text_or_missing(m.now_needed, s),
            ]
        ),
        KeepTogether(
            [theme.heading("Outcomes sought", s, "h2"), theme.text_or_missing(m.outcomes_sought, s)]
        ),
    ]


def _consents(m: EhcnaModel, s) -> list[Flowable]:
    out: list[Flowable] = []
    missing = consent_missing(m)
    if missing:
        out.append(theme.banner(CONSENT_MISSING, s, missing))
        out.append(Spacer(1, 4))
    for rows in consent_rows(m):  # every dated record, refusals included: the LA sees the whole picture
        out.append(theme.facts(rows, s, label_width=0.42))
        out.append(Spacer(1, 4))
    out.append(Spacer(1, 6))
    statement = KeepTogether(
        [
            theme.para(AGREEMENT, s["body"]),
            theme.para(PRIVACY_LABEL, s["label"]),
            theme.text_or_missing(m.privacy_notice, s),
        ]
    )
    signers = signers_of(m)
    # what is agreed and every signature on one page: a signature alone on the last page, away
    # from the words it agrees to, is no use to the LA
    return out + theme.kept_together(
        [statement], [theme.signature_block(role, name, s) for role, name in signers]
    )


CONSENT_MISSING = "CONSENT NOT RECORDED"
AGREEMENT = (
    "I agree to this request for an EHC needs assessment and to the information in it being "
    "shared with the professionals the local authority asks for advice, for the assessment and "
    "for the life of any EHC plan."
)
PRIVACY_LABEL = "How the school uses and shares your information:"


def consent_missing(m: EhcnaModel) -> str:
    """What the consent banner says ('' when a parent's agreement is recorded)."""
    if any(c.agreed for c in m.consents):
        return ""
    detail = (
        "No parent or carer's agreement to this request is recorded. "
        "Ask them to sign below before the request is sent."
    )
    return "The consent recorded below is a refusal. " + detail if m.consents else detail


def consent_rows(m: EhcnaModel) -> list[list[tuple[str, str]]]:
    return [
        [
            ("Consent given by", f"{c.given_by} ({c.relationship})" if c.relationship else c.given_by),
            ("Date and how", f"{uk(c.given_on)}, {c.method.lower()}"),
            ("Agrees to the request", parts.yes_no(c.agreed)),
            (
                "Agrees to information being shared with",
                ", ".join(c.share_with) if c.share_with else "No services named",
            ),
            ("Do not share with / exclusions", c.exclusions or "None"),
        ]
        for c in m.consents
    ]


def signers_of(m: EhcnaModel) -> list[tuple[str, str]]:
    """Who signs: each parent with parental responsibility, the young person at 16, SENCO, head."""
    signers = [("Parent or carer", p.name) for p in m.parents if p.parental_responsibility] or [
        ("Parent or carer", "")
    ]
    if m.young_person_16_plus:
        signers.append(("Young person", m.child.name))
    return [*signers, ("SENCO", m.school.senco_name), ("Headteacher", m.school.head_name)]


def la_answers(m: EhcnaModel) -> tuple[list[tuple[str, str]], list[str]]:
    """(each question with its answer, '' unanswered; answers whose question is not known any
    more): the chosen LA's questions, then answers to another profile's under their wording."""
    answers = {a.question: a.answer for a in m.la_answers if a.question}
    asked = [q.text for q in m.profile.questions]
    texts = asked + [t for t in answers if t not in asked]
    unknown = [a.answer for a in m.la_answers if not a.question and a.answer.strip()]
    return [(t, answers.get(t, "")) for t in texts], unknown


def _la_questions(m: EhcnaModel, s) -> list[Flowable] | None:
    if not m.profile.questions and not m.la_answers:
        return None
    asked, unknown = la_answers(m)
    out: list[Flowable] = []
    for text, answer in asked:
        out.append(KeepTogether([theme.heading(text, s, "h2"), theme.text_or_missing(answer, s)]))
    if unknown:  # whose question is not known any more: under a plain heading, never an id
        out.append(
            KeepTogether([theme.heading(UNKNOWN_QUESTION, s, "h2"), theme.para(unknown[0], s["body"])])
        )
        out += [theme.para(text, s["body"]) for text in unknown[1:]]
    return out


SECTIONS = {
    "request": _request,
    "child": _child,
    "parents": _parents,
    "child_views": _child_views,
    "parent_views": _parent_views,
    "needs": _needs,
    "attainment": _attainment,
    "staff_observations": _observations,
    "graduated": _graduated,
    "costed_provision": _costed,
    "professionals": _professionals,
    "attachments": _attachments,
    "now_needed": _now_needed,
    "consents": _consents,
    "la_questions": _la_questions,
}
