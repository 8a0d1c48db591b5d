"""A step trace as the sequence of phases a learner walks through, one at a time.

forward l = 1..L → loss → δ^(L) → δ^(l), l = L−1..1 → gradients → clip → penalty → update.
Each phase names the formula (with the note's number) and carries the numbers involved,
taken from the engine's own trace.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from fnnsim.engine.losses import LOSSES
from fnnsim.engine.sgd import StepTrace


@dataclass(frozen=True)
class Phase:
    kind: str  # forward | loss | output_delta | backward | gradients | clip | penalty | update
    layer: int | None  # l (1-based) the phase is about, or None for whole-network phases
    title: str
    formula: str
    values: dict[str, np.ndarray | float] = field(default_factory=dict)


def trace_phases(trace: StepTrace, activations: list[str], loss: str) -> list[Phase]:
    """The phases of one backpropagation, in the order of Algorithm 4.1."""
    depth = len(trace.z)
    phases = [
        Phase(
            "forward", l, f"Forward, layer {l}",
            f"z^({l}) = W^({l}) a^({l - 1}) + b^({l}),  a^({l}) = {activations[l - 1]}(z^({l}))",
            {f"a^({l - 1})": trace.a[l - 1], f"W^({l})": trace.weights_before[l - 1],
             f"b^({l})": trace.biases_before[l - 1], f"z^({l})": trace.z[l - 1],
             f"a^({l})": trace.a[l]},
        )
        for l in range(1, depth + 1)
    ]
    phases.append(Phase("loss", None, "Loss", LOSSES[loss].formula,
                        {"ŷ": trace.a[-1], "y": trace.y, "L": trace.loss}))
    phases.append(Phase(
        "output_delta", depth, f"Output error δ^({depth})", "δ^(L) = ∂L/∂z^(L)",
        {"ŷ": trace.a[-1], "y": trace.y, f"δ^({depth})": trace.delta[-1]},
    ))
    for l in range(depth - 1, 0, -1):
        phases.append(Phase(
            "backward", l, f"Backward, layer {l}",
            f"(4.60) δ^({l}) = f'(z^({l})) ⊙ (W^({l + 1}))ᵀ δ^({l + 1})",
            {f"z^({l})": trace.z[l - 1], f"W^({l + 1})": trace.weights_before[l],
             f"δ^({l + 1})": trace.delta[l], f"δ^({l})": trace.delta[l - 1]},
        ))
    for l in range(1, depth + 1):
        phases.append(Phase(
            "gradients", l, f"Gradients, layer {l}",
            f"(4.62) ∂L/∂W^({l}) = δ^({l}) (a^({l - 1}))ᵀ,  (4.63) ∂L/∂b^({l}) = δ^({l})",
            {f"δ^({l})": trace.delta[l - 1], f"a^({l - 1})": trace.a[l - 1],
             f"∂L/∂W^({l})": trace.grad_weights[l - 1], f"∂L/∂b^({l})": trace.grad_biases[l - 1]},
        ))
    s = trace.settings
    phases.append(Phase(
        "clip", None, f"Gradient clipping ({s.clip_mode})", clip_formula(s.clip_mode),
        {"‖g‖ before": trace.grad_norm, "‖g‖ after": trace.clipped_grad_norm,
         "θ": s.clip_threshold, "scale per layer": np.array(trace.clip.scales)},
    ))
    phases.append(Phase(
        "penalty", None, "Weight penalty", "λ W^(l) + λ₁ sign(W^(l))  (weights only)",
        {"λ": s.l2, "λ₁": s.l1,
         **{f"penalty W^({l})": p for l, p in enumerate(trace.penalty, start=1)}},
    ))
    phases.append(Phase(
        "update", None, "Update",
        "W^(l) ← W^(l) − α (∂W^(l) + λW^(l) + λ₁ sign W^(l)),  b^(l) ← b^(l) − α ∂b^(l)",
        {"α": s.learning_rate,
         **{f"ΔW^({l})": d for l, d in enumerate(trace.update_weights, start=1)},
         **{f"Δb^({l})": d for l, d in enumerate(trace.update_biases, start=1)}},
    ))
    return phases


def clip_formula(mode: str) -> str:
    return {
        "off": "no clipping: g unchanged",
        "global_norm": "if ‖g‖ > θ:  g ← g·θ/‖g‖   (all layers together)",
        "layer_norm": "per layer: if ‖g^(l)‖ > θ:  g^(l) ← g^(l)·θ/‖g^(l)‖",
        "value": "g ← clamp(g, −θ, θ)   element-wise",
    }[mode]
