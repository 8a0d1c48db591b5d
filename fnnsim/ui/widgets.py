"""Small widgets and helpers the configuration panels share.

- `LogSpinBox`: a number box for quantities that span decades (learning rate, λ, θ, the
  initial-weight scale). The arrows step through 1-2-5 values (0.01, 0.02, 0.05, 0.1 …),
  and any number can be typed, in scientific notation too (`3e-4`).
- `SeedSpinBox`: a seed that may be "auto" (None: derived from the experiment seed).
- `warning_label`: the red one-line message a panel shows in place of a crash.
- `Quiet`: a guard so programmatic widget updates (`set_config`) emit no user-edit signal.
- `hbox`: a margin-less row of widgets, one of them stretching.
- `tab_chain`: keyboard focus in reading order.
- `class_color`: the colour of class k, so every view of the data agrees.
- `activation_tip`, `loss_tip`, `initializer_tip`: one translated sentence per table entry;
  `table_combo`: a combo of a name-keyed table's keys with those sentences as tooltips.
- `shape_only`: an empty Dataset of a given shape, to ask the data rules (`n_outputs_for`)
  before the data exists.
- `DataPreview`: a scatter of a training and a validation set (filled / hollow points).
- `ScrollingPanel`: a panel in a dock that scrolls when the dock is shorter than it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QColor, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from fnnsim.data import CLASSIFICATION, REGRESSION, Dataset
from fnnsim.engine.activations import LEAKY_SLOPE
from fnnsim.engine.losses import LOSSES
from fnnsim.ui.look import error_colour

_STEPS = (1.0, 2.0, 5.0)
MAX_SEED = 2**31 - 1
MAX_PREVIEW_POINTS = 2000  # per split; beyond that every k-th point is drawn
SCROLLING_MIN_HEIGHT = 120  # px: a scrolling panel's dock gives way down to this height

# Colour-blind-friendly (Okabe–Ito) first, then evenly spaced hues.
_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
            "#000000")


def class_color(k: int, n_classes: int = 0) -> QColor:
    """The colour of class k (0-based); beyond the palette, hues spread over the circle."""
    if k < len(_PALETTE):
        return QColor(_PALETTE[k])
    extra = max(n_classes - len(_PALETTE), 1)
    return QColor.fromHsvF(((k - len(_PALETTE)) / extra) % 1.0, 0.75, 0.85)


SpinBox = TypeVar("SpinBox", bound=QAbstractSpinBox)


def no_typing_storm(box: SpinBox) -> SpinBox:
    """Emit valueChanged on Enter, focus-out or an arrow step, not on every typed digit:
    typing "400" must rebuild the data once, not for 4, 40 and 400."""
    box.setKeyboardTracking(False)
    return box


def _neighbour(value: float, up: bool) -> float:
    """The next 1-2-5 value above (or below) `value`."""
    if value <= 0:
        return 1e-300 if up else 0.0
    exponent = math.floor(math.log10(value))
    candidates = [m * 10.0 ** e for e in (exponent - 1, exponent, exponent + 1) for m in _STEPS]
    if up:
        return min(c for c in candidates if c > value * (1 + 1e-9))
    return max(c for c in candidates if c < value * (1 - 1e-9))


def format_number(value: float) -> str:
    """Six significant digits, scientific exponents without padding: 1e-6, 0.25, 100."""
    text = f"{value:.6g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text


class LogSpinBox(QDoubleSpinBox):
    """A positive number edited on a log scale: arrows step 1-2-5, typing takes any value."""

    def __init__(
        self, minimum: float, maximum: float, value: float, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setDecimals(12)  # QDoubleSpinBox rounds to this; text comes from textFromValue
        self.setRange(minimum, maximum)
        self.setValue(value)
        no_typing_storm(self)

    def stepBy(self, steps: int) -> None:
        value = self.value()
        for _ in range(abs(steps)):
            value = _neighbour(value, steps > 0)
        self.setValue(min(max(value, self.minimum()), self.maximum()))

    def textFromValue(self, value: float) -> str:
        return format_number(value)

    def valueFromText(self, text: str) -> float:
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> QValidator.State:
        try:
            value = float(text)
        except ValueError:
            return QValidator.State.Intermediate  # e.g. "1e-" while typing
        if self.minimum() <= value <= self.maximum():
            return QValidator.State.Acceptable
        return QValidator.State.Intermediate


class SeedSpinBox(QSpinBox):
    """A random seed, or "auto" (None): the experiment seed decides."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-1, MAX_SEED)
        self.setSpecialValueText(QCoreApplication.translate("SeedSpinBox", "auto"))
        no_typing_storm(self)

    def seed(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def set_seed(self, seed: int | None) -> None:
        self.setValue(-1 if seed is None else seed)


def table_combo(names, tip_of: Callable[[str], str], tooltip: str) -> QComboBox:
    """A combo of table keys (the names the config uses), each with its own tooltip."""
    combo = QComboBox()
    for i, name in enumerate(names):
        combo.addItem(name)
        combo.setItemData(i, tip_of(name), Qt.ItemDataRole.ToolTipRole)
    combo.setToolTip(tooltip)
    return combo


def shape_only(n_inputs: int, task: str, n_classes: int, n_targets: int = 1) -> Dataset:
    """An empty data set of this shape, so shape rules (e.g. `n_outputs_for`) can be asked
    before, or without, the real data."""
    names = tuple(f"x{i + 1}" for i in range(n_inputs))
    if task == CLASSIFICATION:
        classes = tuple(str(k) for k in range(max(n_classes, 2)))
        return Dataset(np.empty((0, n_inputs)), np.empty(0, np.int64), CLASSIFICATION,
                       names, ("label",), classes, "shape")
    return Dataset(np.empty((0, n_inputs)), np.empty((0, n_targets)), REGRESSION, names,
                   tuple(f"y{j + 1}" for j in range(n_targets)), (), "shape")


class Quiet:
    """True while the panel changes its own widgets: `with self.quiet: box.setValue(3)`.

    Signal handlers return early when it is true, so only the learner's edits are reported.
    """

    def __init__(self) -> None:
        self._depth = 0

    def __bool__(self) -> bool:
        return self._depth > 0

    def __enter__(self) -> Quiet:
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1


def hbox(*widgets: QWidget, stretch: int = 0) -> QHBoxLayout:
    """The widgets side by side without margins; widgets[stretch] takes the spare width."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for i, widget in enumerate(widgets):
        row.addWidget(widget, 1 if i == stretch else 0)
    return row


def tab_chain(widgets: list[QWidget]) -> None:
    """Tab moves through `widgets` in this order (reading order), whatever order they were
    made in: a box inserted into a form later otherwise comes after everything made before
    it (e.g. a generator's parameters after the preview)."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def warning_label() -> QLabel:
    """An empty, word-wrapped red label for a one-line explanation of what is wrong."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {error_colour()};")
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    label.hide()
    return label


def show_warning(label: QLabel, text: str | None) -> None:
    """Show `text` in a warning label, or hide it when there is nothing wrong."""
    label.setText(text or "")
    label.setVisible(bool(text))


# A bare `translate("Context", "text")` is what pyside6-lupdate extracts.
translate = QCoreApplication.translate


def activation_tip(name: str) -> str:
    """One sentence on an activation: its formula and the gradient fact that matters."""
    tips = {
        "sigmoid": translate(
            "Tips", "σ(z) = 1/(1 + e^(−z)); σ′ ≤ 0.25, so δ shrinks layer by layer."),
        "tanh": translate("Tips", "tanh(z), outputs in (−1, 1); tanh′ = 1 − tanh² ≤ 1."),
        "relu": translate("Tips", "max(0, z); derivative 1 for z > 0, else 0 (a unit can die)."),
        "leaky_relu": translate("Tips", "z for z > 0, else {slope}·z; never fully dead.").format(
            slope=LEAKY_SLOPE),
        "linear": translate("Tips", "f(z) = z; the usual output for regression."),
        "softmax": translate(
            "Tips", "e^(z_k) / Σ_j e^(z_j): one unit per class, outputs sum to 1."),
    }
    return tips.get(name, name)


def loss_tip(name: str) -> str:
    notes = {
        "mse": translate("Tips", "mean squared error; works with any output"),
        "bce": translate("Tips", "binary cross-entropy; needs a sigmoid output, δ = ŷ − y"),
        "cross_entropy": translate(
            "Tips", "cross-entropy; needs a softmax output, δ = ŷ − onehot(y)"),
    }
    return f"{LOSSES[name].formula} — {notes.get(name, name)}"


def initializer_tip(name: str) -> str:
    tips = {
        "xavier_uniform": translate(
            "Tips", "Glorot: U(−r, r), r = √(6/(fan_in + fan_out)); suits tanh."),
        "xavier_normal": translate("Tips", "Glorot: N(0, σ²), σ = √(2/(fan_in + fan_out))."),
        "he_uniform": translate("Tips", "He: U(−r, r), r = √(6/fan_in); suits ReLU."),
        "he_normal": translate("Tips", "He: N(0, σ²), σ = √(2/fan_in); suits ReLU."),
        "normal": translate("Tips", "Plain N(0, 1); the scale is its standard deviation."),
        "uniform": translate("Tips", "Plain U(−1, 1); the scale is its half-width."),
    }
    return tips.get(name, name)


class DataPreview(pg.PlotWidget):
    """A scatter of the data: classes coloured, training points filled, validation hollow.

    2-D (or wider) inputs: x1 against x2 (colour = class, or the target for regression).
    One input: x against y (regression) or against the class index (classification).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.setMinimumHeight(150)
        self.setMaximumHeight(320)  # about square in a 300 px dock; inputs keep their aspect
        self.setMenuEnabled(False)
        self.hideButtons()
        for side in ("left", "bottom"):  # plain numbers: "(x0.001)" scales confuse here
            self.getAxis(side).enableAutoSIPrefix(False)
        self.train_points = pg.ScatterPlotItem(size=5, pxMode=True)
        self.val_points = pg.ScatterPlotItem(size=6, pxMode=True)
        self.addItem(self.train_points)
        self.addItem(self.val_points)

    def sizeHint(self) -> QSize:
        """Fit a ~300 px dock (pyqtgraph asks for 600 px, which widens the whole dock)."""
        return QSize(280, 240)

    def set_data(self, train: Dataset, val: Dataset) -> None:
        two_d = train.n_features >= 2
        colors = self._colors(train, val)
        for item, ds, filled in ((self.train_points, train, True), (self.val_points, val, False)):
            step = max(1, -(-ds.n_samples // MAX_PREVIEW_POINTS))
            x, y = self._coords(ds)
            shade = colors(ds)
            if filled:
                item.setData(x[::step], y[::step], brush=[pg.mkBrush(c) for c in shade[::step]],
                             pen=None)
            else:
                item.setData(x[::step], y[::step], brush=None,
                             pen=[pg.mkPen(c, width=1.5) for c in shade[::step]])
        names = train.feature_names
        self.setLabel("bottom", names[0])
        if two_d:
            self.setLabel("left", names[1])
        else:
            self.setLabel("left", train.target_names[0])
        self.setAspectLocked(two_d)
        self.autoRange()

    @staticmethod
    def _coords(ds: Dataset) -> tuple[np.ndarray, np.ndarray]:
        if ds.n_features >= 2:
            return ds.X[:, 0], ds.X[:, 1]
        if ds.task == CLASSIFICATION:
            return ds.X[:, 0], ds.y.astype(np.float64)
        return ds.X[:, 0], ds.y[:, 0]

    @staticmethod
    def _colors(train: Dataset, val: Dataset) -> Callable[[Dataset], list]:
        if train.task == CLASSIFICATION:
            palette = [class_color(k, train.n_classes) for k in range(train.n_classes)]
            return lambda ds: [palette[k] for k in ds.y]
        if train.n_features < 2:
            return lambda ds: [class_color(0)] * ds.n_samples
        values = np.concatenate([train.y[:, 0], val.y[:, 0]])
        low, high = float(values.min()), float(values.max())
        cmap = pg.colormap.get("viridis")
        return lambda ds: list(cmap.mapToQColor((ds.y[:, 0] - low) / ((high - low) or 1.0)))


class ScrollingPanel(QScrollArea):
    """A panel (or view) in a dock that scrolls vertically once the dock is shorter than
    the panel, so that no panel's height sets the main window's minimum height.

    A dock's minimum is its widget's; unscrolled, the tallest panels (network, data, the
    step inspector with a gradient check) summed to more than a 768-pixel screen, and the
    window grew past the screen's bottom edge whenever one of them grew. Here the dock may
    shrink to SCROLLING_MIN_HEIGHT. Its width stays the panel's minimum (its rows are not
    to be clipped), plus the scroll bar's while the bar is shown; its preferred size is the
    panel's, so a dock that is tall enough looks exactly as the bare panel did.
    """

    def __init__(self, panel: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(panel)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._minimum = QSize()
        # the bar coming or going changes the width the panel needs
        self.verticalScrollBar().rangeChanged.connect(lambda *_: self._minimum_changed())

    def _bar_width(self) -> int:
        bar = self.verticalScrollBar()
        shown = bar.maximum() > bar.minimum() and \
            self.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        return bar.sizeHint().width() if shown else 0

    def minimumSizeHint(self) -> QSize:
        panel = self.widget()
        if panel is None:
            return super().minimumSizeHint()
        need = panel.minimumSizeHint().expandedTo(panel.minimumSize())
        frame = 2 * self.frameWidth()
        return QSize(need.width() + self._bar_width() + frame,
                     min(need.height(), SCROLLING_MIN_HEIGHT) + frame)

    def sizeHint(self) -> QSize:
        """The panel's own preferred size (QScrollArea caps it at 36 × 24 lines)."""
        panel = self.widget()
        if panel is None:
            return super().sizeHint()
        frame = 2 * self.frameWidth()
        hint = panel.sizeHint() + QSize(frame, frame)
        return hint.expandedTo(self.minimumSizeHint())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            # the panel's own layout changed (a row added, a language switched): its
            # minimum may have too, which the dock only learns from us
            self._minimum_changed()
        return handled

    def _minimum_changed(self) -> None:
        minimum = self.minimumSizeHint()
        if minimum != self._minimum:
            self._minimum = minimum
            self.updateGeometry()
