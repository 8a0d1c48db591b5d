"""The live gradient-dynamics plots: loss, accuracy, ‖W‖, ‖δ‖, gradient norm, update ratio
and unit saturation, each a PlotWidget the main window docks on its own.

Updates arrive ~30 times a second with a batch of per-sample metrics. `add_update` only
appends (O(batch)) into bounded stores and marks the plots it changes stale; a
`FrameScheduler` draws stale plots a few per tick, round robin, so no single GUI event
draws (and then paints) them all, and skips plots that are not shown (e.g. a dock tab not
raised), drawing them when they are. All x axes are linked and follow the run's end until
the learner pans or zooms; the "A" button of any plot follows again.

A pinned run (`set_reference`) is drawn beside the live one, dashed, in every plot; its
curves are computed only when a plot's view changes (see reference.py).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from fnnsim.training.history import metric_columns
from fnnsim.ui.plots.buffer import GrowingColumns
from fnnsim.ui.plots.builder import SMOOTHED_PLOTS, make_curves, make_plots, show_smoothing
from fnnsim.ui.plots.drawing import DRAWERS, LOG_PLOTS, Frame, smoothing_window
from fnnsim.ui.plots.figure import CopyLinkedViewBox, Note, place_legend
from fnnsim.ui.plots.palette import LIGHT, Theme
from fnnsim.ui.plots.reference import ReferenceCurves, ReferenceRun, points_in_view
from fnnsim.ui.plots.schedule import FrameScheduler
from fnnsim.ui.plots.series import SampleSeries, Snapshot

if TYPE_CHECKING:
    from fnnsim.training.qt_controller import TrainingUpdate

PLOT_KEYS = ("loss", "accuracy", "weight_norm", "delta_norm", "grad_norm", "update_ratio",
             "saturation")
SAMPLE_PLOTS = tuple(k for k in PLOT_KEYS if k != "accuracy")  # drawn from sample metrics
EPOCH_PLOTS = ("loss", "accuracy")  # drawn from epoch records
X_UNITS = ("samples", "epochs")
TASKS = ("classification", "regression")
EPOCH_COLUMNS = ("epoch", "samples", "train_loss", "val_loss", "train_accuracy",
                 "val_accuracy")
DEFAULT_COLUMNS = 600  # pixels assumed for a plot not laid out yet


class LivePlots(QObject):
    """Owns the live plots of one run; `reset` for a new run, `add_update` as it trains."""

    def __init__(self, parent: QObject | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(parent)
        self.theme = theme
        self.unit = "samples"
        self._plots = make_plots(PLOT_KEYS, theme)
        self._curves: dict[str, dict[str, pg.GraphicsObject]] = {k: {} for k in PLOT_KEYS}
        master = self._plots["loss"].getPlotItem()
        for key, widget in self._plots.items():
            widget.installEventFilter(self)
            item = widget.getPlotItem()
            item.enableAutoRange(x=False)  # the x range is set here: see _update_follow_range
            if key != "loss":
                item.setXLink(master)
            item.autoBtn.clicked.connect(self._on_auto_button)
        master.getViewBox().sigXRangeChanged.connect(self._on_x_range_changed)
        self._note = Note(self._plots["accuracy"], theme)
        self._frames = FrameScheduler(PLOT_KEYS, self, self)
        # (bound methods and event filters only: no reference cycle through self, so the
        # plots are deleted when dropped, in this thread, not by the cycle collector)
        self._key_of: dict[QObject, str] = {}
        for key, widget in self._plots.items():
            widget.viewport().installEventFilter(self)  # paints: see eventFilter
            view = widget.getPlotItem().getViewBox()
            view.sigResized.connect(self._on_view_resized)  # more or fewer pixels
            self._key_of[widget.viewport()] = self._key_of[view] = key
        self._scale_drawn = 1.0
        self._window_shown = dict.fromkeys(SMOOTHED_PLOTS, 0)  # smoothing in each title
        self._follow_range: tuple[float, float] | None = None  # x range while following
        self._moving = False
        self.frames = 0  # plots drawn since construction (for tests and diagnostics)
        self._reference_run: ReferenceRun | None = None
        self._reference: ReferenceCurves | None = None
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

    def curves(self, key: str) -> dict[str, pg.GraphicsObject]:
        """The named curves of one plot (e.g. "layer 1", "train", "fired"): PlotCurveItems
        for per-sample series, PlotDataItems for the epochs and the clipping markers."""
        return dict(self._curves[key])

    def curve_data(self, key: str, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) a curve was last given, y in the metric's units (empty if none)."""
        curve = self._curves[key][name]
        x, y = curve.xData, curve.yData
        if x is None:
            return np.empty(0), np.empty(0)
        x, y = np.asarray(x), np.asarray(y)
        if key in LOG_PLOTS and isinstance(curve, pg.PlotCurveItem):
            y = 10.0 ** y  # (it was handed log10 y: see drawing.show)
        return x, y

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
        # (make_curves emptied the plots, A's curves too: A is drawn anew)
        self._reference = (ReferenceCurves(self._reference_run, self._plots, self.theme)
                           if self._reference_run is not None else None)
        self._note.set_text("" if task == "classification" else self.tr(
            "Accuracy is measured for classification only."))
        self._follow, self._follow_range = True, None
        self._frames.request()

    def set_reference(self, run: ReferenceRun) -> None:
        """Draw `run` (a pinned run, A) beside the live one in every plot, until cleared."""
        if self._reference is not None:
            self._reference.remove()
        self._reference_run = run
        self._reference = ReferenceCurves(run, self._plots, self.theme)
        self._follow_range = None
        self._frames.request(soon=True)

    def clear_reference(self) -> None:
        if self._reference is not None:
            self._reference.remove()
        self._reference_run = self._reference = None
        self._follow_range = None
        self._frames.request(soon=True)

    def set_reference_label(self, text: str) -> None:
        """The pinned run's legend entry, e.g. "A: activation tanh → relu"."""
        if self._reference_run is None or self._reference is None:
            return
        self._reference_run = dataclasses.replace(self._reference_run, label=text)
        self._reference.set_label(text)

    def reference(self) -> ReferenceCurves | None:
        """The pinned run's curves (None if none is pinned)."""
        return self._reference

    def add_update(self, update: TrainingUpdate) -> None:
        """Append an update's samples and finished epochs; the plots they change are
        drawn on the next frames (none here)."""
        if update.first_sample == 0:  # a run's first update: anything held is from before
            if self.series.total or len(self.epochs):
                self._clear_data()
            self._accepting = True
        if not self._accepting:
            return
        metrics = update.metrics
        changed: set[str] = set()
        if update.summary is not None and self.series.total == 0:  # a reopened run's start
            width, sums = update.summary
            names = metric_columns(self.depth)
            if sums.shape[1] == len(names):  # (else a run of another network)
                self.series.seed(width, sums, names)
                self._snapshot = None
                changed.update(SAMPLE_PLOTS)
        if len(metrics):
            if metrics.depth != self.depth:
                return  # an update of another network (reset to a new shape is pending)
            self.series.append(update.first_sample, metrics)
            self._snapshot = None
            changed.update(SAMPLE_PLOTS)
        last_epoch = self.epochs.column("epoch")[-1] if len(self.epochs) else 0
        for record in update.epochs:
            if record.epoch > last_epoch:
                self.epochs.append(
                    epoch=record.epoch, samples=record.samples,
                    train_loss=record.train_loss, val_loss=record.val_loss,
                    train_accuracy=record.train_accuracy, val_accuracy=record.val_accuracy)
                last_epoch = record.epoch
                changed.update(EPOCH_PLOTS)
        if self.epoch_size is None and update.epoch > 0:
            size, rest = divmod(update.samples_seen - update.position, update.epoch)
            self.epoch_size = size if size > 0 and rest == 0 else None
        if changed:
            self._frames.request(changed)

    def set_x_axis(self, unit: str) -> None:
        """Show every plot against "samples" or "epochs" (keeps a zoomed range in view)."""
        if unit not in X_UNITS:
            raise ValueError(f"unit must be one of {X_UNITS}, got {unit!r}")
        self.unit = unit
        self._frames.request(soon=True)

    def refresh(self) -> None:
        """Draw every plot now, shown or not (for tests, export and screenshots)."""
        self._draw(list(PLOT_KEYS))

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
        kind = event.type()
        if kind == QEvent.Type.Show and self._frames.stale:
            self._frames.schedule(soon=True)  # a plot that was hidden is shown: draw it
        elif kind == QEvent.Type.Paint and self._key_of.get(watched) in self._frames.stale:
            # a stale plot paints: it may just have come into view (a dock tab was raised,
            # which sends no Show event), so draw it soon
            self._frames.schedule(soon=True)
        return False

    def _on_view_resized(self, view: pg.ViewBox) -> None:
        key = self._key_of.get(view)
        if key is not None:
            if self._reference is not None:
                self._reference.fit_label(key)
            self._frames.request((key,))

    # the FrameScheduler's questions
    def draw_plot(self, key: str) -> None:
        self._draw([key])

    def plot_shown(self, key: str) -> bool:
        """Is any of the plot on screen? (Not in a dock tab that is not raised, say.)"""
        widget = self._plots[key]  # (its viewport covers it: its own region is empty)
        return (shiboken6.isValid(widget) and widget.isVisible()
                and not widget.viewport().visibleRegion().isEmpty())

    def take_paint_seconds(self, key: str) -> float:
        widget = self._plots[key]
        seconds, widget.paint_seconds = widget.paint_seconds, 0.0
        return seconds

    def _on_auto_button(self) -> None:
        # after pyqtgraph's own handler, whose auto-range would end the following again
        QTimer.singleShot(0, self._follow_again)

    def _follow_again(self) -> None:
        self._follow, self._follow_range = True, None
        self._moving = True  # turning pyqtgraph's x auto-range off may move the range
        try:
            for widget in self._plots.values():
                widget.getPlotItem().enableAutoRange(x=False)
        finally:
            self._moving = False
        self._frames.request(soon=True)  # the next frame sets the followed range

    def _clear_data(self) -> None:
        self.series = SampleSeries(self.depth)
        self.epochs = GrowingColumns(EPOCH_COLUMNS)
        self._snapshot: Snapshot | None = None

    # ---- drawing ----
    def _draw(self, keys: list[str]) -> None:
        self._moving = True  # range changes made here are not the learner's
        try:
            scale = self.x_scale()
            if scale != self._scale_drawn:
                self._rescale_x(scale)
            self._update_follow_range()
            epochs_x = self.epochs.column("epoch" if scale != 1.0 else "samples")
            for key in keys:
                view = self._plots[key].getPlotItem().getViewBox()
                if self._follow_range is not None:
                    self._show_x_range(view, self._follow_range)
                (low, high), width = view.viewRange()[0], int(view.width())
                window = smoothing_window((high - low) / scale)
                if self._snapshot is None or self._snapshot.window != window:
                    self._snapshot = self.series.snapshot(window)
                if key in SMOOTHED_PLOTS and window != self._window_shown[key]:
                    show_smoothing(self._plots[key], self.theme, window)
                    self._window_shown[key] = window
                snap = self._snapshot
                x = snap.x * scale if scale != 1.0 else snap.x
                frame = Frame(snap, x, self.epochs, epochs_x, low, high,
                              width if width > 1 else DEFAULT_COLUMNS)
                DRAWERS[key](self._curves[key], frame)
                if self._reference is not None:
                    self._reference.draw(key, low, high, frame.columns, scale, window)
                points = self._points(key)
                if view.autoRangeEnabled()[1]:
                    self._fit_y(view, points, low, high)
                place_legend(self._plots[key], points)
                view.prepareForPaint()  # settle the view now: the plot paints once
                self._frames.stale.discard(key)
                self.frames += 1
        finally:
            self._moving = False

    def _points(self, key: str) -> list[tuple[np.ndarray, np.ndarray]]:
        """(x, y) of the plot's shown curves, the pinned run's too, in view coordinates."""
        curves = dict(self._curves[key])
        if self._reference is not None:
            curves.update({f"A {n}": c for n, c in self._reference.curves[key].items()})
        return points_in_view(curves, key in LOG_PLOTS)

    @staticmethod
    def _fit_y(view: CopyLinkedViewBox, points: list[tuple[np.ndarray, np.ndarray]],
               low: float, high: float) -> None:
        """Fit the y range to what the plot's shown curves (`points`) hold in [low, high]."""
        lowest, highest = np.inf, -np.inf
        for x, y in points:
            start, stop = np.searchsorted(x, (low, high))
            y = y[start:stop + 1 if stop < len(x) and x[stop] == high else stop]
            y = y[np.isfinite(y)]
            if len(y) == 0:
                continue
            lowest, highest = min(lowest, float(y.min())), max(highest, float(y.max()))
        if lowest <= highest:
            view.fit_y(lowest, highest)

    def _show_x_range(self, view: pg.ViewBox, x_range: tuple[float, float]) -> None:
        """Give one plot this x range, without its linked plots following: while the run
        is followed each plot takes the new range when it is drawn, so a range that moves
        does not repaint every plot in one event."""
        low, high = view.viewRange()[0]
        if abs(low - x_range[0]) + abs(high - x_range[1]) <= 1e-9 * (high - low):
            return
        views = [w.getPlotItem().getViewBox() for w in self._plots.values()]
        for v in views:
            v.blockLink(True)
        try:
            view.setXRange(*x_range, padding=0)
        finally:
            for v in views:
                v.blockLink(False)

    def _on_x_range_changed(self) -> None:
        """The x range moved, and not by _draw: the learner zoomed or panned a plot."""
        if self._moving:
            return
        self._follow = False
        # every curve holds only what was in view: draw them for the new range (and maybe
        # another smoothing window), after the zoom gesture, not in the middle of it
        self._frames.request(soon=True)

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
        self._follow_range = None
        self._frames.stale.update(PLOT_KEYS)

    def _update_follow_range(self) -> None:
        """While following, show the whole run with ~10 % room on the right; the range
        moves only when the run outgrows it (then every plot is stale: each curve holds
        only what was in view)."""
        if not self._follow:
            self._follow_range = None
            return
        scale = self._scale_drawn
        end = max(self.series.end - 1, 0) * scale
        if len(self.epochs):
            column = "epoch" if scale != 1.0 else "samples"
            end = max(end, float(self.epochs.column(column)[-1]))
        if self._reference is not None:  # A's whole run stays in view
            end = max(end, self._reference.end(scale))
        end = max(end, scale)
        if self._follow_range is not None:
            lo, hi = self._follow_range
            if lo <= 0 and end <= hi <= 1.25 * end:
                return
        span = 1.1 * end
        self._follow_range = (-0.02 * span, 1.02 * span)  # [0, 1.1·end], 2 % padding
        self._frames.stale.update(PLOT_KEYS)
