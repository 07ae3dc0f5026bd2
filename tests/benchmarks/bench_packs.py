"""Pack speed: an EHCNA request with five cycles (target < 1 s) and the governors' summary for
a 2,000-pupil school (target < 3 s). Run: .venv/bin/python tests/benchmarks/bench_packs.py"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "reports")]
# The imports below are found through the path just set (E402 is right for a script like this).

from pack_samples import (  # noqa: E402
    cycle,
    evidence,
    make_ehcna,
)

from sencodesk.domain.upn import check_letter  # noqa: E402
from sencodesk.reports import ehcna  # noqa: E402
from sencodesk.reports.models import GraduatedEvidence  # noqa: E402
from sencodesk.services import packs, pupils, settings  # noqa: E402
from sencodesk.services.actor import open_school  # noqa: E402


def timed(label: str, fn, target: float) -> None:
    fn()  # warm: font registration and imports happen once per process
    start = time.perf_counter()
    fn()
    took = time.perf_counter() - start
    print(f"{label}: {took:.2f} s (target < {target} s) {'OK' if took < target else 'TOO SLOW'}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        model = make_ehcna()
        ev: GraduatedEvidence = evidence(cycles=5)
        ev.cycles = [cycle(i) for i in range(5, 0, -1)]
        model.evidence = ev
        timed("EHCNA request, five cycles", lambda: ehcna.build(model, tmp / "e.pdf"), 1.0)

        actor = open_school(tmp / "school")
        settings.save_school(actor, {"school_name": "Big School", "urn": "123456", "senco_name": "Ms K"})
        rng = random.Random(1)
        needs = ["SLCN", "SPLD", "MLD", "SEMH", "ASD", "HI", "PD"]
        for i in range(2000):
            body = f"93820012{i:04d}"
            status = rng.choice("NNNNNKKE")
            pupils.add_pupil(
                actor,
                {
                    "upn": check_letter(body) + body,
                    "legal_surname": "Pupil" + "".join(chr(97 + int(d)) for d in f"{i:04d}"),
                    "legal_forename": "Sam",
                    "dob": "01/01/2016",
                    "gender": rng.choice("FM"),
                    "year_group": rng.choice("23456"),
                    "sen_status": status,
                    "primary_need": rng.choice(needs) if status != "N" else "",
                    "admission_date": "01/09/2021",
                    "sen_start_date": "01/09/2024" if status != "N" else "",
                    "pupil_premium": rng.random() < 0.25,
                },
                today=date(2026, 11, 29),
            )
        timed(
            "Governors' summary, 2,000 pupils",
            lambda: packs.export_summary(actor, tmp / "s.pdf", named=True),
            3.0,
        )
        actor.close()


if __name__ == "__main__":
    main()
