"""Per-sample losses L(y, ŷ) and the output error signal δ^(L) = ∂L/∂z^(L), keyed by name.

SPEC conventions:
- mse: L = ½‖ŷ − y‖², δ^(L) = f'(z^(L)) ⊙ (ŷ − y); on a softmax output the Jacobian is
  used instead: δ^(L) = Jᵀ(ŷ − y) = ŷ ⊙ (r − ŷ·r) with r = ŷ − y.
- bce (binary cross-entropy) on a sigmoid output: δ^(L) = ŷ − y.
- cross_entropy on a softmax output: δ^(L) = ŷ − onehot(y).
Both cross-entropies are evaluated from z (softplus / log-sum-exp) so that a saturated
output gives a large finite loss rather than log(0) = −inf.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from fnnsim.engine.activations import ACTIVATIONS
from fnnsim.errors import QT_TRANSLATE_NOOP, Message


@dataclass(frozen=True)
class Loss:
    name: str
    # value(z, a, y) -> L per sample along the last axis: z = z^(L), a = ŷ = f(z), y = target;
    # a float for one sample (1-D arrays), an (n,) array for a batch (2-D arrays)
    value: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray | float]
    # output_delta(z, a, y, activation_name) -> δ^(L)
    output_delta: Callable[[np.ndarray, np.ndarray, np.ndarray, str], np.ndarray]
    # output activations this loss is defined for (None = any)
    requires_output: str | None
    classification_only: bool
    formula: str


def mse_value(z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray | float:
    r = a - y
    return per_sample(0.5 * np.sum(r * r, axis=-1))


def mse_delta(z: np.ndarray, a: np.ndarray, y: np.ndarray, activation: str) -> np.ndarray:
    r = a - y
    if activation == "softmax":
        # Jᵀr with J = diag(ŷ) − ŷŷᵀ (symmetric)
        return a * (r - np.dot(a, r))
    return ACTIVATIONS[activation].derivative(z, a) * r  # type: ignore[misc]


def bce_value(z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray | float:
    # −[y log σ(z) + (1 − y) log(1 − σ(z))] = softplus(z) − y·z
    return per_sample(np.sum(np.logaddexp(0.0, z) - y * z, axis=-1))


def output_minus_target(z: np.ndarray, a: np.ndarray, y: np.ndarray, activation: str) -> np.ndarray:
    """δ^(L) = ŷ − y: the cross-entropies cancel the output's derivative exactly."""
    return a - y


def cross_entropy_value(z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray | float:
    # −Σ_k y_k log softmax(z)_k = logsumexp(z)·Σ_k y_k − y·z
    m = np.max(z, axis=-1, keepdims=True)
    lse = m[..., 0] + np.log(np.sum(np.exp(z - m), axis=-1))
    return per_sample(lse * np.sum(y, axis=-1) - np.sum(y * z, axis=-1))


def per_sample(values: np.ndarray) -> np.ndarray | float:
    """A float for one sample, the array for a batch."""
    return float(values) if np.ndim(values) == 0 else values


LOSSES: dict[str, Loss] = {
    "mse": Loss("mse", mse_value, mse_delta, None, False, "L = ½‖ŷ − y‖²"),
    "bce": Loss(
        "bce", bce_value, output_minus_target, "sigmoid", True,
        "L = −Σ [y log ŷ + (1 − y) log(1 − ŷ)]",
    ),
    "cross_entropy": Loss(
        "cross_entropy", cross_entropy_value, output_minus_target, "softmax", True,
        "L = −Σ_k y_k log ŷ_k",
    ),
}


def check_output_pair(loss: str, output_activation: str, n_outputs: int) -> Message | None:
    """Why this output activation / loss / width does not go together (one line,
    translatable), or None if it does."""
    if loss not in LOSSES:
        return Message(QT_TRANSLATE_NOOP("Errors", "unknown loss {value!r}; choose one of "
                                         "{expected}"),
                       value=loss, expected=", ".join(LOSSES))
    if output_activation not in ACTIVATIONS:
        return Message(
            QT_TRANSLATE_NOOP("Errors", "unknown output activation {value!r}; choose one of "
                              "{expected}"),
            value=output_activation, expected=", ".join(ACTIVATIONS),
        )
    required = LOSSES[loss].requires_output
    if required is not None and output_activation != required:
        return Message(QT_TRANSLATE_NOOP("Errors", "loss {name!r} needs a {needed} output, got "
                                         "{found!r}"),
                       name=loss, needed=required, found=output_activation)
    if output_activation == "softmax" and n_outputs < 2:
        return Message(QT_TRANSLATE_NOOP("Errors", "a softmax output needs at least 2 units "
                                         "(one per class); use sigmoid for 1 unit"))
    return None
