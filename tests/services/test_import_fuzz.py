"""Property-based fuzzing of the roll import (hypothesis): CSV files in every encoding an MIS or
Excel writes, with BOMs, stray bytes, control, zero-width and bidi characters, long fields, odd
columns and wrong SEN codes; and damaged Excel workbooks. The properties (issue 13):

- nothing but our plain UserError ever comes out;
- no row is dropped silently: every row of the file is imported, or listed with a reason;
- no stored name differs from the file's except by the documented clean-up
  (domain.text_limits.one_line: invisible characters out, whitespace runs as one space, NFC);
- a row whose only fault is a SEN code is imported (never left off the roll for one).

A bigger campaign, by hand: SENCODESK_FUZZ_EXAMPLES=1500 SENCODESK_FUZZ_STATS=/tmp/fuzz.jsonl
python -m pytest tests/services/test_import_fuzz.py  (each line of the stats: one file's figures).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sencodesk.domain.codes import NEEDS
from sencodesk.domain.errors import UserError
from sencodesk.domain.text_limits import one_line
from sencodesk.domain.upn import check_letter
from sencodesk.services import importing
from sencodesk.services.actor import open_school
from sencodesk.store import pupils as pupil_store

EXAMPLES = int(os.environ.get("SENCODESK_FUZZ_EXAMPLES", "40"))
STATS = os.environ.get("SENCODESK_FUZZ_STATS")
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HEADINGS = [
    "UPN",
    "Legal Surname",
    "Legal Forename",
    "DOB",
    "Gender",
    "Year",
    "Reg Group",
    "SEN Status",
    "Primary Need",
    "Secondary Need",
]
_serial = itertools.count(1)

# ---- what a row holds -------------------------------------------------------------------------

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
ACCENTED = "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ"  # cp1252 and never UTF-8
CONTROLS = "\x00\x07\x1b\x7f"  # Windows-1252 holds these; the invisible ones below only Unicode
INVISIBLE = CONTROLS + "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
DIRECTION = "\u202e\u2066"
SPACES = " \t\u00a0\u2003"


def _free_text(cp1252: bool, max_size: int) -> st.SearchStrategy[str]:
    """Any text at all; in a Windows-1252 file, what that encoding holds without its bytes ever
    also reading as UTF-8 (ASCII and the accented letters: otherwise the file is UTF-8 as much
    as it is Windows-1252, and no reader can tell)."""
    if cp1252:
        return st.text(st.sampled_from(LATIN + ACCENTED + "0123456789-' .,;\t\"\x00\x07"), max_size=max_size)
    return st.text(st.characters(blacklist_categories=("Cs",)), max_size=max_size)


@st.composite
def names(draw: st.DrawFn, cp1252: bool) -> tuple[str, bool]:
    """A name cell and whether it is a sound name (letters, within the limit)."""
    core = draw(st.text(st.sampled_from(LATIN + ACCENTED), min_size=1, max_size=20))
    bad = ["long", "wild"] + ([] if cp1252 else ["direction"])
    kind = draw(st.sampled_from(["plain"] * 10 + ["spaced"] * 2 + ["invisible"] * 4 + bad))
    if kind == "plain":
        return core, True
    if kind == "spaced":
        spaces = st.sampled_from(" \t" if cp1252 else SPACES)
        return draw(spaces) + core + draw(spaces) + core, True
    if kind == "invisible":
        at = draw(st.integers(0, len(core)))
        return core[:at] + draw(st.sampled_from(CONTROLS if cp1252 else INVISIBLE)) + core[at:], True
    if kind == "direction":
        return draw(st.sampled_from(DIRECTION)) + core, False
    if kind == "long":
        return core * draw(st.integers(10, 5_000)), False
    return draw(_free_text(cp1252, 40)), False


GOOD_DOB = ["03/04/2018", "2018-04-03", "3 Apr 2018", "43193"]
GOOD_GENDER = ["F", "M", "Female", "boy"]
GOOD_YEAR = ["Y4", "4", "Year 4", "04"]


def _upn(ok: bool) -> str:
    body = f"9382001{next(_serial) % 100_000:05d}"
    return check_letter(body) + body if ok else "Z" + body


@st.composite
def rows(draw: st.DrawFn, cp1252: bool) -> dict:
    surname, surname_ok = draw(names(cp1252))
    forename, forename_ok = draw(names(cp1252))
    # Mostly what an MIS writes, now and then what it should not: most rows go in, so what is
    # stored is tested as much as what is refused.
    upn_ok = draw(st.sampled_from([True] * 9 + [False]))
    dob = draw(st.sampled_from(GOOD_DOB * 6 + ["31/02/2018", "", "soon"]))
    gender = draw(st.sampled_from(GOOD_GENDER * 6 + ["Q", ""]))
    year = draw(st.sampled_from(GOOD_YEAR * 6 + ["Year 15", ""]))
    reg = draw(st.sampled_from(["4B", "Owls", "", "4\x00B"] * 5 + ["4" * 100_000]) | _free_text(cp1252, 30))
    codes = [*NEEDS, "NSA", "XYZ", "BESD", "", "SLCN - Speech, Language and Communication Needs"]
    status = draw(st.sampled_from(["N", "K", "E", "S", "A", "P", "", "K\x07", "EHC plan", "Maybe"]))
    primary, secondary = draw(st.sampled_from(codes)), draw(st.sampled_from(codes))
    extra = draw(st.lists(_free_text(cp1252, 10), max_size=2))  # cells beyond the headings
    cells = [_upn(upn_ok), surname, forename, dob, gender, year, reg, status, primary, secondary]
    sound = (
        not any("\ufffd" in c for c in cells + extra)  # a replacement character: the row is refused
        and upn_ok
        and surname_ok
        and forename_ok
        and dob in GOOD_DOB
        and gender in GOOD_GENDER
        and year in GOOD_YEAR
        and len(one_line(reg).text) <= 40
        and not set(reg) & set(DIRECTION)
        and one_line(reg).text.isprintable()
    )
    return {"cells": cells + extra, "sound": sound}  # sound: nothing but a SEN code may be wrong


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[bytes, list[dict], set[int], bool]:
    """(the file's bytes, its rows, the rows given a stray byte, whether half a UTF-16
    character ends the file)."""
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "bom+cp1252", "utf-16", "utf-16-le"]))
    cp1252 = "cp1252" in encoding
    table = draw(st.lists(rows(cp1252), min_size=1, max_size=8))
    delimiter = draw(st.sampled_from([",", "\t", ";"]))
    ending = draw(st.sampled_from(["\r\n", "\n"]))
    lines = []
    quote_all = draw(st.booleans())
    for cells in [HEADINGS, *(r["cells"] for r in table)]:
        out = io.StringIO()
        # Python's writer leaves a lone "\r" unquoted when lines end "\n"; Excel quotes it.
        breaks = quote_all or any("\r" in c or "\n" in c for c in cells)
        quoting = csv.QUOTE_ALL if breaks else csv.QUOTE_MINIMAL
        csv.writer(out, delimiter=delimiter, lineterminator=ending, quoting=quoting).writerow(cells)
        lines.append(out.getvalue())
    if encoding in ("utf-16", "utf-16-le"):
        cut = draw(st.booleans())
        return "".join(lines).encode(encoding) + (b"\x00" if cut else b""), table, set(), cut
    codec = "cp1252" if cp1252 else "utf-8"
    encoded = [line.encode(codec) for line in lines]
    stray: set[int] = set()
    if codec == "utf-8":
        # Stray bytes in a UTF-8 file that stays mostly UTF-8 (no more stray lines than lines
        # with UTF-8 letters): their rows are refused. A file without one UTF-8 letter is read as
        # Windows-1252, where the byte is a letter (documented in formats.roll).
        letters = sum(1 for line in encoded if not line.isascii())
        plain = [i for i in range(1, len(encoded)) if encoded[i].isascii()]
        for index in draw(st.sets(st.sampled_from(plain), max_size=letters)) if plain and letters else ():
            line = encoded[index]
            at = draw(st.integers(0, len(line) - 2))
            encoded[index] = line[:at] + draw(st.sampled_from([b"\xff", b"\x80", b"\xc3"])) + line[at:]
            stray.add(index - 1)
    data = b"".join(encoded)
    if encoding in ("utf-8-sig", "bom+cp1252"):
        data = b"\xef\xbb\xbf" + data
    return data, table, stray, False


# ---- the property -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    actor = open_school(tmp_path_factory.mktemp("fuzz") / "school")
    yield actor
    actor.close()


def _import(school, tmp_path_factory, name: str, data: bytes) -> importing.ImportPlan | None:
    path = tmp_path_factory.mktemp("file") / name
    path.write_bytes(data)
    try:
        return importing.import_roll_file(school, path)
    except UserError as e:  # a refusal in words is allowed; nothing else is
        assert type(e).__name__ in ("UserError", "ValidationError") and e.message.strip()
        return None


def _record(**figures: int) -> None:
    if STATS:
        with open(STATS, "a", encoding="utf-8") as f:
            f.write(json.dumps(figures) + "\n")


@FUZZ
@given(file=csv_files())
def test_a_csv_roll_never_crashes_garbles_or_drops_a_row(school, tmp_path_factory, file):
    data, table, stray, cut = file
    plan = _import(school, tmp_path_factory, "roll.csv", data)
    if plan is None:
        _record(files=1, rows=len(table), refused_files=1, crashes=0, silent_changes=0)
        return
    # Every row accounted for (and the half character that ends a cut UTF-16 file, refused).
    assert [o.row for o in plan.outcomes] == list(range(2, len(table) + 2 + cut))
    if cut:
        assert plan.outcomes[-1].action == "bad"
    columns = ", ".join(pupil_store.PUPIL_COLUMNS)
    held = {r["upn"]: r for r in school.db.query(f"SELECT {columns} FROM pupils")}
    silent = 0
    for index, (outcome, row) in enumerate(zip(plan.outcomes, table, strict=False)):
        if outcome.action == "bad":
            assert outcome.reasons and all(r.strip() for r in outcome.reasons)
            assert not row["sound"] or index in stray, outcome.reasons  # never refused for SEN
            continue
        assert index not in stray, "a row with a stray byte was imported"
        stored = held[outcome.upn]
        for column, cell in (("legal_surname", 1), ("legal_forename", 2), ("class_name", 6)):
            if stored[column] != one_line(row["cells"][cell]).text:
                silent += 1
        assert stored["sen_status"] in ("N", "K", "E")
    _record(
        files=1,
        rows=len(table),
        imported=sum(o.action != "bad" for o in plan.outcomes),
        refused_rows=len(plan.bad),
        sen_to_resolve=len(plan.sen_to_resolve),
        crashes=0,
        silent_changes=silent,
    )
    assert silent == 0


# ---- damaged workbooks ------------------------------------------------------------------------


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADINGS)
    book.active.append([_upn(True), "Smith", "Zoë", "03/04/2018", "F", "Y4", "4B", "E", "NSA", ""])
    book.active.append([_upn(True), "Nowak", "Amy", "03/04/2018", "F", "Y4", "4B", "K", "SLCN", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD_BOOK = _workbook()


@st.composite
def damaged_books(draw: st.DrawFn) -> bytes:
    """The workbook with one of its parts damaged as files are damaged: cut short, bytes
    changed, an entity or a DTD put in, a stray cell far away."""
    source = zipfile.ZipFile(io.BytesIO(GOOD_BOOK))
    names = source.namelist()
    target = draw(st.sampled_from([n for n in names if n.endswith(".xml")]))
    how = draw(st.sampled_from(["cut", "flip", "entity", "dtd", "stray", "cut zip"]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == target:
                if how == "cut":
                    data = data[: draw(st.integers(0, len(data)))]
                elif how == "flip":
                    at = draw(st.integers(0, len(data) - 1))
                    data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
                elif how == "entity":
                    data = data.replace(b"</t>", b"&bad;</t>", 1)
                elif how == "dtd":
                    dtd = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaaaaaaaa">]>'
                    data = dtd + data.replace(b"<t>", b"<t>&a;", 1)
                elif how == "stray" and "worksheets" in target:
                    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
                    data = data.replace(b"</sheetData>", far + b"</sheetData>")
            book.writestr(info, data)
    data = out.getvalue()
    return data[: draw(st.integers(0, len(data)))] if how == "cut zip" else data


@settings(max_examples=max(20, EXAMPLES // 2), deadline=None)
@given(book=damaged_books())
def test_a_damaged_workbook_is_read_or_refused_in_words(school, tmp_path_factory, book):
    plan = _import(school, tmp_path_factory, "roll.xlsx", book)
    rows = 0 if plan is None else len(plan.outcomes)
    _record(files=1, rows=rows, refused_files=int(plan is None), crashes=0, silent_changes=0, xlsx=1)
    if plan is not None:
        assert all(o.action != "bad" or o.reasons for o in plan.outcomes)
