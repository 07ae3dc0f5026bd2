"""The command line faces of import, backup, restore and subject access."""

from pathlib import Path

from sencodesk.cli import main
from sencodesk.domain.upn import check_letter
from sencodesk.services import backup_files, pupils
from sencodesk.services.actor import open_school

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ctf"


def upn(i):
    body = f"93820011900{i}"
    return check_letter(body) + body


def roll(tmp_path):
    path = tmp_path / "roll.csv"
    path.write_text(
        "UPN,Surname,Forename,DOB,Gender,Year,SEN Status,Primary Need\n"
        f"{upn(1)},Smith,Amy,03/04/2018,F,Y4,K - SEN Support,SLCN\n"
        f"{upn(2)},Jones,Ben,30/02/2018,M,Y4,N,\n",
        encoding="utf-8",
    )
    return path


def set_up_school(tmp_path):
    """A set-up (empty) school: the commands refuse a folder that holds none."""
    open_school(tmp_path / "school").close()
    return tmp_path / "school"


def register(data_dir):
    s = open_school(data_dir)
    try:
        return [r.forename for r in pupils.list_register(s)]
    finally:
        s.close()


def test_import_pupils_dry_run_then_for_real_with_report(tmp_path, capsys):
    set_up_school(tmp_path)
    data = ["--data-dir", str(tmp_path / "school")]
    assert (
        main(["import", "pupils", str(roll(tmp_path)), *data, "--dry-run"]) == 3
    )  # a row would not be imported
    out = capsys.readouterr().out
    assert "Dry run (nothing saved)" in out and "Row 3: Ben Jones: Date of birth" in out
    assert register(tmp_path / "school") == []
    report = tmp_path / "report.csv"
    assert (
        main(["import", "pupils", str(roll(tmp_path)), *data, "--report", str(report)]) == 3
    )  # ... and was not: scripts can tell
    out = capsys.readouterr().out
    assert "1 new pupil added" in out and "A backup was taken first" in out
    assert register(tmp_path / "school") == ["Amy"]
    assert "not imported" in report.read_text(encoding="utf-8-sig")


def test_import_ctf_and_a_hostile_one(tmp_path, capsys):
    set_up_school(tmp_path)
    data = ["--data-dir", str(tmp_path / "school")]
    assert main(["import", "ctf", str(FIXTURES / "ctf25_sex.xml"), *data]) == 0
    assert "SEN K from 10/01/2023" in capsys.readouterr().out
    evil = tmp_path / "evil.xml"
    evil.write_text('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><CTfile>&e;</CTfile>')
    assert main(["import", "ctf", str(evil), *data]) == 1
    assert "refused" in capsys.readouterr().err


def test_missing_file_is_a_plain_error(tmp_path, capsys):
    set_up_school(tmp_path)
    assert main(["import", "pupils", str(tmp_path / "nope.csv"), "--data-dir", str(tmp_path / "school")]) == 1
    assert "cannot find the file" in capsys.readouterr().err


def test_backup_and_restore(tmp_path, capsys):
    set_up_school(tmp_path)
    school = tmp_path / "school"
    data = ["--data-dir", str(school)]
    main(["import", "pupils", str(roll(tmp_path)), *data])
    copy = tmp_path / "copy.db"
    assert main(["backup", *data, "--to", str(copy)]) == 0
    assert "Backup saved" in capsys.readouterr().out and copy.exists()
    s = open_school(school)
    pupils.add_pupil(
        s,
        {
            "upn": upn(3),
            "legal_surname": "Khan",
            "legal_forename": "Cal",
            "dob": "01/01/2018",
            "gender": "M",
            "year_group": "4",
        },
    )
    s.close()
    assert main(["restore", str(copy), *data]) == 0
    assert "The data as it was before is kept as" in capsys.readouterr().out
    assert register(school) == ["Amy"]
    assert main(["backup", *data]) == 0
    assert backup_files.list_backups(school)[0].kind == "manual"


def test_restore_refuses_a_damaged_file(tmp_path, capsys):
    set_up_school(tmp_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert main(["restore", str(junk), "--data-dir", str(tmp_path / "school")]) == 1
    assert "cannot be restored" in capsys.readouterr().err


def test_subject_access_by_upn(tmp_path, capsys):
    set_up_school(tmp_path)
    school = tmp_path / "school"
    main(["import", "pupils", str(roll(tmp_path)), "--data-dir", str(school)])
    out = tmp_path / "sar"
    assert main(["sar", "--upn", upn(1).lower(), "--out", str(out), "--data-dir", str(school)]) == 0
    assert "Subject access export saved" in capsys.readouterr().out
    assert len(list(out.glob("subject-access_Amy-Smith_*.json"))) == 1
    assert main(["sar", "--upn", upn(9), "--out", str(out), "--data-dir", str(school)]) == 1
    assert "No pupil has the UPN" in capsys.readouterr().err


def test_import_pupils_keeps_sen_changed_in_senco_desk_unless_told(tmp_path, capsys):
    set_up_school(tmp_path)
    school = tmp_path / "school"
    data = ["--data-dir", str(school)]
    main(["import", "pupils", str(roll(tmp_path)), *data])
    s = open_school(school)
    amy = pupils.find_pupil_by_upn(s, upn(1))
    pupils.change_sen_status(s, amy.id, "N", "01/11/2026")  # off the register after a review
    who = s.user.display_name
    s.close()
    capsys.readouterr()

    assert main(["import", "pupils", str(roll(tmp_path)), *data]) == 3  # the roll has one bad row (Ben)
    out = capsys.readouterr().out
    assert "kept as changed in SENCO desk for 1 pupil" in out
    assert "Row 2: Amy Smith: kept: SEN status and needs changed in SENCO desk on " in out
    assert f"by {who} (MIS says K, primary need SLCN)" in out

    def status():
        s = open_school(school)
        try:
            return pupils.find_pupil_by_upn(s, upn(1)).sen_status
        finally:
            s.close()

    assert status() == "N"
    assert main(["import", "pupils", str(roll(tmp_path)), *data, "--take-mis-sen", "--dry-run"]) == 3
    assert "will be taken for 1 pupil" in capsys.readouterr().out and status() == "N"
    assert main(["import", "pupils", str(roll(tmp_path)), *data, "--take-mis-sen"]) == 3
    assert "were taken for 1 pupil" in capsys.readouterr().out
    assert status() == "K"
