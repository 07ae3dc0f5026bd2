"""How hard a letter to parents is to read: a reading age, from the Flesch-Kincaid grade level.

Why Flesch-Kincaid: it is worked out from two things only, the words in a sentence and the
syllables in a word, which are exactly what "short sentences, everyday words" changes; it holds
for a few sentences (SMOG was normed on 30-sentence samples, and textstat says so for shorter
texts); and it needs no word list (Dale-Chall's is American: "mum", "maths" and "colour" count as
hard words). Its US school grade plus 5 is the reading age (a grade 6 reader is about 11), so
the target of a reading age of 11 is a grade of 6 or below.

textstat 0.7.4 is pinned (pyproject.toml): it counts syllables with Pyphen's dictionaries, which
ship inside the package. Later versions need NLTK's cmudict downloaded at run time, which an
offline school PC and the frozen app cannot do.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.plain_words import TARGET_READING_AGE, long_sentences, sentences

GRADE_TO_AGE = 5  # a US school grade to a reading age in years
MIN_WORDS = 12  # fewer words are too few to measure: a short phrase is judged by its words alone


@dataclass(frozen=True)
class Readability:
    reading_age: float | None  # None: too short to measure
    words: int
    sentences: int
    long_sentences: tuple[str, ...]

    @property
    def too_hard(self) -> bool:
        return bool(self.long_sentences) or (
            self.reading_age is not None and self.reading_age > TARGET_READING_AGE
        )


def reading_age(text: str) -> float:
    """The Flesch-Kincaid reading age of `text` (grade + 5, never below 5). A line with no full
    stop (a list typed a line an item, a heading) is a sentence of its own, as a reader sees it."""
    import textstat  # type: ignore[import-untyped]  # loaded on first use: the app starts without it

    textstat.set_lang("en")
    stopped = " ".join(s if s[-1] in ".!?" else f"{s}." for s in sentences(text))
    return max(0.0, float(textstat.flesch_kincaid_grade(stopped))) + GRADE_TO_AGE


def measure(text: str) -> Readability:
    words = len((text or "").split())
    age = reading_age(text) if words >= MIN_WORDS else None
    return Readability(age, words, len(sentences(text)), tuple(long_sentences(text)))
