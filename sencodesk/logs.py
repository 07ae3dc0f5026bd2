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
    folder = log_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sencodesk.log"
    if path in _configured:
        return path
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if console and sys.stderr is not None:
        root.addHandler(logging.StreamHandler(sys.stderr))
    with suppress(OSError, ValueError):  # a crash trace is a help, never a reason not to start
        faulthandler.enable(open(folder / "faults.log", "a", encoding="utf-8"))  # noqa: SIM115
    _configured.add(path)
    return path
