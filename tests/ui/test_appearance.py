"""The high-contrast theme: every text colour and every control's edge at least 7:1 (WCAG 2.x
AAA) against what it is drawn on, measured in the styles as ttkbootstrap builds them."""

from __future__ import annotations

import pytest
import ttkbootstrap as ttk

from sencodesk.ui import appearance
from tests.ui.helpers import pump

pytestmark = pytest.mark.gui

AAA = 7.0
ACCENTS = ("primary", "secondary", "success", "info", "warning", "danger")


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of #rrggbb."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_gives_the_published_figures():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # the grey that just fails AA
    assert contrast("#595959", "#ffffff") >= AAA > contrast("#666666", "#ffffff")


def _look(style: ttk.Style, name: str, option: str) -> str:
    return str(style.lookup(name, option) or style.lookup(".", option))


def _mapped(style: ttk.Style, name: str, option: str) -> dict[str, str]:
    """A style's colour for each state it maps (disabled left out: WCAG exempts a control
    that cannot be used), by the state's words."""
    found = {}
    for *states, colour in style.map(name, option):
        words = " ".join(str(s) for s in states)
        if "disabled" in words and "!disabled" not in words:
            continue
        found[words] = str(colour)
    return found


def _pairs(style: ttk.Style) -> list[tuple[str, str, str]]:
    """(what, text or edge colour, colour under it) for every text and edge the app draws."""
    bg = _look(style, ".", "background")
    pairs = [("text", _look(style, "TLabel", "foreground"), _look(style, "TLabel", "background"))]
    for accent in ACCENTS:
        pairs.append((f"{accent} text", _look(style, f"{accent}.TLabel", "foreground"), bg))
    for name in ("TButton", *(f"{a}.TButton" for a in ACCENTS)):
        fill, text = _look(style, name, "background"), _look(style, name, "foreground")
        pairs.append((f"{name} text", text, fill))
        pairs.append((f"{name} focus ring", _look(style, name, "focuscolor"), fill))
        pairs.append((f"{name} edge", fill, bg))
        fills, texts = _mapped(style, name, "background"), _mapped(style, name, "foreground")
        for state, state_fill in fills.items():
            pairs.append((f"{name} text when {state}", texts.get(state, text), state_fill))
    for name in ("Outline.TButton", *(f"{a}.Outline.TButton" for a in ACCENTS)):
        text = _look(style, name, "foreground")
        pairs.append((f"{name} text", text, _look(style, name, "background")))
        pairs.append((f"{name} edge", _look(style, name, "bordercolor"), bg))
        fills, texts = _mapped(style, name, "background"), _mapped(style, name, "foreground")
        for state, state_fill in fills.items():
            pairs.append((f"{name} text when {state}", texts.get(state, text), state_fill))
    for name in ("Link.TButton", *(f"{a}.Link.TButton" for a in ACCENTS)):
        pairs.append((f"{name} text", _look(style, name, "foreground"), bg))
        for state, colour in _mapped(style, name, "foreground").items():
            pairs.append((f"{name} text when {state}", colour, bg))
    for name in ("TEntry", "TCombobox", "TSpinbox"):
        field = _look(style, name, "fieldbackground")
        pairs.append((f"{name} text", _look(style, name, "foreground"), field))
        pairs.append((f"{name} edge", _look(style, name, "bordercolor"), bg))
        # a read-only field is read (only a disabled button may be dim)
        for *states, colour in style.map(name, "foreground"):
            pairs.append((f"{name} text when {' '.join(map(str, states))}", str(colour), field))
        for state, colour in _mapped(style, name, "bordercolor").items():
            pairs.append((f"{name} edge when {state}", colour, bg))
    tree_bg = _look(style, "Treeview", "fieldbackground")
    pairs.append(("list text", _look(style, "Treeview", "foreground"), tree_bg))
    pairs.append(("list edge", _look(style, "Treeview", "bordercolor"), bg))
    selected_bg = _mapped(style, "Treeview", "background").get("selected")
    selected_fg = _mapped(style, "Treeview", "foreground").get("selected")
    pairs.append(("chosen row", str(selected_fg), str(selected_bg)))
    pairs.append(
        (
            "list heading",
            _look(style, "Treeview.Heading", "foreground"),
            _look(style, "Treeview.Heading", "background"),
        )
    )
    tab_bg = _look(style, "TNotebook.Tab", "background")
    pairs.append(("tab title", _look(style, "TNotebook.Tab", "foreground"), tab_bg))
    tab_fills = _mapped(style, "TNotebook.Tab", "background")
    for state, colour in _mapped(style, "TNotebook.Tab", "foreground").items():
        pairs.append((f"tab title when {state}", colour, tab_fills.get(state, tab_bg)))
    for name in ("TCheckbutton", "TRadiobutton", "TLabelframe.Label"):
        pairs.append((f"{name} text", _look(style, name, "foreground"), _look(style, name, "background")))
    return pairs


def _build_every_style(root) -> None:
    frame = ttk.Frame(root)
    ttk.Label(frame, text="x").pack()
    for accent in ("", *ACCENTS):
        ttk.Label(frame, text="x", bootstyle=accent or None).pack()
        for kind in ("", "-outline", "-link"):
            style = f"{accent}{kind}".strip("-") or None
            ttk.Button(frame, text="x", bootstyle=style).pack()
    for make in (ttk.Entry, ttk.Combobox, ttk.Spinbox, ttk.Treeview, ttk.Notebook):
        make(frame).pack()
    ttk.Checkbutton(frame, text="x").pack()
    ttk.Radiobutton(frame, text="x").pack()
    ttk.Labelframe(frame, text="x").pack()
    frame.pack()
    pump(root)


def test_the_high_contrast_theme_reaches_aaa_for_every_text_and_edge(root):
    appearance.apply_theme(root, "contrast")
    _build_every_style(root)
    style = ttk.Style.get_instance()
    assert style.theme_use() == appearance.HIGH_CONTRAST.name
    pairs = _pairs(style)
    assert len(pairs) > 80
    short = [(what, fg, bg, round(contrast(fg, bg), 2)) for what, fg, bg in pairs if contrast(fg, bg) < AAA]
    assert short == []


def test_the_text_box_and_its_selection_reach_aaa_too(root):
    appearance.apply_theme(root, "contrast")
    text = ttk.Text(root)
    pump(root)
    assert contrast(str(text.cget("foreground")), str(text.cget("background"))) >= AAA
    assert contrast(str(text.cget("insertbackground")), str(text.cget("background"))) >= AAA
    assert contrast(str(text.cget("selectforeground")), str(text.cget("selectbackground"))) >= AAA


def test_the_light_theme_would_fail_the_same_measure(root):
    """The measure bites: the everyday light theme (AA, not AAA) has pairs under 7:1."""
    appearance.apply_theme(root, "light")
    _build_every_style(root)
    pairs = _pairs(ttk.Style.get_instance())
    assert any(contrast(fg, bg) < AAA for _, fg, bg in pairs)


def test_it_is_offered_in_settings_by_name(main, root):
    screen = main.show("settings")
    pump(root)
    assert "contrast" in screen.theme_buttons
    assert "High contrast" in str(screen.theme_buttons["contrast"].cget("text"))
    screen.theme_var.set("contrast")
    screen.save_look()
    assert ttk.Style.get_instance().theme_use() == appearance.HIGH_CONTRAST.name
