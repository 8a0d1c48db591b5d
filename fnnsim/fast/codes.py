"""Integer codes the compiled kernel uses for names (activations, losses, clip modes).

The kernel cannot look names up in the engine's dictionaries, so each name becomes a small
integer here, in plain Python, before the chunk starts.
"""

from __future__ import annotations

import numpy as np

from fnnsim.engine.activations import ACTIVATIONS, SATURATION_FRACTION

SIGMOID, TANH, RELU, LEAKY_RELU, LINEAR, SOFTMAX = range(6)
ACTIVATION_CODES = {
    "sigmoid": SIGMOID, "tanh": TANH, "relu": RELU,
    "leaky_relu": LEAKY_RELU, "linear": LINEAR, "softmax": SOFTMAX,
}

MSE, BCE, CROSS_ENTROPY = range(3)
LOSS_CODES = {"mse": MSE, "bce": BCE, "cross_entropy": CROSS_ENTROPY}

CLIP_OFF, CLIP_GLOBAL_NORM, CLIP_LAYER_NORM, CLIP_VALUE = range(4)
CLIP_CODES = {
    "off": CLIP_OFF, "global_norm": CLIP_GLOBAL_NORM,
    "layer_norm": CLIP_LAYER_NORM, "value": CLIP_VALUE,
}


def activation_codes(activations: list[str]) -> np.ndarray:
    """f_1 … f_L as int64 codes."""
    return np.array([ACTIVATION_CODES[name] for name in activations], dtype=np.int64)


def saturation_thresholds(activations: list[str]) -> np.ndarray:
    """Per layer, the f' below which a unit counts as saturated (−1: never, not saturating).

    Computed exactly as the reference does (SATURATION_FRACTION · max f'), so the kernel's
    comparison `f'(z) < threshold` decides every unit the same way.
    """
    return np.array(
        [
            SATURATION_FRACTION * ACTIVATIONS[name].max_slope
            if ACTIVATIONS[name].saturating else -1.0
            for name in activations
        ],
        dtype=np.float64,
    )
