"""The installable app: build the one-folder app with PyInstaller and run its --self-test, as IT
would after installing, from a READ-ONLY copy of the install folder.

A data file missing from the spec or a hidden import PyInstaller cannot see fails the frozen
self-test, and so this test. Slow (a build takes about 20-60 s), run in CI.
"""

import importlib.util
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (pip install -e '.[test]')")

pytestmark = [pytest.mark.slow, pytest.mark.gui]

ROOT = Path(__file__).resolve().parents[2]
APP = "SENCO desk"
EXE = APP + (".exe" if sys.platform == "win32" else "")
RESULT = "sencodesk-self-test.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("frozen")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build.py"),
            "--dist",
            str(out / "dist"),
            "--work",
            str(out / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "SHA-256 " in done.stdout
    return out / "dist" / APP


def install_copy(built: Path, folder: Path) -> Path:
    """A copy of the build, read-only to everyone, as IT puts it on a machine or share."""
    target = folder / APP
    shutil.copytree(built, target, symlinks=True)
    for path in [target, *target.rglob("*")]:
        if not path.is_symlink():
            mode = path.stat().st_mode
            path.chmod(
                (mode | stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH) & ~0o222
                | (0o111 if path.is_dir() or mode & 0o100 else 0)
            )
    return target


def snapshot(folder: Path) -> dict:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if not p.is_symlink()
    }


def run_self_test(app: Path, scratch: Path) -> subprocess.CompletedProcess:
    """Run the frozen self-test with its temp folder in `scratch`. As root, write permissions
    mean nothing, so the app runs as `nobody` to prove it writes nothing to its folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SENCODESK"))}
    env |= {"TMPDIR": str(scratch), "HOME": str(scratch)}
    command = [str(app / EXE), "--self-test"]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("setpriv"):
        command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
        if env.get("XAUTHORITY") and Path(env["XAUTHORITY"]).is_file():
            # An X server started with a cookie (xvfb-run) lets in only who can read it.
            cookie = scratch / ".Xauthority"
            shutil.copyfile(env["XAUTHORITY"], cookie)
            shutil.chown(cookie, "nobody", "nogroup")
            env["XAUTHORITY"] = str(cookie)
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, cwd=scratch)


@pytest.fixture
def places():
    """World-readable folders outside pytest's private (0700) tmp, so `nobody` can reach them."""
    base = Path(tempfile.mkdtemp(prefix="sencodesk-frozen-"))
    install, scratch = base / "install", base / "scratch"
    install.mkdir()
    scratch.mkdir()
    base.chmod(0o755)
    install.chmod(0o755)
    scratch.chmod(0o777)
    yield install, scratch
    for path in [base, *base.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    shutil.rmtree(base)


def test_the_bundle_holds_every_asset_file(built):
    wanted = {
        p.relative_to(ROOT / "assets")
        for p in (ROOT / "assets").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    bundled = built / "_internal" / "assets"
    missing = sorted(str(p) for p in wanted if not (bundled / p).is_file())
    assert not missing, f"assets not in the build: {missing}"


def test_frozen_self_test_passes_from_a_read_only_install(built, places):
    install, scratch = places
    app = install_copy(built, install)
    before = snapshot(app)
    done = run_self_test(app, scratch)
    report = (scratch / RESULT).read_text(encoding="utf-8") if (scratch / RESULT).exists() else ""
    assert done.returncode == 0, report or (done.stdout + done.stderr)
    assert report.rstrip().endswith("SENCO desk self-test: all checks passed")
    assert f"({app / EXE})" in report.splitlines()[0]  # it was the frozen app that ran
    if importlib.util.find_spec("sencodesk.ui.app") is not None:
        # The GUI is in the source, so a skip would mean the build lost it.
        assert "ok   main window: opened" in report
    assert snapshot(app) == before, "the app wrote into its install folder"


def test_frozen_self_test_fails_when_a_data_file_is_missing(built, places):
    install, scratch = places
    app = install / APP
    shutil.copytree(built, app, symlinks=True)
    (app / "_internal" / "assets" / "icons" / "sencodesk-16.png").unlink()
    app.chmod(0o755)
    done = run_self_test(app, scratch)
    assert done.returncode == 1
    report = (scratch / RESULT).read_text(encoding="utf-8")
    assert "FAIL assets: FileNotFoundError:" in report
    assert "SENCO desk self-test: SOME CHECKS FAILED" in report
