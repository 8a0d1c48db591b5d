"""Activation functions f and their derivatives f', keyed by name.

Each derivative sits right beside its function and is computed from the pre-activation z
and the activation a = f(z), whichever is cheaper (σ' = a(1 − a), tanh' = 1 − a²).
Kinks follow SPEC: ReLU'(0) = 0, leaky ReLU'(0) = its slope.

Softmax is an output-layer activation only: it couples the units, so it has no element-wise
derivative; the losses module handles it through its Jacobian.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

LEAKY_SLOPE = 0.01
# A sigmoid/tanh unit counts as saturated when f'(z) is below 1 % of f's largest slope.
SATURATION_FRACTION = 0.01


@dataclass(frozen=True)
class Activation:
    """One activation: f, f' (element-wise), and what the plots need to know about it."""

    name: str
    forward: Callable[[np.ndarray], np.ndarray]
    # derivative(z, a) -> f'(z); None for softmax (not element-wise).
    derivative: Callable[[np.ndarray, np.ndarray], np.ndarray] | None
    max_slope: float  # max f'; saturation threshold = SATURATION_FRACTION * max_slope
    saturating: bool  # sigmoid, tanh: units can saturate (f' → 0 at both ends)
    can_die: bool  # relu: units with z <= 0 pass no gradient
    output_range: tuple[float, float]  # (low, high) targets for a one-unit classifier
    hidden_ok: bool = True


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)), evaluated without overflow for large |z|."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(z: np.ndarray, a: np.ndarray) -> np.ndarray:
    """σ'(z) = σ(z)(1 − σ(z)) ∈ [0, 0.25] — the reason deep sigmoid nets see δ vanish."""
    return a * (1.0 - a)


def tanh(z: np.ndarray) -> np.ndarray:
    return np.tanh(z)


def tanh_derivative(z: np.ndarray, a: np.ndarray) -> np.ndarray:
    """tanh'(z) = 1 − tanh²(z) ∈ (0, 1]."""
    return 1.0 - a * a


def relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def relu_derivative(z: np.ndarray, a: np.ndarray) -> np.ndarray:
    """ReLU'(z) = 1 for z > 0, else 0 (ReLU'(0) = 0 by convention)."""
    return (z > 0).astype(z.dtype)


def leaky_relu(z: np.ndarray) -> np.ndarray:
    return np.where(z > 0, z, LEAKY_SLOPE * z)


def leaky_relu_derivative(z: np.ndarray, a: np.ndarray) -> np.ndarray:
    """1 for z > 0, else the slope (so leaky ReLU'(0) = slope)."""
    return np.where(z > 0, 1.0, LEAKY_SLOPE)


def linear(z: np.ndarray) -> np.ndarray:
    return z.copy()


def linear_derivative(z: np.ndarray, a: np.ndarray) -> np.ndarray:
    return np.ones_like(z)


def softmax(z: np.ndarray) -> np.ndarray:
    """softmax(z)_k = e^(z_k) / Σ_j e^(z_j), shifted by max(z) so it never overflows."""
    e = np.exp(z - np.max(z))
    return e / np.sum(e)


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_derivative, 0.25, True, False, (0.0, 1.0)),
    "tanh": Activation("tanh", tanh, tanh_derivative, 1.0, True, False, (-1.0, 1.0)),
    "relu": Activation("relu", relu, relu_derivative, 1.0, False, True, (0.0, 1.0)),
    "leaky_relu": Activation(
        "leaky_relu", leaky_relu, leaky_relu_derivative, 1.0, False, False, (0.0, 1.0)
    ),
    "linear": Activation("linear", linear, linear_derivative, 1.0, False, False, (0.0, 1.0)),
    "softmax": Activation(
        "softmax", softmax, None, 0.0, False, False, (0.0, 1.0), hidden_ok=False
    ),
}

HIDDEN_ACTIVATIONS = tuple(name for name, act in ACTIVATIONS.items() if act.hidden_ok)
OUTPUT_ACTIVATIONS = tuple(ACTIVATIONS)


def saturated_share(activation: Activation, z: np.ndarray, a: np.ndarray) -> float:
    """Share of a layer's units whose f' is below 1 % of its maximum (sigmoid/tanh only)."""
    if not activation.saturating:
        return 0.0
    slope = activation.derivative(z, a)  # type: ignore[misc]
    return float(np.count_nonzero(slope < SATURATION_FRACTION * activation.max_slope)) / z.size


def dead_share(activation: Activation, z: np.ndarray) -> float:
    """Share of a ReLU layer's units with z <= 0, which pass no gradient back."""
    if not activation.can_die:
        return 0.0
    return float(np.count_nonzero(z <= 0)) / z.size
