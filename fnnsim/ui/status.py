"""The status bar: run state, epoch, sample, speed, losses, and which engine trains."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from fnnsim.training.qt_controller import TrainingUpdate


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state_label = QLabel()
        self.epoch_label = QLabel()
        self.sample_label = QLabel()
        self.speed_label = QLabel()
        self.loss_label = QLabel()
        self.engine_label = QLabel()
        for label in (self.state_label, self.epoch_label, self.sample_label,
                      self.speed_label, self.loss_label):
            self.addWidget(label)
        self.addPermanentWidget(self.engine_label)
        self._train_loss = math.nan
        self._val_loss = math.nan
        self.set_state("paused")
        self.epoch_label.setText(self.tr("epoch 0"))

    def set_state(self, state: str) -> None:
        names = {"playing": self.tr("Training"), "paused": self.tr("Paused"),
                 "finished": self.tr("Finished"), "diverged": self.tr("Diverged")}
        self.state_label.setText(f"<b>{names.get(state, state)}</b>")
        if state != "diverged":
            self.clearMessage()

    def show_update(self, update: TrainingUpdate) -> None:
        self.epoch_label.setText(self.tr("epoch {0}").format(update.epoch + 1
                                                             if update.position else update.epoch))
        self.sample_label.setText(self.tr("sample {0} ({1} in all)").format(
            update.position, f"{update.samples_seen:,}"))
        rate = update.samples_per_second
        self.speed_label.setText(self.tr("{0} samples/s").format(f"{rate:,.0f}") if rate else "")
        if update.epochs:
            last = update.epochs[-1]
            self._train_loss, self._val_loss = last.train_loss, last.val_loss
        text = self.tr("train loss {0}").format(f"{self._train_loss:.4g}")
        if not math.isnan(self._val_loss):
            text += "   " + self.tr("val loss {0}").format(f"{self._val_loss:.4g}")
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
