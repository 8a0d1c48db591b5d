"""Training controls: learning rate, L2/L1, clipping, early stopping, epoch limit.

Everything here may change while training runs, between any two samples, so each edit is
emitted at once as the value the controller needs (`SGDSettings`, a patience or None, an
epoch limit or None). The panel never trains anything itself.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QSpinBox, QWidget

from fnnsim.config import TrainingConfig
from fnnsim.engine.clipping import CLIP_MODES
from fnnsim.engine.sgd import SGDSettings
from fnnsim.ui.widgets import LogSpinBox, Quiet, hbox, no_typing_storm

DEFAULT_PENALTY = 1e-4  # λ shown when a config has the penalty off and none was typed yet
MAX_EPOCHS = 1_000_000


class TrainingPanel(QWidget):
    """Edits `TrainingConfig`; emits each live change as soon as the learner makes it.

    Signals (never emitted by `set_config`):
    - `settings_changed(SGDSettings)`: learning rate, L2, L1 or clipping changed. Emitted
      only when the effective settings differ from the last ones, so typing a new λ while
      L2 is off emits nothing (that λ is kept in its box and used once L2 is ticked).
    - `early_stopping_changed(object)`: the patience (int), or None when it is off.
    - `max_epochs_changed(object)`: the epoch limit (int), or None for "no limit".

    An unticked L2 (L1) means l2 = 0 (l1 = 0) in `settings()` and `config()`, because
    `TrainingConfig` has no on/off flag; the λ typed stays in the widget. "No limit" is
    not expressible in `TrainingConfig.epochs` (an int >= 1): `config()` keeps the number
    in the box and `max_epochs()` returns None. `shuffle` and `engine` are not shown; they
    are kept from the last `set_config`.
    """

    settings_changed = Signal(object)  # SGDSettings
    early_stopping_changed = Signal(object)  # int | None
    max_epochs_changed = Signal(object)  # int | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quiet = Quiet()
        self._base = TrainingConfig()
        self._last: tuple[SGDSettings, int | None, int | None] | None = None
        self._build()
        self.set_config(TrainingConfig())

    def _build(self) -> None:
        self.learning_rate = LogSpinBox(1e-6, 10.0, 0.1)
        self.learning_rate.setToolTip(self.tr(
            "Learning rate α, the step size: after every sample W ← W − α ∂L/∂W and "
            "b ← b − α δ (Algorithm 4.1, lines 10–11); the arrows step 1-2-5."))
        self.l2_on = QCheckBox()
        self.l2_on.setToolTip(self.tr("Turn L2 weight decay on or off (off: λ = 0)."))
        self.l2 = LogSpinBox(1e-8, 10.0, DEFAULT_PENALTY)
        self.l2.setToolTip(self.tr(
            "Regularization coefficient λ: W ← W − α (δaᵀ + λW) (Algorithm 4.1, line 10), "
            "i.e. loss + λ/2‖W‖², so each step shrinks W by αλW; biases are not penalised."))
        self.l1_on = QCheckBox()
        self.l1_on.setToolTip(self.tr("Turn the L1 penalty on or off (off: λ₁ = 0)."))
        self.l1 = LogSpinBox(1e-8, 10.0, DEFAULT_PENALTY)
        self.l1.setToolTip(self.tr(
            "L1 coefficient λ₁: adds λ₁ sign(W) to the weight gradient (loss + λ₁‖W‖₁), "
            "pushing small weights to exactly 0; biases are not penalised."))
        self.clip_mode = QComboBox()
        labels = {
            "off": (self.tr("Off"), self.tr("No clipping.")),
            "global_norm": (self.tr("Global norm"), self.tr(
                "If ‖g‖ > θ over all layers' W and b together, g ← g·θ/‖g‖.")),
            "layer_norm": (self.tr("Per-layer norm"), self.tr(
                "For each layer, if ‖(∂W, ∂b)‖ > θ, scale that layer's gradient to norm θ.")),
            "value": (self.tr("Value"), self.tr(
                "Clamp every gradient element to [−θ, θ].")),
        }
        for i, mode in enumerate(CLIP_MODES):
            label, tip = labels.get(mode, (mode, mode))
            self.clip_mode.addItem(label, mode)
            self.clip_mode.setItemData(i, tip, Qt.ItemDataRole.ToolTipRole)
        self.clip_mode.setToolTip(self.tr(
            "Gradient clipping against exploding gradients: caps the data gradient (δaᵀ, δ) "
            "at the threshold θ before L2/L1 is added."))
        self.clip_threshold = LogSpinBox(1e-6, 1e6, 1.0)
        self.clip_threshold.setToolTip(self.tr(
            "Clipping threshold θ: the largest gradient norm (or element, for Value) allowed."))
        self.early_stopping = QCheckBox()
        self.early_stopping.setToolTip(self.tr(
            "Early stopping: stop when the error on the validation set V has not fallen for "
            "`patience` epochs (Algorithm 4.1, line 13) and keep the best weights."))
        self.patience = no_typing_storm(QSpinBox())
        self.patience.setRange(1, 100_000)
        self.patience.setPrefix(self.tr("patience "))
        self.patience.setToolTip(self.tr(
            "Epochs without a better validation error before training stops."))
        self.epochs = no_typing_storm(QSpinBox())
        self.epochs.setRange(1, MAX_EPOCHS)
        self.epochs.setSingleStep(10)
        self.epochs.setToolTip(self.tr(
            "Training pauses after this many epochs (passes over the training set D)."))
        self.no_limit = QCheckBox(self.tr("no limit"))
        self.no_limit.setToolTip(self.tr("Train until paused (or stopped early)."))

        form = QFormLayout(self)
        form.setContentsMargins(4, 4, 4, 4)
        form.addRow(self.tr("Learning rate α"), self.learning_rate)
        form.addRow(self.tr("L2 λ"), hbox(self.l2_on, self.l2, stretch=1))
        form.addRow(self.tr("L1 λ₁"), hbox(self.l1_on, self.l1, stretch=1))
        form.addRow(self.tr("Clipping"), hbox(self.clip_mode, self.clip_threshold))
        form.addRow(self.tr("Early stop"), hbox(self.early_stopping, self.patience, stretch=1))
        form.addRow(self.tr("Max epochs"), hbox(self.epochs, self.no_limit))

        for box in (self.learning_rate, self.l2, self.l1, self.clip_threshold,
                    self.patience, self.epochs):
            box.valueChanged.connect(self._edited)
        for check in (self.l2_on, self.l1_on, self.early_stopping, self.no_limit):
            check.toggled.connect(self._edited)
        self.clip_mode.currentIndexChanged.connect(self._edited)

    # ---- public API ----
    def set_config(self, config: TrainingConfig) -> None:
        """Show `config` in the widgets, without emitting anything."""
        with self.quiet:
            self._base = config
            self.learning_rate.setValue(config.learning_rate)
            self.l2_on.setChecked(config.l2 > 0)
            if config.l2 > 0:
                self.l2.setValue(config.l2)
            self.l1_on.setChecked(config.l1 > 0)
            if config.l1 > 0:
                self.l1.setValue(config.l1)
            index = self.clip_mode.findData(config.clip_mode)
            self.clip_mode.setCurrentIndex(max(index, 0))
            self.clip_threshold.setValue(config.clip_threshold)
            self.early_stopping.setChecked(config.early_stopping)
            self.patience.setValue(config.patience)
            self.epochs.setValue(config.epochs)
            self.no_limit.setChecked(False)
        self._sync_enabled()
        self._last = self._current()

    def config(self) -> TrainingConfig:
        """The training section as shown (l2/l1 = 0 when unticked; see the class doc)."""
        s = self.settings()
        return dataclasses.replace(
            self._base,
            epochs=self.epochs.value(), learning_rate=s.learning_rate, l2=s.l2, l1=s.l1,
            clip_mode=s.clip_mode, clip_threshold=s.clip_threshold,
            early_stopping=self.early_stopping.isChecked(), patience=self.patience.value(),
        )

    def settings(self) -> SGDSettings:
        """The hyperparameters for the next sample, as the widgets show them."""
        return SGDSettings(
            learning_rate=self.learning_rate.value(),
            l2=self.l2.value() if self.l2_on.isChecked() else 0.0,
            l1=self.l1.value() if self.l1_on.isChecked() else 0.0,
            clip_mode=self.clip_mode.currentData(),
            clip_threshold=self.clip_threshold.value(),
        )

    def patience_value(self) -> int | None:
        """Early-stopping patience, or None when early stopping is off."""
        return self.patience.value() if self.early_stopping.isChecked() else None

    def max_epochs(self) -> int | None:
        """The epoch limit, or None for no limit."""
        return None if self.no_limit.isChecked() else self.epochs.value()

    def set_editable(self, editable: bool) -> None:
        """Lock or unlock every control (e.g. while a modal question is open)."""
        for child in self.findChildren(QWidget):
            child.setEnabled(editable)
        if editable:
            self._sync_enabled()

    # ---- internals ----
    def _current(self) -> tuple[SGDSettings, int | None, int | None]:
        return self.settings(), self.patience_value(), self.max_epochs()

    def _sync_enabled(self) -> None:
        """Grey out a value whose switch is off (it is kept, just not used)."""
        self.l2.setEnabled(self.l2_on.isChecked())
        self.l1.setEnabled(self.l1_on.isChecked())
        self.clip_threshold.setEnabled(self.clip_mode.currentData() != "off")
        self.patience.setEnabled(self.early_stopping.isChecked())
        self.epochs.setEnabled(not self.no_limit.isChecked())

    def _edited(self) -> None:
        if self.quiet:
            return
        self._sync_enabled()
        current = self._current()
        last, self._last = self._last, current
        if last is None or current[0] != last[0]:
            self.settings_changed.emit(current[0])
        if last is None or current[1] != last[1]:
            self.early_stopping_changed.emit(current[1])
        if last is None or current[2] != last[2]:
            self.max_epochs_changed.emit(current[2])
