"""What attached documents cost: the data file's size, a backup, the start-up check, a pupil's list
and a bundle, with 0, then MB1, then MB2 megabytes of documents, in an encrypted school (as a
school's is). Not a test: pytest never collects it.

    python tests/benchmarks/bench_attachments.py [--mb 0,100,500] [--pupils 50]

Each document is a 2 MB scanned-looking PDF (a photo of noise: it does not compress), spread over
--pupils pupils, five a pupil at most. Prints one line per size.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from sencodesk.services import attachments, backups, encryption, packs, pupils, settings  # noqa: E402
from sencodesk.services.actor import open_school  # noqa: E402
from sencodesk.store import db as store_db  # noqa: E402
from tests.helpers import SCHOOL, pupil_form  # noqa: E402

DOC_MB = 2
PASSPHRASE = "a long school passphrase for the benchmark"


def noise_pdf(serial: int, jpeg: bytes) -> bytes:
    """A one-page PDF holding a noisy 'scan' (about DOC_MB) and a line that makes it unique."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawImage(ImageReader(io.BytesIO(jpeg)), 40, 80, 515, 700)
    c.drawString(40, 40, f"Report {serial}")
    c.showPage()
    c.save()
    return out.getvalue()


def noise_jpeg() -> bytes:
    from PIL import Image

    rng = random.Random(7)
    side = 1100
    image = Image.frombytes("RGB", (side, side), bytes(rng.getrandbits(8) for _ in range(side * side * 3)))
    for quality in (95, 90, 85, 80):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality)
        if len(out.getvalue()) <= DOC_MB * 1024 * 1024:
            return out.getvalue()
    return out.getvalue()


def seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(mb: int, pupil_count: int, jpeg: bytes, workdir: Path) -> dict:
    data_dir = workdir / f"school-{mb}"
    actor = open_school(data_dir)
    settings.save_school(actor, SCHOOL)
    ids = [
        pupils.add_pupil(actor, pupil_form(sen_status="K", primary_need="SLCN"))[0]
        for _ in range(pupil_count)
    ]
    encryption.encrypt_school(actor, PASSPHRASE)
    docs = workdir / "docs"
    docs.mkdir(exist_ok=True)
    count = mb // DOC_MB
    adding = 0.0
    for n in range(count):
        path = docs / f"r{n}.pdf"
        path.write_bytes(noise_pdf(n, jpeg))
        form = {
            "title": f"Report {n}",
            "kind": "report",
            "author": "Dr Jones",
            "document_date": "12/03/2026",
            "visibility": "teachers",
        }
        pupil_id = ids[n % pupil_count]
        adding += seconds(lambda: attachments.add_attachment(actor, pupil_id, path, form))  # noqa: B023
        path.unlink()
    adding = adding / count if count else 0.0
    actor.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = store_db.db_path(data_dir).stat().st_size
    backup = seconds(lambda: backups.take_backup(actor, workdir / f"backup-{mb}.db"))
    listing = seconds(lambda: attachments.list_attachments(actor, ids[0]))
    bundle = 0.0
    chosen = [a.id for a in attachments.list_attachments(actor, ids[0])]
    if chosen:
        bundle = seconds(
            lambda: packs.export_ehcna(
                actor, ids[0], workdir / f"b{mb}.pdf", attachments=chosen, bundle="pdf"
            )
        )
    key = actor.key
    actor.close()
    check = seconds(lambda: open_school(data_dir, key=key).close())  # the start-up quick_check reads it all
    shutil.rmtree(data_dir, ignore_errors=True)
    (workdir / f"backup-{mb}.db").unlink(missing_ok=True)
    return {
        "mb": mb,
        "documents": count,
        "file_mb": round(size / 1024 / 1024, 1),
        "add_s": round(adding, 3),
        "backup_s": round(backup, 2),
        "open_s": round(check, 2),
        "list_ms": round(listing * 1000, 1),
        "bundle_s": round(bundle, 2),
        "bundled": len(chosen),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", default="0,100,500")
    parser.add_argument("--pupils", type=int, default=50)
    args = parser.parse_args()
    jpeg = noise_jpeg()
    with tempfile.TemporaryDirectory() as tmp:
        for mb in (int(x) for x in args.mb.split(",")):
            print(measure(mb, args.pupils, jpeg, Path(tmp)), flush=True)


if __name__ == "__main__":
    main()
