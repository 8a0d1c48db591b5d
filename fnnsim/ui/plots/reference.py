"""A pinned run (A) drawn beside the live one (B): the same curves, dashed and dimmer.

A's data never changes, so its curves are computed only when what a plot shows changes —
its x range, width in pixels, x unit or smoothing window — and then with the live plots'
own drawers (drawing.DRAWERS), so A is decimated per pixel column and smoothed exactly as
B is. While nothing of that changes, drawing a plot costs A nothing but the painting.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from fnnsim.ui.plots.buffer import GrowingColumns
from fnnsim.ui.plots.builder import Curves, add_curves, dim
from fnnsim.ui.plots.drawing import DRAWERS, Frame
from fnnsim.ui.plots.figure import discard, fit_legend, pen
from fnnsim.ui.plots.palette import Theme
from fnnsim.ui.plots.series import SampleSeries, Snapshot

REFERENCE_Z = -1  # behind the live curves (which are at z 0)
WIDE_PLOT = 360  # pixels: a narrower plot's legend names A by its letter only


@dataclass(frozen=True)
class ReferenceRun:
    """What the plots keep of a pinned run: its per-sample store and epoch table (copies,
    never appended to again), and how to draw them."""

    series: SampleSeries
    epochs: GrowingColumns
    epoch_size: int | None  # training samples per epoch (for the epochs x axis)
    depth: int
    activations: list[str] | None
    label: str  # its legend entry, e.g. "A: activation tanh → relu"


class ReferenceCurves:
    """A's curves in every plot, and one legend row per plot naming A."""

    def __init__(self, run: ReferenceRun, plots: dict[str, pg.PlotWidget],
                 theme: Theme) -> None:
        self.run = run
        self._plots = plots
        self.curves: Curves = add_curves(plots, theme, run.depth, run.activations,
                                         reference=True)
        for items in self.curves.values():
            for item in items.values():
                item.setZValue(REFERENCE_Z)
        # A's clipping markers are left out: a scatter of dots costs more to paint than
        # all of A's lines (see bench/reference_plots.py), and A's gradient norm after
        # clipping already shows where it was capped
        self.curves["grad_norm"]["fired"].setVisible(False)
        self.text = run.label
        self._samples = {}  # plot key -> the legend row's sample (a line not in any plot)
        for key, widget in plots.items():
            sample = pg.PlotDataItem(pen=pen(dim(theme.foreground, theme), 1.0, dashed=True))
            widget.getPlotItem().legend.addItem(sample, self._shown_text(key))
            self._samples[key] = sample
            fit_legend(widget)
        self._drawn: dict[str, tuple[float, ...]] = {}  # key -> what its curves show
        self._snapshot: Snapshot | None = None
        self.draws = 0  # plots whose A curves were computed (for tests and diagnostics)

    def set_label(self, text: str) -> None:
        """A's legend entry: in full where the plot is wide enough, else just "A"."""
        self.text = text
        for key in self._samples:
            self.fit_label(key)

    def fit_label(self, key: str) -> None:
        """Show the entry that fits the plot's width now (after a resize, say)."""
        text = self._shown_text(key)
        legend = self._plots[key].getPlotItem().legend
        for item, label in legend.items:
            if item.item is self._samples[key] and label.text != text:
                label.setText(text)
                legend.updateSize()

    def _shown_text(self, key: str) -> str:
        view = self._plots[key].getPlotItem().getViewBox()
        # (a plot not laid out yet counts as wide)
        if view.width() <= 1 or view.width() >= WIDE_PLOT:
            return self.text
        return QCoreApplication.translate("LivePlots", "A")

    def label(self, key: str) -> str:
        legend = self._plots[key].getPlotItem().legend
        return next(label.text for item, label in legend.items
                    if item.item is self._samples[key])

    def scale(self, live_scale: float) -> float:
        """Plot x per sample of A: per A's own epoch size when the plots show epochs."""
        if live_scale != 1.0 and self.run.epoch_size:
            return 1.0 / self.run.epoch_size
        return 1.0

    def end(self, live_scale: float) -> float:
        """A's last x (sample or epoch) in plot units."""
        scale = self.scale(live_scale)
        end = max(self.run.series.end - 1, 0) * scale
        if len(self.run.epochs):
            column = "epoch" if scale != 1.0 else "samples"
            end = max(end, float(self.run.epochs.column(column)[-1]))
        return end

    def draw(self, key: str, low: float, high: float, columns: int, live_scale: float,
             window: int) -> bool:
        """Give A's curves of one plot what the plot shows, unless they have it already;
        True if they were computed."""
        shown = (low, high, float(columns), live_scale, float(window))
        if self._drawn.get(key) == shown:
            return False
        if self._snapshot is None or self._snapshot.window != window:
            self._snapshot = self.run.series.snapshot(window)  # valid for good: A is static
        snap, scale = self._snapshot, self.scale(live_scale)
        epochs_x = self.run.epochs.column("epoch" if scale != 1.0 else "samples")
        x = snap.x * scale if scale != 1.0 else snap.x
        DRAWERS[key](self.curves[key], Frame(snap, x, self.run.epochs, epochs_x, low, high,
                                             columns))
        self._drawn[key] = shown
        self.draws += 1
        return True

    def remove(self) -> None:
        """Take A's curves and legend rows out of the plots, and delete them."""
        items: list[object] = []
        for key, widget in self._plots.items():
            plot = widget.getPlotItem()
            for curve in self.curves[key].values():
                plot.removeItem(curve)
                items.append(curve)
            legend = plot.legend
            for sample, label in list(legend.items):
                if sample.item is self._samples[key]:
                    legend.removeItem(sample.item)
                    items += [sample, label, sample.item]
            fit_legend(widget)
        discard(items)
        self.curves = {key: {} for key in self._plots}


def points_in_view(curves: dict[str, pg.GraphicsObject], log: bool
                   ) -> list[tuple[np.ndarray, np.ndarray]]:
    """(x, y) of each shown curve in view coordinates (log10 y on a log axis: a
    PlotCurveItem holds it already, a PlotDataItem holds data units)."""
    out = []
    for curve in curves.values():
        x, y = curve.xData, curve.yData
        if not curve.isVisible() or x is None or len(x) == 0:
            continue
        if log and not isinstance(curve, pg.PlotCurveItem):
            with np.errstate(divide="ignore", invalid="ignore"):
                y = np.log10(y)
        out.append((np.asarray(x), np.asarray(y)))
    return out
