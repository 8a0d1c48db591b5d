"""Weight initializers, keyed by name. Biases start at zero.

Each draws W^(l) of shape (n_l, n_(l−1)) = (fan_out, fan_in) and multiplies it by a user
scale factor: scale 1 is the textbook rule; a large scale is how a learner makes the
gradients explode, a small one how they make them vanish.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np

Initializer = Callable[[int, int, np.random.Generator], np.ndarray]


def xavier_uniform(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    """Glorot & Bengio (2010): U(−r, r) with r = √(6 / (fan_in + fan_out))."""
    r = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-r, r, size=(fan_out, fan_in))


def xavier_normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    """Glorot normal: N(0, σ²) with σ = √(2 / (fan_in + fan_out))."""
    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=(fan_out, fan_in))


def he_uniform(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    """He et al. (2015), for ReLU: U(−r, r) with r = √(6 / fan_in)."""
    r = np.sqrt(6.0 / fan_in)
    return rng.uniform(-r, r, size=(fan_out, fan_in))


def he_normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    """He normal: N(0, σ²) with σ = √(2 / fan_in)."""
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_out, fan_in))


def normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    """Plain N(0, 1); the scale factor is its standard deviation."""
    return rng.normal(0.0, 1.0, size=(fan_out, fan_in))


def uniform(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    """Plain U(−1, 1); the scale factor is its half-width."""
    return rng.uniform(-1.0, 1.0, size=(fan_out, fan_in))


INITIALIZERS: dict[str, Initializer] = {
    "xavier_uniform": xavier_uniform,
    "xavier_normal": xavier_normal,
    "he_uniform": he_uniform,
    "he_normal": he_normal,
    "normal": normal,
    "uniform": uniform,
}


def init_weights(
    layer_sizes: list[int], initializer: str, scale: float, rng: np.random.Generator
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Weights (scaled draws) and zero biases for every layer l = 1..L."""
    draw = INITIALIZERS[initializer]
    weights = [
        scale * draw(fan_in, fan_out, rng)
        for fan_in, fan_out in itertools.pairwise(layer_sizes)
    ]
    biases = [np.zeros(n) for n in layer_sizes[1:]]
    return weights, biases
