"""The widgets that show one phase's quantities: tables, captions, summaries, scalars.

Layout for a narrow dock: scalars one per line; consecutive arrays of one shape side by
side, as many as fit, re-flowed when the dock is resized. Vectors are columns, as in the
note, so the rows of z⁽ˡ⁾ and δ⁽ˡ⁾ — node n of the same layer — line up and ⊙ reads across;
in the update phase W before, ΔW and W after sit next to each other when they fit.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fnnsim.ui.inspector.array_model import ArrayModel, compact, summary
from fnnsim.ui.inspector.quantities import Quantity
from fnnsim.ui.look import muted

ACCENT = "#6a3d9a"  # frames and marks what a phase produced
MAX_VISIBLE_ROWS = 10  # taller tables scroll
ROW_HEIGHT = 22
MIN_CARD, WIDE_CARD, MAX_CARD = 96, 200, 360  # card widths (px): least, "wide", most


# A bare `translate("Context", "text")` is what pyside6-lupdate extracts.
translate = QCoreApplication.translate


def caption_html(q: Quantity) -> str:
    """The quantity's caption, with a "new" mark on what this phase produced."""
    if not q.output:
        return q.caption
    mark = translate("StepInspector", "new")
    return (f"<b>{q.caption}</b> <span style='background:{ACCENT}; color:white'>"
            f"&nbsp;{mark}&nbsp;</span>")


class LowScrollArea(QScrollArea):
    """A frameless, resizable scroll area that may shrink to `lines` lines of text: the
    step inspector's parts then never raise its dock's minimum height, which would
    stretch the window past the screen; what does not fit scrolls."""

    def __init__(self, lines: int = 1) -> None:
        super().__init__()
        self.lines = lines
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(),
                     self.lines * self.fontMetrics().lineSpacing() + 4)


def small_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {muted()}; font-size: small;")
    return label


class ArrayView(QTableView):
    """A read-only, non-focusable table sized to its (bounded) contents."""

    def __init__(self, model: ArrayModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the inspector's actions
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_HEIGHT)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if model.full.ndim <= 1:
            self.horizontalHeader().hide()
        self.resizeColumnsToContents()
        if model.emphasised:
            self.setStyleSheet(f"QTableView {{ border: 2px solid {ACCENT}; }}")
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._fit_height()

    def content_width(self) -> int:
        """Width that shows every (bounded) column without a horizontal scroll bar."""
        columns = sum(self.columnWidth(c) for c in range(self.model().columnCount()))
        bar = (self.verticalScrollBar().sizeHint().width()
               if self.model().rowCount() > MAX_VISIBLE_ROWS else 0)
        return self.verticalHeader().sizeHint().width() + columns + bar + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        return QSize(self.content_width(), self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.content_width(), 120), self.height())

    def _fit_height(self) -> None:
        rows = min(self.model().rowCount(), MAX_VISIBLE_ROWS)
        header = self.horizontalHeader()
        height = rows * ROW_HEIGHT + 2 * self.frameWidth()
        height += header.sizeHint().height() if not header.isHidden() else 0
        if self.width() < self.content_width():
            height += self.horizontalScrollBar().sizeHint().height()
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()  # room for a horizontal scroll bar only when it is needed


def scalar_label(q: Quantity) -> QLabel:
    """`name = value — words` on one line; the exact value in the tooltip and properties."""
    value = float(q.value)  # type: ignore[arg-type]
    symbol, _, words = q.caption.partition(" <span")
    text = f"{symbol} = {compact(value)}"
    text = f"<b>{text}</b>" if q.output else text
    label = QLabel(text + (f" <span{words}" if words else ""))
    label.setWordWrap(True)
    label.setToolTip(f"{q.key} = {value!r}")
    label.setProperty("quantity", q.key)
    label.setProperty("value", value)
    return label


class ArrayRow(QWidget):
    """Arrays of one shape side by side (caption / table / summary), as many as fit.

    Cards share one width and grid rows, so tables start at the same height and node n of
    one vector sits beside node n of the next. A lone card has a full-width caption and,
    if its table is small, the summary beside it; wide tables scroll inside their card.
    """

    def __init__(self, items: list[Quantity], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        # the row may be narrower than its current arrangement: it re-flows on resize
        self.grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(2)
        views = [ArrayView(ArrayModel(q.key, np.asarray(q.value), q.output)) for q in items]
        self.card_width = min(max(MIN_CARD, *(v.content_width() for v in views)), MAX_CARD)
        narrow = self.card_width < WIDE_CARD
        self.cards: list[tuple[QLabel, ArrayView, QLabel]] = []
        for q, view in zip(items, views, strict=True):
            view.setProperty("quantity", q.key)
            caption = QLabel(caption_html(q))
            caption.setWordWrap(True)
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            text = summary(np.asarray(q.value))
            info = small_label(text.replace(" · ", "<br>") if narrow else text)
            info.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            if len(items) > 1:  # wrap within the card; the table decides the column's width
                caption.setMaximumWidth(self.card_width)
                info.setMaximumWidth(self.card_width)
            self.cards.append((caption, view, info))
        self.per_row = 0
        if len(self.cards) == 1:
            self._place_lone(narrow)
        else:
            self._reflow(len(self.cards))

    def _place_lone(self, beside: bool) -> None:
        caption, view, info = self.cards[0]
        top = Qt.AlignmentFlag.AlignTop
        self.grid.addWidget(caption, 0, 0, 1, 2)
        self.grid.addWidget(view, 1, 0, top | Qt.AlignmentFlag.AlignLeft)
        if beside:
            self.grid.addWidget(info, 1, 1, top)
        else:
            self.grid.addWidget(info, 2, 0, 1, 2, top)
        self.grid.setColumnStretch(1, 1)
        self.per_row = 1

    def _reflow(self, per_row: int) -> None:
        per_row = max(1, min(per_row, len(self.cards)))
        if per_row == self.per_row:
            return
        self.per_row = per_row
        for widgets in self.cards:
            for w in widgets:
                self.grid.removeWidget(w)
        top = Qt.AlignmentFlag.AlignTop
        for i, (caption, view, info) in enumerate(self.cards):
            row, column = 3 * (i // per_row), i % per_row
            self.grid.addWidget(caption, row, column)
            self.grid.addWidget(view, row + 1, column, top | Qt.AlignmentFlag.AlignLeft)
            self.grid.addWidget(info, row + 2, column, top)
        for column in range(len(self.cards) + 1):
            self.grid.setColumnStretch(column, 1 if column == per_row else 0)

    def minimumSizeHint(self) -> QSize:
        """One card's width at most: narrower, the tables scroll inside their cards."""
        return QSize(min(self.card_width, MIN_CARD), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        spacing = self.grid.horizontalSpacing()
        self._reflow((event.size().width() + spacing) // (self.card_width + spacing))


class PhasePage(QWidget):
    """One phase: a sentence on what it does, then its quantities in reading order."""

    def __init__(self, items: list[Quantity], intro: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 0, 4, 4)
        box.setSpacing(10)
        if intro:  # what the phase does, in words
            box.addWidget(small_label(intro))
        run: list[Quantity] = []  # consecutive arrays of one shape, shown side by side

        def flush() -> None:
            if run:
                box.addWidget(ArrayRow(list(run)))
                run.clear()

        for q in items:
            if run and np.shape(q.value) != np.shape(run[0].value):
                flush()
            if np.ndim(q.value) == 0:
                box.addWidget(scalar_label(q))
            else:
                run.append(q)
        flush()
        box.addStretch(1)
