"""What an EHC needs assessment request is checked for before it leaves the school, from the same
read-model the PDF prints: one LA, an overdue review, figures and scores in the school's words
against the record, advice against provision, vague wording.

Plain functions of the model (no database, no reportlab): the export dialog and the command line
list what they return; the pack prints the same facts (the overdue review, the advice table).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..domain import advice, attainment, text_figures
from ..domain.dates import uk
from ..domain.findings import Finding, ordered
from ..domain.la_profile import same_la
from ..domain.wording import vague_findings
from .models import AdviceLine, CycleEvidence, EhcnaModel, InvolvementInfo


def record_facts(m: EhcnaModel) -> text_figures.RecordFacts:
    """What the record computes, as this pack prints it (the chosen profile's costing)."""
    money: list[text_figures.Figure] = []
    for pm in m.evidence.provision_maps:
        if not pm.lines:
            continue
        money.append(text_figures.Figure(pm.total_pence, f"the costed map's total for {pm.label}"))
        money += [
            text_figures.Figure(
                line.cost_pence,
                f"the costed map's line for {line.name or line.provision} in {pm.label}",
                line.name or line.provision,
            )
            for line in pm.lines
        ]
        if pm.delivered:
            money.append(
                text_figures.Figure(
                    sum(d.delivered_pence for d in pm.delivered),
                    f"the cost of the provision delivered in {pm.label} so far",
                )
            )
    money.append(text_figures.Figure(m.threshold_pence, "the amount the school is expected to fund"))
    dates = [
        text_figures.DatedFact(
            "review", day, f"the review of cycle {n} was held" if held else f"the review of cycle {n} is due"
        )
        for n, day, held in m.evidence.review_dates
        if day
    ]
    for i in m.involvements:
        who = i.professional or i.service
        dates += [text_figures.DatedFact("involvement", d, f"{who} from") for d in (i.started_on,) if d]
        dates += [
            text_figures.DatedFact("involvement", d, f"{who}'s report") for d in (i.latest_report_on,) if d
        ]
    dates += [
        text_figures.DatedFact("involvement", a.taken_on, f"the {a.measure} of")
        for a in m.evidence.assessments
        if a.taken_on
    ]
    dates += [
        text_figures.DatedFact("start", c.started_on, c.title) for c in m.evidence.cycles if c.started_on
    ]
    dates += [
        text_figures.DatedFact("start", b.started_on, b.name) for b in m.evidence.blocks if b.started_on
    ]
    if m.child.sen_since:
        dates.append(text_figures.DatedFact("start", m.child.sen_since, "SEN support since"))
    dates += [text_figures.DatedFact("consent", c.given_on, f"{c.given_by}'s consent") for c in m.consents]
    if m.request_date:
        dates.append(text_figures.DatedFact("request", m.request_date, "the request date"))
    if m.child.admission_date:
        dates.append(text_figures.DatedFact("admission", m.child.admission_date, "the admission date"))
    provisions = list(
        dict.fromkeys(text_figures.ProvisionFact(b.name, b.per_week, b.minutes) for b in m.evidence.blocks)
    )
    costed = (
        f"costed with {m.profile.name}'s rules" if m.profile.costing else "costed with the school's rates"
    )
    cycles = m.evidence.cycles_total if m.evidence.cycles_total is not None else len(m.evidence.cycles)
    reviewed = m.evidence.reviewed_total if m.evidence.reviewed_total is not None else len(m.reviewed_cycles)
    return text_figures.RecordFacts(
        money=tuple(money),
        dates=tuple(dates),
        scores=tuple(
            text_figures.ScoreFact(a.measure, a.value, a.taken_on)
            for a in m.evidence.assessments
            if a.value is not None and a.kind != "age_equivalent"
        ),
        cycles=cycles,
        reviewed=reviewed,
        provisions=tuple(provisions),
        attendance_pct=m.child.attendance_pct,
        attendance_as_at=m.child.attendance_as_at,
        money_note=costed,
    )


def overdue_review(m: EhcnaModel) -> CycleEvidence | None:
    """The latest cycle, when its review date has passed and it has not been reviewed."""
    latest = m.evidence.cycles[0] if m.evidence.cycles else None
    if latest and not latest.reviewed and latest.review_on and latest.review_on < m.printed_on:
        return latest
    return None


def la_findings(m: EhcnaModel) -> list[Finding]:
    """The pack names one LA: the profile's (when it names one) must be the school's, and the
    request's statutory record must name the same."""
    out = []
    if m.profile.la_name and m.school_la and not same_la(m.profile.la_name, m.school_la):
        out.append(
            Finding(
                "la",
                "settings.la_profile",
                "The LA profile (Settings, PDF packs)",
                f"this pack is laid out for {m.profile.la_name}'s form, but the school's local authority "
                f"in Settings is {m.school_la}: choose {m.school_la}'s profile, or correct the school's LA.",
            )
        )
    if m.request_la and m.la_name and not same_la(m.request_la, m.la_name):
        out.append(
            Finding(
                "la",
                "ehcna_request.la_name",
                "The request's record (EHC tab)",
                f"the request's record names {m.request_la}, but this pack is for {m.la_name}: "
                "correct whichever is wrong.",
            )
        )
    return out


def review_findings(m: EhcnaModel) -> list[Finding]:
    late = overdue_review(m)
    if late is None or late.review_on is None:
        return []
    days = (m.printed_on - late.review_on).days
    return [
        Finding(
            "review",
            f"cycle.{late.number}.review",
            f"{late.title.split(' (')[0]} (Support tab)",
            f"its review was due {uk(late.review_on)} ({days} days ago) and has not been held: hold it "
            "first, or the pack says the review is overdue.",
        )
    ]


def _advice_of(i: InvolvementInfo) -> list[advice.Advice]:
    return [
        advice.Advice(text, i.service, i.professional, i.latest_report_on or i.started_on)
        for text in i.recommendations
    ]


def advice_lines(involvements: Sequence[InvolvementInfo], blocks: Sequence[advice.Block]) -> list[AdviceLine]:
    """Each recommendation with the provision that carried it out, or none."""
    out = []
    for i in involvements:
        for p in advice.pair_all(_advice_of(i), blocks):
            b = p.block
            shown = ""
            if b is not None:
                when = f"from {uk(b.started_on)}" if b.started_on else ""
                shown = ", ".join(x for x in (b.name, f"cycle {b.cycle}" if b.cycle else "", when) if x)
            by = f"{i.professional} ({i.service})" if i.professional else i.service
            out.append(AdviceLine(p.advice.text, by, p.advice.given_on, shown, p.how, p.dose_difference))
    return out


def advice_findings(m: EhcnaModel) -> list[Finding]:
    out = []
    for line in m.advice:
        where = f"Recommendations of {line.by} (Referrals tab)"
        if not line.provision:
            out.append(
                Finding(
                    "advice",
                    "involvements",
                    where,
                    f"'{line.text}' is not yet acted on: no provision after the advice carries it out. Add "
                    "it to a plan, or say in the request why not (the pack says 'not yet acted on').",
                    quote=line.text,
                )
            )
        elif line.dose_difference:
            out.append(
                Finding(
                    "dose",
                    "involvements",
                    where,
                    f"'{line.text}': {line.dose_difference} ({line.provision}). Explain the difference or "
                    "change the plan.",
                    quote=line.text,
                )
            )
    return out


def _results(m: EhcnaModel) -> list[attainment.Result]:
    return [attainment.Result(a.measure, a.kind, a.result, a.taken_on) for a in m.evidence.assessments]


def findings(m: EhcnaModel) -> list[Finding]:
    """Everything the SENCO is asked to resolve before export, contradictions first."""
    words = m.free_text()
    out = la_findings(m) + review_findings(m)
    if m.child.social_care_conflict:
        out.append(
            Finding("record", "social_care", "Social care status (Details tab)", m.child.social_care_conflict)
        )
    out += text_figures.differences(words, record_facts(m))
    out += attainment.undermining_scores(words, _results(m), m.child.dob)
    out += advice_findings(m)
    out += vague_findings(words)
    return ordered(out)


def latest_results(m: EhcnaModel) -> dict[str, date | None]:
    """Each measure's latest date (for the attainment section's 'latest' mark)."""
    latest: dict[str, date | None] = {}
    for a in sorted(m.evidence.assessments, key=lambda a: a.taken_on or date.min):
        latest[a.measure] = a.taken_on
    return latest
