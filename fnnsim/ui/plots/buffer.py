"""A table of float columns that grows by doubling: O(1) amortised appends, and read-only
views handed out instead of copies, as pyqtgraph's own live-plot examples do.

Rows are only ever added past the end, so a view handed out earlier never changes; start a
new table (rather than reusing one) when a new run begins."""

from __future__ import annotations

import numpy as np


class GrowingColumns:
    """Named float64 columns of equal length, preallocated and doubled when full."""

    def __init__(self, names: tuple[str, ...], capacity: int = 256) -> None:
        self.names = names
        self._data = np.empty((len(names), max(1, capacity)))
        self.size = 0

    def __len__(self) -> int:
        return self.size

    def append(self, **values: float) -> None:
        """Add one row; every column must be given."""
        if self.size == self._data.shape[1]:
            grown = np.empty((len(self.names), 2 * self.size))
            grown[:, : self.size] = self._data
            self._data = grown
        for i, name in enumerate(self.names):
            self._data[i, self.size] = values[name]
        self.size += 1

    def column(self, name: str) -> np.ndarray:
        """A read-only view of the filled part of one column."""
        view = self._data[self.names.index(name), : self.size]
        view.flags.writeable = False
        return view
