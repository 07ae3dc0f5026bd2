"""An EHCNA request or a referral sent with documents from the record: one PDF (pack, index,
documents, bookmarks) read back with pypdf, and the zip and folder forms' file names."""

from __future__ import annotations

import re
import zipfile

import pytest
from pypdf import PdfReader

from sencodesk import outputs
from sencodesk.domain.errors import UserError, ValidationError
from sencodesk.services import attachments, packs, referrals

from . import attached_files as files
from .graduated_support import TODAY

DETAILS = files.DETAILS


@pytest.fixture
def pupil(add_pupil):
    return add_pupil(sen_status="K", primary_need="SLCN", sen_start_date="01/09/2025")


@pytest.fixture
def documents(actor, pupil, tmp_path):
    """[EP report (PDF, 3 pages), a photographed letter (JPEG), a parent's "about me" (Word)]."""
    docs = tmp_path / "docs"

    def add(name: str, data: bytes, **details) -> int:
        return attachments.add_attachment(
            actor, pupil, files.put(docs, name, data), DETAILS | details, today=TODAY
        )

    return [
        add("ep.pdf", files.pdf(3, "Educational psychology report"), title="EP report", author="Dr Jones"),
        add(
            "letter.jpg",
            files.picture("JPEG", (480, 640)),
            title="Letter from the GP",
            kind="letter",
            author="Dr Patel",
            document_date="01/02/2026",
        ),
        add(
            "about.docx",
            files.word(),
            title="All about Amy",
            kind="about_me",
            author="Mrs Smith",
            document_date="10/11/2026",
        ),
    ]


def texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_one_pdf_holds_the_pack_an_index_and_each_document_with_bookmarks(actor, pupil, documents, tmp_path):
    out = tmp_path / "bundle.pdf"
    packs.export_ehcna(actor, pupil, out, today=TODAY, attachments=documents, bundle="pdf", invariant=True)
    reader = PdfReader(str(out))
    pages = texts(out)
    pack_pages = int(re.search(r"Page 1 of (\d+)", pages[0]).group(1))
    # the pack, its index (one page), the EP report's 3 pages, the letter's 1; the Word file none
    assert len(reader.pages) == pack_pages + 1 + 3 + 1
    index = pages[pack_pages]
    assert "Documents in this file" in index
    flat = " ".join(index.split())
    assert f"1-{pack_pages}" in flat
    assert f"EP report (Professional report) Dr Jones 12/03/2026 {pack_pages + 2}-{pack_pages + 4}" in flat
    assert f"Letter from the GP (Letter) Dr Patel 01/02/2026 {pack_pages + 5}" in flat
    assert "All about Amy" in flat and "Sent separately (Word document)" in flat
    assert "page 1 of 3" in pages[pack_pages + 1] and "page 3 of 3" in pages[pack_pages + 3]
    letter = reader.pages[pack_pages + 4].mediabox  # a portrait photo on a portrait page
    assert letter.width < letter.height
    marks = {o.title: reader.get_destination_page_number(o) for o in reader.outline}
    assert marks == {
        "01 EHC needs assessment request: Amy Smith": 0,
        "Index of this file": pack_pages,
        "02 EP report - Dr Jones (12/03/2026)": pack_pages + 1,
        "03 Letter from the GP - Dr Patel (01/02/2026)": pack_pages + 4,
    }
    # the pack's own "Reports attached" lists them, in the same numbers
    pack = " ".join(" ".join(p.split()) for p in pages[:pack_pages])
    assert "Reports attached" in pack
    assert "02 EP report Professional report Dr Jones 12/03/2026 3 pages" in pack
    assert "04 All about Amy" in pack and "Word document: sent separately" in pack
    # each document sent is in the audit trail, and the pack's row says how
    sent = [
        r[0] for r in actor.db.execute("SELECT summary FROM audit WHERE summary LIKE 'sent the document%'")
    ]
    assert len(sent) == 3 and "as one PDF, as number 02" in sent[0]
    assert (
        "with 3 documents from the record, as one PDF"
        in actor.db.execute("SELECT summary FROM audit WHERE summary LIKE 'exported the EHC%'").fetchone()[0]
    )
    # a second export over its own bundle needs no yes: it is a file SENCO desk made
    packs.export_ehcna(actor, pupil, out, today=TODAY, attachments=documents[:1], bundle="pdf")
    assert len(PdfReader(str(out)).pages) == pack_pages + 1 + 3


def test_a_zip_for_a_portal_holds_the_pack_and_each_document_by_a_clear_name(
    actor, pupil, documents, tmp_path
):
    out = tmp_path / "request.zip"
    packs.export_ehcna(actor, pupil, out, today=TODAY, attachments=documents, bundle="zip")
    with zipfile.ZipFile(out) as z:
        assert z.namelist() == [
            "01 EHCNA request - Amy Smith.pdf",
            "02 EP report - Dr Jones - 12-03-2026.pdf",
            "03 Letter from the GP - Dr Patel - 01-02-2026.jpg",
            "04 All about Amy - Mrs Smith - 10-11-2026.docx",
        ]
        assert z.read("02 EP report - Dr Jones - 12-03-2026.pdf") == attachments.attachment_bytes(
            actor, documents[0]
        )
        assert z.read("01 EHCNA request - Amy Smith.pdf").startswith(b"%PDF")
    packs.export_ehcna(actor, pupil, out, today=TODAY, attachments=documents[:1], bundle="zip")  # its own


def test_a_folder_holds_the_same_files_and_is_never_written_over_without_a_yes(
    actor, pupil, documents, tmp_path
):
    folder = tmp_path / "To Northmoor"
    packs.export_ehcna(actor, pupil, folder, today=TODAY, attachments=documents, bundle="folder")
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "01 EHCNA request - Amy Smith.pdf",
        "02 EP report - Dr Jones - 12-03-2026.pdf",
        "03 Letter from the GP - Dr Patel - 01-02-2026.jpg",
        "04 All about Amy - Mrs Smith - 10-11-2026.docx",
    ]
    with pytest.raises(UserError, match="already exists"):  # the copies there are not files it made
        packs.export_ehcna(actor, pupil, folder, today=TODAY, attachments=documents, bundle="folder")
    outputs.confirm_replace(folder)  # the person said yes (--overwrite, or the dialog)
    packs.export_ehcna(actor, pupil, folder, today=TODAY, attachments=documents, bundle="folder")


def test_a_referral_goes_with_its_documents_too(actor, pupil, documents, tmp_path):
    referral_id = referrals.add_referral(
        actor,
        pupil,
        {"service": "salt", "referred_on": "20/11/2026", "reason": "Speech", "asks": "Assessment"},
        today=TODAY,
    )
    out = tmp_path / "referral.zip"
    packs.export_referral(actor, referral_id, out, today=TODAY, attachments=documents[:1], bundle="zip")
    with zipfile.ZipFile(out) as z:
        first, second = z.namelist()
        assert first.startswith("01 Referral to Speech and language therapy") and first.endswith(
            "Amy Smith.pdf"
        )
        assert second == "02 EP report - Dr Jones - 12-03-2026.pdf"
    pdf = tmp_path / "referral.pdf"
    packs.export_referral(actor, referral_id, pdf, today=TODAY, attachments=documents[:2], bundle="pdf")
    text = " ".join(" ".join(t.split()) for t in texts(pdf))
    assert "Reports attached" in text and "Documents in this file" in text


@pytest.mark.parametrize(
    ("ids", "bundle", "name", "words"),
    [
        ([0], None, "e.pdf", "Choose how to send the chosen documents"),
        ([], "pdf", "e.pdf", "Choose at least one document"),
        ([0], "zip", "e.pdf", "give a name ending .zip"),
        ([0], "pdf", "e.zip", "give a name ending .pdf"),
        ([0], "tar", "e.tar", "as one PDF, a .zip or a folder"),
    ],
)
def test_a_choice_that_does_not_hang_together_is_refused_and_nothing_written(
    actor, pupil, documents, tmp_path, ids, bundle, name, words
):
    out = tmp_path / name
    with pytest.raises(ValidationError, match=words):
        packs.export_ehcna(
            actor, pupil, out, today=TODAY, attachments=[documents[i] for i in ids], bundle=bundle
        )
    assert not out.exists()


def test_the_pack_alone_has_no_reports_attached_section(actor, pupil, documents, tmp_path):
    out = packs.export_ehcna(actor, pupil, tmp_path / "alone.pdf", today=TODAY).path
    assert "Reports attached" not in " ".join(texts(out))


def test_an_index_longer_than_a_page_still_gives_every_document_its_right_page(actor, pupil, tmp_path):
    docs = tmp_path / "many"
    ids = [
        attachments.add_attachment(
            actor,
            pupil,
            files.put(docs, f"r{n}.pdf", files.pdf(1 + n % 2)),
            DETAILS | {"title": f"Report {n:02d}", "author": "Dr Jones"},
            today=TODAY,
        )
        for n in range(1, 46)
    ]
    out = tmp_path / "bundle.pdf"
    packs.export_ehcna(actor, pupil, out, today=TODAY, attachments=ids, bundle="pdf")
    reader = PdfReader(str(out))
    marks = {o.title: reader.get_destination_page_number(o) for o in reader.outline}
    index_first = marks["Index of this file"]
    index = " ".join(
        " ".join(reader.pages[i].extract_text().split()) for i in range(index_first, index_first + 3)
    )
    assert marks["02 Report 01 - Dr Jones (12/03/2026)"] >= index_first + 2  # the index took two pages
    for n in range(1, 46):
        first = marks[f"{n + 1:02d} Report {n:02d} - Dr Jones (12/03/2026)"] + 1  # as a viewer counts
        span = str(first) if n % 2 == 0 else f"{first}-{first + 1}"
        assert f"Report {n:02d} (Professional report) Dr Jones 12/03/2026 {span} " in index + " "
    assert len(reader.pages) == marks["46 Report 45 - Dr Jones (12/03/2026)"] + 2
