"""Compiled bookkeeping of trained samples, without the GIL: a chunk's metrics as rows, and
the sample history's bucket statistics.

The NumPy versions (training/history.py: `flatten`, `bucket_stats`) took ~5 ms of every
~32 ms chunk of 18k samples on the spiral preset (flatten 2.0 ms, the history's min, max
and sum 3.0 ms): a sixth of the run's time, holding the GIL, which the window's GUI thread
then waited for. These do the same work in one pass each, in the same arithmetic order —
sums row after row, NaN propagating through min and max as in NumPy — so they give the
NumPy versions' values exactly (flatten is a copy, bit for bit); only which zero min and
max return of 0.0 and −0.0 may differ, and no metric is −0.0. tests/fast/test_records.py
checks it. Compiled without fastmath for that reason.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from fnnsim.engine.metrics import LAYER_METRICS, SCALAR_METRICS, MetricBatch


@njit(nogil=True, cache=True)
def _flatten(scalars, layers, rows):  # pragma: no cover - compiled
    """rows[i] = scalars[0][i], …, scalars[-1][i], layers[0][i, :], …, layers[-1][i, :]."""
    for i in range(rows.shape[0]):
        c = 0
        for s in scalars:
            rows[i, c] = s[i]
            c += 1
        for a in layers:
            for j in range(a.shape[1]):
                rows[i, c] = a[i, j]
                c += 1


@njit(nogil=True, cache=True)
def _bucket_stats(rows, width, whole, mins, maxs, sums):  # pragma: no cover - compiled
    k = rows.shape[1]
    for b in range(whole):
        first = b * width
        for c in range(k):
            v = rows[first, c]
            mins[b, c] = v
            maxs[b, c] = v
            sums[b, c] = v
        for r in range(first + 1, first + width):
            for c in range(k):
                v = rows[r, c]
                if v < mins[b, c] or v != v:  # a NaN stays, as in np.min
                    mins[b, c] = v
                if v > maxs[b, c] or v != v:
                    maxs[b, c] = v
                sums[b, c] += v


def flatten(batch: MetricBatch) -> np.ndarray:
    """history.flatten: a MetricBatch as one (n, n_columns) matrix, in metric_columns order."""
    scalars = tuple(kernel_array(getattr(batch, name)) for name in SCALAR_METRICS)
    layers = tuple(kernel_array(getattr(batch, name)) for name in LAYER_METRICS)
    rows = np.empty((len(batch), len(scalars) + len(layers) * batch.depth))
    _flatten(scalars, layers, rows)
    return rows


def bucket_stats(rows: np.ndarray, width: int, whole: int, mins: np.ndarray,
                 maxs: np.ndarray, sums: np.ndarray) -> None:
    """history.bucket_stats: min, max and sum of each of `whole` consecutive buckets of
    `width` rows of `rows`, into rows 0 … whole−1 of mins, maxs and sums."""
    if whole * width > len(rows) or min(len(mins), len(maxs), len(sums)) < whole:
        raise ValueError(f"{whole} buckets of {width} rows: {len(rows)} rows, "
                         f"room for {min(len(mins), len(maxs), len(sums))}")
    outputs = [kernel_array(a) for a in (mins, maxs, sums)]
    _bucket_stats(kernel_array(rows), int(width), int(whole), *outputs)
    for given, used in zip((mins, maxs, sums), outputs, strict=True):
        if used is not given:
            given[:whole] = used[:whole]


def kernel_array(array: np.ndarray) -> np.ndarray:
    """`array` itself if it has the one type the compiled functions take (a float64
    ndarray, C-contiguous, aligned, writeable: no second compilation with the GIL held),
    else such a copy (the caller writes results back into the original)."""
    usable = isinstance(array, np.ndarray) and array.dtype == np.float64 and (
        array.flags.c_contiguous and array.flags.aligned and array.flags.writeable)
    return array if usable else np.array(array, dtype=np.float64, order="C")


def disable_compile() -> None:
    """After the warm-up: a surprise second compilation would stall the training thread for
    seconds with the GIL held (warmup.py)."""
    _flatten.disable_compile()
    _bucket_stats.disable_compile()
