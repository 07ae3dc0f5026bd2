"""Who may read and who may write each field people type about a pupil: one declaration.

Every column of every table that holds pupil data is here, keyed "table.column": in FIELDS
(which roles may READ it and which may WRITE it), in SYSTEM (not typed by a person: keys,
bookkeeping, values the services work out or take from the acting person), or in COPIES (the
audit trail's copies of other fields, shown to each role only for the fields it may read).
Tables with no pupil data are in NOT_PUPIL_DATA. tests/services/test_permissions_matrix.py
reads the real schema and fails on any column that is not declared, then checks every role
against these rules through the real services.

The rules, as a data-protection officer would set them (least privilege):
- the SENCO reads and writes everything;
- the head reads everything and writes nothing;
- a teacher/TA reads, for their own pupils only (a row rule: Actor.require_pupil and
  Actor.visible_pupil_ids), what they need to teach them: the roll, SEN status and needs, the
  graduated approach, the EHC plan and its reviews, the one-page profile and who is involved
  from outside. They write only what they do: concerns they raise, sessions they log, reviews
  they record, their answers when the SENCO asks for their observations (which only they
  write, and only the SENCO, the head and they read). The SENCO's own notes, referrals,
  consents and the EHCNA request text are not theirs;
- the office reads and writes the roll (names, dates, year and class, contacts, flags), and
  sees no SEN detail at all.

A role that may not read a field gets HIDDEN in its place: never "" (which reads as "nothing
recorded") and never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from .users import ROLES


@dataclass(frozen=True)
class Access:
    read: frozenset[str]
    write: frozenset[str]


def _roles(*names: str) -> frozenset[str]:
    assert set(names) <= set(ROLES), names
    return frozenset(names)


EVERYONE = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()

# The shapes of access the fields below share.
ROLL = Access(read=EVERYONE, write=_roles("senco", "office"))  # the office keeps the roll
LEAVING = Access(read=EVERYONE, write=_roles("senco"))  # leaving and transfer: the SENCO's actions
SEN = Access(read=_roles("senco", "teacher", "head"), write=_roles("senco"))  # what teaching needs
TAUGHT = Access(read=SEN.read, write=_roles("senco", "teacher"))  # what a teacher records themselves
SENCO_ONLY = Access(read=_roles("senco", "head"), write=_roles("senco"))  # the SENCO's working file
# what a member of staff answers when the SENCO asks them: theirs to write, not the SENCO's
OBSERVED = Access(read=SEN.read, write=_roles("teacher"))


def _fields(table: str, access: Access, columns: str) -> dict[str, Access]:
    return {f"{table}.{column}": access for column in columns.split()}


FIELDS: dict[str, Access] = {
    **_fields(
        "pupils",
        ROLL,
        "upn former_upn legal_surname legal_forename preferred_surname preferred_forename dob gender"
        " year_group class_name admission_date pupil_premium eal looked_after fsm home_language"
        " attendance_pct attendance_as_at",
    ),
    **_fields("pupils", LEAVING, "left_on destination"),
    **_fields("pupils", SEN, "sen_status sen_start_date primary_need secondary_need"),
    # census indicators: an SEN unit or resourced provision place, top-up funding (SEN detail)
    **_fields("pupils", SEN, "sen_unit resourced_provision top_up_funding"),
    # the layer of support (the school's own list: universal, targeted, targeted plus, specialist)
    **_fields("pupils", SEN, "support_layer"),
    # "anything the SENCO wants to keep": diagnoses, family matters; not the office's, nor needed to teach
    **_fields("pupils", SENCO_ONLY, "notes"),
    **_fields("sen_history", SEN, "start_date status primary_need secondary_need"),
    **_fields("contacts", ROLL, "name relationship phone email parental_responsibility"),
    # a parent's own first language and an interpreter for meetings: the office keeps them with the roll
    **_fields("contacts", ROLL, "first_language interpreter_needed"),
    # any teacher may raise a concern (about any pupil); the SENCO triages it
    **_fields("concerns", TAUGHT, "raised_on areas seen tried"),
    **_fields("concerns", SEN, "decision look_again reason parents_told_on"),
    **_fields(
        "cycles",
        SEN,
        "assess_date needs_ci needs_cl needs_semh needs_sp attainment pupil_views pupil_views_by"
        " pupil_views_on parent_views parent_views_by parent_views_on outside_advice strategies"
        " plan_start review_date parents_told_on parents_agreed_on at_home",
    ),
    **_fields("cycle_staff", SEN, "user_id"),
    **_fields("assessments", SEN, "name taken_on score meaning"),
    **_fields("outcomes", SEN, "text by_when measure plan_outcome_id in_my_words"),
    **_fields("outcomes", TAUGHT, "rating evidence"),  # rated at the review
    **_fields(
        "allocations",
        SEN,
        "provision_id staff_user_id staff_name group_size session_minutes sessions_per_week weeks"
        " start_date end_date",
    ),
    **_fields("sessions", TAUGHT, "held_on minutes attended note staff_user_id staff_name"),
    **_fields(
        "reviews",
        TAUGHT,
        "held_on parent_present pupil_present others pupil_views parent_views decision refer_to notes",
    ),
    **_fields("review_impacts", TAUGHT, "judgement"),
    # meetings with parents (Code of Practice 6.65): the teacher who leads one records it; what
    # was agreed about a pupil's SEN is not the office's
    **_fields("parent_meetings", TAUGHT, "held_on attendees agreed how"),
    **_fields("referrals", SENCO_ONLY, "service referred_on reason asks answers status outcome_notes"),
    **_fields(
        "consents",
        SENCO_ONLY,
        "given_by relationship given_on method consent_to_refer share_with exclusions",
    ),
    # who is involved from outside, and what they advise: what teaching needs
    **_fields("involvements", SEN, "service professional started_on ended_on latest_report_on summary"),
    **_fields(
        "ehcna_drafts",
        SENCO_ONLY,
        "request_kind request_date completed_by home_language attendance_pct now_needed"
        " outcomes_sought la_answers",
    ),
    **_fields("pupil_passports", SEN, "like_and_admire important_to_me how_to_support"),
    # where the SEN file went is SEN business; how long the record is kept is records management
    **_fields("leaver_files", SEN, "pack_sent_on pack_sent_to"),
    **_fields("leaver_files", LEAVING, "retain_until"),
    **_fields(
        "ehcna_requests",
        SEN,
        "requested_by sent_on la_received_on pack_reference la_name will_assess decision_on"
        " advice_requested_on advice_sent_on draft_received_on comments_returned_on final_plan_on"
        " no_plan_on withdrawn_on",
    ),
    # a tribunal appeal and the SENCO's chasing notes: not needed to teach
    **_fields("ehcna_requests", SENCO_ONLY, "appeal_note notes"),
    **_fields("ehcna_exceptions", SEN, "kind starts_on ends_on note"),
    **_fields(
        "consultations",
        SEN,
        "child_name child_dob la_name received_on papers due_on reply reasons needed sent_on",
    ),
    **_fields(
        "ehc_plans",
        SEN,
        "plan_date la_name named_school personal_budget section_a section_c section_d section_g"
        " section_h1 section_h2 section_k ceased_on",
    ),
    **_fields("plan_needs", SEN, "area text detail"),
    **_fields("plan_outcomes", SEN, "area text detail"),
    **_fields("plan_provision", SEN, "area text detail"),
    **_fields(
        "annual_reviews",
        SEN,
        "meeting_on advice_gathered_on advice_circulated_on report_sent_on la_decision la_decision_on"
        " amendment_notice_on amendments_finalised_on pfa_notes notes",
    ),
    **_fields("review_invitations", SEN, "invitee name sent_on"),
    **_fields("review_reports", SEN, "pupil_views parent_views progress_summary proposed_amendments"),
    # a request for staff observations: what a teacher asked needs to answer it (and only the
    # staff it was sent to read it: services.staff_requests' row rule)
    **_fields("staff_requests", SEN, "due_on purpose note questions"),
    **_fields("staff_request_recipients", SEN, "user_id"),
    # the answers are SEN evidence the teacher writes; the SENCO and head read them, and the
    # teacher who wrote them, no other (the row rule): not the office, not the pupil's other staff
    **_fields("staff_request_recipients", OBSERVED, "subject answers declined_reason"),
    # documents on the record (reports, the EHC plan, letters): the SENCO adds them; each also
    # carries its own row rule, ATTACHMENT_AUDIENCES below (a teacher sees only those shared)
    **_fields("attachments", SEN, "title kind author document_date visibility original_name content"),
}

# Columns in every table that no person types: the key and the stale-save bookkeeping.
BOOKKEEPING = ("id", "version", "created_at", "updated_at", "updated_by")


def _system(reason: str, names: str) -> dict[str, str]:
    return {name: reason for name in names.split()}


SYSTEM: dict[str, str] = {
    **_system(
        "a link to the record it belongs to",
        "sen_history.pupil_id contacts.pupil_id concerns.pupil_id concerns.cycle_id cycles.pupil_id"
        " cycles.concern_id cycle_staff.cycle_id assessments.cycle_id outcomes.cycle_id"
        " allocations.cycle_id sessions.allocation_id reviews.cycle_id reviews.next_cycle_id"
        " review_impacts.review_id review_impacts.allocation_id referrals.pupil_id consents.referral_id"
        " consents.pupil_id involvements.pupil_id ehcna_drafts.pupil_id pupil_passports.pupil_id"
        " leaver_files.pupil_id ehcna_requests.pupil_id ehcna_exceptions.request_id consultations.pupil_id"
        " ehc_plans.pupil_id ehc_plans.request_id plan_needs.plan_id plan_outcomes.plan_id"
        " plan_provision.plan_id annual_reviews.plan_id annual_reviews.pupil_id review_invitations.review_id"
        " review_reports.review_id review_reports.pupil_id parent_meetings.pupil_id audit.pupil_id"
        " audit.entity_id audit.user_id staff_requests.pupil_id staff_requests.cycle_id"
        " staff_request_recipients.request_id attachments.pupil_id",
    ),
    **_system(
        "the order of a list's lines on the form",
        "contacts.position assessments.position outcomes.position plan_needs.position"
        " plan_outcomes.position plan_provision.position",
    ),
    **_system(
        "who did it and when, taken from the acting person and the clock",
        "sen_history.recorded_at sen_history.recorded_by concerns.raised_by concerns.raised_by_user_id"
        " concerns.triaged_by concerns.triaged_on sessions.created_at sessions.created_by"
        " ehcna_exceptions.recorded_at ehcna_exceptions.recorded_by audit.at"
        " audit.username staff_requests.asked_by staff_requests.asked_by_user_id staff_requests.asked_on"
        " staff_requests.withdrawn_on staff_request_recipients.answered_on"
        " staff_request_recipients.declined_on",
    ),
    **_system(
        "worked out by the services from other fields",
        "cycles.number cycles.status concerns.status outcomes.carried_from review_impacts.attendance_pct"
        " ehc_plans.status consents.purpose audit.action audit.entity staff_requests.status"
        " staff_request_recipients.status",
    ),
    **_system(
        "read from the file itself when it is added (its type from its first bytes, never its name)",
        "attachments.file_type attachments.size_bytes attachments.sha256 attachments.pages",
    ),
}

# The audit trail copies other fields (an update's before and after; its summary in words).
# Each role is shown only the copies of fields it may read: services.audit (the trail and a
# pupil's history).
COPIES: dict[str, str] = {
    "audit.summary": "a change in words: redacted as the fields it names",
    "audit.changes": "the before and after of each changed field: redacted field by field",
}

NOT_PUPIL_DATA: dict[str, str] = {
    "_sqlite_migrations": "which schema changes have been applied",
    "settings": "the school's details and preferences",
    "users": "staff accounts (services.users guards them: only the SENCO manages accounts)",
    "provisions": "the school's catalogue of interventions and their costs",
    "audit_retention_gate": "the switch that lets a retention deletion remove audit rows",
    "calendar_terms": "the school's term dates (the same for every pupil)",
    "calendar_days": "the school's INSET days, closures and bank-holiday changes",
    "inclusion_strategies": "the school's published inclusion strategy: words and figures, no pupil",
}


def access_of(field: str) -> Access | None:
    return FIELDS.get(field)


def may_read(role: str, field: str) -> bool:
    """A field not declared is readable by nobody: a new column stays hidden until declared."""
    access = FIELDS.get(field)
    return access is not None and role in access.read


def may_write(role: str, field: str) -> bool:
    access = FIELDS.get(field)
    return access is not None and role in access.write


def table_fields(table: str) -> list[str]:
    """The person-entered columns of a table, as declared."""
    prefix = f"{table}."
    return [name[len(prefix) :] for name in FIELDS if name.startswith(prefix)]


def may_read_table(role: str, table: str) -> bool:
    """Whether the role may read any person-entered field of the table (else the whole record
    is refused: a list of its rows would itself say what exists)."""
    return any(may_read(role, f"{table}.{column}") for column in table_fields(table))


def unreadable(role: str, table: str) -> set[str]:
    """The columns of the table this role may not read."""
    return {column for column in table_fields(table) if not may_read(role, f"{table}.{column}")}


class Hidden(str):
    """In a read-model, the value of a field the reader's role may not see. It says so in words
    ('hidden') wherever it is printed, and is never '' (which would read as 'nothing recorded')."""

    __slots__ = ()

    def __new__(cls) -> Hidden:
        return super().__new__(cls, "hidden")

    def __repr__(self) -> str:
        return "HIDDEN"


HIDDEN = Hidden()


def is_hidden(value: object) -> bool:
    return isinstance(value, Hidden)


def redact(role: str, table: str, values: dict[str, object]) -> dict[str, object]:
    """The row (or changes) with every declared field this role may not read replaced by HIDDEN.
    Keys that are not person-entered fields of the table (ids, bookkeeping) pass unchanged."""
    declared = set(table_fields(table))
    return {
        key: HIDDEN if key in declared and not may_read(role, f"{table}.{key}") else value
        for key, value in values.items()
    }


# Who may see each attached document: its row rule, on top of the field rule above (which is the
# widest: SEN readers). The person adding it chooses; the least is the default. The office sees
# none (no SEN detail); the head sees all (reads everything); a teacher/TA sees, for their own
# pupils only, the documents the SENCO shares with the pupil's teachers (the EP's advice on how
# to teach them), never the rest (a CAMHS letter, a social care report).
ATTACHMENT_AUDIENCES: dict[str, frozenset[str]] = {
    "senco_head": _roles("senco", "head"),
    "teachers": _roles("senco", "head", "teacher"),
}
AUDIENCE_LABELS: dict[str, str] = {
    "senco_head": "SENCO and headteacher only",
    "teachers": "Also the pupil's teachers and TAs",
}
DEFAULT_AUDIENCE = "senco_head"


def may_see_attachment(role: str, visibility: str) -> bool:
    """The row rule for one document (the teacher's own-pupils rule is the services' as ever)."""
    return role in ATTACHMENT_AUDIENCES.get(visibility, NOBODY) and may_read(role, "attachments.content")


# The audit trail's entity names and the table each one's changes come from.
ENTITY_TABLES: dict[str, str] = {
    "pupil": "pupils",
    "concern": "concerns",
    "cycle": "cycles",
    "session": "sessions",
    "review": "reviews",
    "referral": "referrals",
    "consent": "consents",
    "involvement": "involvements",
    "ehcna_draft": "ehcna_drafts",
    "passport": "pupil_passports",
    "leaver_file": "leaver_files",
    "ehcna_request": "ehcna_requests",
    "ehcna_exception": "ehcna_exceptions",
    "consultation": "consultations",
    "ehc_plan": "ehc_plans",
    "annual_review": "annual_reviews",
    "review_report": "review_reports",
    "staff_request": "staff_requests",
    "staff_answer": "staff_request_recipients",
    "attachment": "attachments",
    "parent_meeting": "parent_meetings",
}
