"""The .ics writer, read back by a small RFC 5545 parser: CRLF, 75-octet folding, escaping."""

import re
from datetime import UTC, date, datetime

import pytest

from sencodesk.domain.statutory import Deadline, StatutoryDate
from sencodesk.formats import ics

TODAY = date(2026, 11, 29)
STAMP = datetime(2026, 11, 29, 9, 30, tzinfo=UTC)


def unfold(raw: bytes) -> list[str]:
    """RFC 5545 3.1: remove CRLF + one space/tab, then split content lines."""
    text = raw.decode("utf-8")
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def events(raw: bytes) -> list[dict[str, str]]:
    found, current = [], None
    for line in unfold(raw):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return found


def item(
    what="LA decision whether to assess",
    name="Amy Smith",
    due=date(2026, 11, 15),
    pupil_id=1,
    year="5",
    key="decision",
    record_id=7,
    note="",
):
    return Deadline(
        "ehcna_request",
        record_id,
        pupil_id,
        name,
        StatutoryDate(
            key, what, due, None, "LA", "SEND Regs reg 5(1): within 6 weeks of the request", note=note
        ),
        year,
    )


def build(items, **kw) -> bytes:
    return ics.calendar(
        items, today=TODAY, school_name="Oak Tree Primary", uid_domain="123456.sencodesk", stamp=STAMP, **kw
    ).encode("utf-8")


def test_every_line_ends_crlf_and_is_at_most_75_octets():
    long_name = "Zoë-Ångström Ó Briain-Wickramasinghe"
    raw = build(
        [
            item(
                what="Plan amended for the move into post-16 education; résumé, notes, ünïcödé " * 3,
                name=long_name,
                note="Year 11: ✓ préparation, independent living, community " * 4,
            )
        ]
    )
    assert raw.endswith(b"\r\n")
    physical = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in physical)
    assert any(len(line) == 75 or len(line) == 74 for line in physical)  # folding actually happened
    assert b"\n" not in raw.replace(b"\r\n", b"")  # no bare LF
    for line in physical:
        line.decode("utf-8")  # no split UTF-8 sequence


def test_fold_counts_octets_not_characters():
    line = "SUMMARY:" + "é" * 60  # 8 + 120 octets
    parts = ics.fold(line)
    assert [len(p.encode()) for p in parts] == [74, 55]  # a 2-octet é never straddles the fold
    assert parts[1].startswith(" ")
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line
    assert ics.fold("SHORT:x") == ["SHORT:x"]


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("a\\b", "a\\\\b"),
        ("line1\nline2", "line1\\nline2"),
        ("crlf\r\nend", "crlf\\nend"),
        ("\\n literal", "\\\\n literal"),
        ("plain", "plain"),
    ],
)
def test_escaping(text, escaped):
    assert ics.escape_text(text) == escaped
    assert unescape(escaped) == text.replace("\r\n", "\n")


def test_events_parse_back_with_all_day_dates_uid_and_stamp():
    raw = build([item(), item(what="Final plan; issued, late", key="final_plan", due=date(2027, 1, 24))])
    lines = unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    first, second = events(raw)
    assert first["DTSTART;VALUE=DATE"] == "20261115" and first["DTEND;VALUE=DATE"] == "20261116"
    assert first["UID"] == "ehcna_request-7-decision@123456.sencodesk"
    assert first["DTSTAMP"] == "20261129T093000Z"
    assert unescape(first["SUMMARY"]) == "OVERDUE 14 days: LA decision whether to assess - A.S. (Year 5)"
    assert unescape(second["SUMMARY"]) == "Final plan; issued, late - A.S. (Year 5)"
    assert "\\;" in second["SUMMARY"] and "\\," in second["SUMMARY"]
    description = unescape(first["DESCRIPTION"])
    assert "Statutory date: 15/11/2026" in description and "\n" in description
    assert len({e["UID"] for e in events(raw)}) == 2


def test_initials_by_default_full_names_when_asked_never_a_upn():
    raw = build([item(name="Amy Smith")])
    assert b"Amy" not in raw and b"A.S." in raw
    assert b"Amy Smith" in build([item(name="Amy Smith")], full_names=True)
    assert b"(not on roll)" in build([item(name="Zara Quinn", pupil_id=None, year=None)])


def test_write_leaves_no_temp_file_and_replaces_its_own_calendar(tmp_path):
    path = tmp_path / "cal.ics"
    ics.write(path, build([item(name="Amy Smith")]).decode())
    second = build([item(name="Ben Jones")]).decode()
    ics.write(path, second)
    assert path.read_bytes() == second.encode()
    assert [p.name for p in tmp_path.iterdir()] == ["cal.ics"]


def test_write_never_replaces_a_calendar_it_did_not_make(tmp_path):
    from sencodesk.outputs import NotReplaced

    path = tmp_path / "cal.ics"
    path.write_text("BEGIN:VCALENDAR\r\nPRODID:-//Someone else//EN\r\n")
    with pytest.raises(NotReplaced):
        ics.write(path, build([item(name="Amy Smith")]).decode())
    assert b"Someone else" in path.read_bytes()
