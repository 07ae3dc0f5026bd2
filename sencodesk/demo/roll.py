"""The demo school's roll: year groups, classes, pupils with plausible details, and their SEN.

Builds plain form dicts (the same shape the pupil form and an import produce) and saves them
through services.pupils.add_pupils, so the demo obeys every rule a real save does.
"""

from __future__ import annotations

import math
import random
import re
from datetime import date, timedelta
from typing import Any

from ..domain.codes import YEAR_AGE_ON_31_AUGUST, YEAR_ORDER
from ..domain.dates import academic_year_start, parse_date, uk
from ..domain.la_codes import LA_CODES
from ..domain.school_calendar import SchoolCalendar
from ..domain.upn import LETTERS, check_letter
from . import needs as sen
from .calendar import school_day_from
from .names import CARER_FORENAMES, CARER_MEN, CARER_WOMEN, GROUPS, SHORT_NAMES, NameGroup

PRIMARY_YEARS = {"N": 0.8, "R": 1, "1": 1, "2": 1, "3": 1, "4": 1, "5": 1, "6": 1}
SECONDARY_YEARS = {"7": 1, "8": 1, "9": 1, "10": 1, "11": 1}
SIXTH_FORM = {"12": 0.6, "13": 0.55}
FORM_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # no I, O or S: they read as 1, 0 and 5


def year_sizes(rng: random.Random, phase: str, total: int) -> dict[str, int]:
    """Split `total` pupils over the phase's year groups (largest remainder, so they sum exactly)."""
    weights = dict(PRIMARY_YEARS) if phase == "primary" else dict(SECONDARY_YEARS)
    if phase == "secondary" and rng.random() < 0.6:  # most secondaries here keep a sixth form
        weights |= SIXTH_FORM
    scale = total / sum(weights.values())
    exact = {y: w * scale for y, w in weights.items()}
    sizes = {y: math.floor(v) for y, v in exact.items()}
    by_remainder = sorted(exact, key=lambda y: exact[y] - sizes[y], reverse=True)
    for y in by_remainder[: total - sum(sizes.values())]:
        sizes[y] += 1
    return sizes


def class_names(phase: str, year: str, size: int) -> list[str]:
    per_class = 30 if phase == "primary" else 28
    if year == "N":
        return ["Nursery"]
    # A very large year group gets bigger forms rather than running out of letters.
    count = min(len(FORM_LETTERS), max(1, math.ceil(size / per_class)))
    return [f"{year}{FORM_LETTERS[i]}" for i in range(count)]


def _between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _dob(rng: random.Random, year: str, today: date) -> date:
    # Age on 31 August before this school year decides the year group (England).
    age = YEAR_AGE_ON_31_AUGUST[year]
    start_year = academic_year_start(today).year
    return _between(rng, date(start_year - age - 1, 9, 1), date(start_year - age, 8, 31))


class UpnMaker:
    """Valid, unique UPNs: allocated where the pupil first started school, as real ones are."""

    def __init__(self, rng: random.Random, la: str, estab: str):
        self.rng, self.la, self.estab = rng, la, estab
        self.used: set[str] = set()
        self.other_las = [code for code in LA_CODES if code != la]

    def make(self, year_allocated: int, *, here: bool, temporary: bool = False) -> str:
        rng = self.rng
        while True:
            la = self.la if here or rng.random() < 0.8 else rng.choice(self.other_las)
            estab = self.estab if here else f"{rng.randint(2000, 3999)}"
            yy = f"{year_allocated % 100:02d}"
            tail = (
                f"{rng.randint(0, 99):02d}{rng.choice(LETTERS)}"
                if temporary
                else f"{rng.randint(0, 999):03d}"
            )
            body = f"{la}{estab}{yy}{tail}"
            upn = check_letter(body) + body
            if upn not in self.used:
                self.used.add(upn)
                return upn


def _weighted(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _secondary_need(rng: random.Random, primary: str) -> str | None:
    if rng.random() >= sen.SECONDARY_NEED_SHARE:
        return None
    options = [n for n in sen.SECONDARY_NEEDS.get(primary, sen.DEFAULT_SECONDARY) if n != primary]
    return rng.choice(options) if options else None


def _email_part(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _contacts(rng: random.Random, surname: str, looked_after: bool) -> list[dict[str, Any]]:
    def phone() -> str:
        return f"07700 900{rng.randint(0, 999):03d}"  # Ofcom's range kept for drama: never real

    def person(relationship: str, responsibility: bool = True, family: str = surname) -> dict[str, Any]:
        # one draw from the whole list (a seed gives the same school as before), then a mother or
        # father gets the name at that place in the women's or men's list
        index = rng.randrange(len(CARER_FORENAMES))
        named = {"Mother": CARER_WOMEN, "Father": CARER_MEN}.get(relationship, CARER_FORENAMES)
        forename = named[index % len(named)]
        email = f"{_email_part(forename)}.{_email_part(family)}@example.com" if rng.random() < 0.8 else ""
        return {
            "name": f"{forename} {family}",
            "relationship": relationship,
            "phone": phone(),
            "email": email,
            "parental_responsibility": responsibility,
        }

    if looked_after:
        return [
            person("Foster carer", False, rng.choice(GROUPS[0].surnames)),
            person("Social worker", False, rng.choice(GROUPS[0].surnames)),
        ]
    first = rng.choices(["Mother", "Father", "Carer", "Grandparent"], weights=[70, 22, 4, 4])[0]
    people = [person(first, first in ("Mother", "Father", "Carer"))]
    if rng.random() < 0.6:
        second = "Father" if first == "Mother" else "Mother"
        people.append(person(second, True, surname if rng.random() < 0.8 else rng.choice(GROUPS[0].surnames)))
    return people


def _sen(rng: random.Random, gender: str, year: str) -> tuple[str, str | None]:
    """SEN status and primary need. Boys are identified about twice as often as girls."""
    boost = 1.35 if gender == "M" else 0.65
    if year == "N":
        boost *= 0.4  # needs are often not identified until Reception
    roll = rng.random()
    if roll < sen.EHC_PLAN_SHARE * boost:
        return "E", _weighted(rng, sen.EHC_NEEDS)
    if roll < (sen.EHC_PLAN_SHARE + sen.SEN_SUPPORT_SHARE) * boost:
        return "K", _weighted(rng, sen.K_NEEDS)
    return "N", None


# Home languages by names group (GROUPS' index; guesses for a made-up family), for EAL pupils.
LANGUAGES = {
    1: ("Urdu", "Punjabi", "Bengali", "Gujarati"),
    2: ("Yoruba", "Twi", "Igbo"),
    3: ("Polish", "Romanian", "Lithuanian", "Ukrainian"),
    4: ("Mandarin", "Vietnamese", "Arabic", "Turkish"),
    5: ("Portuguese", "Italian", "Spanish"),
}


def _language_and_attendance(
    upn: str, group: NameGroup, eal: bool, status: str, today: date
) -> dict[str, Any]:
    """Home language and this year's attendance as an MIS roll export gives them. They draw on a
    generator of their own (seeded by the UPN), so adding them did not reshuffle the demo school.
    Pupils with SEN attend a little less on average, as national figures show."""
    rng = random.Random(upn)
    language = "English"
    if eal:
        language = rng.choice(LANGUAGES.get(GROUPS.index(group), LANGUAGES[3]))
        language += " and English" if rng.random() < 0.5 else ""
    pct = min(100.0, max(72.0, round(rng.gauss(93.0 if status != "N" else 95.5, 3.0), 1)))
    last_friday = today - timedelta(days=(today.weekday() - 4) % 7)
    return {
        "home_language": language,
        "attendance_pct": pct,
        "attendance_as_at": uk(max(last_friday, academic_year_start(today))),
    }


def pupil_form(
    rng: random.Random, upns: UpnMaker, phase: str, year: str, class_name: str, today: date
) -> tuple[dict[str, Any], dict[str, Any]]:
    """One made-up pupil as a form, plus the plan for their SEN history (used by later steps)."""
    group: NameGroup = rng.choices(GROUPS, weights=[g.weight for g in GROUPS])[0]
    gender = rng.choice("FM")
    forename = rng.choice(group.girls if gender == "F" else group.boys)
    surname = rng.choice(group.surnames)
    dob = _dob(rng, year, today)
    this_year = academic_year_start(today)
    entry = "N" if year == "N" else ("R" if phase == "primary" else "7")
    years_here = YEAR_ORDER[year] - YEAR_ORDER[entry] if YEAR_ORDER[year] >= YEAR_ORDER[entry] else 0
    first_day = min(today, date(this_year.year - years_here, 9, 5))
    arrived_later = years_here > 0 and rng.random() < 0.12
    admission = _between(rng, first_day, today - timedelta(days=14)) if arrived_later else first_day
    # Where the UPN was allocated: here for a primary's own starters, elsewhere for the rest.
    here = phase == "primary" and not arrived_later
    start_school = date(dob.year + 4 + (dob.month >= 9), 9, 5)
    upn = upns.make(
        min(start_school, admission).year,
        here=here,
        temporary=arrived_later and admission > today - timedelta(days=60) and rng.random() < 0.3,
    )

    status, need = _sen(rng, gender, year)
    looked_after = rng.random() < 0.01
    fsm = rng.random() < (0.36 if status != "N" else 0.22)
    form: dict[str, Any] = {
        "upn": upn,
        "legal_surname": surname,
        "legal_forename": forename,
        "preferred_forename": SHORT_NAMES.get(forename, "") if rng.random() < 0.25 else "",
        "dob": uk(dob),
        "gender": gender,
        "year_group": year,
        "class_name": class_name,
        "admission_date": uk(admission),
        "sen_status": "N",
        "fsm": fsm,
        "looked_after": looked_after,
        "pupil_premium": fsm or looked_after or rng.random() < 0.015,
        "eal": rng.random() < group.eal,
        "contacts": _contacts(rng, surname, looked_after),
    }
    form |= _language_and_attendance(upn, group, form["eal"], status, today)
    plan: dict[str, Any] = {"status": status}
    earliest = max(admission, dob + timedelta(days=3 * 365))
    latest = today - timedelta(days=7)
    if status != "N" and earliest < latest:
        secondary = _secondary_need(rng, need)
        first = _between(rng, earliest, latest)
        form |= {
            "sen_status": status,
            "primary_need": need,
            "secondary_need": secondary or "",
            "sen_start_date": uk(first),
        }
        # About a third of EHC plans here followed a spell on SEN support (history K then E).
        if status == "E" and need != "NSA" and rng.random() < 0.35 and (latest - first).days > 200:
            plan = {"status": "E", "plan_from": uk(_between(rng, first + timedelta(days=180), latest))}
            form["sen_status"] = "K"
    elif status == "N" and rng.random() < 0.04 and earliest < latest - timedelta(days=120):
        # Formerly on SEN support, now making expected progress: history K then N.
        first = _between(rng, earliest, latest - timedelta(days=120))
        form |= {"sen_status": "K", "primary_need": _weighted(rng, sen.K_NEEDS), "sen_start_date": uk(first)}
        plan = {"status": "N", "off_register_from": uk(_between(rng, first + timedelta(days=90), latest))}
    elif status != "N":
        form |= {"sen_status": status, "primary_need": need, "sen_start_date": uk(min(earliest, today))}
    return form, plan


def on_school_days(form: dict[str, Any], plan: dict[str, Any], cal: SchoolCalendar, today: date) -> None:
    """A pupil starts at the school, and their SEN status changes, on a school day: each made-up
    date moves to the next school day (never past today). Moved after the draws, so the demo's
    random choices stay as they were; the order of the dates is kept (each moves forward)."""
    for holder, key in ((form, "admission_date"), (form, "sen_start_date"), *((plan, k) for k in PLAN_DATES)):
        day = parse_date(holder.get(key))
        if day is not None:
            holder[key] = uk(school_day_from(cal, day, latest=today))


PLAN_DATES = ("plan_from", "off_register_from")


def roll_forms(
    rng: random.Random,
    phase: str,
    total: int,
    la: str,
    estab: str,
    today: date,
    cal: SchoolCalendar | None = None,
) -> tuple[list[dict], list[dict]]:
    upns = UpnMaker(rng, la, estab)
    forms, plans = [], []
    for year, size in year_sizes(rng, phase, total).items():
        classes = class_names(phase, year, size)
        for i in range(size):
            form, plan = pupil_form(rng, upns, phase, year, classes[i % len(classes)], today)
            if cal is not None:
                on_school_days(form, plan, cal, today)
            forms.append(form)
            plans.append(plan)
    return forms, plans
