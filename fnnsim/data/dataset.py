"""The `Dataset` every other part of fnnsim trains on, plots and exports.

One immutable record holds the inputs, the targets and the names a learner sees (feature,
target and class names), so the GUI, the CLI and saved sessions never have to guess what a
column means. Invalid shapes or dtypes here are programming errors (plain `ValueError`):
user errors are caught earlier, by the generators and the CSV loader, as `DataError`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

CLASSIFICATION = "classification"
REGRESSION = "regression"
TASKS = (CLASSIFICATION, REGRESSION)


@dataclass(frozen=True, eq=False)
class Dataset:
    """Inputs `X` (n, d) and targets `y` of one data set, with display names.

    - `X`: float64, C-contiguous, finite, shape (n, d) with d >= 1. n may be 0 (an empty
      validation set).
    - `y`: classification → int64 labels 0..K-1, shape (n,); regression → float64, finite,
      C-contiguous, shape (n, k).
    - `target_names`: regression → one name per column of `y`; classification → the single
      name of the label column.
    - `class_names`: classification → display name of each class index (K >= 2);
      regression → ().

    Equality is identity (`eq=False`): comparing arrays element-wise is the caller's choice.
    """

    X: np.ndarray
    y: np.ndarray
    task: str
    feature_names: tuple[str, ...]
    target_names: tuple[str, ...]
    class_names: tuple[str, ...]
    name: str

    def __post_init__(self) -> None:
        if self.task not in TASKS:
            raise ValueError(f"task must be one of {TASKS}, got {self.task!r}")
        if not isinstance(self.name, str):
            raise TypeError(f"name must be a str, got {type(self.name).__name__}")
        _check_names("feature_names", self.feature_names)
        _check_names("target_names", self.target_names)
        _check_names("class_names", self.class_names)
        X = self.X
        if not isinstance(X, np.ndarray) or X.ndim != 2 or X.dtype != np.float64:
            raise ValueError("X must be a 2-D float64 array")
        if not X.flags.c_contiguous:
            raise ValueError("X must be C-contiguous")
        n, d = X.shape
        if d < 1:
            raise ValueError("X must have at least one column")
        if len(self.feature_names) != d:
            raise ValueError(f"{len(self.feature_names)} feature names for {d} columns of X")
        if not np.all(np.isfinite(X)):
            raise ValueError("X contains NaN or Inf")
        if self.task == CLASSIFICATION:
            self._check_classification(n)
        else:
            self._check_regression(n)

    def _check_classification(self, n: int) -> None:
        y = self.y
        if not isinstance(y, np.ndarray) or y.ndim != 1 or y.dtype != np.int64:
            raise ValueError("classification y must be a 1-D int64 array")
        if y.shape[0] != n:
            raise ValueError(f"y has {y.shape[0]} rows, X has {n}")
        if len(self.target_names) != 1:
            raise ValueError("classification needs exactly one target name")
        k = len(self.class_names)
        if k < 2:
            raise ValueError(f"classification needs at least 2 class names, got {k}")
        if n and (y.min() < 0 or y.max() >= k):
            raise ValueError(f"labels must be in 0..{k - 1}")

    def _check_regression(self, n: int) -> None:
        y = self.y
        if not isinstance(y, np.ndarray) or y.ndim != 2 or y.dtype != np.float64:
            raise ValueError("regression y must be a 2-D float64 array")
        if not y.flags.c_contiguous:
            raise ValueError("y must be C-contiguous")
        if y.shape[0] != n:
            raise ValueError(f"y has {y.shape[0]} rows, X has {n}")
        if y.shape[1] < 1 or len(self.target_names) != y.shape[1]:
            raise ValueError(f"{len(self.target_names)} target names for {y.shape[1]} columns")
        if self.class_names != ():
            raise ValueError("regression data has no class names")
        if not np.all(np.isfinite(y)):
            raise ValueError("y contains NaN or Inf")

    @property
    def n_samples(self) -> int:
        """Number of rows (samples)."""
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        """Number of input columns, i.e. the size of the network's input layer."""
        return int(self.X.shape[1])

    @property
    def n_classes(self) -> int:
        """Number of classes K for classification; 0 for regression."""
        return len(self.class_names) if self.task == CLASSIFICATION else 0

    @property
    def n_targets(self) -> int:
        """Columns of `y`: 1 for classification (one label), k for regression."""
        return 1 if self.task == CLASSIFICATION else int(self.y.shape[1])

    def subset(self, indices: np.ndarray | list[int]) -> Dataset:
        """The rows at `indices` (integer positions or a boolean mask), same metadata.

        The result owns fresh C-contiguous copies, so it never aliases this data set.
        """
        idx = np.asarray(indices)
        if idx.size == 0:
            idx = idx.astype(np.intp).reshape(0)
        if idx.ndim != 1:
            raise ValueError("indices must be 1-D")
        if idx.dtype != np.bool_ and not np.issubdtype(idx.dtype, np.integer):
            raise ValueError(f"indices must be integers or booleans, got {idx.dtype}")
        X = np.ascontiguousarray(self.X[idx])
        y = np.ascontiguousarray(self.y[idx])
        return dataclasses.replace(self, X=X, y=y)


def _check_names(field: str, names: object) -> None:
    """Names must be a tuple of str, so a frozen Dataset really cannot change."""
    if not isinstance(names, tuple) or not all(isinstance(s, str) for s in names):
        raise ValueError(f"{field} must be a tuple of str")
