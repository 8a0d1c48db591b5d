"""Atomic writes fail naming the file the learner chose, and leave nothing behind."""

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
