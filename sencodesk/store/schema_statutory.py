"""Schema 0006: the statutory side of SEN: EHC needs assessment requests (the LA's process),
LA consultations about naming the school, EHC plans (sections A-K) and annual reviews.

The school's own EHCNA request text lives in the packs' table; these tables hold the LA's
process and its dates. Due dates are never stored: they are computed from these dates by
domain/statutory.py, so a rule fixed there fixes every record at once. The one exception is
consultations.due_on, stored because the LA's letter may ask for the reply sooner than 15 days.
"""

from __future__ import annotations

import sqlite_utils

from .migrations import migrations

_EDITED = """
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
"""


def _plan_list(table: str) -> str:
    return f"""
        CREATE TABLE {table} (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES ehc_plans (id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            area TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX {table}_plan ON {table} (plan_id, position);"""


@migrations(name="0006_statutory")
def m0006_statutory(db: sqlite_utils.Database) -> None:
    db.executescript(f"""
        CREATE TABLE ehcna_requests (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            requested_by TEXT NOT NULL CHECK (requested_by IN ('school', 'parent', 'young_person')),
            sent_on TEXT NOT NULL,
            la_received_on TEXT,
            pack_reference TEXT NOT NULL DEFAULT '',
            la_name TEXT NOT NULL DEFAULT '',
            will_assess INTEGER CHECK (will_assess IN (0, 1)),
            decision_on TEXT,
            advice_requested_on TEXT,
            advice_sent_on TEXT,
            draft_received_on TEXT,
            comments_returned_on TEXT,
            final_plan_on TEXT,
            no_plan_on TEXT,
            withdrawn_on TEXT,
            appeal_note TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            {_EDITED}
        );
        CREATE INDEX ehcna_requests_pupil ON ehcna_requests (pupil_id, sent_on);
        -- Exceptions to the 6/16/20-week limits (reg 5(4), 10(4), 13(3)), ticked with a note.
        CREATE TABLE ehcna_exceptions (
            id INTEGER PRIMARY KEY,
            request_id INTEGER NOT NULL REFERENCES ehcna_requests (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('school_closed', 'early_years_closed', 'personal', 'away')),
            starts_on TEXT,
            ends_on TEXT,
            note TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX ehcna_exceptions_request ON ehcna_exceptions (request_id);
        -- An LA asking the school whether it can be named: the child may not be on roll yet,
        -- then only a name and date of birth are kept.
        CREATE TABLE consultations (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER REFERENCES pupils (id) ON DELETE CASCADE,
            child_name TEXT NOT NULL DEFAULT '',
            child_dob TEXT,
            la_name TEXT NOT NULL,
            received_on TEXT NOT NULL,
            papers TEXT NOT NULL DEFAULT '',
            due_on TEXT NOT NULL,
            reply TEXT CHECK (reply IN ('can', 'cannot')),
            reasons TEXT NOT NULL DEFAULT '',
            needed TEXT NOT NULL DEFAULT '',
            sent_on TEXT,
            {_EDITED},
            CHECK (pupil_id IS NOT NULL OR child_name != '')
        );
        CREATE INDEX consultations_pupil ON consultations (pupil_id);
        CREATE INDEX consultations_open ON consultations (sent_on, due_on);
        CREATE TABLE ehc_plans (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            request_id INTEGER REFERENCES ehcna_requests (id) ON DELETE SET NULL,
            plan_date TEXT NOT NULL,
            la_name TEXT NOT NULL DEFAULT '',
            named_school TEXT NOT NULL DEFAULT '',
            personal_budget TEXT NOT NULL DEFAULT '',
            section_a TEXT NOT NULL DEFAULT '',
            section_c TEXT NOT NULL DEFAULT '',
            section_d TEXT NOT NULL DEFAULT '',
            section_g TEXT NOT NULL DEFAULT '',
            section_h1 TEXT NOT NULL DEFAULT '',
            section_h2 TEXT NOT NULL DEFAULT '',
            section_k TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'ceased')),
            ceased_on TEXT,
            {_EDITED}
        );
        CREATE INDEX ehc_plans_pupil ON ehc_plans (pupil_id, plan_date);
        -- One current plan per pupil.
        CREATE UNIQUE INDEX ehc_plans_one_current ON ehc_plans (pupil_id) WHERE status = 'current';
        -- Sections B (needs), E (outcomes) and F (provision) as lists, one table each so that
        -- other records can point at exactly one kind (a cycle's outcome links to a plan
        -- outcome). Rows keep their id when a plan is edited, so those links survive.
        {_plan_list("plan_needs")}
        {_plan_list("plan_outcomes")}
        {_plan_list("plan_provision")}
        CREATE TABLE annual_reviews (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES ehc_plans (id) ON DELETE CASCADE,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            meeting_on TEXT NOT NULL,
            advice_gathered_on TEXT,
            advice_circulated_on TEXT,
            report_sent_on TEXT,
            la_decision TEXT CHECK (la_decision IN ('keep', 'amend', 'cease')),
            la_decision_on TEXT,
            amendment_notice_on TEXT,
            amendments_finalised_on TEXT,
            pfa_notes TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            {_EDITED}
        );
        CREATE INDEX annual_reviews_plan ON annual_reviews (plan_id, meeting_on);
        CREATE INDEX annual_reviews_pupil ON annual_reviews (pupil_id);
        CREATE TABLE review_invitations (
            id INTEGER PRIMARY KEY,
            review_id INTEGER NOT NULL REFERENCES annual_reviews (id) ON DELETE CASCADE,
            invitee TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            sent_on TEXT
        );
        CREATE INDEX review_invitations_review ON review_invitations (review_id);
    """)
