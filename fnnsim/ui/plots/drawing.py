"""What each live plot draws: from a `Snapshot` and the epoch table to its curves' data.

One function per plot key, all with the same signature, so `LivePlots` only decides when
and which plots to draw. Noisy per-sample series are drawn as a running mean whose window
follows the zoom (`smoothing_window`): about 1 % of the samples in view, so a whole run
reads as clean lines and a close-up shows the spread of single samples. ‖W‖ changes slowly and
is drawn as it is.

Every curve is handed only what its plot can show: the points in view, and where more
than two fall into one pixel column, that column's lowest and highest (`envelope`) — so a
spike stays visible while pyqtgraph never gets more than ~2 points per pixel to process
and paint. A running mean is smooth over several pixels: it gets a point every other
column, and is only computed there (`smooth_points`). A plot's curves are computed together. The
epochs' markers give way to plain lines once they would crowd each other.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg

from fnnsim.ui.plots.buffer import GrowingColumns
from fnnsim.ui.plots.series import Snapshot, drop_unplottable

MIN_SMOOTHING = 10  # samples: the shortest running mean
SPAN_PER_WINDOW = 100  # a visible span of n samples is smoothed over about n / 100
LOG_PLOTS = frozenset({"delta_norm", "grad_norm", "update_ratio"})
EPOCH_MARKER = "o"  # the epochs' symbol, while they are few enough to tell apart
PIXELS_PER_MARKER = 8  # epoch markers are shown while at least this far apart on average
PIXELS_PER_SMOOTH_POINT = 2  # a running mean gets a point every this many pixel columns

Curves = dict[str, pg.GraphicsObject]  # a plot's PlotCurveItems and PlotDataItems


@dataclass(frozen=True)
class Frame:
    """Everything a drawer needs: the data, in plot x units, and what the plot shows."""

    snap: Snapshot
    x: np.ndarray  # snap.x in the plots' x unit
    epochs: GrowingColumns
    epochs_x: np.ndarray  # each epoch's end in the plots' x unit
    low: float  # the x range in view
    high: float
    columns: int  # the plot's width in pixels


def smoothing_window(span: float) -> int:
    """Samples in the running mean for a visible span of `span` samples: a 1-2-5 number
    (10, 20, 50, 100, …), so it changes seldom and reads well in a title."""
    target = max(MIN_SMOOTHING, span / SPAN_PER_WINDOW)
    decade = 10 ** math.floor(math.log10(target))
    return next(int(step * decade) for step in (5, 2, 1) if step * decade <= target)


def visible(x: np.ndarray, low: float, high: float) -> slice:
    """The points of a sorted x in [low, high], and one more on each side (so a line
    reaches the edge of the plot)."""
    start = max(0, int(np.searchsorted(x, low, "left")) - 1)
    stop = min(len(x), int(np.searchsorted(x, high, "right")) + 1)
    return slice(start, max(start, stop))


def column_starts(x: np.ndarray, low: float, high: float, columns: int) -> np.ndarray:
    """Where each pixel column's points start in a sorted x (the points beyond either
    side of [low, high] count as one more column each)."""
    column = np.floor((x - low) * (columns / (high - low)))
    np.clip(column, -1, columns, out=column)
    return np.concatenate([[0], np.flatnonzero(np.diff(column)) + 1])


def envelope(x: np.ndarray, rows: np.ndarray, low: float, high: float,
             columns: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(x, y) of each row of `rows` (k, n) — all finite — decimated: the points in view
    (see `visible`) and, of each pixel column holding more than two, only its lowest and
    highest point, in their order (a min/max envelope: a spike stays), plus the first and
    last point, so the line reaches both ends."""
    part = visible(x, low, high)
    x, rows = x[part], rows[:, part]
    n = len(x)
    if n <= 2 * columns or not high > low:
        return [(x, y) for y in rows]
    starts = column_starts(x, low, high, columns)
    lowest = np.minimum.reduceat(rows, starts, axis=1)
    highest = np.maximum.reduceat(rows, starts, axis=1)
    which = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, n)))
    index = np.arange(n)
    at_low = np.minimum.reduceat(np.where(rows == lowest[:, which], index, n), starts, axis=1)
    at_high = np.minimum.reduceat(np.where(rows == highest[:, which], index, n), starts,
                                  axis=1)
    picks = np.sort(np.stack([at_low, at_high], axis=2), axis=2).reshape(len(rows), -1)
    out = []
    for y, pick in zip(rows, picks, strict=True):
        pick = np.concatenate([[0], pick, [n - 1]])
        pick = pick[np.concatenate([[True], np.diff(pick) > 0])]  # each point once
        out.append((x[pick], y[pick]))
    return out


def decimate(x: np.ndarray, y: np.ndarray, low: float, high: float,
             columns: int) -> tuple[np.ndarray, np.ndarray]:
    """One series' `envelope` (y finite)."""
    return envelope(x, y[None, :], low, high, columns)[0]


def smooth_points(f: Frame) -> np.ndarray:
    """Indices into f.x of the points a running mean is drawn with: those in view, at
    most the first of every PIXELS_PER_SMOOTH_POINT pixel columns, and the last. (The
    mean is over ≥ 1 % of the span in view, ≥ 6 pixels: a chord every 2 pixels follows
    it; and each segment of a line wider than a pixel costs Qt a polygon to fill.)"""
    part = visible(f.x, f.low, f.high)
    index = np.arange(part.start, part.stop)
    bins = max(1, f.columns // PIXELS_PER_SMOOTH_POINT)
    if len(index) <= bins or not f.high > f.low:
        return index
    pick = column_starts(f.x[part], f.low, f.high, bins)
    if pick[-1] != len(index) - 1:
        pick = np.append(pick, len(index) - 1)
    return index[pick]


def show(curve: pg.GraphicsObject, x: np.ndarray, y: np.ndarray, log: bool) -> None:
    """Hand a curve its points (finite, > 0 on a log axis): a PlotCurveItem is not told
    about log axes, so it gets log10(y); a PlotDataItem maps them itself."""
    if log and isinstance(curve, pg.PlotCurveItem):
        y = np.log10(y)
    curve.setData(x, y)


def set_smoothed(curves: Curves, f: Frame, log: bool = False) -> None:
    """Curves of running means, named by their metric column, drawn together."""
    at = smooth_points(f)
    x = f.x[at]
    for curve, y in zip(curves.values(), f.snap.smoothed_rows(list(curves), at), strict=True):
        show(curve, *drop_unplottable(x, y, log), log)


def set_raw(curves: Curves, f: Frame, log: bool = False) -> None:
    """Curves of the columns as they are (named by their metric column), decimated
    together when every value can be drawn, one by one when some cannot."""
    rows = f.snap.rows(list(curves))
    plottable = np.isfinite(rows) & (rows > 0) if log else np.isfinite(rows)
    if plottable.all():
        for curve, xy in zip(curves.values(), envelope(f.x, rows, f.low, f.high, f.columns),
                             strict=True):
            show(curve, *xy, log)
        return
    for curve, y in zip(curves.values(), rows, strict=True):
        set_curve(curve, f, f.x, y, log)


def set_curve(curve: pg.GraphicsObject, f: Frame, x: np.ndarray, y: np.ndarray,
              log: bool = False, pixels: int = 1) -> None:
    """Hand a curve (x, y) decimated to a min/max pair per `pixels` pixel columns."""
    x, y = drop_unplottable(x, y, log)
    show(curve, *decimate(x, y, f.low, f.high, max(1, f.columns // pixels)), log)


def set_epoch_curve(curve: pg.PlotDataItem, f: Frame, y: np.ndarray) -> None:
    """Per-epoch values as a line, with a marker per epoch while they are few in view."""
    x, y = drop_unplottable(f.epochs_x, y, False)
    part = visible(x, f.low, f.high)
    markers = part.stop - part.start <= max(1, f.columns // PIXELS_PER_MARKER)
    if markers != (curve.opts["symbol"] is not None):
        curve.setSymbol(EPOCH_MARKER if markers else None)
    # a min/max pair per 2 pixel columns: the 2-pixel-wide line covers them both
    curve.setData(*decimate(x, y, f.low, f.high, max(1, f.columns // 2)))


def draw_loss(c: Curves, f: Frame) -> None:
    set_smoothed({"loss": c["sample"]}, f)
    set_epoch_curve(c["train"], f, f.epochs.column("train_loss"))
    set_epoch_curve(c["validation"], f, f.epochs.column("val_loss"))


def draw_accuracy(c: Curves, f: Frame) -> None:
    set_epoch_curve(c["train"], f, f.epochs.column("train_accuracy"))
    set_epoch_curve(c["validation"], f, f.epochs.column("val_accuracy"))


def layer_drawer(metric: str, smooth: bool) -> Callable[[Curves, Frame], None]:
    """A drawer of one curve per layer ("layer 1", …) of a per-layer metric."""
    log = metric in LOG_PLOTS

    def draw(c: Curves, f: Frame) -> None:
        by_column = {f"{metric}_{name.split()[1]}": curve for name, curve in c.items()}
        (set_smoothed if smooth else set_raw)(by_column, f, log)

    return draw


def draw_grad_norm(c: Curves, f: Frame) -> None:
    set_smoothed({"grad_norm": c["raw"], "grad_norm_clipped": c["clipped"]}, f, log=True)
    raw, clipped = f.snap.rows(["grad_norm", "clipped"])
    fired = clipped > 0  # bucket means: clipping fired at least once
    # each clipped sample's own ‖g‖ (4-pixel dots: the lowest and highest per 2 pixels)
    set_curve(c["fired"], f, f.x[fired], raw[fired], log=True, pixels=2)


def draw_saturation(c: Curves, f: Frame) -> None:
    # "saturated 2", "dead 1", … → columns "saturated_2", "dead_1", …
    set_smoothed({name.replace(" ", "_"): curve for name, curve in c.items()}, f)


DRAWERS: dict[str, Callable[[Curves, Frame], None]] = {
    "loss": draw_loss,
    "accuracy": draw_accuracy,
    "weight_norm": layer_drawer("weight_norm", smooth=False),
    "delta_norm": layer_drawer("delta_norm", smooth=True),
    "grad_norm": draw_grad_norm,
    "update_ratio": layer_drawer("update_ratio", smooth=True),
    "saturation": draw_saturation,
}
