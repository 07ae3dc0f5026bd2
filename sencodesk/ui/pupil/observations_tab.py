"""Observations tab of the pupil record (the SENCO and the head): every request for staff
observations about the pupil, newest first, each with the staff asked and where their answer
is; a chosen answer is shown in full with who wrote it and when. The SENCO asks from here, and
withdraws a request no longer needed."""

from __future__ import annotations

from datetime import date
from typing import Any

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.errors import UserError
from ...domain.plural import plural
from ...domain.staff_requests import Recipient, StaffRequest
from ...services import staff_requests
from .. import dialogs
from ..widgets import read_only, text_width


def request_status(request: StaffRequest, today: date) -> str:
    """The request's line in words: 'Overdue: wanted by ...', 'Reply by ...', 'Withdrawn'."""
    if request.status == "withdrawn":
        return f"Withdrawn on {uk(request.withdrawn_on)} ({request.progress()})"
    if request.overdue(today):
        return f"Overdue: wanted by {uk(request.due_on)} ({request.progress()})"
    if request.awaiting:
        return f"Reply by {uk(request.due_on)} ({request.progress()})"
    return request.progress()


Lines = list[tuple[str, str]]  # (text, tag): "heading" and "question" lines are bold


def answer_lines(request: StaffRequest, r: Recipient) -> Lines:
    """One member of staff's part, as dated evidence (for reading and copying)."""
    head = f"{r.name}" + (f" ({r.subject})" if r.subject else "") + f": {r.status_label}."
    if r.status == "declined":
        return [(head, "heading"), (f"Why they could not answer: {r.declined_reason}", "")]
    if r.status != "answered":
        return [
            (head, "heading"),
            (f"Asked on {uk(request.asked_on)}; reply wanted by {uk(request.due_on)}.", ""),
        ]
    lines: Lines = [(head, "heading")]
    for a in r.answers:
        lines += [("", ""), (a.question, "question"), (a.answer or "(no answer)", "")]
    return lines


def request_lines(request: StaffRequest) -> Lines:
    lines: Lines = [
        (request.purpose_label, "heading"),
        (f"Asked by {request.asked_by} on {uk(request.asked_on)}; reply wanted by {uk(request.due_on)}.", ""),
    ]
    if request.note:
        lines.append((f"Note to staff: {request.note}", ""))
    lines += [("", ""), ("Questions", "question")]
    lines += [(f"{i}. {q}", "") for i, q in enumerate(request.questions, start=1)]
    return lines


class ObservationsTab(ttk.Frame):
    def __init__(self, master: Any, record: Any):
        super().__init__(master, padding=10)
        self.record = record
        self.actor = record.actor
        self.requests: list[StaffRequest] = []
        self.pupil: Any = None
        top = ttk.Frame(self)
        top.pack(fill="x")
        self.status = ttk.Label(top, text="", wraplength=620, justify="left")
        self.status.pack(side="left", anchor="w")
        self.ask_button = ttk.Button(
            top, text="Ask staff for observations…", bootstyle="primary", command=self.ask
        )
        self.withdraw_button = ttk.Button(
            top, text="Withdraw request", bootstyle="secondary-outline", command=self.withdraw
        )
        if self.actor.user.can("observations.ask"):
            self.ask_button.pack(side="right")
            self.withdraw_button.pack(side="right", padx=(0, 8))
        self.message = ttk.Label(self, text="", wraplength=900, justify="left")
        self.message.pack(anchor="w", fill="x", pady=(2, 4))
        self.tree = ttk.Treeview(self, columns=("when", "status"), show="tree headings", height=7)
        self.tree.heading("#0", text="Request / member of staff", anchor="w")
        self.tree.heading("when", text="Asked on", anchor="w")
        self.tree.heading("status", text="Where it is", anchor="w")
        self.tree.column("#0", width=330, anchor="w")
        self.tree.column("when", width=text_width(self, "Asked on", "00/00/0000"), stretch=False, anchor="w")
        self.tree.column("status", width=360, anchor="w")
        self.tree.pack(fill="x")
        self.tree.bind("<<TreeviewSelect>>", lambda e: self.show_selected())
        self.detail = ttk.Text(self, height=12, wrap="word")
        self.detail.pack(fill="both", expand=True, pady=(6, 0))
        for tag in ("heading", "question"):
            self.detail.tag_configure(tag, font="TkHeadingFont")
        read_only(self.detail)

    def load(self, pupil: Any) -> None:
        """Read the pupil's requests again (None: a new pupil, not saved yet)."""
        self.pupil = pupil
        if pupil is None:
            self.status.configure(text="Save the pupil first: staff are asked about a saved record.")
            self.ask_button.configure(state="disabled")
            self.withdraw_button.configure(state="disabled")
            return
        self.requests = staff_requests.requests_for_pupil(self.actor, pupil.id)
        today = date.today()
        self.tree.tag_configure("overdue", foreground=ttk.Style.get_instance().colors.danger)
        self.tree.delete(*self.tree.get_children())
        for request in self.requests:
            late = ("overdue",) if request.overdue(today) else ()
            iid = f"request-{request.id}"
            self.tree.insert(
                "",
                "end",
                iid=iid,
                open=True,
                text=request.purpose_label,
                values=(uk(request.asked_on), request_status(request, today)),
                tags=late,
            )
            for r in request.recipients:
                waiting = r.status == "sent" and request.status == "open"
                where = (
                    ("Overdue: not answered" if late else "Awaiting an answer") if waiting else r.status_label
                )
                self.tree.insert(
                    iid,
                    "end",
                    iid=f"recipient-{r.id}",
                    text=r.name + (f" ({r.subject})" if r.subject else ""),
                    values=("", where),
                    tags=late if waiting else (),
                )
        answered = sum(len(r.answered) for r in self.requests)
        if not self.requests:
            text = "No member of staff has been asked for observations of this pupil yet."
        else:
            text = f"{plural(len(self.requests), 'request')} for staff observations; {answered} answered."
        self.status.configure(text=text)
        on_roll = not pupil.is_leaver
        self.ask_button.configure(state="normal" if on_roll else "disabled")
        first = next((f"recipient-{r.id}" for q in self.requests for r in q.answered), None)
        if first:
            self.tree.selection_set(first)
            self.tree.see(first)
        self.show_selected()

    def _selected(self) -> tuple[StaffRequest | None, Recipient | None]:
        chosen = next(iter(self.tree.selection()), "")
        for request in self.requests:
            if chosen == f"request-{request.id}":
                return request, None
            for r in request.recipients:
                if chosen == f"recipient-{r.id}":
                    return request, r
        return None, None

    def show_selected(self) -> None:
        request, recipient = self._selected()
        if request is None:
            lines: Lines = [("Choose a request or a member of staff to read it here.", "")]
        elif recipient is None:
            lines = request_lines(request)
        else:
            lines = answer_lines(request, recipient)
        self.detail.delete("1.0", "end")
        for i, (text, tag) in enumerate(lines):
            self.detail.insert("end", ("\n" if i else "") + text, (tag,) if tag else ())
        open_request = request is not None and request.status == "open" and bool(request.awaiting)
        self.withdraw_button.configure(state="normal" if open_request else "disabled")

    def ask(self) -> Any:
        from ..observation_dialogs import AskStaffDialog

        dialog = AskStaffDialog(self, self.actor, self.pupil.id, self.pupil.display_name, on_done=self._asked)
        return dialog.show(self, dialog.purpose.input)

    def _asked(self, request_id: int) -> None:
        self.load(self.pupil)
        self.message.configure(
            text="Sent. Each member of staff asked sees it on their dashboard when they sign in.",
            bootstyle="success",
        )
        self.record.on_saved(self.record, self.pupil.id)  # the dashboard counts it at once

    def withdraw(self) -> bool:
        request, _ = self._selected()
        if request is None:
            return False
        if not dialogs.confirm(
            self,
            f"Withdraw the request of {uk(request.asked_on)}? Staff who have not answered are no "
            "longer asked (it leaves their dashboard); answers already given stay on the record.",
            yes="Withdraw it",
            no="Keep it",
        ):
            return False
        try:
            staff_requests.withdraw_request(self.actor, request.id, request.version)
        except UserError as e:
            self.message.configure(text=e.message, bootstyle="danger")
            return False
        self.load(self.pupil)
        self.message.configure(text="Withdrawn: the answers given stay on the record.", bootstyle="success")
        self.record.on_saved(self.record, self.pupil.id)
        return True

    @property
    def dirty(self) -> bool:
        return False  # nothing is typed here (the dialogs keep their own text)

    @property
    def shown_text(self) -> str:
        return self.detail.get("1.0", "end-1c")
