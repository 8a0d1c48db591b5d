"""Every sentence the diagram shows: layer labels, tooltips and the note above it.

Kept apart from the drawing so the wording (and its Chinese translation, context
"NetworkDiagram") can be read in one place. Indices are the engine's, 0-based:
W^(l)[n, m] connects unit m of layer l − 1 to unit n of layer l.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from fnnsim.engine.phases import Phase
from fnnsim.engine.sgd import StepTrace
from fnnsim.ui.diagram.colors import NEGATIVE, POSITIVE
from fnnsim.ui.diagram.items import EdgeItem, NodeItem
from fnnsim.ui.diagram.values import Params, Values, node_values
from fnnsim.ui.widgets import format_number

# A bare `translate("Context", "text")` is what pyside6-lupdate extracts, so the context
# is written out at every call.
translate = QCoreApplication.translate


def layer_label(layer: int, depth: int, activation: str | None, short: bool) -> str:
    """ "input", "layer 2 · tanh", "output · sigmoid"; or "in", "2", "out" when narrow."""
    if layer == 0:
        return (translate("NetworkDiagram", "in") if short
                else translate("NetworkDiagram", "input"))
    if layer == depth:
        return (translate("NetworkDiagram", "out") if short
                else translate("NetworkDiagram", "output · {0}").format(activation))
    return str(layer) if short else translate(
        "NetworkDiagram", "layer {0} · {1}").format(layer, activation)


def item_tooltip(item: object, p: Params, values: Values | None, trace: StepTrace | None,
                 feature_names: tuple[str, ...], editable: bool) -> str:
    """The tooltip of a connection or a unit from the current numbers (and the trace's,
    while a step is shown); other items keep their own tooltip."""
    if isinstance(item, EdgeItem):
        l, n, m = item.layer, item.row, item.column
        grad = None if trace is None else float(trace.grad_weights[l - 1][n, m])
        return edge_tooltip(l, n, m, float(p.weights[l - 1][n, m]), grad, editable)
    if isinstance(item, NodeItem):
        layer, unit = item.layer, item.unit
        name = feature_names[unit] if layer == 0 and unit < len(feature_names) else None
        delta = None if trace is None else list(trace.delta)
        return node_tooltip(layer, unit, len(p.weights),
                            p.activations[layer - 1] if layer else None, name,
                            node_values(p, values, delta, layer, unit), editable)
    return item.toolTip() if hasattr(item, "toolTip") else ""


def edge_tooltip(layer: int, row: int, column: int, weight: float, gradient: float | None,
                 editable: bool) -> str:
    lines = [
        translate("NetworkDiagram", "W^({0})[{1}, {2}] = {3}").format(
            layer, row, column, format_number(weight)),
        translate("NetworkDiagram", "from unit {0} of layer {1} to unit {2} of layer {3}").format(
            column, layer - 1, row, layer),
    ]
    if gradient is not None:
        lines.append(translate(
            "NetworkDiagram", "∂L/∂W^({0})[{1}, {2}] = {3}  (this sample, before clipping)")
                     .format(layer, row, column, format_number(gradient)))
    if editable:
        lines.append(translate("NetworkDiagram", "Click to edit this weight."))
    return "\n".join(lines)


def node_tooltip(layer: int, unit: int, depth: int, activation: str | None, name: str | None,
                 values: dict[str, float], editable: bool) -> str:
    """Title line, then one line per known value (z, a, b, δ, or x for an input)."""
    if layer == 0:
        title = translate(
            "NetworkDiagram", "input {0} (unit {1})").format(name or f"x{unit + 1}", unit)
    elif layer == depth:
        title = translate("NetworkDiagram", "output unit {0} · {1}").format(unit, activation)
    else:
        title = translate(
            "NetworkDiagram", "layer {0}, unit {1} · {2}").format(layer, unit, activation)
    lines = [title]
    for key, value in values.items():
        symbol = {"z": f"z^({layer})", "a": f"a^({layer})", "b": f"b^({layer})",
                  "delta": f"δ^({layer})", "x": "x"}[key]
        lines.append(f"{symbol}[{unit}] = {format_number(value)}")
    if editable and layer > 0:
        lines.append(translate(
            "NetworkDiagram", "Click to edit the bias b^({0})[{1}].").format(layer, unit))
    return "\n".join(lines)


def edit_prompt(layer: int, row: int, column: int | None) -> str:
    if column is None:
        return translate("NetworkDiagram", "New value of the bias b^({0})[{1}]:").format(layer, row)
    return translate(
        "NetworkDiagram", "New value of the weight W^({0})[{1}, {2}]:").format(layer, row, column)


def legend_html() -> str:
    negative = translate("NetworkDiagram", "negative")
    positive = translate("NetworkDiagram", "positive")
    return (f"<span style='color:{NEGATIVE}'>■</span> {negative} &nbsp; "
            f"<span style='color:{POSITIVE}'>■</span> {positive} &nbsp;·&nbsp; "
            + translate("NetworkDiagram", "line width ∝ |w|; node colour = its value"))


def summary_note(summarised: list[tuple[int, int, int]], edges: tuple[int, int]) -> str:
    """What is left out: (layer, shown, total) of each wide layer; (edges drawn, total)."""
    parts = []
    if summarised:
        layers = ", ".join(f"{shown}/{total}" for _, shown, total in summarised)
        parts.append(translate(
            "NetworkDiagram", "Units drawn: {0} (largest weights).").format(layers))
    drawn, total = edges
    if drawn < total:
        parts.append(translate(
            "NetworkDiagram", "Connections drawn: {0} of {1} (largest |w| per layer).")
                     .format(drawn, total))
    return " ".join(parts)


def sample_note(x: np.ndarray, first: bool) -> str:
    """Which sample the unit colours are for."""
    where = (translate("NetworkDiagram", "the first training point") if first
             else translate("NetworkDiagram", "the chosen sample"))
    if x.size <= 4:
        where += " x = (" + ", ".join(f"{v:.3g}" for v in x) + ")"
    return translate("NetworkDiagram", "Unit colours: a for {0}; hover for numbers.").format(where)


def maps_off_note(reason: str) -> str:
    return {
        "inputs": translate("NetworkDiagram", "Unit maps need 2 inputs."),
        "size": translate("NetworkDiagram", "No unit maps: too many units."),
        "data": translate("NetworkDiagram", "Unit maps need the data's range."),
    }.get(reason, "")


def phase_note(phase: Phase, delta_scale: float) -> str:
    """Which quantity the nodes show during this phase of a step."""
    l = phase.layer
    if phase.kind == "forward":
        return translate(
            "NetworkDiagram", "Forward, layer {0}: nodes show a of the traced sample up to "
                           "layer {0}; numbers are z and a.").format(l)
    scale = f"{delta_scale:.3g}"
    if phase.kind in ("output_delta", "backward"):
        return translate(
            "NetworkDiagram", "Backward, layer {0}: nodes of layers ≥ {0} show δ (one scale for "
                           "all layers, ±{1}); numbers are δ^({0}).").format(l, scale)
    if phase.kind == "gradients":
        return translate(
            "NetworkDiagram", "Gradients, layer {0}: ∂L/∂W^({0}) = δ^({0}) a^({1})ᵀ — hover a "
                           "connection to read it.").format(l, l - 1)
    if phase.kind == "loss":
        return translate("NetworkDiagram", "Loss of the traced sample: L = {0}.").format(
            format_number(float(np.asarray(phase.values.get("L", np.nan)))))
    title = {"clip": translate("NetworkDiagram", "Gradient clipping"),
             "penalty": translate("NetworkDiagram", "Weight penalty"),
             "update": translate("NetworkDiagram", "Update")}.get(phase.kind, phase.title)
    return translate(
        "NetworkDiagram", "{0}: nodes show δ of every layer (±{1}).").format(title, scale)


def notes(summary: str, maps_reason: str | None, phase: Phase | None, delta_scale: float,
          sample: np.ndarray | None, first_sample: bool) -> tuple[str, str]:
    """(what is left out, what the colours show now): the two lines above the drawing."""
    left_out = " ".join(p for p in (summary, maps_off_note(maps_reason or "")) if p)
    if phase is not None:
        return left_out, phase_note(phase, delta_scale)
    return left_out, sample_note(sample, first_sample) if sample is not None else ""
