"""Training/validation split and input standardisation.

The validation set V is what early stopping watches (Algorithm 4.1: "until the error rate
on V stops falling"), so the split must be reproducible from the seed and, for
classification, keep every class's share in both parts.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from fnnsim.data._random import Seed, as_generator
from fnnsim.data.dataset import CLASSIFICATION, Dataset
from fnnsim.errors import QT_TRANSLATE_NOOP, DataError

MAX_VAL_FRACTION = 0.9


def split_indices(
    ds: Dataset, val_fraction: float, seed: Seed, stratify: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """(train, validation) row indices of `ds`: disjoint, together every row, each sorted.

    Size: the validation set has round(val_fraction · n) rows (halves round up), but at
    most n - 1, so training is never empty. With `stratify` and a classification data set
    the rows are drawn per class: class c gives val_fraction · n_c rows, rounded so the
    total is the size above (largest remainders first, ties to the lower class index), and
    keeps at least one row for training; that cap can make the total smaller when classes
    are tiny. Regression data is never stratified. The chosen rows are random (from `seed`);
    the returned indices are sorted so each part keeps the data's original order (training
    shuffles every epoch anyway).
    """
    fraction = _check_fraction(val_fraction)
    rng = as_generator(seed)
    n = ds.n_samples
    n_val = min(math.floor(fraction * n + 0.5), max(n - 1, 0))
    if stratify and ds.task == CLASSIFICATION:
        members = [np.flatnonzero(ds.y == c) for c in range(ds.n_classes)]
        counts = np.array([m.size for m in members], dtype=np.int64)
        quotas = _allocate(fraction * counts, np.maximum(counts - 1, 0), n_val)
        val = np.concatenate(
            [rng.permutation(m)[:q] for m, q in zip(members, quotas, strict=True)]
        ).astype(np.intp)
    else:
        val = rng.permutation(n)[:n_val].astype(np.intp)
    is_val = np.zeros(n, dtype=bool)
    is_val[val] = True
    return np.flatnonzero(~is_val), np.flatnonzero(is_val)


def train_val_split(
    ds: Dataset, val_fraction: float, seed: Seed, stratify: bool = True
) -> tuple[Dataset, Dataset]:
    """(training set, validation set) of `ds`, as chosen by `split_indices`.

    `val_fraction` must be in [0, 0.9]; 0 gives an empty validation set (0 rows, same
    columns and metadata). Raises DataError for a fraction out of range.
    """
    train, val = split_indices(ds, val_fraction, seed, stratify)
    return ds.subset(train), ds.subset(val)


def _check_fraction(val_fraction: object) -> float:
    if isinstance(val_fraction, np.generic):
        val_fraction = val_fraction.item()
    if isinstance(val_fraction, bool) or not isinstance(val_fraction, (int, float)):
        raise DataError(QT_TRANSLATE_NOOP("Errors", "{key} must be a number, got {value!r}"),
                        key="val_fraction", value=val_fraction)
    if not 0.0 <= val_fraction <= MAX_VAL_FRACTION:  # also False for NaN
        raise DataError(
            QT_TRANSLATE_NOOP("Errors", "{key} must be in [{minimum}, {maximum}], got {value!r}"),
            key="val_fraction", minimum=0, maximum=MAX_VAL_FRACTION, value=val_fraction)
    return float(val_fraction)


def _allocate(quotas: np.ndarray, caps: np.ndarray, total: int) -> np.ndarray:
    """Integers near `quotas`, each <= its cap, summing to `total` if the caps allow:
    the floors first, then one more to the largest remainders (lower index on ties)."""
    counts = np.minimum(np.floor(quotas).astype(np.int64), caps)
    order = np.lexsort((np.arange(quotas.size), -(quotas - np.floor(quotas))))
    remaining = total - int(counts.sum())
    while remaining > 0:
        room = [c for c in order if counts[c] < caps[c]]
        if not room:
            break
        for c in room[:remaining]:
            counts[c] += 1
        remaining -= min(remaining, len(room))
    return counts


@dataclass(frozen=True, eq=False)
class Standardizer:
    """Per-column affine map x → (x - mean) / std, so every input has mean 0 and std 1.

    Fit it on the training set only and apply the same map to the validation set (and to
    anything plotted or predicted later): fitting on validation rows would leak them into
    training. A constant column gets std 1 (and its exact value as the mean), so it maps
    to 0 instead of dividing by zero.
    """

    mean: np.ndarray
    std: np.ndarray

    def __post_init__(self) -> None:
        for key in ("mean", "std"):
            value = getattr(self, key)
            if not isinstance(value, np.ndarray) or value.ndim != 1 or value.dtype != np.float64:
                raise ValueError(f"{key} must be a 1-D float64 array")
        if self.mean.shape != self.std.shape:
            raise ValueError("mean and std must have the same length")
        if not (np.all(np.isfinite(self.mean)) and np.all(self.std > 0)
                and np.all(np.isfinite(self.std))):
            raise ValueError("mean must be finite and std finite and > 0")

    @classmethod
    def fit(cls, X: np.ndarray) -> Standardizer:
        """Column means and (population) standard deviations of the training inputs X."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[0] == 0:
            raise ValueError("fit needs a 2-D array with at least one row")
        mean = X.mean(axis=0)
        std = X.std(axis=0)
        constant = np.all(X[0] == X, axis=0)
        mean[constant] = X[0, constant]
        std[constant] = 1.0
        return cls(mean, std)

    @property
    def n_features(self) -> int:
        return int(self.mean.size)

    def transform(self, X: np.ndarray) -> np.ndarray:
        """(X - mean) / std, a new C-contiguous float64 array."""
        return np.ascontiguousarray((self._checked(X) - self.mean) / self.std)

    def inverse_transform(self, X: np.ndarray) -> np.ndarray:
        """X · std + mean: back to the original units (e.g. for axis labels)."""
        return np.ascontiguousarray(self._checked(X) * self.std + self.mean)

    def apply(self, ds: Dataset) -> Dataset:
        """`ds` with standardised inputs; targets and metadata unchanged."""
        return dataclasses.replace(ds, X=self.transform(ds.X))

    def _checked(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ValueError(f"expected an (n, {self.n_features}) array, got shape {X.shape}")
        return X
