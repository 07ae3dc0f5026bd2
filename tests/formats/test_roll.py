"""Reading MIS roll exports: the encodings, separators and quirks of files from Windows."""

from datetime import date, datetime

import pytest

from sencodesk.domain.errors import UserError
from sencodesk.formats.roll import read_csv_bytes, read_roll


def test_utf8_with_bom_reads_first_heading_cleanly():
    roll = read_csv_bytes("\ufeffUPN,Surname\nA1,Smith\n".encode("utf-8"))
    assert roll.headings == ["UPN", "Surname"]
    assert roll.encoding == "utf-8 with BOM"
    assert roll.rows[0].cells == ["A1", "Smith"]


def test_utf8_without_bom():
    roll = read_csv_bytes("UPN,Forename\nA1,Zoë\n".encode())
    assert roll.rows[0].cells == ["A1", "Zoë"] and roll.encoding == "utf-8"


def test_windows_1252_names_survive():
    roll = read_csv_bytes("UPN,Forename\r\nA1,Seán\r\nA2,Zoë\r\n".encode("cp1252"))
    assert [r.cells[1] for r in roll.rows] == ["Seán", "Zoë"]
    assert roll.encoding == "windows-1252"


def test_tab_separated():
    roll = read_csv_bytes(b"UPN\tSurname\tForename\nA1\tSmith\tAmy\n")
    assert roll.headings == ["UPN", "Surname", "Forename"]
    assert roll.rows[0].cells == ["A1", "Smith", "Amy"]


def test_quoted_fields_with_commas_and_stray_spaces():
    data = (
        b'UPN , Surname ,Primary Need\n A1 , "Smith, Jr" ,"SLCN - Speech, Language and Communication Needs"\n'
    )
    roll = read_csv_bytes(data)
    assert roll.headings == ["UPN", "Surname", "Primary Need"]
    assert roll.rows[0].cells == ["A1", "Smith, Jr", "SLCN - Speech, Language and Communication Needs"]


def test_blank_trailing_rows_are_skipped_and_row_numbers_kept():
    roll = read_csv_bytes(b"UPN,Surname\nA1,Smith\n,\nA2,Jones\n,,\n\n,\n")
    assert [(r.number, r.cells[0]) for r in roll.rows] == [(2, "A1"), (4, "A2")]


def test_tab_file_with_a_title_line_and_commas_in_values():
    roll = read_csv_bytes(b"Student List, Autumn\n\nUPN\tSurname\tNeed\nA1\tSmith\tSLCN, ASD\n")
    assert roll.headings == ["UPN", "Surname", "Need"]
    assert roll.rows[0].cells == ["A1", "Smith", "SLCN, ASD"]


def test_semicolon_separated():
    assert read_csv_bytes(b"UPN;Surname\nA1;Smith\n").rows[0].cells == ["A1", "Smith"]


def test_title_line_above_the_headings():
    roll = read_csv_bytes(b"Student List\n\nUPN,Surname\nA1,Smith\n")
    assert roll.headings == ["UPN", "Surname"]
    assert roll.rows[0].number == 4


def test_extra_cells_are_reported_not_silently_dropped():
    roll = read_csv_bytes(b"UPN,Surname\nA1,Smith,surprise\n")
    assert roll.rows[0].cells == ["A1", "Smith"]
    assert any("surprise" in n for n in roll.notes)


def test_short_rows_are_padded():
    roll = read_csv_bytes(b"UPN,Surname,Forename\nA1,Smith\n")
    assert roll.rows[0].cells == ["A1", "Smith", ""]


def test_file_without_headings_is_refused():
    with pytest.raises(UserError, match="no heading row"):
        read_csv_bytes(b"\n\n")


def test_missing_file_and_old_excel(tmp_path):
    with pytest.raises(UserError, match="cannot find"):
        read_roll(tmp_path / "nope.csv")
    old = tmp_path / "roll.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UserError, match="old-style Excel"):
        read_roll(old)


def test_xlsx_with_date_cells_numbers_and_blank_rows(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["UPN", "Surname", "DOB", "Year", "Admission Date"])
    sheet.append(["A1", "Smith", datetime(2018, 4, 3), 3, date(2022, 9, 5)])
    sheet.append([None, None, None, None, None])
    sheet.append(["A2", "Jones", datetime(2017, 9, 1, 0, 0), 4.0, None])
    path = tmp_path / "roll.xlsx"
    book.save(path)
    roll = read_roll(path)
    assert roll.headings == ["UPN", "Surname", "DOB", "Year", "Admission Date"]
    assert roll.rows[0].cells == ["A1", "Smith", "2018-04-03", "3", "2022-09-05"]
    assert roll.rows[1].number == 4 and roll.rows[1].cells[2:4] == ["2017-09-01", "4"]


def test_broken_xlsx_gets_a_plain_message(tmp_path):
    path = tmp_path / "roll.xlsx"
    path.write_bytes(b"this is not a zip")
    with pytest.raises(UserError, match="could not be opened as an Excel workbook"):
        read_roll(path)


# ---- what a fuzz run found (issue 13): never a traceback, never a garbled name ---------------


def test_a_utf8_bom_before_windows_1252_bytes_reads_as_windows_1252():
    roll = read_csv_bytes(b"\xef\xbb\xbfUPN,Forename\r\nA1,Se\xe1n\r\nA2,Zo\xeb\r\n")
    assert [r.cells[1] for r in roll.rows] == ["Seán", "Zoë"] and roll.encoding == "windows-1252"
    assert not any(r.unreadable for r in roll.rows) and "Windows-1252" in roll.notes[0]


def test_odd_length_utf16_marks_the_cut_row_only():
    roll = read_csv_bytes("UPN,Forename\r\nA1,Zoë\r\nA2,Amy".encode("utf-16") + b"\x00")
    assert [(r.cells[1], r.unreadable) for r in roll.rows] == [("Zoë", False), ("Amy\ufffd", True)]


def test_utf16_without_its_bom():
    roll = read_csv_bytes("UPN,Forename\r\nA1,Zoë\r\n".encode("utf-16-le"))
    assert roll.rows[0].cells == ["A1", "Zoë"] and roll.encoding == "utf-16"


def test_a_stray_byte_in_utf8_marks_its_row_and_never_reads_the_file_as_latin_1():
    roll = read_csv_bytes(b"UPN,Forename\nA1,Zo\xc3\xab\nA2,Am\xffy\nA3,Chlo\xc3\xab\n")
    assert roll.encoding == "utf-8"
    assert [(r.number, r.cells[1], r.unreadable) for r in roll.rows] == [
        (2, "Zoë", False),
        (3, "Am\ufffdy", True),
        (4, "Chloë", False),
    ]


def test_utf8_lines_in_a_windows_1252_file_are_marked_not_garbled():
    data = b"UPN,Forename\r\nA1,Se\xe1n\r\nA2,Ren\xe9e\r\nA3,Zo\xc3\xab\r\n"  # two exports pasted together
    roll = read_csv_bytes(data)
    assert roll.encoding == "windows-1252"
    assert [r.unreadable for r in roll.rows] == [False, False, True]


def test_a_byte_windows_1252_leaves_undefined_marks_its_row():
    roll = read_csv_bytes(b"UPN,Forename\r\nA1,Se\xe1n\r\nA2,Bad\x81\r\n")
    assert [r.unreadable for r in roll.rows] == [False, True]


def test_a_quoted_cell_over_two_lines_carries_the_mark_of_either_line():
    roll = read_csv_bytes(b'UPN,Note,Forename\nA1,"one\ntw\xffo",Amy\nA2,ok,Zo\xc3\xab\n')
    assert [(r.number, r.unreadable) for r in roll.rows] == [(2, True), (3, False)]


def test_a_replacement_character_already_in_the_file_marks_its_row():
    roll = read_csv_bytes("UPN,Forename\nA1,Zo\ufffd\nA2,Zoë\n".encode())
    assert [r.unreadable for r in roll.rows] == [True, False]


def test_control_characters_reach_the_rules_to_be_taken_out_there():
    roll = read_csv_bytes(b"UPN,Forename\nA1,Am\x00y\x07\n")
    assert roll.rows[0].cells == ["A1", "Am\x00y\x07"]


def test_a_cell_larger_than_any_roll_is_a_plain_refusal():
    with pytest.raises(UserError, match="line 2 has a cell too long"):
        read_csv_bytes(b"UPN,Note\nA1," + b"x" * 200_000 + b"\n")


def test_more_rows_than_any_school_is_a_plain_refusal():
    with pytest.raises(UserError, match="more than 20,000 rows"):
        read_csv_bytes(b"UPN,Surname\n" + b"A1,Smith\n" * 20_001)


def test_a_pdf_or_binary_file_is_named_for_what_it_is(tmp_path):
    with pytest.raises(UserError, match="is a PDF, not a roll export"):
        read_csv_bytes(b"%PDF-1.7\n...")
    with pytest.raises(UserError, match="not a text file"):
        read_csv_bytes(bytes(range(256)) * 10)


def test_a_workbook_saved_with_a_csv_name_is_read_as_a_workbook(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["UPN", "Surname"])
    book.active.append(["A1", "Smith"])
    path = tmp_path / "roll.csv"
    book.save(path)
    assert read_roll(path).rows[0].cells == ["A1", "Smith"]


def _book(tmp_path, rows, name="roll.xlsx", **cells):
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    for ref, value in cells.items():
        book.active[ref] = value
    path = tmp_path / name
    book.save(path)
    return path


def test_xlsx_with_a_stray_cell_at_the_last_cell_reads_its_ten_rows(tmp_path):
    path = _book(tmp_path, [["UPN", "Surname"]] + [[f"A{i}", "Smith"] for i in range(10)], XFD1048576="x")
    roll = read_roll(path)
    assert len(roll.rows) == 10 and roll.rows[-1].number == 11 and roll.headings == ["UPN", "Surname"]
    assert "XFD1048576" in roll.notes[0]


def test_xlsx_rows_are_bounded(tmp_path):
    path = _book(tmp_path, [["UPN", "Surname"]] + [["A", "Smith"]] * 20_000)
    with pytest.raises(UserError, match="more than 20,000 rows"):
        read_roll(path)


def test_xlsx_that_unpacks_to_more_than_any_roll_is_refused(tmp_path, monkeypatch):
    from sencodesk.formats import roll as roll_format

    path = _book(tmp_path, [["UPN", "Surname"], ["A1", "Smith"]])
    monkeypatch.setattr(roll_format, "MAX_UNZIPPED", 1_000)
    with pytest.raises(UserError, match="too large to be a roll export once unpacked"):
        read_roll(path)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d[: len(d) // 2],
        lambda d: d.replace(b"<t>Smith</t>", b"<t>Smith&foo;</t>"),
        lambda d: d.replace(b"<sheetData>", b"<sheetData><row r='x'><c r='??'/></row>"),
    ],
    ids=["truncated sheet", "undefined entity", "nonsense cell reference"],
)
def test_a_damaged_sheet_is_a_plain_refusal_even_though_rows_are_read_lazily(tmp_path, change):
    import zipfile

    good = _book(tmp_path, [["UPN", "Surname"], ["A1", "Smith"]])
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as z, zipfile.ZipFile(bad, "w") as w:
        for info in z.infolist():
            data = z.read(info.filename)
            w.writestr(info, change(data) if info.filename.endswith("sheet1.xml") else data)
    with pytest.raises(UserError, match="could not be opened as an Excel workbook") as e:
        read_roll(bad)
    assert type(e.value) is UserError
