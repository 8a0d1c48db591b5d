"""Titles, formulas and one-line explanations of each phase, typeset as Qt rich text.

The formulas use the note's symbols with the phase's own layer numbers filled in (a learner
on layer 2 reads δ⁽²⁾, not δ⁽ˡ⁾) and carry the note's formula number or the line of
Algorithm 4.1, so the screen can be read side by side with the note. The numbers shown
next to them always come from the engine's trace; nothing here computes.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication

from fnnsim.engine.losses import LOSSES
from fnnsim.engine.phases import Phase
from fnnsim.ui.look import muted

# A bare `translate("Context", "text")` is what pyside6-lupdate extracts.
translate = QCoreApplication.translate


def sym(name: str, layer: int | str) -> str:
    """A symbol with a parenthesised layer superscript: sym("W", 2) → W⁽²⁾ in HTML."""
    return f"<i>{name}</i><sup>({layer})</sup>" if name.isalpha() else f"{name}<sup>({layer})</sup>"


def typeset(plain: str) -> str:
    """The engine's plain formula notation as HTML: x^(l) → superscript, y_k → subscript,
    ᵀ → superscript T, ' → prime."""
    text = html.escape(plain, quote=False)
    text = re.sub(r"\^\(([^()]*)\)", r"<sup>(\1)</sup>", text)
    text = re.sub(r"_([A-Za-z0-9]+)", r"<sub>\1</sub>", text)
    return text.replace("ᵀ", "<sup>T</sup>").replace("'", "′")


def phase_title(phase: Phase) -> str:
    """The phase's heading (rich text), translated."""
    l = phase.layer
    titles = {
        "forward": translate("StepInspector", "Forward, layer {0}"),
        "loss": translate("StepInspector", "Loss"),
        "output_delta": translate("StepInspector", "Output error, layer {0}"),
        "backward": translate("StepInspector", "Backward, layer {0}"),
        "gradients": translate("StepInspector", "Gradients, layer {0}"),
        "clip": translate("StepInspector", "Gradient clipping"),
        "penalty": translate("StepInspector", "Weight penalty"),
        "update": translate("StepInspector", "Update"),
    }
    return titles[phase.kind].format(l) if phase.kind in titles else typeset(phase.title)


def loss_name(phases: list[Phase]) -> str | None:
    """Which loss the trace used, recognised by the formula of its loss phase."""
    for phase in phases:
        if phase.kind == "loss":
            return next((n for n, loss in LOSSES.items() if loss.formula == phase.formula), None)
    return None


def _rows(rows: list[tuple[str, str]]) -> str:
    """Equations one per line, each with its reference (formula number) on the right."""
    cells = "".join(
        f"<tr><td style='padding:2px 0'>{eq}</td>"
        f"<td align='right' style='color:{muted()}; padding-left:12px'>{ref}</td></tr>"
        for eq, ref in rows)
    return (f"<table width='100%' cellspacing='0' style='font-family:\"DejaVu Serif\", serif;"
            f" font-size:large'>{cells}</table>")


def formula_html(phase: Phase, activations: list[str], loss: str | None,
                 clip_mode: str) -> str:
    """The phase's formulas with the note's references, as one rich-text table."""
    l, kind = phase.layer, phase.kind
    line = translate("StepInspector", "line {0}")
    if kind == "forward" and l is not None:
        return _rows([
            (f"{sym('z', l)} = {sym('W', l)} {sym('a', l - 1)} + {sym('b', l)}", line.format(6)),
            (f"{sym('a', l)} = <i>f</i><sub>{l}</sub>({sym('z', l)}), "
             f"&nbsp; <i>f</i><sub>{l}</sub> = {activations[l - 1]}", ""),
        ])
    if kind == "loss":
        forms = {"mse": "<i>L</i> = ½ ‖<i>ŷ</i> − <i>y</i>‖<sup>2</sup>",
                 "bce": "<i>L</i> = −[<i>y</i> log <i>ŷ</i> + (1 − <i>y</i>) log(1 − <i>ŷ</i>)]",
                 "cross_entropy": "<i>L</i> = −Σ<sub>k</sub> <i>y</i><sub>k</sub> log "
                                  "<i>ŷ</i><sub>k</sub>"}
        return _rows([(forms.get(loss or "", typeset(phase.formula)), "")])
    if kind == "output_delta" and l is not None:
        delta = f"{sym('δ', l)} = ∂<i>L</i>/∂{sym('z', l)}"
        if loss in ("bce", "cross_entropy"):
            form = "<i>ŷ</i> − <i>y</i>"
        elif activations[-1] == "softmax":
            form = (f"<i>J</i><sup>T</sup>(<i>ŷ</i> − <i>y</i>), &nbsp; "
                    f"<i>J</i> = ∂<i>ŷ</i>/∂{sym('z', l)}")
        else:
            form = (f"<i>f′</i><sub>{l}</sub>({sym('z', l)}) ⊙ (<i>ŷ</i> − <i>y</i>), "
                    f"&nbsp; <i>f</i><sub>{l}</sub> = {activations[-1]}")
        return _rows([(f"{delta} = {form}", line.format(7))])
    if kind == "backward" and l is not None:
        return _rows([
            (f"{sym('δ', l)} = <i>f′</i><sub>{l}</sub>({sym('z', l)}) ⊙ "
             f"({sym('W', l + 1)})<sup>T</sup> {sym('δ', l + 1)}", "(4.60)"),
            (f"<i>f</i><sub>{l}</sub> = {activations[l - 1]}", ""),
        ])
    if kind == "gradients" and l is not None:
        return _rows([
            (f"∂<i>L</i>/∂{sym('W', l)} = {sym('δ', l)} ({sym('a', l - 1)})<sup>T</sup>",
             "(4.62)"),
            (f"∂<i>L</i>/∂{sym('b', l)} = {sym('δ', l)}", "(4.63)"),
        ])
    if kind == "clip":
        return _rows([(clip_html(phase, clip_mode), "")])
    if kind == "penalty":
        return _rows([(f"∂<i>L</i>/∂{sym('W', 'l')} += λ {sym('W', 'l')} + λ<sub>1</sub> "
                       f"sign({sym('W', 'l')})", line.format(10))])
    if kind == "update":
        return _rows([
            (f"{sym('W', 'l')} ← {sym('W', 'l')} − α (∂{sym('W', 'l')} + λ {sym('W', 'l')}"
             f" + λ<sub>1</sub> sign {sym('W', 'l')})", line.format(10)),
            (f"{sym('b', 'l')} ← {sym('b', 'l')} − α ∂{sym('b', 'l')}", line.format(11)),
        ])
    return _rows([(typeset(phase.formula), "")])


def clip_html(phase: Phase, mode: str) -> str:
    """The clipping rule of the mode in force."""
    g, gl = "<i>g</i>", "<i>g</i><sup>(l)</sup>"
    forms = {
        "off": translate("StepInspector", "no clipping: {0} unchanged").format(g),
        "global_norm": translate(
            "StepInspector", "if ‖{0}‖ &gt; θ: &nbsp;{0} ← {0}·θ/‖{0}‖ &nbsp;(all layers)"
        ).format(g),
        "layer_norm": translate(
            "StepInspector", "if ‖{0}‖ &gt; θ: &nbsp;{0} ← {0}·θ/‖{0}‖ &nbsp;(each layer)"
        ).format(gl),
        "value": translate(
            "StepInspector", "{0} ← clamp({0}, −θ, θ) &nbsp;(each entry)").format(g),
    }
    return forms.get(mode, typeset(phase.formula))


def explanation(phase: Phase, activations: list[str]) -> str:
    """One sentence on what the phase does and why it matters for gradient dynamics."""
    l = phase.layer
    if phase.kind == "forward" and l is not None:
        return translate(
            "StepInspector", "Layer {0} weighs the previous layer's activations, adds its bias and "
                   "applies {1}.").format(l, activations[l - 1])
    texts = {
        "loss": translate(
            "StepInspector", "How far the output ŷ is from the target y, for this sample only."),
        "output_delta": translate(
            "StepInspector", "The error signal at the output: how the loss changes with the "
                            "output layer's net input z."),
        "backward": translate(
            "StepInspector", "δ is sent back through the next layer's weights and multiplied by "
                        "f′ — repeated layer by layer, this is why gradients vanish or explode."),
        "gradients": translate(
            "StepInspector", "Each weight's gradient is the error δ at its end times the "
                         "activation a at its start (before clipping)."),
        "clip": translate(
            "StepInspector",
            "Clipping caps the data gradient (before the penalty) at the threshold θ."),
        "penalty": translate(
            "StepInspector", "L2 adds λW, L1 adds λ₁ sign W to the weight gradients; biases are "
                       "not penalised."),
        "update": translate(
            "StepInspector", "Every weight and bias moves against its gradient, scaled by the "
                      "learning rate α."),
    }
    return texts.get(phase.kind, "")
