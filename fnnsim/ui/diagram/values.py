"""The numbers the diagram's units show, and which quantity each column shows (no Qt).

Live, every unit shows its activation a for the chosen sample. While stepping through one
backpropagation the trace's own numbers are shown instead: during the forward pass only the
layers computed so far (z and a), during the backward pass δ on the layers whose δ is known
— all on one δ scale, so vanishing or exploding δ is visible as colour fading or saturating.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fnnsim.engine.phases import Phase
from fnnsim.ui.diagram.maps import forward_all

Values = tuple[list[np.ndarray], list[np.ndarray]]  # z^(1..L), a^(0..L) of one sample


@dataclass
class Params:
    """The parameters drawn: shape, activations, W^(l) and b^(l) (indexed l − 1)."""

    sizes: list[int]
    activations: list[str]
    weights: list[np.ndarray]
    biases: list[np.ndarray]


def sample_values(p: Params, x: np.ndarray | None) -> Values | None:
    """z and a of every layer for input x (None if there is no sample of the right size)."""
    if x is None or x.shape != (p.sizes[0],):
        return None
    zs, a = forward_all(p.weights, p.biases, p.activations, x[None, :])
    return [z[0] for z in zs], [v[0] for v in a]


def column_modes(phase: Phase | None, columns: int) -> list[str]:
    """What each column (layer 0..L) shows: "a", "delta", or "none" (not computed yet)."""
    if phase is None or phase.kind == "loss":
        return ["a"] * columns
    l = phase.layer
    if phase.kind == "forward":
        return ["a" if k <= l else "none" for k in range(columns)]
    if phase.kind in ("output_delta", "backward"):
        return ["a" if k < l else "delta" for k in range(columns)]
    return ["a"] + ["delta"] * (columns - 1)  # gradients, clip, penalty, update


def delta_scale(delta: list[np.ndarray]) -> float:
    """The largest |δ| of all layers: one colour scale for the whole backward pass."""
    largest = max((float(np.abs(np.nan_to_num(d)).max(initial=0.0)) for d in delta),
                  default=0.0)
    return largest or 1e-12


def phase_labels(phase: Phase, units: np.ndarray, values: Values,
                 delta: list[np.ndarray]) -> list[str]:
    """The numbers written under the units of the phase's layer."""
    l = phase.layer
    if l is None:
        return []
    zs, a = values
    if phase.kind == "forward":
        return [f"z {zs[l - 1][u]:.3g} → a {a[l][u]:.3g}" for u in units]
    if phase.kind in ("output_delta", "backward", "gradients"):
        return [f"δ {delta[l - 1][u]:.3g}" for u in units]
    return []


def node_values(p: Params, values: Values | None, delta: list[np.ndarray] | None,
                layer: int, unit: int) -> dict[str, float]:
    """x of an input; z, a, b (and δ during a step) of any other unit."""
    out: dict[str, float] = {}
    if values is not None:
        zs, a = values
        if layer == 0:
            return {"x": float(a[0][unit])}
        out |= {"z": float(zs[layer - 1][unit]), "a": float(a[layer][unit])}
    if layer:
        out["b"] = float(p.biases[layer - 1][unit])
        if delta is not None:
            out["delta"] = float(delta[layer - 1][unit])
    return out

