"""User errors: English templates with named fields, translated as a whole or in parts."""

import errno

import pytest

from fnnsim.errors import (
    QT_TRANSLATE_NOOP,
    DataError,
    DivergenceError,
    FnnsimError,
    Message,
    fields_of,
    same_fields,
    user_text,
)

CATALOGUE = {
    "{file}, line {line}": "{file}，第 {line} 行",
    "{where}: {problem}": "{where}：{problem}",
    "{file}: file not found": "{file}：找不到文件",
    "{file}: no column {name!r}": "{file}：没有 {nam!r} 列",  # a misspelt field
}


def translate(context: str, text: str) -> str:
    assert context == "Errors"
    return CATALOGUE.get(text, text)


def test_a_message_is_english_text_until_translated():
    exc = DataError(QT_TRANSLATE_NOOP("Errors", "{file}: file not found"), file="a.csv")
    assert str(exc) == user_text(exc) == "a.csv: file not found"
    assert user_text(exc, translate) == "a.csv：找不到文件"
    assert isinstance(exc, ValueError) and exc.message.fields == {"file": "a.csv"}


def test_fields_holding_messages_or_errors_are_translated_too():
    where = Message(QT_TRANSLATE_NOOP("Errors", "{file}, line {line}"), file="a.csv", line=3)
    inner = DataError(QT_TRANSLATE_NOOP("Errors", "{file}: file not found"), file="b.csv")
    exc = DataError(QT_TRANSLATE_NOOP("Errors", "{where}: {problem}"), where=where,
                    problem=inner)
    assert str(exc) == "a.csv, line 3: b.csv: file not found"
    assert user_text(exc, translate) == "a.csv，第 3 行：b.csv：找不到文件"


def test_a_translation_that_lost_a_field_falls_back_to_english():
    exc = DataError("{file}: no column {name!r}", file="a.csv", name="x")
    assert user_text(exc, translate) == "a.csv: no column 'x'"


def test_text_without_fields_keeps_its_braces():
    assert str(FnnsimError("use {curly} braces")) == "use {curly} braces"
    assert user_text(FnnsimError("not in the catalogue"), translate) == "not in the catalogue"


def test_other_exceptions_are_shown_as_they_are():
    assert user_text(OSError("disk full"), translate) == "disk full"


def test_fields_go_into_the_message_or_beside_the_template_not_both():
    with pytest.raises(TypeError):
        DataError(Message("{a}", a=1), a=2)
    assert str(DataError(Message("{a}", a=1))) == "1"


def test_a_divergence_carries_where_it_happened():
    exc = DivergenceError("at epoch {epoch}, sample {sample}", epoch=2, sample=7)
    assert (exc.epoch, exc.sample, str(exc)) == (2, 7, "at epoch 2, sample 7")
    assert DivergenceError("somewhere").epoch is None


def test_fields_are_compared_by_name_spec_and_conversion_in_any_order():
    assert fields_of("{b:.3g} {a!r}") == [("a", "", "r"), ("b", ".3g", None)]
    assert same_fields("{a} then {b}", "{b}，然后 {a}")
    assert not same_fields("{a!r}", "{a}")
    assert not same_fields("{a}", "{a")  # unbalanced: never used


def test_another_user_error_passes_on_its_message():
    inner = DataError(QT_TRANSLATE_NOOP("Errors", "{file}: file not found"), file="a.csv")
    outer = FnnsimError(inner)
    assert outer.message is inner.message and user_text(outer, translate) == "a.csv：找不到文件"
    assert str(FnnsimError(OSError("disk full"))) == "disk full"


def test_a_file_error_names_the_file_and_a_translatable_reason():
    denied = PermissionError(errno.EACCES, "Permission denied", "/tmp/w.npz")
    assert user_text(denied) == "/tmp/w.npz: permission denied"
    catalogue = {"{file}: {reason}": "{file}：{reason}", "permission denied": "权限不足"}
    assert user_text(denied, lambda _, t: catalogue.get(t, t)) == "/tmp/w.npz：权限不足"
    odd = OSError(errno.EIO, "Input/output error", "/tmp/w.npz")
    assert user_text(odd, translate) == str(odd)  # a rare one as Python words it
    assert user_text(OSError(errno.ENOSPC, "No space left on device")) == \
        "no space left on the disk"
    assert user_text(OSError("a message of its own")) == "a message of its own"


def test_a_file_error_inside_a_message_gives_its_reason_in_words(tmp_path, monkeypatch):
    from fnnsim.config import load_config

    path = tmp_path / "c.json"

    def denied(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(type(path), "read_text", denied)
    with pytest.raises(FnnsimError) as raised:
        load_config(path)
    assert str(raised.value) == f"{path}: cannot read: permission denied"
    catalogue = {"{file}: cannot read: {reason}": "{file}：无法读取：{reason}",
                 "permission denied": "没有权限"}
    assert user_text(raised.value, lambda _, t: catalogue.get(t, t)) == \
        f"{path}：无法读取：没有权限"
    odd = DataError("{file}: {reason}", file="a", reason=OSError(errno.EIO, "I/O error"))
    assert str(odd) == "a: I/O error"  # a rare reason as the system words it
