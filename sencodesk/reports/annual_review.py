"""The annual review paperwork pack: the school's report to the LA on a pupil's EHC plan.

Progress against each Section E outcome with the cycles' evidence, provision delivered against
Section F with sessions and costs, the views of the pupil and parents, and the amendments the
school proposes. Built from AnnualReviewModel only; anything not recorded is named as such.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain.dates import uk
from ..domain.money import pounds
from . import parts, theme
from .review_models import AnnualReviewModel, ReviewOutcome


def build(model: AnnualReviewModel, path: Path | str, *, invariant: bool = False) -> Path:
    s = theme.make_styles()
    story: list[Flowable] = [
        theme.para(model.title, s["title"]),
        theme.para(
            f"{model.child.name}: review period {uk(model.period_from)} to {uk(model.period_to)}", s["note"]
        ),
    ]
    sections: list[tuple[str, list[Flowable]]] = [
        ("The review", _the_review(model, s)),
        ("The child or young person", [parts.child_facts(model.child, s, with_upn=True)]),
        ("Progress against the Section E outcomes", _outcomes(model, s)),
        ("Provision delivered against Section F", _provision(model, s)),
        ("Views of the child or young person and the parents", _views(model, s)),
        *parts.observations_section("Observations from staff in the review period", model.observations, s),
        ("Summary of progress", [theme.text_or_missing(model.progress_summary, s)]),
    ]
    if model.pfa_required:
        sections.append(
            (
                "Preparation for adulthood",
                [theme.para(model.pfa_required, s["note"]), theme.text_or_missing(model.pfa_notes, s)],
            )
        )
    sections += [
        (
            "Amendments the school proposes",
            [theme.text_or_missing(model.proposed_amendments, s, "None proposed (nothing is recorded).")],
        ),
        ("Completed by", [theme.signature_block("SENCO", model.completed_by, s)]),
    ]
    story += theme.numbered_sections(sections, s)  # the last section never alone on a page
    info = theme.PageInfo(model.school.name, model.title, model.printed_on, model.school.logo_path)
    return theme.build_pdf(path, story, info, subject="Annual review of an EHC plan", invariant=invariant)


def _the_review(model: AnnualReviewModel, s) -> list[Flowable]:
    rows = [
        ("School", model.school.name),
        ("Local authority", model.plan_la or model.school.la_name),
        ("Date of the EHC plan", uk(model.plan_date)),
        ("Named school (Section I)", model.named_school),
        ("Review meeting", uk(model.meeting_on)),
        ("Review due by (12 months)", uk(model.due_by)),
        ("Advice circulated", uk(model.advice_circulated_on)),
        ("Personal budget (Section J)", model.personal_budget or "None recorded"),
    ]
    if model.phase_transfer:
        rows.append(("Phase transfer", model.phase_transfer))
    out: list[Flowable] = [theme.facts(rows, s)]
    if model.invitations:
        out += [
            Spacer(1, 4),
            theme.table(
                ["Invited", "Name", "Invitation sent"],
                [[i.role, i.name, uk(i.sent_on) or "Not sent"] for i in model.invitations],
                s,
                widths=[4, 3, 2],
            ),
        ]
    return out


def _outcome_block(o: ReviewOutcome, s) -> list[Flowable]:
    label = f"Outcome {o.number}: {o.text}"
    out: list[Flowable] = [theme.para(label, s["h2"])]
    about = [
        x
        for x in (o.area, o.by_when and f"Timescale: {o.by_when}", f"Where the pupil is now: {o.where_now}")
        if x
    ]
    out.append(theme.para(" · ".join(about), s["note"]))
    if o.evidence:
        out.append(
            theme.table(
                ["Cycle", "Cycle outcome", "Rating", "Evidence"],
                [[e.cycle, e.outcome, e.rating, e.evidence] for e in o.evidence],
                s,
                widths=[2.2, 3.6, 1.6, 4.2],
            )
        )
    else:
        out.append(theme.not_recorded(s, "no cycle outcome in the review period is linked to this outcome."))
    # the outcome's heading never sits alone at the foot of a page
    return [KeepTogether(out)]


def _outcomes(model: AnnualReviewModel, s) -> list[Flowable]:
    if not model.outcomes:
        return [theme.not_recorded(s, "the plan has no Section E outcomes.")]
    out: list[Flowable] = []
    for o in model.outcomes:
        out += _outcome_block(o, s)
    return out


def _provision(model: AnnualReviewModel, s) -> list[Flowable]:
    # each sub-heading is kept on the page with its table (it sat alone at the foot of a page)
    plan_head = theme.para("Section F: what the plan says the school provides", s["h2"])
    plan_part: Flowable
    if model.section_f:
        plan_part = theme.table(
            ["Provision in the plan", "Who, how often"], model.section_f, s, widths=[6, 4]
        )
    else:
        plan_part = theme.not_recorded(s, "the plan has no Section F provision.")
    out: list[Flowable] = [KeepTogether([plan_head, plan_part])]
    delivered_head = theme.para("What was delivered (from the cycles in the review period)", s["h2"])
    if not model.delivered:
        out.append(
            KeepTogether(
                [
                    delivered_head,
                    theme.not_recorded(s, "no costed provision in cycles during the review period."),
                ]
            )
        )
        return out
    rows: list[list[object]] = [
        [
            d.provision,
            d.staff,
            d.pattern,
            d.dates,
            f"{d.sessions_attended} attended of {d.sessions_logged} logged ({d.attendance})"
            if d.sessions_logged
            else d.attendance,
            pounds(d.cost_pence),
        ]
        for d in model.delivered
    ]
    # each line is one block's cost over its own weeks (the working is printed below), so the
    # sum is the review period's, not "a year"
    rows.append(
        [
            theme.para("Total in the review period (this pupil's share)", s["label"]),
            "",
            "",
            "",
            "",
            theme.para(pounds(model.total_pence), s["label"]),
        ]
    )
    out.append(
        KeepTogether(
            [
                delivered_head,
                theme.table(
                    ["Provision", "Staff", "Pattern", "Dates", "Sessions", "Cost"],
                    rows,
                    s,
                    widths=[2.6, 1.7, 2.6, 2.0, 2.3, 2.4],
                ),
            ]
        )
    )  # a plan's "£12,345.67" on one line
    out.append(theme.para("How each cost is worked out:", s["note"]))
    for d in model.delivered:
        out.append(theme.para(f"{d.provision}: {d.cost_explanation}", s["note"]))
    return out


def _views(model: AnnualReviewModel, s) -> list[Flowable]:
    out: list[Flowable] = []
    for who in ("The pupil", "Parents and carers"):
        view = next((v for v in model.views if v.who == who), None)
        out.append(theme.para(who, s["h2"]))
        if view:
            out += [theme.para(view.text, s["body"]), theme.para(f"({view.source})", s["note"])]
        else:
            out.append(
                theme.not_recorded(
                    s,
                    f"{who.lower()}'s views."
                    if who == "The pupil"
                    else "the views of the parents and carers.",
                )
            )
    return out
