"""The school's list of support layers (a setting), edited in Settings; each pupil's layer is on
their record (services.pupils, the SEN tab).

The default list is the four layers the 2026 Schools White Paper proposes (domain/support_layers.py).
A name changed in place renames the layer for every pupil in it; a layer pupils are in cannot be
removed until they are moved (nothing typed on a record is dropped by a settings change).
"""

from __future__ import annotations

from ..domain import support_layers as rules
from ..domain.errors import ValidationError
from ..domain.plural import plural
from ..store import pupils as pupil_store
from ..store import settings as settings_store
from .actor import Actor
from .settings import get_settings

KEY = "support_layers"


def support_layers(actor: Actor) -> list[str]:
    """The school's layers in its order (the White Paper's four until the school edits them)."""
    actor.require("settings.read")
    saved = get_settings(actor).get(KEY)
    return list(saved) if saved else list(rules.DEFAULT_LAYERS)


def layer_counts(actor: Actor) -> dict[str, int]:
    """Pupils on roll in each layer, for Settings (a name in use cannot simply be removed)."""
    actor.require("settings.edit")
    return pupil_store.support_layer_counts(actor.db)


def save_support_layers(actor: Actor, lines: list[str]) -> list[str]:
    """Save the school's list (one name a line). A name changed in place renames it on every
    pupil's record; a removed name that pupils still have is refused, naming how many."""
    actor.require("settings.edit")
    after = rules.clean_layers(lines)
    before = support_layers(actor)
    moved = rules.renames(before, after)
    in_use = pupil_store.support_layer_counts(actor.db, include_leavers=True)
    gone = [name for name in before if name not in after and name not in moved and in_use.get(name)]
    if gone:
        raise ValidationError(
            {
                KEY: " ".join(
                    f"{plural(in_use[name], 'pupil is', 'pupils are')} in '{name}': choose another layer "
                    "for them on their records first, or keep the name."
                    for name in gone
                )
            }
        )
    if after == before:
        return after
    with actor.write() as db:
        settings_store.save(db, {KEY: after})
        for old, new in moved.items():
            pupil_store.rename_support_layer(db, old, new, actor.user.display_name)
        actor.audit(
            "update",
            "settings",
            None,
            summary="changed the list of support layers"
            + "".join(f"; renamed '{old}' to '{new}' on every record" for old, new in moved.items()),
            changes={KEY: [before, after]},
        )
    return after
