"""Errors a user can cause, and their messages in the learner's language.

Every exception here is a *user* error: the GUI shows its message in a dialog and the CLI
prints it on one line with a non-zero exit code. Programming errors stay ordinary
exceptions (and tracebacks).

A message is an English template with named fields, marked for Qt's translation tools:

    raise DataError(QT_TRANSLATE_NOOP("Errors", "{file}: file not found"), file=name)

`str(exc)` is the English text (the CLI, logs, tests); the window shows
`user_text(exc, QCoreApplication.translate)`, the same template in the UI's language with
the same values. A field may hold another `Message` (or a user error): it is translated
too, so a message can be built from parts. This module stays Qt-free: Qt's `lupdate`
finds the templates by the marker's name, and the translating function is passed in.
"""

from __future__ import annotations

import errno
import string
from collections.abc import Callable, Mapping

CONTEXT = "Errors"  # the translation context of every template

Translate = Callable[[str, str], str]  # (context, English text) -> text in the UI language


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for translation without importing Qt: it is translated when shown."""
    return text


class Message:
    """An English template and its field values; rendered in English or translated."""

    __slots__ = ("fields", "template")

    def __init__(self, template: str, /, **fields: object) -> None:
        self.template, self.fields = template, fields

    def render(self, translate: Translate | None = None) -> str:
        values = {k: _render(v, translate) for k, v in self.fields.items()}
        if translate is not None:
            translated = translate(CONTEXT, self.template)
            if translated != self.template and same_fields(translated, self.template):
                return _format(translated, values)
        return _format(self.template, values)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.fields!r})"


def _render(value: object, translate: Translate | None) -> object:
    if isinstance(value, FnnsimError):
        value = value.message
    elif isinstance(value, OSError):  # a field holding a file error: its reason in words
        value = os_reason(value)
    return value.render(translate) if isinstance(value, Message) else value


def _format(template: str, values: Mapping[str, object]) -> str:
    # a template without fields is plain text: braces in it are literal
    return template.format(**values) if values else template


def fields_of(template: str) -> list[tuple[str, str, str | None]]:
    """The (name, format spec, conversion) of each field, sorted: what a translation must
    keep (it may reorder them)."""
    return sorted((name, spec or "", conversion)
                  for _, name, spec, conversion in string.Formatter().parse(template)
                  if name is not None)


def same_fields(a: str, b: str) -> bool:
    """Whether two templates have the same fields (a translation that lost or misspelt one
    would raise or show a hole; the English one is shown instead)."""
    try:
        return fields_of(a) == fields_of(b)
    except ValueError:  # unbalanced braces
        return False


# the reasons a file cannot be written or read that a learner meets (Python's strerror
# texts are English); any other is shown as Python words it
OS_REASONS = {
    errno.ENOENT: QT_TRANSLATE_NOOP("Errors", "no such file or folder"),
    errno.EACCES: QT_TRANSLATE_NOOP("Errors", "permission denied"),
    errno.EPERM: QT_TRANSLATE_NOOP("Errors", "permission denied"),
    errno.ENOSPC: QT_TRANSLATE_NOOP("Errors", "no space left on the disk"),
    errno.EROFS: QT_TRANSLATE_NOOP("Errors", "the disk is read-only"),
    errno.EISDIR: QT_TRANSLATE_NOOP("Errors", "it is a folder"),
    errno.ENOTDIR: QT_TRANSLATE_NOOP("Errors", "a part of the path is not a folder"),
    errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("Errors", "the name is too long"),
}


def os_reason(exc: OSError) -> Message | str:
    """Why a file could not be read or written: translatable when one of OS_REASONS, else
    as the system says it (the file's name left out: the message around it names it)."""
    if exc.errno in OS_REASONS:
        template = OS_REASONS[exc.errno]
        return Message(template)
    return exc.strerror or str(exc)


def os_error_message(exc: OSError) -> Message | None:
    """A file error as "file: reason" when its reason is one of OS_REASONS, else None."""
    if exc.errno not in OS_REASONS:
        return None
    reason = os_reason(exc)
    if exc.filename is None:
        return reason
    return Message(QT_TRANSLATE_NOOP("Errors", "{file}: {reason}"), file=exc.filename,
                   reason=reason)


def user_text(exc: BaseException, translate: Translate | None = None) -> str:
    """The one-line message of `exc` for the learner: a user error's or a file error's in
    the UI's language (given Qt's translate), any other exception's as it is."""
    if isinstance(exc, FnnsimError):
        return exc.message.render(translate)
    message = os_error_message(exc) if isinstance(exc, OSError) else None
    return str(exc) if message is None else message.render(translate)


class FnnsimError(Exception):
    """Base class of every error a user can cause (bad value, bad file, divergence).

    Raised with a marked template and its fields, or with a ready `Message` (or another
    user error, whose message it takes)."""

    def __init__(self, message: str | Message, /, **fields: object) -> None:
        if isinstance(message, FnnsimError):  # re-raised as another kind: same message
            message = message.message
        if isinstance(message, Message):
            if fields:
                raise TypeError("fields go into the Message, not beside it")
        else:
            template = str(message)  # marked by the caller (tests/test_error_messages.py)
            message = Message(template, **fields)
        self.message = message
        super().__init__(message.render())


class ConfigError(FnnsimError, ValueError):
    """An experiment configuration is invalid (bad value, unknown key, wrong type)."""


class DataError(FnnsimError, ValueError):
    """A data set cannot be built or read (bad CSV, bad generator parameters)."""


class WeightsError(FnnsimError, ValueError):
    """Given weights do not fit the network (missing array, wrong shape)."""


class DivergenceError(FnnsimError, ArithmeticError):
    """Training produced a non-finite loss or weight; the last finite weights are kept.

    Its fields `epoch` and `sample` (1-based) say where, when the run loop knows."""

    @property
    def epoch(self) -> int | None:
        return self.message.fields.get("epoch")  # type: ignore[return-value]

    @property
    def sample(self) -> int | None:
        return self.message.fields.get("sample")  # type: ignore[return-value]


class SessionError(FnnsimError, ValueError):
    """A session file cannot be read (not a session, damaged, wrong version, inconsistent)
    or written."""
