"""The network builder: layers, output and loss, initial weights. Edits a `NetworkConfig`.

Invalid output/loss combinations are explained in place (a red line under the loss) and
never raise; `is_valid()` says whether `config()` may be used. The panel never builds or
trains a network itself: the main window reacts to `config_changed` and `rewind_requested`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fnnsim.config import MAX_HIDDEN_LAYERS, LayerConfig, NetworkConfig
from fnnsim.data import REGRESSION
from fnnsim.engine.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS
from fnnsim.engine.initializers import INITIALIZERS
from fnnsim.engine.losses import LOSSES, check_output_pair
from fnnsim.engine.network import MAX_WIDTH
from fnnsim.training.targets import n_outputs_for
from fnnsim.ui.widgets import (
    LogSpinBox,
    Quiet,
    SeedSpinBox,
    activation_tip,
    hbox,
    initializer_tip,
    loss_tip,
    no_typing_storm,
    shape_only,
    show_warning,
    table_combo,
    warning_label,
)

MAX_UNITS = min(512, MAX_WIDTH)
# The loss that goes with each output activation, for the one-click fix.
_NATURAL_LOSS = {"sigmoid": "bce", "softmax": "cross_entropy"}


class LayerRow(QWidget):
    """One hidden layer: its number, width n_l, activation f_l and a remove button."""

    changed = Signal()
    remove_requested = Signal(object)  # this row

    def __init__(self, layer: LayerConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = QLabel()
        self.number.setFixedWidth(22)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.units = no_typing_storm(QSpinBox())
        self.units.setRange(1, MAX_UNITS)
        self.units.setValue(layer.units)
        self.units.setToolTip(self.tr("Units n_l of this layer; W^(l) has shape (n_l, n_(l−1))."))
        self.activation = table_combo(HIDDEN_ACTIVATIONS, activation_tip,
                                 self.tr("Activation f_l of this layer: a^(l) = f_l(z^(l))."))
        self.activation.setCurrentText(layer.activation)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(self.tr("Remove this hidden layer."))
        self.setLayout(hbox(self.number, self.units, self.activation, self.remove, stretch=2))
        self.units.valueChanged.connect(self.changed)
        self.activation.currentIndexChanged.connect(self.changed)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

    def set_number(self, l: int) -> None:
        self.number.setText(str(l))
        self.number.setToolTip(self.tr("Hidden layer l = {l}").format(l=l))

    def layer(self) -> LayerConfig:
        return LayerConfig(self.units.value(), self.activation.currentText())


class NetworkBuilderPanel(QWidget):
    """Edits `NetworkConfig`: hidden layers, output activation and loss, initial weights.

    Contract with the main window:
    - `config_changed` is emitted once per user edit (never by `set_config`). The panel
      applies nothing itself: the main window reads `config()` and `is_valid()`, and while
      training runs it asks "stop training first?"; if the learner says no, it calls
      `set_config(old)` to put the widgets back. `set_training_active(True)` only shows a
      note saying so. `set_editable(False)` locks the architecture widgets (Rewind stays).
    - `rewind_requested`: re-create the same initial weights (same seed) and start over.
    - One-click fixes, predictable by rule: choosing a loss that needs a particular output
      (bce → sigmoid, cross_entropy → softmax) also switches the output activation, in the
      same edit. Choosing an output activation never changes the loss; if the pair no
      longer fits, the red line explains why and a Fix button proposes the change
      (`suggested_fix()`), applied only when clicked.
    """

    config_changed = Signal()
    rewind_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quiet = Quiet()
        self._shape: tuple[int, str, int, int] | None = None
        self.rows: list[LayerRow] = []
        self._build()
        self.set_config(NetworkConfig())

    # ---- construction ----
    def _build(self) -> None:
        self.training_note = QLabel(self.tr(
            "Training is running: changing the network asks to stop it first."))
        self.training_note.setWordWrap(True)
        self.training_note.setStyleSheet("color: palette(mid); font-style: italic;")
        self.training_note.hide()

        self.input_width = QLabel("—")
        self.input_width.setToolTip(self.tr("Layer 0: one unit per input feature of the data."))
        self._rows_box = QWidget()
        self._rows_layout = QVBoxLayout(self._rows_box)
        self._rows_layout.setContentsMargins(0, 0, 4, 0)
        self._rows_layout.setSpacing(2)
        self._rows_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self._rows_box)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumHeight(96)
        self.scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.scroll.setToolTip(self.tr("Hidden layers 1 … L−1, input side first."))
        self.add_button = QPushButton(self.tr("Add layer"))
        self.add_button.setToolTip(self.tr(
            "Append a hidden layer (a copy of the last one) just before the output."))
        self.layer_count = QLabel()
        self.layer_count.setToolTip(self.tr(
            "Hidden layers now, and the most the simulator builds."))
        add_row = hbox(self.add_button, self.layer_count, stretch=1)

        self.output_activation = table_combo(ACTIVATIONS, activation_tip, self.tr(
            "Output activation: ŷ = f_L(z^(L))."))
        self.output_width = QLabel("—")
        self.output_width.setToolTip(self.tr(
            "Output units, from the data: 1 for 2 classes (unless softmax), K for K classes, "
            "one per target for regression."))
        out_row = hbox(self.output_activation, self.output_width)
        self.loss = table_combo(LOSSES, loss_tip, self.tr(
            "Per-sample loss L(ŷ, y); choosing bce or cross_entropy also sets the output."))
        self.message = warning_label()
        self.fix_button = QPushButton()
        self.fix_button.setToolTip(self.tr("Apply the suggested output and loss."))
        self.fix_button.hide()

        layers = QGroupBox(self.tr("Layers"))
        form = QFormLayout(layers)
        form.addRow(self.tr("Input"), self.input_width)
        form.addRow(self.scroll)
        form.addRow(add_row)
        form.addRow(self.tr("Output"), out_row)
        form.addRow(self.tr("Loss"), self.loss)
        form.addRow(self.message)
        form.addRow(self.fix_button)

        self.initializer = table_combo(INITIALIZERS, initializer_tip, self.tr(
            "How W^(l) is drawn at the start; biases start at 0."))
        self.init_scale = LogSpinBox(0.001, 100.0, 1.0)
        self.init_scale.setToolTip(self.tr(
            "Multiplies every initial weight: large weights make δ explode, small ones make "
            "it vanish (δ^(l) = f′(z^(l)) ⊙ (W^(l+1))ᵀ δ^(l+1), formula 4.60)."))
        self.seed = SeedSpinBox()
        self.seed.setToolTip(self.tr(
            "Seed of the initial weights; auto derives it from the experiment seed."))
        self.rewind_button = QPushButton(self.tr("Rewind"))
        self.rewind_button.setToolTip(self.tr(
            "Start over from the same initial weights (same seed)."))
        seed_row = hbox(self.seed, self.rewind_button)
        weights = QGroupBox(self.tr("Initial weights"))
        wform = QFormLayout(weights)
        wform.addRow(self.tr("Initializer"), self.initializer)
        wform.addRow(self.tr("Scale"), self.init_scale)
        wform.addRow(self.tr("Seed"), seed_row)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.training_note)
        outer.addWidget(layers, 1)
        outer.addWidget(weights)

        self.add_button.clicked.connect(self._add_clicked)
        self.output_activation.currentIndexChanged.connect(self._edited)
        self.loss.currentIndexChanged.connect(self._loss_chosen)
        self.fix_button.clicked.connect(self.apply_fix)
        self.initializer.currentIndexChanged.connect(self._edited)
        self.init_scale.valueChanged.connect(self._edited)
        self.seed.valueChanged.connect(self._edited)
        self.rewind_button.clicked.connect(self.rewind_requested)

    # ---- public API ----
    def set_config(self, config: NetworkConfig) -> None:
        """Show `config` in the widgets, without emitting `config_changed`."""
        with self.quiet:
            for row in list(self.rows):
                self._drop_row(row)
            for layer in config.hidden[:MAX_HIDDEN_LAYERS]:
                self._append_row(layer)
            self.output_activation.setCurrentText(config.output_activation)
            self.loss.setCurrentText(config.loss)
            self.initializer.setCurrentText(config.initializer)
            self.init_scale.setValue(config.init_scale)
            self.seed.set_seed(config.seed)
        self._refresh()

    def config(self) -> NetworkConfig:
        """The network the widgets describe now (check `is_valid()` before using it)."""
        return NetworkConfig(
            hidden=[row.layer() for row in self.rows],
            output_activation=self.output_activation.currentText(),
            loss=self.loss.currentText(),
            initializer=self.initializer.currentText(),
            init_scale=self.init_scale.value(),
            seed=self.seed.seed(),
        )

    def set_data_shape(
        self, n_inputs: int, task: str, n_classes: int, n_targets: int = 1
    ) -> None:
        """The data the network will see: input width, task, classes (regression: targets)."""
        self._shape = (n_inputs, task, n_classes, n_targets)
        self._refresh()

    def output_width_value(self) -> int | None:
        """Output units for the current data and output activation (None: no data yet)."""
        if self._shape is None:
            return None
        return n_outputs_for(shape_only(*self._shape), self.output_activation.currentText())

    def problem(self) -> str | None:
        """Why the output activation, loss and data do not fit together (one line), or None."""
        loss, output = self.loss.currentText(), self.output_activation.currentText()
        n_out = self.output_width_value()
        if self._shape and self._shape[1] == REGRESSION and LOSSES[loss].classification_only:
            return self.tr("Loss {loss} is for classification, but this data is regression."
                           ).format(loss=loss)
        if check_output_pair(loss, output, 2 if n_out is None else n_out) is None:
            return None
        required = LOSSES[loss].requires_output
        if required is not None and output != required:
            return self.tr("Loss {loss} needs a {required} output, not {output}.").format(
                loss=loss, required=required, output=output)
        return self.tr("A softmax output needs at least 2 units (one per class); this data "
                       "gives {n}.").format(n=n_out)

    def is_valid(self) -> bool:
        return self.problem() is None

    def suggested_fix(self) -> tuple[str, str] | None:
        """(output activation, loss) that resolves `problem()`, or None if it is fine."""
        if self.is_valid():
            return None
        output = self.output_activation.currentText()
        if self._shape and self._shape[1] == REGRESSION:
            return "linear", "mse"
        return output, _NATURAL_LOSS.get(output, "mse")

    def apply_fix(self) -> None:
        """Apply `suggested_fix()` as one user edit."""
        fix = self.suggested_fix()
        if fix is None:
            return
        with self.quiet:
            self.output_activation.setCurrentText(fix[0])
            self.loss.setCurrentText(fix[1])
        self._edited()

    def set_editable(self, editable: bool) -> None:
        """Lock or unlock every architecture widget (the Rewind button stays usable)."""
        for widget in (self.scroll, self.add_button, self.output_activation, self.loss,
                       self.fix_button, self.initializer, self.init_scale, self.seed):
            widget.setEnabled(editable)
        if editable:
            self._refresh()

    def set_training_active(self, active: bool) -> None:
        """Say (in a note) that edits will ask to stop training; see the class contract."""
        self.training_note.setVisible(active)

    def add_layer(self) -> LayerRow:
        """Append a hidden layer like the last one (8 tanh units if none) as a user edit."""
        last = self.rows[-1].layer() if self.rows else LayerConfig()
        row = self._append_row(LayerConfig(last.units, last.activation))
        QTimer.singleShot(0, self, self._scroll_to_end)
        self._edited()
        return row

    def remove_layer(self, row: LayerRow) -> None:
        """Remove one hidden layer as a user edit."""
        self._drop_row(row)
        self._edited()

    # ---- internals ----
    def _append_row(self, layer: LayerConfig) -> LayerRow:
        row = LayerRow(layer)
        self._rows_layout.insertWidget(len(self.rows), row)
        self.rows.append(row)
        row.set_number(len(self.rows))
        row.changed.connect(self._edited)
        row.remove_requested.connect(self.remove_layer)
        return row

    def _drop_row(self, row: LayerRow) -> None:
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        for l, other in enumerate(self.rows, start=1):
            other.set_number(l)

    def _add_clicked(self) -> None:
        if len(self.rows) < MAX_HIDDEN_LAYERS:
            self.add_layer()

    def _units(self, n: int) -> str:
        return self.tr("1 unit") if n == 1 else self.tr("{n} units").format(n=n)

    def _scroll_to_end(self) -> None:
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _loss_chosen(self) -> None:
        required = LOSSES[self.loss.currentText()].requires_output
        if not self.quiet and required is not None:
            with self.quiet:
                self.output_activation.setCurrentText(required)
        self._edited()

    def _edited(self) -> None:
        if self.quiet:
            return
        self._refresh()
        self.config_changed.emit()

    def _refresh(self) -> None:
        """Update the read-only widths, the layer count and the validity message."""
        n = len(self.rows)
        self.layer_count.setText(self.tr("{n} hidden (max {max})").format(
            n=n, max=MAX_HIDDEN_LAYERS))
        self.add_button.setEnabled(n < MAX_HIDDEN_LAYERS and self.scroll.isEnabled())
        if self._shape is None:
            self.input_width.setText("—")
        else:
            self.input_width.setText(self._units(self._shape[0]))
        n_out = self.output_width_value()
        self.output_width.setText("—" if n_out is None else self._units(n_out))
        show_warning(self.message, self.problem())
        fix = self.suggested_fix()
        self.fix_button.setVisible(fix is not None)
        if fix is not None:
            self.fix_button.setText(self.tr("Fix: use {output} output with {loss} loss").format(
                output=fix[0], loss=fix[1]))
