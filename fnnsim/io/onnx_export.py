"""ONNX export of a network's prediction (the optional extra: pip install "fnnsim[onnx]").

The model maps an input `x` of shape [batch, n_0] to `y` of shape [batch, n_L], the same ŷ
as `Network.predict` (the output activation applied). Each layer is one Gemm node,
z^(l) = a^(l−1) W^(l)ᵀ + b^(l), with W^(l) stored in the note's shape (n_l, n_(l−1)) as the
initializer `W<l>` and b^(l) as `b<l>`, followed by its activation.

Precision: float64 throughout, like the engine, so the model reproduces the app's numbers
rather than a rounded copy of them. onnxruntime's CPU provider runs every op used here in
double — Gemm, Sigmoid, Tanh, Relu, Identity, Softmax, Greater, Mul, Where (checked with
onnxruntime 1.32). The one op it lacks in double is LeakyRelu (float32 only, and its
`alpha` attribute is a float32 anyway), so leaky ReLU is built from primitives that compute
the engine's formula exactly: Where(z > 0, z, slope · z) with a float64 slope. A caller
with float32 inputs casts them to float64 first.

Opset 17 (IR version 8) keeps the file loadable by runtimes back to onnxruntime 1.14;
every op's semantics used here are the same in later opsets.

`onnx` is imported inside the functions, so fnnsim works without the extra; without it,
export raises one line that says how to install it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from fnnsim import __version__
from fnnsim.engine.activations import LEAKY_SLOPE
from fnnsim.engine.network import Network
from fnnsim.errors import QT_TRANSLATE_NOOP, FnnsimError
from fnnsim.io.atomic import atomic_open

OPSET = 17
INSTALL_HINT = QT_TRANSLATE_NOOP(
    "Errors", 'ONNX export needs the optional onnx package: pip install "fnnsim[onnx]"')


class OnnxExportError(FnnsimError):
    """The network cannot be written as ONNX (extra not installed, activation not known)."""


def require_onnx() -> Any:
    """The onnx module, or one clear error naming the extra to install."""
    try:
        import onnx
    except ImportError as exc:
        raise OnnxExportError(INSTALL_HINT) from exc
    return onnx


# ---- one builder per activation: (helper, z name, output name, layer) -> (nodes, inits) ----
Builder = Callable[[Any, str, str, int], tuple[list[Any], list[Any]]]


def _single(op: str, **attributes: Any) -> Builder:
    def build(helper: Any, z: str, out: str, layer: int) -> tuple[list[Any], list[Any]]:
        return [helper.make_node(op, [z], [out], name=f"{op}{layer}", **attributes)], []
    return build


def _leaky_relu(helper: Any, z: str, out: str, layer: int) -> tuple[list[Any], list[Any]]:
    # np.where(z > 0, z, LEAKY_SLOPE * z), in float64 (ORT's LeakyRelu is float32 only)
    from onnx import numpy_helper

    zero, slope = f"zero{layer}", f"slope{layer}"
    inits = [numpy_helper.from_array(np.array(0.0), zero),
             numpy_helper.from_array(np.array(LEAKY_SLOPE, dtype=np.float64), slope)]
    nodes = [
        helper.make_node("Greater", [z, zero], [f"positive{layer}"], name=f"Greater{layer}"),
        helper.make_node("Mul", [z, slope], [f"leak{layer}"], name=f"Mul{layer}"),
        helper.make_node("Where", [f"positive{layer}", z, f"leak{layer}"], [out],
                         name=f"Where{layer}"),
    ]
    return nodes, inits


BUILDERS: dict[str, Builder] = {
    "sigmoid": _single("Sigmoid"),
    "tanh": _single("Tanh"),
    "relu": _single("Relu"),
    "leaky_relu": _leaky_relu,
    "linear": _single("Identity"),
    # Network.forward_batch: softmax of each row (over the units), shifted by the row max
    "softmax": _single("Softmax", axis=1),
}


def build_model(network: Network) -> Any:
    """The network's prediction as an onnx.ModelProto that passes onnx.checker."""
    onnx = require_onnx()
    from onnx import TensorProto, helper, numpy_helper

    sizes = network.layer_sizes
    nodes: list[Any] = []
    inits: list[Any] = []
    a = "x"
    for l, (w, b, name) in enumerate(
            zip(network.weights, network.biases, network.activations, strict=True), 1):
        build = BUILDERS.get(name)
        if build is None:
            raise OnnxExportError(QT_TRANSLATE_NOOP(
                "Errors", "layer {layer}: activation {name!r} has no ONNX form; "
                "exportable: {exportable}"), layer=l, name=name, exportable=", ".join(BUILDERS))
        inits += [numpy_helper.from_array(np.asarray(w, np.float64), f"W{l}"),
                  numpy_helper.from_array(np.asarray(b, np.float64), f"b{l}")]
        z = f"z{l}"
        # z^(l) = W^(l) a^(l−1) + b^(l), for a batch of rows: a Wᵀ + b
        nodes.append(helper.make_node("Gemm", [a, f"W{l}", f"b{l}"], [z], name=f"Gemm{l}",
                                      transB=1))
        a = "y" if l == network.depth else f"a{l}"
        layer_nodes, layer_inits = build(helper, z, a, l)
        nodes += layer_nodes
        inits += layer_inits
    x = helper.make_tensor_value_info("x", TensorProto.DOUBLE, ["batch", sizes[0]])
    y = helper.make_tensor_value_info("y", TensorProto.DOUBLE, ["batch", sizes[-1]])
    shape = "-".join(str(n) for n in sizes)
    graph = helper.make_graph(
        nodes, "fnnsim_network", [x], [y], initializer=inits,
        doc_string=f"y = prediction of a {shape} network ({', '.join(network.activations)})")
    opsets = [helper.make_opsetid("", OPSET)]
    model = helper.make_model(
        graph, opset_imports=opsets, ir_version=helper.find_min_ir_version_for(opsets),
        producer_name="fnnsim", producer_version=__version__,
        doc_string=(f"fnnsim {__version__}: feedforward network {shape}, activations "
                    f"{', '.join(network.activations)}, trained with loss {network.loss}. "
                    f"Input x [batch, {sizes[0]}] float64, output y = ŷ [batch, {sizes[-1]}]."))
    architecture = {"layer_sizes": sizes, "activations": network.activations,
                    "loss": network.loss}
    helper.set_model_props(model, {"fnnsim_version": __version__,
                                   "architecture": json.dumps(architecture)})
    onnx.checker.check_model(model, full_check=True)
    return model


def export_onnx(path: str | Path, network: Network) -> None:
    """Write the network as an ONNX model, atomically."""
    model = build_model(network)
    with atomic_open(path, "wb") as f:
        f.write(model.SerializeToString())
