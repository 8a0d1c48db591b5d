"""Gradient clipping (梯度截断), applied to the data gradient before any penalty term.

The norm rule is SPEC's exact one: if ‖g‖ > θ then g ← g·θ/‖g‖ (no epsilon).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

CLIP_MODES = ("off", "global_norm", "layer_norm", "value")


@dataclass(frozen=True)
class ClipResult:
    weights: list[np.ndarray]  # clipped ∂L/∂W^(l)
    biases: list[np.ndarray]  # clipped ∂L/∂b^(l)
    scales: list[float]  # factor each layer was multiplied by (1.0 = untouched; value mode: 1.0)
    clipped: bool  # did clipping change anything?


def layer_norms(grad_weights: list[np.ndarray], grad_biases: list[np.ndarray]) -> list[float]:
    """‖(∂W^(l), ∂b^(l))‖: the Euclidean norm of a layer's weights and biases together."""
    return [
        math.sqrt(float(np.vdot(gw, gw)) + float(np.dot(gb, gb)))
        for gw, gb in zip(grad_weights, grad_biases, strict=True)
    ]


def global_norm(norms: list[float]) -> float:
    return math.sqrt(sum(n * n for n in norms))


def clip(
    grad_weights: list[np.ndarray],
    grad_biases: list[np.ndarray],
    mode: str,
    threshold: float,
) -> ClipResult:
    """The gradients after clipping by `mode` ∈ CLIP_MODES with threshold θ."""
    depth = len(grad_weights)
    if mode == "off":
        return ClipResult(list(grad_weights), list(grad_biases), [1.0] * depth, False)
    if mode == "value":
        clipped = any(
            np.any(np.abs(g) > threshold) for g in (*grad_weights, *grad_biases)
        )
        return ClipResult(
            [np.clip(g, -threshold, threshold) for g in grad_weights],
            [np.clip(g, -threshold, threshold) for g in grad_biases],
            [1.0] * depth,
            bool(clipped),
        )
    norms = layer_norms(grad_weights, grad_biases)
    if mode == "global_norm":
        total = global_norm(norms)
        scales = [threshold / total if total > threshold else 1.0] * depth
    elif mode == "layer_norm":
        scales = [threshold / n if n > threshold else 1.0 for n in norms]
    else:
        raise ValueError(f"unknown clip mode {mode!r}")
    return ClipResult(
        [s * g if s != 1.0 else g for s, g in zip(scales, grad_weights, strict=True)],
        [s * g if s != 1.0 else g for s, g in zip(scales, grad_biases, strict=True)],
        scales,
        any(s != 1.0 for s in scales),
    )
