"""Blocks more than one pack prints: the child, the family, needs, professionals, cycles."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain.dates import uk
from ..domain.staff_requests import Observation, in_sentence
from . import theme
from .models import AreaNeeds, AttachedReport, ChildInfo, CycleEvidence, InvolvementInfo, NeedItem, ParentInfo

AREA_ORDER = (
    "Communication and interaction",
    "Cognition and learning",
    "Social, emotional and mental health",
    "Sensory and/or physical",
)


def yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def child_facts(child: ChildInfo, styles: dict, *, with_upn: bool) -> Flowable:
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
    return theme.facts(rows, styles)


def attendance_text(child: ChildInfo) -> str:
    """'93.5% (as at 20/11/2026)': a figure without its date could be months old."""
    if child.attendance_pct is None:
        return ""
    when = f" (as at {uk(child.attendance_as_at)})" if child.attendance_as_at else ""
    return f"{child.attendance_pct:.1f}%{when}"


def parents_table(parents: list[ParentInfo], styles: dict) -> list[Flowable]:
    if not parents:
        return [theme.not_recorded(styles, "no parent or carer contacts are on the pupil's record.")]
    out: list[Flowable] = [
        theme.table(
            ["Name", "Relationship", "Parental responsibility", "Phone", "Email"],
            [[p.name, p.relationship, yes_no(p.parental_responsibility), p.phone, p.email] for p in parents],
            styles,
            widths=[26.5, 30, 31.5, 31, 55],
        )
    ]  # mm: headers, a phone number and a typical email stay whole
    if not any(p.parental_responsibility for p in parents):
        out.append(
            theme.para(
                "No one on this list is recorded as holding parental responsibility.", styles["missing"]
            )
        )
    for p in parents:  # who needs an interpreter at a meeting, and in which language
        words = [f"first language {p.first_language}"] if p.first_language else []
        if p.interpreter_needed:
            words.append(f"interpreter needed: {p.first_language or 'language not recorded'}")
        if words:
            out.append(theme.para(f"{p.name}: " + "; ".join(words) + ".", styles["body"]))
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


def needs_block(needs: list[AreaNeeds], styles: dict, *, describe: bool = True) -> list[Flowable]:
    """The four broad areas in the Code's order; ranked census needs inside each. A need in none
    of the four areas (OTH, NSA) is explained in words under the table."""
    ranked = [(n, a.area) for a in needs for n in a.needs]
    out: list[Flowable] = []
    if ranked:
        out.append(
            theme.table(
                ["Rank", "Census need type", "Broad area of need"],
                [
                    [
                        "Primary" if n.rank == 1 else "Secondary" if n.rank == 2 else str(n.rank),
                        f"{n.description} ({n.code})",
                        area,
                    ]
                    for n, area in sorted(ranked, key=lambda x: x[0].rank)
                ],
                styles,
                widths=[1.5, 4, 3.5],
            )
        )
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

    def dates(i: InvolvementInfo) -> str:
        if i.started_on and i.ended_on:
            return f"{uk(i.started_on)} to {uk(i.ended_on)}"
        if i.started_on:
            return f"From {uk(i.started_on)} (ongoing)"
        return ""

    return [
        theme.table(
            ["Service", "Professional", "Dates", "Latest report", "Summary"],
            [[i.service, i.professional, dates(i), uk(i.latest_report_on), i.summary] for i in items],
            styles,
            widths=[3, 2.6, 3, 2.5, 4.5],
        )
    ]


def cycle_block(cycle: CycleEvidence, styles: dict, today: date | None = None) -> list[Flowable]:
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
    head = theme.heading(f"{cycle.title}" + (f": {span}" if span else ""), styles, "h2")
    out: list[Flowable] = []
    if cycle.outcomes:
        out.append(
            theme.table(
                ["Outcome", "Rating at review"],
                [
                    [o.text, o.rating or ("Not yet reviewed" if not cycle.reviewed else "Not rated")]
                    for o in cycle.outcomes
                ],
                styles,
                widths=[7, 2.2],
            )
        )
    else:
        out.append(theme.not_recorded(styles, "outcomes for this cycle."))
    out.append(Spacer(1, 3))
    if cycle.provision:

        def delivered(p) -> str:
            if p.sessions_delivered is None:
                return ""
            if p.sessions_planned:
                return f"{p.sessions_delivered} of {p.sessions_planned} logged"
            return str(p.sessions_delivered)

        if any(p.impact for p in cycle.provision):
            out.append(
                theme.table(
                    ["Provision", "Staff", "Frequency", "Sessions attended", "Impact at review"],
                    [[p.name, p.staff, p.frequency, delivered(p), p.impact] for p in cycle.provision],
                    styles,
                    widths=[3.4, 2, 3, 1.8, 2.6],
                )
            )
        else:
            out.append(
                theme.table(
                    ["Provision", "Staff", "Frequency", "Sessions attended"],
                    [[p.name, p.staff, p.frequency, delivered(p)] for p in cycle.provision],
                    styles,
                    widths=[4, 2, 3, 2],
                )
            )
    else:
        out.append(theme.not_recorded(styles, "provision in this cycle."))
    if cycle.reviewed:
        out.append(
            theme.facts(
                [("Review decision", cycle.review_decision), ("Review notes", cycle.review_notes)], styles
            )
        )
    else:
        out.append(theme.para("This cycle has not been reviewed yet.", styles["missing"]))
    # the review's decision stays with the provision it judged, never alone at the top of a page
    return [KeepTogether([head, out[0]]), out[1], KeepTogether(out[2:])]


def observations_block(observations: list[Observation], styles: dict) -> list[Flowable]:
    """Each member of staff's answers to the SENCO's request, as dated evidence: who, their
    subject, the day, why they were asked, then each question with its answer."""
    out: list[Flowable] = []
    for o in observations:
        who = f"{o.teacher} ({o.subject})" if o.subject else o.teacher
        head = theme.heading(f"{who}, {uk(o.answered_on)}", styles, "h2")
        block: list[Flowable] = [head, theme.para(f"Asked: {in_sentence(o.purpose)}.", styles["note"])]
        for a in o.answers:
            block += [theme.para(a.question, styles["label"]), theme.para(a.answer, styles["body"])]
        # who and when stay on the page with (at least) their first answer
        out += [KeepTogether(block[:4]), *block[4:], Spacer(1, 4)]
    return out


def observations_section(
    title: str, observations: list[Observation], styles: dict
) -> list[tuple[str, list[Flowable]]]:
    """A numbered section of staff's observations, for a pack's list of sections; none at all
    when no member of staff has answered (asking is the SENCO's choice, not missing evidence)."""
    return [(title, observations_block(observations, styles))] if observations else []


def dated(day: date | None, who: str) -> str:
    parts = [x for x in (uk(day), who) if x]
    return ", ".join(parts)


def attachments_block(items: list[AttachedReport], note: str, styles: dict) -> list[Flowable]:
    """ "Reports attached": the documents sent with a pack, numbered in sending order (the pack
    itself is 1), with who wrote each, its date and its pages."""
    rows = [
        [
            f"{a.number:02d}",
            a.title,
            a.kind,
            a.author,
            uk(a.document_date) or "Not dated",
            a.pages_shown,
        ]
        for a in items
    ]
    out: list[Flowable] = [
        theme.table(
            ["No.", "Document", "Kind", "Written by", "Dated", "Pages"],
            rows,
            styles,
            widths=[1.4, 4.3, 3.3, 3.5, 2.8, 3],
        )
    ]
    if note:
        out += [Spacer(1, 3), theme.para(note, styles["note"])]
    return out
