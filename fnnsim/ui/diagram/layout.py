"""Where the diagram's nodes and edges go, and which of them are drawn at all (no Qt).

A layer wider than `MAX_NODES` shows only its most important units (the largest weights in
and out), in index order, with a "… +N" marker. Edges share a budget of `MAX_EDGES`: a
layer pair that does not fit its share draws its top-k weights by |w|, chosen afresh on
every redraw. So a 784-128-64-10 or a 30-layer net costs at most a few thousand items.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_NODES = 32  # units drawn per layer
MAX_EDGES = 2000  # edges drawn in all
MARGIN = 10.0  # px around the drawing
LABEL_HEIGHT = 18.0  # px under the columns for the layer labels
MARKER_HEIGHT = 14.0  # px for a "… +N" marker under a summarised column


def shown_units(sizes: list[int], weights: list[np.ndarray],
                max_nodes: int = MAX_NODES) -> list[np.ndarray]:
    """Indices of the units drawn in each layer: all of them, or the `max_nodes` with the
    largest weights in and out (a unit's importance = ‖its row‖ + ‖its column‖)."""
    shown = []
    for layer, n in enumerate(sizes):
        if n <= max_nodes:
            shown.append(np.arange(n))
            continue
        importance = np.zeros(n)
        if layer > 0:
            importance += np.linalg.norm(np.nan_to_num(weights[layer - 1]), axis=1)
        if layer < len(weights):
            importance += np.linalg.norm(np.nan_to_num(weights[layer]), axis=0)
        top = np.argsort(-importance, kind="stable")[:max_nodes]
        shown.append(np.sort(top))
    return shown


def edge_budgets(counts: list[int], max_edges: int = MAX_EDGES) -> list[int]:
    """Edges each layer pair may draw: all if everything fits, else a fair share, with what
    small pairs leave over going to the larger ones (water-filling)."""
    budgets = [0] * len(counts)
    left, pairs = max_edges, len(counts)
    for i in sorted(range(len(counts)), key=lambda j: counts[j]):
        budgets[i] = min(counts[i], max(1, left // pairs))
        left -= budgets[i]
        pairs -= 1
    return budgets


def top_edges(weights: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(rows, columns) of the k largest |w| of a matrix, in row-major order."""
    if k >= weights.size:
        return np.divmod(np.arange(weights.size), weights.shape[1])
    flat = np.abs(weights).ravel()
    flat = np.where(np.isnan(flat), 0.0, flat)  # (±inf ranks first)
    chosen = np.sort(np.argpartition(-flat, k - 1)[:k])
    return np.divmod(chosen, weights.shape[1])


@dataclass(frozen=True)
class Geometry:
    """Scene coordinates (= viewport pixels) of one layout."""

    xs: list[float]  # centre x of each column
    ys: list[np.ndarray]  # centre y of each shown node, per column
    node_size: float  # side of a node square
    label_y: float  # top of the layer labels
    marker_ys: list[float]  # top of each column's "… +N" marker (under its last node)
    column_gap: float  # distance between two columns


def geometry(width: float, height: float, shown: list[int], summarised: list[bool],
             max_size: float) -> Geometry:
    """Columns spread over the width, each column's nodes centred in the height above the
    labels; nodes as large as the tightest column allows, up to `max_size`."""
    columns = len(shown)
    inner_w = max(width - 2 * MARGIN, 10.0)
    gap = inner_w / max(columns, 1)
    xs = [MARGIN + gap * (c + 0.5) for c in range(columns)]
    top, bottom = MARGIN, max(height - MARGIN - LABEL_HEIGHT, MARGIN + 10.0)
    marker = MARKER_HEIGHT if any(summarised) else 0.0
    pitch = (bottom - top - marker) / max(max(shown), 1)
    size = float(np.clip(min(pitch * 0.72, gap * 0.42), 3.0, max_size))
    pitch = min(pitch, size * 2.2)  # a short column stays compact, not spread thin
    ys, marker_ys = [], []
    for n, s in zip(shown, summarised, strict=True):
        span = pitch * n + (marker if s else 0.0)
        first = (top + bottom - span) / 2 + pitch / 2
        ys.append(first + pitch * np.arange(n))
        marker_ys.append(first + pitch * (n - 1) + size / 2 + 1.0)
    return Geometry(xs, ys, size, bottom + 4.0, marker_ys, gap)
