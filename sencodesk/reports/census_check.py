"""The census SEN check on paper: a summary, then each rule broken with its fix and pupils.

Names, year and class identify a pupil; the UPN is printed only under a UPN rule, where the
SENCO needs it to correct the record.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable

from ..domain.plural import plural
from . import theme
from .census_model import CensusPrintModel


def build(model: CensusPrintModel, path: Path | str, *, invariant: bool = False) -> Path:
    info = theme.PageInfo(model.school.name, model.title, model.printed_on, model.school.logo_path)
    return theme.build_pdf(path, story(model), info, subject="Census SEN check", invariant=invariant)


def story(model: CensusPrintModel) -> list[Flowable]:
    s = theme.make_styles()
    out: list[Flowable] = [theme.para(model.title, s["title"]), theme.para(model.summary, s["body"])]
    if not model.report.integrity_ok:
        out.append(theme.banner("The data file is damaged", s, "; ".join(model.report.integrity[:3])))
    for breach in model.report.breaches:
        kind = "Worth a look" if breach.warning else "Rule"
        head = theme.heading(
            f"{kind} {breach.rule}: {breach.title} ({plural(len(breach.pupils), 'pupil')})", s
        )
        upn_rule = model.upn_for(breach.rule, 0) is not None
        header = ["Pupil", "Year / class"] + (["UPN"] if upn_rule else []) + ["What is wrong"]
        rows = [
            [p.name, p.where] + ([model.upns.get(p.id, "")] if upn_rule else []) + [p.detail]
            for p in breach.pupils
        ]
        widths = [3, 2, 2.6, 5] if upn_rule else [3, 2, 6]
        words = (
            f"DfE wording: {breach.wording}" if breach.wording else "SENCO desk's own check (not a DfE rule)."
        )
        out += theme.with_heading(
            head,
            [
                theme.para(words, s["note"]),
                theme.para(f"Fix: {breach.fix}", s["note"]),
                theme.table(header, rows, s, widths=widths),
            ],
        )
    return out
