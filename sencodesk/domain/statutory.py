"""Statutory timescales for EHC needs assessments, EHC plans and annual reviews (England).

Pure date rules: every function takes the dates a SENCO recorded and returns the statutory due
dates beside them. Sources: the SEND Regulations 2014 (SI 2014/1530) and the Children and Families
Act 2014 s44, read on legislation.gov.uk; R (L) v Devon CC [2022] EWHC 493 (Admin) as IPSEA
reports it. What the law says and what this module chose where the law leaves a gap are both
written down next to each rule; docs/statutory-rules.md lists every rule with its worked example.

Rules that hold everywhere here:
- Dates are never moved off weekends or school holidays. The regulations count calendar
  weeks and days, and an annual review due in August is still due in August; the SENCO
  books it earlier. Moving dates would hide a breach.
- "Within N weeks of X" gives the due date X + N weeks: the last day that is still in time.
- "At least 15 days beginning with the day on which the draft was served" (reg 13(1)) counts
  the day of service as day 1, so the 15th day is served + 14 days.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from .codes import YEAR_ORDER, year_label
from .plural import plural

# --- EHC needs assessment (from the LA receiving the request) ---------------------------
DECISION_TO_ASSESS_WEEKS = 6  # reg 5(1)
ADVICE_WEEKS = 6  # reg 8: advice given within 6 weeks of the LA asking for it
NO_PLAN_DECISION_WEEKS = 16  # reg 10(1): notice that no plan will be issued
FINAL_PLAN_WEEKS = 20  # reg 13(2)
DRAFT_COMMENT_DAYS = 15  # reg 13(1)(a), counted from the day the draft was served
# The school's reply when the LA consults it about naming it: the Code of Practice, para 9.83 (not
# 9.80 as this module said: 9.77 is the draft plan itself, and Torbay's guidance quotes 9.83: "the
# school/setting should respond within 15 calendar days"). A "should" of statutory guidance, not
# a regulation. Counted like reg 13(1), the day the papers arrive being day 1: the earlier
# reading, so the school is never told it has a day it may not have.
CONSULTATION_REPLY_DAYS = 15
CONSULTATION_BASIS = "SEND Code of Practice 9.83: within 15 days"

# --- Annual reviews (reg 20, 22; CFA 2014 s44) ------------------------------------------
REVIEW_INTERVAL_MONTHS = 12
INVITATION_NOTICE_WEEKS = 2  # reg 20(3): at least 2 weeks' notice of the meeting
ADVICE_CIRCULATED_WEEKS = 2  # reg 20(4): advice circulated at least 2 weeks before
REPORT_AFTER_WEEKS = 2  # reg 20(7): the report of the meeting within 2 weeks of it
LA_DECISION_WEEKS = 4  # reg 20(10): the LA's decision within 4 weeks of the meeting
# reg 22(3): the finalised plan "as soon as practicable, and in any event within 8 weeks of the
# local authority sending a copy of the EHC plan in accordance with paragraph (2)(a)" (read).
AMENDED_PLAN_WEEKS = 8
# R (L) v Devon CC [2022] EWHC 493 (Admin): the notice of the proposed amendments belongs to the
# reg 20(10) decision, so it is due within 4 weeks of the meeting, and the final amended plan
# within 8 weeks after that: "within a maximum of 12 weeks" of the review meeting (IPSEA's
# summary of the judgment). A late notice no longer moves the date on without limit.
AMENDED_PLAN_CAP_WEEKS = 12
PFA_FROM_YEAR = "9"  # reg 20/21(6), 12(3): preparation for adulthood from Year 9

# Who must be invited to a school-based annual review (reg 20(2)).
STATUTORY_INVITEES: dict[str, str] = {
    "parent": "Parent/carer (or the young person)",
    "head": "Headteacher",
    "la_sen": "LA SEN officer",
    "health": "Health care professional (nominated by the health commissioner)",
    "social_care": "LA social care officer",
}

# What was and was not checked against the text of the regulations (for whoever maintains this):
# - reg 5(1), 10(1), 13(1)-(3) and 22(3) were read; reg 10(4)(a) and the start of (b) were read.
#   That (c) is exceptional personal circumstances and (d) absence from the area follows the
#   reference's list of grounds, not the text itself.
# - reg 8's own exception (advice late because the family missed an appointment) is not
#   modelled: the school's 6 weeks is shown as it stands.
# - reg 20(1)-(5) were read; the stored copy stopped there. The 2-week report (20(7)) and the 4-week
#   decision (20(10)) are numbered as the issue, IPSEA's note on the Devon judgment and several LA
#   pages give them; their periods agree in every source.
# - reg 18(1) and reg 2(1) ("transfer between phases of education") were read.
# - CFA 2014 s44(1) is quoted as the reference and the issue give it: "in the period of 12 months
#   starting with the date on which the plan was first made" and then "in each subsequent period
#   of 12 months starting with the date on which the plan was last reviewed".

# --- Exceptions to the 6, 16 and 20 week limits (reg 5(4), 10(4)(a)-(d), 13(3)) -----------
# The regulations do not move the date: they say the LA "need not comply with the time limit"
# while the exception makes it impractical. A date is still needed to chase, so this module
# CHOOSES: an exception with a period (a closure, the family away) pushes each affected
# deadline back by the days of that period falling between the request and the deadline; an
# exception with no period (exceptional personal circumstances) lifts the time limit: the
# original date is shown for reference and the LA is not counted late against it.
EXCEPTIONS: dict[str, str] = {
    "school_closed": "The school was closed for 4 weeks or more when the LA asked it for advice "
    "(reg 10(4)(a))",
    "early_years_closed": "The early years setting was closed for 4 weeks or more when the LA "
    "asked it for advice (reg 10(4)(b))",
    "personal": "Exceptional personal circumstances affecting the child or family (reg 10(4)(c))",
    "away": "The child or family away from the LA's area for 4 weeks or more (reg 10(4)(d))",
}
PERIOD_EXCEPTIONS = ("school_closed", "early_years_closed", "away")
MIN_EXCEPTION_DAYS = 28  # "a continuous period of not less than 4 weeks"
# The closure exceptions apply when advice was asked for from one week before the closure
# to one week before the reopening (reg 10(4)(a)).
CLOSURE_LEAD_DAYS = 7

# --- Phase transfer (reg 18) ---------------------------------------------------------------
# reg 18(1): within 12 months of a transfer between phases of education the LA "must review and
# amend, where necessary, the child or young person's EHC plan before— (a) 31 March in the
# calendar year of the child or young person's transfer from secondary school to a post-16
# institution; and (b) 15 February in the calendar year of the child's transfer in any other
# case". "Before" 15 February: the last day in time is 14 February (30 March for post-16).
# Keyed by the year group a pupil transfers FROM.
TRANSFER_FROM_YEARS: dict[str, str] = {
    # Only where the nursery is a separate early years setting, not a class of this school.
    "N": "into Reception (from early years)",
    "2": "into Year 3 (infant to junior school)",
    "4": "into Year 5 (first to middle school)",
    "5": "into Year 6 (primary to middle school)",
    "6": "into Year 7 (to secondary school)",
    "8": "into Year 9 (middle to upper school)",
    "9": "into Year 10 (UTC/studio school)",
    "11": "into post-16 education",
}
DEFAULT_TRANSFER_FROM_YEARS = ("6", "11")  # a school sets its own (Year 9 -> 10 where relevant)
POST16_FROM_YEARS = ("11",)
# reg 2(1) defines a transfer between phases as one from early years to school, infant to junior,
# primary to middle, primary to secondary, middle to secondary, or secondary to post-16. A move at
# 14 to a UTC or studio school is none of these: a school may still set itself an earlier review
# for it, shown as its own and never as a statutory deadline.
NOT_STATUTORY_FROM_YEARS = ("9",)
PHASE_TRANSFER_LAST_DAY = (2, 14)  # the day before 15 February
POST16_LAST_DAY = (3, 30)  # the day before 31 March


def add_weeks(day: date, weeks: int) -> date:
    return day + timedelta(weeks=weeks)


def add_months(day: date, months: int) -> date:
    """Same day of the month `months` later; a day the month lacks becomes its last day.

    12 months from 29 February is 28 February: the last day still "within 12 months", so
    the app never shows a review as in time on a day that is not.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class StatutoryDate:
    """One statutory step: what is due, by when, who owes it, and when it actually happened.

    `actual` after `today` means booked (e.g. a meeting date in the diary), not yet done.
    `lifted` means an exception was ticked with no period: the time limit does not apply.
    """

    key: str
    what: str
    due: date
    actual: date | None = None
    owed_by: str = "LA"  # LA / school / parent
    basis: str = ""  # the rule, in words, for the screen and the calendar
    lifted: bool = False
    shifted_days: int = 0  # days added by exceptions with a period
    note: str = ""

    def done(self, today: date) -> bool:
        return self.actual is not None and self.actual <= today

    def days_late(self, today: date) -> int:
        """Days past the due date: to the actual date if done, else to today. 0 if in time."""
        if self.lifted:
            return 0
        end = self.actual if self.actual is not None and self.done(today) else today
        return max(0, (end - self.due).days)

    def days_left(self, today: date) -> int:
        """Days from today to the due date (negative when past)."""
        return (self.due - today).days

    def overdue(self, today: date) -> bool:
        return not self.done(today) and not self.lifted and today > self.due

    def state(self, today: date) -> str:
        """A word for the screen, never colour alone: Done, Done late, Overdue, Booked, Due, ..."""
        if self.done(today):
            late = self.days_late(today)
            return f"Done {plural(late, 'day')} late" if late else "Done"
        if self.lifted:
            return "Time limit lifted (exception)"
        if self.overdue(today):
            late = self.days_late(today)
            return f"Overdue by {plural(late, 'day')}"
        if self.actual is not None:
            late = (self.actual - self.due).days
            return f"Booked {plural(late, 'day')} after the due date" if late > 0 else "Booked"
        return "Due"


# --- EHC needs assessment requests ------------------------------------------------------


@dataclass(frozen=True)
class TimeLimitException:
    kind: str
    note: str
    starts_on: date | None = None
    ends_on: date | None = None  # the last day of the closure/absence (reopening day - 1)

    @property
    def days(self) -> int:
        if self.starts_on is None or self.ends_on is None:
            return 0
        return (self.ends_on - self.starts_on).days + 1


def check_exception(exc: TimeLimitException, *, advice_requested_on: date | None = None) -> list[str]:
    """Why a ticked exception does not qualify under the regulations ([] when it does)."""
    problems = []
    if exc.kind not in EXCEPTIONS:
        return ["Choose which exception in the regulations applies."]
    if not exc.note.strip():
        problems.append("Say in a note what happened (the LA may be asked to show it).")
    if exc.kind in PERIOD_EXCEPTIONS:
        if (exc.starts_on is None) != (exc.ends_on is None):
            problems.append("Give both the first and the last day of the period, or neither.")
        elif exc.starts_on and exc.ends_on:
            if exc.ends_on < exc.starts_on:
                problems.append("The period ends before it starts.")
            elif exc.days < MIN_EXCEPTION_DAYS:
                problems.append(
                    f"The period is {exc.days} days; the regulations only allow for "
                    f"a continuous period of at least 4 weeks ({MIN_EXCEPTION_DAYS} days)."
                )
            elif (
                exc.kind != "away"
                and advice_requested_on is not None
                and not (
                    exc.starts_on - timedelta(days=CLOSURE_LEAD_DAYS)
                    <= advice_requested_on
                    <= exc.ends_on + timedelta(days=1 - CLOSURE_LEAD_DAYS)
                )
            ):
                problems.append(
                    "The LA asked for the school's advice outside the closure (from one "
                    "week before it to one week before reopening), so this exception "
                    "does not apply."
                )
    return problems


@dataclass(frozen=True)
class RequestDates:
    """The dates recorded on an EHC needs assessment request."""

    sent_on: date
    la_received_on: date | None = None
    decision_on: date | None = None
    will_assess: bool | None = None
    advice_requested_on: date | None = None
    advice_sent_on: date | None = None
    draft_received_on: date | None = None
    comments_returned_on: date | None = None
    final_plan_on: date | None = None
    no_plan_on: date | None = None
    withdrawn_on: date | None = None
    exceptions: tuple[TimeLimitException, ...] = field(default_factory=tuple)

    @property
    def clock_starts(self) -> date:
        """The LA's clock runs from receiving the request. Until a receipt date is recorded,
        the date sent is used: an earlier start, so the LA is never shown as in time when late."""
        return self.la_received_on or self.sent_on

    @property
    def closed(self) -> bool:
        return bool(self.withdrawn_on or self.will_assess is False or self.final_plan_on or self.no_plan_on)


def _union(spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    merged: list[tuple[date, date]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _apply_exceptions(
    due: date, start: date, exceptions: tuple[TimeLimitException, ...]
) -> tuple[date, int, bool, str]:
    """(due, days added, lifted, note) after the exceptions ticked on a request.

    A period counts for every day of it that falls between the request and the deadline as it
    stands after the shift: a summer closure that starts before the 6-week point adds all its
    days, since the deadline lands inside the closure until it is pushed past the end.
    """
    periods = [e for e in exceptions if e.kind in PERIOD_EXCEPTIONS and e.days]
    lifting = [e for e in exceptions if e not in periods]
    period_spans = [(e.starts_on, e.ends_on) for e in periods if e.starts_on and e.ends_on]  # all: days > 0
    spans = _union(period_spans)  # a day is only lost once

    def lost_by(end: date, spans: list[tuple[date, date]]) -> list[int]:
        return [max(0, (min(last, end) - max(first, start)).days + 1) for first, last in spans]

    shifted = 0
    while True:  # grows monotonically and is bounded by the periods' total length
        total = sum(lost_by(due + timedelta(days=shifted), spans))
        if total == shifted:
            break
        shifted = total
    overlaps = lost_by(due + timedelta(days=shifted), period_spans)
    notes = [
        f"{n} days added: {EXCEPTIONS[e.kind].split(' (')[0].lower()}"
        for e, n in zip(periods, overlaps, strict=True)
        if n
    ]
    notes += ["time limit lifted: " + EXCEPTIONS[e.kind].split(" (")[0].lower() for e in lifting]
    return due + timedelta(days=shifted), shifted, bool(lifting), "; ".join(notes)


def request_timeline(r: RequestDates) -> list[StatutoryDate]:
    """Every statutory step of a request with its due date, in the order they happen.

    Steps that cannot happen any more are left out: nothing after a refusal to assess; no
    final plan after a decision not to issue one (and the other way round).
    """
    start = r.clock_starts
    steps: list[StatutoryDate] = []
    # A closure counts only if the LA asked for advice around it; one recorded before the
    # advice date was known is dropped here once that date shows it does not apply.
    applying = tuple(
        e for e in r.exceptions if not check_exception(e, advice_requested_on=r.advice_requested_on)
    )

    def limit(key: str, what: str, weeks: int, actual: date | None, basis: str) -> None:
        due, shifted, lifted, note = _apply_exceptions(add_weeks(start, weeks), start, applying)
        steps.append(StatutoryDate(key, what, due, actual, "LA", basis, lifted, shifted, note))

    limit(
        "decision",
        "LA decision whether to assess",
        DECISION_TO_ASSESS_WEEKS,
        r.decision_on,
        "SEND Regs reg 5(1): within 6 weeks of the request",
    )
    if r.will_assess is False:
        return steps
    if r.advice_requested_on:
        steps.append(
            StatutoryDate(
                "advice",
                "School's advice to the LA",
                add_weeks(r.advice_requested_on, ADVICE_WEEKS),
                r.advice_sent_on,
                "school",
                "SEND Regs reg 8: within 6 weeks of the LA asking",
            )
        )
    if not r.final_plan_on:
        # reg 10 limits only the notice that NO plan will be issued. A draft plan shows the LA
        # decided to issue one, so it counts as meeting this step.
        limit(
            "no_plan",
            "LA decision whether to issue a plan",
            NO_PLAN_DECISION_WEEKS,
            r.no_plan_on or r.draft_received_on,
            "SEND Regs reg 10(1): within 16 weeks of the request",
        )
    if r.draft_received_on and not r.no_plan_on:
        steps.append(
            StatutoryDate(
                "comments",
                "Comments on the draft plan",
                r.draft_received_on + timedelta(days=DRAFT_COMMENT_DAYS - 1),
                r.comments_returned_on,
                "parent",
                "SEND Regs reg 13(1): at least 15 days from the draft being served",
            )
        )
    if not r.no_plan_on:
        limit(
            "final_plan",
            "Final EHC plan issued",
            FINAL_PLAN_WEEKS,
            r.final_plan_on,
            "SEND Regs reg 13(2): within 20 weeks of the request",
        )
    return steps


def consultation_due(received_on: date) -> date:
    """The school's reply to an LA consultation about naming it: 15 days, day 1 = received."""
    return received_on + timedelta(days=CONSULTATION_REPLY_DAYS - 1)


# --- Annual reviews ----------------------------------------------------------------------


def period_end(start: date, months: int) -> date:
    """The last day of the period of `months` months "starting with" `start` (the first day counts).

    The period ends the day before the same date `months` later: 12 months starting with
    01/01/2023 end on 31/12/2023. Where the later month has no such date (29 February, 31st),
    the period ends on that month's last day: 12 months starting with 29/02/2024 end 28/02/2025.
    """
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day > last:
        return date(year, month, last)
    return date(year, month, start.day) - timedelta(days=1)


def review_due(plan_date: date, last_review_on: date | None = None) -> date:
    """The last day for the annual review (CFA 2014 s44(1)).

    s44(1): the LA must review the plan "in the period of 12 months starting with the date on
    which the plan was first made", and then "in each subsequent period of 12 months starting
    with the date on which the plan was last reviewed". "Starting with" counts the first day, so
    a plan made 01/01/2023 must be reviewed by 31/12/2023, not 01/01/2024.
    """
    return period_end(last_review_on or plan_date, REVIEW_INTERVAL_MONTHS)


def latest_meeting_for_decision(review_by: date) -> date:
    """The latest meeting date that leaves the LA's 4-week decision (reg 20(10)) inside the same
    12 months, as several LAs advise schools to plan: review_by - 4 weeks."""
    return review_by - timedelta(weeks=LA_DECISION_WEEKS)


def review_booking_note(review_by: date, book_by: date) -> str:
    """The words under a review's due date: both dates, so the SENCO sees why the earlier one."""
    return (
        f"Review by {book_by:%d/%m/%Y} at the latest so the LA's decision (due within 4 weeks, "
        f"SEND Regs reg 20(10)) also falls within the 12 months ending {review_by:%d/%m/%Y}."
    )


def review_schedule(plan_date: date, meetings: list[date]) -> tuple[list[date], date]:
    """Each review's due date (by the one before it), and when the next review is due.

    `meetings` in date order. A booked meeting counts like a held one: the next review is due
    12 months after it, which is what the SENCO plans towards.
    """
    dues, last = [], None
    for meeting in meetings:
        dues.append(review_due(plan_date, last))
        last = meeting
    return dues, review_due(plan_date, last)


@dataclass(frozen=True)
class ReviewDates:
    """The dates recorded for one annual review."""

    meeting_on: date
    due_by: date
    invitations: tuple[tuple[str, date | None], ...] = ()  # (invitee key, sent on)
    advice_circulated_on: date | None = None
    report_sent_on: date | None = None
    la_decision: str | None = None  # keep / amend / cease
    la_decision_on: date | None = None
    amendment_notice_on: date | None = None
    amendments_finalised_on: date | None = None


def invitations_sent_on(invitations: tuple[tuple[str, date | None], ...]) -> date | None:
    """When the last statutory invitee was invited; None while any of them is not invited."""
    sent = {key: on for key, on in invitations if key in STATUTORY_INVITEES}
    if any(sent.get(key) is None for key in STATUTORY_INVITEES):
        return None
    return max(on for on in sent.values() if on is not None)


def review_timeline(r: ReviewDates) -> list[StatutoryDate]:
    """The statutory steps of one annual review around its meeting date."""
    notice = r.meeting_on - timedelta(weeks=INVITATION_NOTICE_WEEKS)
    steps = [
        StatutoryDate(
            "review",
            "Annual review meeting",
            r.due_by,
            r.meeting_on,
            "school",
            "CFA 2014 s44(1): in the 12 months starting with the plan or the last review",
        ),
        StatutoryDate(
            "invitations",
            "Invitations to the annual review",
            notice,
            invitations_sent_on(r.invitations),
            "school",
            "SEND Regs reg 20(3): at least 2 weeks' notice to every statutory invitee",
        ),
        StatutoryDate(
            "advice",
            "Advice circulated before the review",
            r.meeting_on - timedelta(weeks=ADVICE_CIRCULATED_WEEKS),
            r.advice_circulated_on,
            "school",
            "SEND Regs reg 20(4): at least 2 weeks before the meeting",
        ),
        StatutoryDate(
            "report",
            "School's review report to the LA",
            add_weeks(r.meeting_on, REPORT_AFTER_WEEKS),
            r.report_sent_on,
            "school",
            "SEND Regs reg 20(7): within 2 weeks of the meeting",
        ),
        StatutoryDate(
            "la_decision",
            "LA decision after the review (keep, amend or cease)",
            add_weeks(r.meeting_on, LA_DECISION_WEEKS),
            r.la_decision_on,
            "LA",
            "SEND Regs reg 20(10): within 4 weeks of the meeting",
        ),
    ]
    if r.la_decision == "amend":
        steps.append(amended_plan_step(r))
    return steps


def amended_plan_step(r: ReviewDates) -> StatutoryDate:
    """The final amended plan: the earlier of 8 weeks from the amendment notice (reg 22(3)) and
    12 weeks from the review meeting (R (L) v Devon CC [2022] EWHC 493 (Admin)). Both dates are
    shown in the note; with no notice yet, only the 12-week cap applies."""
    cap = add_weeks(r.meeting_on, AMENDED_PLAN_CAP_WEEKS)
    after_notice = add_weeks(r.amendment_notice_on, AMENDED_PLAN_WEEKS) if r.amendment_notice_on else None
    due = min(cap, after_notice) if after_notice else cap
    parts = [f"12 weeks from the meeting: {cap:%d/%m/%Y} (Devon judgment)"]
    if after_notice:
        parts.insert(0, f"8 weeks from the amendment notice: {after_notice:%d/%m/%Y} (reg 22(3))")
    return StatutoryDate(
        "amended_plan",
        "Final amended plan",
        due,
        r.amendments_finalised_on,
        "LA",
        "SEND Regs reg 22(3) and R (L) v Devon CC [2022] EWHC 493 (Admin): within 8 weeks of the "
        "amendment notice and 12 weeks of the meeting, whichever is earlier",
        note="; ".join(parts) + ". The earlier date is the deadline.",
    )


# --- Phase transfer and preparation for adulthood ------------------------------------------


@dataclass(frozen=True)
class PhaseTransfer:
    from_year: str
    into: str
    deadline: date
    statutory: bool = True

    @property
    def what(self) -> str:
        if not self.statutory:
            return f"School-set review before the move {self.into} (not statutory)"
        return f"Plan amended for the move {self.into}"

    @property
    def basis(self) -> str:
        if not self.statutory:
            return (
                "Not a statutory deadline: a move into Year 10 is not a transfer between phases in "
                "SEND Regs reg 2(1). The school has chosen to review by this date."
            )
        if self.from_year in POST16_FROM_YEARS:
            return "SEND Regs reg 18(1)(a): plan reviewed and amended before 31 March of the transfer year"
        return "SEND Regs reg 18(1)(b): plan reviewed and amended before 15 February of the transfer year"


def phase_transfer(
    year_group: str | None,
    today: date,
    transfer_from_years: tuple[str, ...] | frozenset[str] = DEFAULT_TRANSFER_FROM_YEARS,
) -> PhaseTransfer | None:
    """The phase-transfer deadline for a pupil in `year_group` this school year, if they move.

    A pupil in a transfer-from year during the school year starting September Y moves in
    September Y+1; the plan must be amended before 15 February Y+1, so by 14 February (before
    31 March, so by 30 March, from Year 11 to post-16) (reg 18(1)). A Year 9 -> 10 move the school
    chose is returned as a school-set review, statutory=False.
    """
    if year_group not in transfer_from_years or year_group not in TRANSFER_FROM_YEARS:
        return None
    transfer_year = (today.year if today.month >= 9 else today.year - 1) + 1
    month, day = POST16_LAST_DAY if year_group in POST16_FROM_YEARS else PHASE_TRANSFER_LAST_DAY
    return PhaseTransfer(
        year_group,
        TRANSFER_FROM_YEARS[year_group],
        date(transfer_year, month, day),
        statutory=year_group not in NOT_STATUTORY_FROM_YEARS,
    )


def needs_preparation_for_adulthood(year_group: str | None) -> bool:
    """From Year 9, reviews must consider preparation for adulthood (reg 20/21(6))."""
    if year_group not in YEAR_ORDER:
        return False
    return YEAR_ORDER[year_group] >= YEAR_ORDER[PFA_FROM_YEAR]


def pfa_note(year_group: str | None) -> str:
    if not needs_preparation_for_adulthood(year_group):
        return ""
    return (
        f"{year_label(year_group)}: the review must consider preparation for adulthood "
        "(employment, independent living, community, health)."
    )


# --- The school-wide calendar -------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """One line of the deadlines calendar: a statutory date and the record it belongs to."""

    record: str  # ehcna_request / ehc_plan / annual_review / consultation
    record_id: int
    pupil_id: int | None  # None for a consultation about a child not on roll
    pupil_name: str
    step: StatutoryDate
    year_group: str | None = None

    @property
    def uid_key(self) -> str:
        return f"{self.record}-{self.record_id}-{self.step.key}"


def initials(name: str) -> str:
    """'Amy Smith-Jones' -> 'A.S.': what a calendar that leaves the school may carry."""
    return "".join(part[0].upper() + "." for part in name.replace("-", " ").split() if part[:1].isalpha())


def calendar_order(items: list[Deadline], today: date, within_days: int) -> list[Deadline]:
    """Overdue first (most late first), then what falls due in the next `within_days` days."""
    overdue = [d for d in items if d.step.overdue(today)]
    horizon = today + timedelta(days=within_days)
    coming = [
        d
        for d in items
        if not d.step.done(today) and not d.step.overdue(today) and today <= d.step.due <= horizon
    ]
    overdue.sort(key=lambda d: (d.step.due, d.pupil_name, d.record_id))
    coming.sort(key=lambda d: (d.step.due, d.pupil_name, d.record_id))
    return overdue + coming
