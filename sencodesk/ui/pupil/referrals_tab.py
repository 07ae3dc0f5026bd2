"""Referrals tab: referrals to outside services with their consent and status, the outside
professionals involved, and the school's EHC needs assessment request text and consent.

Everything is saved through services.referrals; what a service refuses (a referral marked sent
without consent, a date in the future) is shown by the form in the service's words, and what
was typed stays in the form.
"""

from __future__ import annotations

import tkinter
from datetime import date

import ttkbootstrap as ttk

from ...domain import field_access
from ...domain.dates import uk
from ...domain.errors import UserError, ValidationError
from ...domain.la_profile import UNKNOWN_QUESTION, question_wordings
from ...domain.plural import plural
from ...domain.referrals import CONSENT_METHODS, SERVICE_QUESTIONS, SERVICES, STATUSES, Involvement, Referral
from ...services import la_profiles, referrals
from .. import dialogs
from ..date_warning import watch_date
from ..widgets import Field, hide, read_only

SERVICE_BY_LABEL = {label: code for code, label in SERVICES.items()}
STATUS_BY_LABEL = {label: code for code, label in STATUSES.items()}
METHOD_BY_LABEL = {label: code for code, label in CONSENT_METHODS.items()}
KINDS = {"New request": "new", "Re-request": "re"}


class TextBox(ttk.Frame):
    """A labelled multi-line box (Tab moves on, as in every other field)."""

    def __init__(self, master, label: str, height: int = 3, width: int = 60):
        super().__init__(master)
        ttk.Label(self, text=label).pack(anchor="w")
        self.text = ttk.Text(self, height=height, width=width, wrap="word", undo=True)
        self.text.pack(fill="x")
        self.text.bind("<Tab>", lambda e: (e.widget.tk_focusNext().focus_set(), "break")[1])

    def get(self) -> str:
        return self.text.get("1.0", "end-1c")

    def set(self, value: str) -> None:
        self.text.delete("1.0", "end")
        self.text.insert("1.0", value or "")


class Form(ttk.Frame):
    """Fields in a grid, a message line, and a way to show a service's field errors."""

    def __init__(self, master, columns: int = 3):
        super().__init__(master)
        self.fields: dict[str, Field] = {}
        self.columns = columns
        self.message = ttk.Label(self, text="", wraplength=820, justify="left")

    def field(self, key: str, label: str, row: int, column: int, **kw) -> Field:
        f = Field(self, label, width=kw.pop("width", 22), **kw)
        f.grid(row=row, column=column, sticky="we", padx=(0, 10), pady=(2, 0))
        self.fields[key] = f
        return f

    def values(self) -> dict:
        return {k: f.get() for k, f in self.fields.items()}

    def clear_errors(self) -> None:
        for f in self.fields.values():
            f.clear()
        self.say("")

    def say(self, text: str, style: str = "danger") -> None:
        self.message.configure(text=text, bootstyle=style)

    def show_errors(self, e: ValidationError) -> None:
        other = []
        for key, text in e.field_errors.items():
            if key in self.fields:
                self.fields[key].show_error(text)
            else:
                other.append(text)
        self.say("Not saved: " + (" ".join(other) if other else "see the message by the field."))


class ConsentForm(Form):
    """Who gave consent, their relationship, when and how, to the referral (or request) and,
    separately, to sharing information with named services, with any exclusions."""

    def __init__(self, master, what: str):
        super().__init__(master)
        self.field("given_by", "Consent given by (name)", 0, 0)
        self.field("relationship", "Relationship to the child", 0, 1)
        self.field("given_on", "Date given (DD/MM/YYYY)", 0, 2, width=14)
        self.field("method", "How it was given", 1, 0, kind="combo", values=tuple(METHOD_BY_LABEL))
        self.field("consent_to_refer", f"Agrees to the {what}?", 1, 1, kind="combo", values=("Yes", "No"))
        self.field("share_with", "Agrees to share information with (names, commas between)", 2, 0, width=44)
        self.fields["share_with"].grid(columnspan=2)
        self.field("exclusions", "Do not share with / exclusions", 2, 2)
        self.message.grid(row=4, column=0, columnspan=3, sticky="w")

    def form(self) -> dict:
        v = self.values()
        return v | {
            "method": METHOD_BY_LABEL.get(v["method"], v["method"]),
            "consent_to_refer": {"Yes": "yes", "No": "no"}.get(v["consent_to_refer"], ""),
        }

    def reset(self) -> None:
        for f in self.fields.values():
            f.set("")


class ReferralsTab(ttk.Frame):
    def __init__(self, master):
        super().__init__(master, padding=12)
        self.actor = None
        self.pupil_id: int | None = None
        self.items: list[Referral] = []
        self.current: Referral | None = None
        self.draft_version = 0
        # What the role may see and change here (apply_role): all of it unless told otherwise.
        self.shows = {"referrals": True, "request": True}
        self.locked: list[ttk.Labelframe] = []
        self._build_referrals()
        self._build_involvements()
        self._build_request()
        self._saved: dict | None = None
        self.bind("<Map>", lambda e: self._on_map(e), add="+")

    def _on_map(self, event) -> None:
        # reload when shown, unless that would throw away something typed and not yet saved
        if event.widget is self and not self.dirty:
            self.reload()

    def _snapshot(self) -> dict:
        return {
            "referral": self.referral_form(),
            "consent": self.consent_form.values(),
            "involvement": self.involvement_form(),
            "request": self.request_form(),
            "ehcna_consent": self.ehcna_consent.values(),
            "status": (self.status_var.get(), self.outcome_var.get()),
        }

    def _referral_unsaved(self) -> bool:
        return self._saved is not None and self.referral_form() != self._saved["referral"]

    def mark_saved(self) -> None:
        self._saved = self._snapshot()

    @property
    def dirty(self) -> bool:
        """Typed on this tab and not saved by its own buttons (the record asks before closing)."""
        return self._saved is not None and self._snapshot() != self._saved

    # ---- layout -------------------------------------------------------------------------
    def _section(self, title: str) -> ttk.Labelframe:
        frame = ttk.Labelframe(self, text=title, padding=10)
        frame.pack(fill="x", pady=(0, 12))
        return frame

    def apply_role(self, user) -> None:
        """As field_access says for this role: a teacher sees who is involved from outside, not
        the referrals, consents or the request text (the sections are not shown, not shown
        empty); the head reads every section and changes none (no buttons, no typing)."""
        role = user.role
        self.shows = {
            "referrals": field_access.may_read_table(role, "referrals"),
            "request": field_access.may_read_table(role, "ehcna_drafts"),
        }
        for box, shown in (
            (self.referrals_box, self.shows["referrals"]),
            (self.request_box, self.shows["request"]),
        ):
            if not shown:
                hide(box)
        sections = (
            (self.referrals_box, "referrals.reason", self.consent_form),
            (self.involvements_box, "involvements.service", None),
            (self.request_box, "ehcna_drafts.now_needed", self.ehcna_consent),
        )
        for box, field, consent_form in sections:
            if field_access.may_write(role, field):
                continue
            self.locked.append(box)
            if consent_form is not None:  # a new dated consent record is the SENCO's to add
                hide(consent_form)
        if self.involvements_box in self.locked:
            self.inv_hint.configure(text="Choose one to see what they advised and when.")
        self._lock()

    def _lock(self) -> None:
        """Read-only sections stay so as their rows and questions are filled in."""
        for box in self.locked:
            read_only(box)

    def _build_referrals(self) -> None:
        box = self.referrals_box = self._section("Referrals to outside services")
        self.not_saved = ttk.Label(box, text="", bootstyle="secondary")
        self.not_saved.pack(anchor="w")
        top = ttk.Frame(box)
        top.pack(fill="x")
        self.tree = ttk.Treeview(
            top,
            columns=("service", "date", "status", "consent"),
            show="headings",
            height=4,
            selectmode="browse",
        )
        for key, head, width in (
            ("service", "Service", 250),
            ("date", "Date", 90),
            ("status", "Status", 110),
            ("consent", "Consent to refer", 230),
        ):
            self.tree.heading(key, text=head, anchor="w")
            self.tree.column(key, width=width, anchor="w")
        self.tree.pack(side="left", fill="x", expand=True)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selected())
        self.new_button = ttk.Button(
            top, text="New referral", bootstyle="secondary-outline", command=self.new_referral
        )
        self.new_button.pack(side="left", anchor="n", padx=(8, 0))

        self.ref_form = Form(box)
        self.ref_form.pack(fill="x", pady=(8, 0))
        service = self.ref_form.field(
            "service", "Service", 0, 0, kind="combo", values=tuple(SERVICE_BY_LABEL), width=40
        )
        service.grid(columnspan=2)
        service.var.trace_add("write", lambda *a: self._questions_for(self._service_code()))
        # the school sends a referral on a school day: another day is said (never refused)
        watch_date(
            self.ref_form.field("referred_on", "Date of referral (DD/MM/YYYY)", 0, 2, width=14),
            lambda: self.actor,
            "The referral date",
        )
        self.reason = TextBox(self.ref_form, "Reason for referral (what worries the school)")
        self.reason.grid(row=1, column=0, columnspan=3, sticky="we", pady=(4, 0))
        self.asks = TextBox(self.ref_form, "What the school is asking the service for", height=2)
        self.asks.grid(row=2, column=0, columnspan=3, sticky="we", pady=(4, 0))
        self.questions_frame = ttk.Frame(self.ref_form)
        self.questions_frame.grid(row=3, column=0, columnspan=3, sticky="we", pady=(4, 0))
        self.answer_vars: dict[str, tkinter.StringVar] = {}
        self.save_ref_button = ttk.Button(
            self.ref_form, text="Save referral", bootstyle="primary", command=self.save_referral
        )
        self.save_ref_button.grid(row=4, column=2, sticky="e", pady=(6, 0))
        self.ref_form.message.grid(row=5, column=0, columnspan=3, sticky="w")

        status_row = ttk.Frame(box)
        status_row.pack(fill="x", pady=(8, 0))
        ttk.Label(status_row, text="Status").pack(side="left")
        self.status_var = tkinter.StringVar(master=self)
        self.status_box = ttk.Combobox(
            status_row, textvariable=self.status_var, values=list(STATUS_BY_LABEL), state="readonly", width=20
        )
        self.status_box.pack(side="left", padx=(6, 10))
        ttk.Label(status_row, text="Outcome notes").pack(side="left")
        self.outcome_var = tkinter.StringVar(master=self)
        ttk.Entry(status_row, textvariable=self.outcome_var, width=30).pack(side="left", padx=(6, 10))
        self.status_button = ttk.Button(
            status_row, text="Set status", bootstyle="secondary", command=self.set_status
        )
        self.status_button.pack(side="left")
        self.status_message = ttk.Label(box, text="", wraplength=820, justify="left")
        self.status_message.pack(anchor="w")

        self.consent_now, self.consent_form, self.consent_button = _consent_section(
            box,
            "Consent to this referral (add a new dated record when it changes)",
            "referral",
            "Record consent",
            self.record_consent,
        )

    def _build_involvements(self) -> None:
        box = self.involvements_box = self._section("Outside professionals involved")
        self.inv_hint = ttk.Label(
            box,
            bootstyle="secondary",
            text="Choose one to change it or mark it ended; they are kept for the record, never deleted.",
        )
        self.inv_hint.pack(anchor="w")
        self.inv_tree = ttk.Treeview(
            box, columns=("service", "who", "dates", "report"), show="headings", height=3, selectmode="browse"
        )
        for key, head, width in (
            ("service", "Service", 240),
            ("who", "Professional", 170),
            ("dates", "Dates", 190),
            ("report", "Latest report", 100),
        ):
            self.inv_tree.heading(key, text=head, anchor="w")
            self.inv_tree.column(key, width=width, anchor="w")
        self.inv_tree.pack(fill="x")
        self.inv_tree.bind("<<TreeviewSelect>>", lambda e: self._involvement_selected())
        self.involvements: list[Involvement] = []
        self.inv_current: Involvement | None = None  # the one in the form (None: a new one)
        self.inv_form = Form(box)
        self.inv_form.pack(fill="x", pady=(6, 0))
        service = self.inv_form.field("service", "Service (choose, or type another)", 0, 0)
        service.input.destroy()  # a list to pick from that still takes any service typed
        service.input = ttk.Combobox(
            service, textvariable=service.var, values=list(SERVICES.values()), width=22
        )
        service.input.grid(row=1, column=0, columnspan=2, sticky="we")
        self.inv_form.field("professional", "Professional's name", 0, 1)
        self.inv_form.field("started_on", "From (DD/MM/YYYY)", 0, 2, width=14)
        self.inv_form.field("ended_on", "To (blank if ongoing)", 1, 0, width=14)
        self.inv_form.field("latest_report_on", "Latest report (DD/MM/YYYY)", 1, 1, width=14)
        self.inv_form.field("summary", "What they advised, in a line", 1, 2)
        # each recommendation on its own line, so the request pairs it with the provision that
        # carried it out (or says it is not yet acted on)
        self.inv_recommendations = TextBox(
            self.inv_form,
            "Their recommendations, one per line (start a line with the provision's name and ':' to pair it)",
            height=3,
        )
        self.inv_recommendations.grid(row=2, column=0, columnspan=3, sticky="we", pady=(4, 0))
        self.inv_form.message.grid(row=3, column=0, columnspan=3, sticky="w")
        inv_buttons = ttk.Frame(box)
        inv_buttons.pack(fill="x", pady=(4, 0))
        self.inv_button = ttk.Button(
            inv_buttons, text="Add involvement", bootstyle="secondary", command=self.save_involvement
        )
        self.inv_button.pack(side="right")
        self.inv_end_button = ttk.Button(
            inv_buttons, text="Mark ended today", bootstyle="secondary-outline", command=self.end_involvement
        )
        self.inv_new_button = ttk.Button(
            inv_buttons, text="New involvement", bootstyle="link", command=self.new_involvement
        )

    def _build_request(self) -> None:
        box = self.request_box = self._section("EHC needs assessment request: the school's text")
        self.req_form = Form(box)
        self.req_form.pack(fill="x")
        self.req_form.field("request_date", "Request date (DD/MM/YYYY)", 0, 0, width=14)
        self.req_form.field(
            "request_kind", "New request or re-request", 0, 1, kind="combo", values=tuple(KINDS)
        )
        self.req_form.field("completed_by", "Person completing", 0, 2)
        # The pupil's record (Details tab) holds both now; the packs print these only where it does not.
        self.req_form.field("home_language", "Home language, if not on Details", 1, 0)
        self.req_form.field("attendance_pct", "Attendance %, if not on Details", 1, 1, width=10)
        self.now_needed = TextBox(self.req_form, "What the school thinks is now needed")
        self.now_needed.grid(row=2, column=0, columnspan=3, sticky="we", pady=(4, 0))
        self.outcomes_sought = TextBox(self.req_form, "Outcomes sought")
        self.outcomes_sought.grid(row=3, column=0, columnspan=3, sticky="we", pady=(4, 0))
        self.la_frame = ttk.Frame(self.req_form)
        self.la_frame.grid(row=4, column=0, columnspan=3, sticky="we")
        self.la_boxes: dict[str, TextBox] = {}
        self.req_form.message.grid(row=5, column=0, columnspan=3, sticky="w")
        self.req_button = ttk.Button(
            box, text="Save request text", bootstyle="primary", command=self.save_request
        )
        self.req_button.pack(anchor="e", pady=(4, 0))
        self.ehcna_consent_now, self.ehcna_consent, self.ehcna_consent_button = _consent_section(
            box,
            "Consent to the request",
            "request",
            "Record consent to the request",
            self.record_ehcna_consent,
        )

    # ---- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        record = self.winfo_toplevel()
        self.actor, self.pupil_id = record.actor, record.pupil_id
        saved = self.pupil_id is not None
        self.not_saved.configure(
            text="" if saved else "Save the new pupil first: referrals belong to a saved record."
        )
        for button in (
            self.new_button,
            self.save_ref_button,
            self.status_button,
            self.consent_button,
            self.inv_button,
            self.inv_end_button,
            self.req_button,
            self.ehcna_consent_button,
        ):
            button.configure(state="normal" if saved else "disabled")
        if not saved:
            return
        if self.shows["referrals"]:
            self._load_referrals()
        self._load_involvements()
        if self.shows["request"]:
            self._load_request()
        self._lock()
        self.mark_saved()

    def _load_referrals(self, select: int | None = None) -> None:
        keep = select or (self.current.id if self.current else None)
        self.items = referrals.referrals_for_pupil(self.actor, self.pupil_id)
        self.tree.delete(*self.tree.get_children())
        for r in self.items:
            c = r.consent
            consent = (
                "Not recorded"
                if c is None
                else f"{'Yes' if c.consent_to_refer else 'No'}: {c.given_by}, {uk(c.given_on)}"
            )
            self.tree.insert(
                "",
                "end",
                iid=str(r.id),
                values=(
                    SERVICES.get(r.service, r.service),
                    uk(r.referred_on),
                    STATUSES.get(r.status, r.status),
                    consent,
                ),
            )
        if keep and self.tree.exists(str(keep)):
            self.tree.selection_set(str(keep))
            self._show(next(r for r in self.items if r.id == keep))
        elif self.items:
            self.tree.selection_set(str(self.items[0].id))
            self._show(self.items[0])
        else:
            self.new_referral()

    def _selected(self) -> None:
        sel = self.tree.selection()
        if sel:
            found = next((r for r in self.items if str(r.id) == sel[0]), None)
            if found is not None and found is not self.current:
                self._show(found)

    def _service_code(self) -> str:
        label = self.ref_form.fields["service"].get()
        return SERVICE_BY_LABEL.get(label, "")

    def _questions_for(self, service: str, answers: dict[str, str] | None = None) -> None:
        answers = answers if answers is not None else {k: v.get() for k, v in self.answer_vars.items()}
        for child in self.questions_frame.winfo_children():
            child.destroy()
        self.answer_vars = {}
        known = SERVICE_QUESTIONS.get(service, [])
        # answers to questions not listed for this service are kept and shown, never dropped
        rows = known + [(k, k) for k in answers if k not in dict(known) and answers[k]]
        for i, (key, label) in enumerate(rows):
            ttk.Label(self.questions_frame, text=label, wraplength=360, justify="left").grid(
                row=i, column=0, sticky="w", pady=(2, 0)
            )
            var = tkinter.StringVar(master=self, value=answers.get(key, ""))
            ttk.Entry(self.questions_frame, textvariable=var, width=40).grid(
                row=i, column=1, sticky="we", padx=(8, 0), pady=(2, 0)
            )
            self.answer_vars[key] = var
        self.questions_frame.columnconfigure(1, weight=1)

    def _show(self, r: Referral | None) -> None:
        self.current = r
        self.ref_form.clear_errors()
        self.status_message.configure(text="")
        f = self.ref_form.fields
        f["service"].set(SERVICES.get(r.service, "") if r else "")
        f["referred_on"].set(uk(r.referred_on) if r else uk(date.today()))
        self.reason.set(r.reason if r else "")
        self.asks.set(r.asks if r else "")
        self._questions_for(r.service if r else "", dict(r.answers) if r else {})
        self.status_var.set(STATUSES.get(r.status, "") if r else "")
        self.outcome_var.set(r.outcome_notes if r else "")
        state = "normal" if r else "disabled"
        for w in (self.status_box, self.status_button, self.consent_button):
            w.configure(state="readonly" if (w is self.status_box and r) else state)
        c = r.consent if r else None
        self.consent_now.configure(
            text=(
                "Save the referral first, then record consent."
                if r is None
                else "No consent is recorded: the referral prints with a CONSENT NOT RECORDED banner and "
                "cannot be marked sent."
                if c is None
                else f"Latest: {c.given_by} ({c.relationship or 'relationship not given'}) "
                f"{'agreed' if c.consent_to_refer else 'did NOT agree'} on {uk(c.given_on)}, "
                f"{CONSENT_METHODS.get(c.method, c.method).lower()}; may share with: "
                f"{', '.join(c.share_with) or 'no services named'}"
                + (f"; not with: {c.exclusions}" if c.exclusions else "")
            ),
            bootstyle="danger" if r is not None and (c is None or not c.consent_to_refer) else "default",
        )
        self._lock()

    def _resnap(self, *parts: str) -> None:
        """Take the parts just saved (and reloaded) as saved; the others keep what is typed."""
        now = self._snapshot()
        if self._saved is None:
            self._saved = now
            return
        self._saved = {k: (now[k] if k in parts else v) for k, v in self._saved.items()}

    def new_referral(self) -> None:
        self.tree.selection_remove(*self.tree.selection())
        self._show(None)

    def _load_involvements(self) -> None:
        self.inv_tree.delete(*self.inv_tree.get_children())
        self.involvements = referrals.involvements_for_pupil(self.actor, self.pupil_id)
        for i in self.involvements:
            dates = (
                f"{uk(i.started_on)} to {uk(i.ended_on)}"
                if i.started_on and i.ended_on
                else f"Ended {uk(i.ended_on)}"
                if i.ended_on
                else f"From {uk(i.started_on)} (ongoing)"
                if i.started_on
                else "Ongoing"
            )
            self.inv_tree.insert(
                "", "end", iid=str(i.id), values=(i.service, i.professional, dates, uk(i.latest_report_on))
            )
        self._show_involvement(None)

    def _show_involvement(self, involvement: Involvement | None) -> None:
        """Fill the form with one involvement to change (or empty it for a new one)."""
        self.inv_current = involvement
        f = self.inv_form.fields
        for key in ("service", "professional", "summary"):
            f[key].set(getattr(involvement, key) if involvement else "")
        for key in ("started_on", "ended_on", "latest_report_on"):
            f[key].set(uk(getattr(involvement, key)) if involvement else "")
        self.inv_recommendations.set(involvement.recommendations if involvement else "")
        self.inv_button.configure(text="Save involvement" if involvement else "Add involvement")
        self.inv_new_button.pack_forget()
        self.inv_end_button.pack_forget()
        if involvement is not None:
            if involvement.ended_on is None:
                self.inv_end_button.pack(side="right", padx=(0, 6))
            self.inv_new_button.pack(side="left")
        elif self.inv_tree.selection():
            self.inv_tree.selection_remove(*self.inv_tree.selection())
        self._lock()

    def _involvement_selected(self) -> None:
        chosen = self.inv_tree.selection()
        found = next((i for i in self.involvements if chosen and str(i.id) == chosen[0]), None)
        if found is None or found is self.inv_current:
            return
        if self._involvement_unsaved() and not dialogs.confirm(
            self,
            "What you typed about an outside professional is not saved. Show the one you chose and lose it?",
            yes="Lose my changes",
            no="Keep editing",
        ):
            if self.inv_current is not None:
                self.inv_tree.selection_set(str(self.inv_current.id))
            else:
                self.inv_tree.selection_remove(*chosen)
            return
        self.inv_form.clear_errors()
        self._show_involvement(found)
        self._resnap("involvement")

    def involvement_form(self) -> dict:
        return self.inv_form.values() | {"recommendations": self.inv_recommendations.get()}

    def _involvement_unsaved(self) -> bool:
        return self._saved is not None and self.involvement_form() != self._saved["involvement"]

    def _load_request(self) -> None:
        draft = referrals.get_ehcna_draft(self.actor, self.pupil_id)
        self.draft_version = draft.version if draft else 0
        f = self.req_form.fields
        f["request_date"].set(uk(draft.request_date) if draft else "")
        f["request_kind"].set("Re-request" if draft and draft.request_kind == "re" else "New request")
        f["completed_by"].set(draft.completed_by if draft else "")
        f["home_language"].set(draft.home_language if draft else "")
        f["attendance_pct"].set(
            f"{draft.attendance_pct:g}" if draft and draft.attendance_pct is not None else ""
        )
        self.now_needed.set(draft.now_needed if draft else "")
        self.outcomes_sought.set(draft.outcomes_sought if draft else "")
        answers = dict(draft.la_answers) if draft else {}
        for child in self.la_frame.winfo_children():
            child.destroy()
        self.la_boxes = {}
        profile = la_profiles.school_profile(self.actor)
        questions = [(q.id, f"{profile.name} asks: {q.text}") for q in profile.questions]
        # an answer to a question this profile does not ask shows that question's own words
        # (from the profile that asked it), else a plain label: never its id
        others = [k for k in answers if k not in dict(questions)]
        if others:  # the profiles' files are read only when an answer needs them
            wording = question_wordings(profile, la_profiles.load_profiles(self.actor)[0].values())
            questions += [
                (k, f"Not asked by {profile.name}: {wording.get(k, UNKNOWN_QUESTION)}") for k in others
            ]
        for i, (qid, text) in enumerate(questions):
            box = TextBox(self.la_frame, text, height=2)
            box.grid(row=i, column=0, sticky="we", pady=(4, 0))
            box.set(answers.get(qid, ""))
            self.la_boxes[qid] = box
        self.la_frame.columnconfigure(0, weight=1)
        self._load_ehcna_consent_line()

    def _load_ehcna_consent_line(self) -> None:
        consents = referrals.ehcna_consents(self.actor, self.pupil_id)
        latest = max(consents, key=lambda c: (c.given_on, c.id or 0), default=None)
        self.ehcna_consent_now.configure(
            text="No consent to the request is recorded yet."
            if latest is None
            else f"Latest: {latest.given_by} {'agreed' if latest.consent_to_refer else 'did NOT agree'} on "
            f"{uk(latest.given_on)} ({plural(len(consents), 'record')} in all).",
            bootstyle="danger" if latest is None or not latest.consent_to_refer else "default",
        )

    # ---- actions ------------------------------------------------------------------------
    def referral_form(self) -> dict:
        v = self.ref_form.values()
        return {
            "service": self._service_code(),
            "referred_on": v["referred_on"],
            "reason": self.reason.get(),
            "asks": self.asks.get(),
            "answers": {k: var.get() for k, var in self.answer_vars.items()},
            "status": self.current.status if self.current else "draft",
            "outcome_notes": self.current.outcome_notes if self.current else "",
        }

    def save_referral(self) -> bool:
        self.ref_form.clear_errors()
        try:
            if self.current is None:
                new_id = referrals.add_referral(self.actor, self.pupil_id, self.referral_form())
            else:
                new_id = self.current.id
                referrals.update_referral(self.actor, new_id, self.current.version, self.referral_form())
        except ValidationError as e:
            self.ref_form.show_errors(e)
            return False
        except UserError as e:
            self.ref_form.say(e.message)
            return False
        self.current = None
        self._load_referrals(select=new_id)
        self.ref_form.say("Referral saved.", "success")
        self._resnap("referral", "status")
        return True

    def set_status(self) -> bool:
        if self.current is None:
            return False
        if self._referral_unsaved():
            self.status_message.configure(
                text="Save the changes to the referral first (Save referral).", bootstyle="danger"
            )
            return False
        status = STATUS_BY_LABEL.get(self.status_var.get(), "")
        try:
            referrals.set_referral_status(
                self.actor, self.current.id, self.current.version, status, self.outcome_var.get()
            )
        except UserError as e:
            self.status_message.configure(text=e.message, bootstyle="danger")
            return False
        self._load_referrals()
        self.status_message.configure(text=f"Status saved: {STATUSES[status].lower()}.", bootstyle="success")
        self._resnap("referral", "status")
        return True

    def record_consent(self) -> bool:
        if self.current is None:
            return False
        self.consent_form.clear_errors()
        if self._referral_unsaved():
            self.consent_form.say(
                "Save the changes to the referral first (Save referral); the consent you typed is still here."
            )
            return False
        try:
            referrals.record_consent(self.actor, self.current.id, self.consent_form.form())
        except ValidationError as e:
            self.consent_form.show_errors(e)
            return False
        except UserError as e:
            self.consent_form.say(e.message)
            return False
        self.consent_form.reset()
        self._load_referrals()
        self.consent_form.say("Consent recorded.", "success")
        self._resnap("referral", "status", "consent")
        return True

    def save_involvement(self) -> bool:
        """Add the involvement typed, or save the changes to the one chosen in the list."""
        self.inv_form.clear_errors()
        current = self.inv_current
        try:
            if current is None:
                referrals.add_involvement(self.actor, self.pupil_id, self.involvement_form())
            else:
                referrals.update_involvement(self.actor, current.id, current.version, self.involvement_form())
        except ValidationError as e:
            self.inv_form.show_errors(e)
            return False
        except UserError as e:
            self.inv_form.say(e.message)
            return False
        self._load_involvements()
        self.inv_form.say("Involvement added." if current is None else "Involvement saved.", "success")
        self._resnap("involvement")
        return True

    def end_involvement(self) -> bool:
        """The professional's work with the pupil has finished: kept, dated as ended today."""
        if self.inv_current is None:
            return False
        self.inv_form.fields["ended_on"].set(uk(date.today()))
        return self.save_involvement()

    def new_involvement(self) -> None:
        if self._involvement_unsaved() and not dialogs.confirm(
            self,
            "What you typed about this outside professional is not saved. Start a new one and lose it?",
            yes="Lose my changes",
            no="Keep editing",
        ):
            return
        self.inv_form.clear_errors()
        self._show_involvement(None)
        self._resnap("involvement")

    def request_form(self) -> dict:
        v = self.req_form.values()
        return v | {
            "request_kind": KINDS.get(v["request_kind"], "new"),
            "now_needed": self.now_needed.get(),
            "outcomes_sought": self.outcomes_sought.get(),
            "la_answers": {k: box.get() for k, box in self.la_boxes.items()},
        }

    def save_request(self) -> bool:
        self.req_form.clear_errors()
        try:
            referrals.save_ehcna_draft(self.actor, self.pupil_id, self.draft_version, self.request_form())
        except ValidationError as e:
            self.req_form.show_errors(e)
            return False
        except UserError as e:
            self.req_form.say(e.message)
            return False
        self._load_request()
        self.req_form.say("Request text saved.", "success")
        self._resnap("request")
        return True

    def record_ehcna_consent(self) -> bool:
        self.ehcna_consent.clear_errors()
        try:
            referrals.record_ehcna_consent(self.actor, self.pupil_id, self.ehcna_consent.form())
        except ValidationError as e:
            self.ehcna_consent.show_errors(e)
            return False
        except UserError as e:
            self.ehcna_consent.say(e.message)
            return False
        self.ehcna_consent.reset()
        self._load_ehcna_consent_line()
        self.ehcna_consent.say("Consent recorded.", "success")
        self._resnap("ehcna_consent")
        return True


def _consent_section(box, title: str, purpose: str, button_text: str, command):
    """A consent heading, the line saying what is recorded now, the form for a new dated record
    and its button (a referral's consent and the EHCNA request's are laid out alike)."""
    ttk.Label(box, text=title, font="TkHeadingFont").pack(anchor="w", pady=(8, 0))
    now = ttk.Label(box, text="", wraplength=820, justify="left")
    now.pack(anchor="w")
    form = ConsentForm(box, purpose)
    form.pack(fill="x")
    button = ttk.Button(box, text=button_text, bootstyle="secondary", command=command)
    button.pack(anchor="e", pady=(4, 0))
    return now, form, button
