from sencodesk.store.location import is_network_path, mount_type

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
//fileserver/staff /mnt/staff cifs rw,vers=3.0 0 0
nas:/export/sen /srv/sen nfs4 rw 0 0
/dev/sdb1 /mnt/staff/local\\040copy ext4 rw 0 0
"""


def test_mount_type_picks_the_longest_mount_point():
    assert mount_type("/home/senco/data", MOUNTS) == "ext4"
    assert mount_type("/mnt/staff/SENCO desk", MOUNTS) == "cifs"
    assert mount_type("/srv/sen", MOUNTS) == "nfs4"
    assert mount_type("/srv/senior", MOUNTS) == "ext4"  # a prefix of the name is not inside
    assert mount_type("/mnt/staff/local copy/db", MOUNTS) == "ext4"  # octal-escaped space


def test_override_flag(tmp_path, monkeypatch):
    monkeypatch.setenv("SENCODESK_ASSUME_SHARE", "1")
    assert is_network_path(tmp_path)
    monkeypatch.setenv("SENCODESK_ASSUME_SHARE", "0")
    assert not is_network_path(tmp_path)
    monkeypatch.delenv("SENCODESK_ASSUME_SHARE")
    assert not is_network_path(tmp_path)  # the test machine's temp folder is local
