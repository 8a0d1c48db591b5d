"""Which quantities a phase shows, in reading order, with captions and what is new.

The numbers are the engine's: the phase's own `values` (named as the engine names them,
e.g. "δ^(2)"), plus, where the learner needs them to see what changed, the trace's
arrays from which those values came (W before and after in the update phase, the per-layer
gradient norms and clipped gradients in the clip phase). Nothing is recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication

from fnnsim.training.qt_controller import TraceReport
from fnnsim.ui.inspector.formulas import typeset
from fnnsim.ui.look import muted

# A bare `translate("Context", "text")` is what pyside6-lupdate extracts.
translate = QCoreApplication.translate


@dataclass(frozen=True)
class Quantity:
    """One vector, matrix or scalar shown in a phase."""

    key: str  # plain name, as the engine's phase values name it ("z^(2)", "W^(1) after")
    caption: str  # rich text: typeset symbol and a few words on what it is
    value: np.ndarray | float
    output: bool  # produced by this phase (shown emphasised): "what changed"


def _q(key: str, value: np.ndarray | float, words: str = "", output: bool = False,
       symbol: str | None = None) -> Quantity:
    caption = typeset(symbol if symbol is not None else key)
    if words:
        caption += f" <span style='color:{muted()}'>— {words}</span>"
    return Quantity(key, caption, value, output)


def quantities(report: TraceReport, index: int) -> list[Quantity]:
    """The quantities of phase `index` of the report, inputs first, outputs emphasised."""
    phase, t = report.phases[index], report.trace
    l, v, depth = phase.layer, phase.values, len(t.z)
    # key → (words, output) or (words, output, symbol shown instead of the engine's key)
    described: dict[str, tuple[str, bool] | tuple[str, bool, str]] = {}
    if phase.kind == "forward" and l is not None:
        described = {
            f"W^({l})": (translate(
                "StepInspector", "weights: row n is node n of layer {0}, column m node m of "
                             "layer {1}").format(l, l - 1), False),
            f"a^({l - 1})": (translate("StepInspector", "input x") if l == 1
                             else translate(
                                 "StepInspector", "activations of layer {0}").format(l - 1), False),
            f"b^({l})": (translate("StepInspector", "biases"), False),
            f"z^({l})": (translate("StepInspector", "net input"), True),
            f"a^({l})": (translate("StepInspector", "output ŷ") if l == depth
                         else translate("StepInspector", "activations"), True),
        }
    elif phase.kind == "loss":
        described = {"ŷ": (translate(
            "StepInspector", "output"), False), "y": (translate("StepInspector", "target"), False),
                     "L": (translate("StepInspector", "loss of this sample"), True)}
    elif phase.kind == "output_delta":
        described = {"ŷ": (translate(
            "StepInspector", "output"), False), "y": (translate("StepInspector", "target"), False),
                     f"δ^({depth})": (translate(
                         "StepInspector", "error of the output layer"), True)}
    elif phase.kind == "backward" and l is not None:
        described = {
            f"W^({l + 1})": (translate(
                "StepInspector", "weights of layer {0}").format(l + 1), False),
            f"δ^({l + 1})": (translate("StepInspector", "error of layer {0}").format(l + 1), False),
            f"z^({l})": (translate("StepInspector", "net input of layer {0}").format(l), False),
            f"δ^({l})": (translate("StepInspector", "error of layer {0}").format(l), True),
        }
    elif phase.kind == "gradients" and l is not None:
        described = {
            f"a^({l - 1})": (translate("StepInspector", "input x") if l == 1
                             else translate(
                                 "StepInspector", "activations of layer {0}").format(l - 1), False),
            f"δ^({l})": (translate("StepInspector", "error of layer {0}").format(l), False),
            f"∂L/∂b^({l})": (translate("StepInspector", "bias gradient"), True),
            f"∂L/∂W^({l})": (translate("StepInspector", "weight gradient"), True),
        }
    elif phase.kind == "clip":
        return _clip(report, v)
    elif phase.kind == "penalty":
        described = {"λ": (translate("StepInspector", "L2 coefficient"), False),
                     "λ₁": (translate("StepInspector", "L1 coefficient"), False)}
        for k in range(1, depth + 1):
            described[f"penalty W^({k})"] = (translate(
                "StepInspector", "added to ∂L/∂W^({0})").format(k), True,
                f"λW^({k}) + λ₁ sign W^({k})")  # the formula, not the engine's English key
    elif phase.kind == "update":
        return _update(report, v)
    shown = [_q(key, v[key], *described[key]) for key in described if key in v]
    rest = [_q(key, value) for key, value in v.items() if key not in described]
    return shown + rest


def _clip(report: TraceReport, v: dict[str, np.ndarray | float]) -> list[Quantity]:
    """Norms before and after, the threshold, each layer's norm and scale factor; the
    clipped gradients only when clipping changed something."""
    t = report.trace
    out = [
        _q("‖g‖ before", v["‖g‖ before"], translate(
            "StepInspector", "gradient norm before clipping"),
           symbol="‖g‖"),
        _q("‖g‖ after", v["‖g‖ after"], translate(
            "StepInspector", "after clipping"), True, symbol="‖g‖"),
        _q("θ", v["θ"], translate("StepInspector", "threshold")),
        _q("‖g^(l)‖ before", np.array(t.layer_grad_norms), translate(
            "StepInspector", "per layer, before"),
           symbol="‖g^(l)‖"),
        _q("scale per layer", v["scale per layer"], translate(
            "StepInspector", "scale factor per layer"), True,
           symbol="s^(l)"),
    ]
    if t.clip.clipped:
        for l in range(1, len(t.z) + 1):
            out.append(_q(f"clipped ∂L/∂W^({l})", t.clip.weights[l - 1], translate(
                "StepInspector", "clipped"),
                          True, symbol=f"∂L/∂W^({l})"))
            out.append(_q(f"clipped ∂L/∂b^({l})", t.clip.biases[l - 1], translate(
                "StepInspector", "clipped"),
                          True, symbol=f"∂L/∂b^({l})"))
    return out


def _update(report: TraceReport, v: dict[str, np.ndarray | float]) -> list[Quantity]:
    """α, then layer by layer: W before, ΔW, W after, b before, Δb, b after."""
    t = report.trace
    out = [_q("α", v["α"], translate("StepInspector", "learning rate"))]
    for l in range(1, len(t.z) + 1):
        out += [
            _q(f"W^({l}) before", t.weights_before[l - 1], translate(
                "StepInspector", "before"), symbol=f"W^({l})"),
            _q(f"ΔW^({l})", v[f"ΔW^({l})"], translate("StepInspector", "change"), True),
            _q(f"W^({l}) after", t.weights_after[l - 1], translate("StepInspector", "after"), True,
               symbol=f"W^({l})"),
            _q(f"b^({l}) before", t.biases_before[l - 1], translate(
                "StepInspector", "before"), symbol=f"b^({l})"),
            _q(f"Δb^({l})", v[f"Δb^({l})"], translate("StepInspector", "change"), True),
            _q(f"b^({l}) after", t.biases_after[l - 1], translate("StepInspector", "after"), True,
               symbol=f"b^({l})"),
        ]
    return out
