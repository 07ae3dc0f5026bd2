"""The inclusion case sample: a pupil's SEN record laid out as an inspector follows it.

Sections: the pupil; what the record does not yet show (the gaps, each with what would close
it); the chronology from the first concern to today; each cycle (assess, plan, do, review, with
the pupil's and the parents' views); specialists and their advice; the EHC plan and its annual
reviews; what difference it made; how the record was checked. Built from CaseSampleModel only.
No UPN (the inspector does not need it).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from ..domain.case_sample import RULES
from ..domain.dates import uk
from ..domain.plural import plural
from . import theme
from .case_sample_model import CaseCycle, CaseSampleModel

SECTIONS = (
    "About the pupil",
    "What the record does not yet show",
    "Chronology: from the first concern to today",
    "Each cycle: assess, plan, do, review",
    "Specialists and their advice",
    "EHC plan and annual reviews",
    "What difference it made",
    "How this record was checked",
)
Styles = dict
# A heading starts a new page only when less than this is left; otherwise the long tables (the
# chronology, a cycle) start under it and run on, rather than leaving most of a page blank
# (theme.with_heading keeps a heading's whole first block together).
ROOM_TO_START = 70 * mm
# A cycle's heading needs only its first lines under it: its tables split across pages (70 mm
# moved a cycle whole to the next page, leaving a third of a page blank in the demo's records).
ROOM_FOR_A_CYCLE = 40 * mm
# The latest two cycles in full (the one running now and the review before it: how the cycle runs
# today, and what the last review found and changed); earlier ones a line each. Three in full made
# the demo's richest record ten pages, more than an inspector is handed to read on the day.
CYCLES_IN_FULL = 2


def build(model: CaseSampleModel, path: Path | str, *, invariant: bool = False) -> Path:
    info = theme.PageInfo(model.school.name, model.title, model.printed_on, model.school.logo_path)
    return theme.build_pdf(path, story(model), info, subject="Inclusion case sample", invariant=invariant)


def story(model: CaseSampleModel) -> list[Flowable]:
    s = theme.make_styles()
    out: list[Flowable] = [
        theme.para(model.title, s["title"]),
        theme.para(
            f"The school's own SEN record for {model.name}, as kept in SENCO desk and printed on "
            f"{uk(model.printed_on)}: oldest first, in plain words. Nothing here was written for the "
            "inspection.",
            s["note"],
        ),
    ]
    sections: list[tuple[str, list[Flowable]]] = [
        (SECTIONS[0], _about(model, s)),
        (SECTIONS[1], _gaps(model, s)),
        (SECTIONS[2], _chronology(model, s)),
        (SECTIONS[3], _cycles(model, s)),
        (SECTIONS[4], _specialists(model, s)),
        (SECTIONS[5], _plans(model, s)),
        (SECTIONS[6], _impact(model, s)),
        (SECTIONS[7], _checks(s)),
    ]
    for title, content in sections:
        out += _headed(theme.heading(title, s), content)
    return out


def _headed(head: Flowable, content: list[Flowable]) -> list[Flowable]:
    return [CondPageBreak(ROOM_TO_START), head, *content]


def _about(model: CaseSampleModel, s: Styles) -> list[Flowable]:
    needs = "; ".join(f"{n.code}: {n.description} ({a.area})" for a in model.needs for n in a.needs)
    return [
        theme.facts(
            [
                ("Name", model.name),
                ("Year group and class", ", ".join(x for x in (model.year_group, model.class_name) if x)),
                ("Date of birth", uk(model.dob)),
                (
                    "SEN status",
                    model.sen_status + (f" since {uk(model.sen_since)}" if model.sen_since else ""),
                ),
                ("Needs (census)", needs or "None recorded"),
                ("Also", "; ".join(model.also) or "None of pupil premium, looked after or EAL"),
                ("Attendance this year", model.attendance),
            ],
            s,
        )
    ]


def _gaps(model: CaseSampleModel, s: Styles) -> list[Flowable]:
    if not model.gaps:
        return [
            theme.para("Nothing: the record meets every check listed at the end of this document.", s["body"])
        ]
    return [
        theme.para(
            f"{plural(len(model.gaps), 'thing')} an inspector following this pupil would not find in the "
            "record, and what would close each. These are gaps in what is written down, not "
            "judgements of the support.",
            s["note"],
        ),
        theme.table(
            ["The inspector's question", "Not yet recorded", "What would close it"],
            [[g.rule.question, g.what, g.to_close] for g in model.gaps],
            s,
            widths=[2.6, 5.2, 4.2],
        ),
    ]


def _chronology(model: CaseSampleModel, s: Styles) -> list[Flowable]:
    if not model.chronology:
        return [theme.not_recorded(s, "nothing is dated in this pupil's SEN record yet.")]
    return [
        theme.table(
            ["Date", "What happened", "Detail"],
            [[uk(e.on) or "No date", e.what, e.detail] for e in model.chronology],
            s,
            widths=[1.9, 4, 6.1],
        )
    ]


def _cycles(model: CaseSampleModel, s: Styles) -> list[Flowable]:
    """The latest cycles in full; earlier ones a line each (the chronology and the impact table
    hold them too), so five years of support stay a few pages."""
    if not model.cycles:
        return [theme.not_recorded(s, "no assess-plan-do-review cycle.")]
    earlier, latest = model.cycles[:-CYCLES_IN_FULL], model.cycles[-CYCLES_IN_FULL:]
    out: list[Flowable] = []
    if earlier:
        out += [
            theme.para(
                f"{plural(len(earlier), 'earlier cycle')} in brief, then the latest "
                f"{plural(len(latest), 'cycle')} in full.",
                s["note"],
            ),
            theme.table(
                ["Cycle", "Plan to review", "Outcomes at review", "Provision", "Views", "Decision"],
                [_brief(c) for c in earlier],
                s,
                # the outcomes are the longest cell; Provision and Decision wide enough for
                # "comprehension" and "Psychology" whole (narrower, reportlab broke them mid-word)
                widths=[1.2, 1.9, 3.3, 2.6, 1.5, 2.3],
            ),
            Spacer(1, 3 * mm),
        ]
    for c in latest:
        out += _cycle(c, s)
    return out


def _brief(c: CaseCycle) -> list[str]:
    ratings = "; ".join(f"{o.text}: {o.rating or 'not rated'}" for o in c.outcomes) or "None"
    voices = {v.who for v in c.views}
    heard = " and ".join(w for w, who in (("pupil", "The pupil"), ("parents", "Parents")) if who in voices)
    return [
        str(c.number),
        " to ".join(x for x in (uk(c.plan_start), uk(c.review.held_on if c.review else None)) if x),
        ratings,
        ", ".join(p.name for p in c.provision) or "None",
        heard.capitalize() or "None",
        c.review.decision if c.review else "Not reviewed",
    ]


def _written(label: str, text: str) -> list[tuple[str, str]]:
    """A line for the facts table only where something was written (an optional field left
    blank is not a gap, and "Not yet recorded" beside it would read as one)."""
    return [(label, text)] if text.strip() else []


def _cycle(c: CaseCycle, s: Styles) -> list[Flowable]:
    span = " to ".join(
        x for x in (uk(c.plan_start), uk(c.review.held_on if c.review else c.review_date)) if x
    )
    head = theme.heading(f"Cycle {c.number} ({c.status.lower()})" + (f": {span}" if span else ""), s, "h2")
    assess = [
        ("Assessed on", uk(c.assess_date)),
        *[(f"Needs found: {area}", text) for area, text in c.needs],
        *_written("Assessment results", "\n".join(c.tests)),
        *_written("Attainment", c.attainment),
        *_written("Outside advice used", c.outside_advice),
        ("Plan started", uk(c.plan_start)),
        ("Parents told of the plan", uk(c.parents_told_on)),
        ("Strategies for all staff", c.strategies),
    ]
    body: list[Flowable] = [theme.facts(assess, s)]
    views_head = theme.para("The pupil's and the parents' views", s["label"])
    if c.views:
        views: Flowable = theme.table(
            ["Who", "When", "What they said"],
            [[v.who, v.when + (f" ({v.given})" if v.given else ""), v.text] for v in c.views],
            s,
            widths=[1.8, 3.2, 7],
        )
    else:
        views = theme.not_recorded(s, "no views of the pupil or the parents in this cycle.")
    body.append(KeepTogether([views_head, views]))  # the label never alone at a page's foot
    if c.outcomes:
        body.append(
            theme.table(
                ["Outcome", "By", "Rating at review", "Evidence"],
                [[o.text, uk(o.by_when), o.rating or "Not yet reviewed", o.evidence] for o in c.outcomes],
                s,
                widths=[4.6, 1.9, 2, 3.5],
            )
        )
    if c.provision:
        body.append(
            theme.table(
                ["Provision", "Staff", "How often", "Dates", "Sessions"],
                [[p.name, p.staff, p.how_often, p.dates, p.sessions] for p in c.provision],
                s,
                widths=[2.6, 2, 3.4, 2.2, 1.8],
            )
        )
    elif c.plan_start:
        body.append(theme.not_recorded(s, "no provision in this cycle's plan."))
    if c.review:
        r = c.review
        body.append(
            theme.facts(
                [
                    ("Reviewed on", uk(r.held_on)),
                    ("Who came", r.who_came),
                    ("Decision", r.decision),
                    *_written("Review notes", r.notes),
                ],
                s,
            )
        )
    elif c.plan_start:
        body.append(theme.para(f"Not reviewed yet (review date {uk(c.review_date)}).", s["missing"]))
    spaced = [x for block in body for x in (block, Spacer(1, 2 * mm))]
    return [CondPageBreak(ROOM_FOR_A_CYCLE), head, *spaced, Spacer(1, 2 * mm)]


def _specialists(model: CaseSampleModel, s: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if model.specialists:
        out.append(
            theme.table(
                ["Service", "Who", "Involved", "Latest report", "Their advice"],
                [
                    [
                        x.service,
                        x.professional,
                        " to ".join(d for d in (uk(x.started_on), uk(x.ended_on)) if d) or "No date",
                        uk(x.report_on),
                        x.advice,
                    ]
                    for x in model.specialists
                ],
                s,
                widths=[2.3, 2.3, 2.3, 2.0, 5.1],
            )
        )
    else:
        out.append(theme.para("No outside professional is recorded as involved.", s["missing"]))
    if model.referrals:
        table = theme.table(
            ["Service", "Referred on", "Status", "Why", "Outcome"],
            [[r.service, uk(r.referred_on), r.status, r.reason, r.outcome] for r in model.referrals],
            s,
            widths=[2.6, 1.9, 1.9, 3.4, 3.4],
        )
        # the label never alone at a page's foot (it was, in the demo's richest record)
        out += [
            Spacer(1, 2 * mm),
            KeepTogether([theme.para("Referrals to outside services", s["label"]), table]),
        ]
    elif model.referrals is not None:
        out.append(theme.para("No referral to an outside service is recorded.", s["missing"]))
    return out


def _plans(model: CaseSampleModel, s: Styles) -> list[Flowable]:
    if not model.plans:
        return [theme.para("No EHC plan is recorded.", s["body"])]
    out: list[Flowable] = []
    for plan in model.plans:
        out.append(
            theme.facts(
                [
                    ("EHC plan dated", uk(plan.plan_date)),
                    ("Local authority", plan.la_name or model.school.la_name),
                    ("Status", plan.status),
                    *_written("Next annual review due by", uk(plan.next_due)),
                ],
                s,
            )
        )
        if plan.reviews:
            out.append(
                theme.table(
                    ["Annual review meeting", "Due by", "LA decision"],
                    [
                        [uk(r.meeting_on), uk(r.due_by), r.decision or "Not yet recorded"]
                        for r in plan.reviews
                    ],
                    s,
                    widths=[4, 4, 4],
                )
            )
        else:
            out.append(theme.para("No annual review recorded yet.", s["missing"]))
    return out


def _impact(model: CaseSampleModel, s: Styles) -> list[Flowable]:
    if not model.impact:
        return [theme.not_recorded(s, "no cycle has been reviewed yet, so no outcome has been rated.")]
    met = sum(i.met for i in model.impact)
    rated = sum(i.rated for i in model.impact)
    return [
        theme.para(
            f"Across {plural(len(model.impact), 'review')}: {met} of {plural(rated, 'outcome')} met or "
            "exceeded. Each review's ratings and decision:",
            s["body"],
        ),
        theme.table(
            ["Cycle", "Reviewed on", "Outcomes met or exceeded", "Decision at the review"],
            [
                [
                    str(i.cycle),
                    uk(i.reviewed_on),
                    f"{i.met} of {i.rated}" if i.rated else "None rated",
                    i.decision,
                ]
                for i in model.impact
            ],
            s,
            widths=[1.3, 2.2, 3.2, 5.3],
        ),
    ]


def _checks(s: Styles) -> list[Flowable]:
    return [
        theme.para(
            "The record was checked for what an inspector sampling this pupil would look for: how needs "
            "were identified, how each cycle of planning, action and review ran, which specialists "
            "were involved, how the parents and the pupil took part, and what difference it made "
            "(Ofsted's school inspection toolkit, from November 2025). The checks follow the SEND Code "
            "of Practice (2015):",
            s["note"],
        ),
        theme.table(
            ["Check", "Where it comes from"], [[r.check, r.basis] for r in RULES], s, widths=[6.5, 5.5]
        ),
    ]
