"""The status bar: run state, epoch, sample, speed, losses, and which engine trains."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from fnnsim.training.qt_controller import TrainingUpdate

WIDTH_STEP = 24  # px: a label grows in steps, so a growing number rarely relayouts


class SteadyLabel(QLabel):
    """A label of fixed size that only grows (in steps), never shrinks.

    A QLabel whose text changes asks its parent for a new layout, and in a status bar
    that relayouts the whole main window: ~30 ms/s of the GUI thread at 30 updates a
    second (bench/gui_latency.py --events). A widget whose minimum and maximum sizes are
    equal skips that request (QWidget::updateGeometry), so this one is kept fixed and
    only resized when its text no longer fits.
    """

    def setText(self, text: str) -> None:
        super().setText(text)
        needed = self.fontMetrics().horizontalAdvance(text) + 2 * self.margin() + 4
        if needed > self.maximumWidth() or self.minimumWidth() != self.maximumWidth():
            self.setFixedWidth(WIDTH_STEP * math.ceil(needed / WIDTH_STEP))
        if self.minimumHeight() != self.maximumHeight():
            self.setFixedHeight(self.sizeHint().height())


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state_label = SteadyLabel()
        bold = self.state_label.font()
        bold.setBold(True)
        self.state_label.setFont(bold)
        self.epoch_label = SteadyLabel()
        self.sample_label = SteadyLabel()
        self.speed_label = SteadyLabel()
        self.loss_label = SteadyLabel()
        self.engine_label = QLabel()
        for label in (self.state_label, self.epoch_label, self.sample_label,
                      self.speed_label, self.loss_label):
            self.addWidget(label)
        self.addPermanentWidget(self.engine_label)
        self._train_loss = math.nan
        self._val_loss = math.nan
        self._blocked: str | None = None
        self.set_state("paused")
        self.start_run()

    def start_run(self) -> None:
        """A new run: nothing trained yet (no numbers of the previous run stay)."""
        self._train_loss = self._val_loss = math.nan
        self.epoch_label.setText(self.tr("epoch 0"))
        self.sample_label.setText("")
        self.speed_label.setText("")
        self.loss_label.setText("")

    def set_state(self, state: str) -> None:
        names = {"playing": self.tr("Training"), "paused": self.tr("Paused"),
                 "finished": self.tr("Finished"), "diverged": self.tr("Diverged")}
        self.state_label.setText(names.get(state, state))
        if state != "diverged":
            self.clearMessage()
            if self._blocked:  # still true after the pause it caused: keep saying it
                self.showMessage(self._blocked)

    def set_blocked(self, reason: str | None) -> None:
        """Why nothing can train now (None: it can again); shown until it can."""
        if reason:
            self.showMessage(reason)
        elif self._blocked and self.currentMessage() == self._blocked:
            self.clearMessage()
        self._blocked = reason

    def show_update(self, update: TrainingUpdate) -> None:
        if update.first_sample == 0:  # a run's first update: the losses shown are older
            self._train_loss = self._val_loss = math.nan
        self.epoch_label.setText(self.tr("epoch {0}").format(update.epoch + 1
                                                             if update.position else update.epoch))
        self.sample_label.setText(self.tr("sample {0} ({1} in all)").format(
            update.position, f"{update.samples_seen:,}"))
        rate = update.samples_per_second
        self.speed_label.setText(self.tr("{0} samples/s").format(f"{rate:,.0f}") if rate else "")
        if update.epochs:
            last = update.epochs[-1]
            self._train_loss, self._val_loss = last.train_loss, last.val_loss
        if update.restored is not None:  # early stopping put the best epoch's weights back
            self._train_loss, self._val_loss = (update.restored.train_loss,
                                                update.restored.val_loss)
        text = self.tr("train loss {0}").format(f"{self._train_loss:.4g}")
        if not math.isnan(self._val_loss):
            text += "   " + self.tr("val loss {0}").format(f"{self._val_loss:.4g}")
        if update.restored is not None:
            text += "   " + self.tr("(best epoch {0}'s weights)").format(update.restored.epoch)
        self.loss_label.setText(text if not math.isnan(self._train_loss) else "")

    def set_engine(self, name: str, reason: str) -> None:
        label = self.tr("fast engine") if name == "fast" else self.tr("reference engine")
        self.engine_label.setText(label)
        self.engine_label.setToolTip(reason or self.tr("compiled per-sample SGD (Numba)"))
        if reason:
            self.showMessage(reason, 10_000)

    def show_problem(self, message: str) -> None:
        """A problem the learner must see: stays until the next state change."""
        self.showMessage(message)
