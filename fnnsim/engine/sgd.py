"""One per-sample SGD step (Algorithm 4.1, lines 6–11), kept whole as a trace.

`trace_step` computes everything one backpropagation produces without touching the
network; `apply_trace` commits its update. The step inspector shows the same trace that
training applies, so stepping by hand and training straight through agree exactly.

Order (SPEC): forward, loss, δ, data gradient, clip the data gradient, add the penalty
(L2: λW, L1: λ₁ sign W; weights only), update:
    W^(l) ← W^(l) − α (clip(δ^(l) a^(l−1)ᵀ) + λ W^(l) + λ₁ sign W^(l))
    b^(l) ← b^(l) − α clip(δ^(l))
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from fnnsim.engine.backprop import backward, gradients
from fnnsim.engine.clipping import CLIP_MODES, ClipResult, clip, global_norm, layer_norms
from fnnsim.engine.losses import LOSSES
from fnnsim.engine.network import Network
from fnnsim.errors import QT_TRANSLATE_NOOP, ConfigError, DivergenceError, Message


@dataclass
class SGDSettings:
    """The hyperparameters a learner may change between any two samples."""

    learning_rate: float = 0.1
    l2: float = 0.0
    l1: float = 0.0
    clip_mode: str = "off"
    clip_threshold: float = 1.0

    def __post_init__(self) -> None:
        problem = settings_problem(self)
        if problem:
            raise ConfigError(problem)


MUST_BE_POSITIVE = QT_TRANSLATE_NOOP("Errors", "{name} must be > 0, got {value}")


def settings_problem(s: SGDSettings) -> Message | None:
    """Why these settings are invalid (one line, translatable), or None."""
    if not (isinstance(s.learning_rate, (int, float)) and 0 < s.learning_rate < math.inf):
        return Message(MUST_BE_POSITIVE, name="learning_rate", value=s.learning_rate)
    for name in ("l2", "l1"):
        value = getattr(s, name)
        if not (isinstance(value, (int, float)) and 0 <= value < math.inf):
            return Message(QT_TRANSLATE_NOOP("Errors", "{name} must be >= 0, got {value}"),
                           name=name, value=value)
    if s.clip_mode not in CLIP_MODES:
        return Message(QT_TRANSLATE_NOOP("Errors", "{name} must be one of {expected}, got "
                                         "{value!r}"),
                       name="clip_mode", expected=", ".join(CLIP_MODES), value=s.clip_mode)
    if not (isinstance(s.clip_threshold, (int, float)) and 0 < s.clip_threshold < math.inf):
        return Message(MUST_BE_POSITIVE, name="clip_threshold", value=s.clip_threshold)
    return None


@dataclass(frozen=True)
class StepTrace:
    """Every quantity of one backpropagation of one sample; lists are indexed l − 1."""

    x: np.ndarray
    y: np.ndarray
    z: list[np.ndarray]  # z^(l), l = 1..L
    a: list[np.ndarray]  # a^(l), l = 0..L (a^(0) = x, a^(L) = ŷ)
    loss: float
    delta: list[np.ndarray]  # δ^(l) (4.60)
    grad_weights: list[np.ndarray]  # ∂L/∂W^(l) = δ^(l) a^(l−1)ᵀ (4.62), before clipping
    grad_biases: list[np.ndarray]  # ∂L/∂b^(l) = δ^(l) (4.63), before clipping
    layer_grad_norms: list[float]  # ‖(∂W^(l), ∂b^(l))‖ before clipping
    grad_norm: float  # global norm before clipping
    clip: ClipResult
    clipped_grad_norm: float  # global norm after clipping
    penalty: list[np.ndarray]  # λ W^(l) + λ₁ sign W^(l)
    update_weights: list[np.ndarray]  # ΔW^(l) = −α (clipped ∂W^(l) + penalty)
    update_biases: list[np.ndarray]  # Δb^(l) = −α clipped ∂b^(l)
    weights_before: list[np.ndarray]
    biases_before: list[np.ndarray]
    weights_after: list[np.ndarray]
    biases_after: list[np.ndarray]
    settings: SGDSettings

    @property
    def finite(self) -> bool:
        """Is the loss finite and every updated weight and bias finite?"""
        return math.isfinite(self.loss) and all(
            np.all(np.isfinite(w)) and np.all(np.isfinite(b))
            for w, b in zip(self.weights_after, self.biases_after, strict=True)
        )


def trace_step(
    network: Network, x: np.ndarray, y: np.ndarray, settings: SGDSettings
) -> StepTrace:
    """One backpropagation of (x, y) and the update it implies; the network is unchanged."""
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        z, a = network.forward(x)  # line 6
        loss = LOSSES[network.loss].value(z[-1], a[-1], y)
        delta = backward(network, z, a, y)  # line 7, (4.60)
        grad_w, grad_b = gradients(delta, a)  # lines 8–9, (4.62) (4.63)
        norms = layer_norms(grad_w, grad_b)
        clipped = clip(grad_w, grad_b, settings.clip_mode, settings.clip_threshold)
        lr = settings.learning_rate
        penalty = [settings.l2 * w + settings.l1 * np.sign(w) for w in network.weights]
        update_w = [-lr * (g + p) for g, p in zip(clipped.weights, penalty, strict=True)]
        update_b = [-lr * g for g in clipped.biases]
        weights_after = [w + d for w, d in zip(network.weights, update_w, strict=True)]  # line 10
        biases_after = [b + d for b, d in zip(network.biases, update_b, strict=True)]  # line 11
        clipped_norm = global_norm(layer_norms(clipped.weights, clipped.biases))
    return StepTrace(
        x=a[0], y=y, z=z, a=a, loss=loss, delta=delta,
        grad_weights=grad_w, grad_biases=grad_b,
        layer_grad_norms=norms, grad_norm=global_norm(norms), clip=clipped,
        clipped_grad_norm=clipped_norm,
        penalty=penalty, update_weights=update_w, update_biases=update_b,
        weights_before=[w.copy() for w in network.weights],
        biases_before=[b.copy() for b in network.biases],
        weights_after=weights_after, biases_after=biases_after, settings=settings,
    )


def apply_trace(network: Network, trace: StepTrace) -> None:
    """Commit a trace's update; refuse (keeping the current weights) if it is not finite."""
    if not math.isfinite(trace.loss):
        raise DivergenceError(QT_TRANSLATE_NOOP("Errors", "the loss became {value}; the last "
                                                "finite weights are kept"),
                              value=trace.loss)
    if not trace.finite:
        raise DivergenceError(QT_TRANSLATE_NOOP("Errors", "a weight became infinite or NaN; "
                                                "the last finite weights are kept"))
    network.weights = trace.weights_after
    network.biases = trace.biases_after


def sgd_step(
    network: Network, x: np.ndarray, y: np.ndarray, settings: SGDSettings
) -> StepTrace:
    """Train on one sample: trace it and apply the update. Returns the trace."""
    trace = trace_step(network, x, y, settings)
    apply_trace(network, trace)
    return trace
