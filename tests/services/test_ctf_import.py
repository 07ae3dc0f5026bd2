"""CTF import: two versions of the file, malformed and hostile XML refused with nothing changed."""

from datetime import date
from pathlib import Path

import pytest

from sencodesk.domain.errors import UserError
from sencodesk.services import ctf_import, pupils
from sencodesk.services.audit import pupil_history

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ctf"
TODAY = date(2026, 11, 29)


def counts(actor):
    return {
        t: actor.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("pupils", "sen_history", "audit")
    }


def by_name(actor):
    return {r.forename: pupils.get_pupil(actor, r.id) for r in pupils.list_register(actor)}


def test_ctf12_with_gender_basic_details_and_repeated_sen(actor):
    result = ctf_import.import_ctf(actor, FIXTURES / "ctf12_gender.xml", today=TODAY)
    assert result.applied and result.count("add") == 2 and result.file.version == "12.0"
    assert result.file.source_school == "Willow Infant School"
    held = by_name(actor)
    danny = held["Danny"]
    assert (danny.legal_forename, danny.gender, danny.year_group) == ("Daniel", "M", "3")
    assert (danny.sen_status, danny.sen_start_date, danny.primary_need, danny.secondary_need) == (
        "E",
        date(2024, 3, 1),
        "SLCN",
        "SPLD",
    )
    assert [(h.start_date, h.status, h.primary_need) for h in danny.sen_history] == [
        (date(2022, 9, 5), "K", None),
        (date(2024, 3, 1), "E", "SLCN"),
    ]
    isha = held["Isha"]
    assert isha.sen_status == "N" and isha.year_group == "3"  # worked out from the date of birth
    lines = "\n".join(ctf_import.report_lines(result))
    assert "SEN E from 01/03/2024 (SLCN" in lines and "worked out from the date of birth" in lines


def test_ctf25_with_sex_dated_needs_and_no_basic_details(actor):
    result = ctf_import.import_ctf(actor, FIXTURES / "ctf25_sex.xml", today=TODAY)
    assert result.count("add") == 1 and result.file.version == "25.0"
    zofia = by_name(actor)["ZOFIA"]
    assert (zofia.gender, zofia.sen_status, zofia.primary_need, zofia.secondary_need) == (
        "F",
        "K",
        "SEMH",
        "ASD",
    )
    assert [(h.status, h.primary_need, h.secondary_need) for h in zofia.sen_history] == [("K", "SEMH", "ASD")]
    audit = pupil_history(actor, zofia.id)
    assert "from a CTF" in audit[0]["summary"]


def test_dry_run_shows_what_would_come_in_and_writes_nothing(actor):
    before = counts(actor)
    result = ctf_import.import_ctf(actor, FIXTURES / "ctf12_gender.xml", dry_run=True, today=TODAY)
    assert counts(actor) == before
    assert result.count("add") == 2 and not result.applied
    assert result.outcomes[0].came_in() == [
        "SEN K from 05/09/2022",
        "SEN E from 01/03/2024 (SLCN - Speech, language and "
        "communication needs, SPLD - Specific learning difficulty)",
    ]


def test_importing_twice_changes_nothing(actor):
    ctf_import.import_ctf(actor, FIXTURES / "ctf12_gender.xml", today=TODAY)
    before = counts(actor)
    result = ctf_import.import_ctf(actor, FIXTURES / "ctf12_gender.xml", today=TODAY)
    assert result.count("unchanged") == 2
    assert counts(actor)["sen_history"] == before["sen_history"]


def test_held_pupil_gains_the_files_history_without_losing_held_values(actor, add_pupil):
    pid = add_pupil(
        upn="Y938200222001",
        legal_surname="Okafor",
        legal_forename="Daniel",
        dob="14/05/2018",
        gender="M",
        year_group="3",
        class_name="3B",
    )
    result = ctf_import.import_ctf(actor, FIXTURES / "ctf12_gender.xml", today=TODAY)
    assert result.outcomes[0].action == "update" and result.outcomes[0].pupil_id == pid
    p = pupils.get_pupil(actor, pid)
    assert p.class_name == "3B" and p.preferred_forename == "Danny"
    assert p.sen_status == "E" and len(p.sen_history) == 3


def _write(tmp_path, text, name="bad.xml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<CTfile><CTFpupilData><Pupil><Surname>&lol4;</Surname></Pupil></CTFpupilData></CTfile>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE CTfile [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<CTfile><CTFpupilData><Pupil><Surname>&secret;</Surname></Pupil></CTFpupilData></CTfile>"""

DTD_ONLY = """<?xml version="1.0"?>
<!DOCTYPE CTfile SYSTEM "http://example.com/ctf.dtd">
<CTfile><CTFpupilData/></CTfile>"""


@pytest.mark.parametrize(
    "text",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, DTD_ONLY],
    ids=["billion laughs", "external entity", "external DTD"],
)
def test_hostile_xml_is_refused_and_nothing_changes(actor, tmp_path, text):
    before = counts(actor)
    with pytest.raises(UserError, match="refused"):
        ctf_import.import_ctf(actor, _write(tmp_path, text), today=TODAY)
    assert counts(actor) == before


@pytest.mark.parametrize(
    "text,words",
    [
        (
            "<CTfile><Header><CTFversion>25.0</CTFversion></Header><CTFpupilData><Pupil>",
            "not a complete XML file",
        ),
        ("not xml at all", "not a complete XML file"),
        ("<Census><Pupil/></Census>", "not a Common Transfer File"),
    ],
)
def test_malformed_file_gets_a_clear_message_and_nothing_changes(actor, tmp_path, text, words):
    before = counts(actor)
    with pytest.raises(UserError, match=words):
        ctf_import.import_ctf(actor, _write(tmp_path, text), today=TODAY)
    assert counts(actor) == before


def test_a_bad_pupil_is_explained_and_the_others_imported(actor, tmp_path):
    text = (
        (FIXTURES / "ctf12_gender.xml").read_text().replace("<DOB>2018-11-02</DOB>", "<DOB>2018-02-30</DOB>")
    )
    text = text.replace("<SENtype>SPLD</SENtype>", "<SENtype>SPLD</SENtype>")
    result = ctf_import.import_ctf(actor, _write(tmp_path, text), today=TODAY)
    assert [o.action for o in result.outcomes] == ["add", "bad"]
    assert "not a real date" in result.outcomes[1].reasons[0]
    assert "Pupil 2: Isha Patel: not imported" in "\n".join(ctf_import.report_lines(result))
    assert len(pupils.list_register(actor)) == 1


def test_pupil_twice_in_one_file(actor, tmp_path):
    text = (FIXTURES / "ctf12_gender.xml").read_text().replace("M938200222002", "Y938200222001")
    result = ctf_import.import_ctf(actor, _write(tmp_path, text), today=TODAY)
    assert [o.action for o in result.outcomes] == ["add", "bad"]
    assert "twice" in result.outcomes[1].reasons[0]


def test_namespaced_ctf_is_read_by_element_name(actor, tmp_path):
    text = (FIXTURES / "ctf25_sex.xml").read_text().replace("<CTfile>", '<CTfile xmlns="urn:example:ctf">')
    result = ctf_import.import_ctf(actor, _write(tmp_path, text, "ns.xml"), today=TODAY)
    assert result.count("add") == 1 and result.file.version == "25.0"


def many_pupils_ctf(tmp_path, n: int) -> Path:
    """The CTF 25 fixture's pupil n times over, each with their own UPN (a whole cohort moving)."""
    from sencodesk.domain.upn import check_letter

    text = (FIXTURES / "ctf25_sex.xml").read_text(encoding="utf-8")
    head, rest = text.split("<Pupil>", 1)
    block, tail = rest.split("</Pupil>", 1)
    pupils_xml = []
    for i in range(n):
        body = f"93820032{i:04d}"
        pupils_xml.append("<Pupil>" + block.replace("Z938200325007", check_letter(body) + body) + "</Pupil>")
    path = tmp_path / "cohort.xml"
    path.write_text(head + "\n".join(pupils_xml) + tail, encoding="utf-8")
    return path


def test_saving_a_large_ctf_reports_its_progress(actor, tmp_path):
    seen = []
    result = ctf_import.import_ctf(
        actor,
        many_pupils_ctf(tmp_path, 45),
        today=TODAY,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert result.count("add") == 45 and len(pupils.list_register(actor)) == 45
    assert seen[-1] == (90, 90) and len(seen) >= 9  # checking, then saving
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
