"""Where SENCO desk may write a file it makes, and the one way it writes one.

Every export, calendar, report and backup a person names goes through `check_target` (where may
this go?) and, for everything but SQLite's own backup copy, `write_atomic` (temporary file in the
same folder, fsync, rename; retried while Windows holds the old file open). The rules:

- never inside a school's data folder (a folder holding sencodesk.db or sencodesk.keys), except
  the app's own backups (backups/) and logs (logs/) there: an export over sencodesk.keys would
  make the school unopenable for good;
- never over a folder, a device (/dev/null as root) or anything else that is not a plain file;
- never over an existing file SENCO desk did not make, unless the person said yes to replacing
  it: a Save As dialog asked (the GUI), or --overwrite (the command line). A file counts as the
  app's when it carries the marker its kind always has (a PDF's Creator, a calendar's PRODID, a
  Word file's zip comment).

A failure part-way (a full disk) leaves the old file as it was and no half file beside it.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from .domain.errors import UserError
from .environment import explain

# A folder holding either of these is a school's data folder (store/db.py, store/keyfile.py).
DATA_FILES = ("sencodesk.db", "sencodesk.keys")
OWN_FOLDERS = ("backups", "logs")
WINDOWS = os.name == "nt"
REPLACE_TRIES = 10
REPLACE_WAIT = 0.2  # seconds between tries: about two seconds in all
MARKER_SCAN_LIMIT = 64 * 1024 * 1024  # a bigger file is not one of ours

# Marker of each kind of file SENCO desk writes (what an existing file must hold to be replaced
# without asking).
PDF_MARKER = b"/Creator (SENCO desk)"
ICS_MARKER = b"PRODID:-//SENCO desk//"
DOCX_MARKER = b"Made by SENCO desk"  # a Word file's zip comment (reports/word.py)


class NotReplaced(UserError):
    """An existing file SENCO desk did not make: it is replaced only when the person says so."""

    def __init__(self, path: Path):
        self.path = path
        self.left_as_it_is = (
            f"{path} already exists and is not a file SENCO desk made, so it was left as it is."
        )
        super().__init__(f"{self.left_as_it_is} Choose another name.")


# Paths the person has agreed to replace (once each). Folders too: a subject access export is
# named by the app inside the folder the person chose.
_confirmed: set[Path] = set()


def confirm_replace(path: str | Path) -> None:
    """The person said yes to replacing this file (or files in this folder) if it exists."""
    _confirmed.add(_absolute(Path(path)))


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path.expanduser()))


def data_folder_holding(path: Path) -> Path | None:
    """The school data folder `path` is inside (at any depth), if any."""
    for folder in _absolute(path).parents:
        if any((folder / name).exists() for name in DATA_FILES):
            return folder
    return None


def check_target(
    path: str | Path, *, marker: bytes | None = None, own: str | None = None, make_folder: bool = False
) -> Path:
    """The absolute path to write, or a UserError saying why not (nothing is written here).

    `marker`: bytes every file of this kind SENCO desk makes contains (None: it cannot tell, so
    any existing file needs the person's yes). `own`: "backups" or "logs" for the app's own
    files, which may go in that folder of a data folder. `make_folder`: create missing folders.
    """
    given = Path(path)
    target = _absolute(given)
    # Follow a link to where it points: replacing the link itself would leave the file it names.
    with suppress(OSError, RuntimeError):
        target = target.resolve()
    school = data_folder_holding(target)
    if school is not None and not (own in OWN_FOLDERS and _within(target, school / own)):
        raise UserError(
            f"{given} is inside the school's data folder ({school}), where SENCO desk keeps only "
            "its own files. Save it somewhere else, such as Documents. Nothing was written."
        )
    if make_folder:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise UserError(_words(e, target.parent)) from e
    parent = target.parent
    if not parent.is_dir():
        if parent.exists():
            raise UserError(f"{parent} is a file, not a folder. Choose a folder to save in.")
        raise UserError(f"The folder {parent} does not exist. Choose another place to save.")
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as e:
        raise UserError(_words(e, target)) from e
    if stat.S_ISDIR(st.st_mode):
        raise UserError(f"{given} is a folder: give the name of the file to write (inside it or elsewhere).")
    if not stat.S_ISREG(st.st_mode):
        raise UserError(
            f"{given} is not an ordinary file (it is a device or a special file), so SENCO desk "
            "will not write over it. Give the name of an ordinary file."
        )
    if not (_is_confirmed(target) or (marker is not None and _has_marker(target, marker, st.st_size))):
        raise NotReplaced(given)
    return target


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _is_confirmed(target: Path) -> bool:
    return target in _confirmed or target.parent in _confirmed


def _has_marker(path: Path, marker: bytes, size: int) -> bool:
    if size > MARKER_SCAN_LIMIT:
        return False
    try:
        return marker in path.read_bytes()
    except OSError:
        return False


def write_atomic(
    path: str | Path,
    render: Callable[[BinaryIO], object],
    *,
    marker: bytes | None = None,
    make_folder: bool = False,
) -> Path:
    """Check the target, then write `render(stream)` through a temporary file in the same
    folder, fsync it and rename it into place. Returns the path written."""
    target = check_target(path, marker=marker, make_folder=make_folder)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as e:
        raise UserError(_words(e, target.parent)) from e
    try:
        with os.fdopen(fd, "wb") as stream:
            render(stream)
            stream.flush()
            os.fsync(stream.fileno())
        _replace(tmp, target)
    except BaseException as e:
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError) and explain(e) is not None:
            raise UserError(_words(e, target)) from e
        raise
    _sync_folder(target.parent)
    _confirmed.discard(target)
    return target


def write_text(
    path: str | Path,
    text: str,
    *,
    encoding: str = "utf-8",
    marker: bytes | None = None,
    make_folder: bool = False,
) -> Path:
    """write_atomic for text (`encoding` "utf-8-sig" gives Excel the byte-order mark it wants)."""
    data = text.encode(encoding)
    return write_atomic(path, lambda f: f.write(data), marker=marker, make_folder=make_folder)


def _replace(tmp: str, target: Path) -> None:
    # On Windows os.replace fails while any program (a PDF viewer, a calendar, antivirus) has the
    # target open (reference/engineering.md §7): retry briefly, then say so in plain words.
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(tmp, target)
            return
        except PermissionError as e:
            if not WINDOWS:
                raise
            if attempt == REPLACE_TRIES - 1:
                raise UserError(
                    f"{target.name} could not be saved: another program has it open. Close the file "
                    "in your PDF viewer (or calendar, or spreadsheet), then try again."
                ) from e
            time.sleep(REPLACE_WAIT)


def _sync_folder(folder: Path) -> None:
    """The rename itself is durable only once the folder is synced (not possible on Windows)."""
    if WINDOWS:
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _words(e: OSError, where: Path) -> str:
    """The sentence for `e`, naming the file the person chose (never our temporary file)."""
    if e.errno == errno.EEXIST:
        return f"{where} is a file, not a folder. Choose a folder to save in."
    words = explain(e, path=where)
    return words or f"{where} could not be written ({e.strerror or e}). Nothing was changed."
