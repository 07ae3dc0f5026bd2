"""Themes and text size: what Settings changes about how every screen looks.

Fonts are scaled through Tk's named fonts, so every widget follows; the Treeview row height
is derived from the font once when its style is built, so it is reset here by hand.
"""

from __future__ import annotations

import tkinter
from tkinter import font

import ttkbootstrap as ttk
from ttkbootstrap.style.theme import Colors, ThemeDefinition
from ttkbootstrap.utils import config

from .kit import table

# A real high-contrast theme: white text on black, pale accents, a yellow selection, and
# edges as bright as the text, so that every piece of text and every control's edge is at
# least 7:1 against what it sits on (WCAG 2.x AAA; tests/ui/test_appearance.py measures each
# pair in the styles as built). Declared colour by colour rather than derived from anchors,
# so that no derived shade can fall short.
HIGH_CONTRAST = ThemeDefinition(
    "senco-high-contrast",
    Colors(
        primary="#8cc8ff",
        secondary="#d9d9d9",
        success="#7ff0a0",
        info="#7fe8ff",
        warning="#ffd966",
        danger="#ffa3a3",
        light="#f0f0f0",
        dark="#000000",
        bg="#000000",
        fg="#ffffff",
        selectbg="#ffff00",
        selectfg="#000000",
        border="#e0e0e0",
        inputfg="#ffffff",
        inputbg="#000000",
        active="#262626",
    ),
    mode="dark",
)
config.defer(
    "register_theme:senco-high-contrast", lambda: ttk.Style.get_instance().register_theme(HIGH_CONTRAST)
)

THEME_NAMES = {"light": "bootstrap-light", "dark": "bootstrap-dark", "contrast": HIGH_CONTRAST.name}
THEME_LABELS = {"light": "Light", "dark": "Dark", "contrast": "High contrast (white on black)"}
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


def default_button(preference: str) -> str:
    """A plain button is a pale solid one in the high-contrast theme (a near-black fill on
    black had no edge at all); in the others the builders' quiet neutral one."""
    return "secondary" if theme_for(preference) == HIGH_CONTRAST.name else "neutral"


def apply_theme(root: tkinter.Misc, preference: str) -> None:
    style = ttk.Style.get_instance()
    name = theme_for(preference)
    style.default_button = default_button(preference)  # read as each theme's buttons are built
    if style.theme_use() != name:
        style.theme_use(name)
    if name == HIGH_CONTRAST.name:
        sharpen(root, style)


def sharpen(root: tkinter.Misc, style: ttk.Style) -> None:
    """What the builders derive as a quiet shade is made as bright as the text in the high-
    contrast theme: the edges of outlined buttons and lists, and the text of a read-only list
    (a read-only field is still read: only a disabled button's text may be dim). The styles
    are built first (by making one of each, unseen) so a later build cannot undo this."""
    scratch = ttk.Frame(root)
    for make in (
        lambda: ttk.Button(scratch, bootstyle="outline"),
        lambda: ttk.Treeview(scratch),
        lambda: ttk.Notebook(scratch),
        lambda: ttk.Labelframe(scratch),
        lambda: ttk.Combobox(scratch),
        lambda: ttk.Entry(scratch),
        lambda: ttk.Spinbox(scratch),
    ):
        make()
    scratch.destroy()
    colours = HIGH_CONTRAST.colors
    for name in ("Outline.TButton", "Treeview", "TNotebook", "TNotebook.Tab", "TLabelframe"):
        style.configure(name, bordercolor=colours.border)
    for name in ("TCombobox", "TEntry", "TSpinbox"):
        style.map(name, foreground=[("disabled", colours.fg), ("readonly", colours.fg)])


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
    table.refit_all()  # every kit table's minimum widths in the new size


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
