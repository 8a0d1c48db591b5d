"""Seeded synthetic data sets, each with a noise level, in one name-keyed table.

`generate(name, n_samples, noise, seed, **params)` is the only entry point the GUI and the
CLI need; `GENERATORS[name]` tells them the task, a one-line description and the tunable
parameters (with defaults and limits) to offer.

Determinism: the same (name, n_samples, noise, seed, params) gives bit-identical arrays.
Every generator draws its random numbers in the same order whatever the noise, so moving
the noise slider jitters the *same* points rather than drawing new ones. Classification
generators are class-balanced: class c gets n // K samples, plus one for c < n % K. Rows are
shuffled at the end, so any prefix of the data mixes the classes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from fnnsim.data._random import Seed, as_generator
from fnnsim.data.dataset import CLASSIFICATION, REGRESSION, Dataset
from fnnsim.errors import QT_TRANSLATE_NOOP, DataError

MIN_SAMPLES = 2
MAX_SAMPLES = 1_000_000
MAX_NOISE = 1000.0  # far beyond any useful level; keeps the data finite

# f(n_samples, noise, rng, **params) -> (X (n, d) float64, y (n,) int64 or (n, k) float64)
GeneratorFn = Callable[..., tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class Param:
    """One tunable generator parameter: its default (whose type, int or float, is the
    parameter's type) and its inclusive limits (None = unbounded)."""

    default: int | float
    minimum: int | float | None = None
    maximum: int | float | None = None
    description: str = ""


@dataclass(frozen=True)
class GeneratorSpec:
    """What the GUI needs to offer one generator, and the function that builds it."""

    function: GeneratorFn
    task: str
    description: str
    params: Mapping[str, Param]
    feature_names: tuple[str, ...] = ("x1", "x2")

    @property
    def defaults(self) -> dict[str, int | float]:
        """Default value of every parameter, by name."""
        return {key: p.default for key, p in self.params.items()}


def _class_counts(n: int, k: int) -> np.ndarray:
    """Samples per class, as equal as possible: the first n % k classes get one more."""
    counts = np.full(k, n // k, dtype=np.int64)
    counts[: n % k] += 1
    return counts


def _balanced_labels(n: int, k: int) -> np.ndarray:
    """Labels 0..k-1 in blocks of `_class_counts(n, k)` (the caller shuffles rows)."""
    return np.repeat(np.arange(k, dtype=np.int64), _class_counts(n, k))


def _jitter(X: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    """X plus Gaussian noise of std `noise`; always draws, so noise=0 keeps the stream."""
    return X + noise * rng.standard_normal(X.shape)


# XOR points keep this distance from the axes, so at noise 0 no point sits on a boundary.
XOR_MARGIN = 0.05


def _xor(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Uniform points in the four quadrants of [-1, 1]²; label 1 where sign(x1) ≠ sign(x2).
    noise: std of Gaussian jitter on the inputs (after labelling)."""
    y = _balanced_labels(n, 2)
    s1 = np.where(rng.random(n) < 0.5, -1.0, 1.0)
    s2 = np.where(y == 1, -s1, s1)
    magnitude = rng.uniform(XOR_MARGIN, 1.0, size=(n, 2))
    X = np.column_stack([s1 * magnitude[:, 0], s2 * magnitude[:, 1]])
    return _jitter(X, noise, rng), y


def _circles(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Class 0: a disc of radius 0.5; class 1: the ring 0.7 ≤ r ≤ 1 (inputs in [-1, 1]²).
    noise: std of Gaussian jitter on the inputs."""
    y = _balanced_labels(n, 2)
    u = rng.random(n)
    radius = np.where(y == 0, 0.5 * u, 0.7 + 0.3 * u)
    angle = rng.uniform(0.0, 2.0 * math.pi, size=n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return _jitter(X, noise, rng), y


def _gaussians(
    n: int, noise: float, rng: np.random.Generator, spread: float
) -> tuple[np.ndarray, np.ndarray]:
    """Two round Gaussian blobs of std `spread`, centred at (-1, -1) (class 0) and (1, 1)
    (class 1); inputs mostly in [-2.5, 2.5]². noise: std of extra Gaussian jitter on the
    inputs (the blobs' total std is √(spread² + noise²))."""
    y = _balanced_labels(n, 2)
    centre = np.where(y == 0, -1.0, 1.0)[:, None] * np.ones(2)
    X = centre + spread * rng.standard_normal((n, 2))
    return _jitter(X, noise, rng), y


def _spiral(
    n: int, noise: float, rng: np.random.Generator, classes: int
) -> tuple[np.ndarray, np.ndarray]:
    """K interleaved spiral arms, as in the CS231n notes: arm j has radius r rising from 0
    to 1 while its angle t runs over [4j, 4j + 4] radians; x = (r sin t, r cos t), inputs in
    [-1, 1]². noise: std of Gaussian jitter on the angle t, in radians (CS231n uses 0.2).
    The radius starts just above 0 so that no two arms share the point (0, 0)."""
    if n < classes:
        raise DataError(QT_TRANSLATE_NOOP(
            "Errors", "n_samples must be >= classes ({classes}), got {value}"),
            classes=classes, value=n)
    y = _balanced_labels(n, classes)
    parts = []
    for j, m in enumerate(_class_counts(n, classes)):
        radius = np.linspace(0.0, 1.0, m + 1)[1:]
        angle = np.linspace(4.0 * j, 4.0 * (j + 1), m) + noise * rng.standard_normal(m)
        parts.append(np.column_stack([radius * np.sin(angle), radius * np.cos(angle)]))
    return np.concatenate(parts), y


def _moons(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half-moons of radius 1 (as scikit-learn's make_moons, but centred):
    inputs in [-1.5, 1.5] × [-0.75, 0.75]. noise: std of Gaussian jitter on the inputs."""
    y = _balanced_labels(n, 2)
    t = rng.uniform(0.0, math.pi, size=n)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where((y == 0)[:, None], upper, lower) - np.array([0.5, 0.25])
    return _jitter(X, noise, rng), y


def _checkerboard(
    n: int, noise: float, rng: np.random.Generator, tiles: int
) -> tuple[np.ndarray, np.ndarray]:
    """[-1, 1]² cut into tiles × tiles squares; the label is the square's colour,
    (column + row) mod 2. Each class picks its squares uniformly, then a uniform point in
    the square. noise: std of Gaussian jitter on the inputs."""
    y = _balanced_labels(n, 2)
    column, row = np.divmod(np.arange(tiles * tiles), tiles)
    cell = np.empty((n, 2), dtype=np.float64)
    for colour, m in enumerate(_class_counts(n, 2)):
        squares = np.flatnonzero((column + row) % 2 == colour)
        pick = squares[rng.integers(0, squares.size, size=m)]
        cell[y == colour] = np.column_stack([column[pick], row[pick]])
    width = 2.0 / tiles
    X = -1.0 + (cell + rng.random((n, 2))) * width
    return _jitter(X, noise, rng), y


def _plane(
    n: int, noise: float, rng: np.random.Generator, a: float, b: float, c: float
) -> tuple[np.ndarray, np.ndarray]:
    """Regression: x uniform in [-1, 1]², y = a·x1 + b·x2 + c. noise: std of Gaussian noise
    added to y."""
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    y = a * X[:, 0] + b * X[:, 1] + c
    return X, _jitter(y, noise, rng)[:, None]


def _sine(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Regression: x uniform in [-π, π], y = sin(x). noise: std of Gaussian noise on y."""
    x = rng.uniform(-math.pi, math.pi, size=n)
    return x[:, None], _jitter(np.sin(x), noise, rng)[:, None]


_NO_PARAMS: Mapping[str, Param] = MappingProxyType({})


def _params(**params: Param) -> Mapping[str, Param]:
    """A read-only name → Param table, so no caller can change a generator's limits."""
    return MappingProxyType(params)


GENERATORS: dict[str, GeneratorSpec] = {
    "xor": GeneratorSpec(
        _xor, CLASSIFICATION,
        "Four quadrants; class 1 where x1 and x2 have opposite signs. Inputs in [-1, 1]².",
        _NO_PARAMS,
    ),
    "circles": GeneratorSpec(
        _circles, CLASSIFICATION, "A disc inside a ring. Inputs in [-1, 1]².", _NO_PARAMS,
    ),
    "gaussians": GeneratorSpec(
        _gaussians, CLASSIFICATION, "Two Gaussian blobs around (-1, -1) and (1, 1).",
        _params(spread=Param(0.4, 0.0, 5.0, "std of each blob")),
    ),
    "spiral": GeneratorSpec(
        _spiral, CLASSIFICATION,
        "K interleaved spiral arms (CS231n); noise jitters the angle. Inputs in [-1, 1]².",
        _params(classes=Param(2, 2, 100, "number of arms (classes)")),
    ),
    "moons": GeneratorSpec(
        _moons, CLASSIFICATION,
        "Two interleaved half-moons. Inputs in [-1.5, 1.5] × [-0.75, 0.75].", _NO_PARAMS,
    ),
    "checkerboard": GeneratorSpec(
        _checkerboard, CLASSIFICATION, "A two-colour checkerboard on [-1, 1]².",
        _params(tiles=Param(4, 2, 64, "squares per side")),
    ),
    "plane": GeneratorSpec(
        _plane, REGRESSION, "Regression y = a·x1 + b·x2 + c, noise on y. Inputs in [-1, 1]².",
        _params(
            a=Param(1.0, -100.0, 100.0, "slope along x1"),
            b=Param(-0.5, -100.0, 100.0, "slope along x2"),
            c=Param(0.25, -100.0, 100.0, "offset"),
        ),
    ),
    "sine": GeneratorSpec(
        _sine, REGRESSION, "Regression y = sin(x), x in [-π, π], noise on y.", _NO_PARAMS,
        feature_names=("x",),
    ),
}


def generate(
    name: str, n_samples: int, noise: float, seed: Seed, **params: float
) -> Dataset:
    """Build the synthetic data set `name` with `n_samples` rows.

    `noise` (0 to MAX_NOISE) means what the generator's docstring says: usually the std of
    Gaussian jitter on the inputs (classification) or on the target (regression). `seed` is
    an int or a Generator (see `as_generator`). `params` override the generator's defaults;
    a classification generator's class count is its `classes` parameter (else 2).
    Raises DataError for an unknown name or parameter, or a value out of range.
    """
    spec = GENERATORS.get(name) if isinstance(name, str) else None
    if spec is None:
        raise DataError(QT_TRANSLATE_NOOP(
            "Errors", "unknown generator {name!r}; choose one of: {valid}"),
            name=name, valid=", ".join(GENERATORS))
    n = _check_n_samples(n_samples)
    noise = _check_number("noise", noise, float, 0.0, MAX_NOISE)
    values = _resolve_params(name, spec, params)
    rng = as_generator(seed)
    X, y = spec.function(n, noise, rng, **values)
    order = rng.permutation(n)
    X = np.ascontiguousarray(X[order], dtype=np.float64)
    y = np.ascontiguousarray(y[order])
    if spec.task == CLASSIFICATION:
        k = int(values.get("classes", 2))
        return Dataset(X, y, CLASSIFICATION, spec.feature_names, ("label",),
                       tuple(str(c) for c in range(k)), name)
    return Dataset(X, y, REGRESSION, spec.feature_names, ("y",), (), name)


def _check_n_samples(n_samples: object) -> int:
    n = _check_number("n_samples", n_samples, int, MIN_SAMPLES, None)
    if n > MAX_SAMPLES:
        raise DataError(QT_TRANSLATE_NOOP("Errors", "{key} must be <= {maximum:_}, got {value}"),
                        key="n_samples", maximum=MAX_SAMPLES, value=n)
    return int(n)


def _resolve_params(name: str, spec: GeneratorSpec, params: dict) -> dict[str, int | float]:
    """Defaults overridden by `params`, each checked against its type and limits."""
    unknown = sorted(set(params) - set(spec.params))
    if unknown and not spec.params:
        raise DataError(QT_TRANSLATE_NOOP(
            "Errors", "unknown parameter {name!r} for generator {generator!r}; "
            "valid parameters: none"), name=unknown[0], generator=name)
    if unknown:
        raise DataError(QT_TRANSLATE_NOOP(
            "Errors", "unknown parameter {name!r} for generator {generator!r}; "
            "valid parameters: {valid}"), name=unknown[0], generator=name,
            valid=", ".join(spec.params))
    values: dict[str, int | float] = {}
    for key, p in spec.params.items():
        kind = int if isinstance(p.default, int) else float
        values[key] = _check_number(key, params.get(key, p.default), kind, p.minimum, p.maximum)
    return values


def _check_number(
    key: str, value: object, kind: type, minimum: float | None, maximum: float | None
) -> int | float:
    """`value` as `kind` (int or float) within [minimum, maximum], or a one-line DataError.
    Booleans are rejected: `noise=True` is a mistake, not 1.0."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataError(QT_TRANSLATE_NOOP("Errors", "{key} must be a number, got {value!r}"),
                        key=key, value=value)
    if kind is int:
        if not (isinstance(value, int) or value.is_integer()):
            raise DataError(QT_TRANSLATE_NOOP("Errors", "{key} must be an integer, got {value!r}"),
                            key=key, value=value)
        number: int | float = int(value)
    else:
        number = float(value)
        if not math.isfinite(number):
            raise DataError(
                QT_TRANSLATE_NOOP("Errors", "{key} must be a finite number, got {value!r}"),
                key=key, value=value)
    if minimum is not None and number < minimum:
        raise DataError(QT_TRANSLATE_NOOP("Errors", "{key} must be >= {minimum:g}, got {value!r}"),
                        key=key, minimum=minimum, value=value)
    if maximum is not None and number > maximum:
        raise DataError(QT_TRANSLATE_NOOP("Errors", "{key} must be <= {maximum:g}, got {value!r}"),
                        key=key, maximum=maximum, value=value)
    return number
