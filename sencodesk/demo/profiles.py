"""Demo step: one-page profile words for most pupils on the register (first person, written with
the child and family), the school's EHC needs assessment request text and parental consent for
the two or three pupils whose request the demo prepares, and what the packs print about the
school (SENCO contact, headteacher).

Consent to a request is dated before the request; a request already sent carries its sent date.
Bulk inserts inside the demo's one transaction.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from ..domain.costing import annual_pence
from ..domain.dates import age_on
from ..domain.money import pounds
from ..domain.school_calendar import NO_CALENDAR
from ..services import pack_settings, provision
from ..services.actor import Actor
from ..store import bulk
from ..store.rows import now_iso
from . import profile_words as words
from .accounts import DEMO_ACCOUNTS
from .assess_stage import AREA_COLUMNS, areas_of, ehcna_candidates
from .calendar import school_day_by, working_day_by
from .phase import secondary_age

NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
THRESHOLD = 600_000  # the £6,000 a school funds from its notional SEN budget (pence)
PROFILE_SHARE = 0.75  # register pupils whose one-page profile has been written
HEAD = next(name for _, name, role in DEMO_ACCOUNTS if role == "head")


def add_profiles_and_requests(actor: Actor, rng: random.Random, today: date, ctx: dict) -> dict:
    school = ctx.get("school", {})
    slug = "".join(ch for ch in (school.get("school_name") or "school").split()[0].lower() if ch.isalpha())
    pack_settings.save_pack_settings(
        actor,
        {
            "senco_contact": f"01632 960{rng.randint(100, 999)}, senco@{slug}.example.sch.uk",
            "head_name": HEAD,
            "logo_path": "",
        },
    )
    stamp = now_iso()
    who = school.get("senco_name") or actor.user.display_name
    funded_id, _ = provision.save_provision(actor, None, None, words.FUNDED)
    costing = provision.get_costing(actor)
    funded_cost = annual_pence(minutes=60, per_week=10, weeks=38, group_size=1, rate=costing.rate("ta"))
    rows: dict[str, list[dict]] = {
        "pupil_passports": [],
        "ehcna_drafts": [],
        "consents": [],
        "allocations": [],
        "sessions": [],
    }
    with actor.write() as db:
        ids = {t: bulk.next_id(db, t) for t in rows}

        def take(table: str) -> int:
            ids[table] += 1
            return ids[table] - 1

        def stamped(values: dict) -> dict:
            return values | {"version": 1, "created_at": stamp, "updated_at": stamp, "updated_by": who}

        requested = ehcna_candidates(db, today, ctx)
        pupils = {p["id"]: p for p in _pupils(db)}
        for p in pupils.values():
            if p["id"] in requested or rng.random() < PROFILE_SHARE:
                rows["pupil_passports"].append(
                    stamped({"id": take("pupil_passports"), "pupil_id": p["id"]} | _passport(p, rng))
                )
        sent = {
            r[0]: r[1]
            for r in db.execute("SELECT pupil_id, MIN(sent_on) FROM ehcna_requests GROUP BY pupil_id")
        }
        for pupil_id in requested:
            p = pupils.get(pupil_id)
            if p is None:
                continue
            # the request is dated on a school day: the day it was sent, or the last one by today
            request_day = date.fromisoformat(sent[pupil_id]) if pupil_id in sent else today
            request_day = school_day_by(ctx.get("calendar") or NO_CALENDAR, request_day)
            request = _request(p, request_day, who, rng)
            request["now_needed"] = (
                words.ALREADY_FUNDED.replace("{name}", _name(p))
                .replace("{cost}", pounds(funded_cost))
                .replace("{threshold}", pounds(THRESHOLD))
                + request["now_needed"]
            )
            rows["ehcna_drafts"].append(stamped({"id": take("ehcna_drafts"), "pupil_id": pupil_id} | request))
            _funded_support(db, pupil_id, funded_id, today, take, stamp, who, rows, ctx)
            for given_by, relationship in _consenters(db, p, today):
                rows["consents"].append(
                    stamped(
                        {
                            "id": take("consents"),
                            "purpose": "ehcna",
                            "referral_id": None,
                            "pupil_id": pupil_id,
                            "given_by": given_by,
                            "relationship": relationship,
                            "given_on": working_day_by(
                                ctx.get("calendar") or NO_CALENDAR,
                                request_day - timedelta(days=rng.randint(2, 12)),
                            ).isoformat(),
                            "method": "signed",
                            "consent_to_refer": 1,
                            "share_with": json.dumps(
                                [
                                    "Educational psychology",
                                    "Health (designated clinical officer)",
                                    "Social care",
                                    "Speech and language therapy",
                                ]
                            ),
                            "exclusions": "",
                        }
                    )
                )
        for table, table_rows in rows.items():
            bulk.insert_rows(db, table, table_rows)
        counts = {
            "profiles": len(rows["pupil_passports"]),
            "funded allocations": len(rows["allocations"]),
            "requests": len(rows["ehcna_drafts"]),
            "request consents": len(rows["consents"]),
        }
        actor.audit(
            "create",
            "demo",
            None,
            summary="added demo one-page profiles and EHC needs assessment requests",
            changes={k: [None, v] for k, v in counts.items()},
        )
    ctx.setdefault("summary", {}).update(
        {"profiles": counts["profiles"], "ehcna_request_texts": counts["requests"]}
    )
    return counts


def _funded_support(
    db, pupil_id: int, provision_id: int, today: date, take, stamp: str, who: str, rows: dict, ctx: dict
) -> None:
    """The daily lesson support in the pupil's open cycle, from its start, with the sessions a TA
    logs (the English lesson each school day, up to yesterday)."""
    cycle = db.execute(
        "SELECT id, plan_start FROM cycles WHERE pupil_id = ? AND status = 'open'", [pupil_id]
    ).fetchone()
    if cycle is None or not cycle[1]:
        return
    staff = (ctx.get("staff") or [None])[0]
    cal = ctx.get("calendar") or NO_CALENDAR
    allocation_id = take("allocations")
    rows["allocations"].append(
        {
            "id": allocation_id,
            "cycle_id": cycle[0],
            "provision_id": provision_id,
            "staff_user_id": staff,
            "staff_name": "",
            "group_size": None,
            "session_minutes": None,
            "sessions_per_week": None,
            "weeks": None,
            "start_date": cycle[1],
            "end_date": None,
            "created_at": stamp,
            "updated_at": stamp,
            "updated_by": who,
        }
    )
    day = date.fromisoformat(cycle[1])
    while day < today:
        if cal.is_school_day(day):  # one logged a day (a session a day is what the log holds)
            rows["sessions"].append(
                {
                    "id": take("sessions"),
                    "allocation_id": allocation_id,
                    "held_on": day.isoformat(),
                    "minutes": 60,
                    "attended": int(day.weekday() != 4 or day.day % 3 != 0),  # some Fridays missed
                    "staff_user_id": None,
                    "staff_name": "",
                    "note": "",
                    "created_at": stamp,
                    "created_by": who,
                }
            )
        day += timedelta(days=1)


def _pupils(db) -> list[dict]:
    return list(
        db.query(
            "SELECT p.id, p.legal_forename, p.preferred_forename, p.legal_surname, p.dob, p.year_group,"
            " p.eal, p.home_language, p.attendance_pct, p.admission_date, p.primary_need, p.secondary_need,"
            " c.needs_ci, c.needs_cl, c.needs_semh, c.needs_sp,"
            " (SELECT COUNT(*) FROM reviews r JOIN cycles c2 ON c2.id = r.cycle_id"
            " WHERE c2.pupil_id = p.id) AS reviewed,"
            # the newest plan's strategies, which the profile prints after its own
            " (SELECT strategies FROM cycles c4 WHERE c4.pupil_id = p.id"
            " ORDER BY number DESC LIMIT 1) AS strategies"
            " FROM pupils p JOIN cycles c ON c.pupil_id = p.id AND c.number = 1"
            " WHERE p.left_on IS NULL AND p.sen_status IN ('K', 'E') ORDER BY p.id"
        )
    )


def _name(p: dict) -> str:
    return p["preferred_forename"] or p["legal_forename"]


def _areas(p: dict) -> list[str]:
    return areas_of(p["primary_need"], p["secondary_need"], [a for a, c in AREA_COLUMNS.items() if p[c]])


def _passport(p: dict, rng: random.Random) -> dict:
    older = secondary_age(p["year_group"])
    admired = rng.sample(words.ADMIRED_OLDER if older else words.ADMIRED, 2)
    important = rng.sample(words.IMPORTANT + (words.IMPORTANT_OLDER if older else words.IMPORTANT_YOUNG), 3)
    areas = _areas(p)
    plan = (p["strategies"] or "").lower()

    def fresh(lines: tuple[str, ...]) -> list[str]:
        return [
            line for line in lines if not any(k in line.lower() and k in plan for k in words.SAME_STRATEGY)
        ]

    own = fresh(words.SUPPORT_BY_NEED.get(p["primary_need"] or "", words.SUPPORT[areas[0]]))
    support = rng.sample(own, min(3, len(own)))
    if len(areas) > 1:
        other = [line for line in fresh(words.SUPPORT[areas[1]]) if line not in support]
        support += rng.sample(other, min(1, len(other)))
    return {
        "like_and_admire": " ".join(admired),
        "important_to_me": "\n".join(important),
        "how_to_support": "\n".join(support),
    }


def _request(p: dict, request_day: date, who: str, rng: random.Random) -> dict:
    name = _name(p)
    area = _areas(p)[0]
    year = p["year_group"]
    next_year = str(int(year) + 1) if year.isdigit() else "1"
    reviewed = p["reviewed"]
    count = NUMBER_WORDS.get(reviewed, str(reviewed))
    support = (
        "the first cycle of SEN support"
        if not reviewed
        else "one reviewed cycle of SEN support"
        if reviewed == 1
        else f"{count} reviewed cycles of SEN support"
    )

    def fill(text: str) -> str:
        return text.replace("{name}", name).replace("{next}", next_year).replace("{support}", support)

    return {
        "request_kind": "new",
        "request_date": request_day.isoformat(),
        "completed_by": who,
        # as on the pupil's record (demo.roll), so the request and the record agree
        "home_language": p["home_language"],
        "attendance_pct": p["attendance_pct"],
        "now_needed": fill(words.NOW_NEEDED[area]),
        "outcomes_sought": fill(
            words.OUTCOMES_SOUGHT_SECONDARY.get(area, words.OUTCOMES_SOUGHT[area])
            if secondary_age(year)
            else words.OUTCOMES_SOUGHT[area]
        ),
        # no answers to LA profiles' extra questions: the demo school uses the neutral profile,
        # which asks none (an answer to a question the profile does not ask prints under its id)
        "la_answers": "{}",
    }


def _consenters(db, p: dict, today: date) -> list[tuple[str, str]]:
    """Everyone with parental responsibility signs; a young person of 16 or over signs too."""
    people = [
        (r[0], r[1])
        for r in db.execute(
            "SELECT name, relationship FROM contacts WHERE pupil_id = ? AND parental_responsibility = 1"
            " ORDER BY position",
            [p["id"]],
        )
    ]
    if not people:  # a child in care: the local authority's social worker consents
        people = [
            (r[0], r[1])
            for r in db.execute(
                "SELECT name, relationship FROM contacts WHERE pupil_id = ?"
                " ORDER BY relationship = 'Social worker' DESC,"
                " position LIMIT 1",
                [p["id"]],
            )
        ]
    if age_on(date.fromisoformat(p["dob"]), today) >= 16:
        people.append((f"{p['legal_forename']} {p['legal_surname']}", "Young person"))
    return people
