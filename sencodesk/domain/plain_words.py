"""Plain words for what SENCO desk writes to parents and carers.

Letters to parents (the parent's copy of the plan, invitations to review meetings) are written
for a parent with a reading age of 11: short sentences, everyday words. LAs' local offers tell
parents they should get a copy of the plan after every review, in words they understand; the
SEND Code of Practice (January 2015) 6.68 asks for a record of what was agreed to be given to
the parents. The app's own sentences use none of the words below; where the SENCO's own words
(or a name that must stay, such as "SENCO") use one, it is explained in a short "Words we use"
box, never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TARGET_READING_AGE = 11  # a parent with a reading age of 11 can read the letter
LONG_SENTENCE_WORDS = 20  # more words than this in one sentence: too long for the letter


@dataclass(frozen=True)
class Term:
    """A word people in schools use that parents may not: what to say instead, and what it means."""

    word: str
    plain: str  # what the app says instead
    meaning: str  # for the "Words we use" box, when the word must stay


JARGON: tuple[Term, ...] = (
    Term("SEN support", "extra help at school", "Extra help at school for a child who needs it."),
    Term("SEND", "extra help with learning", "Special educational needs and disabilities."),
    Term("SEN", "extra help with learning", "Special educational needs: a child needs extra help to learn."),
    Term(
        "SENCO",
        "the teacher who plans extra help",
        "The teacher who plans extra help for children at our school.",
    ),
    Term(
        "SENDCO",
        "the teacher who plans extra help",
        "The teacher who plans extra help for children at our school.",
    ),
    Term(
        "EHCP", "the plan from the council", "An Education, Health and Care plan: a plan the council writes."
    ),
    Term(
        "EHC plan",
        "the plan from the council",
        "An Education, Health and Care plan: a plan the council writes.",
    ),
    Term("provision", "help", "The help and support your child gets at school."),
    Term("intervention", "extra session", "A short session of extra help, often in a small group."),
    Term("outcome", "goal", "A goal: something your child is working towards."),
    Term("graduated approach", "how we plan help", "How we plan help: we find out, plan, help, then check."),
    Term("differentiation", "work made to fit", "Work in class made to fit your child."),
    Term("differentiated", "made to fit", "Work in class made to fit your child."),
    Term(
        "scaffolding", "step-by-step help", "Help given step by step, then taken away as your child learns."
    ),
    Term("SMART", "clear goal", "A goal that is clear and can be checked by a set date."),
    Term("cognition", "thinking and learning", "Thinking, remembering and learning."),
    Term(
        "SEMH",
        "feelings and behaviour",
        "Social, emotional and mental health: feelings, friendships and behaviour.",
    ),
    Term("SLCN", "talking and understanding", "Speech, language and communication needs."),
    Term("SALT", "speech and language therapist", "A speech and language therapist."),
    Term("CAMHS", "children's mental health service", "The NHS service for children's mental health."),
    Term(
        "educational psychologist",
        "educational psychologist",
        "A specialist who finds out how a child learns best.",
    ),
    Term(
        "occupational therapist",
        "occupational therapist",
        "A therapist who helps with movement and everyday skills.",
    ),
)
_PATTERNS = [
    (t, re.compile(rf"(?<![\w-]){re.escape(t.word)}(s)?(?![\w-])", 0 if t.word.isupper() else re.IGNORECASE))
    for t in JARGON
]


def jargon_in(text: str) -> list[Term]:
    """The terms of JARGON the text uses (acronyms only in capitals), in list order. A longer
    term found first hides the shorter ones inside it ("SEN support" is not also "SEN")."""
    found: list[Term] = []
    rest = text or ""
    for term, pattern in _PATTERNS:
        if pattern.search(rest):
            if term.meaning not in {f.meaning for f in found}:
                found.append(term)
            rest = pattern.sub(" ", rest)
    return found


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def sentences(text: str) -> list[str]:
    """The sentences of a text (a line break ends one too: lists are typed a line an item)."""
    return [s.strip() for s in _SENTENCE.findall(text or "") if s.strip()]


def long_sentences(text: str, limit: int = LONG_SENTENCE_WORDS) -> list[str]:
    return [s for s in sentences(text) if len(s.split()) > limit]
