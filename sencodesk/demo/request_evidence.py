"""Demo step: what makes the demo's EHC needs assessment requests agree with themselves.

For every pupil: the identity an LA form asks (a made-up address, GP practice, previous school,
ethnicity, an NHS number in the NHS's test range 999, social care status, interpreter), and each
assessment's kind of score (from demo.assess_words). For the school: its privacy notice line.

For the pupils whose request the demo writes in full (assess_stage.ehcna_candidates): every
planned session logged as a TA logs them (a few missed), the outside professionals'
recommendations one per line, each paired with the provision that carried it out at its dose,
the open cycle's review not yet due, and "what is now needed" quoting the costed map's figure
for the support already funded. The request then lists no contradiction; a pupil with a single
unreviewed cycle still exports marked DRAFT.

Bulk writes inside the demo's one transaction, with one audit row.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any

from ..domain.attainment import AVERAGE_LOW
from ..domain.identity import nhs_check_digit
from ..domain.money import pounds
from ..domain.school_calendar import NO_CALENDAR, SchoolCalendar
from ..services import pack_evidence, pack_settings
from ..services.actor import Actor
from ..store import bulk
from ..store.rows import now_iso
from .assess_stage import _meaning as standard_meaning
from .assess_stage import ehcna_candidates
from .assess_words import MEASURES
from .calendar import school_day_from
from .profile_words import FUNDED

STREETS = (
    "Mill Lane",
    "Church Road",
    "Station Road",
    "Orchard Close",
    "Beech Avenue",
    "Victoria Street",
    "Meadow Way",
    "Park Crescent",
    "Willow Drive",
    "Kingfisher Road",
)
ETHNIC_MIX = (("WBRI", 70), ("WOTH", 6), ("MWBC", 3), ("MWAS", 3), ("AIND", 3), ("APKN", 4), ("BAFR", 4))
ETHNIC_MIX += (("BCRB", 2), ("CHNE", 1), ("OOTH", 2), ("REFU", 2))
PRACTICES = ("Medical Centre", "Surgery", "Health Centre")
KIND_OF = {"standard": "standardised", "reading_age": "age_equivalent"}
PRIVACY = (
    "The school's privacy notice for pupils and parents (how we use, keep and share your information, "
    "and your rights) is on the school website under Policies, and on paper from the school office."
)


def add_request_evidence(actor: Actor, rng: random.Random, today: date, ctx: dict[str, Any]) -> dict:
    cal: SchoolCalendar = ctx.get("calendar") or NO_CALENDAR
    school = ctx.get("school", {})
    town = (school.get("school_name") or "Ashbrook").split()[0]
    settings = pack_settings.get_pack_settings(actor)
    pack_settings.save_pack_settings(actor, settings | {"privacy_notice": PRIVACY})
    with actor.write() as db:
        candidates = ehcna_candidates(db, today, ctx)
        identities = _identities(db, rng, town)
        kinds = _kinds(db)
        logged = sum(_log_every_session(db, pupil_id, rng, today, cal) for pupil_id in candidates)
        for pupil_id in candidates:
            _review_not_yet_due(db, pupil_id, today, cal)
            _recommendations(db, pupil_id)
            _still_below_average(db, pupil_id)
        actor.audit(
            "create",
            "demo",
            None,
            summary="added demo identity details, kinds of score and request evidence that agree",
            changes={"pupils": [None, identities], "assessments": [None, kinds], "sessions": [None, logged]},
        )
    # what is now needed quotes the costed map as the pack computes it (read after the writes)
    for pupil_id in candidates:
        _quote_the_map(actor, pupil_id, today)
    return {"identities": identities, "sessions": logged}


def _nhs_number(rng: random.Random) -> str:
    """A number in the NHS's test range (999...), never issued to a patient, with its check digit."""
    while True:
        nine = "999" + "".join(str(rng.randint(0, 9)) for _ in range(6))
        check = nhs_check_digit(nine)
        if check is not None:
            return nine + str(check)


def _identities(db, rng: random.Random, town: str) -> int:
    codes, weights = zip(*ETHNIC_MIX, strict=True)
    rows = []
    for p in db.execute("SELECT id, year_group, admission_date, looked_after, eal, dob FROM pupils"):
        pid, year, admitted, looked_after, eal, dob = p
        street = rng.choice(STREETS)
        address = f"{rng.randint(2, 180)} {street}, {town} {_postcode(rng)}"
        previous = _previous(rng, year, admitted, dob, town)
        if looked_after:
            care = "looked_after"
        else:
            care = rng.choices(["none", "early_help", "child_in_need", "child_protection"], (90, 6, 3, 1))[0]
        rows.append(
            (
                address,
                rng.choices(codes, weights)[0],
                int(bool(eal) and rng.random() < 0.15),
                _nhs_number(rng),
                f"{rng.choice(('The', town))} {rng.choice(PRACTICES)}, {town}",
                previous,
                care,
                pid,
            )
        )
    db.conn.executemany(
        "UPDATE pupils SET address = ?, ethnicity = ?, interpreter_needed = ?, nhs_number = ?,"
        " gp_practice = ?, previous_schools = ?, social_care = ? WHERE id = ?",
        rows,
    )
    return len(rows)


def _postcode(rng: random.Random) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    area = f"{rng.choice('ABCDEFGHJK')}{rng.randint(1, 9)}"
    return f"{area} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"


def _previous(rng: random.Random, year: str, admitted: str | None, dob: str, town: str) -> str:
    """The setting before this school: a nursery before Reception, a primary before Year 7."""
    born = date.fromisoformat(dob)
    start = date.fromisoformat(admitted) if admitted else None
    reception = born.year + 4 + (1 if born.month >= 9 else 0)
    place = rng.choice(("Oakfield", "St Mary's", "Brookside", "Hillcrest", "Greenway", town))
    if year.isdigit() and int(year) >= 7 and start and start.year >= reception + 7:
        return f"{place} Primary School, September {reception} to July {start.year}"
    if start and start.year > reception:
        return f"{place} Primary School, September {reception} to July {start.year}"
    return f"{place} Nursery, {reception - 2} to {reception}"


def _kinds(db) -> int:
    kind_of = {
        name: KIND_OF.get(kind, "other") for measures in MEASURES.values() for name, kind, *_ in measures
    }
    for name, kind in kind_of.items():
        db.execute("UPDATE assessments SET kind = ? WHERE name = ?", [kind, name])
    return db.execute("SELECT COUNT(*) FROM assessments WHERE kind != ''").fetchone()[0]


# weekdays a provision runs on, by sessions a week (Monday is 0)
DAYS = {1: (2,), 2: (1, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}


def _log_every_session(db, pupil_id: int, rng: random.Random, today: date, cal: SchoolCalendar) -> int:
    """Each of the pupil's allocations logged as planned, up to yesterday (about 1 in 25 not
    held, about 1 in 12 held without the pupil): the demo's sampled sessions replaced."""
    blocks = db.execute(
        "SELECT a.id, COALESCE(a.start_date, c.plan_start), COALESCE(a.end_date, r.held_on),"
        " COALESCE(a.sessions_per_week, p.sessions_per_week), COALESCE(a.weeks, p.weeks),"
        " COALESCE(a.session_minutes, p.session_minutes) FROM allocations a"
        " JOIN cycles c ON c.id = a.cycle_id JOIN provisions p ON p.id = a.provision_id"
        " LEFT JOIN reviews r ON r.cycle_id = c.id WHERE c.pupil_id = ?",
        [pupil_id],
    ).fetchall()
    stamp, rows, first_id = now_iso(), [], bulk.next_id(db, "sessions")
    for allocation_id, starts, ends, per_week, weeks, minutes in blocks:
        if not starts:
            continue
        db.execute("DELETE FROM sessions WHERE allocation_id = ?", [allocation_id])
        day, last = date.fromisoformat(starts), min(date.fromisoformat(ends) if ends else today, today)
        planned, held = per_week * weeks, 0
        marks = []
        while day < last and held < planned:
            if cal.is_school_day(day) and day.weekday() in DAYS.get(min(per_week, 5), DAYS[5]):
                held += 1
                if rng.random() >= 0.04:
                    attended = int(rng.random() >= 0.08)
                    marks.append(attended)
                    rows.append(
                        {
                            "id": first_id + len(rows),
                            "allocation_id": allocation_id,
                            "held_on": day.isoformat(),
                            "minutes": minutes,
                            "attended": attended,
                            "staff_user_id": None,
                            "staff_name": "",
                            "note": "",
                            "created_at": stamp,
                            "created_by": "SENCO desk demo",
                        }
                    )
            day += timedelta(days=1)
        if marks:
            db.execute(
                "UPDATE review_impacts SET attendance_pct = ? WHERE allocation_id = ?",
                [round(100 * sum(marks) / len(marks)), allocation_id],
            )
    bulk.insert_rows(db, "sessions", rows)
    return len(rows)


def _still_below_average(db, pupil_id: int) -> None:
    """A pupil whose request is made still scores below the average range (85): the words the
    demo writes about the gap ("reading and spelling are far behind") then agree with the scores."""
    rows = db.execute(
        "SELECT a.id, a.name, a.taken_on, a.score, p.year_group FROM assessments a"
        " JOIN cycles c ON c.id = a.cycle_id JOIN pupils p ON p.id = c.pupil_id"
        " WHERE c.pupil_id = ? AND a.kind = 'standardised' ORDER BY a.name, a.taken_on",
        [pupil_id],
    ).fetchall()
    previous: dict[str, tuple[date, float]] = {}
    for aid, name, taken, score, year in rows:
        value = min(float(score), AVERAGE_LOW - 1)
        day = date.fromisoformat(taken) if taken else date.min
        if value != float(score):
            meaning = standard_meaning(name, "standard", value, year, previous.get(name))
            db.execute(
                "UPDATE assessments SET score = ?, meaning = ? WHERE id = ?", [f"{value:g}", meaning, aid]
            )
        previous[name] = (day, value)


def _review_not_yet_due(db, pupil_id: int, today: date, cal: SchoolCalendar) -> None:
    """A SENCO preparing a request holds the reviews on time: the open cycle's review is ahead."""
    db.execute(
        "UPDATE cycles SET review_date = ? WHERE pupil_id = ? AND status = 'open' AND review_date < ?",
        [school_day_from(cal, today + timedelta(weeks=3)).isoformat(), pupil_id, today.isoformat()],
    )


def _recommendations(db, pupil_id: int) -> None:
    """Each professional's advice as the provision the school put in place after it, named and at
    its dose (one per line), and their summary without the list it replaces."""
    blocks = db.execute(
        "SELECT p.name, COALESCE(a.sessions_per_week, p.sessions_per_week),"
        " COALESCE(a.session_minutes, p.session_minutes), COALESCE(a.group_size, p.group_size),"
        " COALESCE(a.start_date, c.plan_start), COALESCE(a.end_date, r.held_on)"
        " FROM allocations a JOIN cycles c ON c.id = a.cycle_id JOIN provisions p ON p.id = a.provision_id"
        " LEFT JOIN reviews r ON r.cycle_id = c.id WHERE c.pupil_id = ? AND p.name != ?"
        " ORDER BY COALESCE(a.start_date, c.plan_start)",
        [pupil_id, FUNDED["name"]],
    ).fetchall()
    for iid, started, report, summary in db.execute(
        "SELECT id, started_on, latest_report_on, summary FROM involvements WHERE pupil_id = ?", [pupil_id]
    ).fetchall():
        advised = report or started or ""
        after = [b for b in blocks if (b[5] or "9999") >= advised]
        seen: dict[str, str] = {}
        for name, per_week, minutes, group, *_ in after:
            how = "1:1" if group == 1 else f"in a group of {group}"
            seen.setdefault(name, f"{name}: {per_week} x {minutes} minutes a week, {how}")
        lines = list(seen.values())[:2]
        if not lines:
            continue
        shorter = summary.split(":")[0].rstrip(".") + "." if ":" in summary else summary
        db.execute(
            "UPDATE involvements SET recommendations = ?, summary = ? WHERE id = ?",
            ["\n".join(lines), shorter, iid],
        )


_FUNDED_COST = re.compile(r"£[\d,]+\.\d{2}(?= this year)")


def _quote_the_map(actor: Actor, pupil_id: int, today: date) -> None:
    """The sentence about the support already funded quotes the costed map's line for it."""
    from ..services import referrals

    maps = pack_evidence.provision_maps(actor, pupil_id, today=today)
    line = next((x for x in maps[0].lines if x.name == FUNDED["name"]), None)
    draft = referrals.get_ehcna_draft(actor, pupil_id)
    if line is None or draft is None or not _FUNDED_COST.search(draft.now_needed):
        return
    text = _FUNDED_COST.sub(pounds(line.cost_pence), draft.now_needed)
    with actor.write() as db:
        db.execute("UPDATE ehcna_drafts SET now_needed = ? WHERE pupil_id = ?", [text, pupil_id])
        actor.audit(
            "update",
            "ehcna_draft",
            draft.id,
            pupil_id=pupil_id,
            summary="demo: what is now needed quotes the costed map",
            changes={"now_needed": [draft.now_needed, text]},
        )
