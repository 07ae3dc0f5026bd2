"""Schema 0003: tables, constraints and cascades."""

from __future__ import annotations

import sqlite3

import pytest

from sencodesk.store.rows import now_iso

STAMP = {"created_at": "2026-11-29T10:00:00", "updated_at": "2026-11-29T10:00:00"}


def test_tables_and_indexes_exist(actor):
    names = set(actor.db.table_names())
    assert {"referrals", "consents", "involvements", "ehcna_drafts"} <= names
    indexes = {i.name for t in ("referrals", "consents", "involvements") for i in actor.db[t].indexes}
    assert {"referrals_pupil", "consents_referral", "involvements_pupil"} <= indexes


def test_service_and_status_are_checked(actor, add_pupil):
    pid = add_pupil()
    with pytest.raises(sqlite3.IntegrityError):
        actor.db.execute(
            "INSERT INTO referrals (pupil_id, service, referred_on, created_at, updated_at) "
            "VALUES (?, 'physio', '2026-11-01', ?, ?)",
            [pid, now_iso(), now_iso()],
        )
    with pytest.raises(sqlite3.IntegrityError):
        actor.db.execute(
            "INSERT INTO referrals (pupil_id, service, referred_on, status, created_at, updated_at) "
            "VALUES (?, 'ep', '2026-11-01', 'lost', ?, ?)",
            [pid, now_iso(), now_iso()],
        )


def test_deleting_a_pupil_removes_their_referrals_consents_and_involvements(actor, add_pupil):
    pid = add_pupil()
    rid = (
        actor.db["referrals"]
        .insert({"pupil_id": pid, "service": "ep", "referred_on": "2026-11-01", **STAMP})
        .last_pk
    )
    actor.db["consents"].insert(
        {
            "referral_id": rid,
            "pupil_id": pid,
            "given_by": "Jo",
            "given_on": "2026-11-01",
            "method": "signed",
            "consent_to_refer": 1,
            **STAMP,
        }
    )
    actor.db["involvements"].insert({"pupil_id": pid, "service": "EP", **STAMP})
    actor.db["ehcna_drafts"].insert({"pupil_id": pid, **STAMP})
    actor.db["pupil_passports"].insert({"pupil_id": pid, **STAMP})
    actor.db.execute("DELETE FROM pupils WHERE id = ?", [pid])
    for table in ("referrals", "consents", "involvements", "ehcna_drafts", "pupil_passports"):
        assert actor.db[table].count == 0, table


def test_one_ehcna_draft_per_pupil(actor, add_pupil):
    pid = add_pupil()
    actor.db["ehcna_drafts"].insert({"pupil_id": pid, **STAMP})
    with pytest.raises(sqlite3.IntegrityError):
        actor.db["ehcna_drafts"].insert({"pupil_id": pid, **STAMP})
