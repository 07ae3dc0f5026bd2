"""The demo history obeys the graduated-approach rules and is fast enough for a big school."""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from sencodesk.demo.graduated import add_graduated_history
from sencodesk.domain.upn import check_letter
from sencodesk.services import cycles, dashboard, pupils
from sencodesk.store import bulk
from sencodesk.store.rows import now_iso

TODAY = date(2026, 11, 20)


def _bulk_pupils(actor, n: int, on_register_every: int = 4) -> None:
    stamp = now_iso()
    rows = []
    for i in range(n):
        body = f"93820012{i // 1000:01d}{i % 1000:03d}"
        k = i % on_register_every == 0
        rows.append(
            {
                "upn": check_letter(body) + body,
                "legal_surname": "Pupil",
                "legal_forename": "Amy",
                "dob": "2016-01-01",
                "gender": "F",
                "year_group": "4",
                "class_name": "4A",
                "admission_date": "2021-09-01",
                "sen_status": "K" if k else "N",
                "sen_start_date": "2021-09-01" if k else None,
                "primary_need": "SPLD" if k else None,
                "version": 1,
                "created_at": stamp,
                "updated_at": stamp,
                "updated_by": "test",
            }
        )
    with actor.write() as db:
        bulk.insert_rows(db, "pupils", rows)


def test_history_follows_the_rules(actor):
    _bulk_pupils(actor, 200)
    counts = add_graduated_history(actor, random.Random(3), TODAY, {})
    db = actor.db
    assert counts["cycles"] >= 50 and counts["sessions"] > 0 and counts["reviews"] > 0
    # every register pupil has exactly one open cycle, the reviewed ones have a review
    assert (
        db.execute(
            "SELECT COUNT(*) FROM pupils WHERE sen_status = 'K' AND id NOT IN"
            " (SELECT pupil_id FROM cycles WHERE status = 'open')"
        ).fetchone()[0]
        == 0
    )
    assert (
        db.execute(
            "SELECT COUNT(*) FROM cycles c LEFT JOIN reviews r ON r.cycle_id = c.id"
            " WHERE c.status = 'reviewed' AND r.id IS NULL"
        ).fetchone()[0]
        == 0
    )
    assert (
        db.execute(
            "SELECT COUNT(*) FROM reviews r JOIN cycles c ON c.id = r.cycle_id"
            " WHERE r.held_on < c.plan_start OR r.held_on > ?",
            [TODAY.isoformat()],
        ).fetchone()[0]
        == 0
    )
    assert (
        db.execute("SELECT COUNT(*) FROM sessions WHERE held_on > ?", [TODAY.isoformat()]).fetchone()[0] == 0
    )
    # carried outcomes come from an unmet outcome of the pupil's previous cycle
    bad = db.execute(
        "SELECT COUNT(*) FROM outcomes o JOIN outcomes f ON f.id = o.carried_from"
        " JOIN cycles a ON a.id = o.cycle_id JOIN cycles b ON b.id = f.cycle_id"
        " WHERE f.rating NOT IN ('not_met', 'partly_met') OR a.pupil_id != b.pupil_id"
        " OR a.number != b.number + 1"
    ).fetchone()[0]
    assert bad == 0
    # the screens have something real to show: overdue, due soon, concerns open and monitoring
    d = dashboard.dashboard(actor, today=TODAY)
    assert d.overdue and d.due_soon and d.open_concerns and d.spend > 0
    assert {r[0] for r in db.execute("SELECT status FROM concerns")} >= {"open", "monitoring", "closed"}
    # and the services read it back whole
    pupil_id = d.overdue[0].pupil.pupil_id
    record = cycles.pupil_record(actor, pupil_id, today=TODAY)
    assert record.open_cycle.overdue and record.open_cycle.allocations and record.open_cycle.staff
    assert any(r.review_overdue for r in pupils.list_register(actor, today=TODAY))


def test_staff_made_once_and_passed_in_ctx(actor):
    _bulk_pupils(actor, 8)
    ctx: dict = {}
    add_graduated_history(actor, random.Random(1), TODAY, ctx)
    assert len(ctx["staff"]) == 4
    add_graduated_history(actor, random.Random(2), TODAY + timedelta(days=400), ctx)
    assert actor.db["users"].count == 4


def test_big_register_in_seconds(actor):
    _bulk_pupils(actor, 1800)  # 450 on the register
    t = time.perf_counter()
    counts = add_graduated_history(actor, random.Random(5), TODAY, {})
    assert time.perf_counter() - t < 5
    assert counts["cycles"] > 900
