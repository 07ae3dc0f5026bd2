"""The key file beside an encrypted database: wrapped copies of the database key, one per secret.

`sencodesk.keys` is JSON: {"version": 1, "slots": {"school": {...}, "recovery": {...},
"user:rkhan": {...}}, "failures": {...}, "pending_audit": [...]}. It holds no pupil data; without
a secret it opens nothing. Written atomically (temp file, fsync, replace) so a crash never
leaves a half key file. Sign-in failures that happen before the database can be opened are
kept here (user name and time only) and moved into the audit trail at the next opening.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from pathlib import Path

from ..domain.errors import UserError

KEY_FILENAME = "sencodesk.keys"


def key_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_FILENAME


def exists(data_dir: Path) -> bool:
    return key_path(data_dir).exists()


class NotAKeyFile(UserError):
    """sencodesk.keys is there but is not a key file (overwritten by an export, damaged)."""


def load(data_dir: Path) -> dict:
    path = key_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:  # not JSON, or not text at all
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("slots", {}), dict):
        raise NotAKeyFile(
            f"{path} is not a SENCO desk key file (it has been overwritten or damaged), so the "
            "school's data cannot be unlocked. Nothing has been changed. Put back sencodesk.keys "
            "from IT's backup of this folder: with it, the school passphrase, each person's "
            "password and the recovery key from the school safe open the school again."
        )
    data.setdefault("slots", {})
    data.setdefault("failures", {})
    data.setdefault("pending_audit", [])
    return data


def save(data_dir: Path, data: dict) -> None:
    path = key_path(data_dir)
    tmp = path.with_suffix(".keys.part")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    with suppress(OSError):  # not every file system has Unix permissions
        os.chmod(path, 0o600)
