"""Per-sample metrics of a run, in bounded memory, shaped for drawing.

The run is kept in a `SampleStore`: a full-resolution ring of the most recent samples and
bucket sums over the whole run, both column-major (one row per metric column), so that
appending a batch reads each of its arrays once and drawing a curve reads one row. What the
plots draw is the bucket means for the part of the run the ring no longer holds, followed
by the samples in the ring — so however long the run, no series has more than
`max_points` points. Running means are taken over about the same number of samples in both
parts, so the seam does not show. Pure NumPy, no Qt.
"""

from __future__ import annotations

import numpy as np

from fnnsim.engine.metrics import LAYER_METRICS, SCALAR_METRICS, MetricBatch

RECENT = 8_192  # samples kept at full resolution for the plots
BUCKETS = 8_192  # buckets over the whole run (an even number: they merge in pairs)
PLOTTED_LAYER_METRICS = tuple(m for m in LAYER_METRICS if m != "grad_w_norm")  # not drawn


def plotted_columns(depth: int) -> list[str]:
    """The columns the plots draw, named as in training.history.metric_columns."""
    return list(SCALAR_METRICS) + [
        f"{name}_{layer}" for name in PLOTTED_LAYER_METRICS for layer in range(1, depth + 1)
    ]


class SampleStore:
    """The plotted metrics of consecutive samples: the newest `recent` at full resolution,
    all of them as sums over buckets of `width` samples that merge in pairs (doubling the
    width) whenever `buckets` of them are full. Memory is fixed at construction.

    Bucket i covers samples [i·width, (i+1)·width) (counted from the first sample held);
    the samples of the bucket being filled are only summed, into `_partial_sum`.
    """

    def __init__(self, depth: int, recent: int = RECENT, buckets: int = BUCKETS) -> None:
        if buckets % 2:
            raise ValueError("buckets must be even (they merge in pairs)")
        self.depth = depth
        self.names = plotted_columns(depth)
        self.columns = {name: i for i, name in enumerate(self.names)}
        k = len(self.names)
        self.total = 0  # samples appended
        self.width = 1  # samples per bucket
        self._ring = np.zeros((k, recent))
        self._sums = np.zeros((k, buckets))
        self._complete = 0  # complete buckets
        self._partial_sum = np.zeros(k)
        self._partial_count = 0
        # (field of MetricBatch, first column): scalars take one column, layers `depth`
        self._fields = [(name, self.columns[name]) for name in SCALAR_METRICS] + [
            (name, self.columns[f"{name}_1"]) for name in PLOTTED_LAYER_METRICS]

    @property
    def recent_size(self) -> int:
        return self._ring.shape[1]

    def append(self, batch: MetricBatch) -> None:
        """Add the batch's samples after those held: O(batch), in a few NumPy calls.

        Each ring-sized piece is written into the ring first, transposed to one row per
        column, and the bucket sums are then taken over the ring's contiguous rows."""
        size = self.recent_size
        for start in range(0, len(batch), size):
            m = min(size, len(batch) - start)
            at = self.total % size
            head = min(m, size - at)
            for name, c in self._fields:
                data = getattr(batch, name)[start:start + m]
                rows = data if data.ndim == 1 else data.T
                ring = self._ring[c] if data.ndim == 1 else self._ring[c:c + data.shape[1]]
                ring[..., at:at + head] = rows[..., :head]
                ring[..., :m - head] = rows[..., head:]
            self._add_to_buckets(self._ring[:, at:at + head])
            self._add_to_buckets(self._ring[:, :m - head])
            self.total += m

    def seed(self, width: int, sums: np.ndarray) -> None:
        """Start an empty store from the whole buckets of another record of the run
        (training.history.SampleHistory.summary): `sums` (columns, J) over samples
        [0, J·width). Merged in pairs while they do not fit; until samples are appended,
        the ring holds each sample's bucket mean."""
        if self.total:
            raise ValueError("only an empty store can be seeded")
        capacity = self._sums.shape[1]
        count = sums.shape[1]
        total = count * width
        partial_sum, partial_count = np.zeros(len(sums)), 0
        while count >= capacity:  # an odd bucket out starts the bucket being filled
            if count % 2:
                count -= 1
                partial_sum = partial_sum + sums[:, count]
                partial_count += width
            sums = sums[:, 0:count:2] + sums[:, 1:count:2]
            count //= 2
            width *= 2
        self.width, self._complete, self.total = width, count, total
        self._sums[:, :count] = sums
        self._partial_sum[:], self._partial_count = partial_sum, partial_count
        held = np.arange(max(0, total - self.recent_size), total)
        means = np.column_stack([sums / width, partial_sum / max(partial_count, 1)])
        self._ring[:, held % self.recent_size] = means[:, np.minimum(held // width, count)]

    def _add_to_buckets(self, rows: np.ndarray) -> None:
        """Sum the samples `rows` (columns, n), the next after those already summed."""
        n = rows.shape[1]
        done = 0
        while done < n:
            if self._partial_count or n - done < self.width:  # fill the current bucket
                take = min(self.width - self._partial_count, n - done)
                self._partial_sum += rows[:, done:done + take].sum(axis=1)
                self._partial_count += take
                done += take
                if self._partial_count == self.width:
                    self._sums[:, self._complete] = self._partial_sum
                    self._partial_sum[:] = 0.0
                    self._partial_count = 0
                    self._bucket_completed(1)
                continue
            whole = min(self._sums.shape[1] - self._complete, (n - done) // self.width)
            end = done + whole * self.width
            block = rows[:, done:end].reshape(len(rows), whole, self.width)
            self._sums[:, self._complete:self._complete + whole] = block.sum(axis=2)
            done = end
            self._bucket_completed(whole)

    def _bucket_completed(self, count: int) -> None:
        self._complete += count
        if self._complete == self._sums.shape[1]:  # full: merge pairs, double the width
            half = self._complete // 2
            self._sums[:, :half] = self._sums[:, 0::2] + self._sums[:, 1::2]
            self._complete = half
            self.width *= 2

    def recent_range(self) -> tuple[int, int]:
        """Sample indices [first, end) still held at full resolution."""
        return max(0, self.total - self.recent_size), self.total

    def recent(self, columns: list[int], start: int) -> np.ndarray:
        """(len(columns), m): these columns of the held samples from sample `start` on,
        oldest first (a copy)."""
        size = self.recent_size
        first, end = self.recent_range()
        start = max(start, first)
        a, b = start % size, end % size
        rows = self._ring[columns]  # a copy (fancy indexing) of whole rows: ≤ 64 kB each
        if end - start == 0:
            return rows[:, :0]
        if a < b:
            return rows[:, a:b]
        return np.concatenate([rows[:, a:], rows[:, :b]], axis=1)

    def bucket_means(self, columns: list[int], count: int, partial: bool = False
                     ) -> np.ndarray:
        """(len(columns), count [+1]): means of these columns over the first `count`
        complete buckets, and over the bucket being filled if `partial`."""
        means = self._sums[columns, :count] / self.width
        if partial:
            last = self._partial_sum[columns] / self._partial_count
            means = np.concatenate([means, last[:, None]], axis=1)
        return means

    @property
    def complete_buckets(self) -> int:
        return self._complete

    @property
    def partial_count(self) -> int:
        """Samples in the bucket being filled (fewer than `width`)."""
        return self._partial_count


class Snapshot:
    """What the plots draw at one moment (valid until the next append).

    `x` (n,) are sample indices: the centres of the first `n_old` buckets (and of the
    bucket being filled, if the recent samples drawn do not cover it), then the ring's
    samples after its first `warm` (those only warm up running means; the buckets cover
    them). Columns are read on demand, a plot's columns together, so drawing one plot
    reads only its own."""

    def __init__(self, store: SampleStore, origin: int, window: int) -> None:
        self._store = store
        self._total = store.total
        self.window = window
        self.width = store.width
        first, end = store.recent_range()
        self._first = first
        self.warm = min(window - 1, end - first) if first > 0 else 0
        complete = min(store.complete_buckets, (first + self.warm) // store.width)
        centres = np.arange(complete) * float(self.width) + 0.5 * (self.width - 1)
        pc = store.partial_count
        self._partial = bool(pc) and complete == store.complete_buckets and (
            end <= first + self.warm)
        if self._partial:
            centres = np.append(centres, end - pc + 0.5 * (pc - 1))
        self._complete = complete
        self.n_old = len(centres)
        recent = np.arange(first + self.warm, end, dtype=np.float64)
        self.x = np.concatenate([centres, recent]) + origin
        self.columns = store.columns

    def _parts(self, names: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(old, recent): bucket means, and the whole ring (warm-up samples included)."""
        if self._store.total != self._total:
            raise RuntimeError("a Snapshot is only valid until the next append")
        c = [self.columns[name] for name in names]
        return (self._store.bucket_means(c, self._complete, self._partial),
                self._store.recent(c, self._first))

    def rows(self, names: list[str]) -> np.ndarray:
        """(len(names), n): the columns as drawn, one row each, at x."""
        old, recent = self._parts(names)
        return np.concatenate([old, recent[:, self.warm:]], axis=1)

    def smoothed_rows(self, names: list[str], at: np.ndarray | None = None) -> np.ndarray:
        """(len(names), len(at)): the columns as trailing means over about `window`
        samples — over whole buckets in the older part, over single samples in the recent
        one — at the points `at` (indices into x; default all)."""
        old, recent = self._parts(names)
        at = np.arange(len(self.x)) if at is None else np.asarray(at)
        in_old = at < self.n_old
        buckets = max(1, round(self.window / self.width))
        return np.concatenate([trailing_means(old, buckets, at[in_old]),
                               trailing_means(recent, self.window,
                                              at[~in_old] - self.n_old + self.warm)], axis=1)

    def column(self, name: str) -> np.ndarray:
        return self.rows([name])[0]

    def layer(self, metric: str, layer: int) -> np.ndarray:
        """A per-layer metric of layer `layer` (1-based, as in the note)."""
        return self.column(f"{metric}_{layer}")

    def smoothed(self, name: str) -> np.ndarray:
        return self.smoothed_rows([name])[0]


class SampleSeries:
    """Append-only per-sample metrics of one run, with a cap on what a curve is given."""

    def __init__(self, depth: int, recent: int = RECENT, buckets: int = BUCKETS) -> None:
        self.store = SampleStore(depth, recent=recent, buckets=buckets)
        self.columns = self.store.columns
        self.max_points = buckets + recent
        self.origin = 0  # sample index of the first sample held (plots may join a run late)

    @property
    def total(self) -> int:
        return self.store.total

    @property
    def end(self) -> int:
        """Index one past the last sample held."""
        return self.origin + self.store.total

    def append(self, first_sample: int, batch: MetricBatch) -> None:
        """Add the metrics of samples first_sample, first_sample+1, …; rows already held
        (an overlapping update) are skipped."""
        n = len(batch)
        if n == 0:
            return
        if self.store.total == 0:
            self.origin = first_sample
        skip = max(0, self.end - first_sample)
        if skip >= n:
            return
        if skip:
            batch = MetricBatch(**{k: v[skip:] for k, v in vars(batch).items()})
        self.store.append(batch)

    def seed(self, width: int, sums: np.ndarray, names: list[str]) -> None:
        """Start from the whole buckets of the run's history: `sums` (J, len(names)) over
        samples [0, J·width), its columns named `names` (training.history.metric_columns);
        the plotted ones are taken. Samples from J·width on are appended as usual."""
        if self.store.total:
            raise ValueError("only an empty series can be seeded")
        self.origin = 0
        picked = [names.index(name) for name in self.store.names]
        self.store.seed(width, np.ascontiguousarray(sums[:, picked].T))

    def snapshot(self, window: int = 1) -> Snapshot:
        """Bucket means of the older part of the run, then the full-resolution recent ring.

        Once the ring no longer starts at sample 0, its first `window` − 1 samples are left
        to the buckets, so a running mean over `window` samples is whole wherever drawn."""
        return Snapshot(self.store, self.origin, window)


def trailing_mean(y: np.ndarray, window: int) -> np.ndarray:
    """Mean of the last `window` finite values up to each point (fewer at the start);
    NaN where there is none. Non-finite values are skipped, never spread."""
    return trailing_means(y[None, :], window, np.arange(len(y)))[0]


def trailing_means(rows: np.ndarray, window: int, at: np.ndarray) -> np.ndarray:
    """`trailing_mean` of each row (k, n), at the points `at` only: (k, len(at))."""
    finite = np.isfinite(rows)
    k, n = rows.shape
    sums = np.zeros((k, n + 1))
    counts = np.zeros((k, n + 1), dtype=np.int64)
    with np.errstate(over="ignore", invalid="ignore"):
        np.cumsum(np.where(finite, rows, 0.0), axis=1, out=sums[:, 1:])
    np.cumsum(finite, axis=1, out=counts[:, 1:])
    hi = at + 1
    lo = np.maximum(hi - max(1, window), 0)
    n_finite = counts[:, hi] - counts[:, lo]
    total = sums[:, hi] - sums[:, lo]
    out = np.full(n_finite.shape, np.nan)
    with np.errstate(over="ignore", invalid="ignore"):
        np.divide(total, n_finite, out=out, where=n_finite > 0)
    return out


def drop_unplottable(x: np.ndarray, y: np.ndarray, log: bool) -> tuple[np.ndarray, np.ndarray]:
    """Only the points a (log) axis can show: finite, and > 0 on a log axis.

    Dropping them (rather than passing NaN) keeps every array handed to a curve finite, so
    pyqtgraph may skip its own finite check, and log10 never sees a zero."""
    keep = np.isfinite(y)
    if log:
        keep &= y > 0
    if keep.all():
        return x, y
    return x[keep], y[keep]
