"""The record's notebook of tabs, built from the TABS registry: every title, letter and place is
there from the start, but a tab is built (and loaded) only the first time it is shown or asked
for. A tab its person may not read is not drawn for them at all; one they may read but not
change is read-only (tabs.py says which)."""

from __future__ import annotations

from typing import Any

import ttkbootstrap as ttk

from ..kit.scroll import scroll_into_view
from .tabs import BY_KEY, TABS, RecordTab, make_read_only


class LazyTab:
    """record.<key>: the tab, built (and loaded) now if it was not yet, so code and tests that
    reach into a tab always find it ready."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, record: Any, owner: type | None = None) -> Any:
        if record is None:
            return self
        return record.tab(self.name)


class TabHost:
    """What a record window needs to host its tabs: `self.tabs` (a Notebook), `self.user`."""

    tabs: ttk.Notebook

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for spec in TABS:
            if not hasattr(cls, spec.key):
                setattr(cls, spec.key, LazyTab())
                getattr(cls, spec.key).__set_name__(cls, spec.key)

    def build_tabs(self, master: ttk.Frame) -> None:
        self.tabs = ttk.Notebook(master)
        self.pages: dict[Any, Any] = {}  # built tab -> its page in the notebook
        self._scrollers: list[ttk.ScrolledFrame] = []
        self._built: dict[str, Any] = {}
        self._placeholders: dict[str, ttk.Frame] = {}
        for spec in TABS:  # empty pages keep every title, Alt+letter and order
            if not spec.may_read(self.user):  # type: ignore[attr-defined]
                continue  # not drawn for this person
            page = ttk.Frame(self.tabs)
            self.tabs.add(page, text=spec.label, underline=spec.underline)
            self._placeholders[spec.key] = page
        self.tabs.bind("<<NotebookTabChanged>>", lambda e: self._tab_shown(), add="+")
        self.tabs.enable_traversal()  # Ctrl+Tab and Alt+letter move between tabs
        self.bind("<FocusIn>", self._keep_in_view, add="+")  # type: ignore[attr-defined]

    def drawn(self, key: str) -> bool:
        """Is this tab there for this person (built or not)?"""
        return key in self._placeholders or key in self._built

    def scrolled(self, tab_class: type) -> tuple[Any, Any]:
        holder = ttk.ScrolledFrame(self.tabs, auto_hide=True, padding=0)
        tab = tab_class(holder)
        tab.pack(fill="both", expand=True)
        self._scrollers.append(holder)
        return tab, holder.container

    def page(self, key: str) -> Any:
        """The tab's page in the notebook (built or not), without building it."""
        built = self._built.get(key)
        return self.pages[built] if built is not None else self._placeholders[key]

    def built(self, key: str) -> Any:
        """The tab if it has been built, else None (an unbuilt tab has nothing typed in it)."""
        return self._built.get(key)

    def built_tabs(self) -> list[tuple[RecordTab, Any]]:
        """The tabs built so far, in the record's order."""
        return [(spec, self._built[spec.key]) for spec in TABS if spec.key in self._built]

    def tab(self, key: str) -> Any:
        """The tab, built and loaded now if it was not yet."""
        if key in self._built:
            return self._built[key]
        spec = BY_KEY[key]
        placeholder = self._placeholders.pop(key)
        options = self.tabs.tab(placeholder)
        index = self.tabs.index(placeholder)
        selected = self.tabs.select() == str(placeholder)
        tab, page = spec.make(self)  # type: ignore[arg-type]
        # The built page takes the placeholder's place with its title, letter and hidden state.
        self.tabs.insert(index, page, **{k: options[k] for k in ("text", "underline", "state")})
        if selected:
            self.tabs.select(page)
        self.tabs.forget(placeholder)
        placeholder.destroy()
        self._built[key], self.pages[tab] = tab, page
        if spec.writes is not None and not spec.may_write(self.user):  # type: ignore[attr-defined]
            make_read_only(self, spec, tab)  # type: ignore[arg-type]
        spec.load(self, tab)  # type: ignore[arg-type]
        return tab

    def _tab_shown(self) -> None:
        """A tab is built the first time it is shown; some fill in again each time."""
        shown = self.tabs.select()
        if not shown:
            return
        key = next((k for k, page in self._placeholders.items() if str(page) == shown), None)
        if key is not None:
            self.tab(key)
            return
        for spec, tab in self.built_tabs():
            if spec.shown is not None and str(self.pages[tab]) == shown:
                spec.shown(self, tab)  # type: ignore[arg-type]

    def _keep_in_view(self, event: Any) -> None:
        """Tabbing to a field below the fold scrolls it into view (large text, small screen)."""
        widget = event.widget
        if hasattr(widget, "winfo_rooty") and any(str(widget).startswith(f"{h}.") for h in self._scrollers):
            scroll_into_view(widget)
