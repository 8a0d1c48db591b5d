"""Weights as .npz: arrays W1..WL and b1..bL in the note's shapes (W^(l): (n_l, n_(l−1))),
plus `architecture`, a JSON string (layer sizes, activations, loss). Loadable with
np.load(path, allow_pickle=False)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np

from fnnsim.engine.network import Network
from fnnsim.errors import WeightsError
from fnnsim.io.atomic import atomic_open


def architecture_json(network: Network) -> str:
    return json.dumps({
        "layer_sizes": network.layer_sizes,
        "activations": network.activations,
        "loss": network.loss,
    })


def save_weights_npz(path: str | Path, network: Network) -> None:
    arrays: dict[str, np.ndarray] = {}
    for l, (w, b) in enumerate(zip(network.weights, network.biases, strict=True), start=1):
        arrays[f"W{l}"], arrays[f"b{l}"] = w, b
    arrays["architecture"] = np.array(architecture_json(network))
    with atomic_open(path, "wb") as f:
        np.savez(f, **arrays)


def load_weights_npz(path: str | Path, depth: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """W1..WL and b1..bL from an .npz file (L = depth); shapes are checked by the caller's
    Network.set_parameters."""
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = [k for l in range(1, depth + 1) for k in (f"W{l}", f"b{l}") if k not in npz]
            if missing:
                raise WeightsError(
                    f"{path}: missing array(s) {', '.join(missing)} "
                    f"(the network has {depth} layers with weights)"
                )
            extra = sorted(
                k for k in npz.files
                if k[:1] in "Wb" and k[1:].isdigit() and not 1 <= int(k[1:]) <= depth
            )
            if extra:
                raise WeightsError(
                    f"{path}: holds {', '.join(extra)} but the network has only {depth} layers"
                )
            weights = [np.asarray(npz[f"W{l}"]) for l in range(1, depth + 1)]
            biases = [np.asarray(npz[f"b{l}"]) for l in range(1, depth + 1)]
    except WeightsError:
        raise
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise WeightsError(f"{path}: not a readable .npz weights file ({exc})") from exc
    for l, (w, b) in enumerate(zip(weights, biases, strict=True), start=1):
        if w.dtype.kind not in "fiu" or b.dtype.kind not in "fiu":
            raise WeightsError(f"{path}: W{l} and b{l} must hold numbers")
    return weights, biases


def apply_weights_file(path: str | Path, network: Network) -> None:
    """Load weights into `network`, naming the file, layer and shapes when they do not fit."""
    weights, biases = load_weights_npz(path, network.depth)
    try:
        network.set_parameters(weights, biases)
    except WeightsError as exc:
        raise WeightsError(f"{path}: {exc}") from exc
