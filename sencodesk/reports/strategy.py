"""The inclusion strategy, as the school publishes it on its website: PDF and Word (.docx).

Both are laid out from one list of blocks (`document(model)`), so the PDF and the Word file
always say the same thing; the Word file is for a school that finishes it in Word or pastes it
into its website. Written under the DfE's "Developing an inclusion strategy using the inclusive
mainstream fund" (25 June 2026), https://www.gov.uk/government/publications/inclusive-mainstream-fund-support-for-school-leaders/developing-an-inclusion-strategy-using-the-inclusive-mainstream-fund
: its cover says the years it covers (a multi-year strategy is reviewed every year), it sets
out the activity against barriers to learning and taking part with budgeted costs, beside the
notional SEN budget and the fund's allocation. Why the headings are derived rather than the
template's own: domain/inclusion_strategy.py.

Published, so: no OFFICIAL-SENSITIVE marking (it holds no pupil's data), no names, no UPNs,
counts of 1 to 4 shown as "fewer than 5" (domain.small_numbers, the governors' summary's rule),
and no member of staff named (staff time is by role). Every table with a total row adds up:
the total is the sum of the lines printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..domain.dates import uk
from ..domain.inclusion_strategy import GUIDANCE
from ..domain.money import pounds
from ..domain.small_numbers import SMALL, percent, shown
from .models import Count
from .strategy_model import StrategyModel

NOT_WRITTEN = "Not yet written: the school's own words go here."
KEEP_WHOLE = 8  # rows: a table this short stays on one page (a longer one splits, its header repeated)


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"  # body, note, missing


@dataclass(frozen=True)
class Facts:
    pairs: list[tuple[str, str]]


@dataclass(frozen=True)
class Grid:
    header: list[str]
    rows: list[list[str]]
    widths: list[float]
    caption: str
    total_row: bool = False


Block = Para | Facts | Grid


@dataclass
class Part:
    """A numbered heading and what follows it."""

    heading: str
    blocks: list[Block] = field(default_factory=list)


def hours(minutes: int) -> str:
    return f"{minutes / 60:,.1f}"


def _as_at(model: StrategyModel) -> str:
    return uk(min(model.printed_on, model.year_end))


def cover(model: StrategyModel) -> list[Block]:
    """The cover: the school, the years covered, whether and where it is published, the two
    budgets. A multi-year strategy says it is reviewed every year (the guidance asks for this)."""
    if model.years > 1:
        covers = (
            f"{model.covers}: a {model.years}-year strategy, reviewed every year. "
            f"This is the {model.year} review."
        )
    else:
        covers = (
            f"The school year {model.year} "
            f"(1 September {model.year_start.year} to 31 August {model.year_end.year})"
        )
    if model.published_on:
        status = f"Published on the school website on {uk(model.published_on)}: {model.published_url}"
    elif model.deadline:
        status = f"Draft: not yet published (it must be on the school website by {uk(model.deadline)})"
    else:
        status = "Draft: not yet published"
    return [
        Facts(
            [
                ("School", model.school.name),
                ("This strategy covers", covers),
                ("Status", status),
                ("Next review", uk(model.next_review_on)),
                (f"Notional SEN budget {model.year}", _money(model.notional_sen)),
                (f"Inclusive Mainstream Fund allocation {model.year}", _money(model.imf)),
            ]
        ),
        Para(
            f"Written under the Department for Education's guidance “{GUIDANCE[0]}” ({GUIDANCE[1]}). "
            "Figures about pupils are counts only, from the school's SEN records: groups of fewer "
            "than 5 pupils are shown as “fewer than 5”, so that no child can be identified.",
            "note",
        ),
    ]


def _money(pence: int | None) -> str:
    return pounds(pence) if pence is not None else ""


def needs(model: StrategyModel) -> list[Block]:
    out: list[Block] = [
        Para(
            f"On {_as_at(model)}: {shown(model.on_roll)} pupils on roll, of whom "
            f"{shown(model.sen_support)} receive SEN support and {shown(model.ehc_plans)} have an "
            "education, health and care (EHC) plan.",
        )
    ]
    if model.on_register:
        out.append(
            _counts(model.by_need, model.on_register, "Main area of need", "Pupils by their main need")
        )
        out.append(_counts(model.by_year, model.on_register, "Year group", "Pupils by year group"))
    return out


def _counts(counts: list[Count], of: int, head: str, caption: str) -> Grid:
    return Grid(
        [head, "Pupils", "Share"],
        [[c.label, shown(c.count), percent(c.count, of) or "—"] for c in counts],
        [5, 1.6, 1.4],
        f"{caption} (pupils receiving SEN support or with an EHC plan)",
    )


def activities(model: StrategyModel) -> list[Block]:
    if not model.activities:
        return [Para("No whole-school activity and its cost has been listed yet.", "missing")]
    rows = [[a.what, pounds(a.pence)] for a in model.activities]
    rows.append(["Total", pounds(model.activities_total)])
    return [
        Grid(
            ["Whole-school activity", f"Budgeted cost {model.year}"],
            rows,
            [6, 2],
            "Whole-school activity and what it is budgeted to cost",
            total_row=True,
        )
    ]


def provision(model: StrategyModel) -> list[Block]:
    if not model.provision:
        return [Para("No interventions are recorded for this school year yet.", "missing")]
    rows = [
        [p.name, p.area, p.staff, shown(p.pupils), pounds(p.planned), pounds(p.delivered)]
        for p in model.provision
    ]
    rows.append(["Total", "", "", "", pounds(model.planned_total), pounds(model.delivered_total)])
    return [
        Grid(
            [
                "Intervention",
                "Area of need",
                "Delivered by",
                "Pupils",
                "Planned cost",
                "Delivered so far",
            ],
            rows,
            [2.9, 2.5, 1.9, 1.6, 2.1, 2.1],
            f"Interventions in {model.year}: planned cost and the cost of what has been delivered",
            total_row=True,
        ),
        Para(
            "Planned cost: staff time at the school's hourly rates, shared across each group, plus "
            "materials, for the part of each block of support that falls in this school year. "
            f"Delivered so far: the same, for the sessions given up to {_as_at(model)}.",
            "note",
        ),
    ]


def staff(model: StrategyModel) -> list[Block]:
    if not model.staff:
        return []
    rows = [
        [
            t.who,
            pounds(t.rate),
            hours(t.planned_minutes),
            hours(t.delivered_minutes),
            pounds(t.planned),
            pounds(t.delivered),
        ]
        for t in model.staff
    ]
    if model.fixed_planned or model.fixed_delivered:
        rows.append(
            [
                "Materials and other fixed costs",
                "",
                "",
                "",
                pounds(model.fixed_planned),
                pounds(model.fixed_delivered),
            ]
        )
    rows.append(["Total", "", "", "", pounds(model.planned_total), pounds(model.delivered_total)])
    return [
        Grid(
            [
                "Staff time",
                "Hourly rate",
                "Hours planned",
                "Hours delivered",
                "Planned cost",
                "Delivered cost",
            ],
            rows,
            [2.6, 1.5, 1.5, 1.6, 2.1, 2.1],
            "Staff time on the interventions, by role",
            total_row=True,
        )
    ]


def funding(model: StrategyModel) -> list[Block]:
    out: list[Block] = []
    if model.funding_total is None:
        out.append(Para("The notional SEN budget and the fund's allocation are not entered yet.", "missing"))
    else:
        out.append(
            Grid(
                ["Funding", model.year],
                [
                    ["Notional SEN budget", _money(model.notional_sen) or "Not entered"],
                    ["Inclusive Mainstream Fund allocation", _money(model.imf) or "Not entered"],
                    ["Total", pounds(model.funding_total)],
                ],
                [6, 2],
                "The school's funding for inclusion",
                total_row=True,
            )
        )
    out.append(
        Grid(
            ["Budgeted costs in this strategy", model.year],
            [
                ["Whole-school activity", pounds(model.activities_total)],
                ["Interventions (planned cost)", pounds(model.planned_total)],
                ["Total", pounds(model.budgeted_total)],
            ],
            [6, 2],
            "What this strategy's activity is budgeted to cost",
            total_row=True,
        )
    )
    if model.funding_total is not None:
        gap = model.funding_total - model.budgeted_total
        if gap >= 0:
            text = (
                f"The costs set out here come to {pounds(model.budgeted_total)} of the "
                f"{pounds(model.funding_total)} available. The other {pounds(gap)} is not itemised "
                "in these tables (for example, the SENCO's time)."
            )
        else:
            text = (
                f"The costs set out here come to {pounds(model.budgeted_total)}: {pounds(-gap)} more "
                f"than the {pounds(model.funding_total)} of these two budgets."
            )
        out.append(Para(text))
    out.append(
        Para(
            f"The fund's allocation is for the financial year April {model.year_start.year} to March "
            f"{model.year_end.year}, as its conditions of grant set out; the costs of activity are for "
            f"the school year September {model.year_start.year} to August {model.year_end.year}.",
            "note",
        )
    )
    return out


def impact(model: StrategyModel) -> list[Block]:
    if not model.reviews_held:
        return [Para("No reviews of pupils' support have been held this school year yet.", "missing")]
    met = percent(model.outcomes_met, model.outcomes_total)
    out: list[Block] = [
        Facts(
            [
                ("Reviews of pupils' support held this year", shown(model.reviews_held)),
                ("Targets reviewed", shown(model.outcomes_total)),
                ("Targets met or exceeded", shown(model.outcomes_met) + (f" ({met})" if met else "")),
            ]
        )
    ]
    if model.decisions:
        out.append(
            Grid(
                ["What the review decided", "Reviews"],
                [[d.label, shown(d.count)] for d in model.decisions],
                [6, 2],
                "What reviews decided this year",
            )
        )
    # a share over one to four pupils, or over a handful of targets, could be read as one
    # child's result (or mislead): only interventions with 5 or more of each are listed
    listed = [p for p in model.provision if p.pupils >= SMALL and p.rated >= SMALL and p.impact is not None]
    if listed:
        out.append(
            Grid(
                ["Intervention", "Pupils", "Targets rated", "Met or exceeded"],
                [[p.name, shown(p.pupils), shown(p.rated), f"{100 * (p.impact or 0):.0f}%"] for p in listed],
                [4.6, 1.3, 1.5, 1.6],
                "Targets met or exceeded by the pupils who had each intervention",
            )
        )
    if len(listed) < len(model.provision):
        out.append(
            Para(
                "Interventions had by fewer than 5 pupils, or with fewer than 5 targets reviewed so "
                "far, are not listed one by one: their results are in the totals above.",
                "note",
            )
        )
    return out


FIGURES = {
    "needs": needs,
    "activities": activities,
    "provision": provision,
    "staff": staff,
    "funding": funding,
    "impact": impact,
}


def document(model: StrategyModel) -> tuple[list[Block], list[Part]]:
    """(the cover, the numbered parts): the school's words under each heading, then its figures."""
    parts = []
    for number, s in enumerate(model.sections, start=1):
        blocks: list[Block] = [Para(s.words) if s.words.strip() else Para(NOT_WRITTEN, "missing")]
        for key in s.section.figures:
            blocks += FIGURES[key](model)
        parts.append(Part(f"{number}. {s.heading}", blocks))
    return cover(model), parts


# --- PDF -------------------------------------------------------------------------------------


def build(model: StrategyModel, path: Path | str, *, invariant: bool = False) -> Path:
    from reportlab.platypus import Flowable

    from . import theme

    s = theme.make_styles()
    head, parts = document(model)
    story: list[Flowable] = [theme.para(model.title, s["title"])]
    for block in head:
        story += _pdf(block, s)
    for part in parts:
        content = [f for block in part.blocks for f in _pdf(block, s)]
        story += theme.with_heading(theme.heading(part.heading, s), content)
    info = theme.PageInfo(
        model.school.name, model.title, model.printed_on, model.school.logo_path, marking=""
    )
    return theme.build_pdf(
        path, story, info, subject="Inclusion strategy (Inclusive Mainstream Fund)", invariant=invariant
    )


def _pdf(block: Block, s: dict) -> list:
    from reportlab.platypus import KeepTogether, Spacer

    from . import theme

    if isinstance(block, Para):
        return [theme.para(block.text, s[block.style])]
    if isinstance(block, Facts):
        return [theme.facts(block.pairs, s), Spacer(1, 6)]
    rows: list[list[object]] = [list(r) for r in block.rows]
    if block.total_row:  # the totals in bold, as a reader expects the last line of a sum
        rows[-1] = [theme.para(c, s["label"]) for c in rows[-1]]
    table = theme.table(block.header, rows, s, widths=block.widths)
    if len(rows) <= KEEP_WHOLE:  # a short table is never split, leaving a lone row over the page
        return [KeepTogether([table, Spacer(1, 6)])]
    return [table, Spacer(1, 6)]


# --- Word ------------------------------------------------------------------------------------


def build_docx(model: StrategyModel, path: Path | str, *, invariant: bool = False) -> Path:
    """The same document as a .docx (invariant: accepted for the same call as build())."""
    from . import word

    doc = word.WordDocument(
        title=model.title,
        school=model.school.name,
        subject="Inclusion strategy (Inclusive Mainstream Fund)",
        printed_on=model.printed_on,
        marking=None,  # published on the school website: it holds no pupil's data
    )
    if model.school.logo_path and Path(model.school.logo_path).is_file():
        doc.picture(model.school.logo_path, alt=f"{model.school.name} logo", width_mm=25)
    doc.title(model.title)
    head, parts = document(model)
    for block in head:
        _docx(doc, block)
    for part in parts:
        doc.heading(part.heading, 1)
        for block in part.blocks:
            _docx(doc, block)
    return doc.save(path)


def _docx(doc, block: Block) -> None:
    if isinstance(block, Para):
        doc.paragraph(block.text, style=block.style)
    elif isinstance(block, Facts):
        doc.facts(block.pairs)
    else:
        doc.table(
            block.header, block.rows, widths=block.widths, total_row=block.total_row, caption=block.caption
        )
