"""Benchmark for the graduated approach: a big synthetic school, then the dashboard and a
pupil's record timed.

    .venv/bin/python tests/benchmarks/graduated.py [--pupils 2000] [--data-dir DIR]

The functions are importable so the lead's benchmark can call them:
build_school(data_dir, pupils, seed) -> Actor; time_dashboard(actor); time_open_pupil(actor).
With 2,000 pupils all given 1-5 cycles this makes about 6,000 cycles, 15,000+ outcomes and
50,000+ sessions (figures printed).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sencodesk.demo.graduated import add_graduated_history
from sencodesk.domain.upn import check_letter
from sencodesk.services import cycles, dashboard, pupils, settings
from sencodesk.services.actor import Actor, open_school
from sencodesk.store import bulk
from sencodesk.store.rows import now_iso

NEEDS = ["SPLD", "MLD", "SEMH", "SLCN", "ASD", "PD", "HI"]
SURNAMES = ["Smith", "Jones", "Patel", "Khan", "Brown", "Taylor", "Wilson", "Evans", "Ahmed", "Walker"]
FORENAMES = ["Amy", "Ben", "Cara", "Dev", "Ella", "Finn", "Grace", "Hari", "Isla", "Jack", "Kai", "Lily"]


def build_school(data_dir: Path, pupils_count: int = 2000, seed: int = 1, today: date | None = None) -> Actor:
    """A school where every pupil is on the register (K, some E) since five years ago, with
    the demo generator's graduated-approach history."""
    today = today or date.today()
    rng = random.Random(seed)
    s = open_school(data_dir)
    settings.save_school(
        s,
        {
            "school_name": "Benchmark Academy",
            "senco_name": "Ms B Mark",
            "la_number": "938",
            "estab_number": "4001",
        },
    )
    stamp = now_iso()
    start = today - timedelta(days=5 * 365)
    rows = []
    for i in range(pupils_count):
        body = f"938400{19 + i // 1000:02d}{i % 1000:03d}"
        status = "E" if i % 9 == 0 else "K"
        rows.append(
            {
                "upn": check_letter(body) + body,
                "legal_surname": rng.choice(SURNAMES),
                "legal_forename": rng.choice(FORENAMES),
                "dob": "2015-01-01",
                "gender": rng.choice("MF"),
                "year_group": str(rng.randint(1, 11)),
                "class_name": "",
                "admission_date": start.isoformat(),
                "sen_status": status,
                "sen_start_date": start.isoformat(),
                "primary_need": rng.choice(NEEDS),
                "version": 1,
                "created_at": stamp,
                "updated_at": stamp,
                "updated_by": "benchmark",
            }
        )
    with s.write() as db:
        bulk.insert_rows(db, "pupils", rows)
    add_graduated_history(s, rng, today, {})
    return s


def _timed(fn, repeat: int = 20) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def time_dashboard(actor: Actor) -> tuple[float, float]:
    """(median ms, worst ms) to build the dashboard (every figure and the lists behind them)."""
    return _timed(lambda: dashboard.dashboard(actor))


def time_open_pupil(actor: Actor, pupil_id: int | None = None) -> tuple[float, float]:
    """(median ms, worst ms) to open a pupil: their record and all their cycles with every part.
    Defaults to the pupil with the most cycles."""
    if pupil_id is None:
        pupil_id = actor.db.execute(
            "SELECT pupil_id FROM cycles GROUP BY pupil_id ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()[0]

    def open_pupil():
        pupils.get_pupil(actor, pupil_id)
        cycles.pupil_record(actor, pupil_id)

    return _timed(open_pupil)


def time_register(actor: Actor) -> tuple[float, float]:
    return _timed(lambda: pupils.list_register(actor), repeat=5)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="sencodesk-bench-"))
    t = time.perf_counter()
    s = build_school(folder, args.pupils)
    print(f"built in {time.perf_counter() - t:.1f} s at {folder}")
    for table in ("pupils", "cycles", "outcomes", "allocations", "sessions", "reviews", "concerns"):
        print(f"  {table:12} {s.db[table].count:>7,}")
    for name, fn in (
        ("dashboard", time_dashboard),
        ("open pupil", time_open_pupil),
        ("register", time_register),
    ):
        median, worst = fn(s)
        print(f"{name:12} median {median:6.1f} ms   worst {worst:6.1f} ms")
    s.close()


if __name__ == "__main__":
    main()
