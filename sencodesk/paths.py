"""Where the school's data lives by default: the local (not roaming) user data folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from . import APP_NAME


def user_data_dir() -> Path:
    # roaming=False: roaming profiles may be synced to servers; the live database belongs on
    # the local disk (reference/engineering.md §7).
    return Path(platformdirs.user_data_dir(APP_NAME, APP_NAME, roaming=False))
