"""Per-unit maps: what each unit computes over the input plane (2-D inputs only).

TF Playground's best-loved view. The grid of `GRID`×`GRID` points over the input range goes
through the network in one batched pass, every layer at once, so a map costs one matrix
product per layer, never one forward pass per unit or per point.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage, QPixmap

from fnnsim.engine.activations import ACTIVATIONS
from fnnsim.ui.diagram.colors import Diverging, value_scale

GRID = 24  # points per side of a map
PADDING = 0.1  # share of the data range added on each side
MAX_MAP_UNITS = 160  # drawn units above which the maps are off (too small to read)
MIN_MAP_SIZE = 14.0  # px: nodes smaller than this get no map


def padded_bounds(X: np.ndarray) -> np.ndarray:
    """[[x_low, x_high], [y_low, y_high]] of the first two columns, 10 % wider each side."""
    bounds = []
    for column in X[:, :2].T:
        low, high = float(column.min()), float(column.max())
        span = high - low if high > low else 1.0
        bounds.append((low - PADDING * span, high + PADDING * span))
    return np.array(bounds)


def grid_points(bounds: np.ndarray, n: int = GRID) -> np.ndarray:
    """The (n·n, 2) grid over `bounds`, row-major from the top-left (high x2) of the plane:
    point [i·n + j] has x1 = xs[j] and x2 = ys[n − 1 − i], as an image's pixel (i, j)."""
    xs = np.linspace(bounds[0][0], bounds[0][1], n)
    ys = np.linspace(bounds[1][1], bounds[1][0], n)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def forward_all(weights: list[np.ndarray], biases: list[np.ndarray], activations: list[str],
                X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """z^(l) (l = 1..L) and a^(l) (l = 0..L, a^(0) = X) for every row of X, each (m, n_l):
    z^(l) = a^(l−1) W^(l)ᵀ + b^(l) for all points at once."""
    a, zs = [np.asarray(X, dtype=np.float64)], []
    with np.errstate(all="ignore"):  # a diverging net gives inf/NaN values, not warnings
        for w, b, name in zip(weights, biases, activations, strict=True):
            z = a[-1] @ w.T + b
            zs.append(z)
            if name == "softmax":
                e = np.exp(z - z.max(axis=1, keepdims=True))
                a.append(e / e.sum(axis=1, keepdims=True))
            else:
                a.append(ACTIVATIONS[name].forward(z))
    return zs, a


def map_pixmaps(values: np.ndarray, activation: str | None, colors: Diverging,
                n: int = GRID) -> list[QPixmap]:
    """One n×n pixmap per column of `values` (m = n·n points, k units), coloured on the
    layer's scale (f's range, or the layer's largest |a| for unbounded f)."""
    centre, scale = value_scale(activation, values)
    rgba = np.ascontiguousarray(colors.rgba(values.T.reshape(-1, n, n), centre, scale))
    pixmaps = []
    for image in rgba:
        qimage = QImage(image.data, n, n, 4 * n, QImage.Format.Format_RGBA8888)
        pixmaps.append(QPixmap.fromImage(qimage.copy()))  # copy: the array is temporary
    return pixmaps
