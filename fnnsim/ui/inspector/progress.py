"""Where the learner is: the strip of phases, and whether a trace is still the next step.

The strip names every phase of the sample with a short symbol (z¹ z² … L δ³ δ² δ¹ ∂¹ …)
and marks the one shown, so the forward-then-backward shape of Algorithm 4.1 stays in view.
"""

from __future__ import annotations

import numpy as np

from fnnsim.engine.phases import Phase
from fnnsim.training.qt_controller import TraceReport, TrainingUpdate
from fnnsim.ui.inspector.views import ACCENT
from fnnsim.ui.look import muted, strong


def phase_symbol(phase: Phase) -> str:
    """A few characters of rich text for the phase (its layer as a superscript)."""
    l = "" if phase.layer is None else f"<sup>{phase.layer}</sup>"
    return {
        "forward": f"z{l}", "loss": "L", "output_delta": f"δ{l}", "backward": f"δ{l}",
        "gradients": f"∂{l}", "clip": "‖g‖", "penalty": "λ", "update": "Δ",
    }.get(phase.kind, phase.kind)


def phase_strip(phases: list[Phase], current: int) -> str:
    """All phases in order, the current one on a coloured background, done ones dark."""
    parts = []
    for i, phase in enumerate(phases):
        symbol = phase_symbol(phase)
        if i == current:
            parts.append(f"<span style='background:{ACCENT}; color:white'>&nbsp;{symbol}"
                         f"&nbsp;</span>")
        else:
            colour = strong() if i < current else muted(0.6)
            parts.append(f"<span style='color:{colour}'>"
                         f"{symbol}</span>")
    return "&nbsp; ".join(parts)


def is_current(report: TraceReport, update: TrainingUpdate) -> bool:
    """Is the traced sample still the network's next step: same place in the epoch and
    the same weights and biases the trace started from?"""
    if (update.epoch, update.position) != (report.epoch - 1, report.position):
        return False
    t = report.trace
    return all(np.array_equal(a, b) for a, b in zip(
        [*update.weights, *update.biases], [*t.weights_before, *t.biases_before], strict=False))
