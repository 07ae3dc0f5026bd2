"""What makes a pupil's record open in well under 100 ms: the tabs' code loaded while nobody is
waiting, and the record window's own size events kept from its children.

The record window itself is built ahead, hidden and empty (MainWindow keeps one ready), and
only Details is built when it opens; each other tab is built the first time it is shown
(building all ten up front was most of the 300 ms a record took at 2,000 pupils).
tests/ui/test_record_speed.py pins this; tests/benchmarks/bench.py measures it.
"""

from __future__ import annotations

import importlib
import time
import tkinter

TAB_CODE_AFTER_MS = 300
# The tabs' code and the Export menu's read models (not the PDF writer: that loads with a pack).
# Smaller modules first: each loads on its own turn of the event loop.
LATER_MODULES = (
    ".sen",
    ".contacts",
    ".provision_map",
    ".profile_tab",
    "...services.la_profiles",
    "...reports.models",
    "...services.packs",
    "...services.ehc_plans",
    ".plan_form",
    ".referrals_tab",
    ".support",
    "...services.annual_review_pack",
    "..statutory.ehc_tab",
)
TAB_CODE_STEP_MS = 40
_last_opened = [0.0]  # time.monotonic() when a record last opened
_tab_code: dict[str, object] = {
    "loading_on": None,
    "loaded": False,
}  # loading_on: the root it is under way on


def quiet() -> bool:
    """No record has opened for TAB_CODE_AFTER_MS: work done now keeps nobody waiting (records
    opened one after another, e.g. down the register with the keyboard, come first)."""
    return time.monotonic() - _last_opened[0] >= TAB_CODE_AFTER_MS / 1000


def opened(root: tkinter.Misc) -> None:
    """A record has just opened: note when, and load the tabs' code a moment later (on the
    root: this record may be closed by then), so the first click on Support or EHC does not
    wait for it either."""
    _last_opened[0] = time.monotonic()
    _import_tab_code_later(root)


def _import_tab_code_later(root: tkinter.Misc) -> None:
    """Load the tabs' code while nobody is waiting: ~100 ms in all, so not in one piece and
    not while records are being opened one after another (it would land in the next one's
    opening), but a module at a time once no record has opened for TAB_CODE_AFTER_MS."""
    if _tab_code["loaded"] or _tab_code["loading_on"] is root:
        return
    _tab_code["loading_on"] = root

    def step(remaining: tuple[str, ...]) -> None:
        if not remaining:
            _tab_code.update(loading_on=None, loaded=True)
            return
        if not quiet():
            root.after(TAB_CODE_AFTER_MS, step, remaining)
            return
        importlib.import_module(remaining[0], __package__)
        root.after(TAB_CODE_STEP_MS, step, remaining[1:])

    root.after(TAB_CODE_AFTER_MS, step, LATER_MODULES)


# Window events that ttkbootstrap's Toplevel handles (size tracking, alpha) only for the window
# itself. Bound on the window, they also see every child's events (a window's name is in each
# child's bindtags): some 300 Python callbacks, each parsing the whole event, as a record opens.
OWN_EVENTS = ("<Map>", "<Configure>", "<Visibility>")


def own_events_only(window: tkinter.Misc) -> None:
    """Pass children's map/size/visibility events by in Tcl, before any Python runs: the
    handlers bound on the window ignore them anyway (`continue` goes on to the next bindtag,
    so the child's own and class bindings still run)."""
    for sequence in OWN_EVENTS:
        script = window.bind(sequence)
        if script and not script.startswith('if {"%W" ne'):
            window.bind(sequence, f'if {{"%W" ne "{window}"}} continue\n{script}')
