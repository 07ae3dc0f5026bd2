"""Demo step: outside services for pupils on the register. Professionals involved (EP, SALT,
CAMHS, OT, specialist teachers) with their latest report's date and advice; referrals in every
status, each sent one with a dated consent given before it went (and some drafts still waiting
for consent, so the pack's banner shows); the advice each cycle's assessment considered.

Rows obey the services' rules (consent to refer dated on or before the referral for anything
past draft; a report after the involvement starts; nothing dated after today). Bulk inserts
inside the demo's one transaction.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from ..domain.dates import uk
from ..domain.plural import plural
from ..domain.referrals import SERVICES
from ..domain.school_calendar import NO_CALENDAR, SchoolCalendar
from ..services.actor import Actor
from ..store import bulk
from ..store.rows import now_iso
from . import outside_words as words
from .assess_stage import AREA_COLUMNS, areas_of, ehcna_candidates
from .calendar import school_day_by, working_day_by

INVOLVED_SHARE = {"E": 0.95, "K": 0.45}
REFERRED_SHARE = 0.25


def add_outside_services(actor: Actor, rng: random.Random, today: date, ctx: dict) -> dict:
    actor.require("pupil.edit_sen")
    stamp = now_iso()
    who = ctx.get("school", {}).get("senco_name") or actor.user.display_name
    rows: dict[str, list[dict]] = {"involvements": [], "referrals": [], "consents": []}
    with actor.write() as db:
        ids = {t: bulk.next_id(db, t) for t in rows}
        request_pupils = set(ehcna_candidates(db, today, ctx))
        refer_dates = {
            r[0]: r[1]
            for r in db.execute(
                "SELECT c.pupil_id, MAX(r.held_on) FROM reviews r JOIN cycles c ON c.id = r.cycle_id"
                " WHERE r.decision = 'refer' GROUP BY c.pupil_id"
            )
        }
        contacts = _consenters(db)
        history = _history(db)
        everyone = []
        for p in _pupils(db):
            pupil = _Pupil(p, contacts.get(p["id"]), today, ids, rows, stamp, who, rng)
            pupil.cal = ctx.get("calendar") or NO_CALENDAR
            everyone.append(pupil)
            pupil.starts, pupil.results = history.get(p["id"], ([], []))
            # referrals first: a service that has seen the pupil is then not involved twice
            if p["id"] in refer_dates:
                pupil.referral(
                    "ep", date.fromisoformat(refer_dates[p["id"]]) + timedelta(days=rng.randint(3, 20))
                )
            elif rng.random() < REFERRED_SHARE:
                # some still being written or just sent, most further along
                days = rng.randint(1, 20) if rng.random() < 0.4 else rng.randint(21, 300)
                pupil.referral(pupil.service_code(), today - timedelta(days=days))
            if p["id"] in request_pupils:
                pupil.ensure_ep_advice()
            elif rng.random() < INVOLVED_SHARE.get(p["sen_status"], 0):
                for _ in range(rng.randint(1, 2 if p["sen_status"] == "K" else 3)):
                    pupil.involvement()
        _one_of_each_service(everyone, rows["referrals"], rows["consents"], today, rng)
        for table in ("referrals", "consents", "involvements"):
            bulk.insert_rows(db, table, rows[table])
        _outside_advice(db, rows["involvements"])
        counts = {t: len(r) for t, r in rows.items()}
        actor.audit(
            "create",
            "demo",
            None,
            summary="added demo outside involvements, referrals and consents",
            changes={k: [None, v] for k, v in counts.items()},
        )
    ctx.setdefault("summary", {}).update(
        {"referrals": counts["referrals"], "involvements": counts["involvements"]}
    )
    return counts


# The area whose pupils a service is most often asked to see (EP: any area).
SERVICE_AREA = {"salt": "CI", "camhs": "SEMH", "ot": "SP", "sts": "CL", "ep": None}


def _one_of_each_service(
    everyone: list, referrals: list[dict], consents: list[dict], today: date, rng: random.Random
) -> None:
    """Every service has at least one referral sent with consent (each service's pack can be
    tried on the demo), made for a pupil of the service's area not yet referred anywhere; and one
    draft waits for consent."""
    referred = {r["pupil_id"] for r in referrals}
    if not any(r["status"] == "draft" for r in referrals) or all(
        any(c["referral_id"] == r["id"] for c in consents) for r in referrals if r["status"] == "draft"
    ):
        # at least one draft still waits for the parents' consent, so its pack shows the banner
        waiting = [p for p in everyone if p.p["id"] not in referred]
        if waiting:
            pupil = rng.choice(waiting)
            pupil.referral(pupil.service_code(), today - timedelta(days=3), waiting_for_consent=True)
            referred.add(pupil.p["id"])
    for service, area in SERVICE_AREA.items():
        # a service with no referral, or (the EP) none just sent, gets one sent a fortnight ago
        if any(r["service"] == service for r in referrals) and (
            service != "ep" or any(r["status"] == "sent" for r in referrals)
        ):
            continue
        fits = [
            p
            for p in everyone
            if p.p["id"] not in referred
            and (area is None or p.areas[0] == area)
            and (area is None or service in {code for code, _ in p.services(p.areas[0])})
        ]
        if fits:
            pupil = rng.choice(fits)
            pupil.referral(service, today - timedelta(days=rng.randint(15, 20)))
            referred.add(pupil.p["id"])


def _pupils(db) -> list[dict]:
    return list(
        db.query(
            "SELECT p.id, p.sen_status, p.legal_forename, p.preferred_forename, p.legal_surname,"
            " p.year_group, p.eal, p.home_language, p.attendance_pct, p.primary_need, p.secondary_need,"
            " MIN(c.assess_date) AS first_assess, c2.needs_ci, c2.needs_cl,"
            " c2.needs_semh, c2.needs_sp FROM pupils p JOIN cycles c ON c.pupil_id = p.id"
            " JOIN cycles c2 ON c2.pupil_id = p.id AND c2.number = 1"
            " WHERE p.left_on IS NULL AND p.sen_status IN ('K', 'E') GROUP BY p.id ORDER BY p.id"
        )
    )


def _history(db) -> dict[int, tuple[list[str], list[tuple[str, str, str]]]]:
    """Each pupil's cycle start dates and assessment results (taken_on, name, score), in date order."""
    out: dict[int, tuple[list, list]] = {}
    for pupil_id, start in db.execute(
        "SELECT pupil_id, COALESCE(plan_start, assess_date) FROM cycles ORDER BY 2"
    ):
        out.setdefault(pupil_id, ([], []))[0].append(start)
    for pupil_id, taken, name, score in db.execute(
        "SELECT c.pupil_id, a.taken_on, a.name, a.score FROM assessments a JOIN cycles c ON c.id = a.cycle_id"
        " ORDER BY a.taken_on"
    ):
        out.setdefault(pupil_id, ([], []))[1].append((taken, name, score))
    return out


def _consenters(db) -> dict[int, tuple[str, str]]:
    """Who gives consent for each pupil: a contact with parental responsibility, else (a child
    in care) the social worker, else the first contact."""
    out: dict[int, tuple[str, str]] = {}
    for pupil_id, name, relationship, _responsibility in db.execute(
        "SELECT pupil_id, name, relationship, parental_responsibility FROM contacts"
        " ORDER BY pupil_id, parental_responsibility, relationship = 'Social worker', position DESC"
    ):
        out[pupil_id] = (name, relationship)  # the last, best candidate wins
    return out


class _Pupil:
    # the school's calendar: a referral is sent on a school day, a professional works on a weekday
    cal: SchoolCalendar = NO_CALENDAR

    def __init__(
        self, p: dict, consenter, today: date, ids: dict, rows: dict, stamp: str, who: str, rng: random.Random
    ):
        self.p, self.today, self.ids, self.rows, self.stamp, self.who, self.rng = (
            p,
            today,
            ids,
            rows,
            stamp,
            who,
            rng,
        )
        self.name = p["preferred_forename"] or p["legal_forename"]
        self.starts: list[str] = []
        self.reports: dict[str, date] = {}  # each service's latest report for this pupil
        self.referred: set[str] = set()  # services this pupil has been referred to
        self.results: list[tuple[str, str, str]] = []
        self.consenter = consenter or ("", "")
        self.areas = areas_of(
            p["primary_need"], p["secondary_need"], [a for a, c in AREA_COLUMNS.items() if p[c]]
        )
        # outside services come in once the school has a cycle of its own evidence
        self.earliest = (
            date.fromisoformat(p["first_assess"]) if p["first_assess"] else today - timedelta(days=365)
        )

    def _take(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table] - 1

    def _fill(self, text: str, on: date) -> str:
        cycles = max(1, sum(1 for s in self.starts if s <= on.isoformat()))
        latest: dict[str, tuple[str, str]] = {}
        for taken, name, score in self.results:
            if taken <= on.isoformat():
                latest[name.split(" (")[0]] = (taken, score)
        results = (
            "Latest results: " + "; ".join(f"{n} {s} ({uk(t)})" for n, (t, s) in latest.items()) + "."
            if latest
            else "No standardised tests yet: teacher assessment only."
        )
        return (
            text.replace("{name}", self.name)
            .replace("{cycles}", plural(cycles, "cycle"))
            .replace("{results}", results)
            .replace("{attendance}", f"{self.p['attendance_pct']:.1f}")
        )

    def services(self, area: str) -> list[tuple[str | None, str]]:
        """The services a pupil's area (and, for hearing and vision, their need) involves."""
        sensory = words.SENSORY.get(self.p["primary_need"] or "")
        return sensory if sensory and area == self.areas[0] else words.SERVICES_BY_AREA[area]

    def service_code(self) -> str:
        codes = [c for c, _ in self.services(self.areas[0]) if c]
        return self.rng.choice(codes)

    def _stamp(self, values: dict) -> dict:
        return values | {
            "version": 1,
            "created_at": self.stamp,
            "updated_at": self.stamp,
            "updated_by": self.who,
        }

    def involvement(
        self, label: str | None = None, *, started: date | None = None, report_by: date | None = None
    ):
        rng = self.rng
        if label is None:
            label = rng.choice(self.services(self.areas[0] if rng.random() < 0.8 else self.areas[-1]))[1]
            if label in self.reports or label in self.referred:
                return  # one involvement per service, and none while a referral to it is waiting
        latest_start = self.today - timedelta(days=30)
        if started is None:
            if latest_start <= self.earliest:
                return
            started = self.earliest + timedelta(days=rng.randint(0, (latest_start - self.earliest).days))
        started = working_day_by(self.cal, started)
        report = min(
            started + timedelta(days=rng.randint(14, 90)), report_by or self.today - timedelta(days=3)
        )
        report = max(working_day_by(self.cal, report), started)
        ended = report + timedelta(days=rng.randint(20, 200)) if rng.random() < 0.4 else None
        ended = working_day_by(self.cal, ended) if ended else None
        if ended and ended >= self.today:
            ended = None
        self.reports[label] = report
        self.rows["involvements"].append(
            self._stamp(
                {
                    "id": self._take("involvements"),
                    "pupil_id": self.p["id"],
                    "service": label,
                    "professional": rng.choice(words.PROFESSIONALS[label]),
                    "started_on": started.isoformat(),
                    "ended_on": ended.isoformat() if ended else None,
                    "latest_report_on": report.isoformat(),
                    "summary": rng.choice(words.REPORT_SUMMARIES[label]),
                }
            )
        )

    def ensure_ep_advice(self) -> None:
        """A pupil whose EHCNA request the demo writes: EP advice within the last year (LAs ask
        for it) and the service of the pupil's main area."""
        ep = "Educational psychology"
        if self.reports.get(ep, date.min) < self.today - timedelta(days=300):
            self.involvement(
                ep, started=max(self.earliest, self.today - timedelta(days=self.rng.randint(120, 300)))
            )
        others = [label for _, label in self.services(self.areas[0]) if label != ep]
        if others[0] not in self.reports:
            self.involvement(others[0])

    def referral(self, service: str, referred_on: date, *, waiting_for_consent: bool = False) -> None:
        """`waiting_for_consent`: a draft the parents have not yet agreed to (the pack's banner)."""
        rng = self.rng
        referred_on = school_day_by(self.cal, max(referred_on, self.earliest))  # sent on a school day
        if referred_on > self.today:
            return
        age = (self.today - referred_on).days
        status = (
            "draft"
            if waiting_for_consent or (age < 14 and rng.random() < 0.5)
            else "sent"
            if age < 21
            else "accepted"
            if age < 70
            else rng.choices(["seen", "declined", "closed"], weights=(6, 2, 2))[0]
        )
        outcome_day = None
        # the service as this pupil's area knows it (the specialist teachers have a team per area)
        label = next(
            lab for area in [self.areas[0], "CL"] for code, lab in self.services(area) if code == service
        )
        self.referred.add(label)
        if status in ("seen", "closed"):
            started = referred_on + timedelta(days=rng.randint(35, 70))
            if started >= self.today - timedelta(days=5):
                status = "accepted"
            else:
                self.involvement(label, started=started)
                outcome_day = started
                if status == "closed":
                    outcome_day = started + timedelta(days=rng.randint(60, 150))
                    if outcome_day > self.today:
                        status, outcome_day = "seen", started
        if status in ("accepted", "declined"):
            outcome_day = referred_on + timedelta(days=rng.randint(7, 20))
        answers = {k: self._fill(v, referred_on) for k, v in words.ANSWERS[service].items()}
        if service == "ep":
            reason, asks, question = words.EP_REASONS[self.areas[0]]
            answers["question"] = self._fill(question, referred_on)
        elif service == "sts":
            reason, asks, team, threshold = words.STS_REASONS.get(
                self.p["primary_need"] or "", words.STS_REASONS[self.areas[0]]
            )
            answers |= {"team": team, "threshold": self._fill(threshold, referred_on)}
        else:
            reasons = words.REASONS[service]
            reason, asks = reasons[self.p["id"] % len(reasons)]
        if service == "salt":
            language = self.p["home_language"]  # the pupil's record holds it (demo.roll)
            answers["home_languages"] = (
                f"{language} at home." if language != "English" else "English only at home."
            )
        referral_id = self._take("referrals")
        self.rows["referrals"].append(
            self._stamp(
                {
                    "id": referral_id,
                    "pupil_id": self.p["id"],
                    "service": service,
                    "referred_on": referred_on.isoformat(),
                    "reason": self._fill(reason, referred_on),
                    "asks": self._fill(asks, referred_on),
                    "answers": json.dumps(answers),
                    "status": status,
                    "outcome_notes": rng.choice(words.OUTCOME_NOTES[status]).replace("{day}", uk(outcome_day))
                    if status in words.OUTCOME_NOTES
                    else "",
                }
            )
        )
        if service == "camhs" and referred_on - timedelta(days=150) > self.earliest:
            # the CAMHS form says community help came first: the mental health support team
            self.involvement(
                "Mental health support team (MHST)",
                started=referred_on - timedelta(days=150),
                report_by=referred_on - timedelta(days=30),
            )
        if status != "draft" or (not waiting_for_consent and rng.random() < 0.5):  # half the drafts wait
            self._consent(referral_id, referred_on, SERVICES[service])

    def _consent(self, referral_id: int, referred_on: date, service_label: str) -> None:
        rng = self.rng
        given_by, relationship = self.consenter
        if not given_by:
            return
        given = working_day_by(self.cal, min(referred_on - timedelta(days=rng.randint(0, 10)), self.today))
        share = [
            service_label,
            *rng.sample([s for s in words.SHARE_WITH if s != service_label], rng.randint(0, 2)),
        ]
        self.rows["consents"].append(
            self._stamp(
                {
                    "id": self._take("consents"),
                    "purpose": "referral",
                    "referral_id": referral_id,
                    "pupil_id": self.p["id"],
                    "given_by": given_by,
                    "relationship": relationship,
                    "given_on": given.isoformat(),
                    "method": rng.choice(["signed", "signed", "email", "verbal"]),
                    "consent_to_refer": 1,
                    "share_with": json.dumps(share),
                    "exclusions": rng.choice(words.EXCLUSIONS),
                }
            )
        )


def _outside_advice(db, involvements: list[dict]) -> None:
    """Each cycle's assessment considered the latest report written before it."""
    by_pupil: dict[int, list[dict]] = {}
    for i in sorted(involvements, key=lambda i: i["latest_report_on"]):
        by_pupil.setdefault(i["pupil_id"], []).append(i)
    updates = []
    for cycle_id, pupil_id, assess in db.execute(
        "SELECT id, pupil_id, assess_date FROM cycles WHERE assess_date IS NOT NULL"
    ):
        before = [i for i in by_pupil.get(pupil_id, []) if i["latest_report_on"] <= assess]
        if before:
            i = before[-1]
            updates.append(
                (
                    f"{i['service']} report by {i['professional']}, {uk(i['latest_report_on'])}: "
                    f"{i['summary']}",
                    cycle_id,
                )
            )
    db.conn.executemany("UPDATE cycles SET outside_advice = ? WHERE id = ?", updates)
