"""A read-only table model over one NumPy array of a step trace.

Why a model and not a QTableWidget: a 512-unit layer has hundreds of thousands of weights,
and building an item per cell would freeze the window. The model shows at most
`MAX_CELLS` × `MAX_CELLS` cells of the array the engine produced (the rest is summed up in
a summary line), formats them compactly, colours them by sign and magnitude, and hands out
the exact float through `VALUE_ROLE` so tests (and tooltips) see full precision.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

MAX_CELLS = 32  # rows and columns shown at most; the summary line covers the rest
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the exact float of a cell
NEGATIVE = QColor("#2c7bb6")  # blue
POSITIVE = QColor("#f07f16")  # orange
NON_FINITE = QColor("#b0b0b0")
MAX_TINT = 0.8  # the largest |v| gets this much colour over white; text stays readable

Index = QModelIndex | QPersistentModelIndex


# A bare `translate("Context", "text")` is what pyside6-lupdate extracts.
translate = QCoreApplication.translate


def compact(value: float) -> str:
    """`%.4g` with a real minus sign: 0.1235, −1.2e-05, 512."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:.4g}".replace("-", "−")


def as_matrix(value: np.ndarray) -> np.ndarray:
    """A vector becomes a column (the note's vectors are columns); a matrix stays."""
    array = np.asarray(value, dtype=np.float64)
    return array.reshape(-1, 1) if array.ndim <= 1 else array


def magnitude_scale(array: np.ndarray) -> float:
    """The largest finite |v| (1.0 if there is none), against which cells are tinted."""
    finite = np.abs(array[np.isfinite(array)])
    largest = float(finite.max()) if finite.size else 0.0
    return largest if largest > 0 else 1.0


def cell_colour(value: float, scale: float) -> QColor:
    """White blended towards blue (negative) or orange (positive) by |v| / scale."""
    if not math.isfinite(value):
        return NON_FINITE
    if value == 0.0:
        return QColor(Qt.GlobalColor.white)
    tint = MAX_TINT * min(1.0, abs(value) / scale) ** 0.5  # √: small entries stay visible
    base = POSITIVE if value > 0 else NEGATIVE
    mix = [round(255 + (c - 255) * tint) for c in (base.red(), base.green(), base.blue())]
    return QColor(*mix)


def summary(value: np.ndarray) -> str:
    """Shape, min, max and Euclidean (Frobenius) norm of the whole array, and how much of
    it the table shows."""
    array = np.asarray(value, dtype=np.float64)
    shape = "×".join(str(n) for n in as_matrix(array).shape) if array.ndim else "1"
    finite = array[np.isfinite(array)]
    if finite.size:
        low, high = compact(float(finite.min())), compact(float(finite.max()))
        largest = float(np.max(np.abs(finite)))  # scaled, so 1e200 entries don't overflow
        norm = compact(largest * float(np.sqrt(np.sum((finite / largest) ** 2)))
                       if largest > 0 else 0.0)
    else:
        low = high = norm = "—"
    text = translate(
        "StepInspector", "{0} · min {1} · max {2} · ‖·‖ {3}").format(shape, low, high, norm)
    if finite.size < array.size:
        text += " · " + translate(
            "StepInspector", "{0} not finite").format(array.size - finite.size)
    rows, columns = as_matrix(array).shape
    if rows > MAX_CELLS or columns > MAX_CELLS:
        text += " · " + translate("StepInspector", "first {0}×{1} shown").format(
            min(rows, MAX_CELLS), min(columns, MAX_CELLS))
    return text


class ArrayModel(QAbstractTableModel):
    """The first MAX_CELLS × MAX_CELLS entries of `value`, 1-based headers (node n, m)."""

    def __init__(self, name: str, value: np.ndarray, emphasised: bool = False) -> None:
        super().__init__()
        self.name = name  # the quantity's plain name, e.g. "δ^(2)"
        self.full = np.asarray(value, dtype=np.float64)  # the engine's array, as given
        self.array = as_matrix(self.full)
        self.scale = magnitude_scale(self.array)
        self.emphasised = emphasised

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else min(self.array.shape[0], MAX_CELLS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else min(self.array.shape[1], MAX_CELLS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        value = float(self.array[index.row(), index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return compact(value)
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.BackgroundRole:
            return cell_colour(value, self.scale)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(Qt.GlobalColor.black)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.emphasised:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            where = (f"[{index.row() + 1}]" if self.full.ndim <= 1
                     else f"[{index.row() + 1}, {index.column() + 1}]")
            return f"{self.name}{where} = {value!r}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and self.full.ndim <= 1:
            return ""  # a column vector: the caption names it
        return str(section + 1)
