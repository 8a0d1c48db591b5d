"""The metric history as CSV: one row per epoch, one column per metric per layer."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from fnnsim.io.atomic import atomic_open
from fnnsim.training.history import EpochHistory


def write_table_csv(path: str | Path, columns: list[str], table: np.ndarray) -> None:
    with atomic_open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        for row in table:
            writer.writerow([format_cell(columns[i], v) for i, v in enumerate(row)])


def format_cell(column: str, value: float) -> str:
    if column in ("epoch", "samples"):
        return str(int(value))
    return "" if np.isnan(value) else repr(float(value))


def write_epoch_history(path: str | Path, history: EpochHistory) -> None:
    write_table_csv(path, history.columns(), history.table())
