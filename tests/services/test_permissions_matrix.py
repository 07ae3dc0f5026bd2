"""Every public service function, called by every role, against the permissions matrix.

Functions are discovered with inspect, so a function another branch adds to
sencodesk/services/ fails here until it is declared: in MATRIX (who may call it, and how to
call it for real) or in NOT_ROLE_CHECKED (with the reason it takes no acting person).
Allowed roles must succeed outright; refused roles must get PermissionDenied and write nothing.
The test pupil is never a teacher's own pupil, so pupil-level rights show up as refusals for
the teacher ("their own pupils only").

The field-level half (at the end) reads the real schema and fails on any column that
domain/field_access.py does not declare, then checks as every role that each declared field is
readable and writable exactly as declared, through the real services (the marked school and
its read paths and writers are in field_probes.py).
"""

from __future__ import annotations

import importlib
import inspect
import itertools
import pkgutil
from datetime import date
from pathlib import Path

import pytest

import sencodesk.services as services_pkg
from sencodesk.domain import field_access, passwords
from sencodesk.domain.errors import PermissionDenied
from sencodesk.domain.field_access import is_hidden
from sencodesk.domain.users import ROLES, User
from sencodesk.services.actor import Actor
from sencodesk.store import users as users_store
from tests.helpers import SCHOOL, make_upn, pupil_form
from tests.services import attached_files, field_probes

PASSPHRASE = "a long school passphrase"
ALL = set(ROLES)
SENCO = {"senco"}
_ids = itertools.count(1)

# Functions that take no acting person (they open a school, sign in, or only format values).
NOT_ROLE_CHECKED = {
    "actor.open_school": "opens a school before anyone has signed in",
    "actor.prepare_data_dir": "creates the data folder",
    "actor.settle_interrupted_conversion": "finishes or undoes a crashed encryption's renames before "
    "anyone signs in: no data is read",
    "users.sign_in": "the way in: it checks the password itself",
    "pupils.describe_changes": "formats audit changes into words; no data access",
    "pupils.pupil_form": "turns a Pupil the caller already holds into form strings",
    "sharing.data_folder_status": "asked before opening a school: reads only the lock file",
    "encryption.is_encrypted": "asked before opening a school: is there a key file",
    "encryption.unlock_with_passphrase": "holding the school passphrase is the authority",
    "encryption.reset_passphrase_with_recovery_key": "holding the recovery key is the authority",
    "encryption.available": "is SQLCipher installed: no school data",
    "actor.school_exists": "asked before opening a school: is there a data file",
    "conflicts.stale": "words the stale-save message for a service that has already checked",
    "backup_files.backups_folder": "where backups go, asked before opening a school",
    "backup_files.check_backup": "reads one backup file's header at start-up, before sign-in",
    "backups.daily_backup": "the app's own start-up backup, before anyone has signed in",
    "backup_files.list_backups": "backup file names and dates, at start-up",
    "backups.on_app_start": "the start-up check and daily backup, before sign-in",
    "backups.rotate": "removes old backup files after a backup",
    "backups.startup_check": "checks the data file at start-up, before sign-in",
    "backups.restore_backup": "takes the acting User itself and refuses anyone but the SENCO",
    "backup_files.latest_good": "names the newest sound backup, for a damaged file before sign-in",
    "backup_files.restore_advice": "words what to do about a damaged file, before sign-in",
    "backup_files.missing_data_file": "words the refusal for a plain school whose data file is gone, "
    "before sign-in",
    "restore_access.authorise_restore": "the way in when the file cannot be opened: it checks the "
    "school's secrets in the keys file, and the role in the backup",
    "restore_access.data_file_unusable": "asked before opening a school: is the data file there and sound",
    "actor.computer_user": "the computer account's name, before anyone signs in; reads no data",
    # pure formatting and rules over values the caller already holds (it passed the checks)
    "annual_reviews.blank_invitations": "the standard invitee list",
    "annual_reviews.review_form": "a review the caller holds, as form strings",
    "annual_reviews.reviews_from_rows": "builds reviews from rows the caller read",
    "annual_reviews.to_review": "builds a review from a row the caller read",
    "concerns.to_concern": "builds a concern from a row the caller read",
    "consultations.consultation_form": "a consultation the caller holds, as form strings",
    "consultations.to_consultation": "builds a consultation from a row the caller read",
    "ctf_import.report_lines": "words a result the caller holds",
    "cycles.plan_hints": "wording hints for a form being typed",
    "cycles.to_outcome": "builds an outcome from a row the caller read",
    "ehc_plans.plan_form": "a plan the caller holds, as form strings",
    "ehc_plans.to_plan": "builds a plan from rows the caller read",
    "ehcna_requests.request_form": "a request the caller holds, as form strings",
    "ehcna_requests.to_request": "builds a request from rows the caller read",
    "importing.held_as_form": "a held row as form strings",
    "importing.imports_sen": "what the acting person's own role allows; reads no data",
    "importing.report_csv": "words an import plan the caller holds",
    "importing.report_lines": "words an import plan the caller holds",
    "importing.save_report": "writes the caller's import report (no UPNs) to the file they chose",
    "packs.census_days": "dates of the census days",
    "packs.child_info": "reshapes a Pupil the caller holds",
    "packs.consent_info": "reshapes a consent the caller holds",
    "packs.ehcna_checklist": "checks a model the caller holds",
    "packs.ehcna_findings": "checks a model the caller holds",
    "packs.needs_of": "reshapes a Pupil the caller holds",
    "packs.parents_of": "reshapes a Pupil the caller holds",
    "packs.suggested_filename": "a file name from values the caller holds",
    "packs.vague_wording": "checks the words of a model the caller holds",
    "provision.allocation_cost": "arithmetic on a row the caller read",
    "provision.block_of": "when an allocation row the caller read runs",
    "provision.provision_cost": "arithmetic on a provision the caller holds",
    "provision.provision_form": "a provision the caller holds, as form strings",
    "provision.provision_hints": "wording hints for a form being typed",
    "provision.to_allocation": "builds an allocation from a row the caller read",
    "backups.encryption_key_needed": "asked before opening a school: is there a key file",
    "pack_evidence.score_value": "reads a typed score as a number to chart",
    "transfer.suggested_name": "a file name from values the caller holds",
    "case_sample.suggested_name": "a file name from values the caller holds",
    "audit.shown_entry": "redacts an audit row for a caller whose service has let them read it",
    "attachments.remove_open_copies": "removes the copies this program opened to read; reads no data",
    "parent_copy.parents_of": "reshapes a Pupil the caller holds",
    "parent_copy.help_words": "words an allocation the caller holds",
    "parent_copy.suggested_filename": "a file name from a model the caller holds",
    "support_plan.suggested_name": "a file name from values the caller holds",
}


class World:
    """A school with one account per role and helpers that make fresh targets for each call."""

    def __init__(self, actor: Actor):
        self.senco = actor
        self.users = {role: self.account(role, f"{role}-own") for role in ROLES}

    def account(self, role: str, username: str | None = None) -> User:
        name = username or f"u{next(_ids)}"
        # cheap hash parameters: the matrix makes hundreds of calls
        user_id = users_store.insert(
            self.db,
            {"username": name, "display_name": f"Staff {name}", "role": role},
            passwords.hash_password("old-pass-1", n=2**10),
            "test",
        )
        return User(user_id, name, f"Staff {name}", role)

    @property
    def db(self):
        return self.senco.db  # encrypting the school swaps the SENCO's connection

    def as_role(self, role: str) -> Actor:
        if role == "senco":
            self.senco.user = self.users["senco"]
            return self.senco  # the same Session, so a swapped connection is seen by all
        return Actor(db=self.db, user=self.users[role], data_dir=self.senco.data_dir, key=self.senco.key)

    def encrypted(self) -> str:
        """Encrypt the school (once) and return its passphrase."""
        if self.senco.key is None:
            from sencodesk.services import encryption

            encryption.encrypt_school(self.senco, PASSPHRASE)
        return PASSPHRASE

    def pupil(self, **fields) -> int:
        from sencodesk.services import pupils

        return pupils.add_pupil(self.senco, pupil_form(**fields))[0]

    def leaver(self) -> int:
        from sencodesk.services import pupils

        pupil_id = self.pupil()
        pupils.mark_leaver(self.senco, pupil_id, self.version(pupil_id), "20/07/2026")
        return pupil_id

    def version(self, pupil_id: int) -> int:
        return self.db.execute("SELECT version FROM pupils WHERE id = ?", [pupil_id]).fetchone()[0]

    def upn(self, pupil_id: int) -> str:
        return self.db.execute("SELECT upn FROM pupils WHERE id = ?", [pupil_id]).fetchone()[0]

    def no_accounts(self) -> tuple:
        self.db.execute("DELETE FROM users")
        return (
            SCHOOL,
            {"username": f"s{next(_ids)}", "display_name": "New SENCO", "password": "longenough"},
        ), {}


# --- targets for the later services (each call gets fresh ones, made by the SENCO) ---------

TODAY = date(2026, 11, 29)
SEEN = {"raised_on": "01/07/2026", "areas": ["CL"], "seen": "Struggles to blend sounds"}
PLAN = {
    "needs": [{"text": "Spoken language well below age", "area": "CI"}],
    "outcomes": [{"text": "Will follow two-step instructions in class", "area": "CI"}],
    "provision": [{"text": "Speech and language programme", "detail": "TA, 3 x 20 min weekly"}],
    "named_school": "Oak Tree Primary",
    "plan_date": "10/12/2024",
}
CONSENT = {
    "given_by": "Jo Smith",
    "relationship": "Mother",
    "given_on": "25/11/2026",
    "method": "signed",
    "consent_to_refer": "yes",
    "share_with": ["School nurse"],
}
REFERRAL = {"service": "camhs", "referred_on": "20/11/2026", "reason": "Anxiety", "asks": "Assessment"}
INVOLVEMENT = {"service": "ep", "professional": "Dr Jones", "started_on": "01/02/2026"}
PROSPECTIVE = {
    "child_name": "Zara Quinn",
    "child_dob": "02/02/2019",
    "la_name": "Kent",
    "received_on": "20/11/2026",
}
ROLL_HEAD = "UPN,Legal Surname,Legal Forename,DOB,Gender,Year,Reg Group"
CTF = Path(__file__).parent.parent / "fixtures" / "ctf" / "ctf12_gender.xml"


def _sen(w: World) -> int:
    return w.pupil(sen_status="K", primary_need="SLCN", sen_start_date="01/09/2023")


def _concern(w: World) -> int:
    from sencodesk.services import concerns

    return concerns.raise_concern(w.senco, w.pupil(), SEEN, today=TODAY)


def _cycle(w: World, staff: tuple[int, ...] = ()) -> int:
    """A pupil on SEN support with a plan and one allocation: returns the open cycle's id.
    `staff` named on the cycle make the pupil theirs (a teacher's own pupil)."""
    from sencodesk.services import concerns, cycles, provision

    cycle_id = concerns.triage_concern(
        w.senco,
        _concern(w),
        1,
        {
            "decision": "sen_support",
            "start_date": "01/09/2026",
            "parents_told_on": "01/09/2026",
            "primary_need": "SPLD",
        },
        today=TODAY,
    )
    phonics = next(p.id for p in provision.list_provisions(w.senco) if p.name == "Phonics catch-up")
    cycles.save_plan(
        w.senco,
        cycle_id,
        1,
        {
            "plan_start": "07/09/2026",
            "strategies": "Seat near the front.",
            "parents_told_on": "07/09/2026",
            "outcomes": [{"text": "Read 20 of the Year 1 common exception words", "measure": "Weekly check"}],
            "allocations": [{"provision_id": phonics}],
            "staff": list(staff),
        },
    )
    return cycle_id


def _cycle_pupil(w: World) -> int:
    from sencodesk.services import cycles

    return cycles.get_cycle(w.senco, _cycle(w)).pupil_id


def _got_cycle(w: World):
    from sencodesk.services import cycles

    return cycles.get_cycle(w.senco, _cycle(w))


def _review_form(cycle) -> dict:
    return {"held_on": "19/11/2026", "decision": "continue", "ratings": {o.id: "met" for o in cycle.outcomes}}


def _reviewed_cycle(w: World):
    """A cycle whose review is recorded ('continue'): what a review correction works on."""
    from sencodesk.services import cycles

    c = _got_cycle(w)
    cycles.record_review(w.senco, c.id, c.version, _review_form(c), today=TODAY)
    return c


def _plan(w: World) -> int:
    from sencodesk.services import ehc_plans

    return ehc_plans.issue_plan(w.senco, _sen(w), PLAN)


def _review(w: World) -> int:
    from sencodesk.services import annual_reviews

    return annual_reviews.record_review(w.senco, _plan(w), {"meeting_on": "01/12/2025"})


def _plan_pupil(w: World) -> int:
    """A pupil with a current EHC plan and one annual review recorded."""
    from sencodesk.services import ehc_plans

    return ehc_plans.get_plan(w.senco, _review_plan(w)).pupil_id


def _review_plan(w: World) -> int:
    from sencodesk.services import annual_reviews

    return annual_reviews.get_review(w.senco, _review(w)).plan_id


def _census(w: World):
    from sencodesk.services import census_check

    return census_check.check_register(w.senco)


def _backup(w: World) -> Path:
    from sencodesk.services import backups

    return backups.take_backup(w.senco, _out(w, "backup.db"))


def _request(w: World) -> int:
    from sencodesk.services import ehcna_requests

    return ehcna_requests.record_request(
        w.senco, _sen(w), {"requested_by": "school", "sent_on": "13/01/2025"}
    )


def _exception(w: World) -> tuple:
    from sencodesk.services import ehcna_requests

    request_id = _request(w)
    return (
        request_id,
        ehcna_requests.add_exception(
            w.senco,
            request_id,
            {
                "kind": "school_closed",
                "note": "Summer closure",
                "starts_on": "23/07/2025",
                "ends_on": "02/09/2025",
            },
        ),
    ), {}


def _referral(w: World) -> int:
    from sencodesk.services import referrals

    return referrals.add_referral(w.senco, _sen(w), REFERRAL, today=TODAY)


def _consented_referral(w: World) -> int:
    from sencodesk.services import referrals

    referral_id = _referral(w)
    referrals.record_consent(w.senco, referral_id, CONSENT, today=TODAY)
    return referral_id


def _consultation_reply(w: World) -> tuple:
    from sencodesk.services import consultations

    c = _consultation(w)
    return (
        c.id,
        c.version,
        consultations.consultation_form(c) | {"reply": "can", "sent_on": "25/11/2026"},
    ), {}


def _consultation(w: World):
    from sencodesk.services import consultations

    return consultations.get_consultation(w.senco, consultations.record_consultation(w.senco, PROSPECTIVE))


def _provision(w: World):
    from sencodesk.services import provision

    return provision.list_provisions(w.senco)[0]


def _old_leaver(w: World) -> tuple:
    return (w.leaver(),), {"today": date(2100, 1, 1)}


def _roll(w: World) -> Path:

    path = w.senco.data_dir.parent / f"roll{next(_ids)}.csv"
    path.write_text(f"{ROLL_HEAD}\n{make_upn()},Smith,Amy,03/04/2018,F,Y4,4B\n", encoding="utf-8")
    return path


def _parsed_roll(w: World):
    from sencodesk.services import importing

    return importing.open_roll(w.senco, _roll(w)).roll


def _term(w: World) -> int:
    from sencodesk.services import calendar

    return calendar.add_term(w.senco, {"starts_on": "04/01/2032", "ends_on": "12/02/2032", "kind": "spring"})


def _marked_day(w: World) -> str:
    from sencodesk.services import calendar

    calendar.mark_day(w.senco, {"day": "01/09/2032", "kind": "inset"})
    return "01/09/2032"


def _out(w: World, name: str) -> Path:
    return w.senco.data_dir.parent / f"out{next(_ids)}-{name}"


def _edited(w: World):
    from sencodesk.services import pupils

    pid = w.pupil()
    # SEN status left blank ("unchanged"), as a form that never showed it (the office's) sends it
    form = pupils.pupil_form(pupils.get_pupil(w.senco, pid)) | {"class_name": "4Z", "sen_status": ""}
    return (pid, w.version(pid), form), {}


def _sen_pupil(w: World):
    return (w.pupil(sen_status="K", primary_need="SPLD", sen_start_date="01/09/2025"),), {}


# function -> (roles allowed, a call recipe returning (args, kwargs) after the session)
MATRIX = {
    "audit.audit_trail": ({"senco", "head"}, lambda w: ((), {"upn": w.upn(w.pupil()), "export": True})),
    "audit.pupil_names": ({"senco", "head"}, lambda w: (({w.pupil()},), {})),
    "audit.pupil_history": ({"senco", "head"}, lambda w: ((w.pupil(),), {})),
    "encryption.change_passphrase": (SENCO, lambda w: ((w.encrypted(), PASSPHRASE), {})),
    "encryption.encrypt_school": (SENCO, lambda w: ((PASSPHRASE,), {})),
    "encryption.rekey_database": (SENCO, lambda w: ((w.encrypted(),), {})),
    "encryption.replace_recovery_key": (SENCO, lambda w: (w.encrypted() and (), {})),
    "pupils.add_pupil": ({"senco", "office"}, lambda w: ((pupil_form(),), {})),
    "pupils.change_sen_status": (SENCO, lambda w: ((w.pupil(), "K", "01/10/2025"), {"primary_need": "MLD"})),
    "pupils.find_pupil_by_upn": ({"senco", "head", "office"}, lambda w: ((w.upn(w.pupil()),), {})),
    "pupils.get_pupil": ({"senco", "head", "office"}, lambda w: _sen_pupil(w)),
    "pupils.list_register": (ALL, lambda w: ((), {})),
    "pupils.mark_leaver": (SENCO, lambda w: ((p := w.pupil(), w.version(p), "20/07/2026"), {})),
    "pupils.register_counts": (ALL, lambda w: ((), {})),
    "pupils.reinstate_pupil": (SENCO, lambda w: ((p := w.leaver(), w.version(p)), {})),
    "pupils.update_pupil": ({"senco", "office"}, _edited),
    "calendar.school_calendar": (ALL, lambda w: ((), {})),
    "census_check.census_flags": ({"senco", "head"}, lambda w: ((_sen(w),), {})),
    "census_check.set_census_flags": (SENCO, lambda w: ((_sen(w), {"sen_unit": "no"}), {})),
    "census_check.record_indicators_no": (SENCO, lambda w: (_sen(w) and (), {})),
    "calendar.approximate_note": (ALL, lambda w: ((TODAY,), {})),
    "calendar.date_warning": (ALL, lambda w: (("06/09/2026", "The meeting"), {})),
    "calendar.calendar_view": (ALL, lambda w: ((), {"today": TODAY})),
    "calendar.add_term": (
        SENCO,
        lambda w: (({"starts_on": "02/09/2030", "ends_on": "23/10/2030", "kind": "autumn"},), {}),
    ),
    "calendar.delete_term": (SENCO, lambda w: ((_term(w),), {})),
    "calendar.mark_day": (
        SENCO,
        lambda w: (({"day": "05/10/2026", "kind": "closure", "note": "Boiler"},), {}),
    ),
    "calendar.unmark_day": (SENCO, lambda w: ((_marked_day(w), "inset"), {})),
    "calendar.import_calendar_csv": (
        SENCO,
        lambda w: (("start,end,kind\n02/09/2031,24/10/2031,autumn\n",), {"is_text": True}),
    ),
    "settings.get_settings": (ALL, lambda w: ((), {})),
    "settings.is_set_up": (ALL, lambda w: ((), {})),
    # display preferences (theme, text size) are not records: anyone may change how it looks
    "settings.save_preferences": (ALL, lambda w: ((), {"theme": "dark"})),
    "settings.save_school": (SENCO, lambda w: ((SCHOOL | {"urn": "654321"},), {})),
    # a dialog's size, as its person left it: how it looks, like the theme
    "settings.dialog_size": (ALL, lambda w: (("ReviewDialog",), {})),
    "settings.remember_dialog_size": (ALL, lambda w: (("ReviewDialog", 700, 500), {})),
    "settings.school_title": (ALL, lambda w: ((), {})),
    "users.change_own_password": (ALL, lambda w: (("old-pass-1", f"new-pass-{next(_ids)}"), {})),
    "users.create_user": (
        SENCO,
        lambda w: (
            (
                {
                    "username": f"n{next(_ids)}",
                    "display_name": "N",
                    "role": "teacher",
                    "password": "longenough",
                },
            ),
            {},
        ),
    ),
    "users.disable_user": (SENCO, lambda w: ((w.account("teacher").username,), {})),
    "users.enable_user": (SENCO, lambda w: ((w.account("teacher").username,), {})),
    "users.has_accounts": (ALL, lambda w: ((), {})),
    "users.list_users": (SENCO, lambda w: ((), {})),
    "users.must_change_password": (ALL, lambda w: ((), {})),
    "users.reset_password": (SENCO, lambda w: ((w.account("office").username, "reset-pass-1"), {})),
    "users.set_active": (SENCO, lambda w: ((w.account("head").username, False), {})),
    "users.set_up_school": (SENCO, lambda w: w.no_accounts()),
    "users.idle_minutes": (ALL, lambda w: ((), {})),
    "users.save_idle_minutes": (SENCO, lambda w: (("15",), {})),
    # unlocking after the idle lock: each person proves who they are with their own password
    "users.confirm_password": (ALL, lambda w: (("old-pass-1",), {})),
    # anyone may ask; only the SENCO is told (failed sign-ins since their last), others get None
    "users.sign_in_notice": (ALL, lambda w: ((), {})),
}
READERS = {"senco", "head"}  # pupil-level SEN reads: the teacher is refused (not their pupil)
STAFF = {"senco", "teacher", "head"}  # whole-school reads (a teacher's lists are filtered to their pupils)
MATRIX |= {
    "annual_reviews.get_review": (READERS, lambda w: ((_review(w),), {})),
    "annual_reviews.next_review_due": (READERS, lambda w: ((_sen(w),), {})),
    "annual_reviews.record_review": (SENCO, lambda w: ((_plan(w), {"meeting_on": "01/12/2025"}), {})),
    "annual_reviews.review_flags": (READERS, lambda w: ((_sen(w),), {"today": TODAY})),
    "annual_reviews.reviews_for_plan": (READERS, lambda w: ((_plan(w),), {})),
    "annual_reviews.save_transfer_years": (SENCO, lambda w: ((["6", "9", "11"],), {})),
    "annual_reviews.transfer_years": (ALL, lambda w: ((), {})),
    "annual_reviews.update_review": (
        SENCO,
        lambda w: ((_review(w), 1, {"meeting_on": "01/12/2025", "report_sent_on": "10/12/2025"}), {}),
    ),
    "backups.backup_before": ({"senco", "office"}, lambda w: (("before-import",), {})),
    "backups.set_backup_folder": (SENCO, lambda w: ((str(_out(w, "backups")),), {})),
    "backups.take_backup": (SENCO, lambda w: ((), {})),
    "census_check.check_register": ({"senco", "head"}, lambda w: ((), {})),
    "concerns.get_concern": ({"senco", "head"}, lambda w: ((_concern(w),), {})),
    "concerns.list_concerns": ({"senco", "head"}, lambda w: ((), {"today": TODAY})),
    "concerns.pupil_concerns": (READERS, lambda w: ((w.pupil(),), {})),
    # any member of staff may raise a concern about any pupil
    "concerns.raise_concern": ({"senco", "teacher"}, lambda w: ((w.pupil(), SEEN), {"today": TODAY})),
    "concerns.triage_concern": (
        SENCO,
        lambda w: ((_concern(w), 1, {"decision": "monitor", "look_again": "01/02/2027"}), {"today": TODAY}),
    ),
    "consultations.get_consultation": (SENCO, lambda w: ((_consultation(w).id,), {})),
    "consultations.list_consultations": (STAFF, lambda w: ((), {})),
    "consultations.record_consultation": (SENCO, lambda w: ((PROSPECTIVE,), {})),
    "consultations.update_consultation": (SENCO, lambda w: _consultation_reply(w)),
    "ctf_import.import_ctf": (SENCO, lambda w: ((CTF,), {"today": TODAY})),
    "ctf_import.read_ctf_file": ({"senco", "office"}, lambda w: ((CTF,), {})),
    "cycles.allocation_sessions": (READERS, lambda w: ((_got_cycle(w).allocations[0].id,), {})),
    "cycles.get_cycle": (READERS, lambda w: ((_cycle(w),), {"today": TODAY})),
    "cycles.log_sessions": (
        {"senco"},
        lambda w: (("08/09/2026", [{"allocation_id": _got_cycle(w).allocations[0].id}]), {"today": TODAY}),
    ),
    "cycles.loggable_allocations": ({"senco", "teacher"}, lambda w: ((), {})),
    "cycle_start.open_new_cycle": (SENCO, lambda w: ((w.pupil(),), {})),
    "cycles.pupil_record": (READERS, lambda w: ((_cycle(w),), {"today": TODAY})),
    "cycles.support_glance": (READERS, lambda w: ((_cycle(w),), {"today": TODAY})),
    "cycles.record_review": (
        SENCO,
        lambda w: ((c := _got_cycle(w)).id and (c.id, c.version, _review_form(c)), {"today": TODAY}),
    ),
    "cycles.save_assess": (
        SENCO,
        lambda w: ((c := _got_cycle(w)).id and (c.id, c.version, {"assessed_on": "05/09/2026"}), {}),
    ),
    "cycles.save_plan": (
        SENCO,
        lambda w: (
            (c := _got_cycle(w)).id
            and (
                c.id,
                c.version,
                {
                    "plan_start": "07/09/2026",
                    "strategies": "Pre-teach vocabulary.",
                    "parents_told_on": "07/09/2026",
                    "outcomes": [{"id": o.id, "text": o.text, "measure": o.measure} for o in c.outcomes],
                    "allocations": [{"id": a.id, "provision_id": a.provision_id} for a in c.allocations],
                    "staff": [],
                },
            ),
            {},
        ),
    ),
    "cycles.staff_choices": (STAFF, lambda w: ((), {})),
    "cycles.start_cycle": (SENCO, lambda w: ((_sen(w),), {})),
    "dashboard.dashboard": (STAFF, lambda w: ((), {"today": TODAY})),
    "dashboard.my_pupils": (STAFF, lambda w: ((), {"today": TODAY})),
    "dashboard.reviews_due": (STAFF, lambda w: ((), {"today": TODAY})),
    "deadlines.all_statutory_dates": (STAFF, lambda w: ((), {"today": TODAY})),
    "deadlines.deadline_counts": (STAFF, lambda w: ((), {"today": TODAY})),
    "deadlines.deadlines": (STAFF, lambda w: ((), {"today": TODAY})),
    # initials only for anyone who sees statutory dates; full names need the packs permission
    "deadlines.export_ics": (STAFF, lambda w: ((_out(w, "dates.ics"),), {"today": TODAY})),
    "deadlines.pupil_statutory_dates": (READERS, lambda w: ((_sen(w),), {"today": TODAY})),
    "ehc_plans.cease_plan": (SENCO, lambda w: ((_plan(w), 1, "01/10/2026"), {"reason": "Needs met"})),
    "ehc_plans.current_plan": (READERS, lambda w: ((_sen(w),), {})),
    "ehc_plans.get_plan": (READERS, lambda w: ((_plan(w),), {})),
    "ehc_plans.issue_plan": (SENCO, lambda w: ((_sen(w), PLAN), {})),
    "ehc_plans.plan_outcomes": (READERS, lambda w: ((_sen(w),), {})),
    "ehc_plans.plan_provision": (READERS, lambda w: ((_sen(w),), {})),
    "ehc_plans.plans_for_pupil": (READERS, lambda w: ((_sen(w),), {})),
    "ehc_plans.update_plan": (SENCO, lambda w: ((_plan(w), 1, PLAN | {"section_a": "Likes trains"}), {})),
    "ehcna_requests.add_exception": (
        SENCO,
        lambda w: (
            (
                _request(w),
                {
                    "kind": "school_closed",
                    "note": "Closure",
                    "starts_on": "23/07/2025",
                    "ends_on": "02/09/2025",
                },
            ),
            {},
        ),
    ),
    "ehcna_requests.get_request": (READERS, lambda w: ((_request(w),), {})),
    "ehcna_requests.record_request": (
        SENCO,
        lambda w: ((_sen(w), {"requested_by": "parent", "sent_on": "13/01/2025"}), {}),
    ),
    "ehcna_requests.remove_exception": (SENCO, _exception),
    "ehcna_requests.requests_for_pupil": (READERS, lambda w: ((_sen(w),), {})),
    "ehcna_requests.update_request": (
        SENCO,
        lambda w: (
            (_request(w), 1, {"requested_by": "school", "sent_on": "13/01/2025", "notes": "chased"}),
            {},
        ),
    ),
    "importing.apply_import": ({"senco", "office"}, lambda w: ((_parsed_roll(w),), {"today": TODAY})),
    "importing.import_roll_file": (
        {"senco", "office"},
        lambda w: ((_roll(w),), {"dry_run": True, "today": TODAY}),
    ),
    "importing.open_roll": ({"senco", "office"}, lambda w: ((_roll(w),), {})),
    "importing.plan_import": ({"senco", "office"}, lambda w: ((_parsed_roll(w),), {"today": TODAY})),
    "la_profiles.choose_profile": (SENCO, lambda w: (("default",), {})),
    "la_profiles.load_profiles": (ALL, lambda w: ((), {})),
    "la_profiles.school_profile": (ALL, lambda w: ((), {})),
    "leavers.delete_pupil_for_good": (SENCO, _old_leaver),
    "leavers.leavers_awaiting_pack": (ALL, lambda w: ((), {"today": TODAY})),
    "leavers.mark_pack_sent": (
        SENCO,
        lambda w: ((w.leaver(), "21/07/2026", "Oak Academy"), {"today": TODAY}),
    ),
    "leavers.retention_date_of": ({"senco", "head", "office"}, lambda w: ((w.leaver(),), {})),
    "leavers.retention_due": (SENCO, lambda w: ((), {"today": TODAY})),
    "leavers.retention_years": (ALL, lambda w: ((), {})),
    "leavers.set_retention_date": (SENCO, lambda w: ((w.leaver(), "01/01/2060"), {})),
    "leavers.set_retention_years": (SENCO, lambda w: ((30,), {})),
    "packs.ehcna_model": ({"senco", "head"}, lambda w: ((_sen(w),), {"today": TODAY})),
    "packs.export_ehcna": ({"senco", "head"}, lambda w: ((_sen(w), _out(w, "e.pdf")), {"today": TODAY})),
    "packs.export_profile": (READERS, lambda w: ((_sen(w), _out(w, "p.pdf")), {"today": TODAY})),
    "packs.export_referral": (
        {"senco", "head"},
        lambda w: ((_referral(w), _out(w, "r.pdf")), {"today": TODAY}),
    ),
    "packs.export_summary": ({"senco", "head"}, lambda w: ((_out(w, "s.pdf"),), {"today": TODAY})),
    "packs.graduated_evidence": (READERS, lambda w: ((_sen(w),), {})),
    "packs.involvements_of": (READERS, lambda w: ((_sen(w),), {})),
    "packs.profile_model": (READERS, lambda w: ((_sen(w),), {"today": TODAY})),
    "packs.referral_model": ({"senco", "head"}, lambda w: ((_referral(w),), {"today": TODAY})),
    "packs.school_info": (ALL, lambda w: ((), {})),
    "packs.summary_model": ({"senco", "head"}, lambda w: ((), {"today": TODAY})),
    "passports.get_passport": (READERS, lambda w: ((_sen(w),), {})),
    "passports.save_passport": (SENCO, lambda w: ((_sen(w), 0, {"important_to_me": "My dog"}), {})),
    "provision.get_costing": (ALL, lambda w: ((), {})),
    "provision.get_provision": (STAFF, lambda w: ((_provision(w).id,), {})),
    "provision.list_provisions": (STAFF, lambda w: ((), {})),
    "provision.pupil_provision_map": (READERS, lambda w: ((_sen(w),), {"today": TODAY})),
    "provision.save_costing": (
        SENCO,
        lambda w: (
            (
                {
                    "rate_teacher": "36",
                    "rate_hlta": "22",
                    "rate_ta": "20",
                    "rate_external": "60",
                    "weeks_per_year": "38",
                    "threshold": "5000",
                },
            ),
            {},
        ),
    ),
    "provision.save_provision": (
        SENCO,
        lambda w: (
            (
                None,
                None,
                {
                    "name": f"Nurture group {next(_ids)}",
                    "area": "SEMH",
                    "group_size": "8",
                    "session_minutes": "60",
                    "sessions_per_week": "2",
                    "weeks": "12",
                    "staff_role": "hlta",
                },
            ),
            {},
        ),
    ),
    "provision.school_provision_map": (STAFF, lambda w: ((), {"today": TODAY})),
    "provision.set_provision_active": (
        SENCO,
        lambda w: ((p := _provision(w)).id and (p.id, p.version, p.active), {}),
    ),
    "provision.year_spend": (STAFF, lambda w: ((), {"today": TODAY})),
    "provision.planned_and_delivered": ({"senco", "head"}, lambda w: ((), {"today": TODAY})),
    "pupils.add_pupils": ({"senco", "office"}, lambda w: (([pupil_form()],), {})),
    "referrals.add_involvement": (SENCO, lambda w: ((_sen(w), INVOLVEMENT), {"today": TODAY})),
    "referrals.add_referral": (SENCO, lambda w: ((_sen(w), REFERRAL), {"today": TODAY})),
    "referrals.ehcna_consents": (READERS, lambda w: ((_sen(w),), {})),
    "referrals.get_ehcna_draft": (READERS, lambda w: ((_sen(w),), {})),
    "referrals.get_referral": (READERS, lambda w: ((_referral(w),), {})),
    "referrals.involvements_for_pupil": (READERS, lambda w: ((_sen(w),), {})),
    "referrals.latest_referral": (
        READERS,
        lambda w: (
            (
                __import__("sencodesk.services.referrals", fromlist=["x"])
                .get_referral(w.senco, _referral(w))
                .pupil_id,
                "camhs",
            ),
            {},
        ),
    ),
    "referrals.record_consent": (SENCO, lambda w: ((_referral(w), CONSENT), {"today": TODAY})),
    "referrals.record_ehcna_consent": (SENCO, lambda w: ((_sen(w), CONSENT), {"today": TODAY})),
    "referrals.referrals_for_pupil": (READERS, lambda w: ((_sen(w),), {})),
    "referrals.save_ehcna_draft": (
        SENCO,
        lambda w: ((_sen(w), 0, {"request_kind": "new", "request_date": "20/11/2026"}), {"today": TODAY}),
    ),
    "referrals.set_referral_status": (SENCO, lambda w: ((_consented_referral(w), 1, "sent"), {})),
    "referrals.update_involvement": (
        SENCO,
        lambda w: (
            (
                __import__("sencodesk.services.referrals", fromlist=["x"]).add_involvement(
                    w.senco, _sen(w), INVOLVEMENT, today=TODAY
                ),
                1,
                INVOLVEMENT | {"summary": "Report sent"},
            ),
            {"today": TODAY},
        ),
    ),
    "referrals.update_referral": (
        SENCO,
        lambda w: ((_referral(w), 1, REFERRAL | {"asks": "Assessment and advice"}), {"today": TODAY}),
    ),
    "review_edits.edit_review": (
        SENCO,
        lambda w: (
            (c := _reviewed_cycle(w)).id
            and (c.id, 1, _review_form(c) | {"pupil_views": "I like the reading group"}),
            {"today": TODAY},
        ),
    ),
    "subject_access.export_subject_access": (
        SENCO,
        lambda w: ((w.pupil(), _out(w, "sar")), {"today": TODAY}),
    ),
    "subject_access.subject_access_data": (SENCO, lambda w: ((w.pupil(),), {})),
}
MATRIX |= {
    # the annual review report is a pack: export.packs, and the right to read the statutory record
    "annual_review_pack.annual_review_filename": (
        {"senco", "head"},
        lambda w: ((_plan_pupil(w),), {"today": TODAY}),
    ),
    "annual_review_pack.annual_review_model": (
        {"senco", "head"},
        lambda w: ((_plan_pupil(w),), {"today": TODAY}),
    ),
    "annual_review_pack.export_annual_review": (
        {"senco", "head"},
        lambda w: ((_plan_pupil(w), _out(w, "ar.pdf")), {"today": TODAY}),
    ),
    # the printed census check names pupils (UPNs for UPN rules): who may run the check
    # as the census screen calls it, with the report it already holds (so no check_register inside)
    "census_print.census_print_model": (
        {"senco", "head"},
        lambda w: ((), {"report": _census(w), "today": TODAY}),
    ),
    "census_print.export_census_check": (
        {"senco", "head"},
        lambda w: ((_out(w, "census.pdf"),), {"today": TODAY}),
    ),
    # whoever may raise a concern picks from the whole roll (names and classes only)
    "concerns.concern_pupils": ({"senco", "teacher"}, lambda w: ((), {})),
    "live_restore.restore_while_open": (SENCO, lambda w: ((_backup(w),), {})),
    "pack_evidence.graduated_evidence": (READERS, lambda w: ((_cycle_pupil(w),), {"today": TODAY})),
    "pack_evidence.provision_maps": (READERS, lambda w: ((_cycle_pupil(w),), {"today": TODAY})),
    "pack_settings.get_pack_settings": (ALL, lambda w: ((), {})),
    "pack_settings.save_pack_settings": (
        SENCO,
        lambda w: (({"senco_contact": f"01234 {next(_ids)}", "head_name": "Mrs Head"},), {}),
    ),
    "packs.provision_spend": (STAFF, lambda w: (("2026-09-01", "2027-08-31"), {})),
    "plan_links.get_review_report": (READERS, lambda w: ((_review(w),), {})),
    "plan_links.plan_outcome_evidence": (READERS, lambda w: ((_plan_pupil(w),), {})),
    "plan_links.save_review_report": (
        SENCO,
        lambda w: ((_review(w), 0, {"progress_summary": "Good progress"}), {}),
    ),
    "subject_access_pack.export_everything": (
        SENCO,
        lambda w: ((w.pupil(), _out(w, "sar-all")), {"today": TODAY}),
    ),
    "transfer.export_transfer_pack": (
        {"senco", "head"},
        lambda w: ((w.leaver(), _out(w, "t.pdf")), {"today": TODAY}),
    ),
    "transfer.transfer_model": ({"senco", "head"}, lambda w: ((w.leaver(),), {"today": TODAY})),
    # the inclusion case sample: whoever reads the cycles; a teacher for their own pupils only
    # (their pack without referrals, their list filtered: test_case_sample.py), the office never
    "case_sample.case_sample_model": (READERS, lambda w: ((_cycle_pupil(w),), {"today": TODAY})),
    "case_sample.export_case_sample": (
        READERS,
        lambda w: ((_cycle_pupil(w), _out(w, "case.pdf")), {"today": TODAY}),
    ),
    "case_sample.school_gaps": (STAFF, lambda w: ((), {"today": TODAY})),
}


# --- the inclusion strategy: the SENCO and the head write, export and publish it ---------------
WRITERS = {"senco", "head"}


def _strategy(w: World, year: str = "2026/27") -> tuple[str, int]:
    """A saved strategy for `year`: (year, its current version)."""
    from sencodesk.services import inclusion_strategy

    s = inclusion_strategy.get_strategy(w.senco, year)
    if s.version == 0:
        s = inclusion_strategy.save_strategy(w.senco, year, 0, {"words": {"about": "Ours."}})
    return year, s.version


def _fresh_year() -> str:
    """A school year nobody has written yet (each call its own)."""
    start = 2040 + next(_ids) % 59
    return f"{start}/{(start + 1) % 100:02d}"


MATRIX |= {
    "inclusion_strategy.carry_forward": (WRITERS, lambda w: (_strategy(w) and (_fresh_year(),), {})),
    "inclusion_strategy.export_strategy": (
        WRITERS,
        lambda w: ((_out(w, "strategy.docx"),), {"today": TODAY}),
    ),
    "inclusion_strategy.get_budgets": (WRITERS, lambda w: ((), {})),
    "inclusion_strategy.get_strategy": (WRITERS, lambda w: ((), {"today": TODAY})),
    "inclusion_strategy.mark_published": (
        WRITERS,
        lambda w: ((*_strategy(w), {"published_on": "28/11/2026", "published_url": "https://a.sch.uk"}), {}),
    ),
    "inclusion_strategy.save_budgets": (WRITERS, lambda w: (("2026/27", {"imf": str(next(_ids))}), {})),
    "inclusion_strategy.save_strategy": (
        WRITERS,
        lambda w: ((*_strategy(w), {"words": {"about": f"Version {next(_ids)}"}}), {}),
    ),
    "inclusion_strategy.strategy_deadlines": (STAFF, lambda w: ((), {"today": TODAY})),
    "inclusion_strategy.strategy_model": (WRITERS, lambda w: ((), {"today": TODAY})),
    "inclusion_strategy.strategy_years": (WRITERS, lambda w: ((), {})),
    "inclusion_strategy.suggested_filename": (WRITERS, lambda w: (("2026/27", ".pdf"), {})),
}


# --- requests for staff observations: the SENCO asks, the staff asked answer ------------------
ASK = {"purpose": "ehcna", "due_on": "10/12/2026", "questions": ["What do you see in lessons?"]}


def _staff_request(w: World) -> int:
    """A request about a new pupil, sent to the teacher whose role is being tried."""
    from sencodesk.services import staff_requests

    form = ASK | {"recipients": [w.users["teacher"].id]}
    return staff_requests.send_request(w.senco, w.pupil(), form, today=TODAY)


def _asked_teacher(w: World) -> int:
    """The teacher's part of a fresh request (what they answer or decline)."""
    request_id = _staff_request(w)
    return w.db.execute(
        "SELECT id FROM staff_request_recipients WHERE request_id = ?", [request_id]
    ).fetchone()[0]


TEACHER = {"teacher"}  # only the member of staff a request names answers it (not the SENCO)
MATRIX |= {
    "staff_requests.recipient_choices": (SENCO, lambda w: ((w.pupil(),), {})),
    "staff_requests.new_request_form": (SENCO, lambda w: ((w.pupil(),), {"today": TODAY})),
    "staff_requests.send_request": (
        SENCO,
        lambda w: ((w.pupil(), ASK | {"recipients": [w.users["teacher"].id]}), {"today": TODAY}),
    ),
    "staff_requests.withdraw_request": (SENCO, lambda w: ((_staff_request(w), 1), {"today": TODAY})),
    "staff_requests.requests_for_pupil": (READERS, lambda w: ((w.pupil(),), {})),
    "staff_requests.awaited_requests": (READERS, lambda w: ((), {})),
    "staff_requests.observations_for_pupil": (READERS, lambda w: ((w.pupil(),), {})),
    "staff_requests.my_requests": (TEACHER, lambda w: ((), {})),
    "staff_requests.request_for_me": (TEACHER, lambda w: ((_asked_teacher(w),), {})),
    "staff_requests.answer_request": (
        TEACHER,
        lambda w: ((_asked_teacher(w), 1, {"subject": "Maths", "answers": ["Works hard"]}), {"today": TODAY}),
    ),
    "staff_requests.decline_request": (
        TEACHER,
        lambda w: ((_asked_teacher(w), 1, "I do not teach this pupil."), {"today": TODAY}),
    ),
}


# --- documents on the record: the SENCO adds them; SEN readers read them (row rule aside) --------


def _doc(w: World) -> Path:
    return attached_files.put(
        w.senco.data_dir.parent / "docs", f"report{next(_ids)}.pdf", attached_files.pdf()
    )


def _attachment(w: World, pupil_id: int | None = None, visibility: str = "teachers") -> int:
    from sencodesk.services import attachments

    details = attached_files.DETAILS | {"visibility": visibility}
    return attachments.add_attachment(w.senco, pupil_id or _sen(w), _doc(w), details, today=TODAY)


def _pupil_attachment(w: World) -> tuple:
    from sencodesk.services import attachments

    attachment_id = _attachment(w)
    return (attachments.get_attachment(w.senco, attachment_id).pupil_id, [attachment_id]), {}


MATRIX |= {
    "attachments.add_attachment": (
        SENCO,
        lambda w: ((_sen(w), _doc(w), attached_files.DETAILS), {"today": TODAY}),
    ),
    "attachments.attachment_bytes": (READERS, lambda w: ((_attachment(w),), {})),
    "attachments.check_file": (SENCO, lambda w: ((_sen(w), _doc(w)), {})),
    "attachments.chosen_attachments": (READERS, _pupil_attachment),
    "attachments.get_attachment": (READERS, lambda w: ((_attachment(w),), {})),
    "attachments.list_attachments": (READERS, lambda w: ((_sen(w),), {})),
    "attachments.open_copy": (READERS, lambda w: ((_attachment(w),), {})),
    "attachments.remove_attachment": (SENCO, lambda w: ((_attachment(w), 1), {})),
    "attachments.replace_file": (SENCO, lambda w: ((_attachment(w), 1, _doc(w)), {})),
    "attachments.save_copy": (READERS, lambda w: ((_attachment(w), _out(w, "copy.pdf")), {})),
    "attachments.update_attachment": (
        SENCO,
        lambda w: (
            (_attachment(w), 1, attached_files.DETAILS | {"title": "EP report (final)"}),
            {"today": TODAY},
        ),
    ),
}


# --- parents as partners and the support plan's export (issue 17) -----------------------------


def _meeting(w: World) -> tuple[int, int]:
    """A meeting with a pupil's parents, recorded by the SENCO: (its id, its version)."""
    from sencodesk.services import parent_meetings

    pupil_id = _sen(w)
    return parent_meetings.record_meeting(w.senco, pupil_id, MEETING, today=TODAY), 1


MEETING = {"held_on": "03/11/2026", "attendees": "Mrs Smith (mother), Miss Patel", "agreed": "Read at home"}
INVITE = {"meeting": "review", "meeting_date": "10/12/2026", "meeting_time": "3.30pm", "place": "the library"}
MATRIX |= {
    "parent_meetings.pupil_meetings": (READERS, lambda w: ((_sen(w),), {"today": TODAY})),
    "parent_meetings.record_meeting": (SENCO, lambda w: ((_sen(w), MEETING), {"today": TODAY})),
    "parent_meetings.update_meeting": (
        SENCO,
        lambda w: ((*_meeting(w), MEETING | {"agreed": "Read every day"}), {"today": TODAY}),
    ),
    "parent_meetings.delete_meeting": (SENCO, lambda w: (_meeting(w), {})),
    "parent_meetings.meetings_short": (STAFF, lambda w: ((), {"today": TODAY})),
    "parent_meetings.meeting_deadlines": (STAFF, lambda w: ((), {"today": TODAY})),
    "support_layers.support_layers": (ALL, lambda w: ((), {})),
    "support_layers.layer_counts": (SENCO, lambda w: ((), {})),
    "support_layers.save_support_layers": (
        SENCO,
        lambda w: ((["Universal", "Targeted", "Targeted plus", "Specialist", f"Layer {next(_ids)}"],), {}),
    ),
    "parent_copy.parent_copy_model": (READERS, lambda w: ((_cycle_pupil(w),), {"today": TODAY})),
    "parent_copy.export_parent_copy": (
        READERS,
        lambda w: ((_cycle_pupil(w), _out(w, "copy.pdf")), {"today": TODAY}),
    ),
    "invitations.invitation_template": (ALL, lambda w: ((), {})),
    "invitations.save_invitation_template": (
        SENCO,
        lambda w: ((f"Dear {{parent_names}}, see you on {{meeting_date}}. ({next(_ids)})",), {}),
    ),
    "invitations.preview_invitation": (ALL, lambda w: (("Dear {parent_names},",), {})),
    "invitations.default_meeting": (READERS, lambda w: ((_cycle_pupil(w), "review"), {"today": TODAY})),
    "invitations.invitation_model": (READERS, lambda w: ((_cycle_pupil(w), INVITE), {"today": TODAY})),
    "invitations.export_invitation": (
        READERS,
        lambda w: ((_cycle_pupil(w), _out(w, "invite.docx"), INVITE), {"today": TODAY}),
    ),
    "support_plan.support_plan": (READERS, lambda w: ((_plan_pupil(w),), {"today": TODAY})),
    "support_plan.export_support_plan": (
        READERS,
        lambda w: ((_plan_pupil(w), _out(w, "plan.json")), {"today": TODAY}),
    ),
}


def public_service_functions() -> dict[str, object]:
    found = {}
    for info in pkgutil.iter_modules(services_pkg.__path__):
        if info.name.startswith("_"):
            continue  # private helper modules: called by services after their own checks
        module = importlib.import_module(f"{services_pkg.__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_"):
                found[f"{info.name}.{name}"] = fn
    return found


def test_every_public_service_function_is_declared():
    found = public_service_functions()
    undeclared = sorted(set(found) - set(MATRIX) - set(NOT_ROLE_CHECKED))
    assert not undeclared, (
        "declare who may call these in MATRIX (or why they take no acting "
        f"person in NOT_ROLE_CHECKED): {undeclared}"
    )
    assert not sorted((set(MATRIX) | set(NOT_ROLE_CHECKED)) - set(found)), "stale entries"
    for name in MATRIX:
        first = next(iter(inspect.signature(found[name]).parameters))
        assert first == "actor", f"{name}: the acting person (Actor) comes first"


def _audit_count(db) -> int:
    return db.execute("SELECT COUNT(*) FROM audit").fetchone()[0]


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(name, actor):
    fn = public_service_functions()[name]
    allowed, recipe = MATRIX[name]
    world = World(actor)
    for role in sorted(ROLES):
        args, kwargs = recipe(world)
        acting = world.as_role(role)
        if role in allowed:
            fn(acting, *args, **kwargs)  # must simply work
        else:
            before = _audit_count(world.db)
            with pytest.raises(PermissionDenied):
                fn(acting, *args, **kwargs)
            assert _audit_count(world.db) == before, f"{role} refused but something was written"


def _own_plan(w: World, pupil_id: int) -> int:
    from sencodesk.services import ehc_plans

    return ehc_plans.issue_plan(w.senco, pupil_id, PLAN)


def _own_review(w: World, pupil_id: int) -> int:
    from sencodesk.services import annual_reviews

    return annual_reviews.record_review(w.senco, _own_plan(w, pupil_id), {"meeting_on": "01/12/2025"})


# Pupil-level reads a teacher/TA makes for their own pupils (the matrix above only shows their
# refusal, as its pupil is never theirs): function -> recipe(world, pupil_id) -> (args, kwargs)
OWN_PUPIL_READS = {
    "audit.pupil_history": lambda w, pid: ((pid,), {}),
    "pack_evidence.graduated_evidence": lambda w, pid: ((pid,), {"today": TODAY}),
    "pack_evidence.provision_maps": lambda w, pid: ((pid,), {"today": TODAY}),
    "plan_links.plan_outcome_evidence": lambda w, pid: (_own_plan(w, pid) and (pid,), {}),
    "plan_links.get_review_report": lambda w, pid: ((_own_review(w, pid),), {}),
    "attachments.list_attachments": lambda w, pid: (_attachment(w, pid) and (pid,), {}),
    "attachments.get_attachment": lambda w, pid: ((_attachment(w, pid),), {}),
}


@pytest.mark.parametrize("name", sorted(OWN_PUPIL_READS))
def test_teacher_reads_their_own_pupil(name, actor):
    from sencodesk.services import cycles

    fn = public_service_functions()[name]
    world = World(actor)
    teacher = world.users["teacher"]
    pupil_id = cycles.get_cycle(world.senco, _cycle(world, staff=(teacher.id,))).pupil_id
    args, kwargs = OWN_PUPIL_READS[name](world, pupil_id)
    seen = fn(world.as_role("teacher"), *args, **kwargs)
    assert seen == fn(world.as_role("senco"), *args, **kwargs)  # the same record the SENCO sees
    assert seen  # and not an empty one
    with pytest.raises(PermissionDenied):
        fn(world.as_role("office"), *args, **kwargs)


# === The field-level half: which role may read and write each field (domain/field_access.py) ===


def schema(db) -> dict[str, list[str]]:
    """Every table after the migrations, and its columns: the real schema, not a list to keep up."""
    return {t: [c.name for c in db[t].columns] for t in db.table_names() if not t.startswith("sqlite_")}


def test_every_column_of_every_table_is_declared(actor):
    """A column added by a migration fails here until field_access says who may read and write it
    (FIELDS), or that no person types it (SYSTEM, COPIES), or that its table holds no pupil data."""
    columns = {
        f"{table}.{column}"
        for table, names in schema(actor.db).items()
        if table not in field_access.NOT_PUPIL_DATA
        for column in names
    }
    declared = set(field_access.FIELDS) | set(field_access.SYSTEM) | set(field_access.COPIES)
    undeclared = sorted(c for c in columns - declared if c.split(".", 1)[1] not in field_access.BOOKKEEPING)
    assert not undeclared, f"declare who may read and write these in domain/field_access.py: {undeclared}"
    assert not sorted(declared - columns), "stale declarations: no such column"
    assert not set(field_access.NOT_PUPIL_DATA) - set(schema(actor.db)), "stale table in NOT_PUPIL_DATA"
    assert set(field_access.FIELDS).isdisjoint(field_access.SYSTEM), "a field is either typed or not"


@pytest.fixture
def marked(actor):
    """The marked school (tests/services/field_probes.py) and an account per role; the pupil is the
    teacher's own, so what a teacher does not read is the field rule's doing, not the row rule's."""
    world = World(actor)
    seeded = field_probes.seed(world.senco, world.users["teacher"].id)
    return world, seeded


def test_each_field_is_readable_exactly_as_declared_through_every_read_path(marked):
    world, seeded = marked
    wrong = []
    for role in sorted(ROLES):
        acting = world.as_role(role)
        text, _ = field_probes.read_everything(acting, seeded, world.senco)
        for field in sorted(field_access.FIELDS):
            if field_probes.is_free_text(field):
                found = field_probes.mark(field).lower() in text
                if found != field_access.may_read(role, field):
                    wrong.append(f"{role} {'reads' if found else 'cannot read'} {field}")
    assert not wrong, "\n".join(wrong)


def test_each_field_no_marker_fits_is_read_from_its_model_as_declared(marked):
    """Codes, dates, numbers: read from the model itself where the role's rule differs from the
    rule of a marked field of the same table; elsewhere they share a marked field's rule."""
    world, seeded = marked
    wrong = []
    for field in sorted(field_access.FIELDS):
        if field_probes.is_free_text(field):
            continue
        table = field.split(".")[0]
        rule = field_access.FIELDS[field].read
        siblings = [
            f
            for f, a in field_access.FIELDS.items()
            if f.startswith(f"{table}.") and field_probes.is_free_text(f) and a.read == rule
        ]
        if siblings:
            continue  # shown beside a marked field with the same rule, which the test above checks
        assert field in field_probes.VALUE_READS, f"say where {field} is read (VALUE_READS)"
        for name, value_of in field_probes.VALUE_READS[field]:
            truth = value_of(field_probes.read_value(name, world.senco, seeded, world.senco), seeded)
            assert truth and not is_hidden(truth), f"{field}: the SENCO reads nothing through {name}"
            for role in sorted(ROLES):
                try:
                    seen = value_of(
                        field_probes.read_value(name, world.as_role(role), seeded, world.senco), seeded
                    )
                except PermissionDenied:
                    seen = None
                readable = seen == truth
                hidden = seen is None or is_hidden(seen) or seen == field_probes.HIDDEN_HISTORY
                if field_access.may_read(role, field) != readable or (not readable and not hidden):
                    wrong.append(f"{role} through {name}: {field} reads as {seen!r}")
    assert not wrong, "\n".join(wrong)


def _audit_total(db) -> int:
    return db.execute("SELECT COUNT(*) FROM audit").fetchone()[0]


def _writes(world, writer, acting):
    """Run a field writer as `acting`: (refused with PermissionDenied?, changed?, audit rows added)."""
    w, field = world.write_world, world.writing
    field_probes.before_write(w, field)
    prepared = writer[0](w) if isinstance(writer, tuple) else None
    before, rows = field_probes.stored(w, field), _audit_total(world.db)
    try:
        if prepared is None and not isinstance(writer, tuple):
            writer(w, acting)
        else:
            writer[1](w, acting, prepared)
        refused = False
    except PermissionDenied:
        refused = True
    return refused, field_probes.stored(w, field) != before, _audit_total(world.db) - rows


def test_each_field_others_may_write_is_writable_exactly_as_declared(marked):
    """Every field of a table some role besides the SENCO may write, one at a time, by every role
    through the real services: allowed roles change it; the others are refused (PermissionDenied
    with a sentence), nothing is written and no audit row is added."""
    world, seeded = marked
    ids = {role: user.id for role, user in world.users.items()}
    world.write_world = field_probes.prepare_writes(world.senco, seeded, ids)
    shared = {f.split(".")[0] for f, a in field_access.FIELDS.items() if a.write - {"senco"}}
    fields = sorted(f for f in field_access.FIELDS if f.split(".")[0] in shared)
    assert not [f for f in fields if f not in field_probes.FIELD_WRITERS], "give these a writer"
    wrong = []
    for field in fields:
        world.writing = field
        for role in ("office", "head", "teacher", "senco"):  # the SENCO last: it changes the value
            refused, changed, rows = _writes(world, field_probes.FIELD_WRITERS[field], world.as_role(role))
            if field_access.may_write(role, field):
                if refused or not changed:
                    wrong.append(f"{role} could not write {field}")
            elif not refused or changed or rows:
                wrong.append(
                    f"{role} wrote {field} (refused={refused}, changed={changed}, audit rows={rows})"
                )
    assert not wrong, "\n".join(wrong)


def test_tables_only_the_senco_writes_refuse_everyone_else(marked):
    world, seeded = marked
    ids = {role: user.id for role, user in world.users.items()}
    w = field_probes.prepare_writes(world.senco, seeded, ids, on_roll=False)
    only_senco = {f.split(".")[0] for f, a in field_access.FIELDS.items() if a.write == {"senco"}}
    shared = {f.split(".")[0] for f, a in field_access.FIELDS.items() if a.write - {"senco"}}
    tables = sorted(only_senco - shared)
    assert not [t for t in tables if t not in field_probes.TABLE_WRITERS], "give these tables a writer"
    wrong = []
    for table in tables:
        for role in ("office", "head", "teacher", "senco"):
            before, rows = field_probes.table_snapshot(world.db, table), _audit_total(world.db)
            try:
                field_probes.TABLE_WRITERS[table](w, world.as_role(role))
                refused = False
            except PermissionDenied:
                refused = True
            changed = field_probes.table_snapshot(world.db, table) != before
            if role == "senco" and (refused or not changed):
                wrong.append(f"the SENCO could not write {table}")
            if role != "senco" and (not refused or changed or _audit_total(world.db) != rows):
                wrong.append(f"{role} wrote {table}")
    assert not wrong, "\n".join(wrong)
