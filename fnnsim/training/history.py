"""The metric history of a run, in bounded memory however long the run.

Per sample: a ring of the most recent samples at full resolution, plus min/mean/max buckets
over the whole run that merge in pairs (doubling their width) whenever they fill up — so a
run of 10⁸ samples costs the same memory as one of 10⁵. Per epoch: one row each (epochs are
few enough to keep them all).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from fnnsim.engine.metrics import LAYER_METRICS, SCALAR_METRICS, MetricBatch


def metric_columns(depth: int) -> list[str]:
    """Column names of a flattened MetricBatch: loss, …, delta_norm_1 … delta_norm_L, …"""
    return list(SCALAR_METRICS) + [
        f"{name}_{layer}" for name in LAYER_METRICS for layer in range(1, depth + 1)
    ]


def flatten(batch: MetricBatch) -> np.ndarray:
    """A MetricBatch as one (n, n_columns) matrix, in `metric_columns` order."""
    return np.column_stack(
        [getattr(batch, name) for name in SCALAR_METRICS]
        + [getattr(batch, name) for name in LAYER_METRICS]
    )


class SampleHistory:
    """Per-sample metrics: recent samples at full resolution, all samples in buckets."""

    def __init__(self, depth: int, recent: int = 100_000, buckets: int = 8192) -> None:
        if buckets % 2:
            raise ValueError("buckets must be even (they merge in pairs)")
        self.columns = metric_columns(depth)
        k = len(self.columns)
        self.total = 0  # samples recorded since the start
        self._ring = np.empty((recent, k))
        self._capacity = buckets
        self.width = 1  # samples per complete bucket
        self._n = 0  # complete buckets
        self._min = np.empty((buckets, k))
        self._max = np.empty((buckets, k))
        self._sum = np.empty((buckets, k))
        self._start = np.empty(buckets, dtype=np.int64)  # first sample index of each bucket
        self._partial: np.ndarray | None = None  # samples of the bucket being filled

    def append(self, batch: MetricBatch) -> None:
        self.append_rows(flatten(batch))

    def append_rows(self, rows: np.ndarray) -> None:
        """Append samples given as flattened rows, (n, len(columns)) in `columns` order."""
        self._append_recent(rows)
        pending = rows if self._partial is None else np.vstack([self._partial, rows])
        first = self.total - (0 if self._partial is None else len(self._partial))
        self._partial = None
        while len(pending) >= self.width:
            room = self._capacity - self._n
            whole = min(room, len(pending) // self.width)
            chunk = pending[: whole * self.width].reshape(whole, self.width, -1)
            end = self._n + whole
            self._min[self._n:end] = chunk.min(axis=1)
            self._max[self._n:end] = chunk.max(axis=1)
            self._sum[self._n:end] = chunk.sum(axis=1)
            self._start[self._n:end] = first + self.width * np.arange(whole)
            self._n = end
            first += whole * self.width
            pending = pending[whole * self.width:]
            if self._n == self._capacity:
                self._merge_pairs()
        self._partial = pending if len(pending) else None
        self.total += len(rows)

    def _append_recent(self, rows: np.ndarray) -> None:
        size = len(self._ring)
        first = self.total + max(0, len(rows) - size)  # sample index of the first row kept
        rows = rows[-size:]
        at = first % size
        head = min(len(rows), size - at)
        self._ring[at:at + head] = rows[:head]
        self._ring[: len(rows) - head] = rows[head:]

    def _merge_pairs(self) -> None:
        half = self._n // 2
        self._min[:half] = np.minimum(self._min[0:self._n:2], self._min[1:self._n:2])
        self._max[:half] = np.maximum(self._max[0:self._n:2], self._max[1:self._n:2])
        self._sum[:half] = self._sum[0:self._n:2] + self._sum[1:self._n:2]
        self._start[:half] = self._start[0:self._n:2]
        self._n = half
        self.width *= 2

    def recent(self) -> tuple[np.ndarray, np.ndarray]:
        """(sample indices, rows) of the samples still held at full resolution, oldest first."""
        size = len(self._ring)
        n = min(self.total, size)
        at = self.total % size
        rows = np.vstack([self._ring[at:], self._ring[:at]]) if self.total >= size else (
            self._ring[:n]
        )
        return np.arange(self.total - n, self.total), rows.copy()

    def buckets(self) -> BucketView:
        """Min/mean/max of every complete bucket (and the partial one) over the whole run."""
        starts = self._start[: self._n]
        mins, maxs, sums = self._min[: self._n], self._max[: self._n], self._sum[: self._n]
        counts = np.full(self._n, self.width)
        if self._partial is not None:
            p = self._partial
            starts = np.append(starts, self.total - len(p))
            mins = np.vstack([mins, p.min(axis=0)])
            maxs = np.vstack([maxs, p.max(axis=0)])
            sums = np.vstack([sums, p.sum(axis=0)])
            counts = np.append(counts, len(p))
        return BucketView(starts.copy(), counts, mins.copy(), sums / counts[:, None], maxs.copy())


@dataclass(frozen=True)
class BucketView:
    start: np.ndarray  # (m,) first sample index of each bucket
    count: np.ndarray  # (m,) samples in each bucket
    min: np.ndarray  # (m, n_columns)
    mean: np.ndarray
    max: np.ndarray


@dataclass
class EpochRecord:
    """One epoch's summary: losses, accuracies, and epoch means of the sample metrics."""

    epoch: int  # 1-based
    samples: int  # samples seen since the start, at the end of this epoch
    train_loss: float
    train_accuracy: float  # nan for regression
    val_loss: float  # nan without a validation set
    val_accuracy: float
    learning_rate: float
    means: np.ndarray  # epoch mean of each metric column (weight_norm: its last value)


class EpochHistory:
    """One EpochRecord per completed epoch."""

    def __init__(self, depth: int) -> None:
        self.metric_columns = metric_columns(depth)
        self.records: list[EpochRecord] = []

    def append(self, record: EpochRecord) -> None:
        self.records.append(record)

    def __len__(self) -> int:
        return len(self.records)

    def columns(self) -> list[str]:
        scalar = [f.name for f in fields(EpochRecord) if f.name != "means"]
        return scalar + self.metric_columns

    def table(self) -> np.ndarray:
        """All epochs as an (n_epochs, n_columns) float matrix in `columns()` order."""
        if not self.records:
            return np.empty((0, len(self.columns())))
        return np.array([
            [r.epoch, r.samples, r.train_loss, r.train_accuracy, r.val_loss, r.val_accuracy,
             r.learning_rate, *r.means]
            for r in self.records
        ])

    def column(self, name: str) -> np.ndarray:
        return self.table()[:, self.columns().index(name)]
