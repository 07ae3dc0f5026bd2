"""What a CTF pupil's SEN record means for SENCO desk: a dated status history with ranked needs.

Pure rules over the text the file held (formats.ctf). Legacy provisions stay readable in the
history (S, A, P before 2014) but the current status must be N, K or E (census rules 2115,
2120), so a legacy current status is recoded with a warning that says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import roll_import
from .codes import LEGACY_SEN_STATUSES, SEN_STATUSES, YEAR_AGE_ON_31_AUGUST
from .dates import academic_year_start, age_on
from .errors import ValidationError

_RECODE = {"S": "E", "A": "K", "P": "K"}


@dataclass(frozen=True)
class Need:
    rank: int
    code: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class HistoryEntry:
    start_date: date
    status: str  # as the file gave it: N/K/E, or a legacy S/A/P kept as history
    primary_need: str | None
    secondary_need: str | None


@dataclass
class SenRecord:
    history: list[HistoryEntry] = field(default_factory=list)  # oldest first
    status: str | None = None  # the current status (N/K/E), None when the file gave none
    start_date: date | None = None
    primary_need: str | None = None
    secondary_need: str | None = None
    warnings: list[str] = field(default_factory=list)


def _date(text: str, what: str) -> date | None:
    try:
        return roll_import.import_date(text, "sen_start_date") if text else None
    except ValidationError:
        raise ValidationError({"sen_start_date": f"{what}: '{text}' is not a date."}) from None


def read_needs(raw: list[tuple[str, str, str, str]]) -> list[Need]:
    """[(rank, type, start, end)] -> ranked needs; a bad code or rank -> ValidationError."""
    needs = []
    for rank_text, type_text, start, end in raw:
        try:
            rank = int(rank_text.strip())
        except ValueError:
            raise ValidationError(
                {"primary_need": f"Need rank '{rank_text}' is not a number (1 = primary, 2 = secondary)."}
            ) from None
        code = roll_import.need(type_text, "primary_need" if rank == 1 else "secondary_need")
        if code is None:
            raise ValidationError({"primary_need": f"Need rank {rank} has no need type."})
        needs.append(Need(rank, code, _date(start, "Need start date"), _date(end, "Need end date")))
    return sorted(needs, key=lambda n: n.rank)


def sen_record(
    provisions: list[tuple[str, str]], raw_needs: list[tuple[str, str, str, str]], *, today: date
) -> SenRecord:
    """The file's SEN entries [(start date, provision)] and needs -> history and current state."""
    record = SenRecord()
    needs = read_needs(raw_needs)
    entries: list[tuple[date, str]] = []
    for start_text, provision in provisions:
        code = provision.strip().upper()
        if code not in SEN_STATUSES and code not in LEGACY_SEN_STATUSES:
            raise ValidationError({"sen_status": f"SEN provision '{provision}' is not a census code."})
        start = _date(start_text, "SEN start date")
        if start is None:
            raise ValidationError({"sen_start_date": f"The SEN entry '{code}' has no start date."})
        entries.append((start, code))
    entries.sort()
    current_needs = [n for n in needs if n.end is None or n.end >= today]
    if len(current_needs) > 2:
        extra = ", ".join(n.code for n in current_needs[2:])
        record.warnings.append(
            f"The file ranks more than two needs; the census takes two, so "
            f"{extra} was not recorded as a current need."
        )
    dated = any(n.start or n.end for n in needs)
    for i, (start, code) in enumerate(entries):
        following = entries[i + 1][0] if i + 1 < len(entries) else None
        if code == "N":
            ranked = []
        elif dated:  # needs whose dates overlap this entry's period
            ranked = [
                n
                for n in needs
                if (n.start is None or following is None or n.start < following)
                and (n.end is None or n.end >= start)
            ]
        else:  # undated needs describe the pupil now: only the latest entry gets them
            ranked = current_needs if following is None else []
        ranked = sorted(ranked, key=lambda n: n.rank)
        record.history.append(
            HistoryEntry(
                start, code, ranked[0].code if ranked else None, ranked[1].code if len(ranked) > 1 else None
            )
        )
    if entries:
        start, code = entries[-1]
        if code in _RECODE:
            record.warnings.append(
                f"The current SEN provision in the file is {code} "
                f"({LEGACY_SEN_STATUSES[code]}); recorded as {_RECODE[code]}. "
                "Check it with the previous school."
            )
        record.status, record.start_date = _RECODE.get(code, code), start
        if record.status != "N":
            record.primary_need = current_needs[0].code if current_needs else None
            record.secondary_need = current_needs[1].code if len(current_needs) > 1 else None
    elif current_needs:
        record.warnings.append(
            "The file gives needs but no SEN provision; the needs were not "
            "recorded. Record the pupil's SEN status by hand."
        )
    return record


def year_from_dob(dob: date, today: date) -> str | None:
    """The usual year group for a date of birth (age on 31 August before this school year)."""
    age = age_on(dob, academic_year_start(today).replace(month=8, day=31))
    return next((code for code, expected in YEAR_AGE_ON_31_AUGUST.items() if expected == age), None)
