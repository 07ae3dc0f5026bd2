"""Attainment against national expectations, and the scores that undermine a request.

An assessment's `kind` says how its score is read (the school chooses it with the score):
- a standardised score (mean 100, standard deviation 15: most reading, spelling, maths and
  language tests, CELF-5 among them). 85 to 115 is the average range: within one standard
  deviation of the mean, where about two thirds of children the same age score (68%, the normal
  distribution the scores are built on); below 85 is below average (about the lowest 16%), below
  70 well below (the lowest 2%), above 115 above average;
- a key stage 2 scaled score (80 to 120): 100 or more meets the expected standard, 110 or more is
  a high score (the DfE's "higher standard");
- a key stage teacher assessment: GDS greater depth, EXS the expected standard, WTS working
  towards it, PKF/BLW/HNM below it (the pre-key stage standards);
- an age equivalent (a reading or spelling age, "8y 6m"): read against the child's age that day;
- anything else is printed as written and read against nothing.

The request check (`undermining_scores`): text that claims a gap ("2 years behind",
"significantly below") beside a latest score in the average range, or at the expected standard,
in the same area is a contradiction a caseworker sees at once; the SENCO is told, never overruled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .findings import Finding, FreeText

KINDS: dict[str, str] = {
    "standardised": "Standardised score (mean 100)",
    "scaled_ks2": "Key stage 2 scaled score (100 = expected)",
    "ks_teacher": "Key stage result (WTS, EXS, GDS)",
    "age_equivalent": "Age equivalent (reading or spelling age)",
    "other": "Other (printed as written)",
}
AVERAGE_LOW, AVERAGE_HIGH = 85, 115
WELL_BELOW = 70
EXPECTED_KS2, HIGH_KS2 = 100, 110
AVERAGE_RANGE = (
    f"{AVERAGE_LOW} to {AVERAGE_HIGH}: within one standard deviation (15) of the mean (100), "
    "where about two thirds of children the same age score"
)
KS_RESULTS: dict[str, tuple[str, str]] = {
    "GDS": ("above_expected", "working at greater depth within the expected standard"),
    "EXS": ("expected", "working at the expected standard"),
    "WTS": ("below_expected", "working towards the expected standard"),
    "PKF": ("below_expected", "pre-key stage: foundations for the expected standard"),
    "BLW": ("below_expected", "below the pre-key stage standards"),
    "HNM": ("below_expected", "has not met the expected standard"),
}
# bands that say "no gap": a request claiming one beside them is undermined by its own evidence
NOT_BEHIND = frozenset({"average", "above", "expected", "above_expected"})

_NUMBER = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*%?\s*$")
_AGE = re.compile(
    r"^\s*(?:age\s*)?(\d{1,2})\s*y(?:ears?|rs?)?\s*(?:(\d{1,2})\s*m(?:onths?|ths?)?)?\s*$", re.I
)


@dataclass(frozen=True)
class Reading:
    """A result read against national expectations."""

    band: str  # "average", "below", "well_below", "above", "expected", "below_expected", "above_expected"
    words: str  # "In the average range (85 to 115)"
    gap_years: float | None = None  # an age equivalent: years below the child's age (negative: above)


def number_of(score: str) -> float | None:
    match = _NUMBER.match(score or "")
    return float(match.group(1)) if match else None


def age_in_years(score: str) -> float | None:
    """'8y 6m' -> 8.5, 'Age 7 years 3 months' -> 7.25; None for anything else."""
    match = _AGE.match(score or "")
    if not match:
        return None
    return int(match.group(1)) + int(match.group(2) or 0) / 12


def exact_age(dob: date, day: date) -> float:
    """Age in years with months as a fraction (whole months), as a reading age is written."""
    months = (day.year - dob.year) * 12 + day.month - dob.month - (1 if day.day < dob.day else 0)
    return months / 12


def years_months(years: float) -> str:
    """8.5 -> '8y 6m'."""
    whole = round(abs(years) * 12)
    return f"{whole // 12}y {whole % 12}m"


def read_score(
    kind: str, score: str, *, taken_on: date | None = None, dob: date | None = None
) -> Reading | None:
    """The result against national expectations, or None when the kind or the score says nothing."""
    if kind == "standardised":
        value = number_of(score)
        if value is None:
            return None
        if value < WELL_BELOW:
            return Reading(
                "well_below",
                f"Well below average (below {WELL_BELOW}; average is {AVERAGE_LOW} to {AVERAGE_HIGH})",
            )
        if value < AVERAGE_LOW:
            return Reading("below", f"Below average (average is {AVERAGE_LOW} to {AVERAGE_HIGH})")
        if value <= AVERAGE_HIGH:
            return Reading("average", f"In the average range ({AVERAGE_LOW} to {AVERAGE_HIGH})")
        return Reading("above", f"Above average (above {AVERAGE_HIGH})")
    if kind == "scaled_ks2":
        value = number_of(score)
        if value is None:
            return None
        if value >= HIGH_KS2:
            return Reading("above_expected", f"A high score ({HIGH_KS2} or more)")
        if value >= EXPECTED_KS2:
            return Reading("expected", f"Meets the expected standard ({EXPECTED_KS2} or more)")
        return Reading("below_expected", f"Below the expected standard ({EXPECTED_KS2})")
    if kind == "ks_teacher":
        code = (score or "").strip().upper()
        if code not in KS_RESULTS:
            return None
        band, words = KS_RESULTS[code]
        return Reading(band, words[:1].upper() + words[1:])
    if kind == "age_equivalent":
        age = age_in_years(score)
        if age is None or taken_on is None or dob is None:
            return None
        gap = exact_age(dob, taken_on) - age
        if abs(gap) < 1 / 12:
            return Reading("expected", "At the child's age", 0.0)
        where = "below" if gap > 0 else "above"
        band = "below_expected" if gap > 0 else "above_expected"
        return Reading(
            band,
            f"{years_months(gap)} {where} the child's age ({years_months(exact_age(dob, taken_on))})",
            gap,
        )
    return None


# --- claims of a gap in the school's words ------------------------------------------------------

_YEARS = r"(\d+(?:\.\d+)?|one|two|three|four|five|six)(?:\s+and\s+a\s+half)?\s+years?"
_CLAIM = re.compile(
    rf"\b{_YEARS}\s+(?:behind|below)\b"
    r"|\b(?:significantly|well|far|severely|substantially|considerably)\s+(?:below|behind)\b"
    r"|\bbelow\s+(?:(?:the\s+)?(?:expected|average|age[- ]related)|(?:their|his|her)\s+age|age)\b"
    r"|\bsignificant\s+(?:delay|gap|difficult)",
    re.IGNORECASE,
)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# what a claim or an assessment is about, by the words that name it
TOPICS: dict[str, tuple[str, ...]] = {
    "language": (
        "language",
        "speech",
        "vocabulary",
        "understanding",
        "communication",
        "celf",
        "receptive",
        "expressive",
    ),
    "reading": ("read", "reading", "decoding", "comprehension", "phonics", "yarc", "salford", "nfer"),
    "spelling": ("spell", "spelling"),
    "writing": ("writing", "write", "handwriting"),
    "maths": ("maths", "mathematics", "number", "numeracy", "arithmetic", "calculation"),
}
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


@dataclass(frozen=True)
class Claim:
    quote: str  # the sentence, as typed
    phrase: str  # the words that claim the gap
    topics: frozenset[str]
    years: float | None  # "2 years behind" -> 2.0


def topics_of(text: str) -> frozenset[str]:
    lower = text.lower()
    return frozenset(t for t, words in TOPICS.items() if any(re.search(rf"\b{w}", lower) for w in words))


def gap_claims(text: str) -> list[Claim]:
    """Every sentence of the text that claims a gap, with what it is about."""
    out = []
    for sentence in _SENTENCE.findall(text or ""):
        match = _CLAIM.search(sentence)
        if not match:
            continue
        years = None
        if match.group(1):
            word = match.group(1).lower()
            years = float(_WORD_NUMBERS.get(word, 0) or word) + (
                0.5 if "half" in match.group(0).lower() else 0
            )
        out.append(Claim(sentence.strip(), match.group(0), topics_of(sentence), years))
    return out


@dataclass(frozen=True)
class Result:
    """One recorded result, for the check: the measure's name, when, the score as written."""

    measure: str
    kind: str
    score: str
    taken_on: date | None


def _latest_by_measure(results: Iterable[Result]) -> list[Result]:
    latest: dict[str, Result] = {}
    for r in sorted(results, key=lambda r: r.taken_on or date.min):
        latest[r.measure] = r
    return list(latest.values())


def undermining_scores(
    texts: Sequence[FreeText], results: Iterable[Result], dob: date | None
) -> list[Finding]:
    """Each claim of a gap beside a latest result, in the same area, that shows none (average
    range, expected standard); and a claim of N years behind beside an age equivalent a year or
    more away from it."""
    latest = _latest_by_measure(results)
    out: list[Finding] = []
    for piece in texts:
        for claim in gap_claims(piece.text):
            for r in latest:
                reading = read_score(r.kind, r.score, taken_on=r.taken_on, dob=dob)
                if reading is None:
                    continue
                topics = topics_of(r.measure)
                if claim.topics and topics and not (claim.topics & topics):
                    continue  # a claim about reading is not undermined by a maths score
                when = f", {r.taken_on.strftime('%d/%m/%Y')}" if r.taken_on else ""
                if reading.band in NOT_BEHIND:
                    out.append(
                        Finding(
                            "score",
                            piece.field,
                            piece.where,
                            f"the latest {r.measure} is {r.score}{when}: {reading.words[:1].lower()}"
                            f"{reading.words[1:]}, but the text says '{claim.phrase}'. Say what shows "
                            "the gap, or bring the words up to date.",
                            quote=claim.quote,
                        )
                    )
                elif (
                    claim.years is not None
                    and reading.gap_years is not None
                    and abs(reading.gap_years - claim.years) >= 1
                ):
                    out.append(
                        Finding(
                            "score",
                            piece.field,
                            piece.where,
                            f"the text says '{claim.phrase}', but the latest {r.measure} ({r.score}{when}) "
                            f"is {years_months(reading.gap_years)} below the child's age.",
                            quote=claim.quote,
                        )
                    )
    return out
