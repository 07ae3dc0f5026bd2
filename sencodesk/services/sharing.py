"""Is the data folder shared, and who has it open? For the start screen to say so first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..store.location import is_network_path
from ..store.lockfile import is_stale, read_holder


@dataclass(frozen=True)
class FolderStatus:
    network: bool
    in_use_by: str | None  # "In use by J Smith on OFFICE-PC-2 since 10:42", or None
    message: str


def data_folder_status(data_dir: Path) -> FolderStatus:
    """Asked before opening: no acting person yet, and nothing is read from the database."""
    data_dir = Path(data_dir)
    if not is_network_path(data_dir):
        return FolderStatus(False, None, "")
    holder = read_holder(data_dir)
    if holder is not None and not is_stale(holder):
        text = holder.describe()
        return FolderStatus(
            True,
            text,
            f"{text}. Only one person at a time can open SENCO desk "
            "from a shared folder; ask them to close it.",
        )
    return FolderStatus(
        True,
        None,
        "The SENCO desk data folder is on a network share, so only one "
        "person at a time can open it. Ask IT to keep it on this "
        "computer's own disk (or a remote-desktop server) so that "
        "several staff can work at once.",
    )
