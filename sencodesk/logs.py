"""Logging to a file in the data folder. The frozen Windows app has no console: never rely on
stdout or stderr (they may be None)."""

from __future__ import annotations

import faulthandler
import logging
import sys
from contextlib import suppress
from logging.handlers import RotatingFileHandler
from pathlib import Path

_configured: set[Path] = set()


def log_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "logs"


def setup_logging(data_dir: Path, *, console: bool = False) -> Path:
    """Log to data_dir/logs. A folder that cannot take a log (read-only, full, or a file where the
    folder should be) is no reason to stop: the command then runs without a log file and the
    problem itself, if it matters, is reported where the data is used."""
    folder = log_dir(data_dir)
    path = folder / "sencodesk.log"
    if path in _configured:
        return path
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    # A log that cannot be written (the disk filled up since) must not print its own traceback
    # over the plain message the person is given.
    logging.raiseExceptions = False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        # no log file: keep records off the terminal too (Python's last-resort handler would
        # print them there), except what the console was asked for
        root.addHandler(
            logging.StreamHandler(sys.stderr) if console and sys.stderr else logging.NullHandler()
        )
        return path
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if console and sys.stderr is not None:
        root.addHandler(logging.StreamHandler(sys.stderr))
    with suppress(OSError, ValueError):  # a crash trace is a help, never a reason not to start
        faulthandler.enable(open(folder / "faults.log", "a", encoding="utf-8"))  # noqa: SIM115
    _configured.add(path)
    return path
