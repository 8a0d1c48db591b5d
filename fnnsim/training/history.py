"""The metric history of a run, in bounded memory however long the run.

Per sample: a ring of the most recent samples at full resolution, plus min/mean/max buckets
over the whole run that merge in pairs (doubling their width) whenever they fill up — so a
run of 10⁸ samples costs the same memory as one of 10⁵. Per epoch: one row each (epochs are
few enough to keep them all).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


def bucket_stats(rows: np.ndarray, width: int, whole: int, mins: np.ndarray,
                 maxs: np.ndarray, sums: np.ndarray) -> None:
    """Min, max and sum of each of `whole` consecutive buckets of `width` rows of `rows`,
    into rows 0 … whole−1 of mins, maxs and sums. (fast/records.py compiles the same.)"""
    blocks = rows[: whole * width].reshape(whole, width, -1)
    mins[:whole] = blocks.min(axis=1)
    maxs[:whole] = blocks.max(axis=1)
    sums[:whole] = blocks.sum(axis=1)


BucketStats = Callable[[np.ndarray, int, int, np.ndarray, np.ndarray, np.ndarray], None]


def unflatten(rows: np.ndarray, depth: int) -> MetricBatch:
    """The inverse of `flatten`: a (n, columns) matrix back into a MetricBatch (copies)."""
    parts: dict[str, np.ndarray] = {}
    for i, name in enumerate(SCALAR_METRICS):
        parts[name] = rows[:, i].copy()
    offset = len(SCALAR_METRICS)
    for j, name in enumerate(LAYER_METRICS):
        parts[name] = rows[:, offset + j * depth: offset + (j + 1) * depth].copy()
    return MetricBatch(**parts)


@dataclass
class SampleState:
    """Everything a SampleHistory holds (copies), to write it to a session and restore it.

    `ring` is the ring's filled rows in storage order (min(total, recent) of them); the
    buckets are the `n` complete ones, each `width` samples; `partial` the rows of the
    bucket being filled (fewer than `width`)."""

    recent: int  # ring size
    buckets: int  # bucket capacity
    total: int
    width: int
    ring: np.ndarray  # (min(total, recent), k)
    min: np.ndarray  # (n, k)
    max: np.ndarray
    sum: np.ndarray
    start: np.ndarray  # (n,) int64
    partial: np.ndarray  # (p, k), p < width

    def problem(self, columns: int) -> str | None:
        """Why this state cannot be a history of `columns` metric columns (one line)."""
        n = len(self.start)
        if not (self.buckets >= 2 and self.buckets % 2 == 0 and self.recent >= 1):
            return f"bad sizes: ring {self.recent}, buckets {self.buckets}"
        if self.width < 1 or self.width & (self.width - 1):
            return f"bucket width {self.width} is not a power of two"
        shapes = {"ring": (min(self.total, self.recent), columns), "min": (n, columns),
                  "max": (n, columns), "sum": (n, columns), "start": (n,)}
        for name, shape in shapes.items():
            if getattr(self, name).shape != shape:
                return f"{name} has shape {getattr(self, name).shape}, expected {shape}"
        p = len(self.partial)
        if self.partial.shape != (p, columns) or p >= self.width:
            return f"partial bucket has shape {self.partial.shape} (width {self.width})"
        if n >= self.buckets or n * self.width + p != self.total:
            return (f"{n} buckets of {self.width} and {p} more samples do not make "
                    f"{self.total} samples")
        if not np.array_equal(self.start, self.width * np.arange(n)):
            return "bucket starts are not consecutive"
        return None


class SampleHistory:
    """Per-sample metrics: recent samples at full resolution, all samples in buckets."""

    def __init__(self, depth: int, recent: int = 100_000, buckets: int = 8192,
                 stats: BucketStats = bucket_stats) -> None:
        """`stats` computes the buckets: `bucket_stats` or its compiled twin (the same
        values; a trainer passes its backend's)."""
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
        self._stats = stats

    def append(self, batch: MetricBatch) -> None:
        self.append_rows(flatten(batch))

    def append_rows(self, rows: np.ndarray) -> None:
        """Append samples given as flattened rows, (n, len(columns)) in `columns` order."""
        self._append_recent(rows)
        first, rest = self.total, rows
        if self._partial is not None:  # the bucket being filled first: copy only its rows
            need = self.width - len(self._partial)
            head, rest = np.vstack([self._partial, rows[:need]]), rows[need:]
            first -= len(self._partial)
            self._partial = self._add_buckets(head, first)
            first += len(head)
        if self._partial is None:
            self._partial = self._add_buckets(rest, first)
        self.total += len(rows)

    def _add_buckets(self, pending: np.ndarray, first: int) -> np.ndarray | None:
        """Put the whole buckets of `pending` (samples `first` on) into the buckets, merging
        pairs when they are full; the rows left over (less than a bucket), or None."""
        while len(pending) >= self.width:
            room = self._capacity - self._n
            whole = min(room, len(pending) // self.width)
            end = self._n + whole
            self._stats(pending, self.width, whole, self._min[self._n:end],
                        self._max[self._n:end], self._sum[self._n:end])
            self._start[self._n:end] = first + self.width * np.arange(whole)
            self._n = end
            first += whole * self.width
            pending = pending[whole * self.width:]
            if self._n == self._capacity:
                self._merge_pairs()
        return pending if len(pending) else None

    def state(self) -> SampleState:
        """Copies of everything held (see SampleState)."""
        n, held = self._n, min(self.total, len(self._ring))
        partial = self._partial if self._partial is not None else self._ring[:0]
        return SampleState(len(self._ring), self._capacity, self.total, self.width,
                           self._ring[:held].copy(), self._min[:n].copy(),
                           self._max[:n].copy(), self._sum[:n].copy(), self._start[:n].copy(),
                           partial.copy())

    def restore(self, state: SampleState) -> None:
        """Hold exactly what `state` describes (ValueError, naming the part, if it cannot
        be a history of these columns)."""
        k = len(self.columns)
        problem = state.problem(k)
        if problem:
            raise ValueError(f"sample history: {problem}")
        n, held = len(state.start), len(state.ring)
        self._ring = np.empty((state.recent, k))
        self._ring[:held] = state.ring
        self._capacity, self.total, self.width, self._n = (
            state.buckets, state.total, state.width, n)
        for name in ("min", "max", "sum"):
            array = np.empty((state.buckets, k))
            array[:n] = getattr(state, name)
            setattr(self, f"_{name}", array)
        self._start = np.empty(state.buckets, dtype=np.int64)
        self._start[:n] = state.start
        self._partial = state.partial.astype(np.float64) if len(state.partial) else None

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

    def summary(self) -> tuple[int, np.ndarray]:
        """The start of the run as whole buckets: (width, sums (J, columns)) of samples
        [0, J·width), all before the first sample held one by one. `replay(total −
        J·width)` gives the rest, so a plot can show a run of any length from J buckets
        and at most one bucket plus the recent ring of samples."""
        held = min(self.total, len(self._ring))
        exact_from = min(self._n * self.width, self.total - held)
        return self.width, self._sum[:exact_from // self.width].copy()

    def replay(self, limit: int, chunk: int = 65_536) -> Iterator[tuple[int, np.ndarray]]:
        """The last `limit` samples (or all, if fewer) as consecutive rows, in pieces of at
        most `chunk`: (index of the piece's first sample, rows), for plots to append.

        Samples still held one by one (the recent ring, the bucket being filled) come back
        exactly; older ones as their bucket's mean, so every bucket keeps its sum: a plot
        of bucket means draws the same as from the samples themselves."""
        held = min(self.total, len(self._ring))
        bucketed = self._n * self.width  # samples [0, bucketed) are only in whole buckets
        exact_from = min(bucketed, self.total - held)
        if exact_from == bucketed:
            exact = self._partial if self._partial is not None else self._ring[:0]
        else:
            exact = self.recent()[1]
        means = self._sum[:self._n] / self.width
        j, before = divmod(exact_from, self.width)
        if before and j < self._n:  # the bucket the exact part starts in: its samples
            # before that part get the mean that keeps the bucket's sum
            after = exact[:self.width - before].sum(axis=0)
            means[j] = (self._sum[j] - after) / before
        first = max(0, self.total - limit)
        for a in range(first, exact_from, chunk):
            b = min(a + chunk, exact_from)
            yield a, means[np.arange(a, b) // self.width]
        for a in range(max(first, exact_from), self.total, chunk):
            b = min(a + chunk, self.total)
            yield a, exact[a - exact_from:b - exact_from]

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
    """One row per completed epoch, in a float table that doubles when full.

    Appended once per epoch (~1300 times a second at full speed on a small net), read as
    whole columns by the CSV export and the session file: arrays, not a list of objects.
    """

    SCALAR_COLUMNS = tuple(f.name for f in fields(EpochRecord) if f.name != "means")

    def __init__(self, depth: int, capacity: int = 256) -> None:
        self.metric_columns = metric_columns(depth)
        self._table = np.empty((max(1, capacity), len(self.columns())))
        self._n = 0

    def append(self, record: EpochRecord) -> None:
        if self._n == len(self._table):
            grown = np.empty((2 * self._n, self._table.shape[1]))
            grown[:self._n] = self._table[:self._n]
            self._table = grown
        row = self._table[self._n]
        row[:7] = (record.epoch, record.samples, record.train_loss, record.train_accuracy,
                   record.val_loss, record.val_accuracy, record.learning_rate)
        row[7:] = record.means
        self._n += 1

    def __len__(self) -> int:
        return self._n

    def columns(self) -> list[str]:
        return [*self.SCALAR_COLUMNS, *self.metric_columns]

    def table(self) -> np.ndarray:
        """All epochs as an (n_epochs, n_columns) float matrix in `columns()` order (a copy)."""
        return self._table[:self._n].copy()

    def column(self, name: str) -> np.ndarray:
        return self._table[:self._n, self.columns().index(name)].copy()

    def record(self, i: int) -> EpochRecord:
        """Epoch i + 1 (0-based row i; negative counts from the end) as an EpochRecord."""
        row = self._table[:self._n][i]
        return EpochRecord(int(row[0]), int(row[1]), *(float(v) for v in row[2:7]),
                           row[7:].copy())

    @property
    def records(self) -> list[EpochRecord]:
        """Every epoch as an EpochRecord (built on demand: O(epochs))."""
        return [self.record(i) for i in range(self._n)]

    def restore(self, table: np.ndarray) -> None:
        """Hold exactly these rows (an (n, len(columns())) table, as `table()` returns)."""
        if table.ndim != 2 or table.shape[1] != len(self.columns()):
            raise ValueError(f"epoch history has shape {table.shape}, expected "
                             f"(epochs, {len(self.columns())})")
        self._table = np.empty((max(256, len(table)), table.shape[1]))
        self._table[:len(table)] = table
        self._n = len(table)
