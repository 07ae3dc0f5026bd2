"""LA profiles: the shipped ones (assets/la_profiles) and the school's own
(<data folder>/la_profiles), and which one the school uses (a setting)."""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import NotFound, UserError, ValidationError
from ..domain.la_profile import LaProfile, parse_profile
from ..resources import asset
from ..store import settings as settings_store
from .actor import Actor
from .settings import get_settings

log = logging.getLogger(__name__)

DEFAULT_KEY = "default"


@dataclass(frozen=True)
class ProfileProblem:
    path: str
    message: str


def _read(path: Path) -> LaProfile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ValidationError({"file": f"{path.name} is not a valid TOML file: {e}"}) from None
    return parse_profile(path.stem, data)


def load_profiles(actor: Actor) -> tuple[dict[str, LaProfile], list[ProfileProblem]]:
    """Every usable profile by key (file name without .toml), and the files that are broken.

    A school's own file with the same name as a shipped one replaces it (their LA changed its
    form). A broken file is reported, not skipped silently, and never stops the others loading.
    """
    profiles: dict[str, LaProfile] = {}
    problems: list[ProfileProblem] = []
    folders = [asset("la_profiles"), Path(actor.data_dir) / "la_profiles"]
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                profiles[path.stem] = _read(path)
            except (ValidationError, OSError) as e:
                message = e.message if isinstance(e, UserError) else str(e)
                log.warning("LA profile %s not loaded: %s", path, message)
                problems.append(ProfileProblem(str(path), message))
    return profiles, problems


def school_profile(actor: Actor, key: str | None = None) -> LaProfile:
    """The profile named, else the one chosen in Settings, else the neutral default."""
    profiles, _ = load_profiles(actor)
    key = key or get_settings(actor).get("la_profile") or DEFAULT_KEY
    if key not in profiles:
        if key == DEFAULT_KEY:
            raise UserError("The neutral LA profile is missing from the app's files; reinstall SENCO desk.")
        raise NotFound(f"There is no LA profile called '{key}'. Choose one in Settings.")
    return profiles[key]


def choose_profile(actor: Actor, key: str) -> None:
    """Settings: the LA profile this school's EHCNA packs use."""
    actor.require("settings.edit")
    profiles, _ = load_profiles(actor)
    if key not in profiles:
        raise ValidationError({"la_profile": f"There is no LA profile called '{key}'."})
    before = get_settings(actor).get("la_profile") or DEFAULT_KEY
    if before == key:
        return
    with actor.write() as db:
        settings_store.save(db, {"la_profile": key})
        actor.audit(
            "update",
            "settings",
            None,
            summary=f"chose the LA profile '{profiles[key].name}'",
            changes={"la_profile": [before, key]},
        )
