"""A row of number tiles (the dashboard's buttons) that wraps onto more lines when the window is
too narrow for them, so at large text on a 1366-wide laptop no tile runs off the right edge."""

from __future__ import annotations

from collections.abc import Callable

import ttkbootstrap as ttk

GAP = 10  # pixels between tiles, across and down
PADDING = (14, 12)


class TileRow(ttk.Frame):
    """Pack it with fill="x": it lays its tiles out in the width it is given."""

    def __init__(self, master, **kwargs):
        super().__init__(master, **kwargs)
        self.tiles: list[ttk.Button] = []
        self.lines: list[ttk.Frame] = []  # one frame per line of tiles, top to bottom
        self._layout: list[int] = []  # how many tiles on each line, as laid out now
        self._due = False
        # Its own width changes with the window; a tile's with its text (a new count, or the
        # text size changed in Settings) though the row's width stays the same.
        self.bind("<Configure>", lambda e: self.reflow_later(), add="+")

    def add(self, bootstyle: str, command: Callable[[], object]) -> ttk.Button:
        tile = ttk.Button(self, bootstyle=bootstyle, padding=PADDING, command=command)
        tile.bind("<Configure>", lambda e: self.reflow_later(), add="+")
        self.tiles.append(tile)
        self.reflow()
        return tile

    def reflow_later(self) -> None:
        if not self._due:  # many sizes change at once (every tile after a refresh): lay out once
            self._due = True
            self.after_idle(self.reflow)

    def reflow(self) -> None:
        self._due = False
        if not self.winfo_exists():
            return
        width = self.winfo_width()
        layout = lines_for([t.winfo_reqwidth() for t in self.tiles], width if width > 1 else None)
        if layout != self._layout:  # the same lines again: nothing moves, no more events
            self._place(layout)

    def _place(self, layout: list[int]) -> None:
        while len(self.lines) < len(layout):
            self.lines.append(ttk.Frame(self))
        for tile in self.tiles:
            tile.pack_forget()
        tiles = iter(self.tiles)
        for number, line in enumerate(self.lines):
            if number >= len(layout):
                line.pack_forget()
                continue
            line.pack(anchor="w", pady=(GAP if number else 0, 0))
            for _ in range(layout[number]):
                tile = next(tiles)
                tile.pack(in_=line, side="left", padx=(0, GAP))
                tile.lift(line)  # the line frames were made after the tiles: keep tiles on top
        self._layout = layout


def lines_for(widths: list[int], room: int | None) -> list[int]:
    """How many tiles go on each line, in order, so each line fits in `room` pixels (None: not
    laid out yet, so all on one line). A tile wider than the room has a line to itself."""
    if room is None:
        return [len(widths)] if widths else []
    layout: list[int] = []
    used = 0
    for width in widths:
        if layout and used + width + GAP <= room:  # its own gap too: the line's width is the row's
            layout[-1] += 1
            used += width + GAP
        else:
            layout.append(1)
            used = width + GAP
    return layout
