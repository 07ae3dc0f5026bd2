"""The one-page profile (pupil passport), for the pupil's staff and parents.

Friendly, large type, one page, no UPN. The type shrinks step by step (never below the 10 pt
body minimum) only when the text would not fit on one page; beyond that it runs on.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Flowable, ListFlowable, ListItem, Spacer, Table, TableStyle

from . import theme
from .models import ProfileModel

SCALES = (1.4, 1.25, 1.1, 1.0)
BOX_FILLS = ("#eaf4ea", "#fdf3e1", "#e6f0fa", "#f3e9f7")


def build(model: ProfileModel, path: Path | str, *, invariant: bool = False) -> Path:
    story = []
    for scale in SCALES:
        story = _story(model, scale)
        if theme.count_pages(_story(model, scale)) == 1:
            break
    info = theme.PageInfo(model.school.name, model.title, model.printed_on, model.school.logo_path)
    return theme.build_pdf(path, story, info, subject="One-page profile", invariant=invariant)


def _story(model: ProfileModel, scale: float) -> list[Flowable]:
    s = theme.make_styles(scale)
    head = f"All about {model.known_as}"
    story: list[Flowable] = [
        theme.para(head, s["title"]),
        theme.para(f"{model.year_group}. {model.needs_summary}".strip(), s["note"]),
    ]
    boxes = [
        ("What people like and admire about me", _text(model.like_and_admire, s)),
        ("What is important to me", _text(model.important_to_me, s)),
        ("How best to support me", _bullets(model.how_to_support, s)),
        ("My current outcomes", _bullets(model.current_outcomes, s)),
    ]
    for (title, content), fill in zip(boxes, BOX_FILLS, strict=True):
        box = Table([[theme.para(title, s["h2"])], [content]], colWidths=[theme.CONTENT_WIDTH], splitInRow=1)
        box.setStyle(
            TableStyle(
                [
                    *theme.BASE_TABLE,
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(fill)),
                    ("BOX", (0, 0), (-1, -1), 0.8, theme.RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, 0), 2),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                ]
            )
        )
        story += [box, Spacer(1, 6)]
    return story


def _text(text: str, s) -> Flowable:
    return theme.text_or_missing(text, s)


def _bullets(items: list[str], s) -> Flowable:
    if not items:
        return theme.not_recorded(s)
    return ListFlowable(
        # ListFlowable takes ListItems (reportlab's documented use); the stubs' signature leaves them out
        [ListItem(theme.para(i, s["body"]), leftIndent=12) for i in items],  # type: ignore[misc]
        bulletType="bullet",
        start="\u2022",
        bulletFontName=theme.FONT,
        leftIndent=12,
    )
