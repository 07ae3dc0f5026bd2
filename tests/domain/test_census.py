"""Every census SEN rule (reference/domain.md §3.3) with good and bad cases."""

import pytest

from sencodesk.domain.census import RULE_TITLES, check_sen, needs_of


def rules(status, needs):
    return sorted({i.rule for i in check_sen(status, needs)})


@pytest.mark.parametrize(
    "status, needs",
    [
        ("N", []),
        ("K", [(1, "SLCN")]),
        ("K", [(1, "NSA")]),
        ("K", [(1, "SEMH"), (2, "SPLD")]),
        ("E", [(1, "ASD")]),
        ("E", [(1, "ASD"), (2, "SLCN")]),
        ("k", [(1, "MLD")]),  # lower case is read as K
    ],
)
def test_good_records_break_no_rule(status, needs):
    assert check_sen(status, needs) == []


def test_2115_statement_is_discontinued():
    issues = check_sen("S", [(1, "ASD")])
    assert [i.rule for i in issues] == ["2115"]
    assert "status E" in issues[0].fix


@pytest.mark.parametrize("status", [None, "", "X", "A", "P"])
def test_2120_status_missing_or_not_valid(status):
    issues = check_sen(status, [])
    assert [i.rule for i in issues] == ["2120"]
    assert issues[0].field == "sen_status"


def test_2120_legacy_codes_are_explained():
    assert "School Action" in check_sen("A", [])[0].message
    assert "missing" in check_sen("", [])[0].message


def test_2125_needs_with_status_n():
    assert rules("N", [(1, "MLD")]) == ["2125"]


def test_2130_rank_without_a_type():
    assert "2130" in rules("K", [(1, "SLCN"), (2, None)])
    assert rules("K", [(1, "SLCN"), (2, None)]) == ["2130"]


@pytest.mark.parametrize("rank", [0, 3, None])
def test_2140_rank_missing_or_not_valid(rank):
    assert "2140" in rules("K", [(1, "SLCN"), (rank, "MLD")])


def test_2160_single_need_must_be_primary():
    assert "2160" in rules("K", [(2, "SLCN")])
    assert "2160" not in rules("K", [(1, "SLCN")])


def test_2165_same_rank_twice():
    assert "2165" in rules("K", [(1, "SLCN"), (1, "MLD")])


def test_the_same_need_twice_is_not_2165_but_senco_desks_own_check():
    # 2165 is "Each SEN type must have a different ranking": two needs with one rank.
    issues = check_sen("K", [(1, "SLCN"), (2, "SLCN")])
    assert [i.rule for i in issues] == ["SD01"]
    assert "same need" in issues[0].message and issues[0].dfe_wording == ""
    assert "different ranking" in check_sen("K", [(1, "SLCN"), (1, "MLD")])[0].dfe_wording


def test_2166_at_most_two_needs():
    assert "2166" in rules("K", [(1, "SLCN"), (2, "MLD"), (3, "PD")])
    assert "2166" not in rules("K", [(1, "SLCN"), (2, "MLD")])


@pytest.mark.parametrize("status", ["K", "E"])
def test_2170_need_required_on_the_register(status):
    issues = check_sen(status, [])
    assert [i.rule for i in issues] == ["2170"]
    assert issues[0].field == "primary_need"


def test_2170_message_reads_as_english():
    assert check_sen("E", [])[0].message == "A pupil with an EHC plan needs a primary need type."
    assert check_sen("K", [])[0].message == "A pupil on SEN support needs a primary need type."


def test_2175_nsa_only_with_k():
    assert rules("E", [(1, "NSA")]) == ["2175"]
    assert rules("E", [(1, "ASD"), (2, "NSA")]) == ["2175"]
    assert rules("K", [(1, "NSA")]) == []


def test_2175_nsa_with_no_sen_is_2175_as_well_as_2125():
    assert rules("N", [(1, "NSA")]) == ["2125", "2175"]


@pytest.mark.parametrize("status", ["K", "E"])
def test_an_unknown_need_on_the_register_is_2170_there_is_no_2176(status):
    issues = check_sen(status, [(1, "BESD")])
    assert [i.rule for i in issues] == ["2170"]
    assert "'BESD' is not a census need type" in issues[0].message
    assert issues[0].dfe_wording.startswith("A valid SEN type must be provided")
    assert "2176" not in RULE_TITLES


@pytest.mark.parametrize("needs", [[(1, "asd")], [(1, " Asd "), (2, "slcn")]])
def test_need_codes_are_upper_cased_in_every_path(needs):
    assert check_sen("K", needs) == []
    assert needs_of("asd", " slcn") == [(1, "ASD"), (2, "SLCN")]


def test_down_syndrome_is_a_census_need_in_cognition_and_learning():
    from sencodesk.domain.codes import NEEDS

    assert NEEDS["DS"][0] == "Down syndrome" and check_sen("K", [(1, "DS")]) == []


def test_sen_unit_and_resourced_provision_indicators_2230_2250():
    from sencodesk.domain.census import check_indicators

    missing = check_indicators("K", None, None, None)
    assert [i.rule for i in missing] == ["2230", "2250"] and all(i.warning for i in missing)
    assert "SEN Unit" in missing[0].dfe_wording
    assert check_indicators("E", False, True, True) == []
    assert check_indicators("N", None, None, None) == []
    assert [i.rule for i in check_indicators("N", True, False, True)] == ["SD02", "SD03"]


def test_every_rule_has_a_title_and_every_issue_a_fix():
    cases = [
        ("S", []),
        ("X", []),
        ("N", [(1, "MLD")]),
        ("K", [(1, "A"), (2, None)]),
        ("K", [(3, "MLD")]),
        ("K", [(1, "A"), (1, "B"), (1, "C")]),
        ("E", [(1, "NSA")]),
    ]
    for status, needs in cases:
        for issue in check_sen(status, needs):
            assert issue.rule in RULE_TITLES
            assert issue.message and issue.fix
            assert issue.dfe_wording or not issue.rule.isdigit()


def test_needs_of_ranks_the_two_fields():
    assert needs_of("ASD", "SLCN") == [(1, "ASD"), (2, "SLCN")]
    assert needs_of("ASD", None) == [(1, "ASD")]
    assert needs_of(None, None) == []
