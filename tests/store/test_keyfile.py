"""The keys file: a file that is not one is named in plain words, never a traceback."""

import pytest

from sencodesk.domain.errors import UserError
from sencodesk.store import keyfile


@pytest.mark.parametrize(
    "content", [b"", b"\x00\xff\xfe not json", b"[1, 2]", b'{"version": 1}', b'{"slots": {}}']
)
def test_a_keys_file_that_is_not_one_says_so_and_how_to_recover(tmp_path, content):
    keyfile.key_path(tmp_path).write_bytes(content)
    with pytest.raises(keyfile.KeyFileDamaged, match="is not a SENCO desk keys file") as raised:
        keyfile.load(tmp_path)
    assert "recovery key" in raised.value.message and "put back sencodesk.keys" in raised.value.message


def test_a_keys_file_that_is_a_folder(tmp_path):
    keyfile.key_path(tmp_path).mkdir()
    with pytest.raises(keyfile.KeyFileDamaged, match="it is a folder"):
        keyfile.load(tmp_path)


def test_a_keys_file_that_cannot_be_saved_is_left_as_it_was(tmp_path):
    keyfile.save(tmp_path, {"version": 1, "slots": {"school": {"x": 1}}})
    keyfile.key_path(tmp_path).with_suffix(".keys.part").mkdir()  # the temporary file cannot be made
    with pytest.raises(UserError, match="could not save"):
        keyfile.save(tmp_path, {"version": 1, "slots": {"school": {"x": 2}}})
    assert keyfile.load(tmp_path)["slots"] == {"school": {"x": 1}}
