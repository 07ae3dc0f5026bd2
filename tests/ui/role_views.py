"""A school for the role tests (tests/ui/pupil/test_record_roles.py and
tests/ui/screens/test_screen_roles.py): two pupils on SEN support with a plan, a note, a
referral, an outside involvement and a one-page profile, one of them a teacher's own; and the
main window opened as a role. The fixture that builds it, role_school, is in tests/ui/conftest.py."""

from __future__ import annotations

from datetime import date

from sencodesk.services import concerns, cycles, passports, provision, pupils, referrals
from sencodesk.services.actor import Actor
from sencodesk.ui import roles
from sencodesk.ui.app import build_main_window
from tests.helpers import make_upn
from tests.ui.helpers import pump
from tests.ui.test_accounts_ui import add_account

TODAY = date(2026, 11, 20)
NOTE = "Diagnosed with ADHD by CAMHS in March."


def supported_pupil(
    actor, surname: str, teacher_id: int | None, provision_name: str = "Phonics catch-up"
) -> int:
    """On SEN support with a plan (the teacher named on it when given), the SENCO's note, a
    referral, an outside involvement and the one-page profile's words."""
    pid, _ = pupils.add_pupil(
        actor,
        {
            "upn": make_upn(),
            "legal_surname": surname,
            "legal_forename": "Zed",
            "dob": "03/04/2018",
            "gender": "M",
            "year_group": "3",
            "sen_status": "N",
            "notes": NOTE,
            "contacts": [{"name": "Jo Parent", "relationship": "Mother", "phone": "01234 567890"}],
        },
    )
    concern = concerns.raise_concern(actor, pid, {"raised_on": "01/07/2026", "seen": "x"}, today=TODAY)
    cycle_id = concerns.triage_concern(
        actor,
        concern,
        1,
        {"decision": "sen_support", "start_date": "01/09/2026", "parents_told_on": "01/09/2026"}
        | {"primary_need": "SPLD"},
        today=TODAY,
    )
    item = next(p.id for p in provision.list_provisions(actor) if p.name == provision_name)
    cycles.save_plan(
        actor,
        cycle_id,
        1,
        {
            "plan_start": "07/09/2026",
            "strategies": "Seat near the front.",
            "parents_told_on": "07/09/2026",
            "outcomes": [{"text": "Read 20 common exception words", "measure": "Weekly check"}],
            "allocations": [{"provision_id": item}],
            "staff": [teacher_id] if teacher_id else [],
        },
    )
    referrals.add_referral(
        actor, pid, {"service": "camhs", "referred_on": "20/11/2026", "reason": "Anxiety"}, today=TODAY
    )
    referrals.add_involvement(
        actor, pid, {"service": "ep", "professional": "Dr Jones", "started_on": "01/02/2026"}, today=TODAY
    )
    passports.save_passport(actor, pid, 0, {"important_to_me": "My dog"})
    return pid


def role_school(actor) -> dict:
    """The teacher's account, their pupil ('mine') and another ('other')."""
    teacher = add_account(actor, "tt", "teacher")
    mine = supported_pupil(actor, "Mine", teacher.id)
    other = supported_pupil(actor, "Other", None, "Lego-based therapy")
    return {"actor": actor, "teacher": teacher, "mine": mine, "other": other}


def window_as(school: dict, root, role: str):
    user = school["teacher"] if role == "teacher" else add_account(school["actor"], f"v{role}", role)
    actor = school["actor"]
    window = build_main_window(Actor(db=actor.db, user=user, data_dir=actor.data_dir), root)
    roles.apply_to_main(window)
    pump(root)
    return window
