"""The EHC needs assessment request pack, for the LA's SEN caseworker.

Sections follow the issue's order (the evidence the Code 9.14 asks for) unless the school's
LA profile reorders or renames them. Missing evidence is said plainly in its own section.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain.dates import uk
from ..domain.la_profile import UNKNOWN_QUESTION
from ..domain.money import pounds
from . import parts, theme
from .models import EhcnaModel, View


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
    story: list[Flowable] = [theme.para(model.title, styles["title"]), _intro(model, styles)]
    number = 0
    for section in model.profile.order:
        content = SECTIONS[section](model, styles)
        if content is None:
            continue  # the LA's questions when it asks none; staff observations when there are none
        number += 1
        story += theme.with_heading(theme.heading(model.profile.heading(section, number), styles), content)
    info = theme.PageInfo(model.school.name, model.title, model.printed_on, model.school.logo_path)
    return story, info


def _intro(model: EhcnaModel, styles) -> Flowable:
    kind = "a re-request" if model.request_kind == "re" else "a request"
    return theme.para(
        f"{model.school.name} makes {kind} for an education, health and care needs assessment "
        f"for {model.child.name} (date of birth {uk(model.child.dob) or 'not recorded'}). "
        f"Prepared for {model.profile.name if model.profile.key != 'default' else 'the local authority'}.",
        styles["body"],
    )


def _request(m: EhcnaModel, s) -> list[Flowable]:
    return [
        theme.facts(
            [
                ("Date of request", uk(m.request_date)),
                ("New request or re-request", "Re-request" if m.request_kind == "re" else "New request"),
                ("School", m.school.name),
                ("URN", m.school.urn),
                ("Local authority", m.school.la_name),
                ("Person completing", m.completed_by),
                ("SENCO", m.school.senco_name),
                ("SENCO contact", m.school.senco_contact),
            ],
            s,
        )
    ]


def _child(m: EhcnaModel, s) -> list[Flowable]:
    return [parts.child_facts(m.child, s, with_upn=True)]


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


def _attainment(m: EhcnaModel, s) -> list[Flowable]:
    if not m.evidence.assessments:
        return [theme.not_recorded(s, "no assessments have been recorded across the cycles.")]
    by_measure: dict[str, list] = defaultdict(list)
    for a in sorted(m.evidence.assessments, key=lambda a: a.taken_on or date.min):
        by_measure[a.measure].append(a)
    out: list[Flowable] = []
    for measure, items in by_measure.items():
        block: list[Flowable] = [
            theme.heading(measure, s, "h2"),
            theme.table(
                ["Date", "Result", "What it means"],
                [[uk(a.taken_on) or "Date not recorded", a.result, a.note] for a in items],
                s,
                widths=[2, 2, 6],
            ),
        ]
        charted = [a for a in items if a.value is not None and a.taken_on]
        if len(charted) >= 2:
            ages = any(
                a.shown and a.value is not None and a.shown.strip(" %") != f"{a.value:g}" for a in charted
            )
            block.append(Spacer(1, 6))  # the chart's caption clear of the table above
            block.append(
                theme.line_chart(
                    [uk(a.taken_on) for a in charted],
                    [a.value for a in charted],
                    caption=measure + (" (ages drawn in years)" if ages else ""),
                    from_zero=False,
                )
            )
        out.append(KeepTogether(block) if len(items) < 15 else block[0])
        if len(items) >= 15:
            out += block[1:]
    return out


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
    note = theme.para(cycles_note(len(cycles), len(m.reviewed_cycles)), s["note"])
    out: list[Flowable] = []
    for cycle in cycles:
        out += parts.cycle_block(cycle, s, m.printed_on)
        out.append(Spacer(1, 6))
    # the note travels with the first cycle's heading and table, so neither is left alone
    return theme.with_heading(note, out)


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
    threshold = pounds(m.threshold_pence)
    for pm in maps:
        year = theme.heading(f"Academic year {pm.label}", s, "h2")
        if not pm.lines:
            out.append(KeepTogether([year, theme.not_recorded(s, f"no costed provision in {pm.label}.")]))
            continue
        rows: list[list[object]] = [
            [line.provision, line.detail, pounds(line.cost_pence)] for line in pm.lines
        ]
        rows.append([theme.para("Total", s["label"]), "", theme.para(pounds(pm.total_pence), s["label"])])
        # the year's heading stays with its table (a long table still splits, header repeated)
        out.append(
            KeepTogether(
                [year, theme.table(["Provision", "How it is delivered", "Cost"], rows, s, widths=[4, 5, 2])]
            )
        )
        diff = pm.total_pence - m.threshold_pence
        compare = (
            f"{pounds(diff)} above" if diff > 0 else f"{pounds(-diff)} below" if diff < 0 else "exactly at"
        )
        out.append(Spacer(1, 3))
        out.append(
            theme.para(
                f"Total for {pm.label}: {pounds(pm.total_pence)}, which is {compare} "
                f"the {threshold} the school is expected to fund from its notional SEN budget.",
                s["body"],
            )
        )
        if pm.weeks_note:
            out.append(theme.para(pm.weeks_note, s["note"]))
    out.append(
        theme.para(
            "Each block of provision is costed in each academic year for the weeks it runs in that "
            "year (a block that runs past 31 August is split between the two years); its cost is "
            "one pupil's share.",
            s["note"],
        )
    )
    if m.profile.costing:
        out.append(
            theme.para(
                f"Costed with {m.profile.name}'s rules: {m.profile.costing.weeks_per_year} weeks a year.",
                s["note"],
            )
        )
    return out


def _professionals(m: EhcnaModel, s) -> list[Flowable]:
    return parts.involvements_table(m.involvements, s)


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
    if not any(c.agreed for c in m.consents):
        detail = (
            "No parent or carer's agreement to this request is recorded. "
            "Ask them to sign below before the request is sent."
        )
        if m.consents:
            detail = "The consent recorded below is a refusal. " + detail
        out.append(theme.banner("CONSENT NOT RECORDED", s, detail))
        out.append(Spacer(1, 4))
    for c in m.consents:  # every dated record, refusals included: the LA sees the whole picture
        out.append(
            theme.facts(
                [
                    (
                        "Consent given by",
                        f"{c.given_by} ({c.relationship})" if c.relationship else c.given_by,
                    ),
                    ("Date and how", f"{uk(c.given_on)}, {c.method.lower()}"),
                    ("Agrees to the request", parts.yes_no(c.agreed)),
                    (
                        "Agrees to information being shared with",
                        ", ".join(c.share_with) if c.share_with else "No services named",
                    ),
                    ("Do not share with / exclusions", c.exclusions or "None"),
                ],
                s,
                label_width=0.42,
            )
        )
        out.append(Spacer(1, 4))
    out.append(Spacer(1, 6))
    statement = theme.para(
        "I agree to this request for an EHC needs assessment and to the information in it being "
        "shared with the professionals the local authority asks for advice, for the assessment and "
        "for the life of any EHC plan.",
        s["body"],
    )
    signers = [("Parent or carer", p.name) for p in m.parents if p.parental_responsibility] or [
        ("Parent or carer", "")
    ]
    if m.young_person_16_plus:
        signers.append(("Young person", m.child.name))
    signers += [("SENCO", m.school.senco_name), ("Headteacher", m.school.head_name)]
    # what is agreed and every signature on one page: a signature alone on the last page, away
    # from the words it agrees to, is no use to the LA
    return out + theme.kept_together(
        [statement], [theme.signature_block(role, name, s) for role, name in signers]
    )


def _la_questions(m: EhcnaModel, s) -> list[Flowable] | None:
    if not m.profile.questions and not m.la_answers:
        return None
    answers = {a.question: a.answer for a in m.la_answers if a.question}
    asked = [q.text for q in m.profile.questions]
    # the chosen LA's questions, then answers to another profile's questions under their wording
    texts = asked + [t for t in answers if t not in asked]
    out: list[Flowable] = []
    for text in texts:
        out.append(KeepTogether([theme.heading(text, s, "h2"), theme.text_or_missing(answers.get(text), s)]))
    unknown = [a.answer for a in m.la_answers if not a.question and a.answer.strip()]
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
