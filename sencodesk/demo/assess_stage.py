"""Demo step: each register pupil's Assess stage, as a SENCO records it. Standardised scores and
reading ages taken in the fortnight before each cycle's plan (so progress shows over the cycles),
a description of each broad area of need, an attainment note built from those results, and the
child's and parents' views with who gave them and when (at assessment and at each review).

It replaces the graduated step's placeholder words. Bulk updates and inserts inside the demo's
one transaction: a 1,000-pupil school takes a fraction of a second.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..domain.codes import NEEDS
from ..domain.cycles import MET
from ..domain.dates import academic_year_start, uk
from ..domain.plural import plural
from ..domain.school_calendar import NO_CALENDAR, SchoolCalendar
from ..services.actor import Actor
from ..store import bulk
from . import assess_words as words
from .calendar import school_day_by, school_day_from
from .phase import secondary_age

AREA_COLUMNS = {"CI": "needs_ci", "CL": "needs_cl", "SEMH": "needs_semh", "SP": "needs_sp"}
ASSESSED_SHARE = 0.85  # pupils on the register whose cycles record assessments
YOUNG_YEARS = ("N", "R", "1", "2")  # views gathered in simple words, often with pictures


@dataclass
class Pupil:
    id: int
    name: str
    dob: date
    year_group: str
    areas: list[str]
    parent: str
    needs: tuple[str, ...] = ()
    cycles: list[dict] = field(default_factory=list)


def add_assess_stage(actor: Actor, rng: random.Random, today: date, ctx: dict) -> dict:
    actor.require("cycle.edit")
    with actor.write() as db:
        pupils = _register_pupils(db)
        chosen_for_request = set(ehcna_candidates(db, today, ctx))
        ratings = _review_ratings(db)
        assessments, cycle_updates, review_updates = [], [], []
        next_id = bulk.next_id(db, "assessments")
        for p in pupils:
            assessed = p.id in chosen_for_request or rng.random() < ASSESSED_SHARE
            results = _results(p, rng, ctx.get("calendar") or NO_CALENDAR) if assessed else {}
            for c in p.cycles:
                taken = results.get(c["id"], [])
                for position, (name, day, score, meaning) in enumerate(taken):
                    assessments.append(
                        {
                            "id": next_id,
                            "cycle_id": c["id"],
                            "position": position,
                            "name": name,
                            "taken_on": day.isoformat(),
                            "score": score,
                            "meaning": meaning,
                        }
                    )
                    next_id += 1
                cycle_updates.append(_assess_words(p, c, taken, rng, ctx.get("calendar") or NO_CALENDAR))
                if c["review_id"]:
                    review_updates.append(_review_words(p, c, ratings.get(c["id"], [])))
        bulk.insert_rows(db, "assessments", assessments)
        _update(db, "cycles", cycle_updates)
        _update(db, "reviews", review_updates)
        counts = {"assessments": len(assessments), "cycles described": len(cycle_updates)}
        actor.audit(
            "create",
            "demo",
            None,
            summary="added demo assessments, needs and views to the cycles",
            changes={k: [None, v] for k, v in counts.items()},
        )
    ctx.setdefault("summary", {})["assessments"] = len(assessments)
    return counts


def ehcna_candidates(db, today: date, ctx: dict) -> list[int]:
    """The two or three pupils whose EHC needs assessment request the demo writes in full: those
    the timelines step sent a request for, and a pupil on SEN support with the longest history
    (most cycles) whose request is being prepared now, with provision this academic year so its
    costed provision map has both years. Chosen once, kept in ctx."""
    if "ehcna_pupils" in ctx:
        return ctx["ehcna_pupils"]
    sent = [
        r[0] for r in db.execute("SELECT DISTINCT pupil_id FROM ehcna_requests ORDER BY sent_on, pupil_id")
    ]
    preparing = db.execute(
        "SELECT c.pupil_id FROM cycles c JOIN pupils p ON p.id = c.pupil_id"
        " WHERE p.sen_status = 'K' AND p.left_on IS NULL"
        " AND c.pupil_id NOT IN (SELECT pupil_id FROM ehcna_requests)"
        # a need in one of the four broad areas, so the request describes it under its area
        " AND p.primary_need NOT IN ('OTH', 'NSA')"
        " GROUP BY c.pupil_id HAVING COUNT(*) >= 3"
        " ORDER BY MAX(c.plan_start >= ?) DESC, COUNT(*) DESC, c.pupil_id LIMIT 1",
        [academic_year_start(today).isoformat()],
    ).fetchone()
    ctx["ehcna_pupils"] = sent[:2] + ([preparing[0]] if preparing else [])
    return ctx["ehcna_pupils"]


def areas_of(primary: str | None, secondary: str | None, described: list[str]) -> list[str]:
    """The pupil's broad areas, primary need's first; the graduated step's area when the census
    need has none (OTH, NSA)."""
    out = [NEEDS[n][1] for n in (primary, secondary) if n and n in NEEDS and NEEDS[n][1]]
    out += described
    return list(dict.fromkeys(a for a in out if a in AREA_COLUMNS)) or ["CL"]


def _register_pupils(db) -> list[Pupil]:
    parents = {}
    for r in db.execute(
        "SELECT pupil_id, name, relationship FROM contacts ORDER BY pupil_id, parental_responsibility,"
        " position DESC"
    ):
        parents[r[0]] = (
            f"{r[1]} ({r[2].lower()})" if r[2] else r[1]
        )  # the last written wins: position 0, with PR
    pupils: dict[int, Pupil] = {}
    rows = db.query(
        "SELECT c.id, c.pupil_id, c.number, c.assess_date, c.plan_start,"
        " c.needs_ci, c.needs_cl, c.needs_semh, c.needs_sp, r.id AS review_id, r.held_on,"
        " p.dob, p.year_group, p.legal_forename, p.preferred_forename,"
        " p.primary_need, p.secondary_need FROM cycles c JOIN pupils p ON p.id = c.pupil_id"
        " LEFT JOIN reviews r ON r.cycle_id = c.id WHERE p.left_on IS NULL ORDER BY c.pupil_id, c.number"
    )
    for r in rows:
        if r["pupil_id"] not in pupils:
            described = [a for a, col in AREA_COLUMNS.items() if r[col]]
            pupils[r["pupil_id"]] = Pupil(
                r["pupil_id"],
                r["preferred_forename"] or r["legal_forename"],
                date.fromisoformat(r["dob"]),
                r["year_group"],
                areas_of(r["primary_need"], r["secondary_need"], described),
                parents.get(r["pupil_id"], "Parent"),
                tuple(n for n in (r["primary_need"], r["secondary_need"]) if n),
            )
        pupils[r["pupil_id"]].cycles.append(r)
    return list(pupils.values())


def _review_ratings(db) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for cycle_id, rating in db.execute("SELECT cycle_id, rating FROM outcomes WHERE rating IS NOT NULL"):
        out.setdefault(cycle_id, []).append(rating)
    return out


def _update(db, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = [c for c in rows[0] if c != "id"]
    sql = f"UPDATE [{table}] SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?"
    db.conn.executemany(sql, [(*(r[c] for c in columns), r["id"]) for r in rows])


# --- results over time ---------------------------------------------------------------------


def age_in_years(dob: date, on: date) -> float:
    return (on - dob).days / 365.25


def years_months(age: float) -> str:
    whole = int(age)
    months = round((age - whole) * 12)
    if months == 12:
        whole, months = whole + 1, 0
    return f"{whole}y {months}m"


def _measures_for(p: Pupil, rng: random.Random) -> list[words.Measure]:
    first = words.MEASURES[p.areas[0]]
    chosen = rng.sample(first, min(len(first), rng.randint(1, 2)))
    if len(p.areas) > 1 and rng.random() < 0.5:
        chosen.append(rng.choice(words.MEASURES[p.areas[1]]))
    return list(dict.fromkeys(chosen))


def _results(
    p: Pupil, rng: random.Random, cal: SchoolCalendar = NO_CALENDAR
) -> dict[int, list[tuple[str, date, str, str]]]:
    """Each cycle's results: the same measures each time, taken in the fortnight before the
    plan starts, moving as real scores do (mostly up a little, sometimes back)."""
    out: dict[int, list] = {}
    for name, kind, (low, high), (step_low, step_high) in _measures_for(p, rng):
        level = rng.randint(low, high)
        rate = rng.uniform(0.45, 1.05)  # months of reading age gained per month
        previous: tuple[date, float] | None = None
        for number, c in enumerate(p.cycles):
            assess = date.fromisoformat(c["assess_date"] or c["plan_start"])
            if number and rng.random() > 0.85:
                continue  # not every measure is repeated every cycle
            # taken in school, in the fortnight before the assessment (on it, after a holiday)
            day = school_day_from(cal, assess - timedelta(days=rng.randint(0, 10)), latest=assess)
            age = age_in_years(p.dob, day)
            if kind == "reading_age":
                if age < 6:
                    continue  # a reading age is not taken before six
                value = (
                    (age - level / 12)
                    if previous is None
                    else previous[1] + rate * (day - previous[0]).days / 365.25
                )
                value = max(value, 5.0)
                score, meaning = years_months(value), _reading_meaning(value, age, previous)
            else:
                value = (
                    level
                    if previous is None
                    else _clamp(kind, previous[1] + rng.randint(step_low, step_high))
                )
                score, meaning = f"{value:g}", _meaning(name, kind, value, p.year_group, previous)
            out.setdefault(c["id"], []).append((name, day, score, meaning))
            previous = (day, value)
    return out


def _clamp(kind: str, value: float) -> float:
    return {
        "standard": lambda v: min(max(v, 55), 110),
        "boxall": lambda v: min(max(v, 30), 136),
        "sdq": lambda v: min(max(v, 6), 40),
        "wpm": lambda v: min(max(v, 2), 30),
    }[kind](value)


def percentile(standard_score: float) -> int:
    """Percentile rank of a standard score (mean 100, SD 15), as test manuals print it."""
    return max(1, min(99, round(50 * (1 + math.erf((standard_score - 100) / (15 * math.sqrt(2)))))))


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _since(previous: tuple[date, float] | None, value: float, unit: str) -> str:
    if previous is None:
        return ""
    change = value - previous[1]
    if change == 0:
        return f" No change since {uk(previous[0])}."
    if abs(change) == 1:
        unit = unit.replace("points", "point").replace("words", "word")
    return f" {'Up' if change > 0 else 'Down'} {abs(change):g} {unit} since {uk(previous[0])}."


def _meaning(name: str, kind: str, value: float, year: str, previous) -> str:
    if kind == "standard":
        band = (
            "well below average" if value < 70 else "below average" if value < 85 else "in the average range"
        )
        notes = words.STANDARD_NOTES_SECONDARY if secondary_age(year) else words.STANDARD_NOTES
        note = notes.get(name, ("", ""))[0 if value < 70 else 1]
        # what the errors show is written the first time; later results say what changed
        text = (
            f"Standard score {value:g} (average is 85 to 115): {band}, "
            f"{ordinal(percentile(value))} percentile."
            + (f" {note[0].upper()}{note[1:]}." if note and value < 85 and previous is None else "")
        )
        return text + _since(previous, value, "points")
    if kind == "boxall":
        gaps = (
            " Gaps in attending, accepting adult direction and joining in with others."
            if previous is None
            else ""
        )
        return f"{value:g} of 136 on the developmental strands.{gaps}" + _since(previous, value, "points")
    if kind == "sdq":
        band = (
            "very high"
            if value >= 19
            else "high"
            if value >= 16
            else "slightly raised"
            if value >= 12
            else "close to average"
        )
        worry = (
            "Emotional symptoms and peer problems are the highest parts."
            if value >= 12 and previous is None
            else ""
        )
        return f"Total difficulties {value:g} of 40: {band}. {worry}".strip() + _since(
            previous, value, "points"
        )
    expected = expected_wpm(year)
    return f"{value:g} words a minute; pupils in the same year typically write about {expected}." + _since(
        previous, value, "words a minute"
    )


def expected_wpm(year: str) -> int:
    number = {"N": 0, "R": 0}.get(year)
    return min(25, 6 + 2 * (int(year) if number is None else number))


def _reading_meaning(value: float, age: float, previous) -> str:
    gap = age - value

    def note_for(level: float) -> str:
        return next(text for limit, text in words.READING_NOTES if level < limit)

    note = note_for(value)
    # the reading behaviour is written when first seen and when it moves on, not every time
    said = previous is None or note_for(previous[1]) != note
    text = (
        f"Reading age {years_months(value)} at {years_months(age)}: "
        + (f"{years_months(gap)} behind." if gap > 0.05 else "in line with age.")
        + (f" {note[0].upper()}{note[1:]}." if said else "")
    )
    if previous:
        months = round((value - previous[1]) * 12)
        gained = plural(months, "month")
        text += (
            f" Up {gained} since {uk(previous[0])}." if months > 0 else f" No gain since {uk(previous[0])}."
        )
    return text


# --- words ---------------------------------------------------------------------------------


def older(p: Pupil) -> bool:
    return secondary_age(p.year_group)


def _fill(text: str, p: Pupil) -> str:
    return text.replace("{name}", p.name)


def _assess_words(p: Pupil, c: dict, taken: list, rng: random.Random, cal: SchoolCalendar) -> dict:
    assess = date.fromisoformat(c["assess_date"] or c["plan_start"])
    young = p.year_group in YOUNG_YEARS
    area = p.areas[0]
    # each cycle takes the next entry (from a place the pupil's id picks): no two cycles in a row
    # repeat the same words
    pupil_view = words.PUPIL_VIEWS[area][(p.id + c["number"]) % len(words.PUPIL_VIEWS[area])][
        0 if young else 1
    ]
    # parents' first words are a worry (the first two entries); progress comes in later cycles
    parent_at = (p.id % 2 + c["number"] - 1) % len(words.PARENT_VIEWS[area])
    parent_view = words.PARENT_VIEWS[area][parent_at]
    row = {"id": c["id"], "needs_ci": "", "needs_cl": "", "needs_semh": "", "needs_sp": ""}
    for i, a in enumerate(p.areas[:2]):
        at = _need_text(p, a, i)
        text = (
            words.NEEDS_SECONDARY.get(a, {}).get(at, words.NEEDS[a][at]) if older(p) else words.NEEDS[a][at]
        )
        row[AREA_COLUMNS[a]] = _fill(text, p)
    row |= {
        "attainment": _attainment(p, taken),
        "pupil_views": pupil_view,
        "pupil_views_by": f"{p.name}, {rng.choice(words.PUPIL_HOW_OLDER if older(p) else words.PUPIL_HOW)}",
        "pupil_views_on": school_day_by(cal, assess - timedelta(days=rng.randint(1, 6))).isoformat(),
        "parent_views": _fill(parent_view, p),
        "parent_views_by": f"{p.parent}, "
        f"{rng.choice(words.PARENT_HOW_OLDER if older(p) else words.PARENT_HOW)}",
        # parents' evenings and meetings are on school days, never a Sunday
        "parent_views_on": school_day_by(cal, assess - timedelta(days=rng.randint(0, 5))).isoformat(),
    }
    return row


def _need_text(p: Pupil, area: str, rank: int) -> int:
    """The area's description that fits the pupil's census need in that area (hearing loss is
    not described as weak fine motor control)."""
    need = next((n for n in p.needs if NEEDS.get(n, ("", None))[1] == area), None)
    fits = words.NEED_TEXT.get(need or "", tuple(range(len(words.NEEDS[area]))))
    return fits[(p.id + rank) % len(fits)]


def _attainment(p: Pupil, taken: list) -> str:
    if p.year_group in ("N", "R"):
        start = (
            "Working within the early learning goals for a younger age band in communication and literacy."
        )
    elif p.year_group.isdigit() and int(p.year_group) >= 7:
        start = "Working at grades 1 to 2 in English and maths (the class is working at grades 3 to 5)."
    else:
        start = (
            f"Working towards the expected standard for Year {p.year_group} in reading, writing and maths."
        )
    results = "; ".join(f"{name.split(' (')[0]}: {score}" for name, _, score, _ in taken)
    return start + (f" Results this cycle: {results}." if results else "")


def _review_words(p: Pupil, c: dict, ratings: list[str]) -> dict:
    going_well = bool(ratings) and sum(r in MET for r in ratings) * 2 >= len(ratings)
    views = words.REVIEW_VIEWS[going_well]
    pupil_view, parent_view = views[(p.id + c["number"]) % len(views)]
    return {"id": c["review_id"], "pupil_views": pupil_view, "parent_views": _fill(parent_view, p)}
