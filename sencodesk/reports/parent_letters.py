"""Letters to parents and carers, as PDF and Word: the parent's copy of the plan after a review,
and the invitation to a review meeting.

Each letter is first a list of blocks of plain text, each marked as the app's own words or the
school's (the SENCO's typing, the catalogue's names, an edited template), so that what is printed
and what the readability test measures are the same words (tests/reports/test_parent_letters.py:
the app's own words meet a reading age of 11). Then the blocks are laid out: a PDF through
reports/theme.py, a .docx through reports/word.py (real headings and lists).

Plain words (domain/plain_words.py): the app's sentences use no school words; a term that must
stay ("SENCO"), or one in the school's own words, is explained in a "Words we use" box.
The footer says "Private and confidential", words a parent knows, in place of the staff marking.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, Spacer, Table, TableStyle

from ..domain.letters import paragraphs
from ..domain.plain_words import jargon_in
from . import theme
from .models import SchoolInfo
from .parent_models import InvitationModel, ParentCopyModel, ParentLine
from .word import WordDocument

MARKING = "Private and confidential"
SCALE = 1.1  # 11.5 pt body text: easier to read than the packs' 10.5 pt
BOX_FILL = "#eef5fb"


@dataclass(frozen=True)
class Block:
    kind: str  # title / note / h1 / p / bullets / box
    text: tuple[str, ...]  # a paragraph's text (one item), or a list's items, or a box's lines
    own: bool = True  # the app's own words (False: the school's or the SENCO's)

    @property
    def plain(self) -> str:
        return "\n".join(self.text)


def _p(text: str, own: bool = True) -> Block:
    return Block("p", (text,), own)


def long_date(day: date) -> str:
    """'Thursday 12 March 2027': how a letter gives a date (no slashes to puzzle over)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _for(parents: list[ParentLine]) -> list[Block]:
    return [Block("note", tuple(f"For {p.shown}" for p in parents))] if parents else []


def words_we_use(blocks: list[Block], always: tuple[str, ...] = ()) -> list[Block]:
    """The box explaining each school word the letter uses (none: no box)."""
    text = "\n".join(b.plain for b in blocks) + "\n" + "\n".join(always)
    found = jargon_in(text)
    if not found:
        return []
    return [Block("h1", ("Words we use",)), Block("box", tuple(f"{t.word}: {t.meaning}" for t in found))]


# --- the parent's copy of the plan -----------------------------------------------------------


def copy_blocks(m: ParentCopyModel) -> list[Block]:
    first = m.pupil_first_name
    out = [Block("title", (m.title,)), *_for(m.parents)]
    if m.reviewed_on:
        out.append(
            _p(
                f"This is a copy of {first}'s plan for extra help at school. "
                f"We looked at the plan together at our meeting on {long_date(m.reviewed_on)}."
            )
        )
    else:
        out.append(_p(f"This is a copy of {first}'s plan for extra help at school."))
    if m.last_goals:
        out += [
            Block("h1", ("How the last plan went",)),
            Block("bullets", tuple(f"{g.text} – {g.how_it_went}." for g in m.last_goals), own=False),
        ]
    out.append(Block("h1", ("What we are working on",)))
    if m.goals:
        out += [
            _p(f"These are {first}'s goals for the next few weeks."),
            Block("bullets", tuple(m.goals), False),
        ]
    else:
        out.append(_p("We are writing the new plan now. We will send you a copy when it is ready."))
    out.append(Block("h1", ("What school will do",)))
    if m.school_help:
        out.append(Block("bullets", tuple(m.school_help), own=False))
    if m.in_class.strip():
        out += [_p(f"In class, we will help {first} like this:"), _p(m.in_class.strip(), own=False)]
    if not m.school_help and not m.in_class.strip():
        out.append(_p(f"{first}'s teacher will tell you about the help in class."))
    out.append(Block("h1", ("What you can do at home",)))
    if m.at_home.strip():
        out.append(_p(m.at_home.strip(), own=False))
    else:
        out.append(_p("Please ask us for ideas. We are happy to help."))
    out.append(Block("h1", ("When we meet next",)))
    if m.next_meeting:
        out.append(
            _p(f"We plan to meet again by {long_date(m.next_meeting)}. We will write to you with the time.")
        )
    else:
        out.append(_p("We will write to you with the date of our next meeting."))
    contact = m.school.senco_name or "the SENCO"
    out.append(Block("h1", ("Any questions?",)))
    out.append(
        _p(
            f"Please talk to {first}'s class teacher, or to {contact}, our SENCO. "
            "You can ask us about the plan at any time."
        )
    )
    if m.school.senco_contact:
        out.append(Block("note", (f"{contact}: {m.school.senco_contact}",)))
    return out + words_we_use(out)


def copy_text(m: ParentCopyModel, *, own_only: bool = False) -> str:
    """The letter's words as a reader reads them (or only the app's own): for the measure."""
    return "\n".join(b.plain for b in copy_blocks(m) if b.own or not own_only)


def build_copy(m: ParentCopyModel, path: Path | str, *, invariant: bool = False) -> Path:
    return _build(
        copy_blocks(m), m.title, m.school, m.printed_on, path, "A copy of the plan for home", invariant
    )


# --- the invitation to a review meeting ------------------------------------------------------


def invitation_blocks(m: InvitationModel, *, own: bool = False) -> list[Block]:
    """`own`: the letter is the app's own template (not edited by the school)."""
    out = [*_for(m.parents), Block("note", (long_date(m.printed_on),))]
    out += [Block("p", (text,), own) for text in paragraphs(m.letter)]
    return out + words_we_use(out)


def build_invitation(m: InvitationModel, path: Path | str, *, invariant: bool = False) -> Path:
    blocks = invitation_blocks(m)
    return _build(blocks, m.title, m.school, m.printed_on, path, "Invitation to a meeting", invariant)


# --- laying the blocks out ------------------------------------------------------------------


def _build(
    blocks: list[Block],
    title: str,
    school: SchoolInfo,
    printed_on: date,
    path: Path | str,
    subject: str,
    invariant: bool,
) -> Path:
    path = Path(path)
    if path.suffix.lower() == ".docx":
        return _docx(blocks, title, school.name, printed_on, path, subject)
    info = theme.PageInfo(school.name, title, printed_on, school.logo_path, marking=MARKING)
    return theme.build_pdf(path, _story(blocks), info, subject=subject, invariant=invariant)


def _story(blocks: list[Block]) -> list[Flowable]:
    """Each heading kept on the page with what follows it, up to the next heading; the last two
    sections (questions, the words box) kept together, so neither sits alone on a last page."""
    s = theme.make_styles(SCALE)
    s["body"].spaceAfter = 7  # a letter's paragraphs stand apart
    sections: list[list[Flowable]] = [[]]
    for b in blocks:
        if b.kind == "h1":
            sections.append([])
        sections[-1] += _flowables(b, s)
    rest = [section for section in sections[1:] if section]
    if len(rest) >= 2:
        rest[-2:] = [rest[-2] + rest[-1]]
    return sections[0] + [KeepTogether(section) for section in rest]


def _flowables(b: Block, s: dict) -> list[Flowable]:
    if b.kind == "title":
        return [theme.para(b.plain, s["title"])]
    if b.kind == "h1":
        return [theme.para(b.plain, s["h1"])]
    if b.kind == "note":
        return [theme.para(line, s["note"]) for line in b.text]
    if b.kind == "bullets":
        items: list[Any] = [ListItem(theme.para(item, s["body"]), leftIndent=14) for item in b.text]
        return [
            ListFlowable(
                items,
                bulletType="bullet",
                start="\u2022",
                bulletFontName=theme.FONT,
                leftIndent=14,
            )
        ]
    if b.kind == "box":
        return [_box(b.text, s), Spacer(1, 4)]
    return [theme.para(b.plain, s["body"])]


def _box(lines: tuple[str, ...], s: dict) -> Table:
    rows = [[theme.para(line, s["body"])] for line in lines]
    box = Table(rows, colWidths=[theme.CONTENT_WIDTH], splitInRow=1)
    box.setStyle(
        TableStyle(
            [
                *theme.BASE_TABLE,
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(BOX_FILL)),
                ("BOX", (0, 0), (-1, -1), 0.8, theme.RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return box


def _docx(blocks: list[Block], title: str, school: str, printed_on: date, path: Path, subject: str) -> Path:
    doc = WordDocument(title=title, school=school, subject=subject, printed_on=printed_on, marking=MARKING)
    for b in blocks:
        if b.kind == "title":
            doc.title(b.plain)
        elif b.kind == "h1":
            doc.heading(b.plain, 1)
        elif b.kind == "note":
            for line in b.text:
                doc.paragraph(line, style="note")
        elif b.kind == "bullets":
            for item in b.text:
                doc.doc.add_paragraph(item, style="List Bullet")  # a real list, for screen readers
        elif b.kind == "box":
            pairs = [(word, meaning) for word, _, meaning in (line.partition(": ") for line in b.text)]
            doc.facts(pairs, caption="Words we use")
        else:
            doc.paragraph(b.plain)
    return doc.save(path)
