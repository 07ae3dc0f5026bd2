"""Build the one-folder app: dist/SENCO desk/ (run on the OS you are building for).

    python packaging/build.py [--dist DIR] [--work DIR] [--fresh-venv DIR]

Repeatable: PYTHONHASHSEED=1 and SOURCE_DATE_EPOCH (the last commit's time) are set, and
PyInstaller runs with --clean, so two builds of the same commit with the same pinned packages
give byte-identical files. Prints the SHA-256 of the main executable (record it with the
release) and writes SHA256SUMS for every file of the build beside the app folder.

--fresh-venv DIR: first make a new virtual environment in DIR, install the app with its
`packaging` extra into it, and build from there, so nothing else installed on the build
machine can end up in the app.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "sencodesk.spec"
APP = "SENCO desk"


def source_date_epoch() -> str:
    """The last commit's time, so the same commit always builds the same bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if out.isdigit():
            return out
    except (OSError, subprocess.CalledProcessError):
        pass
    return "1767225600"  # 2026-01-01: outside a git checkout, still a fixed value


def executable(app_dir: Path) -> Path:
    if sys.platform == "win32":
        return app_dir / f"{APP}.exe"
    return app_dir / APP


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_sums(app_dir: Path) -> Path:
    sums = app_dir.parent / "SHA256SUMS"
    lines = [
        f"{sha256(p)}  {p.relative_to(app_dir.parent).as_posix()}"
        for p in sorted(app_dir.rglob("*"))
        if p.is_file()
    ]
    sums.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sums


def fresh_python(folder: Path) -> str:
    venv.EnvBuilder(clear=True, with_pip=True).create(folder)
    python = folder / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    subprocess.run([str(python), "-m", "pip", "install", "-q", f"{ROOT}[packaging]"], check=True)
    return str(python)


def build(dist: Path, work: Path, python: str = sys.executable) -> Path:
    env = dict(os.environ, PYTHONHASHSEED="1", SOURCE_DATE_EPOCH=source_date_epoch())
    subprocess.run(
        [
            python,
            "-m",
            "PyInstaller",
            "--clean",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        check=True,
        env=env,
        cwd=ROOT,
    )
    return dist / APP


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--fresh-venv", type=Path, default=None)
    args = parser.parse_args(argv)
    python = fresh_python(args.fresh_venv) if args.fresh_venv else sys.executable
    app_dir = build(args.dist.resolve(), args.work.resolve(), python)
    exe = executable(app_dir)
    if not exe.is_file():
        print(f"build finished but {exe} is missing", file=sys.stderr)
        return 1
    sums = write_sums(app_dir)
    print(f"built {app_dir}")
    print(f"SHA-256 {sha256(exe)}  {exe.name}")
    print(f"all files: {sums}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
