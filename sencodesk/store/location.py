"""Is the data folder on a network share? SQLite must then be used one person at a time.

SQLite's own documentation warns that network file systems get locking wrong and that WAL does
not work there (reference/engineering.md §7). Windows: a UNC path or a drive whose type is
DRIVE_REMOTE. Linux: the mount holding the folder has a network file system type. macOS has no
/proc/mounts and is reported as local. SENCODESK_ASSUME_SHARE=1 forces the answer (tests, or
IT marking a folder they know is shared).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "afs",
    "ncpfs",
    "9p",
    "fuse.sshfs",
    "davfs",
    "fuse.davfs2",
    "glusterfs",
    "ceph",
    "lustre",
}
DRIVE_REMOTE = 4


def _windows_is_network(path: str) -> bool:
    if path.startswith("\\\\") or path.startswith("//"):
        return True  # \\server\share\... (UNC)
    if sys.platform != "win32":  # only called there (it says so to the type checker too)
        return False
    import ctypes

    root = os.path.splitdrive(path)[0] + "\\"
    return ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == DRIVE_REMOTE


def _unescape(field: str) -> str:
    # /proc/mounts writes spaces and tabs in mount points as octal escapes
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def mount_type(path: str, mounts_text: str) -> str | None:
    """The file system type of the longest mount point containing `path`."""
    best, best_type = "", None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = _unescape(parts[1])
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, parts[2]
    return best_type


def is_network_path(path: Path) -> bool:
    override = os.environ.get("SENCODESK_ASSUME_SHARE")
    if override:
        return override not in ("0", "no", "false")
    if sys.platform == "win32":
        return _windows_is_network(str(path))
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return mount_type(str(Path(path).resolve()), mounts) in NETWORK_FS
