"""What each live plot draws: from a `Snapshot` and the epoch table to its curves' data.

One function per plot key, all with the same signature, so `LivePlots` only decides when
and which plots to draw. Noisy per-sample series are drawn as a running mean whose window
follows the zoom (`smoothing_window`): about 1 % of the samples in view, so a whole run
reads as clean lines and a close-up shows the spread of single samples. ‖W‖ changes slowly and
is drawn as it is.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg

from fnnsim.ui.plots.buffer import GrowingColumns
from fnnsim.ui.plots.series import Snapshot, drop_unplottable

MIN_SMOOTHING = 10  # samples: the shortest running mean
SPAN_PER_WINDOW = 100  # a visible span of n samples is smoothed over about n / 100
LOG_PLOTS = frozenset({"delta_norm", "grad_norm", "update_ratio"})

Curves = dict[str, pg.PlotDataItem]


def smoothing_window(span: float) -> int:
    """Samples in the running mean for a visible span of `span` samples: a 1-2-5 number
    (10, 20, 50, 100, …), so it changes seldom and reads well in a title."""
    target = max(MIN_SMOOTHING, span / SPAN_PER_WINDOW)
    decade = 10 ** math.floor(math.log10(target))
    return next(int(step * decade) for step in (5, 2, 1) if step * decade <= target)


def set_curve(curve: pg.PlotDataItem, x: np.ndarray, y: np.ndarray, log: bool = False) -> None:
    curve.setData(*drop_unplottable(x, y, log))


def draw_loss(c: Curves, snap: Snapshot, x: np.ndarray, epochs: GrowingColumns,
              ex: np.ndarray) -> None:
    set_curve(c["sample"], x, snap.smoothed("loss"))
    set_curve(c["train"], ex, epochs.column("train_loss"))
    set_curve(c["validation"], ex, epochs.column("val_loss"))


def draw_accuracy(c: Curves, snap: Snapshot, x: np.ndarray, epochs: GrowingColumns,
                  ex: np.ndarray) -> None:
    set_curve(c["train"], ex, epochs.column("train_accuracy"))
    set_curve(c["validation"], ex, epochs.column("val_accuracy"))


def layer_drawer(metric: str, smooth: bool) -> Callable[..., None]:
    """A drawer of one curve per layer ("layer 1", …) of a per-layer metric."""
    log = metric in LOG_PLOTS

    def draw(c: Curves, snap: Snapshot, x: np.ndarray, epochs: GrowingColumns,
             ex: np.ndarray) -> None:
        for name, curve in c.items():
            column = f"{metric}_{name.split()[1]}"
            y = snap.smoothed(column) if smooth else snap.column(column)
            set_curve(curve, x, y, log)

    return draw


def draw_grad_norm(c: Curves, snap: Snapshot, x: np.ndarray, epochs: GrowingColumns,
                   ex: np.ndarray) -> None:
    raw = snap.column("grad_norm")
    fired = snap.column("clipped") > 0  # bucket means: clipping fired at least once
    set_curve(c["raw"], x, snap.smoothed("grad_norm"), log=True)
    set_curve(c["clipped"], x, snap.smoothed("grad_norm_clipped"), log=True)
    set_curve(c["fired"], x[fired], raw[fired], log=True)  # each clipped sample's own ‖g‖


def draw_saturation(c: Curves, snap: Snapshot, x: np.ndarray, epochs: GrowingColumns,
                    ex: np.ndarray) -> None:
    for name, curve in c.items():  # "saturated 2", "dead 1", …
        kind, layer = name.split()
        set_curve(curve, x, snap.smoothed(f"{kind}_{layer}"))


DRAWERS: dict[str, Callable[..., None]] = {
    "loss": draw_loss,
    "accuracy": draw_accuracy,
    "weight_norm": layer_drawer("weight_norm", smooth=False),
    "delta_norm": layer_drawer("delta_norm", smooth=True),
    "grad_norm": draw_grad_norm,
    "update_ratio": layer_drawer("update_ratio", smooth=True),
    "saturation": draw_saturation,
}
