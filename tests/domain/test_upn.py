"""Every UPN test vector of reference/domain.md §4.2, and the rule numbers of §4.3."""

import pytest

from sencodesk.domain.upn import LETTERS, check_letter, check_upn, normalise

VALID = [
    "H801200001001",  # DfE MTC / UPN guide example (sum 53, remainder 7 -> H)
    "G80120000101A",  # temporary (sum 52, remainder 6 -> G)
    "B801200005001",  # python-stdnum doctest
    "Z938001234567",  # remainder 22 -> Z, the last letter of the table
    "T80120000101Z",  # temporary with suffix Z (= 22)
]


@pytest.mark.parametrize("upn", VALID)
def test_valid_vectors(upn):
    result = check_upn(upn)
    assert result.ok, result.errors
    assert result.errors == [] and result.warnings == [] and result.rules == []


@pytest.mark.parametrize("upn, expected", [("Z801200001001", "H"), ("A801200005001", "B")])
def test_wrong_check_letter_is_rule_1510_and_names_the_right_letter(upn, expected):
    result = check_upn(upn)
    assert not result.ok
    assert result.rules == ["1510"]
    assert f"should be {expected}" in result.errors[0]


@pytest.mark.parametrize("suffix", ["S", "I", "O"])
def test_temporary_suffix_never_i_o_or_s(suffix):
    result = check_upn("G80120000101" + suffix)
    assert not result.ok
    assert result.rules == ["1550"]
    assert f"'{suffix}' is not allowed" in result.errors[0]


def test_unknown_la_is_a_warning_not_an_error():
    result = check_upn("R900400001001")  # LA 900 does not exist (DfE MTC vector)
    assert result.ok
    assert result.rules == ["1530"]
    assert "LA number 900" in result.warnings[0]


def test_arbor_temporary_example_is_valid_with_a_warning_for_its_pseudo_la():
    result = check_upn("X00180001701A")
    assert result.ok and result.temporary
    assert result.rules == ["1530"]


def test_temporary_flag():
    assert check_upn("G80120000101A").temporary
    assert not check_upn("H801200001001").temporary


def test_lower_case_and_spaces_are_normalised():
    assert normalise(" h801 2000 01001 ") == "H801200001001"
    assert check_upn("h801200001001").ok


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_missing_is_rule_1500(raw):
    result = check_upn(raw)
    assert not result.ok and result.rules == ["1500"]
    assert result.errors == ["The UPN is missing."]


@pytest.mark.parametrize("raw", ["H80120000100", "H8012000010011"])
def test_wrong_length_is_rule_1540_and_says_how_long(raw):
    result = check_upn(raw)
    assert not result.ok and result.rules == ["1540"]
    assert f"has {len(raw)}" in result.errors[0]


def test_letter_inside_the_digits_is_rule_1540():
    result = check_upn("H8012A0001001")
    assert not result.ok and "1540" in result.rules


def test_first_character_must_be_a_letter():
    result = check_upn("1801200001001")
    assert not result.ok and result.rules == ["1510"]


def test_the_published_arbor_worked_example_is_inconsistent():
    # domain.md §4.2 trap: the help page's B207000016049 is wrong; the true letter is P.
    assert check_letter("207000016049") == "P"
    assert check_upn("P207000016049").ok
    assert not check_upn("B207000016049").ok


def test_table_has_23_letters_without_i_o_s():
    assert len(LETTERS) == 23
    assert not set("IOS") & set(LETTERS)


def test_y_and_z_remainders_map_to_the_end_of_the_table():
    # cin_validator's 21-letter table mis-handles remainders 21 and 22 (domain.md §4.2 trap).
    bodies = {check_letter(f"9380012345{n:02d}") for n in range(100)}
    assert {"Y", "Z"} <= bodies
