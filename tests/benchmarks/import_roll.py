"""Benchmark: import a 2,000-pupil roll (target: under 2 s), then re-import it.

Run: .venv/bin/python tests/benchmarks/import_roll.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from sencodesk.domain.upn import check_letter
from sencodesk.services import importing, settings
from sencodesk.services.actor import open_school

ROWS = 2000
NEEDS = ["", "", "", "SLCN - Speech, Language and Communication Needs", "SEMH", "MLD", "ASD", "SPLD"]


def letters(i: int) -> str:
    """Names cannot hold digits: 0 -> 'Aaa', 1 -> 'Aab', ..."""
    out = ""
    for _ in range(3):
        i, rem = divmod(i, 26)
        out = chr(97 + rem) + out
    return out.capitalize()


def make_file(folder: Path, seed: int) -> Path:
    rnd = random.Random(seed)
    lines = [
        "UPN,Legal Surname,Legal Forename,DOB,Gender,Year Group,Reg Group,SEN Status,"
        "Primary Need,Pupil Premium,EAL,FSM"
    ]
    for i in range(ROWS):
        body = f"9382001{i // 1000:02d}{i % 1000:03d}"
        year = 1 + i % 6
        need = rnd.choice(NEEDS)
        status = ("K - SEN Support" if rnd.random() < 0.8 else "E") if need else "N"
        lines.append(
            f"{check_letter(body)}{body},Smith{letters(i).lower()},Amy{letters(i + seed).lower()},"
            f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 8):02d}/{2021 - year},"
            f'{rnd.choice("FM")},Year {year},{year}{rnd.choice("ABC")},{status},"{need}",'
            f"{rnd.choice(['Yes', 'No'])},{rnd.choice(['Y', 'N'])},{rnd.choice(['Y', 'N'])}"
        )
    path = folder / f"roll{seed}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def as_xlsx(csv_path: Path) -> Path:
    import csv

    from openpyxl import Workbook

    book = Workbook()
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            book.active.append(row)
    path = csv_path.with_suffix(".xlsx")
    book.save(path)
    return path


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        actor = open_school(folder / "school")
        settings.save_school(actor, {"school_name": "Bench School", "senco_name": "Ms B"})
        for label, seed in (("first import", 1), ("re-import, changes", 2)):
            path = make_file(folder, seed)
            start = time.perf_counter()
            plan = importing.import_roll_file(actor, path)
            took = time.perf_counter() - start
            print(f"{label}: {ROWS} rows in {took:.2f} s ({plan.headline})")
        start = time.perf_counter()
        importing.import_roll_file(actor, path, dry_run=True)
        print(f"dry run: {time.perf_counter() - start:.2f} s")
        xlsx = as_xlsx(path)
        start = time.perf_counter()
        plan = importing.import_roll_file(actor, xlsx)
        print(f"same roll as .xlsx: {time.perf_counter() - start:.2f} s ({plan.headline})")
        actor.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
