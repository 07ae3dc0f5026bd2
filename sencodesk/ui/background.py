"""Long work (an import) off the Tk thread, so the window keeps painting and its progress bar
moves. The worker never touches Tk: it reports (done, total) into a slot the Tk thread polls.

The database connection is opened with check_same_thread=False; the window that starts the
work is modal, so nothing else uses the connection meanwhile.
"""

from __future__ import annotations

import logging
import threading
import tkinter
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)
POLL_MS = 50


class BackgroundJob:
    def __init__(
        self,
        widget: tkinter.Misc,
        work: Callable[[Callable[[int, int], None]], Any],
        *,
        on_progress: Callable[[int, int], None],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ):
        self.widget, self.work = widget, work
        self.on_progress, self.on_done, self.on_error = on_progress, on_done, on_error
        self.progress: tuple[int, int] = (0, 1)
        self.result: Any = None
        self.error: BaseException | None = None
        self.finished = threading.Event()
        self.delivered = False  # the result has been handed to on_done / on_error
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> BackgroundJob:
        self.thread.start()
        self.widget.after(POLL_MS, self._poll)
        return self

    @property
    def running(self) -> bool:
        """True until the result is back on the Tk thread (the window may close after that)."""
        return not self.delivered

    def _report(self, done: int, total: int) -> None:
        self.progress = (done, total)

    def _run(self) -> None:
        try:
            self.result = self.work(self._report)
        except BaseException as e:  # noqa: BLE001 - handed to the Tk thread to show
            self.error = e
        finally:
            self.finished.set()

    def _poll(self) -> None:
        if not self.widget.winfo_exists():
            return
        self.on_progress(*self.progress)
        if not self.finished.is_set():
            self.widget.after(POLL_MS, self._poll)
            return
        self.thread.join()
        self.delivered = True
        if self.error is not None:
            self.on_error(self.error)
        else:
            self.on_done(self.result)
