"""The layers of support a school sorts its pupils with SEND into: the school's own list.

The Schools White Paper "Every child achieving and thriving" (DfE, 23 February 2026) and its
consultation "SEND reform: putting children and young people first" propose four layers:
universal (for every pupil), targeted, targeted plus (with specialist input) and specialist (an
EHC plan). They are proposals, not law (from 2029 at the earliest), and no national template or
list of codes exists yet, so SENCO desk ships those four names as the default and lets the
school edit, reorder and rename them; a pupil's record holds the name of their layer.
"""

from __future__ import annotations

from .errors import ValidationError
from .text_limits import LIMITS, one_line

DEFAULT_LAYERS: tuple[str, ...] = ("Universal", "Targeted", "Targeted plus", "Specialist")
MAX_LAYERS = 10
BASIS = (
    "Layers of support proposed in the Schools White Paper 'Every child achieving and thriving' "
    "(DfE, 23 February 2026): a proposal, not law"
)


def clean_layers(lines: list[str] | tuple[str, ...]) -> list[str]:
    """The school's list as it is kept: one name a line, blank lines dropped, no name twice
    (whatever its capitals), none longer than a layer's name may be. ValidationError otherwise."""
    names = [one_line(line).text for line in lines]
    names = [n for n in names if n]
    if not names:
        raise ValidationError({"support_layers": "Keep at least one layer of support (one name a line)."})
    if len(names) > MAX_LAYERS:
        raise ValidationError(
            {"support_layers": f"Keep the list to {MAX_LAYERS} layers at most; it has {len(names)}."}
        )
    seen: set[str] = set()
    for name in names:
        if len(name) > (limit := LIMITS["support_layer"]):
            raise ValidationError(
                {"support_layers": f"'{name[:30]}…' is too long for a layer's name (at most {limit})."}
            )
        if name.casefold() in seen:
            raise ValidationError({"support_layers": f"'{name}' is on the list twice: keep it once."})
        seen.add(name.casefold())
    return names


def renames(before: list[str], after: list[str]) -> dict[str, str]:
    """Names changed in place: with the same number of lines, a line whose old name is gone from
    the list and whose new name is new to it is a rename (its pupils move with it). Moving lines
    up or down, adding or removing lines renames nothing."""
    if len(before) != len(after):
        return {}
    kept, had = set(after), set(before)
    return {
        old: new
        for old, new in zip(before, after, strict=True)
        if old != new and old not in kept and new not in had
    }
