"""The headteacher's summary for governors: numbers only, no names and no UPNs.

Counts from 1 to 4 print as "fewer than 5" (and their percentages and chart bars are left out),
so a small group cannot be used to pick out a child. A named list is an appendix only when the
head asks for it.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from ..domain.money import pounds
from ..domain.small_numbers import SMALL, percent, shown
from . import theme
from .models import Count, SummaryModel

__all__ = ["SMALL", "build", "percent", "shown"]  # the rule lives in domain.small_numbers


def build(model: SummaryModel, path: Path | str, *, invariant: bool = False) -> Path:
    s = theme.make_styles()
    story: list[Flowable] = [
        theme.para(model.title, s["title"]),
        theme.para(
            "Numbers only: groups of fewer than 5 pupils are not shown "
            "exactly, so that no child can be identified.",
            s["note"],
        ),
    ]

    def section(title: str, content: list[Flowable], *, whole: bool = True) -> None:
        # each section is short: keep it on one page, so a chart never sits apart from its table
        if whole:
            story.append(KeepTogether([theme.heading(title, s), *content]))
        else:
            story.extend(theme.with_heading(theme.heading(title, s), content))

    reg = model.on_register
    section(
        "At a glance",
        [
            theme.facts(
                [
                    ("Pupils on roll", shown(model.on_roll)),
                    (
                        "On the SEN register",
                        f"{shown(reg)} ({percent(reg, model.on_roll) or 'percentage not shown'})",
                    ),
                ]
                + [(c.label, f"{shown(c.count)} {_pc(c.count, model.on_roll)}") for c in model.by_status],
                s,
            )
        ],
    )
    section(
        "Primary need",
        _counts(model.by_need, reg, s, "Primary need", "Pupils on the register by primary need", chart=True),
    )
    section(
        "Year group",
        _counts(model.by_year, reg, s, "Year group", "Pupils on the register by year group", chart=True),
    )
    section("Gender", _counts(model.by_gender, reg, s, "Gender"))
    section(
        "Pupil premium, EAL and looked after (pupils on the register)",
        _counts(model.overlaps, reg, s, "Group"),
    )
    section("Register size by term (on each school census day)", _trend(model, s))
    section(
        "Reviews held on time",
        _pair(
            model.reviews_on_time,
            model.reviews_late,
            "On time",
            "Late",
            s,
            "no reviewed cycles are recorded.",
        ),
    )
    section("Outcomes met or exceeded (impact)", _outcomes(model, s))
    section("Provision spend", _spend(model, s))
    section(
        "Open concerns",
        [
            theme.para(
                f"{_concerns(model.open_concerns)} raised by staff and not yet "
                "closed (waiting for a decision, or being monitored).",
                s["body"],
            )
            if model.open_concerns is not None
            else theme.not_recorded(s, "concerns are not recorded in SENCO desk yet.")
        ],
    )
    section("Referrals to outside services", _referrals(model, s))
    section(
        "EHC needs assessment requests",
        _pair(
            model.ehcna_made,
            model.ehcna_agreed,
            "Made",
            "Agreed",
            s,
            "no EHC needs assessment requests are recorded.",
        ),
    )
    section("Attendance", _attendance(model, s))
    if model.named is not None:
        story.append(PageBreak())
        section("Appendix: named list (asked for by the headteacher)", _named(model, s), whole=False)
    # with the named list every page says so in its header: a loose page must not pass for numbers only
    page_title = model.title + (": includes a named list of pupils" if model.named is not None else "")
    info = theme.PageInfo(model.school.name, page_title, model.printed_on, model.school.logo_path)
    return theme.build_pdf(path, story, info, subject="SEN summary for governors", invariant=invariant)


def _concerns(n: int) -> str:
    """'No concerns', 'Fewer than 5 concerns', '12 concerns': words, never 'concern(s)'."""
    if n == 0:
        return "No concerns"
    return f"{_capital(shown(n))} concerns"  # 1 to 4 print as 'fewer than 5', so always plural


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pc(n: int, of: int) -> str:
    p = percent(n, of)
    return f"({p})" if p else ""


def _counts(
    counts: list[Count], of: int, s, head: str, caption: str = "", chart: bool = False
) -> list[Flowable]:
    if not counts:
        return [theme.para("No pupils are on the register.", s["body"])]
    out: list[Flowable] = [
        theme.table(
            [head, "Pupils", "Share of the register"],
            [[c.label, shown(c.count), percent(c.count, of)] for c in counts],
            s,
            widths=[5, 2, 2],
        )
    ]
    drawable = [c for c in counts if c.count >= SMALL]
    if chart and drawable:
        note = (
            " (groups of fewer than 5 not drawn)"
            if len(drawable) < len([c for c in counts if c.count])
            else ""
        )
        out.append(Spacer(1, 6))
        out.append(
            theme.bar_chart([c.label for c in drawable], [c.count for c in drawable], caption=caption + note)
        )
    return out


def _trend(model: SummaryModel, s) -> list[Flowable]:
    if not model.register_trend:
        return [theme.not_recorded(s, "no register history in this period.")]
    out: list[Flowable] = [
        theme.table(
            ["School census day", "Pupils on the register"],
            [[c.label, shown(c.count)] for c in model.register_trend],
            s,
            widths=[3, 2],
        )
    ]
    if (
        len(model.register_trend) >= 2
        and any(c.count for c in model.register_trend)
        and all(c.count == 0 or c.count >= SMALL for c in model.register_trend)
    ):
        out.append(
            theme.line_chart(
                [c.label for c in model.register_trend],
                [c.count for c in model.register_trend],
                caption="Register size by term",
            )
        )
    return out


def _pair(a: int | None, b: int | None, la: str, lb: str, s, missing: str) -> list[Flowable]:
    if a is None:
        return [theme.not_recorded(s, missing)]
    return [theme.facts([(la, shown(a)), (lb, shown(b or 0))], s)]


def _outcomes(model: SummaryModel, s) -> list[Flowable]:
    if not model.outcomes_total:
        return [theme.not_recorded(s, "no reviewed outcomes are recorded in this period.")]
    met = model.outcomes_met or 0
    return [
        theme.facts(
            [
                ("Outcomes reviewed", shown(model.outcomes_total)),
                ("Met or exceeded", f"{shown(met)} {_pc(met, model.outcomes_total)}"),
            ],
            s,
        )
    ]


def _spend(model: SummaryModel, s) -> list[Flowable]:
    if not model.spend:
        return [theme.not_recorded(s, "no costed provision is recorded in this period.")]
    rows: list[list[object]] = [[line.provision, pounds(line.pence)] for line in model.spend]
    rows.append(
        [
            theme.para("Total", s["label"]),
            theme.para(pounds(sum(line.pence for line in model.spend)), s["label"]),
        ]
    )
    return [
        theme.table(["Provision", "Spend"], rows, s, widths=[6, 2]),
        theme.para(
            "Each line is the planned cost of that provision in this period: the weeks each "
            "pupil's block runs in the period on the school's calendar, staff time at the school's "
            "hourly rates, shared across each group.",
            s["note"],
        ),
    ]


def _referrals(model: SummaryModel, s) -> list[Flowable]:
    if not model.referrals:
        return [theme.para("No referrals were made in this period.", s["body"])]
    return [
        theme.table(
            ["Service", "Status", "Referrals"],
            [[svc, status, shown(n)] for svc, status, n in model.referrals],
            s,
            widths=[5, 2.5, 2],
        )
    ]


def _attendance(model: SummaryModel, s) -> list[Flowable]:
    if model.attendance_register is None:
        return [theme.not_recorded(s, "attendance is not recorded in SENCO desk.")]

    def average(value: float | None, n: int) -> str:
        if value is None:
            return "Not recorded in SENCO desk"
        if n < SMALL:  # an average of one to four pupils could be read as one child's attendance
            return "Recorded for fewer than 5 pupils: not shown"
        return f"{value:.1f}% (average of {n} pupils)"

    return [
        theme.facts(
            [
                (
                    "Pupils on the register (where recorded)",
                    average(model.attendance_register, model.attendance_register_n),
                ),
                ("Other pupils", average(model.attendance_others, model.attendance_others_n)),
            ],
            s,
        ),
        theme.para(
            "Attendance is the average of this year's figures on pupils' records (where a record "
            "has none, the figure on their EHC needs assessment request details).",
            s["note"],
        ),
    ]


def _named(model: SummaryModel, s) -> list[Flowable]:
    if not model.named:
        return [theme.para("No pupils are on the register.", s["body"])]
    return [
        theme.table(
            ["Name", "Year group", "SEN status", "Primary need"],
            [[p.name, p.year_group, p.sen_status, p.primary_need] for p in model.named],
            s,
            widths=[4, 2, 2, 4],
        )
    ]
