"""The school's inclusion strategy for the Inclusive Mainstream Fund (IMF): its headings, its
deadline, and the checks on what the school types.

What this follows (read for this feature, 3 December 2026):
- DfE, "Developing an inclusion strategy using the inclusive mainstream fund", published
  25 June 2026, non-statutory guidance:
  https://www.gov.uk/government/publications/inclusive-mainstream-fund-support-for-school-leaders/developing-an-inclusion-strategy-using-the-inclusive-mainstream-fund
  Its introduction says a school must invest its IMF allocation in line with the 7 principles
  of inclusion, and publish an inclusion strategy on its website by 31 December 2026 that
  includes "detail of activity invested in to alleviate barriers to learning and participation
  and budgeted costs"; the IMF is used alongside the core budget, including the notional SEN
  budget; a multi-year strategy must be reviewed annually, and the cover page must say so.
- DfE, "Inclusive mainstream fund for schools: conditions of grant 2026 to 2027", updated
  25 June 2026:
  https://www.gov.uk/government/publications/inclusive-mainstream-fund-2026-to-2027/inclusive-mainstream-fund-for-schools-conditions-of-grant-2026-to-2027
  The IMF is used with the core funding, including the notional SEN budget, "to strengthen
  their inclusive offer and remove commonly occurring barriers to learning and participation";
  that includes planning and implementing inclusive universal provision, and supporting early,
  evidence-based targeted support for pupils with additional needs and SEND. The conditions
  cover the financial year 2026 to 2027 (April 2026 to March 2027).
- DfE, "Inclusive mainstream fund for schools: methodology 2026 to 2027" (published 25 March
  2026, as Schools Week reported that day):
  https://www.gov.uk/government/publications/inclusive-mainstream-fund-2026-to-2027/inclusive-mainstream-fund-for-schools-methodology-2026-to-2027
  The page itself was not in the copy available to us; only secondary accounts of it were
  (fund size, the 31 December 2026 date), which agree with the guidance above.

The DfE's template: the guidance says one is provided, but its text was not available to us,
and the stored copy of the guidance stopped after its introduction, before the 7 principles are
listed. So the headings below are DERIVED from the guidance's own description of what a
strategy must contain (cover page, activity against barriers, budgeted costs, the notional SEN
budget beside the fund, the principles, annual review) and from the conditions of grant
(universal provision, early targeted support). They are not the template's own headings; a
school that uses the template can copy its words across heading by heading. The principles are
not reproduced here: the school is pointed to the guidance for them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from .dates import parse_date
from .errors import ValidationError
from .money import parse_pounds, pounds

GUIDANCE = (
    "Developing an inclusion strategy using the inclusive mainstream fund (DfE, 25 June 2026)",
    "https://www.gov.uk/government/publications/inclusive-mainstream-fund-support-for-school-leaders/"
    "developing-an-inclusion-strategy-using-the-inclusive-mainstream-fund",
)
CONDITIONS = (
    "Inclusive mainstream fund for schools: conditions of grant 2026 to 2027 (DfE, 25 June 2026)",
    "https://www.gov.uk/government/publications/inclusive-mainstream-fund-2026-to-2027/"
    "inclusive-mainstream-fund-for-schools-conditions-of-grant-2026-to-2027",
)

# When each year's strategy must be on the school's website. Only 2026/27 is set by the
# guidance ("by 31 December 2026"); a later year gets its date when the DfE publishes one.
DEADLINES: dict[str, date] = {"2026/27": date(2026, 12, 31)}
DEADLINE_BASIS = "IMF conditions of grant: publish the inclusion strategy on the school website"


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    prompt: str  # what the school writes here, in plain words
    figures: tuple[str, ...] = ()  # the figures from the record shown beside and under it


# Derived from the guidance's description and the conditions of grant (see the docstring).
SECTIONS: tuple[Section, ...] = (
    Section(
        "about",
        "About this strategy",
        "Who the strategy is for, the years it covers, and who agreed it and when (for example "
        "the governing board). If it covers more than one year, say that it is reviewed every year.",
    ),
    Section(
        "needs",
        "Our pupils' needs and the barriers they face",
        "The barriers to learning and to taking part in school life that are common among our "
        "pupils, and how we spot them early.",
        ("needs",),
    ),
    Section(
        "universal",
        "Inclusive teaching for every pupil",
        "What every pupil can expect in every class (adaptive teaching, the classroom, routines) "
        "and the training staff get to make it happen. List whole-school activity and what it "
        "costs in the table under this heading.",
        ("activities",),
    ),
    Section(
        "targeted",
        "Early, targeted support",
        "Support for pupils who need more than good everyday teaching: what it is, who gives it, "
        "and how we check that it works. The table of interventions comes from our records.",
        ("provision", "staff"),
    ),
    Section(
        "funding",
        "Our funding and what it pays for",
        "How we use the Inclusive Mainstream Fund alongside our notional SEN budget, and anything "
        "these budgets pay for that the tables do not show.",
        ("funding",),
    ),
    Section(
        "principles",
        "How our plans follow the principles of inclusion",
        "The DfE asks schools to invest the fund in line with its 7 principles of inclusion, set "
        "out in its guidance. Say how what we do follows each one.",
    ),
    Section(
        "impact",
        "The difference it is making",
        "What our reviews of pupils' support show so far, and what we will change because of it.",
        ("impact",),
    ),
    Section(
        "review",
        "How we check and review this strategy",
        "Who checks that the strategy is working, how often, and when the next version will be published.",
    ),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)
WORDS_LIMIT = 8000  # characters under one heading: about two pages of the published document
MAX_YEARS = 3  # a multi-year strategy (the guidance allows one, reviewed every year)
MAX_ACTIVITIES = 30
MAX_BUDGET = 100_000_000_00  # £100 million: more than any school's; a typing slip otherwise
URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Activity:
    """Whole-school activity the school adds by hand, with its budgeted cost (pence)."""

    what: str
    pence: int


@dataclass
class Strategy:
    """The school's own words for one academic year, and whether it is published."""

    year: str  # "2026/27"
    words: dict[str, str] = field(default_factory=dict)
    years: int = 1  # how many years this strategy covers
    next_review_on: date | None = None
    activities: list[Activity] = field(default_factory=list)
    published_on: date | None = None
    published_url: str = ""
    published_by: str = ""
    id: int | None = None
    version: int = 0  # 0: nothing saved for this year yet
    updated_at: str = ""
    updated_by: str = ""
    earlier_year: str | None = None  # the latest earlier year with words, to carry forward

    def text(self, key: str) -> str:
        return self.words.get(key, "")

    @property
    def published(self) -> bool:
        return self.published_on is not None

    @property
    def covers(self) -> str:
        """'2026/27', or '2026/27 to 2028/29' for a multi-year strategy."""
        if self.years <= 1:
            return self.year
        return f"{self.year} to {year_label(year_start(self.year).year + self.years - 1)}"


@dataclass(frozen=True)
class Budgets:
    """The school's figures for the year, typed in Settings (pence; None: not yet entered)."""

    year: str
    notional_sen: int | None = None
    imf: int | None = None

    @property
    def total(self) -> int | None:
        if self.notional_sen is None and self.imf is None:
            return None
        return (self.notional_sen or 0) + (self.imf or 0)


def year_label(start_year: int) -> str:
    return f"{start_year}/{str(start_year + 1)[-2:]}"


def year_start(label: str, field: str = "year") -> date:
    """'2026/27' (also '2026-27', '2026/2027') -> 1 September 2026; wrong -> ValidationError."""
    m = re.fullmatch(r"\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*", str(label or ""))
    if m:
        first, second = int(m.group(1)), int(m.group(2)[-2:])
        if second == (first + 1) % 100 and 2000 <= first <= 2099:
            return date(first, 9, 1)
    raise ValidationError({field: f"'{label}' is not a school year. Type it as 2026/27."})


def year_end(label: str) -> date:
    return date(year_start(label).year + 1, 8, 31)


def clean_year(label: str, field: str = "year") -> str:
    """The canonical '2026/27' for what was typed."""
    return year_label(year_start(label, field).year)


def clean_strategy(form: dict[str, Any]) -> dict[str, Any]:
    """The strategy's form -> the values to store; ValidationError names every wrong field.

    form: words {key: text} (or each key at the top level), years, next_review_on (DD/MM/YYYY),
    activities [{what, cost}] (cost in pounds as typed)."""
    errors: dict[str, str] = {}
    given = form.get("words")
    given = given if isinstance(given, dict) else form
    words = {}
    for s in SECTIONS:
        text = str(given.get(s.key) or "").strip()
        if len(text) > WORDS_LIMIT:
            errors[s.key] = f"{s.heading}: {len(text):,} characters is too long ({WORDS_LIMIT:,} at most)."
        if text:
            words[s.key] = text
    years_raw = str(form.get("years") or "1").strip()
    years = int(years_raw) if years_raw.isdigit() else 0
    if not 1 <= years <= MAX_YEARS:
        errors["years"] = f"Years covered: choose from 1 to {MAX_YEARS}."
    next_review = None
    try:
        next_review = parse_date(form.get("next_review_on"), "next_review_on", label="Next review")
    except ValidationError as e:
        errors.update(e.field_errors)
    rows = form.get("activities") or []
    if isinstance(rows, str):  # the app's box: one "activity: cost" a line
        rows = activity_lines(rows)
    activities = _clean_activities(rows, errors)
    if errors:
        raise ValidationError(errors)
    return {
        "words": words,
        "years": years,
        "next_review_on": next_review.isoformat() if next_review else None,
        "activities": [{"what": a.what, "pence": a.pence} for a in activities],
    }


def activity_lines(text: str) -> list[dict[str, str]]:
    """'Whole-staff training in adaptive teaching: £2,400' on each line -> [{what, cost}]; the
    cost is after the last colon. Blank lines are only spacing."""
    rows = []
    for line in str(text or "").splitlines():
        if not line.strip():
            continue
        what, colon, cost = line.rpartition(":")
        rows.append(
            {"what": what.strip(), "cost": cost.strip()} if colon else {"what": line.strip(), "cost": ""}
        )
    return rows


def activities_text(activities: list[Activity]) -> str:
    """The lines activity_lines() reads back."""
    return "\n".join(f"{a.what}: {pounds(a.pence)}" for a in activities)


def _clean_activities(rows: list[dict[str, Any]], errors: dict[str, str]) -> list[Activity]:
    out = []
    for i, row in enumerate(rows, start=1):
        what = str(row.get("what") or "").strip()
        cost = str(row.get("cost") or "").strip()
        if not what and not cost:
            continue  # an empty line is only spacing
        if not what:
            errors[f"activity_{i}"] = f"Activity line {i}: say what the activity is."
            continue
        if len(what) > 200:
            errors[f"activity_{i}"] = f"Activity line {i}: keep it under 200 characters."
            continue
        if not cost:
            errors[f"activity_{i}"] = (
                f"Activity line {i}: put its budgeted cost after a colon, e.g. '{what}: £2,400' (£0 if none)."
            )
            continue
        try:
            cost_pence = parse_pounds(cost, f"activity_{i}", label=f"The cost of '{what}'")
        except ValidationError as e:
            errors.update(e.field_errors)
            continue
        out.append(Activity(what, cost_pence))
    if len(out) > MAX_ACTIVITIES:
        errors["activities"] = f"Keep to {MAX_ACTIVITIES} activity lines: join small ones together."
    return out


def clean_budgets(form: dict[str, Any]) -> tuple[int | None, int | None]:
    """(notional SEN budget, IMF allocation) in pence from pounds as typed; blank is 'not entered'."""
    errors: dict[str, str] = {}
    values: list[int | None] = []
    for key, label in (
        ("notional_sen", "Notional SEN budget"),
        ("imf", "Inclusive Mainstream Fund allocation"),
    ):
        raw = str(form.get(key) or "").strip()
        if not raw:
            values.append(None)
            continue
        try:
            pence = parse_pounds(raw, key, label=label)
        except ValidationError as e:
            errors.update(e.field_errors)
            values.append(None)
            continue
        if pence > MAX_BUDGET:
            errors[key] = f"{label}: £{raw.lstrip('£')} is more than any school's budget. Check the figure."
        values.append(pence)
    if errors:
        raise ValidationError(errors)
    return values[0], values[1]


def clean_published(form: dict[str, Any], today: date) -> tuple[date | None, str]:
    """(published on, web address); both blank: not published (a mark made by mistake undone)."""
    raw_date = str(form.get("published_on") or "").strip()
    url = str(form.get("published_url") or "").strip()
    if not raw_date and not url:
        return None, ""
    errors: dict[str, str] = {}
    published = None
    try:
        published = parse_date(raw_date, "published_on", label="Date published")
    except ValidationError as e:
        errors.update(e.field_errors)
    if published is None and "published_on" not in errors:
        errors["published_on"] = "Date published: type the date it went on the website, e.g. 15/12/2026."
    elif published is not None and published > today:
        errors["published_on"] = "Date published cannot be in the future: mark it once it is on the website."
    if not url:
        errors["published_url"] = (
            "Type the web address of the page it is on, e.g. https://www.school.sch.uk/send."
        )
    elif not URL.match(url):
        errors["published_url"] = f"'{url}' is not a web address. Copy it from the browser, starting https://"
    if errors:
        raise ValidationError(errors)
    return published, url


def _term_week(monday: date) -> bool:
    """False for a week in the summer holiday (from 22 July to the end of August), when no
    block of support runs; the shorter holidays are not told apart here."""
    return not (monday.month == 8 or (monday.month == 7 and monday.day >= 22))


def planned_share_in_year(start: date, end: date | None, weeks: int, first: date, last: date) -> Fraction:
    """The share of a block of provision's planned cost that falls in the school year [first, last].

    The block runs for `weeks` term weeks from `start` (the summer holiday skipped: a block
    begun in June carries on in September), or until its own `end` if that comes first; its
    cost is split by the weeks of it inside the year. NOTE for the lead: a local stand-in;
    another branch adds an academic-year split of a block's planned cost (with the school's
    calendar) to the costing rules, and this should then call that.
    """
    counted = inside = 0
    week = start
    while counted < max(weeks, 1) and (end is None or week <= end) and week.year <= start.year + 3:
        if _term_week(week):
            counted += 1
            inside += first <= week <= last
        week += timedelta(weeks=1)
    if not counted:  # a block that starts in the holiday and ends before term
        return Fraction(int(first <= start <= last))
    return Fraction(inside, counted)


def round_pence(value: Fraction) -> int:
    """Half-up to the penny, as the costing rules round (once, at the end of a line)."""
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def apportion(exact: list[Fraction], total: int) -> list[int]:
    """Whole pence for each exact share, adding up to `total` exactly (largest remainder): the
    staff-time table's lines then sum to the interventions table's total, to the penny."""
    out = [math.floor(x) for x in exact]
    left = total - sum(out)
    if not out or not left:
        return out
    # pennies to add go to the largest remainders; pennies to take come off the smallest
    order = sorted(range(len(out)), key=lambda i: exact[i] - out[i], reverse=left > 0)
    for k in range(abs(left)):
        out[order[k % len(out)]] += 1 if left > 0 else -1
    return out
