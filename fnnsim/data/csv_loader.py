"""Loading a learner's own data from a CSV file.

A bad file is the most common user error in the whole application, so every problem is a
single-line `DataError` that says where it is, as a text editor would show it:
`data.csv, line 7, column 'x2': not a number: 'abc'`. Lines are 1-based physical lines of
the file (a record with a quoted line break is reported at the line where it starts).

Format: UTF-8 (with or without a BOM), comma-separated, a header row first, quoting as the
`csv` module understands it (Excel's dialect; spaces may precede a quote). Cells are
stripped of surrounding whitespace; blank lines, and rows whose cells are all empty
(spreadsheets export those), are skipped.
The whole file is read into memory: fnnsim's data sets are small.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
from collections.abc import Iterator, Sequence
from os import PathLike
from pathlib import Path
from typing import NoReturn

import numpy as np

from fnnsim.data.dataset import CLASSIFICATION, REGRESSION, Dataset
from fnnsim.errors import QT_TRANSLATE_NOOP, DataError, Message

TASK_CHOICES = ("auto", CLASSIFICATION, REGRESSION)
# task="auto": an all-integer target with at most this many distinct values is a class label.
MAX_AUTO_CLASSES = 20
_SHOW_CHARS = 40  # longest cell value quoted in full in a message

PathArg = str | PathLike[str]

_EMPTY_CELL = QT_TRANSLATE_NOOP("Errors", "empty cell")
_NOT_A_NUMBER = QT_TRANSLATE_NOOP("Errors", "not a number: {value}")
_NOT_FINITE = QT_TRANSLATE_NOOP("Errors", "not a finite number: {value}")


def read_csv_header(path: PathArg) -> list[str]:
    """The column names of a CSV file (stripped), for a column chooser.

    Checks the header as `load_csv` would (empty, duplicate names, fewer than 2 columns)
    but not the data rows. Raises DataError.
    """
    name, text = _read_text(path)
    _line, header = _parse_header(name, _records(name, text))
    return header


def load_csv(
    path: PathArg,
    target: str | None = None,
    features: Sequence[str] | None = None,
    task: str = "auto",
) -> Dataset:
    """Read a Dataset from a CSV file with a header row.

    `target` names the target column (None: the last column); `features` the input columns
    in the order wanted (None: every other column). `task`:
    - "classification": labels may be integers (classes sorted numerically) or any strings
      (sorted as strings); `class_names` keeps the label text (integers as `str(int)`).
      A numeric target with a non-integer value is an error.
    - "regression": the target must be finite numbers; `y` has shape (n, 1).
    - "auto": a non-numeric target → classification; an all-integer target (values such
      as 3 or 3.0) with at most MAX_AUTO_CLASSES distinct values → classification; else
      regression.
    Raises DataError naming the file, line and column of the first problem found.
    """
    if task not in TASK_CHOICES:
        raise DataError(QT_TRANSLATE_NOOP("Errors", "task must be one of {valid}; got {value!r}"),
                        valid=", ".join(TASK_CHOICES), value=task)
    name, text = _read_text(path)
    records = _records(name, text)
    header_line, header = _parse_header(name, records)
    target_col, feature_cols = _select_columns(name, header_line, header, target, features)
    rows: list[list[float]] = []
    labels: list[str] = []
    lines: list[int] = []
    for line, cells in records:
        if len(cells) != len(header):
            _fail(name, Message(QT_TRANSLATE_NOOP(
                "Errors", "expected {expected} cells (one per header column), found {found}"),
                expected=len(header), found=len(cells)), line)
        rows.append([_number(name, line, header[j], cells[j]) for j in feature_cols])
        if not cells[target_col]:
            _fail(name, Message(_EMPTY_CELL), line, header[target_col])
        labels.append(cells[target_col])
        lines.append(line)
    if not rows:
        _fail(name, Message(QT_TRANSLATE_NOOP("Errors", "no data rows after the header")),
              header_line)
    if len(rows) < 2:
        _fail(name, Message(QT_TRANSLATE_NOOP("Errors", "only 1 data row; at least 2 are needed")),
              lines[0])
    X = np.array(rows, dtype=np.float64).reshape(len(rows), len(feature_cols))
    feature_names = tuple(header[j] for j in feature_cols)
    target_name = header[target_col]
    y, class_names = _parse_target(name, target_name, labels, lines, task)
    resolved = CLASSIFICATION if class_names else REGRESSION
    return Dataset(X, y, resolved, feature_names, (target_name,), class_names, name)


def _fail(
    name: str, problem: Message, line: int | None = None, column: str | None = None
) -> NoReturn:
    """Raise the one-line DataError `file, line N, column 'c': problem`."""
    where: str | Message = name
    if line is not None and column is not None:
        where = Message(QT_TRANSLATE_NOOP("Errors", "{file}, line {line}, column {column}"),
                        file=name, line=line, column=_show(column))
    elif line is not None:
        where = Message(QT_TRANSLATE_NOOP("Errors", "{file}, line {line}"), file=name, line=line)
    elif column is not None:
        where = Message(QT_TRANSLATE_NOOP("Errors", "{file}, column {column}"),
                        file=name, column=_show(column))
    raise DataError(QT_TRANSLATE_NOOP("Errors", "{where}: {problem}"), where=where, problem=problem)


def _show(text: str) -> str:
    """`text` quoted on one line (repr escapes line breaks), shortened if long."""
    if len(text) > _SHOW_CHARS:
        text = text[: _SHOW_CHARS - 3] + "..."
    return repr(text)


def _read_text(path: PathArg) -> tuple[str, str]:
    """(the file's name for messages, its text decoded as UTF-8 without the BOM)."""
    p = Path(path)
    name = p.name or str(p)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise DataError(QT_TRANSLATE_NOOP("Errors", "{file}: file not found"), file=p) from None
    except IsADirectoryError:
        raise DataError(QT_TRANSLATE_NOOP("Errors", "{file}: is a folder, not a CSV file"),
                        file=p) from None
    except PermissionError:
        raise DataError(QT_TRANSLATE_NOOP("Errors", "{file}: permission denied"), file=p) from None
    except OSError as exc:
        raise DataError(QT_TRANSLATE_NOOP("Errors", "{file}: cannot read the file: {reason}"),
                        file=p, reason=exc) from None
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return name, raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        _fail(name, Message(QT_TRANSLATE_NOOP(
            "Errors", "not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8"),
            byte=raw[exc.start]), line)


def _records(name: str, text: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, stripped cells) for each non-blank record."""
    # skipinitialspace: `1, "a, b"` is a quoted cell after a space, as people write it by hand.
    reader = csv.reader(io.StringIO(text, newline=""), skipinitialspace=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            _fail(name, Message(QT_TRANSLATE_NOOP("Errors", "cannot parse the CSV: {reason}"),
                                reason=str(exc)), start)
        cells = [cell.strip() for cell in row]
        if any(cells):
            yield start, cells


def _parse_header(name: str, records: Iterator[tuple[int, list[str]]]) -> tuple[int, list[str]]:
    """The first record as column names: at least 2, none empty, no duplicates."""
    first = next(records, None)
    if first is None:
        _fail(name, Message(QT_TRANSLATE_NOOP("Errors", "the file is empty")))
    line, header = first
    seen: set[str] = set()
    for position, column in enumerate(header, start=1):
        if not column:
            _fail(name, Message(QT_TRANSLATE_NOOP(
                "Errors", "column {position} of the header has no name"), position=position), line)
        if column in seen:
            _fail(name, Message(QT_TRANSLATE_NOOP("Errors", "duplicate column name in the header")),
                  line, column)
        seen.add(column)
    if len(header) < 2:
        _fail(name, Message(QT_TRANSLATE_NOOP(
            "Errors", "the header has 1 column ({name}); at least 2 are needed "
            "(features and a target). Is the file comma-separated?"), name=_show(header[0])), line)
    return line, header


_NO_TARGET_COLUMN = QT_TRANSLATE_NOOP(
    "Errors", "target column {name} is not in the header; available columns: {available}")
_NO_FEATURE_COLUMN = QT_TRANSLATE_NOOP(
    "Errors", "feature column {name} is not in the header; available columns: {available}")


def _select_columns(
    name: str,
    line: int,
    header: list[str],
    target: str | None,
    features: Sequence[str] | None,
) -> tuple[int, list[int]]:
    """Positions of the target column and of the feature columns (in the order asked)."""
    available = ", ".join(_show(c) for c in header)

    def position(column: object, missing: str) -> int:
        """The position of `column`; `missing` is the template saying it is not there."""
        key = column.strip() if isinstance(column, str) else column
        if key not in header:
            _fail(name, Message(missing, name=_show(str(column)), available=available), line)
        return header.index(key)

    target_col = len(header) - 1 if target is None else position(target, _NO_TARGET_COLUMN)
    if features is None:
        return target_col, [j for j in range(len(header)) if j != target_col]
    if isinstance(features, str):
        raise DataError(QT_TRANSLATE_NOOP(
            "Errors", "features must be a list of column names, not the string {value!r}"),
            value=features)
    feature_cols = [position(column, _NO_FEATURE_COLUMN) for column in features]
    if not feature_cols:
        raise DataError(QT_TRANSLATE_NOOP("Errors", "{file}: no feature columns selected"),
                        file=name)
    if target_col in feature_cols:
        _fail(name, Message(QT_TRANSLATE_NOOP(
            "Errors", "the target column cannot also be a feature")), line, header[target_col])
    if len(set(feature_cols)) != len(feature_cols):
        repeated = next(j for j in feature_cols if feature_cols.count(j) > 1)
        _fail(name, Message(QT_TRANSLATE_NOOP("Errors", "feature column selected twice")),
              line, header[repeated])
    return target_col, feature_cols


def _number(name: str, line: int, column: str, cell: str) -> float:
    """A finite float from a feature (or regression target) cell, or a DataError."""
    if not cell:
        _fail(name, Message(_EMPTY_CELL), line, column)
    try:
        value = float(cell)
    except ValueError:
        _fail(name, Message(_NOT_A_NUMBER, value=_show(cell)), line, column)
    if not math.isfinite(value):
        _fail(name, Message(_NOT_FINITE, value=_show(cell)), line, column)
    return value


def _parse_target(
    name: str, column: str, cells: list[str], lines: list[int], task: str
) -> tuple[np.ndarray, tuple[str, ...]]:
    """(y, class_names): class_names is () when the target is read as a regression target."""
    first_text = next((i for i, cell in enumerate(cells) if not _is_number(cell)), None)
    if first_text is not None:
        if task == REGRESSION:
            _fail(name, Message(QT_TRANSLATE_NOOP(
                "Errors", "not a number: {value}; a regression target must be numeric"),
                value=_show(cells[first_text])), lines[first_text], column)
        return _classes(name, column, cells)
    values = [float(cell) for cell in cells]
    for cell, value, line in zip(cells, values, lines, strict=True):
        if not math.isfinite(value):
            _fail(name, Message(_NOT_FINITE, value=_show(cell)), line, column)
    fraction = next((i for i, value in enumerate(values) if not value.is_integer()), None)
    many = len(set(values)) > MAX_AUTO_CLASSES
    if task == REGRESSION or (task == "auto" and (fraction is not None or many)):
        return np.array(values, dtype=np.float64).reshape(-1, 1), ()
    if fraction is not None:
        _fail(name, Message(QT_TRANSLATE_NOOP(
            "Errors", "class labels must be integers or text, found {value}; "
            "use task 'regression' for a numeric target"), value=_show(cells[fraction])),
            lines[fraction], column)
    labels = [_as_int(cell, value) for cell, value in zip(cells, values, strict=True)]
    return _classes(name, column, labels)


def _classes(
    name: str, column: str, keys: list[int] | list[str]
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Labels 0..K-1 for `keys` in sorted order (numeric for ints, else by text)."""
    classes = sorted(set(keys))
    if len(classes) < 2:
        _fail(name, Message(QT_TRANSLATE_NOOP(
            "Errors", "the target has a single class ({value}); classification needs at least 2"),
            value=_show(str(classes[0]))), column=column)
    index = {key: i for i, key in enumerate(classes)}
    y = np.array([index[key] for key in keys], dtype=np.int64)
    return y, tuple(str(key) for key in classes)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _as_int(cell: str, value: float) -> int:
    """The integer a label cell means: exact for '12', by value for '12.0' or '1e3'."""
    try:
        return int(cell)
    except ValueError:
        return int(value)
