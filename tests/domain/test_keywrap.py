import pytest

from sencodesk.domain import keywrap


@pytest.fixture(scope="module")
def key_and_slot():
    key = keywrap.new_db_key()
    return key, keywrap.wrap(key, "the passphrase", "school", n=2**10)


def test_right_secret_unwraps_the_same_key(key_and_slot):
    key, slot = key_and_slot
    assert len(key) == 32 and keywrap.unwrap(slot, "the passphrase", "school") == key


def test_slot_holds_no_key_or_secret(key_and_slot):
    key, slot = key_and_slot
    text = repr(slot)
    assert key.hex() not in text and "the passphrase" not in text


@pytest.mark.parametrize(
    "secret,label", [("The passphrase", "school"), ("", "school"), ("the passphrase", "user:rkhan")]
)
def test_wrong_secret_or_moved_slot_opens_nothing(key_and_slot, secret, label):
    assert keywrap.unwrap(key_and_slot[1], secret, label) is None


@pytest.mark.parametrize("damage", [{"wrapped": "AAAA"}, {"nonce": "!!"}, {"salt": None}, {"n": "x"}])
def test_tampered_or_broken_slot_opens_nothing(key_and_slot, damage):
    assert keywrap.unwrap(key_and_slot[1] | damage, "the passphrase", "school") is None
    assert keywrap.unwrap({}, "the passphrase", "school") is None


def test_each_wrap_is_fresh(key_and_slot):
    key, slot = key_and_slot
    again = keywrap.wrap(key, "the passphrase", "school", n=2**10)
    assert again["salt"] != slot["salt"] and again["wrapped"] != slot["wrapped"]


def test_recovery_key_shape_and_typing_forgiveness():
    rk = keywrap.new_recovery_key()
    groups = rk.split("-")
    assert len(groups) == 5 and all(len(g) == 5 for g in groups)
    assert set(rk.replace("-", "")) <= set(keywrap.RECOVERY_ALPHABET)
    assert keywrap.new_recovery_key() != rk
    assert keywrap.normalise_recovery_key(" " + rk.lower().replace("-", " ") + " ") == rk
    assert keywrap.normalise_recovery_key("abcd0-1xyz2") == "ABCDO-IXYZ2"
