"""The export bundle: one folder with everything a run produced, and a README of it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fnnsim.io.atomic import write_text
from fnnsim.io.history_csv import (
    write_epoch_history,
    write_recent_samples,
    write_sample_buckets,
)
from fnnsim.io.onnx_export import OnnxExportError, export_onnx
from fnnsim.io.weights import save_weights
from fnnsim.training.snapshot import RunSnapshot

README = """fnnsim export — {when}

Run: {epochs} epochs, {samples} samples trained.
Network: layer sizes {sizes}, activations {activations}, loss {loss}.

weights.npz, weights.json, weights.csv
    The weights W1..WL (shape (n_l, n_(l-1)): row n is unit n of layer l, column m unit
    m of layer l-1) and biases b1..bL, in three formats. npz: load with
    numpy.load(path, allow_pickle=False); it also holds `architecture` (JSON). json:
    "layers": [{{"layer", "activation", "W", "b"}}]. csv: columns
    layer,param,row,column,value with 1-based row and column (column empty for b).
{onnx}history_epochs.csv
    One row per epoch: losses, accuracies, learning rate, and the epoch mean of every
    per-sample metric (weight_norm_l: its value at the epoch's end).
history_samples.csv
    The most recent samples at full resolution (`sample` is 0-based since the start).
history_buckets.csv
    The whole run decimated: consecutive samples per row with each metric's min, mean, max.
config.json
    The experiment config: `fnnsim train config.json --out DIR` reruns it.
{plots}"""

ONNX_README = """weights.onnx
    The network's prediction as an ONNX model (input x [batch, n_0], output y, float64).
"""
NO_ONNX_README = """weights.onnx
    Not written: {reason}
"""

PLOTS_README = """plots/<name>.png, plots/<name>.svg
    Each live plot as an image and as vector graphics: {names}.
"""


def write_bundle(folder: str | Path, snapshot: RunSnapshot,
                 plots: Mapping[str, Any] | None = None, when: str = "") -> list[Path]:
    """Write every file of the bundle into `folder` (created); returns the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix in (".npz", ".json", ".csv"):
        save_weights(folder / f"weights{suffix}", snapshot.network)
        written.append(folder / f"weights{suffix}")
    try:  # ONNX needs the optional extra; the bundle says so when it is missing
        export_onnx(folder / "weights.onnx", snapshot.network)
        written.append(folder / "weights.onnx")
        onnx = ONNX_README
    except OnnxExportError as exc:
        onnx = NO_ONNX_README.format(reason=exc)
    write_epoch_history(folder / "history_epochs.csv", snapshot.epochs)
    write_recent_samples(folder / "history_samples.csv", snapshot.samples)
    write_sample_buckets(folder / "history_buckets.csv", snapshot.samples)
    write_text(folder / "config.json", snapshot.config.to_json())
    written += [folder / name for name in ("history_epochs.csv", "history_samples.csv",
                                           "history_buckets.csv", "config.json")]
    if plots:
        from fnnsim.io.plot_export import export_png, export_svg

        (folder / "plots").mkdir(exist_ok=True)
        for name, widget in plots.items():
            export_png(widget, folder / "plots" / f"{name}.png", width=1200)
            export_svg(widget, folder / "plots" / f"{name}.svg")
            written += [folder / "plots" / f"{name}.png", folder / "plots" / f"{name}.svg"]
    net = snapshot.network
    write_text(folder / "README.txt", README.format(
        when=when, epochs=snapshot.epoch, samples=snapshot.samples_seen,
        sizes=net.layer_sizes, activations=", ".join(net.activations), loss=net.loss, onnx=onnx,
        plots=PLOTS_README.format(names=", ".join(plots)) if plots else ""))
    written.append(folder / "README.txt")
    return written
