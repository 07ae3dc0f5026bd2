"""Every pack made for the demo school's pupil with the most cycles, read back with pypdf and
checked against what the database holds (cycles, ratings, cost totals, summary counts)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from sencodesk.demo import build_demo
from sencodesk.domain.costing import Block, block_weeks, year_cost
from sencodesk.domain.cycles import MET
from sencodesk.domain.money import pounds
from sencodesk.reports.summary import shown
from sencodesk.services import calendar, packs, provision, referrals
from sencodesk.services.actor import open_school

TODAY = date(2026, 11, 20)


def text_of(path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder, seed=460131, today=TODAY)
    actor = open_school(folder)
    yield actor
    actor.close()


@pytest.fixture(scope="module")
def busiest(demo):
    # the pupil with the most cycles among those with provision starting this academic year
    pid, n = demo.db.execute(
        "SELECT pupil_id, COUNT(*) n FROM cycles c WHERE EXISTS (SELECT 1 FROM allocations a"
        " JOIN cycles c2 ON c2.id = a.cycle_id WHERE c2.pupil_id = c.pupil_id"
        " AND COALESCE(a.start_date, c2.plan_start) >= '2026-09-01')"
        " GROUP BY pupil_id ORDER BY n DESC, pupil_id LIMIT 1"
    ).fetchone()
    return pid, n


def test_ehcna_pack_has_every_cycle_its_ratings_and_the_cost_totals(demo, busiest, tmp_path):
    pid, n = busiest
    assert n >= 3
    out = tmp_path / "ehcna.pdf"
    packs.export_ehcna(demo, pid, out, cycles=None, today=TODAY, invariant=True)
    text = text_of(out)
    db = demo.db
    for number, status in db.execute("SELECT number, status FROM cycles WHERE pupil_id = ?", [pid]):
        assert f"Cycle {number} ({status})" in text
    ratings = {"met": "Met", "exceeded": "Exceeded", "partly_met": "Partly met", "not_met": "Not met"}
    for (rating,) in db.execute(
        "SELECT DISTINCT o.rating FROM outcomes o JOIN cycles c ON c.id = o.cycle_id"
        " WHERE c.pupil_id = ? AND o.rating IS NOT NULL",
        [pid],
    ):
        assert ratings[rating] in text
    # this year's total from the database: each block's weeks in 2026/27 on the demo school's
    # calendar (a block that started last year and runs on is costed for its weeks this year)
    rates, cal = provision.get_costing(demo), calendar.school_calendar(demo)
    total = 0
    for m, f, w, g, role, fixed, runs_from, runs_to in db.execute(
        "SELECT COALESCE(a.session_minutes, p.session_minutes), COALESCE(a.sessions_per_week,"
        " p.sessions_per_week), COALESCE(a.weeks, p.weeks), COALESCE(a.group_size, p.group_size),"
        " p.staff_role, p.fixed_cost, COALESCE(a.start_date, c.plan_start), COALESCE(a.end_date, r.held_on)"
        " FROM allocations a JOIN cycles c ON c.id = a.cycle_id JOIN provisions p ON p.id = a.provision_id"
        " LEFT JOIN reviews r ON r.cycle_id = c.id WHERE c.pupil_id = ?",
        [pid],
    ):
        block = Block(date.fromisoformat(runs_from), runs_to and date.fromisoformat(runs_to), w)
        part = block_weeks(cal, block, 2026, default_weeks=rates.weeks_per_year)
        total += year_cost(
            part, minutes=m, per_week=f, group_size=g, rate=rates.rate(role), fixed=fixed
        ).pence
    assert total > 0 and f"Total for 2026/27: {pounds(total)}" in text
    # sessions attended, as logged, for each allocation of the open cycle
    for logged, attended in db.execute(
        "SELECT COUNT(*), SUM(s.attended) FROM sessions s JOIN allocations a ON a.id = s.allocation_id"
        " JOIN cycles c ON c.id = a.cycle_id WHERE c.pupil_id = ? AND c.status = 'open'"
        " GROUP BY a.id",
        [pid],
    ):
        assert f"{attended} of {logged} logged" in text


def test_referral_and_profile_packs_for_the_same_pupil(demo, busiest, tmp_path):
    pid, _ = busiest
    rid = referrals.add_referral(
        demo,
        pid,
        {"service": "ot", "referred_on": "19/11/2026", "reason": "Handwriting and dressing after PE"},
        today=TODAY,
    )
    out = tmp_path / "ref.pdf"
    packs.export_referral(demo, rid, out, today=TODAY, invariant=True)
    text = text_of(out)
    assert "CONSENT NOT RECORDED" in text and "What has been tried, and its impact" in text
    number = demo.db.execute("SELECT MAX(number) FROM cycles WHERE pupil_id = ?", [pid]).fetchone()[0]
    assert f"Cycle {number} (open)" in text
    prof = tmp_path / "profile.pdf"
    packs.export_profile(demo, pid, prof, today=TODAY, invariant=True)
    assert len(PdfReader(str(prof)).pages) == 1
    upn = demo.db.execute("SELECT upn FROM pupils WHERE id = ?", [pid]).fetchone()[0]
    assert upn not in text_of(prof)


def test_summary_counts_are_the_database_counts(demo, tmp_path):
    out = tmp_path / "summary.pdf"
    packs.export_summary(
        demo, out, date_from=date(2026, 9, 1), date_to=date(2027, 8, 31), today=TODAY, invariant=True
    )
    text = text_of(out)
    db = demo.db
    on_time, late = db.execute(
        "SELECT SUM(r.held_on <= c.review_date), SUM(r.held_on > c.review_date) FROM reviews r"
        " JOIN cycles c ON c.id = r.cycle_id WHERE r.held_on BETWEEN '2026-09-01' AND '2027-08-31'"
    ).fetchone()
    assert f"On time {shown(on_time or 0)}" in text and f"Late {shown(late or 0)}" in text
    rated, met = db.execute(
        "SELECT COUNT(o.rating), SUM(o.rating IN (?, ?))"
        " FROM outcomes o JOIN reviews r ON r.cycle_id = o.cycle_id"
        " WHERE r.held_on BETWEEN '2026-09-01' AND '2027-08-31'",
        list(MET),
    ).fetchone()
    assert f"Outcomes reviewed {shown(rated)}" in text and f"Met or exceeded {shown(met or 0)}" in text
    spend = provision.school_provision_map(demo, today=TODAY).total
    assert pounds(spend) in text
    open_concerns = db.execute("SELECT COUNT(*) FROM concerns WHERE status != 'closed'").fetchone()[0]
    expected = (
        "No concerns"
        if open_concerns == 0
        else f"{shown(open_concerns)[:1].upper()}{shown(open_concerns)[1:]} concerns"
    )
    assert f"{expected} raised by staff" in text
    made = db.execute(
        "SELECT COUNT(*) FROM ehcna_requests WHERE sent_on BETWEEN '2026-09-01' AND '2027-08-31'"
    ).fetchone()[0]
    assert f"Made {shown(made)}" in text
    names = [r[0] for r in db.execute("SELECT legal_surname FROM pupils WHERE sen_status != 'N' LIMIT 5")]
    assert not any(f" {n} " in text for n in names if len(n) > 3)  # no names without --named


def body_lines(page) -> list[str]:
    """A page's lines without the running header (school, title) and footer (3 lines)."""
    lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
    return lines[2:-3]


def ends_with_a_heading(lines: list[str], headings: list[str]) -> str | None:
    last, two = lines[-1], " ".join(lines[-2:])
    for h in headings:
        if last == h or two.endswith(h) or h.startswith(last) or re.fullmatch(r"Cycle \d+ .*", last):
            return h
    return None


@pytest.fixture(scope="module")
def default_demo(tmp_path_factory):
    """A demo school as `sencodesk demo` makes it, on a fixed seed that gives a referral to each
    of the five services (an unseeded demo sometimes has no OT referral, and the test failed)."""
    folder = tmp_path_factory.mktemp("default-demo")
    build_demo(folder, seed=1, today=TODAY)
    actor = open_school(folder)
    yield actor
    actor.close()


def test_no_referral_page_ends_with_a_heading_and_consent_never_stands_alone(default_demo, tmp_path):
    demo = default_demo
    ids = [r for (r,) in demo.db.execute("SELECT id FROM referrals ORDER BY id")]
    services = set()
    for rid in ids:
        out = tmp_path / f"referral-{rid}.pdf"
        model = packs.referral_model(demo, rid, today=TODAY)
        services.add(model.service)
        packs.export_referral(demo, rid, out, today=TODAY, invariant=True)
        pages = PdfReader(str(out)).pages
        titles = [
            "Referral",
            "The child or young person",
            "Family: parents and carers",
            "SEN status and needs",
            "Reason for referral",
            "What has been tried, and its impact",
            # sections a referral carries only when the record holds them
            *(["Observations from staff"] if model.observations else []),
            "Other professionals involved",
            f"Questions for {model.service_name}",
            "What the school is asking the service for",
            *(["Reports attached"] if model.attachments else []),
            "Consent",
        ]
        headings = [f"{n}. {t}" for n, t in enumerate(titles, start=1)]
        asks, consent = headings[titles.index("What the school is asking the service for")], headings[-1]
        for number, page in enumerate(pages, start=1):
            lines = body_lines(page)
            assert lines, f"referral {rid}: page {number} is empty"
            assert ends_with_a_heading(lines, headings) is None, (rid, number, lines[-2:])
        last = " ".join(body_lines(pages[-1]))
        # the consent section is on the last page with what the school asks for, not on its own
        assert consent in last and asks in last, (
            rid,
            last[:80],
        )
    assert services == {"ep", "salt", "camhs", "ot", "sts"}  # all five services were looked at
