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


class KeyFileDamaged(UserError):
    """sencodesk.keys is not a keys file (damaged, emptied, or another file put in its place)."""


def _damaged(path: Path, detail: str) -> KeyFileDamaged:
    return KeyFileDamaged(
        f"{path} is not a SENCO desk keys file ({detail}), so this school's encrypted data cannot "
        "be unlocked. Nothing has been changed. Every way in (each person's password, the school "
        "passphrase, the recovery key) opens one of the copies of the school's key kept in that "
        "file: ask IT to put back sencodesk.keys from a backup of this folder (any copy of the whole "
        "data folder has it). Then sign in as usual; if every password and the passphrase are "
        "forgotten, the recovery key from the school safe opens the school "
        '(sencodesk restore --recovery-key "BACKUP" puts a backup back with it).'
    )


def key_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_FILENAME


def exists(data_dir: Path) -> bool:
    return key_path(data_dir).exists()


def load(data_dir: Path) -> dict:
    path = key_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except IsADirectoryError:
        raise _damaged(path, "it is a folder") from None
    except PermissionError as e:
        if path.is_dir():  # Windows says "permission denied" for a folder
            raise _damaged(path, "it is a folder") from None
        raise UserError(f"SENCO desk is not allowed to read {path} ({e.strerror or e}).") from e
    except (UnicodeDecodeError, ValueError):
        raise _damaged(path, "it does not hold the keys") from None
    except OSError as e:
        raise UserError(f"SENCO desk could not read {path} ({e.strerror or e}).") from e
    if not isinstance(data, dict) or not isinstance(data.get("slots"), dict) or not data["slots"]:
        raise _damaged(path, "it holds no keys")
    data.setdefault("slots", {})
    data.setdefault("failures", {})
    data.setdefault("pending_audit", [])
    return data


def save(data_dir: Path, data: dict, *, path: Path | None = None) -> None:
    """Write the keys file atomically (or, with `path`, another file such as an encryption's
    sencodesk.keys.new, which takes effect only when renamed into place)."""
    path = path or key_path(data_dir)
    tmp = path.with_name(path.name + ".part")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)  # the keys file itself is as it was
        raise UserError(
            f"SENCO desk could not save {path} ({e.strerror or e}). Nothing has been changed; "
            "free some space on that drive (or ask IT), then try again."
        ) from e
    with suppress(OSError):  # not every file system has Unix permissions
        os.chmod(path, 0o600)
