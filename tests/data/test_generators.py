"""Synthetic generators: determinism, shapes, balance, the geometry at noise 0, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest

from fnnsim.data import GENERATORS, generate
from fnnsim.data.dataset import CLASSIFICATION, REGRESSION, TASKS
from fnnsim.errors import DataError

NAMES = sorted(GENERATORS)
CLASSIFIERS = [n for n in NAMES if GENERATORS[n].task == CLASSIFICATION]
REGRESSORS = [n for n in NAMES if GENERATORS[n].task == REGRESSION]


def test_table_holds_every_required_generator() -> None:
    required = {"xor", "circles", "gaussians", "spiral", "moons", "checkerboard", "plane", "sine"}
    assert required <= set(GENERATORS)
    assert set(REGRESSORS) == {"plane", "sine"}
    for spec in GENERATORS.values():
        assert spec.task in TASKS
        assert spec.description and "\n" not in spec.description
        assert isinstance(spec.defaults, dict)


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_gives_bit_identical_data(name: str) -> None:
    a = generate(name, 101, 0.1, seed=7)
    b = generate(name, 101, 0.1, seed=7)
    assert a.X.tobytes() == b.X.tobytes()
    assert a.y.tobytes() == b.y.tobytes()
    c = generate(name, 101, 0.1, seed=np.random.default_rng(7))
    assert c.X.tobytes() == a.X.tobytes()


@pytest.mark.parametrize("name", NAMES)
def test_different_seed_gives_different_data(name: str) -> None:
    a = generate(name, 101, 0.1, seed=7)
    b = generate(name, 101, 0.1, seed=8)
    assert not np.array_equal(a.X, b.X)


@pytest.mark.parametrize("name", NAMES)
def test_defaults_are_the_same_as_no_params(name: str) -> None:
    a = generate(name, 50, 0.05, 3)
    b = generate(name, 50, 0.05, 3, **GENERATORS[name].defaults)
    assert np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y)


@pytest.mark.parametrize("name", CLASSIFIERS)
@pytest.mark.parametrize("n", [2, 9, 100])
def test_classification_shapes_labels_and_balance(name: str, n: int) -> None:
    ds = generate(name, n, 0.2, seed=1)
    assert ds.X.shape == (n, 2) and ds.X.dtype == np.float64 and ds.X.flags.c_contiguous
    assert ds.y.shape == (n,) and ds.y.dtype == np.int64
    assert ds.task == CLASSIFICATION and ds.name == name
    assert ds.class_names == ("0", "1") and ds.n_classes == 2
    assert ds.feature_names == ("x1", "x2") and ds.target_names == ("label",)
    counts = np.bincount(ds.y, minlength=2)
    assert counts.tolist() == [(n + 1) // 2, n // 2]


def test_rows_are_shuffled_not_blocked_by_class() -> None:
    y = generate("moons", 200, 0.0, 0).y
    assert 0 < y[:100].sum() < 100


@pytest.mark.parametrize("name", REGRESSORS)
def test_regression_shapes(name: str) -> None:
    ds = generate(name, 64, 0.1, seed=2)
    d = 1 if name == "sine" else 2
    assert ds.X.shape == (64, d) and ds.y.shape == (64, 1)
    assert ds.y.dtype == np.float64 and ds.class_names == () and ds.n_classes == 0
    assert ds.target_names == ("y",) and ds.n_targets == 1


def test_xor_at_noise_zero_follows_the_quadrant_rule() -> None:
    ds = generate("xor", 500, 0.0, 4)
    expected = (np.sign(ds.X[:, 0]) != np.sign(ds.X[:, 1])).astype(np.int64)
    assert np.array_equal(ds.y, expected)
    assert np.all(np.abs(ds.X) <= 1.0) and np.all(np.abs(ds.X) >= 0.05)
    quadrants = {(bool(a), bool(b)) for a, b in ds.X > 0}
    assert len(quadrants) == 4


def test_xor_noise_jitters_the_same_points() -> None:
    clean = generate("xor", 2000, 0.0, 4)
    noisy = generate("xor", 2000, 0.3, 4)
    assert np.array_equal(clean.y, noisy.y)
    assert np.std(noisy.X - clean.X) == pytest.approx(0.3, rel=0.05)


def test_circles_at_noise_zero() -> None:
    ds = generate("circles", 400, 0.0, 5)
    r = np.hypot(ds.X[:, 0], ds.X[:, 1])
    assert np.all(r[ds.y == 0] <= 0.5)
    assert np.all((r[ds.y == 1] >= 0.7) & (r[ds.y == 1] <= 1.0))


def test_gaussians_centres_and_spread() -> None:
    ds = generate("gaussians", 4000, 0.0, 6, spread=0.3)
    np.testing.assert_allclose(ds.X[ds.y == 0].mean(axis=0), [-1, -1], atol=0.03)
    np.testing.assert_allclose(ds.X[ds.y == 1].mean(axis=0), [1, 1], atol=0.03)
    assert ds.X[ds.y == 1].std() == pytest.approx(0.3, rel=0.05)


def test_moons_at_noise_zero_lie_on_unit_half_circles() -> None:
    ds = generate("moons", 300, 0.0, 7)
    upper = ds.X[ds.y == 0] + [0.5, 0.25]
    lower = ds.X[ds.y == 1] + [0.5, 0.25] - [1.0, 0.5]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0, atol=1e-12)
    np.testing.assert_allclose(np.hypot(*lower.T), 1.0, atol=1e-12)
    assert np.all(upper[:, 1] >= 0) and np.all(lower[:, 1] <= 1e-12)


@pytest.mark.parametrize("tiles", [2, 3, 4, 7])
def test_checkerboard_label_is_the_square_colour(tiles: int) -> None:
    ds = generate("checkerboard", 600, 0.0, 8, tiles=tiles)
    assert np.all(np.abs(ds.X) <= 1.0)
    square = np.floor((ds.X + 1.0) / (2.0 / tiles)).astype(np.int64)
    assert np.array_equal(ds.y, square.sum(axis=1) % 2)
    assert len({tuple(s) for s in square}) == tiles * tiles


def test_plane_at_noise_zero_is_exact_and_noise_is_on_the_target() -> None:
    ds = generate("plane", 300, 0.0, 9, a=2.0, b=-3.0, c=0.5)
    expected = 2.0 * ds.X[:, 0] + -3.0 * ds.X[:, 1] + 0.5
    assert np.array_equal(ds.y[:, 0], expected)
    noisy = generate("plane", 3000, 0.2, 9, a=2.0, b=-3.0, c=0.5)
    residual = noisy.y[:, 0] - (2.0 * noisy.X[:, 0] - 3.0 * noisy.X[:, 1] + 0.5)
    assert residual.std() == pytest.approx(0.2, rel=0.06)
    assert np.all(np.abs(noisy.X) <= 1.0)


def test_sine_at_noise_zero_is_exact() -> None:
    ds = generate("sine", 300, 0.0, 10)
    assert ds.feature_names == ("x",)
    assert np.array_equal(ds.y[:, 0], np.sin(ds.X[:, 0]))
    assert np.all(np.abs(ds.X) <= math.pi)


@pytest.mark.parametrize("classes", [2, 3, 5])
def test_spiral_with_k_classes(classes: int) -> None:
    n = 10 * classes + 1
    ds = generate("spiral", n, 0.0, 11, classes=classes)
    assert ds.n_classes == classes and ds.class_names == tuple(str(k) for k in range(classes))
    counts = np.bincount(ds.y, minlength=classes)
    assert counts.max() - counts.min() <= 1 and counts.sum() == n
    r = np.hypot(ds.X[:, 0], ds.X[:, 1])
    assert r.min() > 0 and r.max() == pytest.approx(1.0)
    # CS231n geometry: arm j's angle atan2(x1, x2) runs over [4j, 4j + 4].
    for j in range(classes):
        arm = ds.X[ds.y == j]
        m = arm.shape[0]
        t = np.linspace(4.0 * j, 4.0 * (j + 1), m)
        radius = np.linspace(0.0, 1.0, m + 1)[1:]
        expected = np.column_stack([radius * np.sin(t), radius * np.cos(t)])
        order = np.argsort(np.hypot(*arm.T))
        np.testing.assert_allclose(arm[order], expected, atol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "nope"}, "unknown generator 'nope'; choose one of: xor, circles"),
        ({"n_samples": 1}, "n_samples must be >= 2, got 1"),
        ({"n_samples": 1_000_001}, "n_samples must be <= 1_000_000, got 1000001"),
        ({"n_samples": 10.5}, "n_samples must be an integer, got 10.5"),
        ({"n_samples": True}, "n_samples must be a number, got True"),
        ({"noise": -1}, "noise must be >= 0, got -1"),
        ({"noise": float("nan")}, "noise must be a finite number, got nan"),
        ({"noise": "0.1"}, "noise must be a number, got '0.1'"),
        ({"seed": -3}, "seed must be >= 0, got -3"),
        ({"seed": 1.5}, "seed must be a non-negative integer or a numpy Generator"),
        ({"classes": 1}, "classes must be >= 2, got 1"),
        ({"classes": 2.5}, "classes must be an integer, got 2.5"),
        ({"n_samples": 4, "classes": 5}, "n_samples must be >= classes (5), got 4"),
        ({"arms": 3}, "unknown parameter 'arms' for generator 'spiral'; valid parameters: classes"),
    ],
)
def test_bad_arguments_raise_one_line_data_error(kwargs: dict, message: str) -> None:
    args = {"name": "spiral", "n_samples": 10, "noise": 0.1, "seed": 0} | kwargs
    with pytest.raises(DataError) as info:
        generate(args.pop("name"), args.pop("n_samples"), args.pop("noise"), args.pop("seed"),
                 **args)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_param_of_another_generator_is_rejected() -> None:
    with pytest.raises(DataError, match="valid parameters: none"):
        generate("xor", 10, 0.0, 0, classes=3)
    with pytest.raises(DataError, match="tiles must be >= 2, got 1"):
        generate("checkerboard", 10, 0.0, 0, tiles=1)


def test_numpy_scalars_are_accepted() -> None:
    ds = generate("spiral", np.int64(30), np.float64(0.1), np.int64(1), classes=np.int32(3))
    assert ds.n_samples == 30 and ds.n_classes == 3
