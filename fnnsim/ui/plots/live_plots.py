"""The live gradient-dynamics plots: loss, accuracy, ‖W‖, ‖δ‖, gradient norm, update ratio
and unit saturation, each a PlotWidget the main window docks on its own.

Updates arrive ~30 times a second with a batch of per-sample metrics. `add_update` only
appends (O(batch)) into bounded stores; drawing is throttled (at most ~30 frames a second,
fewer if a frame is slow) and skips plots that are hidden (e.g. a dock tab not raised),
drawing them when they are shown. All x axes are linked and follow the run's end until
the learner pans or zooms; the "A" button of any plot follows again.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from fnnsim.ui.plots.buffer import GrowingColumns
from fnnsim.ui.plots.builder import make_curves, make_plots, show_smoothing
from fnnsim.ui.plots.drawing import DRAWERS, smoothing_window
from fnnsim.ui.plots.figure import Note
from fnnsim.ui.plots.palette import LIGHT, Theme
from fnnsim.ui.plots.series import SampleSeries, Snapshot

if TYPE_CHECKING:
    from fnnsim.training.qt_controller import TrainingUpdate

PLOT_KEYS = ("loss", "accuracy", "weight_norm", "delta_norm", "grad_norm", "update_ratio",
             "saturation")
X_UNITS = ("samples", "epochs")
TASKS = ("classification", "regression")
EPOCH_COLUMNS = ("epoch", "samples", "train_loss", "val_loss", "train_accuracy",
                 "val_accuracy")
FRAME_INTERVAL = 1 / 30  # s: the shortest time between two frames


class LivePlots(QObject):
    """Owns the live plots of one run; `reset` for a new run, `add_update` as it trains."""

    def __init__(self, parent: QObject | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(parent)
        self.theme = theme
        self.unit = "samples"
        self._plots = make_plots(PLOT_KEYS, theme)
        self._curves: dict[str, dict[str, pg.PlotDataItem]] = {k: {} for k in PLOT_KEYS}
        master = self._plots["loss"].getPlotItem()
        for key, widget in self._plots.items():
            widget.installEventFilter(self)
            item = widget.getPlotItem()
            item.enableAutoRange(x=False)  # the x range is set here: see _apply_x_range
            if key != "loss":
                item.setXLink(master)
            item.autoBtn.clicked.connect(self._on_auto_button)
        master.getViewBox().sigXRangeChanged.connect(self._on_x_range_changed)
        self._note = Note(self._plots["accuracy"], theme)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._draw_visible)
        self._interval = FRAME_INTERVAL
        self._last_frame = -np.inf
        self._stale: set[str] = set()
        self._scale_drawn = 1.0
        self._window_shown = 0
        self._moving = False
        self.frames = 0  # frames drawn since construction (for tests and diagnostics)
        self.reset(1, "classification")

    # ---- public API ----
    def widgets(self) -> dict[str, QWidget]:
        """One plot widget per key in PLOT_KEYS, to be docked by the main window."""
        return dict(self._plots)

    def titles(self) -> dict[str, str]:
        """A translated title per plot (for dock titles and menus)."""
        return {
            "loss": self.tr("Loss"),
            "accuracy": self.tr("Accuracy"),
            "weight_norm": self.tr("Weight norm ‖W‖"),
            "delta_norm": self.tr("Error signal ‖δ‖ per layer"),
            "grad_norm": self.tr("Gradient norm and clipping"),
            "update_ratio": self.tr("Update ratio ‖ΔW‖/‖W‖"),
            "saturation": self.tr("Saturated and dead units"),
        }

    def curves(self, key: str) -> dict[str, pg.PlotDataItem]:
        """The named curves of one plot (e.g. "layer 1", "train", "fired")."""
        return dict(self._curves[key])

    def note(self, key: str) -> str:
        """The message shown over a plot instead of data ("" if none)."""
        return self._note.text() if key == "accuracy" else ""

    def reset(self, depth: int, task: str, epoch_size: int | None = None,
              activations: list[str] | None = None) -> None:
        """Forget everything and prepare for a run of a network with `depth` weight layers.

        `epoch_size` (training samples per epoch) lets the epoch axis work before the first
        epoch ends (otherwise it is learnt from the updates); `activations` (f_1 … f_L), if
        given, limits the saturation plot to layers that can saturate or die.

        Updates of the previous run may still be queued: from now on, updates are ignored
        until one starts at sample 0 (the worker's first update of every run does).
        """
        if depth < 1:
            raise ValueError(f"depth must be >= 1, got {depth}")
        if task not in TASKS:
            raise ValueError(f"task must be one of {TASKS}, got {task!r}")
        if activations is not None and len(activations) != depth:
            raise ValueError(f"{len(activations)} activations for {depth} layers")
        self.depth, self.task, self.epoch_size = depth, task, epoch_size
        self._clear_data()
        self._accepting = False
        self._curves = make_curves(self._plots, self.theme, depth, activations)
        self._note.set_text("" if task == "classification" else self.tr(
            "Accuracy is measured for classification only."))
        self._follow = True
        self._stale = set(PLOT_KEYS)
        self._schedule()

    def add_update(self, update: TrainingUpdate) -> None:
        """Append an update's samples and finished epochs; draws at most one frame."""
        if update.first_sample == 0:  # a run's first update: anything held is from before
            if self.series.history.total or len(self.epochs):
                self._clear_data()
            self._accepting = True
        if not self._accepting:
            return
        metrics = update.metrics
        if len(metrics):
            if metrics.depth != self.depth:
                return  # an update of another network (reset to a new shape is pending)
            self.series.append(update.first_sample, metrics)
            self._snapshot = None
        last_epoch = self.epochs.column("epoch")[-1] if len(self.epochs) else 0
        for record in update.epochs:
            if record.epoch > last_epoch:
                self.epochs.append(
                    epoch=record.epoch, samples=record.samples,
                    train_loss=record.train_loss, val_loss=record.val_loss,
                    train_accuracy=record.train_accuracy, val_accuracy=record.val_accuracy)
                last_epoch = record.epoch
        if self.epoch_size is None and update.epoch > 0:
            size, rest = divmod(update.samples_seen - update.position, update.epoch)
            self.epoch_size = size if size > 0 and rest == 0 else None
        self._stale = set(PLOT_KEYS)
        self._schedule()

    def set_x_axis(self, unit: str) -> None:
        """Show every plot against "samples" or "epochs" (keeps a zoomed range in view)."""
        if unit not in X_UNITS:
            raise ValueError(f"unit must be one of {X_UNITS}, got {unit!r}")
        self.unit = unit
        self._stale = set(PLOT_KEYS)
        self._draw_visible()

    def refresh(self) -> None:
        """Draw every plot now, shown or not (for tests, export and screenshots)."""
        self._draw(list(PLOT_KEYS))
        self._stale.clear()

    def smoothing(self) -> int:
        """Samples in the running mean of the noisy series as last drawn (it follows the
        zoom: about 1 % of the samples in view, at least 10)."""
        return self._snapshot.window if self._snapshot is not None else 0

    def x_scale(self) -> float:
        """Plot x per sample index: 1 for samples, 1/epoch size for epochs (if known)."""
        if self.unit == "epochs" and self.epoch_size:
            return 1.0 / self.epoch_size
        return 1.0

    # ---- Qt plumbing ----
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._stale and not self._timer.isActive():
            self._timer.start(0)  # a plot that was hidden is shown: draw it
        return False

    def _on_auto_button(self) -> None:
        # after pyqtgraph's own handler, whose auto-range would end the following again
        QTimer.singleShot(0, self._follow_again)

    def _follow_again(self) -> None:
        self._follow = True
        self._moving = True  # turning pyqtgraph's x auto-range off may move the range
        try:
            for widget in self._plots.values():
                widget.getPlotItem().enableAutoRange(x=False)
        finally:
            self._moving = False
        self._stale = set(PLOT_KEYS)
        self._draw_visible()  # sets the followed range

    def _clear_data(self) -> None:
        self.series = SampleSeries(self.depth)
        self.epochs = GrowingColumns(EPOCH_COLUMNS)
        self._snapshot: Snapshot | None = None

    # ---- drawing ----
    def _schedule(self) -> None:
        """Draw now if the last frame is old enough, else once when it is."""
        if self._timer.isActive():
            return
        wait = self._interval - (time.perf_counter() - self._last_frame)
        if wait <= 0:
            self._draw_visible()
        else:
            self._timer.start(max(1, int(wait * 1000) + 1))

    def _draw_visible(self) -> None:
        keys = [k for k in PLOT_KEYS if k in self._stale and self._plots[k].isVisible()]
        if not keys:
            return
        painted = 0.0  # painting of the previous frame (it happens after _draw returns)
        for widget in self._plots.values():
            painted += widget.paint_seconds
            widget.paint_seconds = 0.0
        started = time.perf_counter()
        self._draw(keys)
        self._stale.difference_update(keys)
        self._last_frame = time.perf_counter()
        # keep drawing and painting below about half of the GUI thread's time
        self._interval = max(FRAME_INTERVAL, 2 * (self._last_frame - started + painted))

    def _draw(self, keys: list[str]) -> None:
        self._moving = True  # range changes made here are not the learner's
        try:
            scale = self.x_scale()
            if scale != self._scale_drawn:
                self._rescale_x(scale)
            self._apply_x_range()
            window = self._wanted_window()
            if self._snapshot is None or self._snapshot.window != window:
                self._snapshot = self.series.snapshot(window)
            if window != self._window_shown:
                show_smoothing(self._plots, self.theme, window)
                self._window_shown = window
            snap = self._snapshot
            x = snap.x * scale if scale != 1.0 else snap.x
            epochs_x = self.epochs.column("epoch" if scale != 1.0 else "samples")
            for key in keys:
                DRAWERS[key](self._curves[key], snap, x, self.epochs, epochs_x)
            self.frames += 1
        finally:
            self._moving = False

    def _wanted_window(self) -> int:
        """The running-mean window for the samples now in view (see smoothing_window)."""
        low, high = self._plots["loss"].getPlotItem().getViewBox().viewRange()[0]
        return smoothing_window((high - low) / self._scale_drawn)

    def _on_x_range_changed(self) -> None:
        """The x range moved, and not by _draw: the learner zoomed or panned a plot."""
        if self._moving:
            return
        self._follow = False
        snap = self._snapshot
        if snap is not None and self._wanted_window() != snap.window:
            self._stale = set(PLOT_KEYS)  # smooth over more or fewer samples
            if not self._timer.isActive():
                self._timer.start(0)  # after the zoom gesture, not in the middle of it

    def _rescale_x(self, scale: float) -> None:
        """The unit changed: relabel the axes and keep the same samples in view."""
        factor = scale / self._scale_drawn
        self._scale_drawn = scale
        label = self.tr("epochs") if scale != 1.0 else self.tr("samples")
        for widget in self._plots.values():
            widget.getPlotItem().setLabel("bottom", label)
        if not self._follow:
            lo, hi = self._plots["loss"].getPlotItem().getViewBox().viewRange()[0]
            self._plots["loss"].getPlotItem().setXRange(lo * factor, hi * factor, padding=0)
        self._stale = set(PLOT_KEYS)

    def _apply_x_range(self) -> None:
        """While following, show the whole run with ~10 % room on the right; the range
        moves only when the run outgrows it, since every move re-clips all linked plots."""
        if not self._follow:
            return
        scale = self._scale_drawn
        end = max(self.series.end - 1, 0) * scale
        if len(self.epochs):
            column = "epoch" if scale != 1.0 else "samples"
            end = max(end, float(self.epochs.column(column)[-1]))
        end = max(end, scale)
        item = self._plots["loss"].getPlotItem()
        lo, hi = item.getViewBox().viewRange()[0]
        if lo <= 0 and end <= hi <= 1.25 * end:
            return
        item.setXRange(0.0, 1.1 * end, padding=0.02)
