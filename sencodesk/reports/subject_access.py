"""The subject access export on paper: everything held about one pupil, table by table, every
field of every row, then the audit trail. Built from the same data as the JSON export."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether

from ..domain import codes
from . import theme

# Tables named in a reader's words; any other table is named from its own name (see label()).
TABLE_TITLES = {"pupils": "The pupil's record", "contacts": "Contacts", "sen_history": "SEN status history"}


def build(data: dict, path: Path | str, *, printed_on: date, invariant: bool = False) -> Path:
    title = f"Subject access: everything held about {data['pupil']['name']}"
    info = theme.PageInfo(data.get("school") or "", title, printed_on)
    return theme.build_pdf(
        path, story(data, title), info, subject="Subject access export", invariant=invariant
    )


# Column-name words a parent reads as initials or in full ('Upn', 'Dob', 'Sen' read as typos).
WORDS = {
    "id": "ID",
    "upn": "UPN",
    "dob": "date of birth",
    "sen": "SEN",
    "eal": "EAL",
    "fsm": "FSM",
    "la": "LA",
    "ehc": "EHC",
    "ehcna": "EHCNA",
    "pfa": "PfA",
    "urn": "URN",
    "ctf": "CTF",
}
# Columns stored as 0/1 that mean yes or no.
FLAGS = {
    "pupil_premium",
    "eal",
    "looked_after",
    "fsm",
    "parental_responsibility",
    "consent_to_refer",
    "attended",
    "parent_present",
    "pupil_present",
    "will_assess",
}
# Code columns printed with their meaning, per table: "K" alone means nothing to a parent.
CODED = {("pupils", "sen_status"), ("sen_history", "status")}
NEED_COLUMNS = {"primary_need", "secondary_need"}
ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
ISO_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}:\d{2})")


def _title(table: str) -> str:
    return TABLE_TITLES.get(table) or label(table)


def _entries(n: int) -> str:
    return "1 entry" if n == 1 else f"{n:,} entries"


def label(column: str) -> str:
    """'sen_start_date' -> 'SEN start date', 'dob' -> 'Date of birth'."""
    text = " ".join(WORDS.get(w, w) for w in column.split("_"))
    return text[:1].upper() + text[1:]


def shown(table: str, column: str, value) -> str:
    """A stored value in a reader's terms: dates DD/MM/YYYY, yes/no, codes with their meaning.
    The value itself is kept (the JSON beside this PDF has every value exactly as stored)."""
    if value is None:
        return ""
    if column in FLAGS and value in (0, 1, True, False):
        return "Yes" if value else "No"
    text = str(value)
    if (table, column) in CODED and text in codes.SEN_STATUSES:
        return f"{text} ({codes.SEN_STATUSES[text]})"
    if table == "pupils" and column == "gender" and text in codes.GENDERS:
        return f"{text} ({codes.GENDERS[text]})"
    if table == "pupils" and column == "year_group":
        return codes.year_label(text)
    if column in NEED_COLUMNS and text in codes.NEEDS:
        return codes.need_label(text)
    if m := ISO_DAY.match(text):
        return f"{m[3]}/{m[2]}/{m[1]}"
    if m := ISO_TIME.match(text):
        return f"{m[3]}/{m[2]}/{m[1]} {m[4]}"
    return text


def story(data: dict, title: str) -> list[Flowable]:
    s = theme.make_styles()
    out: list[Flowable] = [
        theme.para(title, s["title"]),
        theme.para(data["about"], s["note"]),
        theme.facts(
            [
                ("Produced", shown("", "", data["produced_at"])),
                ("Produced by", data["produced_by"]),
                ("Legal name", data["pupil"]["legal_name"]),
                ("UPN", data["pupil"]["upn"]),
                ("Date of birth", shown("", "", data["pupil"]["date_of_birth"])),
            ],
            s,
        ),
    ]
    for table, rows in data["records"].items():
        head = theme.heading(f"{_title(table)} ({_entries(len(rows))})", s)
        if not rows:
            out += theme.with_heading(head, [theme.para("Nothing held.", s["missing"])])
            continue
        blocks: list[Flowable] = []
        for row in rows:
            # one entry's facts stay on one page (a short card read across a page break is misread)
            blocks.append(
                KeepTogether(
                    [
                        theme.facts(
                            [
                                (label(k), shown(table, k, v))
                                for k, v in row.items()
                                if shown(table, k, v) != ""
                            ],
                            s,
                        ),
                        theme.para("", s["body"]),
                    ]
                )
            )
        out += theme.with_heading(head, blocks)
    audit = data["audit"]
    head = theme.heading(f"Who added, changed or exported this record ({_entries(len(audit))})", s)
    if audit:
        out += theme.with_heading(
            head,
            [
                theme.table(
                    ["When", "Who", "What"],
                    [[shown("", "", a["at"]), a["username"], a["summary"]] for a in audit],
                    s,
                    widths=[2.4, 2.4, 7],
                )
            ],
        )
    else:
        out += theme.with_heading(head, [theme.para("Nothing recorded.", s["missing"])])
    return out
