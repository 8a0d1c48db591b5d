"""The colours of every plot in one place, so a dark theme is one more `Theme` value.

Class colours come from a qualitative palette: the ten Tableau colours while they last
(readable on light and dark backgrounds), then hue × brightness steps of
`pyqtgraph.intColor`, which keep up to ~30 series apart. Layers use the Tableau colours up to
ten; a deeper network's layers run along a sequential colour map from the first layer to
the last, so that the layers of a deep net read in order (the ‖δ‖ of a vanishing gradient
stacks up as a colour gradient) and one colour strip labels them all (figure.LayerKey).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtGui import QColor

TABLEAU10 = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)
LAYER_MAP = "plasma"  # perceptually uniform, dark blue → yellow


@dataclass(frozen=True)
class Theme:
    """Colours that are not per series: background, text, and the fixed series."""

    background: str
    foreground: str  # axes, ticks, labels
    grid_alpha: float
    legend_brush: tuple[int, int, int, int]
    train: str  # per-epoch training series
    validation: str  # per-epoch validation series
    sample: str  # per-sample series (e.g. the running-mean loss)
    raw_gradient: str  # global gradient norm before clipping
    clipped_gradient: str  # … and after clipping
    clip_marker: str  # dots at the samples where clipping fired
    neutral: str  # heatmap midpoint (decision threshold)
    curve: str  # the network's output over a 1-D input
    layer_map: tuple[float, float] = (0.0, 0.85)  # the part of LAYER_MAP a deep net uses


LIGHT = Theme(
    background="#ffffff", foreground="#202020", grid_alpha=0.25,
    legend_brush=(255, 255, 255, 170), train="#1f77b4", validation="#d62728",
    sample="#7fa7cf", raw_gradient="#7f7f7f", clipped_gradient="#1f77b4",
    clip_marker="#d62728", neutral="#ffffff", curve="#ff7f0e",
)
DARK = Theme(
    background="#1e1e1e", foreground="#dddddd", grid_alpha=0.3,
    legend_brush=(30, 30, 30, 170), train="#5fa8e8", validation="#ff6b6b",
    sample="#4f7fae", raw_gradient="#a0a0a0", clipped_gradient="#5fa8e8",
    clip_marker="#ff6b6b", neutral="#1e1e1e", curve="#ffa040", layer_map=(0.2, 1.0),
)


def series_colors(n: int) -> list[QColor]:
    """n distinguishable colours, e.g. one per layer or per class."""
    if n <= len(TABLEAU10):
        return [QColor(c) for c in TABLEAU10[:n]]
    values = 3 if n > 20 else 2
    hues = math.ceil(n / values)
    return [pg.intColor(i, hues=hues, values=values, minValue=110, maxValue=235)
            for i in range(n)]


def layer_colors(n: int, theme: Theme) -> list[QColor]:
    """One colour per layer 1..n: the Tableau colours for up to ten layers, else n steps
    along LAYER_MAP (the part of it that reads on the theme's background)."""
    if n <= len(TABLEAU10):
        return series_colors(n)
    low, high = theme.layer_map
    cmap = pg.colormap.get(LAYER_MAP)
    return [cmap.map(low + (high - low) * i / (n - 1), mode="qcolor") for i in range(n)]


def blend(color: QColor | str, toward: QColor | str, amount: float) -> QColor:
    """`color` moved `amount` (0..1) of the way to `toward` (e.g. lighten toward white)."""
    a, b = QColor(color), QColor(toward)
    mix = [round(x + (y - x) * amount) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3],
                                                          strict=True)]
    return QColor(*mix)
