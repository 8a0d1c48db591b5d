"""The decision boundary's heatmap, computed from a network copy: pure NumPy, no Qt.

The decision-boundary view hands a `MapJob` to a helper thread and shows the `MapResult`
when it is done. The grid's forward pass is some hundred NumPy calls on 10⁴-row arrays;
in the GUI thread, each of them gave the GIL back to the training thread and had to wait
to get it again, stretching 2–6 ms of work to 20–80 ms in one GUI event.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fnnsim.engine.network import Network
from fnnsim.ui.plots.contour import level_crossings

GRID = 100  # heatmap cells per side


@dataclass(frozen=True)
class MapJob:
    """What to compute: `network` (a copy nobody else changes) over `bounds`."""

    network: Network
    bounds: np.ndarray  # ((x0, x1), (y0, y1)): the grid's first and last cell centres
    levels: tuple[float, float]  # one output: the colour map's (low, high)
    threshold: float | None  # one output: the value to draw a line at (None: no line)
    output_range: tuple[float, float]  # K outputs: the output activation's range
    palette: np.ndarray | None  # K outputs: (K, 3) RGB of each class
    neutral: np.ndarray  # (3,) RGB of "no class" (K outputs, zero confidence)


@dataclass(frozen=True)
class MapResult:
    job: MapJob
    xs: np.ndarray  # (GRID,) cell centres
    ys: np.ndarray
    values: np.ndarray  # (GRID, GRID, K) network outputs, [i, j] at (xs[i], ys[j])
    image: np.ndarray  # (GRID, GRID) values to colour, or (GRID, GRID, 4) RGBA
    threshold: tuple[np.ndarray, np.ndarray]  # segment end points, in pairs (image pixels)


def compute_map(job: MapJob) -> MapResult:
    (x0, x1), (y0, y1) = job.bounds
    xs, ys = np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID)
    gx, gy = np.meshgrid(xs, ys, indexing="ij")  # [i, j] = (xs[i], ys[j]): col-major
    out = predict(job.network, np.column_stack([gx.ravel(), gy.ravel()]))
    values = out.reshape(GRID, GRID, -1)
    no_line = (np.empty(0), np.empty(0))
    if values.shape[2] > 1:
        assert job.palette is not None
        image = class_colors(values, job.output_range, job.palette, job.neutral)
        return MapResult(job, xs, ys, values, image, no_line)
    low, high = job.levels
    scalar = values[:, :, 0]
    line = no_line
    if job.threshold is not None:
        line = level_crossings(np.nan_to_num(scalar, nan=job.threshold), job.threshold)
    image = np.nan_to_num(scalar, nan=0.5 * (low + high), posinf=high, neginf=low)
    return MapResult(job, xs, ys, values, image, line)


def class_colors(values: np.ndarray, output_range: tuple[float, float],
                 palette: np.ndarray, neutral: np.ndarray) -> np.ndarray:
    """RGBA of each cell: the argmax class's colour, stronger with a clearer margin."""
    low, high = output_range
    finite = np.where(np.isfinite(values), values, low)
    top2 = np.sort(finite, axis=2)[:, :, -2:]
    confidence = np.clip((top2[:, :, 1] - top2[:, :, 0]) / (high - low), 0.0, 1.0)
    strength = (0.15 + 0.55 * confidence)[:, :, None]
    rgb = neutral + (palette[np.argmax(finite, axis=2)] - neutral) * strength
    rgba = np.empty((*rgb.shape[:2], 4), dtype=np.ubyte)
    rgba[:, :, :3] = np.round(rgb)
    rgba[:, :, 3] = 255
    return rgba


def predict(net: Network, X: np.ndarray) -> np.ndarray:
    """Network outputs; overflow in a badly trained network must not raise."""
    with np.errstate(all="ignore"):
        return net.predict(X)
