"""Per-sample metrics of a run, in bounded memory, shaped for drawing.

The run is kept in a `SampleHistory`: a full-resolution ring of the most recent samples and
min/mean/max buckets over the whole run. What the plots draw is the bucket means for the
part of the run the ring no longer holds, followed by the samples in the ring — so however
long the run, no curve ever gets more than `max_points` points. Running means are taken
over about the same number of samples in both parts, so the seam does not show.
Pure NumPy, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fnnsim.engine.metrics import MetricBatch
from fnnsim.training.history import SampleHistory

RECENT = 8_192  # samples kept at full resolution for the plots
BUCKETS = 8_192  # buckets over the whole run (an even number: they merge in pairs)


@dataclass(frozen=True)
class Snapshot:
    """Display arrays at one moment.

    `x` (n,) are sample indices: the centres of `old` buckets (bucket means, (columns, m)),
    then the ring's samples after its first `warm` (those only warm up running means; the
    buckets cover them). `recent` (columns, r) is the whole ring, oldest first."""

    x: np.ndarray
    old: np.ndarray
    recent: np.ndarray
    warm: int
    width: int  # samples per bucket
    window: int  # samples in the running mean of `smoothed`
    columns: dict[str, int]

    def column(self, name: str) -> np.ndarray:
        c = self.columns[name]
        return np.concatenate([self.old[c], self.recent[c, self.warm:]])

    def layer(self, metric: str, layer: int) -> np.ndarray:
        """A per-layer metric of layer `layer` (1-based, as in the note)."""
        return self.column(f"{metric}_{layer}")

    def smoothed(self, name: str) -> np.ndarray:
        """The column as a trailing mean over about `window` samples: over whole buckets
        in the older part, over single samples in the recent one."""
        c = self.columns[name]
        buckets = max(1, round(self.window / self.width))
        return np.concatenate([trailing_mean(self.old[c], buckets),
                               trailing_mean(self.recent[c], self.window)[self.warm:]])


class SampleSeries:
    """Append-only per-sample metrics of one run, with a cap on what a curve is given."""

    def __init__(self, depth: int, recent: int = RECENT, buckets: int = BUCKETS) -> None:
        self.history = SampleHistory(depth, recent=recent, buckets=buckets)
        self._recent = recent
        self.columns = {name: i for i, name in enumerate(self.history.columns)}
        self.max_points = buckets + 1 + recent
        self.origin = 0  # sample index of the first sample held (plots may join a run late)

    @property
    def end(self) -> int:
        """Index one past the last sample held."""
        return self.origin + self.history.total

    def append(self, first_sample: int, batch: MetricBatch) -> None:
        """Add the metrics of samples first_sample, first_sample+1, …; rows already held
        (an overlapping update) are skipped."""
        n = len(batch)
        if n == 0:
            return
        if self.history.total == 0:
            self.origin = first_sample
        skip = max(0, self.end - first_sample)
        if skip >= n:
            return
        # SampleHistory's ring mis-orders a single append longer than the ring (it writes
        # the last rows where the first should go), so feed it at most a ring at a time.
        for start in range(skip, n, self._recent):
            part = {k: v[start:start + self._recent] for k, v in vars(batch).items()}
            self.history.append(MetricBatch(**part))

    def snapshot(self, window: int = 1) -> Snapshot:
        """Bucket means of the older part of the run, then the full-resolution recent ring.

        Once the ring no longer starts at sample 0, its first `window` − 1 samples are left
        to the buckets, so a running mean over `window` samples is whole wherever drawn."""
        index, rows = self.history.recent()
        first_recent = int(index[0]) if len(index) else self.history.total
        warm = min(window - 1, len(index)) if first_recent > 0 else 0
        b = self.history.buckets()
        old = (b.start + b.count) <= first_recent + warm
        x = np.concatenate([b.start[old] + 0.5 * (b.count[old] - 1), index[warm:]])
        return Snapshot((x + self.origin).astype(np.float64),
                        np.ascontiguousarray(b.mean[old].T), np.ascontiguousarray(rows.T),
                        warm, self.history.width, window, self.columns)


def trailing_mean(y: np.ndarray, window: int) -> np.ndarray:
    """Mean of the last `window` finite values up to each point (fewer at the start);
    NaN where there is none. Non-finite values are skipped, never spread."""
    finite = np.isfinite(y)
    with np.errstate(over="ignore", invalid="ignore"):
        sums = np.concatenate([[0.0], np.cumsum(np.where(finite, y, 0.0))])
    counts = np.concatenate([[0], np.cumsum(finite)])
    hi = np.arange(1, len(y) + 1)
    lo = np.maximum(hi - max(1, window), 0)
    n = counts[hi] - counts[lo]
    total = sums[hi] - sums[lo]
    out = np.full(len(y), np.nan)
    with np.errstate(over="ignore", invalid="ignore"):
        np.divide(total, n, out=out, where=n > 0)
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
