"""SENCO desk speed, measured on a large demo school (not a test: pytest never collects it).

    python tests/benchmarks/bench.py [--pupils N] [--repeat R]

Prints ONE JSON object: medians in milliseconds. Each measurement is a function in MEASUREMENTS
taking the Bench and returning a dict of results, so later issues add theirs by appending one.
Targets (issue 2, on a 2-core machine): GUI start under 1 s, filter under 50 ms, open under 100 ms.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sencodesk.demo import build_demo  # noqa: E402
from sencodesk.services import pupils  # noqa: E402
from sencodesk.services.session import Session, open_session  # noqa: E402


@dataclass
class Bench:
    pupils: int
    repeat: int
    workdir: Path
    data_dir: Path | None = None
    session: Session | None = None
    notes: list[str] = field(default_factory=list)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def timed(func: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median wall time of `repeat` calls, in ms, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return ms(statistics.median(times)), result


def demo_build(b: Bench) -> dict:
    """Build the demo school (a few times, each in a fresh folder); keep the last one open."""
    times = []
    for i in range(max(1, min(3, b.repeat))):
        folder = b.workdir / f"school{i}"
        start = time.perf_counter()
        build_demo(folder, phase="secondary", pupils=b.pupils, seed=2026)
        times.append(time.perf_counter() - start)
        b.data_dir = folder
    b.session = open_session(b.data_dir)
    return {"demo_build_ms": ms(statistics.median(times)), "demo_builds": len(times)}


def register_load(b: Bench) -> dict:
    took, rows = timed(lambda: pupils.list_register(b.session, include_leavers=False), b.repeat)
    return {"register_load_ms": took, "register_rows": len(rows)}


def filter_keystroke(b: Bench) -> dict:
    """What the register does per keystroke: RegisterRow.matches plus the year/status/need filters,
    over rows already in memory. Typing 'smi' then 'jac' is six keystrokes; the worst counts."""
    rows = pupils.list_register(b.session, include_leavers=False)

    def keystroke(text: str, year: str | None, status: str | None, need: str | None):
        return [r for r in rows if r.matches(text)
                and (year is None or r.year_group == year)
                and (status is None or r.sen_status == status)
                and (need is None or need in (r.primary_need, r.secondary_need))]

    cases = [(t, None, None, None) for t in ("s", "sm", "smi", "j", "ja", "jac")]
    cases += [("", "9", None, None), ("", None, "K", None), ("a", "10", "K", "SLCN")]
    medians = [timed(lambda c=c: keystroke(*c), b.repeat)[0] for c in cases]
    return {"filter_keystroke_ms": statistics.median(medians), "filter_keystroke_worst_ms": max(medians)}


def open_pupil(b: Bench) -> dict:
    """get_pupil (record, contacts, SEN history) for pupils picked at random."""
    ids = [r.id for r in pupils.list_register(b.session)]
    rng = random.Random(1)
    picks = [rng.choice(ids) for _ in range(max(b.repeat, 25))]
    times = []
    for pupil_id in picks:
        start = time.perf_counter()
        pupils.get_pupil(b.session, pupil_id)
        times.append(time.perf_counter() - start)
    return {"open_pupil_ms": ms(statistics.median(times)), "open_pupil_worst_ms": ms(max(times))}


# The GUI is timed in a fresh process each run: what a person waits for after double-clicking.
GUI_SCRIPT = r"""
import sys, time
start = time.perf_counter()
from pathlib import Path
from sencodesk.services.session import open_session
from sencodesk.ui.app import build_main_window
session = open_session(Path(sys.argv[1]))
window = build_main_window(session)
root = getattr(window, "root", None) or window
root.update_idletasks(); root.update()
print(time.perf_counter() - start, flush=True)
root.destroy()
"""

BARE_SCRIPT = r"""
import sys, time
start = time.perf_counter()
import ttkbootstrap as ttk
root = ttk.Window(title="bare", themename="litera")
columns = ("surname", "forename", "year", "class", "status", "need", "second")
tree = ttk.Treeview(root, columns=columns, show="headings")
for c in columns:
    tree.heading(c, text=c)
for i in range(int(sys.argv[1])):
    tree.insert("", "end", values=(f"Surname{i}", "Forename", "Year 9", "9A", "K", "SLCN", ""))
tree.pack(fill="both", expand=True)
root.update_idletasks(); root.update()
print(time.perf_counter() - start, flush=True)
root.destroy()
"""


def _display_env(b: Bench) -> dict | None:
    """An X display for the GUI runs: the current one, or a virtual one if Xvfb is installed."""
    if os.environ.get("DISPLAY") or sys.platform in ("win32", "darwin"):
        return dict(os.environ)
    if not shutil.which("Xvfb"):
        return None
    # -displayfd: Xvfb picks a free display number and writes it once it is ready.
    proc = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    _CLEANUP.append(proc)
    number = proc.stdout.readline().strip()
    if not number.isdigit():
        b.notes.append("GUI start not timed: Xvfb did not start")
        return None
    b.notes.append(f"GUI timed on a virtual screen (Xvfb :{number})")
    return dict(os.environ, DISPLAY=f":{number}")


_CLEANUP: list[subprocess.Popen] = []


def _run_gui(script: str, arg: str, env: dict, repeat: int) -> float | str:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", script, arg], capture_output=True, text=True,
                              env=env | {"PYTHONPATH": str(ROOT)}, timeout=120)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            return "failed: " + (done.stderr.strip().splitlines() or ["no output"])[-1]
        times.append(wall)  # whole process: interpreter start, imports, window, first paint
    return ms(statistics.median(times))


def gui_start(b: Bench) -> dict:
    """Start to register shown, next to a bare ttkbootstrap window with a table of as many rows."""
    if importlib.util.find_spec("sencodesk.ui") is None or \
            importlib.util.find_spec("sencodesk.ui.app") is None:
        b.notes.append("GUI start not timed: sencodesk.ui.app is not in this build yet")
        return {"gui_start_ms": None}
    env = _display_env(b)
    if env is None:
        b.notes.append("GUI start not timed: no display and no Xvfb")
        return {"gui_start_ms": None}
    runs = max(1, min(5, b.repeat))
    rows = len(pupils.list_register(b.session, include_leavers=False))
    return {"gui_start_ms": _run_gui(GUI_SCRIPT, str(b.data_dir), env, runs),
            "bare_ttkbootstrap_table_ms": _run_gui(BARE_SCRIPT, str(rows), env, runs)}


def statutory(b: Bench) -> dict:
    """The Deadlines screen's query (every statutory date in the school) and the annual review
    pack's read model for a pupil with a plan (plan, reviews, linked cycles, provision)."""
    from sencodesk.services import annual_review_pack, deadlines

    took, items = timed(lambda: deadlines.deadlines(b.session), b.repeat)
    planned = [r["pupil_id"] for r in b.session.db.query("SELECT pupil_id FROM ehc_plans WHERE status = 'current'")]
    result = {"deadlines_ms": took, "deadlines_rows": len(items)}
    if planned:
        result["annual_review_model_ms"] = timed(
            lambda: annual_review_pack.annual_review_model(b.session, planned[0]), b.repeat)[0]
    return result


MEASUREMENTS: list[Callable[[Bench], dict]] = [demo_build, register_load, filter_keystroke,
                                               open_pupil, gui_start, statutory]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement (medians)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sencodesk-bench-") as tmp:
        bench = Bench(pupils=args.pupils, repeat=args.repeat, workdir=Path(tmp))
        result: dict = {"pupils": args.pupils, "repeat": args.repeat, "python": platform.python_version(),
                        "machine": platform.machine(), "cpus": os.cpu_count()}
        try:
            for measure in MEASUREMENTS:
                result |= measure(bench)
        finally:
            if bench.session is not None:
                bench.session.close()
            for proc in _CLEANUP:
                proc.terminate()
                proc.wait()
        result["notes"] = bench.notes
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
