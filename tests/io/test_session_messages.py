"""A bad session file's message is built from parts: each part is a template with fields,
so the window can show the whole sentence in the learner's language (fnnsim.errors)."""

from __future__ import annotations

import numpy as np
import pytest

from fnnsim.errors import ConfigError, SessionError, user_text
from fnnsim.io.session import VERSION, read_session, write_session
from fnnsim.training.backend import ReferenceBackend
from fnnsim.training.experiment import build_data, build_network, build_trainer
from fnnsim.training.snapshot import SessionState
from tests.io.test_session_files import config, rewrite

CATALOGUE = {  # as a translation would give them (the same fields, in another order too)
    "{file}: {problem}": "{file}：{problem}",
    "config: {problem}": "配置：{problem}",
    "current weights: {problem}": "当前权重：{problem}",
    "training data: {problem}": "训练集：{problem}",
    "entry {name!r} holds {found}, expected {expected}":
        "条目 {name!r} 的类型是 {found}，应为 {expected}",
    "{name!r} must be a list of names": "{name!r} 必须是名称列表",
    "{name!r} must be {expected}, got {value!r:.60}":
        "{name!r} 必须是 {expected}，实际是 {value!r:.60}",
}


def translate(context: str, text: str) -> str:
    assert context == "Errors"
    return CATALOGUE.get(text, text)


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A good session file (test_session_files' run), written once and only read."""
    c = config()
    data = build_data(c)
    network = build_network(c, data.train)
    trainer, _ = build_trainer(c, data, network.copy(), ReferenceBackend())
    trainer.train_samples(77)
    path = tmp_path_factory.mktemp("session") / "good.fnnsession"
    write_session(path, SessionState.capture(c, data, network, trainer))
    return path


def error(path) -> SessionError:
    with pytest.raises(SessionError) as info:
        read_session(path)
    return info.value


def parts(exc) -> list[str]:
    """The templates of a message and of the messages in its `problem` fields, outside in."""
    message, templates = exc.message, []
    while True:
        templates.append(message.template)
        inner = message.fields.get("problem")
        if inner is None or isinstance(inner, str):
            return templates
        message = getattr(inner, "message", inner)


def test_a_config_problem_keeps_its_own_message_inside_the_sessions(good, tmp_path):
    bad = rewrite(good, tmp_path / "c.fnnsession",
                  doc_change=lambda d: d["config"]["training"].update(learning_rate=-1))
    exc = error(bad)
    assert parts(exc)[:2] == ["{file}: {problem}", "config: {problem}"]
    config_error = exc.message.fields["problem"].message.fields["problem"]
    assert isinstance(config_error, ConfigError)  # wrapped, not flattened to English text
    assert str(exc) == f"c.fnnsession: config: {config_error}"
    assert user_text(exc, translate).startswith("c.fnnsession：配置：training.learning_rate")


def test_a_wrong_dtype_is_named_in_the_part_of_the_file_it_is_in(good, tmp_path):
    bad = rewrite(good, tmp_path / "w.fnnsession",
                  change=lambda a: a.update(W1=a["W1"].astype(np.float32)))
    exc = error(bad)
    assert str(exc) == "w.fnnsession: current weights: entry 'W1' holds float32, expected float64"
    assert parts(exc) == ["{file}: {problem}", "current weights: {problem}",
                          "entry {name!r} holds {found}, expected {expected}"]
    assert user_text(exc, translate) == (
        "w.fnnsession：当前权重：条目 'W1' 的类型是 float32，应为 float64")


def test_a_problem_in_the_data_names_the_part_and_the_key(good, tmp_path):
    bad = rewrite(good, tmp_path / "d.fnnsession",
                  doc_change=lambda d: d["data"]["train"].update(feature_names=[1, 2]))
    exc = error(bad)
    assert str(exc) == ("d.fnnsession: training data: 'data.train.feature_names' must be a "
                        "list of names")
    assert user_text(exc, translate) == (
        "d.fnnsession：训练集：'data.train.feature_names' 必须是名称列表")


def test_a_wrong_json_type_is_a_field_and_its_value_is_cut_at_60_chars(good, tmp_path):
    long = "x" * 200
    bad = rewrite(good, tmp_path / "t.fnnsession",
                  doc_change=lambda d: d["trainer"].update(epoch=long))
    inner = error(bad).message.fields["problem"]
    assert inner.message.fields == {"name": "trainer.epoch", "expected": "int", "value": long}
    assert str(inner) == "'trainer.epoch' must be int, got " + repr(long)[:60]
    assert user_text(inner, translate) == "'trainer.epoch' 必须是 int，实际是 " + repr(long)[:60]


def test_a_newer_session_says_both_versions(good, tmp_path):
    bad = rewrite(good, tmp_path / "v.fnnsession",
                  doc_change=lambda d: d.update(version=VERSION + 1, fnnsim_version="9.0"))
    fields = error(bad).message.fields["problem"].message.fields
    assert (fields["written_by"], fields["version"], fields["readable"]) == (
        "9.0", VERSION + 1, VERSION)


@pytest.mark.parametrize("text", ["not a zip", '{"format": "fnnsim-session"}'])
def test_a_file_that_is_not_a_zip_is_worded_whole_without_pythons_english(tmp_path, text):
    path = tmp_path / "t.fnnsession"
    path.write_text(text)
    exc = error(path)
    assert exc.message.template == (
        "{file}: not an fnnsim session (a session is a zip archive, and this file is not one)")
    assert exc.message.fields == {"file": "t.fnnsession"}  # no English reason as a field


def test_a_session_cut_short_says_its_end_is_missing(good, tmp_path):
    path = tmp_path / "cut.fnnsession"
    path.write_bytes(good.read_bytes()[:2000])
    exc = error(path)
    assert exc.message.template == (
        "{file}: damaged or truncated (the end of the zip archive is missing)")
    assert exc.message.fields == {"file": "cut.fnnsession"}
