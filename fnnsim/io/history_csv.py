"""The metric history as CSV, with a header naming every column (metric_layer).

- per epoch: one row per epoch (`write_epoch_history`);
- per sample, full resolution: the recent samples the history still holds;
- per sample, decimated: min/mean/max buckets covering the whole run.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from fnnsim.io.atomic import atomic_open
from fnnsim.training.history import EpochHistory, SampleHistory


def write_table_csv(path: str | Path, columns: list[str], table: np.ndarray) -> None:
    with atomic_open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        for row in table:
            writer.writerow([format_cell(columns[i], v) for i, v in enumerate(row)])


def format_cell(column: str, value: float) -> str:
    if column in ("epoch", "samples", "sample"):
        return str(int(value))
    return "" if np.isnan(value) else repr(float(value))


def write_epoch_history(path: str | Path, history: EpochHistory) -> None:
    write_table_csv(path, history.columns(), history.table())


def write_recent_samples(path: str | Path, history: SampleHistory) -> int:
    """The samples still held at full resolution, one row each (`sample` is 0-based since
    the start of the run). Returns the number of rows."""
    index, rows = history.recent()
    write_table_csv(path, ["sample", *history.columns], np.column_stack([index, rows]))
    return len(index)


def write_sample_buckets(path: str | Path, history: SampleHistory) -> int:
    """The whole run, decimated: one row per bucket of consecutive samples, with the
    bucket's first sample, its size, and each metric's min, mean and max."""
    view = history.buckets()
    columns = ["sample", "samples"] + [
        f"{name}_{stat}" for name in history.columns for stat in ("min", "mean", "max")]
    stats = np.stack([view.min, view.mean, view.max], axis=2).reshape(len(view.start), -1)
    write_table_csv(path, columns, np.column_stack([view.start, view.count, stats]))
    return len(view.start)
