"""Benchmark for the graduated-approach screens in the real window (needs a display; under
Linux run it with `xvfb-run -a`): a big synthetic school, then the clicks a SENCO makes timed.

    .venv/bin/python tests/benchmarks/graduated_ui.py [--pupils 2000] [--data-dir DIR]

Each figure is what a person waits for after a click, laid out and drawn (update_idletasks).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from graduated import build_school

from sencodesk.ui.app import build_main_window, make_root


def _timed(root, fn, repeat: int = 10) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        root.update_idletasks()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="sencodesk-bench-ui-"))
    actor = build_school(folder, args.pupils)
    busiest = actor.db.execute(
        "SELECT pupil_id FROM cycles GROUP BY pupil_id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    root = make_root(actor)
    window = build_main_window(actor, root)
    root.update()

    def open_record():
        record = window.open_pupil(busiest)
        record.update_idletasks()
        record.close()

    def support_click():  # the record is open already: only the click on the Support tab
        record = window.open_pupil(busiest)
        record.update()
        start = time.perf_counter()
        record.tabs.select(record.support)
        record.update()
        took = (time.perf_counter() - start) * 1000
        record.close()
        return took

    clicks = [support_click() for _ in range(10)]

    def dashboard():  # show() refreshes the screen (on_show), as a click on it does
        window.show("dashboard")

    results = {
        "open record": _timed(root, open_record),
        "Support tab click": (statistics.median(clicks), max(clicks)),
        "dashboard": _timed(root, dashboard),
        "concerns": _timed(root, lambda: window.show("concerns")),
        "provision screen": _timed(root, lambda: window.show("provision")),
        "whole-school provision map": _timed(root, lambda: window.screens["provision"].load_map()),
    }
    print(
        f"{args.pupils} pupils, {actor.db['cycles'].count:,} cycles, {actor.db['outcomes'].count:,} outcomes,"
        f" {actor.db['sessions'].count:,} sessions"
    )
    for name, (median, worst) in results.items():
        print(f"{name:24} median {median:6.1f} ms   worst {worst:6.1f} ms")
    root.destroy()
    actor.close()


if __name__ == "__main__":
    main()
