"""A column of widgets that scrolls up and down when it is taller than the room it is given: the
left navigation at 200 % text on a 768-high laptop, whose last entries (Retention) fell off the
bottom of the window with no way to reach them."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk


class ScrollColumn(ttk.Frame):
    """Put widgets in `.body`. As wide as its widest widget; a scroll bar only when some of it is
    out of sight; the wheel scrolls it; a widget that takes the focus (Tab) is scrolled into view."""

    def __init__(self, master: tkinter.Misc, **body_options):
        super().__init__(master)
        self.canvas = ttk.Canvas(self, highlightthickness=0, borderwidth=0, width=1, height=1)
        self.bar = ttk.Scrollbar(self, orient="vertical", command=self.canvas.yview)
        self.canvas.configure(yscrollcommand=self.bar.set)
        self.body = ttk.Frame(self.canvas, **body_options)
        self.canvas.create_window(0, 0, anchor="nw", window=self.body)
        self.canvas.pack(side="left", fill="both", expand=True)
        self.body.bind("<Configure>", self._fit, add="+")
        self.canvas.bind("<Configure>", self._fit, add="+")
        for part in (self.canvas, self.body):
            for sequence in ("<MouseWheel>", "<Button-4>", "<Button-5>"):
                part.bind(sequence, self._wheel, add="+")

    def add(self, widget: tkinter.Widget) -> None:
        """Wheel and focus handling for a widget packed into `.body`."""
        for sequence in ("<MouseWheel>", "<Button-4>", "<Button-5>"):
            widget.bind(sequence, self._wheel, add="+")
        widget.bind("<FocusIn>", lambda e: self.see(widget), add="+")

    def overflows(self) -> bool:
        return self.body.winfo_reqheight() > self.canvas.winfo_height()

    def see(self, widget: tkinter.Widget) -> None:
        """Scroll just enough for `widget` to be wholly in view (once laid out: before that it is
        where it will be drawn, at the top)."""
        total = max(1, self.body.winfo_reqheight())
        top, bottom = widget.winfo_y(), widget.winfo_y() + widget.winfo_height()
        shown_top = self.canvas.canvasy(0)
        shown_bottom = shown_top + self.canvas.winfo_height()
        if top < shown_top:
            self.canvas.yview_moveto(top / total)
        elif bottom > shown_bottom:
            self.canvas.yview_moveto((bottom - self.canvas.winfo_height()) / total)

    def _fit(self, _event=None) -> None:
        width, height = self.body.winfo_reqwidth(), self.body.winfo_reqheight()
        # Asks for its whole height (so the window is sized as before); given less, it scrolls.
        self.canvas.configure(width=width, height=height, scrollregion=(0, 0, width, height))
        if self.overflows() and self.canvas.winfo_height() > 1:
            if not self.bar.winfo_manager():
                self.bar.pack(side="right", fill="y", before=self.canvas)
        elif self.bar.winfo_manager():
            self.bar.pack_forget()
            self.canvas.yview_moveto(0)

    def _wheel(self, event) -> None:
        if not self.overflows():
            return
        step = -1 if event.num == 4 or event.delta > 0 else 1
        self.canvas.yview_scroll(step * 2, "units")
