"""SENCO desk speed, measured on a large demo school (not a test: pytest never collects it).

    python tests/benchmarks/bench.py [--pupils N] [--repeat R]
    python tests/benchmarks/bench.py --scale [500,2000,8000] [--repeat R]

Prints ONE JSON object: medians in milliseconds, memory in MB. --scale runs the whole benchmark
once per size, each in a fresh process (so peak memory is that size's own), and adds how each
figure grows from one size to the next. Each measurement is a function in MEASUREMENTS
taking the Bench and returning a dict of results, so later issues add theirs by appending one.
The school: a secondary demo school of --pupils pupils with five years of history behind it
(about 450 on the register, 6,000 cycles, 20,000 outcomes, 50,000 sessions, 1,000 referrals at
2,000 pupils: tests/benchmarks/large_school.py).
Targets (on a 2-core machine, issue 8): GUI start under 1 s and within 2x a bare ttkbootstrap
window, filter under 50 ms, open pupil under 100 ms, dashboard under 100 ms, EHCNA pack under
1 s, summary under 3 s, import of a 2,000-row roll under 2 s, peak memory under 200 MB; and
(issue 13) `sencodesk pupils` as a process within 0.3 s beyond its password check; (issue 17)
the inclusion case sample's whole-school list under 1 s, a pupil's pack under 1 s.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
# The imports below are found through the path just set (E402 is right for a script like this).

from sencodesk.demo import build_demo  # noqa: E402
from sencodesk.demo.roll import roll_forms  # noqa: E402
from sencodesk.domain.upn import check_letter  # noqa: E402
from sencodesk.services import case_sample, cycles, dashboard, importing, packs, pupils, settings  # noqa: E402
from sencodesk.services.actor import Actor, open_school  # noqa: E402


@dataclass
class Bench:
    pupils: int
    repeat: int
    workdir: Path
    data_dir: Path | None = None
    actor: Actor | None = None
    notes: list[str] = field(default_factory=list)
    display: dict | None = None  # environment with an X display, once one is found or started
    display_tried: bool = False


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


DEMO_MAX = 5000  # the demo school's own limit (sencodesk.demo.build_demo)
# The extra pupils' UPNs are re-issued under an establishment number no demo school uses
# (demo schools are 2000-2999 or 4000-4999, their pupils' first schools 2000-3999), one serial
# per allocation year, so they can never clash with the demo's own pupils.
TOP_UP_ESTAB = "1999"


def build_school(folder: Path, count: int, seed: int = 2026) -> None:
    """The demo school; past the demo's limit, topped up with more pupils on roll (added through
    the same service as a roll import) so a trust-sized file can be measured. The top-up pupils
    carry register data and contacts but no graduated-approach history."""
    from large_school import add_years_of_history

    build_demo(folder, phase="secondary", pupils=min(count, DEMO_MAX), seed=seed)
    actor = open_school(folder)
    try:
        scale = min(count, DEMO_MAX) / 2000  # the figures are for 2,000 pupils
        add_years_of_history(
            actor,
            on_register=round(450 * scale),
            target_cycles=round(6000 * scale),
            target_outcomes=round(20000 * scale),
            referrals=round(1000 * scale),
            seed=seed,
        )
    finally:
        actor.close()
    extra = count - DEMO_MAX
    if extra <= 0:
        return
    actor = open_school(folder)
    try:
        la = settings.get_settings(actor)["la_number"]
        forms, _ = roll_forms(random.Random(seed + 1), "secondary", extra, la, TOP_UP_ESTAB, date.today())
        serials: dict[str, int] = {}
        for form in forms:
            year = form["upn"][7:9]
            serials[year] = serials.get(year, -1) + 1
            if serials[year] > 999:
                raise SystemExit(f"{count:,} pupils is more than this benchmark can give UPNs to")
            body = f"{la}{TOP_UP_ESTAB}{year}{serials[year]:03d}"
            form["upn"] = check_letter(body) + body
        pupils.add_pupils(actor, forms)
    finally:
        actor.close()


def demo_build(b: Bench) -> dict:
    """Build the demo school (a few times, each in a fresh folder); keep the last one open."""
    times = []
    for i in range(max(1, min(3, b.repeat))):
        folder = b.workdir / f"school{i}"
        start = time.perf_counter()
        build_school(folder, b.pupils)
        times.append(time.perf_counter() - start)
        b.data_dir = folder
    if b.pupils > DEMO_MAX:
        b.notes.append(
            f"{b.pupils:,} pupils: the {DEMO_MAX:,}-pupil demo school plus "
            f"{b.pupils - DEMO_MAX:,} more on roll without graduated-approach history"
        )
    b.actor = open_school(b.data_dir)
    return {"demo_build_ms": ms(statistics.median(times)), "demo_builds": len(times)}


def register_load(b: Bench) -> dict:
    took, rows = timed(lambda: pupils.list_register(b.actor, include_leavers=False), b.repeat)
    return {"register_load_ms": took, "register_rows": len(rows)}


def filter_keystroke(b: Bench) -> dict:
    """What the register does per keystroke: RegisterRow.matches plus the year/status/need filters,
    over rows already in memory. Typing 'smi' then 'jac' is six keystrokes; the worst counts."""
    rows = pupils.list_register(b.actor, include_leavers=False)

    def keystroke(text: str, year: str | None, status: str | None, need: str | None):
        return [
            r
            for r in rows
            if r.matches(text)
            and (year is None or r.year_group == year)
            and (status is None or r.sen_status == status)
            and (need is None or need in (r.primary_need, r.secondary_need))
        ]

    cases = [(t, None, None, None) for t in ("s", "sm", "smi", "j", "ja", "jac")]
    cases += [("", "9", None, None), ("", None, "K", None), ("a", "10", "K", "SLCN")]
    medians = [timed(lambda c=c: keystroke(*c), b.repeat)[0] for c in cases]
    return {"filter_keystroke_ms": statistics.median(medians), "filter_keystroke_worst_ms": max(medians)}


def _most_cycles(b: Bench) -> int:
    return b.actor.db.execute(
        "SELECT pupil_id FROM cycles GROUP BY pupil_id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]


def open_pupil(b: Bench) -> dict:
    """A pupil's whole record as the pupil window reads it: get_pupil (record, contacts, SEN
    history) and every cycle with its outcomes, allocations, sessions and reviews. Pupils picked
    at random, and the one with the most cycles."""

    def read(pupil_id: int) -> None:
        pupils.get_pupil(b.actor, pupil_id)
        cycles.pupil_record(b.actor, pupil_id)

    ids = [r.id for r in pupils.list_register(b.actor)]
    rng = random.Random(1)
    picks = [rng.choice(ids) for _ in range(max(b.repeat, 25))]
    times = []
    for pupil_id in picks:
        start = time.perf_counter()
        read(pupil_id)
        times.append(time.perf_counter() - start)
    busiest, _ = timed(lambda: read(_most_cycles(b)), b.repeat)
    return {
        "open_pupil_ms": ms(statistics.median(times)),
        "open_pupil_worst_ms": ms(max(times)),
        "open_busiest_pupil_ms": busiest,
    }


def history_size(b: Bench) -> dict:
    db = b.actor.db
    return {
        f"{t}_rows": db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("cycles", "outcomes", "sessions", "reviews", "referrals")
    } | {"on_register": pupils.register_counts(b.actor)["K"] + pupils.register_counts(b.actor)["E"]}


def dashboard_refresh(b: Bench) -> dict:
    took, _ = timed(lambda: dashboard.dashboard(b.actor), b.repeat)
    return {"dashboard_ms": took}


def packs_built(b: Bench) -> dict:
    """The EHCNA request for a pupil with five cycles, a referral pack, and the governors'
    summary for the whole school, each written to a PDF file."""
    out = b.workdir / "packs"
    out.mkdir(exist_ok=True)
    five = b.actor.db.execute(
        "SELECT pupil_id FROM cycles GROUP BY pupil_id HAVING COUNT(*) >= 5 LIMIT 1"
    ).fetchone()
    pupil_id = five[0] if five else _most_cycles(b)
    referral_id = b.actor.db.execute("SELECT id FROM referrals ORDER BY id LIMIT 1").fetchone()[0]
    runs = max(1, min(3, b.repeat))
    ehcna, _ = timed(lambda: packs.export_ehcna(b.actor, pupil_id, out / "ehcna.pdf", cycles=5), runs)
    referral, _ = timed(lambda: packs.export_referral(b.actor, referral_id, out / "referral.pdf"), runs)
    summary, _ = timed(lambda: packs.export_summary(b.actor, out / "summary.pdf"), runs)
    return {"ehcna_pack_ms": ehcna, "referral_pack_ms": referral, "summary_pack_ms": summary}


def inclusion_case_sample(b: Bench) -> dict:
    """Ofsted's inclusion case sample: the whole-school list of gaps (every pupil on the register,
    as Reports opens it) and the pack of the pupil with the most cycles, with its page count."""
    from pypdf import PdfReader

    gaps, found = timed(lambda: case_sample.school_gaps(b.actor), b.repeat)
    pupil_id = _most_cycles(b)
    out = b.workdir / "packs"
    out.mkdir(exist_ok=True)
    runs = max(1, min(3, b.repeat))
    pack, result = timed(lambda: case_sample.export_case_sample(b.actor, pupil_id, out / "case.pdf"), runs)
    return {
        "case_sample_school_ms": gaps,
        "case_sample_pupils": len(found.pupils),
        "case_sample_with_gaps": len(found.with_gaps),
        "case_sample_pack_ms": pack,
        "case_sample_pack_pages": len(PdfReader(result.path).pages),
    }


def roll_import(b: Bench) -> dict:
    """A 2,000-row MIS roll (CSV) into a set-up school with an empty register, in one transaction."""
    from import_roll import make_file

    runs = max(1, min(3, b.repeat))
    times = []
    for i in range(runs):
        folder = b.workdir / f"import{i}"
        build_demo(folder, phase="secondary", pupils=0, seed=1)
        roll = make_file(b.workdir, seed=i)
        actor = open_school(folder)
        try:
            start = time.perf_counter()
            importing.import_roll_file(actor, roll)
            times.append(time.perf_counter() - start)
        finally:
            actor.close()
    return {"import_2000_rows_ms": ms(statistics.median(times))}


# The GUI is timed in a fresh process each run: what a person waits for after double-clicking.
GUI_SCRIPT = r"""
import sys, time
start = time.perf_counter()
from pathlib import Path
from sencodesk.services.actor import open_school
from sencodesk.ui.app import build_main_window
actor = open_school(Path(sys.argv[1]))
window = build_main_window(actor)
root = getattr(window, "root", None) or window
root.update_idletasks(); root.update()
shown_at = time.time()
started = time.perf_counter() - start
register = window.screens["register"]
keys = []
for text in ("s", "sm", "smi", "j", "ja", "jac", ""):
    t = time.perf_counter(); register.search_var.set(text); root.update_idletasks(); root.update()
    keys.append(time.perf_counter() - t)
busiest = [r[0] for r in actor.db.execute(
    "SELECT pupil_id FROM cycles GROUP BY pupil_id ORDER BY COUNT(*) DESC, pupil_id LIMIT 5")]
t = time.perf_counter(); record = window.open_pupil(busiest[0]); root.update_idletasks(); root.update()
opened = time.perf_counter() - t  # the first record right after start: its code loads too
again = []
for pupil_id in busiest:  # then as a person works: close the record (Esc), read, open the next
    record.close()
    idle_until = time.perf_counter() + 1.0  # a second of a running event loop between opens
    while time.perf_counter() < idle_until:
        root.update(); time.sleep(0.01)
    t = time.perf_counter(); record = window.open_pupil(pupil_id); root.update_idletasks(); root.update()
    again.append(time.perf_counter() - t)
# What opening no longer waits for: the next record's window, built hidden while nobody waits.
ahead = []
for _ in range(3):
    t = time.perf_counter(); spare = window._new_record(); root.update_idletasks()
    ahead.append(time.perf_counter() - t); spare.destroy()
import json, statistics
print(json.dumps({"shown_at": shown_at, "start": started, "key": statistics.median(keys),
                  "key_worst": max(keys), "open": opened, "open_again": statistics.median(again),
                  "open_again_worst": max(again), "built_ahead": statistics.median(ahead)}), flush=True)
root.destroy()
"""

BARE_SCRIPT = r"""
import json, sys, time
start = time.perf_counter()
import tkinter
import ttkbootstrap as ttk
root = ttk.App(title="bare", theme=sys.argv[2], minsize=(900, 560))
root.geometry(f"{min(root.winfo_screenwidth(), 1440)}x{min(root.winfo_screenheight() - 48, 900)}+0+0")
columns = ("surname", "forename", "year", "class", "status", "primary", "secondary", "review")
tree = ttk.Treeview(root, columns=columns, show="headings", selectmode="browse")
for c in columns:
    tree.heading(c, text=c)
for i in range(int(sys.argv[1])):
    tree.insert("", "end", iid=str(i), values=(f"Surname{i}", "Forename", "Year 9", "9A", "K - SEN support",
                                             "SLCN", "", "01/11/2026"))
tree.pack(fill="both", expand=True)
root.update_idletasks(); root.update()
print(json.dumps({"shown_at": time.time(), "start": time.perf_counter() - start}), flush=True)
root.destroy()
"""


def _display_env(b: Bench) -> dict | None:
    """An X display for the GUI runs: the current one, or a virtual one if Xvfb is installed
    (started once per benchmark run)."""
    if not b.display_tried:
        b.display_tried = True
        b.display = _find_display(b)
    return b.display


def _find_display(b: Bench) -> dict | None:
    if os.environ.get("DISPLAY") or sys.platform in ("win32", "darwin"):
        return dict(os.environ)
    if not shutil.which("Xvfb"):
        return None
    # -displayfd: Xvfb picks a free display number and writes it once it is ready.
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    _CLEANUP.append(proc)
    number = proc.stdout.readline().strip()
    if not number.isdigit():
        b.notes.append("GUI start not timed: Xvfb did not start")
        return None
    b.notes.append(f"GUI runs on a virtual screen (Xvfb :{number})")
    return dict(os.environ, DISPLAY=f":{number}")


_CLEANUP: list[subprocess.Popen] = []


def _run_gui(script: str, args: list[str], env: dict, repeat: int, inner: list | None = None) -> float | str:
    """Median time from starting the process (interpreter start, imports, window, first paint)
    to the window shown: the script prints the wall clock (time.time()) once it has painted, so
    whatever it does afterwards (the app's script goes on to time keystrokes and a pupil) is not
    counted. `inner` collects each run's JSON line."""
    times = []
    for _ in range(repeat):
        spawned = time.time()
        done = subprocess.run(
            [sys.executable, "-c", script, *args],
            capture_output=True,
            text=True,
            env=env | {"PYTHONPATH": str(ROOT)},
            timeout=120,
        )
        if done.returncode != 0:
            return "failed: " + (done.stderr.strip().splitlines() or ["no output"])[-1]
        found = json.loads(done.stdout.strip().splitlines()[-1])
        times.append(found["shown_at"] - spawned)
        if inner is not None:
            inner.append(found)
    return ms(statistics.median(times))


def _compile_bytecode() -> None:
    """An installed app runs from bytecode (pip compiles it, PyInstaller bundles it), like the
    libraries the bare window uses; with PYTHONDONTWRITEBYTECODE set (as in some shells and CI)
    the app's own modules would be compiled from source on every start and the comparison would
    measure that instead."""
    import compileall

    compileall.compile_dir(str(ROOT / "sencodesk"), quiet=1)


def gui_start(b: Bench) -> dict:
    """Start to register shown, next to a bare ttkbootstrap window in the app's theme, at the
    app's window size, with a table of the same columns and as many rows as the register loads
    (leavers included: the register inserts them all and hides leavers by filter)."""
    if (
        importlib.util.find_spec("sencodesk.ui") is None
        or importlib.util.find_spec("sencodesk.ui.app") is None
    ):
        b.notes.append("GUI start not timed: sencodesk.ui.app is not in this build yet")
        return {"gui_start_ms": None}
    env = _display_env(b)
    if env is None:
        b.notes.append("GUI start not timed: no display and no Xvfb")
        return {"gui_start_ms": None}
    from sencodesk.ui.appearance import theme_for

    _compile_bytecode()
    runs = max(1, min(5, b.repeat))
    rows = len(pupils.list_register(b.actor, include_leavers=True))
    theme = theme_for(settings.get_settings(b.actor).get("theme", "light"))
    inner: list[dict] = []
    result = {
        "gui_start_ms": _run_gui(GUI_SCRIPT, [str(b.data_dir)], env, runs, inner),
        "bare_ttkbootstrap_table_ms": _run_gui(BARE_SCRIPT, [str(rows), theme], env, runs),
    }
    if inner:  # what the window itself measured: a keystroke in the search box, a pupil opened
        result |= {
            "gui_filter_keystroke_ms": ms(statistics.median(f["key"] for f in inner)),
            "gui_filter_keystroke_worst_ms": ms(max(f["key_worst"] for f in inner)),
            "gui_open_pupil_first_ms": ms(statistics.median(f["open"] for f in inner)),
            "gui_open_pupil_ms": ms(statistics.median(f["open_again"] for f in inner)),
            "gui_open_pupil_worst_ms": ms(max(f["open_again_worst"] for f in inner)),
            # work moved off the click: the next record's window, built while idle
            "gui_record_built_ahead_ms": ms(statistics.median(f["built_ahead"] for f in inner)),
        }
    if isinstance(result["gui_start_ms"], float) and isinstance(result["bare_ttkbootstrap_table_ms"], float):
        result["gui_start_vs_bare"] = round(result["gui_start_ms"] / result["bare_ttkbootstrap_table_ms"], 2)
    return result


def statutory(b: Bench) -> dict:
    """The Deadlines screen's query (every statutory date in the school) and the annual review
    pack's read model for a pupil with a plan (plan, reviews, linked cycles, provision)."""
    from sencodesk.services import annual_review_pack, deadlines

    took, items = timed(lambda: deadlines.deadlines(b.actor), b.repeat)
    planned = [
        r["pupil_id"] for r in b.actor.db.query("SELECT pupil_id FROM ehc_plans WHERE status = 'current'")
    ]
    result = {"deadlines_ms": took, "deadlines_rows": len(items)}
    if planned:
        result["annual_review_model_ms"] = timed(
            lambda: annual_review_pack.annual_review_model(b.actor, planned[0]), b.repeat
        )[0]
    return result


def cli_pupils(b: Bench) -> dict:
    """`sencodesk pupils` as a script calls it: a fresh process signing in (SENCODESK_USER and
    SENCODESK_PASSWORD) and listing the register. Beside it, the bare interpreter's start and the
    deliberate cost of the password check (one scrypt verify), so what is left is the app's own
    cost. Target (issue 13): the whole process within 0.3 s beyond the password check."""
    from sencodesk.domain import passwords

    _compile_bytecode()
    env = dict(os.environ) | {
        "PYTHONPATH": str(ROOT),
        "SENCODESK_USER": "senco",
        "SENCODESK_PASSWORD": "demo",
    }
    env.pop("SENCODESK_DATA", None)
    runs = max(3, b.repeat)

    def process(args: list[str]) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, *args], env=env, capture_output=True, timeout=120)
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(f"sencodesk {' '.join(args)} failed: {done.stderr.decode()[-500:]}")
        return ms(statistics.median(times))

    stored = passwords.hash_password("demo")
    check_ms, _ = timed(lambda: passwords.verify_password("demo", stored), runs)
    whole = process(["-m", "sencodesk", "pupils", "--data-dir", str(b.data_dir)])
    return {
        "cli_pupils_ms": whole,
        "cli_python_start_ms": process(["-c", "pass"]),
        "cli_password_check_ms": check_ms,
        "cli_pupils_beyond_password_ms": round(whole - check_ms, 2),
    }


# Peak memory of what a person's computer runs: a fresh process that opens the school, loads
# the register, opens pupils and (when the GUI exists) builds the main window. A child process,
# so the benchmark's own demo build is not counted.
MEMORY_SCRIPT = r"""
import importlib.util, json, os, random, sys, time, tracemalloc
tracemalloc.start()
from pathlib import Path
from sencodesk.services import pupils
from sencodesk.services.actor import open_school
actor = open_school(Path(sys.argv[1]))
rows = pupils.list_register(actor)
rng = random.Random(1)
for row in rng.sample(rows, k=min(50, len(rows))):
    pupils.get_pupil(actor, row.id)
gui = False
if sys.argv[2] == "gui" and importlib.util.find_spec("sencodesk.ui.app") is not None:
    from sencodesk.ui.app import build_main_window
    window = build_main_window(actor)
    root = window.winfo_toplevel()
    root.update_idletasks(); root.update()
    gui = True
heap_peak = tracemalloc.get_traced_memory()[1]
rss = None
try:
    import resource
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss = maxrss / 1024 if sys.platform != "darwin" else maxrss / (1024 * 1024)  # KB on Linux, bytes on macOS
except ImportError:
    pass  # Windows: no resource module
print(json.dumps({"rss_mb": rss, "heap_mb": heap_peak / (1024 * 1024), "gui": gui}), flush=True)
"""


def peak_memory(b: Bench) -> dict:
    """Peak resident memory (ru_maxrss: Python, SQLite, Tk together) and the Python heap's peak
    (tracemalloc) of the app's process with the school open. Target: under 200 MB."""
    has_gui = (
        importlib.util.find_spec("sencodesk.ui") is not None
        and importlib.util.find_spec("sencodesk.ui.app") is not None
    )
    env = _display_env(b) if has_gui else None
    mode = "gui" if env is not None else "nogui"
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(b.data_dir), mode],
        capture_output=True,
        text=True,
        timeout=300,
        env=(env or dict(os.environ)) | {"PYTHONPATH": str(ROOT)},
    )
    if done.returncode != 0:
        b.notes.append("peak memory not measured: " + (done.stderr.strip().splitlines() or ["?"])[-1])
        return {"peak_rss_mb": None, "python_heap_peak_mb": None}
    found = json.loads(done.stdout.strip().splitlines()[-1])
    if found["rss_mb"] is None:
        b.notes.append("peak RSS not measured: this OS has no resource module (Windows)")
    if not found["gui"]:
        b.notes.append("peak memory measured without the main window (no GUI or no display)")
    return {
        "peak_rss_mb": None if found["rss_mb"] is None else round(found["rss_mb"], 1),
        "python_heap_peak_mb": round(found["heap_mb"], 1),
    }


MEASUREMENTS: list[Callable[[Bench], dict]] = [
    demo_build,
    history_size,
    register_load,
    filter_keystroke,
    open_pupil,
    dashboard_refresh,
    packs_built,
    inclusion_case_sample,
    statutory,
    roll_import,
    cli_pupils,
    gui_start,
    peak_memory,
]

SCALE_SIZES = [500, 2000, 8000]


def run_once(pupils_count: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="sencodesk-bench-") as tmp:
        bench = Bench(pupils=pupils_count, repeat=repeat, workdir=Path(tmp))
        result: dict = {
            "pupils": pupils_count,
            "repeat": repeat,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
        }
        try:
            for measure in MEASUREMENTS:
                result |= measure(bench)
        finally:
            if bench.actor is not None:
                bench.actor.close()
            for proc in _CLEANUP:
                proc.terminate()
                proc.wait()
        result["notes"] = bench.notes
    return result


def growth(runs: list[dict]) -> dict:
    """For each figure: its value at each size and how much it grew from one size to the next.
    Linear in pupils means the growth ratio equals the pupils ratio (4x from 500 to 2,000 to
    8,000); well above it is where the figure stops being linear."""
    figures = {}
    for key, first in runs[0].items():
        if key in ("pupils", "repeat", "cpus", "demo_builds") or isinstance(first, bool):
            continue
        values = [run.get(key) for run in runs]
        if not all(isinstance(v, (int, float)) for v in values):
            continue
        figures[key] = {
            "values": values,
            "growth": [round(b / a, 2) if a else None for a, b in itertools.pairwise(values)],
        }
    return {
        "sizes": [run["pupils"] for run in runs],
        "pupils_growth": [round(b["pupils"] / a["pupils"], 2) for a, b in itertools.pairwise(runs)],
        "figures": figures,
    }


def run_scale(sizes: list[int], repeat: int) -> dict:
    """Each size in its own process: peak memory and caches must be that size's alone."""
    runs = []
    for size in sizes:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--pupils", str(size), "--repeat", str(repeat)],
            capture_output=True,
            text=True,
            timeout=3600,
        )
        if done.returncode != 0:
            raise SystemExit(f"benchmark at {size} pupils failed:\n{done.stderr[-2000:]}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {"scale": growth(runs), "runs": runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement (medians)")
    parser.add_argument(
        "--scale",
        nargs="?",
        const=",".join(map(str, SCALE_SIZES)),
        default=None,
        metavar="SIZES",
        help="run at each size (default 500,2000,8000) and report how every figure grows",
    )
    args = parser.parse_args(argv)
    if args.scale:
        sizes = [int(n) for n in args.scale.split(",")]
        print(json.dumps(run_scale(sizes, args.repeat)))
    else:
        print(json.dumps(run_once(args.pupils, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
