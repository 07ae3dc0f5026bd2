"""`sencodesk --self-test`: the check IT staff run after installing (also inside the frozen app).

Each check is a function in CHECKS taking the SelfTest and returning a short line of what it saw;
it raises to fail. The checks share one temporary demo school, made by the first check and
removed at the end. Nothing is written to the install folder (it may be read-only) or to the
computer's real data folder.

A windowed (frozen) app has no console: sys.stdout may be None. So the result also goes to
RESULT_NAME in the temporary folder, and the exit code says it all: 0 only if every check passed.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import APP_NAME, __version__
from .domain.plural import plural

RESULT_NAME = "sencodesk-self-test.txt"


class Skipped(Exception):
    """A check that does not apply to this build (it neither passes nor fails)."""


@dataclass
class SelfTest:
    folder: Path  # temporary; everything the checks write goes here
    actor: object | None = None  # the demo school's Session, once made
    lines: list[str] = field(default_factory=list)

    @property
    def data_dir(self) -> Path:
        return self.folder / "school"


def check_assets(t: SelfTest) -> str:
    """The files the app reads at run time are where the app looks for them."""
    from .resources import asset, assets_dir

    folder = assets_dir()
    for name in ("sencodesk-16.png", "sencodesk-256.png", "sencodesk.ico"):
        if not asset("icons", name).is_file():
            raise FileNotFoundError(f"{asset('icons', name)} is missing")
    files = [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    for path in files:
        path.read_bytes()  # unreadable (permissions, broken copy) fails here, not in front of a SENCO
    return f"{len(files)} files in {folder}"


def check_demo_school(t: SelfTest) -> str:
    from .demo import build_demo
    from .services.actor import open_school

    summary = build_demo(t.data_dir, phase="primary", seed=2026)
    t.actor = open_school(t.data_dir)
    return f"{summary['on_roll']} pupils, {summary['sen_support'] + summary['ehc_plans']} on the SEN register"


def check_database(t: SelfTest) -> str:
    """The file is sound (integrity check) and the census check runs and finds the demo clean."""
    from .services.census_check import check_register

    report = check_register(_actor(t))
    if not report.integrity_ok:
        raise RuntimeError("the database integrity check failed: " + "; ".join(report.integrity[:2]))
    if report.errors:
        raise RuntimeError(
            "the census check found errors in the demo school: " + ", ".join(b.rule for b in report.errors)
        )
    return f"integrity ok, census check ran over {report.pupils_checked} pupils"


def check_pdf(t: SelfTest) -> str:
    """reportlab writes a PDF and it reads back (the packs depend on both)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = t.folder / "self-test.pdf"
    marker = f"{APP_NAME} self-test {__version__}"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.drawString(72, 760, marker)
    page.save()
    text = read_pdf_text(path)
    if marker not in text:
        raise RuntimeError(f"the PDF did not read back (found {text[:60]!r})")
    return f"written and read back ({path.stat().st_size:,} bytes)"


def read_pdf(path: Path) -> tuple[str, int]:
    """All the text of a PDF and its number of pages: a pack is checked by reading it back."""
    from pypdf import PdfReader

    pages = PdfReader(str(path)).pages
    return "\n".join(page.extract_text() or "" for page in pages), len(pages)


def read_pdf_text(path: Path) -> str:
    return read_pdf(path)[0]


def check_encryption(t: SelfTest) -> str:
    """An encrypted school (SQLCipher, key wrapping) can be made and opened again with its
    passphrase, and its file no longer reads as plain SQLite. Its own small school, so the
    other checks keep the plain one."""
    from .demo import build_demo
    from .demo.accounts import DEMO_PASSPHRASE, encrypt_demo_school
    from .services import encryption, pupils
    from .services.actor import open_school

    if not encryption.available():
        raise RuntimeError("the SQLCipher component (sqlcipher3) is missing from this install")
    folder = t.folder / "encrypted"
    build_demo(folder, phase="primary", pupils=30, seed=2026)
    actor = open_school(folder)
    try:
        encrypt_demo_school(actor)
    finally:
        actor.close()
    files = [p for p in folder.rglob("*") if p.is_file() and p.read_bytes()[:16] == b"SQLite format 3\x00"]
    if files:
        raise RuntimeError(f"{files[0].name} is still plain SQLite after encrypting")
    key = encryption.unlock_with_passphrase(folder, DEMO_PASSPHRASE)
    actor = open_school(folder, key=key)
    try:
        on_roll = pupils.register_counts(actor)["pupils"]
    finally:
        actor.close()
    return f"encrypted, reopened with the passphrase ({on_roll} pupils)"


def has_main_window() -> bool:
    try:
        return importlib.util.find_spec("sencodesk.ui.app") is not None
    except ModuleNotFoundError:  # no sencodesk.ui at all
        return False


def _sen_pupil(t: SelfTest) -> int:
    """A pupil on the SEN register (the packs are about them); the one with the most history."""
    from .services import pupils

    on_register = [r for r in pupils.list_register(_actor(t)) if r.sen_status in ("E", "K")]
    if not on_register:
        raise RuntimeError("the demo school has no pupil on the SEN register")
    return sorted(on_register, key=lambda r: (r.sen_status != "E", r.id))[0].id


def _read_back(path: Path, must_contain: str, what: str) -> str:
    text, pages = read_pdf(path)
    if must_contain not in text:
        raise RuntimeError(f"the {what} did not read back: {must_contain!r} not found in it")
    return f"{what}, {plural(pages, 'page')}, read back"


def check_ehcna_pack(t: SelfTest) -> str:
    """The EHC needs assessment request: LA profile (TOML), fonts, tables, read back."""
    from .services import packs

    pupil_id = _sen_pupil(t)
    result = packs.export_ehcna(_actor(t), pupil_id, t.folder / "ehcna.pdf")
    return _read_back(result.path, _surname(t, pupil_id), "EHCNA request")


def check_referral_pack(t: SelfTest) -> str:
    from .domain.dates import uk
    from .services import packs, referrals

    pupil_id = _sen_pupil(t)
    referral_id = referrals.add_referral(
        _actor(t),
        pupil_id,
        {
            "service": "ep",
            "referred_on": uk(date.today()),
            "reason": "Self-test referral",
            "asks": "Assessment",
        },
    )
    result = packs.export_referral(_actor(t), referral_id, t.folder / "referral.pdf")
    return _read_back(result.path, "Self-test referral", "referral")


def check_profile_pack(t: SelfTest) -> str:
    from .services import packs

    pupil_id = _sen_pupil(t)
    result = packs.export_profile(_actor(t), pupil_id, t.folder / "profile.pdf")
    return _read_back(result.path, _forename(t, pupil_id), "one-page profile")


def check_summary_pack(t: SelfTest) -> str:
    from .services import packs, settings

    result = packs.export_summary(_actor(t), t.folder / "summary.pdf")
    return _read_back(result.path, settings.get_settings(_actor(t))["school_name"], "governors' summary")


def check_parent_copy(t: SelfTest) -> str:
    """The copy of the plan for home, and its reading-age measure (textstat and Pyphen's
    dictionaries must be in the installed app: no download happens at run time)."""
    from .reports import parent_letters, readability
    from .services import parent_copy

    pupil_id = _sen_pupil(t)
    result = parent_copy.export_parent_copy(_actor(t), pupil_id, t.folder / "copy.pdf")
    model = parent_copy.parent_copy_model(_actor(t), pupil_id)
    age = readability.reading_age(parent_letters.copy_text(model, own_only=True))
    return _read_back(result.path, "What you can do at home", "copy of the plan for home") + (
        f", reading age {age:.1f}"
    )


def _surname(t: SelfTest, pupil_id: int) -> str:
    from .services import pupils

    pupil = pupils.get_pupil(_actor(t), pupil_id)
    return pupil.preferred_surname or pupil.legal_surname


def _forename(t: SelfTest, pupil_id: int) -> str:
    """The one-page profile is written to the child: it names them by their forename only."""
    from .services import pupils

    pupil = pupils.get_pupil(_actor(t), pupil_id)
    return pupil.preferred_forename or pupil.legal_forename


def check_main_window(t: SelfTest) -> str:
    """The main window opens on the register, with the app icon, and closes."""
    if not has_main_window():
        raise Skipped("this build has no main window yet")
    from .ui.app import build_main_window
    from .ui.icon import apply_icon

    window = build_main_window(_actor(t))
    root = window.winfo_toplevel()
    try:
        if not apply_icon(root):
            raise RuntimeError("the app icon could not be set (see the log)")
        root.update_idletasks()
        root.update()
        size = f"{root.winfo_width()}x{root.winfo_height()}"
    finally:
        root.destroy()
    return f"opened ({size}) and closed"


def _actor(t: SelfTest):
    if t.actor is None:
        raise RuntimeError("no demo school (the demo school check failed)")
    return t.actor


# In order: later checks use the demo school made by check_demo_school.
CHECKS: list[Callable[[SelfTest], str]] = [
    check_assets,
    check_demo_school,
    check_database,
    check_pdf,
    check_ehcna_pack,
    check_referral_pack,
    check_profile_pack,
    check_summary_pack,
    check_parent_copy,
    check_encryption,
    check_main_window,
]


def _label(check: Callable) -> str:
    return check.__name__.removeprefix("check_").replace("_", " ")


def run_checks(t: SelfTest) -> bool:
    """Every check runs even after a failure, so IT sees everything that is wrong at once."""
    passed = True
    for check in CHECKS:
        start = time.perf_counter()
        trace: list[str] = []
        try:
            status, detail = "ok  ", check(t)
        except Skipped as e:
            status, detail = "skip", str(e)
        except Exception as e:  # noqa: BLE001 - any failure is reported, then the next check runs
            passed = False
            status, detail = "FAIL", f"{type(e).__name__}: {e}"
            trace = traceback.format_exc().rstrip().splitlines()[-6:]
        t.lines.append(f"{status} {_label(check)}: {detail} ({time.perf_counter() - start:.2f} s)")
        t.lines.extend("       " + line for line in trace)
    return passed


def run_self_test() -> int:
    """Run every check, report, clean up. 0 only if all passed."""
    folder = Path(tempfile.mkdtemp(prefix="sencodesk-self-test-"))
    t = SelfTest(folder)
    try:
        passed = run_checks(t)
    finally:
        if t.actor is not None:
            t.actor.close()  # before removing the folder: Windows cannot delete an open file
        shutil.rmtree(folder, ignore_errors=True)
    verdict = "all checks passed" if passed else "SOME CHECKS FAILED"
    report = [
        f"{APP_NAME} {__version__} self-test ({sys.executable})",
        *t.lines,
        f"{APP_NAME} self-test: {verdict}",
    ]
    result_path = Path(tempfile.gettempdir()) / RESULT_NAME
    try:
        result_path.write_text("\n".join(report) + "\n", encoding="utf-8")
        report.append(f"(also written to {result_path})")
    except OSError as e:
        report.append(f"(could not write {result_path}: {e})")
    if sys.stdout is not None:
        print("\n".join(report), flush=True)
    return 0 if passed else 1
