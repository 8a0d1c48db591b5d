"""Atomic writes fail naming the file the learner chose, and leave nothing behind."""

import os
import stat

import pytest

from fnnsim.errors import user_text
from fnnsim.io.atomic import write_text


def test_a_missing_folder_is_reported_with_the_chosen_path(tmp_path):
    target = tmp_path / "missing" / "w.json"
    with pytest.raises(FileNotFoundError) as raised:
        write_text(target, "{}")
    assert raised.value.filename == str(target)
    assert user_text(raised.value) == f"{target}: no such file or folder"


def test_a_folder_in_the_way_is_reported_and_no_temporary_file_stays(tmp_path):
    target = tmp_path / "w.json"
    target.mkdir()
    with pytest.raises(OSError) as raised:  # IsADirectoryError on Linux
        write_text(target, "{}")
    assert raised.value.filename == str(target)
    assert [p.name for p in tmp_path.iterdir()] == ["w.json"]


def test_a_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "w.json"
    write_text(target, "old")
    write_text(target, "new")
    assert target.read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["w.json"]


@pytest.fixture
def umask():
    """Set the process umask for one test (restored after: it is process-wide)."""
    old = os.umask(0o022)
    try:
        yield os.umask
    finally:
        os.umask(old)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)],
                         ids=["022", "002", "077"])
def test_a_new_file_gets_the_mode_any_new_file_gets(tmp_path, umask, mask, mode):
    umask(mask)
    write_text(tmp_path / "w.json", "{}")
    assert stat.S_IMODE((tmp_path / "w.json").stat().st_mode) == mode


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o755], ids=["640", "604", "755"])
def test_a_replaced_file_keeps_its_mode(tmp_path, umask, mode):
    target = tmp_path / "w.json"
    target.write_text("old")
    target.chmod(mode)
    umask(0o077)  # the new file would be 0600: the old one's mode wins
    write_text(target, "new")
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == ["w.json"]


def test_without_fchmod_a_file_is_still_replaced(tmp_path, monkeypatch):
    """Windows has no os.fchmod before Python 3.13: replacing a file must still work."""
    target = tmp_path / "w.json"
    write_text(target, "old")
    monkeypatch.delattr(os, "fchmod")
    write_text(target, "new")
    assert target.read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["w.json"]


def test_the_temporary_file_is_opened_binary_where_that_exists(tmp_path, monkeypatch):
    """On Windows a descriptor opened without O_BINARY writes every LF as CRLF."""
    seen = []
    real_open = os.open

    def spy(path, flags, mode=0o777):
        seen.append(flags)
        return real_open(path, flags & ~0x8000, mode)

    monkeypatch.setattr(os, "O_BINARY", 0x8000, raising=False)
    monkeypatch.setattr(os, "open", spy)
    write_text(tmp_path / "w.json", "a\nb")
    assert seen and all(f & 0x8000 and f & os.O_EXCL for f in seen)
    assert (tmp_path / "w.json").read_bytes() == b"a\nb"
