"""Backpropagation of one sample: the error signal δ of every layer and the gradients.

The three formulas of the note's Algorithm 4.1, lines 7–9.
"""

from __future__ import annotations

import numpy as np

from fnnsim.engine.activations import ACTIVATIONS
from fnnsim.engine.losses import LOSSES
from fnnsim.engine.network import Network


def backward(
    network: Network, z: list[np.ndarray], a: list[np.ndarray], y: np.ndarray
) -> list[np.ndarray]:
    """δ^(l) for l = 1..L, from the output back to the first hidden layer."""
    output = network.activations[-1]
    deltas = [LOSSES[network.loss].output_delta(z[-1], a[-1], y, output)]
    for layer in range(network.depth - 1, 0, -1):  # l = L−1 … 1, stored at index l − 1
        act = ACTIVATIONS[network.activations[layer - 1]]
        # (4.60) δ^(l) = f_l'(z^(l)) ⊙ (W^(l+1))ᵀ δ^(l+1)
        back = network.weights[layer].T @ deltas[0]
        deltas.insert(0, act.derivative(z[layer - 1], a[layer]) * back)  # type: ignore[misc]
    return deltas


def gradients(
    deltas: list[np.ndarray], a: list[np.ndarray]
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """∂L/∂W^(l) and ∂L/∂b^(l) of the data loss, for l = 1..L."""
    grad_weights = [np.outer(d, a_prev) for d, a_prev in zip(deltas, a[:-1], strict=True)]  # (4.62)
    grad_biases = [d.copy() for d in deltas]  # (4.63) ∂L/∂b^(l) = δ^(l)
    return grad_weights, grad_biases
