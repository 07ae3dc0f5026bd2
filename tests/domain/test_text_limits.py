"""Text limits and invisible characters: one table, one rule, for every path that writes a pupil."""

from datetime import date

import pytest

from sencodesk.domain import text_limits as t
from sencodesk.domain.errors import ValidationError
from sencodesk.domain.pupil import clean_pupil

TODAY = date(2026, 11, 29)


def form(**overrides):
    base = {
        "upn": "H801200001001",
        "legal_surname": "Smith",
        "legal_forename": "Amy",
        "dob": "03/04/2018",
        "gender": "F",
        "year_group": "3",
        "sen_status": "N",
    }
    return base | overrides


def errors_of(**overrides) -> dict[str, str]:
    with pytest.raises(ValidationError) as e:
        clean_pupil(form(**overrides), today=TODAY)
    return e.value.field_errors


@pytest.mark.parametrize(
    "raw, kept, said",
    [
        ("K\u200b", "K", "a zero-width space"),
        ("Am\x00y", "Amy", "a control character"),
        ("Am\x07y", "Amy", "a control character"),
        ("\ufeffSmith", "Smith", "a byte-order mark"),
        ("Smi\u00adth", "Smith", "a soft hyphen"),
        ("Smith\u200e", "Smith", "a left-to-right mark"),
        ("Ann\u200dMarie", "AnnMarie", "a zero-width joiner"),  # between Latin letters it joins nothing
    ],
)
def test_invisible_characters_are_taken_out_and_named(raw, kept, said):
    cleaned = t.one_line(raw)
    assert cleaned.text == kept and said in cleaned.removed and not cleaned.direction


def test_whitespace_runs_become_one_space_and_nfc_joins_a_combining_accent():
    assert t.one_line("  Mary \t Jane\n ").text == "Mary Jane"
    assert t.one_line("Zoe\u0308").text == "Zoë" and not t.one_line("Zoe\u0308").changed


def test_joiners_are_kept_where_a_script_spells_with_them():
    persian = "\u0645\u06cc\u200c\u0631\u0648\u0645"  # "miravam": the ZWNJ is part of the spelling
    assert t.one_line(persian).text == persian and not t.one_line(persian).changed


def test_direction_overrides_are_refused_not_stripped():
    assert t.one_line("\u202eHtims").direction
    assert t.one_line("Smith\u2066").direction


def test_notes_keep_lines_and_tabs_and_lose_other_controls():
    cleaned = t.multi_line("Line one\r\n\tLine two\x00\rLine three")
    assert cleaned.text == "Line one\n\tLine two\nLine three" and cleaned.removed == ("a control character",)


def test_too_long_says_the_limit_and_the_length_never_the_text():
    message = t.too_long("x" * 100_000, "class_name", "Class")
    assert message == "Class is too long (40 characters at most; this has 100,000)."
    assert t.too_long("4B", "class_name", "Class") is None


def test_shown_text_is_visible_and_short():
    assert t.shown("\u202eA" + "b" * 200, 10) == "Abbbbbbbb…"


# ---- the pupil form (and so every service and import that saves a pupil) ----------------------


def test_a_20_mb_note_is_refused_in_a_plain_sentence():
    message = errors_of(notes="x" * 20_000_000)["notes"]
    assert message == "The text of the notes is too long (50,000 characters at most; this has 20,000,000)."


def test_a_class_of_100000_characters_is_refused():
    assert "40 characters at most" in errors_of(class_name="A" * 100_000)["class_name"]


@pytest.mark.parametrize("field", ["home_language", "preferred_forename", "legal_surname"])
def test_every_text_field_has_its_limit(field):
    assert "too long" in errors_of(**{field: "A" * 101})[field]


def test_a_contact_too_long_is_refused():
    contacts = [{"name": "A" * 101, "relationship": "Mother"}]
    assert "too long" in errors_of(contacts=contacts)["contacts.0"]


def test_a_huge_upn_or_date_is_refused_without_quoting_it():
    assert len(errors_of(upn="H" * 100_000)["upn"]) < 200
    assert len(errors_of(dob="1" * 100_000)["dob"]) < 200
    assert len(errors_of(primary_need="X" * 100_000, sen_status="K")["primary_need"]) < 200


def test_hidden_characters_in_a_name_are_taken_out_with_a_warning():
    pupil, warnings = clean_pupil(form(legal_surname="Smi\u200bth", class_name="3\x00B"), today=TODAY)
    assert pupil.legal_surname == "Smith" and pupil.class_name == "3B"
    assert "Hidden characters were taken out of the legal surname (a zero-width space)." in warnings
    assert "Hidden characters were taken out of the class (a control character)." in warnings


def test_a_name_with_a_direction_override_is_refused():
    assert "direction" in errors_of(legal_forename="\u202eymA")["legal_forename"]


def test_codes_lose_invisible_characters():
    pupil, _ = clean_pupil(form(sen_status="K\u200b", primary_need="\u200bSLCN", gender="\x00F"), today=TODAY)
    assert (pupil.sen_status, pupil.primary_need, pupil.gender) == ("K", "SLCN", "F")


def test_an_import_may_leave_a_need_for_the_senco_but_the_form_may_not():
    assert "primary need" in errors_of(sen_status="E")["primary_need"]
    pupil, _ = clean_pupil(form(sen_status="E"), today=TODAY, need_may_wait=True)
    assert pupil.sen_status == "E" and pupil.primary_need is None
    with pytest.raises(ValidationError, match="NSA"):  # every other census rule still holds
        clean_pupil(form(sen_status="E", primary_need="NSA"), today=TODAY, need_may_wait=True)


def test_notes_keep_their_lines_and_lose_a_nul():
    pupil, warnings = clean_pupil(form(notes="Met mum.\r\n\tAgreed a plan.\x00"), today=TODAY)
    assert pupil.notes == "Met mum.\n\tAgreed a plan."
    assert warnings == ["Hidden characters were taken out of the notes (a control character)."]
