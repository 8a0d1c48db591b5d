"""The gradient check's verdict: per layer, backprop against central differences.

A learner who doubts (4.60)–(4.63) can see, on their own network and the next sample, that
the gradients backprop computes agree with ∂L/∂θ ≈ (L(θ + ε) − L(θ − ε)) / 2ε to better
than `THRESHOLD` — and a broken activation derivative would show up here in red.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QToolButton, QWidget

from fnnsim.training.qt_controller import GradientCheckReport
from fnnsim.ui.look import readable

THRESHOLD = 1e-6  # max relative difference that passes
PASS_COLOUR = "#1b7f3b"
FAIL_COLOUR = "#b00020"


class GradientCheckPanel(QFrame):
    """A small grid: layer, max relative difference for W and for b, pass or fail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(6, 4, 6, 4)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(1)
        self.title = QLabel()
        self.title.setWordWrap(True)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide the gradient check"))
        close.clicked.connect(self.hide)
        self.grid.addWidget(self.title, 0, 0, 1, 4)
        self.grid.addWidget(close, 0, 4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.rows: list[QLabel] = []  # verdict labels, one per layer (for tests and a11y)
        self.hide()

    def show_report(self, report: GradientCheckReport) -> None:
        """Replace the table with this report's layers and show the panel."""
        while self.grid.count() > 2:  # keep the title and the close button
            item = self.grid.takeAt(2)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.rows = []
        worst = max((c.max_rel_diff for c in report.checks), default=0.0)
        verdict = self.tr("passed") if worst < THRESHOLD else self.tr("FAILED")
        self.title.setText(self.tr("<b>Gradient check {0}</b> · training row #{1}").format(
            verdict, report.sample_index + 1))
        self.title.setToolTip(self.tr(
            "On the next sample: per layer, the largest relative difference between the "
            "gradients of backprop (4.62), (4.63) and central differences "
            "(L(θ + ε) − L(θ − ε)) / 2ε. Below {0:g} passes.").format(THRESHOLD))
        headers = (self.tr("layer"), self.tr("W: max rel. diff"), self.tr("b: max rel. diff"),
                   self.tr("< {0:g}").format(THRESHOLD))
        for column, text in enumerate(headers):
            header = QLabel(f"<i>{text}</i>")
            self.grid.addWidget(header, 1, column)
        for row, check in enumerate(report.checks, start=2):
            passed = check.max_rel_diff < THRESHOLD
            colour = PASS_COLOUR if passed else FAIL_COLOUR
            cells = (str(check.layer), f"{check.max_rel_diff_weights:.2e}",
                     f"{check.max_rel_diff_biases:.2e}",
                     "✓ " + self.tr("pass") if passed else "✗ " + self.tr("fail"))
            for column, text in enumerate(cells):
                label = QLabel(text)
                if column:
                    label.setStyleSheet(f"color: {readable(colour)};" + (" font-weight: bold;"
                                                               if column == 3 else ""))
                self.grid.addWidget(label, row, column)
            verdict_label = self.grid.itemAtPosition(row, 3).widget()
            verdict_label.setProperty("layer", check.layer)
            verdict_label.setProperty("passed", passed)
            verdict_label.setProperty("max_rel_diff", check.max_rel_diff)
            self.rows.append(verdict_label)
        self.grid.setColumnStretch(4, 1)
        self.show()
