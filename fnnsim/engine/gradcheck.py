"""Numerical gradient check: backprop against central differences.

∂L/∂θ ≈ (L(θ + ε) − L(θ − ε)) / 2ε for every weight and bias, compared with (4.62), (4.63).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fnnsim.engine.backprop import backward, gradients
from fnnsim.engine.losses import LOSSES
from fnnsim.engine.network import Network


@dataclass(frozen=True)
class LayerCheck:
    layer: int  # l, 1-based
    max_rel_diff_weights: float
    max_rel_diff_biases: float

    @property
    def max_rel_diff(self) -> float:
        return max(self.max_rel_diff_weights, self.max_rel_diff_biases)


def sample_loss(network: Network, x: np.ndarray, y: np.ndarray) -> float:
    z, a = network.forward(x)
    return LOSSES[network.loss].value(z[-1], a[-1], np.asarray(y, dtype=np.float64))


def numerical_gradients(
    network: Network, x: np.ndarray, y: np.ndarray, eps: float = 1e-6
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Central-difference ∂L/∂W^(l), ∂L/∂b^(l); the network is restored afterwards."""
    probe = network.copy()
    result = []
    for params in (probe.weights, probe.biases):
        grads = []
        for p in params:
            g = np.zeros_like(p)
            flat, gflat = p.reshape(-1), g.reshape(-1)
            for i in range(flat.size):
                keep = flat[i]
                flat[i] = keep + eps
                plus = sample_loss(probe, x, y)
                flat[i] = keep - eps
                minus = sample_loss(probe, x, y)
                flat[i] = keep
                gflat[i] = (plus - minus) / (2.0 * eps)
            grads.append(g)
        result.append(grads)
    return result[0], result[1]


def relative_difference(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """max |g − ĝ| / max(|g| + |ĝ|, 1e-8) — small absolute errors on tiny entries don't count."""
    if analytic.size == 0:
        return 0.0
    scale = np.maximum(np.abs(analytic) + np.abs(numeric), 1e-8)
    return float(np.max(np.abs(analytic - numeric) / scale))


def gradient_check(
    network: Network, x: np.ndarray, y: np.ndarray, eps: float = 1e-6
) -> list[LayerCheck]:
    """Per layer, the largest relative difference between backprop and finite differences."""
    y = np.asarray(y, dtype=np.float64)
    z, a = network.forward(x)
    grad_w, grad_b = gradients(backward(network, z, a, y), a)
    num_w, num_b = numerical_gradients(network, x, y, eps)
    return [
        LayerCheck(l + 1, relative_difference(grad_w[l], num_w[l]),
                   relative_difference(grad_b[l], num_b[l]))
        for l in range(network.depth)
    ]
