"""A scrolling body for a form that can be taller than the window (200% text on a 768-high
laptop): the wheel scrolls it wherever the pointer is in its window, and a field that takes
the focus is scrolled into view."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

WHEEL = ("<MouseWheel>", "<Button-4>", "<Button-5>")
_SCROLLS_ITSELF = ("Text", "Treeview", "Listbox")


class ScrollArea(ttk.Frame):
    """Put the form in `.body`. It asks for the room its body needs (so a window opens at its
    natural size) and scrolls when given less; the body is as wide as the area."""

    def __init__(self, master: tkinter.Misc, **body_options: object):
        super().__init__(master)
        self.canvas = ttk.Canvas(self, highlightthickness=0, borderwidth=0, width=1, height=1)
        self.bar = ttk.Scrollbar(self, orient="vertical", command=self.canvas.yview)
        self.canvas.configure(yscrollcommand=self.bar.set)
        self.body = ttk.Frame(self.canvas, **body_options)
        self.canvas.create_window(0, 0, anchor="nw", window=self.body, tags="body")
        self.canvas.pack(side="left", fill="both", expand=True)
        self.body.bind("<Configure>", self._fit, add="+")
        self.canvas.bind("<Configure>", self._fit, add="+")

    def overflows(self) -> bool:
        return self.body.winfo_reqheight() > self.canvas.winfo_height() > 1

    def _fit(self, _event: object = None) -> None:
        width, height = self.body.winfo_reqwidth(), self.body.winfo_reqheight()
        shown_width = max(width, self.canvas.winfo_width())
        self.canvas.itemconfigure("body", width=shown_width)
        self.canvas.configure(scrollregion=(0, 0, shown_width, height))
        if (int(self.canvas.cget("width")), int(self.canvas.cget("height"))) != (width, height):
            self.canvas.configure(width=width, height=height)
        if self.overflows():
            if not self.bar.winfo_manager():
                self.bar.pack(side="right", fill="y", before=self.canvas)
        elif self.bar.winfo_manager():
            self.bar.pack_forget()
            self.canvas.yview_moveto(0)

    def wheel(self, event: tkinter.Event) -> str | None:
        """Scroll for a wheel turned anywhere in the window, unless the pointer is over a box or
        list that scrolls itself and has more to show."""
        if not self.overflows() or _scrolls_itself(event.widget):
            return None
        step = -1 if getattr(event, "num", 0) == 4 or getattr(event, "delta", 0) > 0 else 1
        self.canvas.yview_scroll(step * 2, "units")
        return "break"

    def see(self, widget: tkinter.Misc) -> None:
        """Scroll just enough for `widget` to be wholly in view."""
        if not self.overflows():
            return
        total = max(1, self.body.winfo_reqheight())
        top = widget.winfo_rooty() - self.body.winfo_rooty()
        bottom = top + widget.winfo_height()
        shown_top = self.canvas.canvasy(0)
        shown_bottom = shown_top + self.canvas.winfo_height()
        if top < shown_top:
            self.canvas.yview_moveto(max(0, top - 8) / total)
        elif bottom > shown_bottom:
            self.canvas.yview_moveto((bottom + 8 - self.canvas.winfo_height()) / total)


def _scrolls_itself(widget: object) -> bool:
    if not isinstance(widget, tkinter.Misc):
        return False
    try:
        if widget.winfo_class() in _SCROLLS_ITSELF:
            first, last = widget.yview()  # type: ignore[attr-defined]
            return first > 0 or last < 1
    except tkinter.TclError:
        return False
    return False


def scroll_into_view(widget: tkinter.Misc) -> None:
    """Scroll every scrolling area that holds `widget` (a kit ScrollArea, or a ttkbootstrap
    ScrolledFrame such as a record tab's) so that it is in view."""
    parent = widget.master
    while parent is not None:
        if isinstance(parent, ScrollArea):
            parent.see(widget)
        elif isinstance(parent, ttk.ScrolledFrame):
            _see_in_scrolled_frame(parent, widget)
        parent = parent.master


def _see_in_scrolled_frame(holder: ttk.ScrolledFrame, widget: tkinter.Misc) -> None:
    total = max(1, holder.winfo_height())
    top = widget.winfo_rooty() - holder.winfo_rooty()
    first, last = holder.yview()
    if top < first * total or top + widget.winfo_height() > last * total:
        holder.yview_moveto(max(0.0, (top - 40) / total))
