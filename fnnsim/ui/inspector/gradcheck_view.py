"""The gradient check's verdict: per layer, backprop against central differences.

A learner who doubts (4.60)–(4.63) can see, on their own network and the next sample, that
the gradients backprop computes agree with differences of the loss to better than
`THRESHOLD` — and a broken activation derivative would show up here in red. The criterion
and why it can be trusted are in fnnsim/engine/gradcheck.py.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fnnsim.engine.gradcheck import SAMPLED_BIASES, SAMPLED_WEIGHTS, STEP, THRESHOLD
from fnnsim.training.qt_controller import GradientCheckReport
from fnnsim.ui.inspector.views import LowScrollArea, small_label
from fnnsim.ui.look import muted, readable

PASS_COLOUR = "#1b7f3b"
FAIL_COLOUR = "#b00020"


class GradientCheckPanel(QFrame):
    """A small grid: layer, max relative difference for W and for b, parameters checked,
    pass or fail; a note on kinks and on gradients too small to check."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.close_button = close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide the gradient check"))
        close.clicked.connect(self.clear)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        table = QWidget()
        column = QVBoxLayout(table)
        column.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(1)
        self.note = small_label()  # kinks, gradients below the rounding
        column.addLayout(self.grid)
        column.addWidget(self.note)
        column.addStretch(1)
        # a deep net's 64 rows scroll rather than stretch the dock
        self.table = LowScrollArea()
        self.table.setWidget(table)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 4, 6, 4)
        box.setSpacing(2)
        box.addLayout(head)
        box.addWidget(self.table)
        self.rows: list[QLabel] = []  # verdict labels, one per layer (for tests and a11y)
        self.report: GradientCheckReport | None = None  # the one shown
        self.hide()

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.rows = []
        self.note.hide()
        self.table.hide()

    def show_pending(self) -> None:
        """Say a check is on its way (a big net takes a few seconds)."""
        self._clear()
        self.report = None
        self.title.setText(self.tr("<b>Gradient check</b> · checking the next sample…"))
        self.title.setToolTip("")
        self.show()

    def clear(self) -> None:
        """Hide the panel and forget the report (the network it was about is gone)."""
        self._clear()
        self.report = None
        self.hide()

    def show_report(self, report: GradientCheckReport) -> None:
        """Replace the table with this report's layers and show the panel."""
        self._clear()
        self.report = report
        conclusive = [c for c in report.checks if c.conclusive]
        if not conclusive:
            verdict = self.tr("inconclusive")
        elif all(c.passed for c in conclusive):
            verdict = self.tr("passed")
        else:
            verdict = self.tr("FAILED")
        title = self.tr("<b>Gradient check {0}</b> · training row #{1}").format(
            verdict, report.sample_index + 1)
        if (report.weights_per_layer, report.biases_per_layer) < (SAMPLED_WEIGHTS,
                                                                  SAMPLED_BIASES):
            # said at the top, not under a deep net's rows
            title += "<br><small>" + self.tr(
                "A network this large samples {0} weights and {1} biases per layer (not "
                "{2} and {3}), so that the check takes seconds, not minutes.").format(
                    report.weights_per_layer, report.biases_per_layer, SAMPLED_WEIGHTS,
                    SAMPLED_BIASES) + "</small>"
        self.title.setText(title)
        self.title.setToolTip(self.tr(
            "On the next sample, per layer (every parameter of a small layer, a seeded "
            "sample of {0} weights and {1} biases of a big one): the largest relative "
            "difference |g − ĝ| / max(|g|, |ĝ|, floor) between backprop's gradient g "
            "(4.62), (4.63) and central differences ĝ = [8(L(θ + h) − L(θ − h)) − "
            "(L(θ + 2h) − L(θ − 2h))] / 12h, h = {2:.1e}·max(1, |θ|). Float64 rounding "
            "makes ĝ uncertain by about {3:g} × floor, so gradients below the floor "
            "({4:.1e} on this sample) are compared absolutely. Below {3:g} passes.").format(
                report.weights_per_layer, report.biases_per_layer, STEP, THRESHOLD,
                report.floor))
        headers = (self.tr("layer"), self.tr("W: max rel. diff"), self.tr("b: max rel. diff"),
                   self.tr("checked"), self.tr("< {0:g}").format(THRESHOLD))
        for column, text in enumerate(headers):
            self.grid.addWidget(QLabel(f"<i>{text}</i>"), 0, column)
        for row, check in enumerate(report.checks, start=1):
            self._add_row(row, check)
        self.grid.setColumnStretch(5, 1)
        notes = []
        kinks = sum(c.kinks for c in report.checks)
        if kinks:
            notes.append(self.tr(
                "{0} sampled parameters left out: there θ ± 2h moves a ReLU unit across its "
                "kink at z = 0, where the difference mixes two slopes and backprop rightly "
                "takes one.").format(kinks))
        if len(conclusive) < len(report.checks):
            notes.append(self.tr(
                "too small: every checked gradient of the layer is within the rounding "
                "error of the difference, so no check can tell (e.g. a sample the network "
                "already fits almost exactly)."))
        if notes:
            self.note.setText("<br>".join(notes))
            self.note.show()
        self.table.show()
        self.show()

    def _add_row(self, row: int, check) -> None:  # check: LayerCheck
        if not check.conclusive:
            colour, mark = muted(0.6), "– " + self.tr("too small")
        elif check.passed:
            colour, mark = readable(PASS_COLOUR), "✓ " + self.tr("pass")
        else:
            colour, mark = readable(FAIL_COLOUR), "✗ " + self.tr("fail")
        checked = (self.tr("{0} of {1}").format(check.checked, check.parameters)
                   if check.parameters else "")
        cells = (str(check.layer), f"{check.max_rel_diff_weights:.2e}",
                 f"{check.max_rel_diff_biases:.2e}", checked, mark)
        for column, text in enumerate(cells):
            label = QLabel(text)
            if column in (1, 2, 4):
                label.setStyleSheet(f"color: {colour};" + (" font-weight: bold;"
                                                           if column == 4 else ""))
            self.grid.addWidget(label, row, column)
        verdict = self.grid.itemAtPosition(row, 4).widget()
        verdict.setProperty("layer", check.layer)
        verdict.setProperty("passed", check.passed)
        verdict.setProperty("conclusive", check.conclusive)
        verdict.setProperty("max_rel_diff", check.max_rel_diff)
        self.rows.append(verdict)
