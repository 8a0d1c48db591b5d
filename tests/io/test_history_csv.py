"""History CSV: per epoch, per sample at full resolution, and decimated buckets."""

import csv

import numpy as np

from fnnsim.engine.metrics import MetricBatch
from fnnsim.io.history_csv import write_recent_samples, write_sample_buckets
from fnnsim.training.history import SampleHistory


def batch(n, depth, start=0):
    b = MetricBatch.empty(n, depth)
    b.loss[:] = np.arange(start, start + n, dtype=float)
    b.delta_norm[:] = np.arange(start, start + n, dtype=float)[:, None] * [1.0, 10.0]
    return b


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_recent_samples_at_full_resolution(tmp_path):
    history = SampleHistory(depth=2, recent=50, buckets=8)
    history.append(batch(80, 2))
    assert write_recent_samples(tmp_path / "s.csv", history) == 50
    rows = read(tmp_path / "s.csv")
    assert rows[0]["sample"] == "30" and float(rows[0]["loss"]) == 30.0
    assert float(rows[-1]["delta_norm_2"]) == 790.0
    assert {"grad_norm_clipped", "weight_norm_1", "dead_2"} <= set(rows[0])


def test_buckets_cover_the_whole_run_with_min_mean_max(tmp_path):
    history = SampleHistory(depth=2, recent=10, buckets=8)
    history.append(batch(100, 2))
    count = write_sample_buckets(tmp_path / "b.csv", history)
    rows = read(tmp_path / "b.csv")
    assert len(rows) == count and sum(int(r["samples"]) for r in rows) == 100
    first = rows[0]
    n = int(first["samples"])
    assert float(first["loss_min"]) == 0.0 and float(first["loss_max"]) == n - 1
    assert float(first["loss_mean"]) == (n - 1) / 2
    assert float(first["delta_norm_2_max"]) == 10.0 * (n - 1)
