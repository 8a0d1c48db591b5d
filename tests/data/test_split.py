"""Training/validation split and the Standardizer."""

from __future__ import annotations

import numpy as np
import pytest

from fnnsim.data import Dataset, Standardizer, generate, split_indices, train_val_split
from fnnsim.errors import DataError


def _labelled(counts: list[int]) -> Dataset:
    """A classification set with counts[c] rows of class c; X[i] = (i, -i) identifies rows."""
    y = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    n = y.size
    X = np.column_stack([np.arange(n, dtype=np.float64), -np.arange(n, dtype=np.float64)])
    names = tuple(f"c{k}" for k in range(max(len(counts), 2)))
    return Dataset(X, y, "classification", ("i", "j"), ("label",), names, "toy")


@pytest.mark.parametrize(("n", "fraction", "n_val"), [
    (100, 0.2, 20), (10, 0.25, 3), (10, 0.24, 2), (7, 0.5, 4), (2, 0.9, 1), (3, 0.0, 0),
])
def test_validation_size_is_rounded_half_up(n: int, fraction: float, n_val: int) -> None:
    for ds, stratify in [(generate("plane", n, 0.1, 0), True),
                         (_labelled([n // 2, n - n // 2]), False)]:
        train, val = split_indices(ds, fraction, seed=1, stratify=stratify)
        assert val.size == n_val and train.size == n - n_val


@pytest.mark.parametrize("stratify", [True, False])
def test_indices_are_disjoint_sorted_and_cover_every_row(stratify: bool) -> None:
    ds = generate("spiral", 301, 0.2, 0, classes=3)
    train, val = split_indices(ds, 0.3, seed=5, stratify=stratify)
    assert np.intersect1d(train, val).size == 0
    assert np.array_equal(np.sort(np.concatenate([train, val])), np.arange(301))
    assert np.all(np.diff(train) > 0) and np.all(np.diff(val) > 0)
    train_ds, val_ds = train_val_split(ds, 0.3, seed=5, stratify=stratify)
    assert np.array_equal(train_ds.X, ds.X[train]) and np.array_equal(val_ds.y, ds.y[val])


def test_stratified_split_keeps_class_shares() -> None:
    ds = _labelled([60, 30, 10])
    _train, val = split_indices(ds, 0.2, seed=3)
    assert np.bincount(ds.y[val], minlength=3).tolist() == [12, 6, 2]


def test_stratified_rounding_gives_exact_total_by_largest_remainder() -> None:
    ds = _labelled([5, 5, 5])  # quotas 1.5 each, total round(4.5) = 5
    _train, val = split_indices(ds, 0.3, seed=0)
    assert np.bincount(ds.y[val], minlength=3).tolist() == [2, 2, 1]
    ds = _labelled([3, 7, 10])  # quotas 0.9, 2.1, 3.0, total 6: the spare row goes to class 0
    _train, val = split_indices(ds, 0.3, seed=0)
    assert np.bincount(ds.y[val], minlength=3).tolist() == [1, 2, 3]


def test_every_class_keeps_a_training_sample() -> None:
    ds = _labelled([1, 1, 2, 20])
    train, val = split_indices(ds, 0.9, seed=2)
    assert set(ds.y[train].tolist()) == {0, 1, 2, 3}
    assert np.bincount(ds.y[val], minlength=4).tolist() == [0, 0, 1, 19]
    # The cap can make the total smaller than round(fraction * n): here 0 instead of 1.
    assert split_indices(_labelled([1, 1]), 0.9, seed=2)[1].size == 0


def test_unstratified_split_can_leave_a_class_out_of_training() -> None:
    ds = _labelled([1, 40])
    outcomes = {0 in ds.y[split_indices(ds, 0.5, s, stratify=False)[0]] for s in range(20)}
    assert outcomes == {True, False}


def test_split_is_deterministic_and_depends_on_the_seed() -> None:
    ds = generate("moons", 200, 0.1, 0)
    a = split_indices(ds, 0.25, seed=11)
    b = split_indices(ds, 0.25, seed=11)
    c = split_indices(ds, 0.25, seed=12)
    d = split_indices(ds, 0.25, seed=np.random.default_rng(11))
    assert np.array_equal(a[1], b[1]) and np.array_equal(a[1], d[1])
    assert not np.array_equal(a[1], c[1])


def test_empty_validation_set_keeps_shape_and_metadata() -> None:
    ds = generate("xor", 40, 0.1, 0)
    train, val = train_val_split(ds, 0.0, seed=0)
    assert train.n_samples == 40 and np.array_equal(np.sort(train.X, axis=0),
                                                     np.sort(ds.X, axis=0))
    assert val.X.shape == (0, 2) and val.y.shape == (0,) and val.y.dtype == np.int64
    assert val.class_names == ds.class_names and val.name == ds.name
    _train, reg_val = train_val_split(generate("plane", 40, 0.1, 0), 0.0, seed=0)
    assert reg_val.X.shape == (0, 2) and reg_val.y.shape == (0, 1)


@pytest.mark.parametrize("fraction", [-0.1, 0.95, 1.0, float("nan"), True, "0.2", None])
def test_bad_fraction(fraction: object) -> None:
    ds = generate("xor", 20, 0.1, 0)
    with pytest.raises(DataError, match="val_fraction must be"):
        train_val_split(ds, fraction, seed=0)  # type: ignore[arg-type]


def test_bad_seed() -> None:
    with pytest.raises(DataError, match="seed must be >= 0, got -1"):
        train_val_split(generate("xor", 20, 0.1, 0), 0.2, seed=-1)


def test_standardizer_on_training_data() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal([3.0, -7.0, 0.0], [2.0, 0.1, 50.0], size=(500, 3))
    scaler = Standardizer.fit(X)
    Z = scaler.transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(scaler.mean, X.mean(axis=0))
    np.testing.assert_allclose(scaler.inverse_transform(Z), X, rtol=1e-13, atol=1e-12)
    other = rng.normal(size=(4, 3))
    np.testing.assert_array_equal(scaler.transform(other), (other - scaler.mean) / scaler.std)


def test_standardizer_constant_column_maps_to_zero() -> None:
    X = np.column_stack([np.full(7, 0.1), np.arange(7.0)])
    scaler = Standardizer.fit(X)
    assert scaler.std[0] == 1.0 and scaler.mean[0] == 0.1
    Z = scaler.transform(X)
    assert np.all(Z[:, 0] == 0.0) and np.all(np.isfinite(Z))
    np.testing.assert_array_equal(scaler.inverse_transform(Z)[:, 0], X[:, 0])


def test_standardizer_apply_changes_only_inputs() -> None:
    train, val = train_val_split(generate("gaussians", 200, 0.1, 0), 0.2, seed=0)
    scaler = Standardizer.fit(train.X)
    scaled = scaler.apply(val)
    np.testing.assert_array_equal(scaled.X, scaler.transform(val.X))
    assert scaled.y is val.y and scaled.class_names == val.class_names
    assert scaled.X.flags.c_contiguous and scaled.X.dtype == np.float64


def test_standardizer_checks_shapes() -> None:
    scaler = Standardizer.fit(np.ones((3, 2)))
    with pytest.raises(ValueError, match=r"expected an \(n, 2\) array"):
        scaler.transform(np.ones((3, 3)))
    with pytest.raises(ValueError, match="at least one row"):
        Standardizer.fit(np.ones((0, 2)))
    with pytest.raises(ValueError, match="std finite and > 0"):
        Standardizer(np.zeros(2), np.array([1.0, 0.0]))
