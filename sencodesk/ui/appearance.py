"""Themes and text size: what Settings changes about how every screen looks.

Fonts are scaled through Tk's named fonts, so every widget follows; the Treeview row height
is derived from the font once when its style is built, so it is reset here by hand.
"""

from __future__ import annotations

import tkinter
from tkinter import font

import ttkbootstrap as ttk

# A black-on-white family with dark, saturated accents: text and focus stay readable for
# people who need more contrast than the default theme gives.
_CONTRAST = ttk.Theme(
    name="senco-contrast",
    primary="#0033a0",
    success="#006b2d",
    info="#004d66",
    warning="#7a4a00",
    danger="#b00020",
    neutral="#303030",
    light=dict(background="#ffffff", foreground="#000000"),
)
_CONTRAST.register()

THEME_NAMES = {"light": "bootstrap-light", "dark": "bootstrap-dark", "contrast": "senco-contrast-light"}
THEME_LABELS = {"light": "Light", "dark": "Dark", "contrast": "High contrast"}
TEXT_SCALES = tuple(range(100, 201, 10))

_BASE_SIZES: dict[str, int] = {}
_SCALED_FONTS = (
    "TkDefaultFont",
    "TkTextFont",
    "TkMenuFont",
    "TkHeadingFont",
    "TkCaptionFont",
    "TkSmallCaptionFont",
    "TkIconFont",
    "TkTooltipFont",
    "TkFixedFont",
)


def theme_for(preference: str) -> str:
    return THEME_NAMES.get(preference, THEME_NAMES["light"])


def apply_theme(root: tkinter.Misc, preference: str) -> None:
    style = ttk.Style.get_instance()
    name = theme_for(preference)
    if style.theme_use() != name:
        style.theme_use(name)


def clamp_scale(value) -> int:
    try:
        scale = int(value)
    except (TypeError, ValueError):
        return 100
    return max(100, min(200, scale))


def apply_text_scale(root: tkinter.Misc, percent) -> None:
    """Every named font at `percent` of the size it had when the app started."""
    scale = clamp_scale(percent) / 100
    for name in _SCALED_FONTS:
        try:
            f = font.nametofont(name, root=root)
        except tkinter.TclError:
            continue
        base = _BASE_SIZES.setdefault(name, f.actual("size") if f.cget("size") > 0 else f.cget("size"))
        size = round(abs(base) * scale)
        f.configure(size=size if base > 0 else -size)
    _fit_tree_rows(root)


def _fit_tree_rows(root: tkinter.Misc) -> None:
    metrics = font.nametofont("TkDefaultFont", root=root).metrics()
    height = metrics["linespace"] + metrics["ascent"] // 2
    style = ttk.Style.get_instance()
    for name in ("Treeview", "Table.Treeview"):
        style.configure(name, rowheight=height)


def text_scale_of(root: tkinter.Misc) -> int:
    """The scale now in force, in percent (for tests and the Settings screen)."""
    base = _BASE_SIZES.get("TkDefaultFont")
    if not base:
        return 100
    now = font.nametofont("TkDefaultFont", root=root).cget("size")
    return round(abs(now) / abs(base) * 100)
