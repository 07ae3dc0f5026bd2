"""The transfer pack: a leaver's whole SEN file for the next school, in date order.

Sections: the pupil and their leaving, parents and carers, needs now, SEN status history, every
graduated-approach cycle (needs found, outcomes, provision, review), referrals, outside
professionals, notes. The UPN is printed: the receiving school matches the file by it.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable

from ..domain.dates import uk
from . import parts, theme
from .transfer_model import CycleInfo, PlanInfo, TransferModel

SECTIONS = (
    "About the pupil",
    "Parents and carers",
    "Needs now",
    "SEN status history",
    "EHC plan and annual reviews",
    "Graduated approach: every cycle",
    "Referrals",
    "Outside professionals involved",
    "Notes",
)


def build(model: TransferModel, path: Path | str, *, invariant: bool = False) -> Path:
    info = theme.PageInfo(model.school.name, model.title, model.printed_on, model.school.logo_path)
    return theme.build_pdf(path, story(model), info, subject="SEN transfer file", invariant=invariant)


def story(model: TransferModel) -> list[Flowable]:
    s = theme.make_styles()
    out: list[Flowable] = [
        theme.para(model.title, s["title"]),
        theme.para(
            f"From {model.school.name or 'the school'}"
            + (f" to {model.destination}" if model.destination else "")
            + ". The whole SEN file, oldest first.",
            s["note"],
        ),
    ]
    about = [
        parts.child_facts(model.child, s, with_upn=True),
        theme.facts(
            [
                ("Left on", uk(model.left_on)),
                ("Moving to", model.destination),
                ("To be sent by", uk(model.send_by)),
                ("SENCO", " ".join(x for x in (model.school.senco_name, model.school.senco_contact) if x)),
            ],
            s,
        ),
    ]
    sections: list[tuple[str, list[Flowable]]] = [
        (SECTIONS[0], about),
        (SECTIONS[1], parts.parents_table(model.parents, s)),
        (SECTIONS[2], parts.needs_block(_needs_now(model), s)),
        (SECTIONS[3], _history(model, s)),
        (SECTIONS[4], _plans(model, s)),
        (SECTIONS[5], _cycles(model, s)),
        (SECTIONS[6], _referrals(model, s)),
        (SECTIONS[7], parts.involvements_table(model.involvements, s)),
        (SECTIONS[8], [theme.text_or_missing(model.notes, s, "No notes.")]),
    ]
    for title, content in sections:
        out += theme.with_heading(theme.heading(title, s), content)
    return out


def _needs_now(model: TransferModel) -> list:
    """Each area described as the latest cycle's assessment found it (the EHCNA request does
    the same), so 'Needs now' does not read 'not recorded' above cycles that record it."""
    latest: dict[str, str] = {}
    for c in sorted(model.cycles, key=lambda c: c.number):
        latest.update({area: text for area, text in c.needs if text})
    return parts.with_descriptions(model.needs, latest)


def _history(model: TransferModel, s: dict) -> list[Flowable]:
    if not model.status_history:
        return [theme.not_recorded(s, "no SEN status history.")]
    return [
        theme.table(
            ["From", "SEN status", "Needs", "Recorded by"],
            [
                [uk(h.start_date), h.status, h.needs or "None recorded", h.recorded_by]
                for h in model.status_history
            ],
            s,
            widths=[2, 2.6, 5, 2.4],
        )
    ]


def _plans(model: TransferModel, s: dict) -> list[Flowable]:
    if not model.plans:
        return [theme.para("No EHC plan is recorded.", s["missing"])]
    out: list[Flowable] = []
    for plan in model.plans:
        out += _plan(plan, s, model.school.la_name)
    return out


def _plan(plan: PlanInfo, s: dict, school_la: str = "") -> list[Flowable]:
    head = theme.heading(f"EHC plan dated {uk(plan.plan_date)} ({plan.status})", s, "h2")
    body: list[Flowable] = [
        theme.facts(
            [
                # a plan recorded without its LA is the school's own LA's (as the annual review pack says)
                ("Local authority", plan.la_name or school_la),
                ("Named school", plan.named_school),
                ("Ceased on", uk(plan.ceased_on) if plan.ceased_on else "Not ceased"),
            ],
            s,
        )
    ]
    if plan.outcomes:
        body.append(theme.table(["Outcome (Section E)", "By when"], plan.outcomes, s, widths=[9, 3]))
    if plan.provision:
        body.append(
            theme.table(["Provision (Section F)", "Who, how often"], plan.provision, s, widths=[7, 5])
        )
    if plan.reviews:
        body.append(
            theme.table(
                ["Annual review meeting", "Due by", "LA decision", "Notes"],
                [[uk(r.meeting_on), uk(r.due_by), r.la_decision, r.notes] for r in plan.reviews],
                s,
                widths=[2.6, 2.2, 3, 5],
            )
        )
    else:
        body.append(theme.para("No annual review recorded yet.", s["missing"]))
    return theme.with_heading(head, body)


def _cycles(model: TransferModel, s: dict) -> list[Flowable]:
    if not model.cycles:
        return [theme.not_recorded(s, "no assess-plan-do-review cycles were recorded.")]
    out: list[Flowable] = []
    for c in model.cycles:
        out += _cycle(c, s)
    return out


def _cycle(c: CycleInfo, s: dict) -> list[Flowable]:
    head = theme.heading(f"Cycle {c.number} ({c.status})", s, "h2")
    body: list[Flowable] = [
        theme.facts(
            [
                ("Assessed on", uk(c.assess_date)),
                ("Plan started", uk(c.plan_start)),
                ("Review date", uk(c.review_date)),
                ("Pupil's views", c.pupil_views),
                ("Parents' views", c.parent_views),
                ("Strategies", c.strategies),
                *[(f"Need found: {area}", text) for area, text in c.needs],
            ],
            s,
        )
    ]
    if c.outcomes:
        body.append(
            theme.table(
                ["Outcome", "By", "Rating at review", "Evidence"],
                [[o.text, uk(o.by_when), o.rating or "Not yet reviewed", o.evidence] for o in c.outcomes],
                s,
                widths=[4.4, 2.4, 2.2, 3.8],
            )
        )
    else:
        body.append(theme.not_recorded(s, "no outcomes in this cycle."))
    if c.provision:
        body.append(
            theme.table(
                ["Provision", "Staff", "How often", "Dates", "Attendance", "Cost"],
                [[p.name, p.staff, p.how_often, p.dates, p.attendance, p.cost] for p in c.provision],
                s,
                widths=[2.4, 1.9, 3.1, 2.2, 2.2, 2.2],
            )
        )  # '£1,234.50' on one line
    else:
        body.append(theme.not_recorded(s, "no provision in this cycle."))
    if c.review:
        r = c.review
        body.append(
            theme.facts(
                [
                    ("Reviewed on", uk(r.held_on)),
                    ("Who came", r.who_attended),
                    ("Decision", r.decision),
                    ("Pupil's views at review", r.pupil_views),
                    ("Parents' views at review", r.parent_views),
                    ("Review notes", r.notes),
                ],
                s,
            )
        )
    else:
        body.append(theme.para("This cycle has not been reviewed yet.", s["missing"]))
    return theme.with_heading(head, body)


def _referrals(model: TransferModel, s: dict) -> list[Flowable]:
    if not model.referrals:
        return [theme.not_recorded(s, "no referrals to outside services.")]
    return [
        theme.table(
            ["Service", "Referred on", "Status", "Reason", "Outcome"],
            [[r.service, uk(r.referred_on), r.status, r.reason, r.outcome] for r in model.referrals],
            s,
            widths=[2.6, 2, 2, 4.4, 3.4],
        )
    ]
