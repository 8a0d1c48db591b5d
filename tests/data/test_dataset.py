"""Dataset: validation of shapes and dtypes, properties, subset."""

from __future__ import annotations

import numpy as np
import pytest

from fnnsim.data import Dataset


def _classification(n: int = 5) -> Dataset:
    X = np.arange(2.0 * n).reshape(n, 2)
    y = np.arange(n, dtype=np.int64) % 3
    return Dataset(X, y, "classification", ("a", "b"), ("label",), ("r", "g", "b"), "toy")


def _regression(n: int = 4) -> Dataset:
    X = np.arange(3.0 * n).reshape(n, 3)
    y = np.arange(2.0 * n).reshape(n, 2)
    return Dataset(X, y, "regression", ("a", "b", "c"), ("u", "v"), (), "reg")


def test_properties() -> None:
    ds = _classification()
    assert (ds.n_samples, ds.n_features, ds.n_classes, ds.n_targets) == (5, 2, 3, 1)
    reg = _regression()
    assert (reg.n_samples, reg.n_features, reg.n_classes, reg.n_targets) == (4, 3, 0, 2)


def test_is_frozen() -> None:
    ds = _classification()
    with pytest.raises(AttributeError):
        ds.name = "other"  # type: ignore[misc]


def test_subset_by_indices_mask_and_empty() -> None:
    ds = _classification()
    sub = ds.subset([4, 0])
    assert np.array_equal(sub.X, ds.X[[4, 0]]) and sub.y.tolist() == [1, 0]
    assert sub.class_names == ds.class_names and sub.name == "toy"
    assert sub.X.flags.c_contiguous and not np.shares_memory(sub.X, ds.X)
    mask = ds.y == 1
    assert ds.subset(mask).n_samples == int(mask.sum())
    empty = ds.subset([])
    assert empty.X.shape == (0, 2) and empty.y.shape == (0,) and empty.n_classes == 3
    empty_reg = _regression().subset(np.array([], dtype=np.int64))
    assert empty_reg.X.shape == (0, 3) and empty_reg.y.shape == (0, 2)


def test_subset_rejects_float_indices() -> None:
    with pytest.raises(ValueError, match="integers or booleans"):
        _classification().subset(np.array([0.0, 1.0]))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"task": "clustering"}, "task must be one of"),
        ({"X": np.zeros((5, 2), dtype=np.float32)}, "2-D float64"),
        ({"X": np.zeros(5)}, "2-D float64"),
        ({"X": np.zeros((2, 5)).T}, "C-contiguous"),
        ({"X": np.full((5, 2), np.nan)}, "NaN or Inf"),
        ({"feature_names": ("a",)}, "1 feature names for 2 columns"),
        ({"feature_names": ["a", "b"]}, "tuple of str"),
        ({"y": np.zeros(5)}, "1-D int64"),
        ({"y": np.zeros(4, dtype=np.int64)}, "y has 4 rows, X has 5"),
        ({"y": np.array([0, 1, 2, 3, 0])}, "labels must be in 0..2"),
        ({"y": np.array([0, 1, -1, 0, 0])}, "labels must be in 0..2"),
        ({"class_names": ("only",)}, "at least 2 class names"),
        ({"target_names": ()}, "exactly one target name"),
    ],
)
def test_classification_validation(change: dict, message: str) -> None:
    ds = _classification()
    fields = {"X": ds.X, "y": ds.y, "task": ds.task, "feature_names": ds.feature_names,
              "target_names": ds.target_names, "class_names": ds.class_names, "name": ds.name}
    with pytest.raises(ValueError, match=message):
        Dataset(**(fields | change))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"y": np.zeros(4)}, "2-D float64"),
        ({"y": np.zeros((4, 2), dtype=np.int64)}, "2-D float64"),
        ({"y": np.zeros((4, 1))}, "2 target names for 1 columns"),
        ({"y": np.full((4, 2), np.inf)}, "NaN or Inf"),
        ({"class_names": ("x", "y")}, "no class names"),
    ],
)
def test_regression_validation(change: dict, message: str) -> None:
    ds = _regression()
    fields = {"X": ds.X, "y": ds.y, "task": ds.task, "feature_names": ds.feature_names,
              "target_names": ds.target_names, "class_names": ds.class_names, "name": ds.name}
    with pytest.raises(ValueError, match=message):
        Dataset(**(fields | change))
