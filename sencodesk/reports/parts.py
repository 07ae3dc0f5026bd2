"""Blocks more than one pack prints: the child, the family, needs, professionals, cycles."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain.dates import uk
from ..domain.staff_requests import Observation, in_sentence
from . import theme
from .models import (
    AreaNeeds,
    AttachedReport,
    ChildInfo,
    CycleEvidence,
    InvolvementInfo,
    NeedItem,
    ParentInfo,
    ProvisionDelivered,
)

AREA_ORDER = (
    "Communication and interaction",
    "Cognition and learning",
    "Social, emotional and mental health",
    "Sensory and/or physical",
)


def yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def yes_no_unknown(flag: bool | None) -> str:
    """'' (printed "Not yet recorded") when the record does not say."""
    return "" if flag is None else yes_no(flag)


def child_facts(child: ChildInfo, styles: dict, *, with_upn: bool) -> Flowable:
    return theme.facts(child_rows(child, with_upn=with_upn), styles)


def child_rows(child: ChildInfo, *, with_upn: bool) -> list[tuple[str, str]]:
    """The child's facts as label / value pairs: the PDF and the Word file print these."""
    rows = [
        ("Legal name", child.name),
        ("Preferred name", child.preferred_name or "Same as legal name"),
        ("Date of birth", uk(child.dob)),
        ("Year group", child.year_group),
        ("Gender", child.gender),
    ]
    if with_upn:
        rows.append(("UPN", child.upn))
    rows += [
        ("Home language", child.home_language),
        ("Looked after", yes_no(child.looked_after)),
        ("Date of admission", uk(child.admission_date)),
        ("Attendance", attendance_text(child)),
        ("SEN status", child.sen_status + (f" since {uk(child.sen_since)}" if child.sen_since else "")),
    ]
    if child.support_layer:  # the school's own list (the 2026 White Paper's proposed layers)
        rows.append(("Layer of support", child.support_layer))
    return rows


def identity_facts(child: ChildInfo, styles: dict) -> Flowable:
    return theme.facts(identity_rows(child), styles)


def identity_rows(child: ChildInfo) -> list[tuple[str, str]]:
    """What an LA request form asks beyond the roll (domain.identity), for the request pack."""
    return [
        ("Address", child.address),
        ("Ethnicity", child.ethnicity),
        ("Interpreter needed", yes_no_unknown(child.interpreter_needed)),
        ("NHS number", child.nhs_number),
        ("GP practice", child.gp_practice),
        ("Previous schools", child.previous_schools),
        ("Social care status", child.social_care),
        ("Free school meals", yes_no(child.fsm)),
        ("Pupil premium", yes_no(child.pupil_premium)),
    ]


def attendance_text(child: ChildInfo) -> str:
    """'93.5% (as at 20/11/2026)': a figure without its date could be months old."""
    if child.attendance_pct is None:
        return ""
    when = f" (as at {uk(child.attendance_as_at)})" if child.attendance_as_at else ""
    return f"{child.attendance_pct:.1f}%{when}"


PARENT_HEADER = ["Name", "Relationship", "Parental responsibility", "Phone", "Email"]
NO_RESPONSIBILITY = "No one on this list is recorded as holding parental responsibility."


def parent_rows(parents: list[ParentInfo]) -> list[list[str]]:
    return [[p.name, p.relationship, yes_no(p.parental_responsibility), p.phone, p.email] for p in parents]


def language_lines(parents: list[ParentInfo]) -> list[str]:
    """Who needs an interpreter at a meeting, and in which language: one line per parent the
    record says something about ("Jo Smith: first language Polish; interpreter needed: Polish.")."""
    out = []
    for p in parents:
        words = [f"first language {p.first_language}"] if p.first_language else []
        if p.interpreter_needed:
            words.append(f"interpreter needed: {p.first_language or 'language not recorded'}")
        if words:
            out.append(f"{p.name}: " + "; ".join(words) + ".")
    return out


def parents_table(parents: list[ParentInfo], styles: dict) -> list[Flowable]:
    if not parents:
        return [theme.not_recorded(styles, "no parent or carer contacts are on the pupil's record.")]
    out: list[Flowable] = [
        theme.table(
            PARENT_HEADER,
            parent_rows(parents),
            styles,
            widths=[26.5, 30, 31.5, 31, 55],
        )
    ]  # mm: headers, a phone number and a typical email stay whole
    if not any(p.parental_responsibility for p in parents):
        out.append(theme.para(NO_RESPONSIBILITY, styles["missing"]))
    out += [theme.para(line, styles["body"]) for line in language_lines(parents)]
    return out


def with_descriptions(needs: list[AreaNeeds], descriptions: dict[str, str]) -> list[AreaNeeds]:
    """Each broad area with the school's description of it. An area the school describes with no
    census need in it (a pupil whose need is OTH or NSA, say) is kept too: what was written is
    printed, never dropped because the census type sits outside the four areas."""
    out = [replace(a, description=a.description or descriptions.get(a.area, "")) for a in needs]
    have = {a.area for a in needs}
    out += [
        AreaNeeds(area, [], text)
        for area, text in descriptions.items()
        if area in AREA_ORDER and area not in have and text
    ]
    return out


NEED_HEADER = ["Rank", "Census need type", "Broad area of need"]


def need_rows(needs: list[AreaNeeds]) -> list[list[str]]:
    """The ranked census needs, primary first, each with its broad area."""
    ranked = sorted(((n, a.area) for a in needs for n in a.needs), key=lambda x: x[0].rank)
    return [
        [
            "Primary" if n.rank == 1 else "Secondary" if n.rank == 2 else str(n.rank),
            f"{n.description} ({n.code})",
            area,
        ]
        for n, area in ranked
    ]


def outside_areas(needs: list[AreaNeeds]) -> list[str]:
    """'Other difficulty/disability (OTH): ...' for each need the four areas cannot show."""
    ranked = sorted((n for a in needs for n in a.needs), key=lambda n: n.rank)
    return [f"{n.description} ({n.code}): {n.note}" for n in ranked if n.note]


def needs_block(needs: list[AreaNeeds], styles: dict, *, describe: bool = True) -> list[Flowable]:
    """The four broad areas in the Code's order; ranked census needs inside each. A need in none
    of the four areas (OTH, NSA) is explained in words under the table."""
    ranked = [(n, a.area) for a in needs for n in a.needs]
    out: list[Flowable] = []
    if ranked:
        out.append(theme.table(NEED_HEADER, need_rows(needs), styles, widths=[1.5, 4, 3.5]))
    else:
        out.append(theme.not_recorded(styles, "no census need type is recorded."))
    out += _outside_the_areas(
        [n for n, _ in sorted(ranked, key=lambda x: x[0].rank) if n.note], styles, describe
    )
    if describe:
        by_area = {a.area: a for a in needs}
        for area in AREA_ORDER:
            entry = by_area.get(area)
            if entry and entry.description:
                text = theme.para(entry.description, styles["body"])
            elif entry and entry.needs:
                text = theme.not_recorded(styles, "a description of strengths and difficulties in this area.")
            else:
                text = theme.para("No needs recorded in this area.", styles["note"])
            # an area's name never sits alone at the foot of a page
            out.append(KeepTogether([theme.heading(area, styles, "h2"), text]))
    return out


def _outside_the_areas(items: list[NeedItem], styles: dict, describe: bool) -> list[Flowable]:
    """'Other difficulty/disability (OTH): ...' for each need the four areas cannot show."""
    if not items:
        return []
    lines = [theme.para(f"{n.description} ({n.code}): {n.note}", styles["body"]) for n in items]
    if not describe:
        return [Spacer(1, 4), *lines]
    return [KeepTogether([theme.heading("Needs outside the four broad areas", styles, "h2"), *lines])]


def involvements_table(items: list[InvolvementInfo], styles: dict) -> list[Flowable]:
    if not items:
        return [theme.not_recorded(styles, "no outside professionals are recorded as involved.")]

    return [theme.table(INVOLVEMENT_HEADER, involvement_rows(items), styles, widths=[3, 2.6, 3, 2.5, 4.5])]


INVOLVEMENT_HEADER = ["Service", "Professional", "Dates", "Latest report", "Summary"]


def involvement_rows(items: list[InvolvementInfo]) -> list[list[str]]:
    def dates(i: InvolvementInfo) -> str:
        if i.started_on and i.ended_on:
            return f"{uk(i.started_on)} to {uk(i.ended_on)}"
        if i.started_on:
            return f"From {uk(i.started_on)} (ongoing)"
        return ""

    return [[i.service, i.professional, dates(i), uk(i.latest_report_on), i.summary] for i in items]


@dataclass
class CycleParts:
    """A cycle as the packs print it, in words and rows: the PDF and the Word file lay it out."""

    heading: str
    outcome_header: list[str]
    outcomes: list[list[str]]  # empty: "Not yet recorded: outcomes for this cycle."
    provision_header: list[str]
    provision: list[list[str]]  # empty: "Not yet recorded: provision in this cycle."
    review: list[tuple[str, str]]  # empty: "This cycle has not been reviewed yet."


NOT_REVIEWED = "This cycle has not been reviewed yet."


def cycle_parts(cycle: CycleEvidence, today: date | None = None) -> CycleParts:
    """`today`: the date printed; an open cycle whose review date has passed says so plainly
    (a reader otherwise takes 'review due' in the past for a review that happened)."""
    if cycle.reviewed:
        span = " to ".join(x for x in (uk(cycle.started_on), uk(cycle.review_on)) if x)
    else:
        late = bool(today and cycle.review_on and cycle.review_on < today)
        due = (
            f"review was due {uk(cycle.review_on)}, not yet held"
            if late
            else f"review due {uk(cycle.review_on)}"
        )
        span = ", ".join(
            x
            for x in (
                f"from {uk(cycle.started_on)}" if cycle.started_on else "",
                due if cycle.review_on else "",
            )
            if x
        )

    def delivered(p: ProvisionDelivered) -> str:
        if p.sessions_delivered is None:
            return ""
        said = (
            f"{p.sessions_delivered} of {p.sessions_planned} logged"
            if p.sessions_planned
            else str(p.sessions_delivered)
        )
        return said + (f"; {p.planned} planned" if p.planned is not None else "")

    with_impact = any(p.impact for p in cycle.provision)
    return CycleParts(
        heading=f"{cycle.title}" + (f": {span}" if span else ""),
        outcome_header=["Outcome", "Rating at review"],
        outcomes=[
            [o.text, o.rating or ("Not yet reviewed" if not cycle.reviewed else "Not rated")]
            for o in cycle.outcomes
        ],
        provision_header=["Provision", "Staff", "Frequency", "Sessions attended"]
        + (["Impact at review"] if with_impact else []),
        provision=[
            [p.name, p.staff, p.frequency, delivered(p)] + ([p.impact] if with_impact else [])
            for p in cycle.provision
        ],
        review=[("Review decision", cycle.review_decision), ("Review notes", cycle.review_notes or "None")]
        if cycle.reviewed
        else [],
    )


def cycle_block(cycle: CycleEvidence, styles: dict, today: date | None = None) -> list[Flowable]:
    c = cycle_parts(cycle, today)
    head = theme.heading(c.heading, styles, "h2")
    out: list[Flowable] = []
    if c.outcomes:
        out.append(theme.table(c.outcome_header, c.outcomes, styles, widths=[7, 2.2]))
    else:
        out.append(theme.not_recorded(styles, "outcomes for this cycle."))
    out.append(Spacer(1, 3))
    if c.provision:
        widths = [3.4, 2, 3, 1.8, 2.6] if len(c.provision_header) == 5 else [4, 2, 3, 2]
        out.append(theme.table(c.provision_header, c.provision, styles, widths=widths))
    else:
        out.append(theme.not_recorded(styles, "provision in this cycle."))
    if c.review:
        out.append(theme.facts(c.review, styles))
    else:
        out.append(theme.para(NOT_REVIEWED, styles["missing"]))
    # the review's decision stays with the provision it judged, never alone at the top of a page
    return [KeepTogether([head, out[0]]), out[1], KeepTogether(out[2:])]


def observations_block(observations: list[Observation], styles: dict) -> list[Flowable]:
    """Each member of staff's answers to the SENCO's request, as dated evidence: who, their
    subject, the day, why they were asked, then each question with its answer."""
    out: list[Flowable] = []
    for o in observations:
        heading, asked = observation_heading(o)
        block: list[Flowable] = [theme.heading(heading, styles, "h2"), theme.para(asked, styles["note"])]
        for a in o.answers:
            block += [theme.para(a.question, styles["label"]), theme.para(a.answer, styles["body"])]
        # who and when stay on the page with (at least) their first answer
        out += [KeepTogether(block[:4]), *block[4:], Spacer(1, 4)]
    return out


def observation_heading(o: Observation) -> tuple[str, str]:
    """('Mr Lee (maths), 12/11/2026', 'Asked: ...'): who answered, when, and why they were asked."""
    who = f"{o.teacher} ({o.subject})" if o.subject else o.teacher
    return f"{who}, {uk(o.answered_on)}", f"Asked: {in_sentence(o.purpose)}."


def observations_section(
    title: str, observations: list[Observation], styles: dict
) -> list[tuple[str, list[Flowable]]]:
    """A numbered section of staff's observations, for a pack's list of sections; none at all
    when no member of staff has answered (asking is the SENCO's choice, not missing evidence)."""
    return [(title, observations_block(observations, styles))] if observations else []


def dated(day: date | None, who: str) -> str:
    parts = [x for x in (uk(day), who) if x]
    return ", ".join(parts)


ATTACHMENT_HEADER = ["No.", "Document", "Kind", "Written by", "Dated", "Pages"]


def attachment_rows(items: list[AttachedReport]) -> list[list[str]]:
    return [
        [f"{a.number:02d}", a.title, a.kind, a.author, uk(a.document_date) or "Not dated", a.pages_shown]
        for a in items
    ]


def attachments_block(items: list[AttachedReport], note: str, styles: dict) -> list[Flowable]:
    """ "Reports attached": the documents sent with a pack, numbered in sending order (the pack
    itself is 1), with who wrote each, its date and its pages."""
    out: list[Flowable] = [
        theme.table(ATTACHMENT_HEADER, attachment_rows(items), styles, widths=[1.4, 4.3, 3.3, 3.5, 2.8, 3])
    ]
    if note:
        out += [Spacer(1, 3), theme.para(note, styles["note"])]
    return out
