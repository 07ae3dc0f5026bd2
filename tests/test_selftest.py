"""`sencodesk --self-test` from source: the full run in a child process (it opens the main window
when the GUI exists, and ttkbootstrap allows one root per process), the reporting in-process."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from sencodesk import selftest
from sencodesk.cli import main


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    """tempfile's folder for this test: the self-test's school and its result file go there."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.mark.gui
def test_self_test_passes_on_a_sound_install(tmp_path):
    env_tmp = tmp_path / "tmp"
    env_tmp.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "sencodesk", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TMPDIR": str(env_tmp)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-2] == "SENCO desk self-test: all checks passed"
    for check in selftest.CHECKS:
        label = check.__name__.removeprefix("check_").replace("_", " ")
        assert any(line.split(":")[0] in (f"ok   {label}", f"skip {label}") for line in lines), label
    assert (env_tmp / selftest.RESULT_NAME).read_text(encoding="utf-8").splitlines() == lines[:-1]
    # The temporary school is gone: nothing but the result file is left behind.
    assert [p.name for p in env_tmp.iterdir()] == [selftest.RESULT_NAME]


def test_a_failing_check_is_reported_and_the_rest_still_run(temp_folder, monkeypatch, capsys):
    def check_broken(t):
        raise FileNotFoundError("fonts/DejaVuSans.ttf is missing")

    monkeypatch.setattr(
        selftest,
        "CHECKS",
        [selftest.check_assets, check_broken, selftest.check_demo_school, selftest.check_database],
    )
    assert main(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert "FAIL broken: FileNotFoundError: fonts/DejaVuSans.ttf is missing" in out
    assert "ok   demo school:" in out and "ok   database: integrity ok" in out
    assert "SENCO desk self-test: SOME CHECKS FAILED" in out


def test_checks_that_need_the_demo_school_fail_without_it(temp_folder, monkeypatch, capsys):
    monkeypatch.setattr(selftest, "CHECKS", [selftest.check_database])
    assert main(["--self-test"]) == 1
    assert "FAIL database: RuntimeError: no demo school" in capsys.readouterr().out


def test_without_a_console_the_result_still_reaches_the_file(temp_folder, monkeypatch):
    # A windowed (frozen) app has sys.stdout = None: printing must not crash it.
    monkeypatch.setattr(selftest, "CHECKS", [selftest.check_demo_school, selftest.check_pdf])
    monkeypatch.setattr(sys, "stdout", None)
    assert selftest.run_self_test() == 0
    text = (temp_folder / selftest.RESULT_NAME).read_text(encoding="utf-8")
    assert "ok   pdf: written and read back" in text
    assert text.rstrip().endswith("SENCO desk self-test: all checks passed")


def test_a_build_without_the_main_window_skips_that_check_rather_than_passing_it(
    temp_folder, monkeypatch, capsys
):
    monkeypatch.setattr(selftest, "has_main_window", lambda: False)
    monkeypatch.setattr(selftest, "CHECKS", [selftest.check_main_window])
    assert main(["--self-test"]) == 0
    assert "skip main window: this build has no main window yet" in capsys.readouterr().out


def test_a_missing_icon_fails_the_assets_check(temp_folder, monkeypatch, tmp_path, capsys):
    bare = tmp_path / "assets"
    (bare / "icons").mkdir(parents=True)
    monkeypatch.setattr("sencodesk.resources.assets_dir", lambda: bare)
    monkeypatch.setattr(selftest, "CHECKS", [selftest.check_assets])
    assert main(["--self-test"]) == 1
    assert "FAIL assets: FileNotFoundError:" in capsys.readouterr().out


def test_the_temporary_school_is_removed_even_after_a_failure(temp_folder, monkeypatch):
    def check_broken(t):
        raise RuntimeError("boom")

    monkeypatch.setattr(selftest, "CHECKS", [selftest.check_demo_school, check_broken])
    assert selftest.run_self_test() == 1
    assert [p.name for p in Path(temp_folder).iterdir()] == [selftest.RESULT_NAME]


def test_a_pack_that_does_not_read_back_fails(tmp_path):
    t = selftest.SelfTest(tmp_path)
    selftest.check_pdf(t)
    pdf = tmp_path / "self-test.pdf"
    assert selftest._read_back(pdf, "self-test", "test page") == "test page, 1 page, read back"
    with pytest.raises(RuntimeError, match="did not read back: 'Nobody Here' not found"):
        selftest._read_back(pdf, "Nobody Here", "EHCNA request")


def test_every_pack_is_built_and_read_back(temp_folder, monkeypatch, capsys):
    monkeypatch.setattr(
        selftest,
        "CHECKS",
        [
            selftest.check_demo_school,
            selftest.check_ehcna_pack,
            selftest.check_referral_pack,
            selftest.check_profile_pack,
            selftest.check_summary_pack,
        ],
    )
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    for what in ("EHCNA request", "referral", "one-page profile", "governors' summary"):
        assert f": {what}, " in out and "read back" in out, what


def test_an_install_without_sqlcipher_fails_the_encryption_check(temp_folder, monkeypatch, capsys):
    # sqlcipher3 is a dependency: a build that lost it must fail, not skip.
    monkeypatch.setattr("sencodesk.services.encryption.available", lambda: False)
    monkeypatch.setattr(selftest, "CHECKS", [selftest.check_encryption])
    assert main(["--self-test"]) == 1
    assert (
        "FAIL encryption: RuntimeError: the SQLCipher component (sqlcipher3) is missing"
        in capsys.readouterr().out
    )
