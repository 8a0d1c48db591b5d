"""An independent reference for the engine's gradients, sharing none of its code.

The forward pass is written with scalar loops straight from the note's index formula
    x_n^(l+1) = f(Σ_m w_nm^(l+1) x_m^(l) + b_n^(l+1)),
in complex arithmetic, and every derivative is taken by the complex step
    ∂L/∂θ = Im L(θ + ih) / h   (h = 1e-30),
which has no subtractive cancellation, so it is exact to rounding — unlike finite differences.
"""

from __future__ import annotations

import cmath

import numpy as np

H = 1e-30


def f(name: str, z: complex) -> complex:
    if name == "sigmoid":
        return 1.0 / (1.0 + cmath.exp(-z))
    if name == "tanh":
        return cmath.tanh(z)
    if name == "relu":
        return z if z.real > 0 else 0.0 * z
    if name == "leaky_relu":
        return z if z.real > 0 else 0.01 * z
    if name == "linear":
        return z
    raise ValueError(name)


def softplus(z: complex) -> complex:
    """log(1 + e^z), without overflow or cancellation for large |z|."""
    if z.real > 0:
        return z + cmath.log(1 + cmath.exp(-z))
    return cmath.log(1 + cmath.exp(z))


def loss_of(weights, biases, activations, loss, x, y) -> complex:
    a = [complex(v) for v in x]
    z: list[complex] = []
    for W, b, name in zip(weights, biases, activations, strict=True):
        z = [sum(W[n][m] * a[m] for m in range(len(a))) + b[n] for n in range(len(b))]
        if name == "softmax":
            shift = max(v.real for v in z)
            e = [cmath.exp(v - shift) for v in z]
            a = [v / sum(e) for v in e]
        else:
            a = [f(name, v) for v in z]
    if loss == "mse":
        return 0.5 * sum((ak - yk) ** 2 for ak, yk in zip(a, y, strict=True))
    if loss == "bce":
        # −[y log a + (1−y) log(1−a)] with a = σ(z), written as Σ softplus(z) − y z: the
        # same function, but log(1 − a) for a within 1e-8 of 1 would lose half the digits
        # (1 − a cancels), making the reference, not the engine, wrong by ~1e-8.
        return sum(softplus(zk) - yk * zk for zk, yk in zip(z, y, strict=True))
    if loss == "cross_entropy":
        return -sum(yk * cmath.log(ak) for ak, yk in zip(a, y, strict=True))
    raise ValueError(loss)


def complex_step_gradients(network, x, y):
    """∂L/∂W^(l), ∂L/∂b^(l) of the data loss, by the complex step."""
    weights = [w.astype(complex).tolist() for w in network.weights]
    biases = [b.astype(complex).tolist() for b in network.biases]
    args = (network.activations, network.loss, list(x), list(y))
    grad_w, grad_b = [], []
    for l in range(len(weights)):
        gw = np.zeros(network.weights[l].shape)
        for n in range(gw.shape[0]):
            for m in range(gw.shape[1]):
                keep = weights[l][n][m]
                weights[l][n][m] = keep + 1j * H
                gw[n, m] = loss_of(weights, biases, *args).imag / H
                weights[l][n][m] = keep
        gb = np.zeros(network.biases[l].shape)
        for n in range(gb.shape[0]):
            keep = biases[l][n]
            biases[l][n] = keep + 1j * H
            gb[n] = loss_of(weights, biases, *args).imag / H
            biases[l][n] = keep
        grad_w.append(gw)
        grad_b.append(gb)
    return grad_w, grad_b
