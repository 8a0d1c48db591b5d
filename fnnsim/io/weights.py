"""Weights files: .npz, .json and .csv, written atomically, read without pickle or eval.

All three hold W^(l) in the note's shape (n_l, n_(l−1)) — row n is node n of layer l,
column m node m of layer l−1 — and b^(l), for l = 1..L:
- .npz: arrays W1..WL, b1..bL and `architecture` (a JSON string: layer_sizes,
  activations, loss). Load with np.load(path, allow_pickle=False).
- .json: {"format": "fnnsim-weights", "version": 1, "architecture": {…},
  "layers": [{"layer": 1, "activation": "tanh", "W": [[…], …], "b": […]}, …]}.
- .csv: one long table, header `layer,param,row,column,value`: param is W or b, row and
  column are 1-based as in the note's W_nm (column is empty for b).
Floats are written at full precision (shortest repr that reads back exactly).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import numpy as np

from fnnsim.engine.network import Network
from fnnsim.errors import QT_TRANSLATE_NOOP, Message, WeightsError
from fnnsim.io.atomic import atomic_open

FORMATS = (".npz", ".json", ".csv")
JSON_FORMAT = "fnnsim-weights"
CSV_HEADER = ["layer", "param", "row", "column", "value"]

# W1..WL, b1..bL, and the architecture the file states (None for .csv, which has none)
Parameters = tuple[list[np.ndarray], list[np.ndarray], object]


def architecture(network: Network) -> dict:
    return {"layer_sizes": network.layer_sizes, "activations": network.activations,
            "loss": network.loss}


def save_weights(path: str | Path, network: Network) -> None:
    """Write the network's weights; the format follows the file's suffix."""
    path = Path(path)
    suffix = _suffix(path)
    if suffix == ".npz":
        arrays: dict[str, np.ndarray] = {"architecture": np.array(
            json.dumps(architecture(network)))}
        for l, (w, b) in enumerate(zip(network.weights, network.biases, strict=True), 1):
            arrays[f"W{l}"], arrays[f"b{l}"] = w, b
        with atomic_open(path, "wb") as f:
            np.savez(f, **arrays)
    elif suffix == ".json":
        layers = [{"layer": l, "activation": act, "W": w.tolist(), "b": b.tolist()}
                  for l, (w, b, act) in enumerate(zip(network.weights, network.biases,
                                                      network.activations, strict=True), 1)]
        document = {"format": JSON_FORMAT, "version": 1,
                    "architecture": architecture(network), "layers": layers}
        with atomic_open(path, "w", encoding="utf-8") as f:
            json.dump(document, f, indent=1)
    else:
        with atomic_open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(CSV_HEADER)
            for l, (w, b) in enumerate(zip(network.weights, network.biases, strict=True), 1):
                for (n, m), value in np.ndenumerate(w):
                    writer.writerow([l, "W", n + 1, m + 1, repr(float(value))])
                for n, value in enumerate(b):
                    writer.writerow([l, "b", n + 1, "", repr(float(value))])


def load_weights(path: str | Path, network: Network, *,
                 match_activations: bool = False) -> None:
    """Read weights into `network`, naming the file, layer and shapes when they don't fit.
    With `match_activations`, a file that names its architecture (.npz, .json) must also
    have the network's activations: weights trained under relu mean nothing under tanh.
    (The loss may differ: it changes training, not what the weights compute.)
    Nothing changes unless the whole file is valid."""
    path = Path(path)
    reader = {".npz": _read_npz, ".json": _read_json, ".csv": _read_csv}[_suffix(path)]
    try:
        weights, biases, stated = reader(path, network)
        _check_shapes(weights, biases, network)
        if match_activations and stated is not None:
            _check_activations(stated, network)
        network.set_parameters(weights, biases)
    except WeightsError as exc:
        raise WeightsError(QT_TRANSLATE_NOOP("Errors", "{file}: {problem}"),
                           file=path.name, problem=exc) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise WeightsError(QT_TRANSLATE_NOOP("Errors", "{file}: cannot read: {problem}"),
                           file=path.name,
                           problem=exc if isinstance(exc, OSError) else str(exc)) from exc


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise WeightsError(
            QT_TRANSLATE_NOOP("Errors", "{file}: weights files are {expected}, not {found}"),
            file=path.name, expected=", ".join(FORMATS),
            found=suffix or Message(QT_TRANSLATE_NOOP("Errors", "a file without a suffix")))
    return suffix


def _check_count(found: int, network: Network) -> None:
    if found != network.depth:
        raise WeightsError(
            QT_TRANSLATE_NOOP("Errors", "the file has {found} layers with weights, the network "
                              "{needed} (layer sizes {sizes})"),
            found=found, needed=network.depth, sizes=network.layer_sizes)


def _check_shapes(weights: list[np.ndarray], biases: list[np.ndarray],
                  network: Network) -> None:
    """One line naming the first layer whose W or b has another shape than the network's."""
    for l, (w, b) in enumerate(zip(weights, biases, strict=True), start=1):
        _check_shape(l, "W", w.shape, network)
        _check_shape(l, "b", b.shape, network)


def _check_shape(l: int, param: str, shape: tuple[int, ...], network: Network) -> None:
    sizes = network.layer_sizes
    needed = (sizes[l], sizes[l - 1]) if param == "W" else (sizes[l],)
    if shape != needed:
        raise WeightsError(
            QT_TRANSLATE_NOOP("Errors", "layer {layer}: the file has {name} of shape {shape}, "
                              "the network needs {needed}"),
            layer=l, name=f"{param}{l}", shape=shape, needed=needed)


def _check_activations(stated: object, network: Network) -> None:
    activations = stated.get("activations") if isinstance(stated, dict) else None
    if not (isinstance(activations, list) and len(activations) == network.depth
            and all(isinstance(a, str) for a in activations)):
        raise WeightsError(
            QT_TRANSLATE_NOOP("Errors", "the file's architecture does not list {needed} "
                              "activations"),
            needed=network.depth)
    for l, (theirs, ours) in enumerate(zip(activations, network.activations, strict=True), 1):
        if theirs != ours:
            raise WeightsError(
                QT_TRANSLATE_NOOP("Errors", "layer {layer}: the file's activation is {found}, "
                                  "the network's {expected} (file: {file_activations}; "
                                  "network: {network_activations}); set the network's "
                                  "activations to match, then import"),
                layer=l, found=theirs, expected=ours,
                file_activations=", ".join(activations),
                network_activations=", ".join(network.activations))


def _read_npz(path: Path, network: Network) -> Parameters:
    try:
        with np.load(path, allow_pickle=False) as npz:
            files = set(npz.files)
            layers = sorted(int(k[1:]) for k in files if k[:1] == "W" and k[1:].isdigit())
            missing = [k for l in range(1, network.depth + 1) for k in (f"W{l}", f"b{l}")
                       if k not in files]
            if missing and layers:
                _check_count(len(layers), network)
            if missing:
                raise WeightsError(QT_TRANSLATE_NOOP("Errors", "missing array(s) {names}"),
                                   names=", ".join(missing))
            _check_count(len(layers), network)
            weights = [np.asarray(npz[f"W{l}"]) for l in range(1, network.depth + 1)]
            biases = [np.asarray(npz[f"b{l}"]) for l in range(1, network.depth + 1)]
            stated = (json.loads(str(npz["architecture"])) if "architecture" in files
                      else None)
    except json.JSONDecodeError as exc:
        raise WeightsError(
            QT_TRANSLATE_NOOP("Errors", "the architecture entry is not valid JSON ({problem})"),
            problem=exc.msg) from exc
    except WeightsError:
        raise
    except (ValueError, zipfile.BadZipFile, EOFError, KeyError) as exc:
        raise WeightsError(
            QT_TRANSLATE_NOOP("Errors", "not a readable .npz weights file ({problem})"),
            problem=str(exc)) from exc
    for l, array in enumerate(weights + biases):
        if array.dtype.kind not in "fiu":
            name = f"W{l + 1}" if l < network.depth else f"b{l + 1 - network.depth}"
            raise WeightsError(QT_TRANSLATE_NOOP("Errors", "{name} must hold numbers, not "
                                                 "{found}"),
                               name=name, found=str(array.dtype))
    return weights, biases, stated


def _read_json(path: Path, network: Network) -> Parameters:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise WeightsError(QT_TRANSLATE_NOOP("Errors", "not valid JSON: {problem} at line "
                                             "{line}"),
                           problem=exc.msg, line=exc.lineno) from exc
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise WeightsError(QT_TRANSLATE_NOOP("Errors", 'not an fnnsim weights file (no '
                                             '"format": "{name}")'),
                           name=JSON_FORMAT)
    if document.get("version") != 1:
        raise WeightsError(QT_TRANSLATE_NOOP("Errors", "unsupported weights file version "
                                             "{value!r}"),
                           value=document.get("version"))
    layers = document.get("layers")
    if not isinstance(layers, list):
        raise WeightsError(QT_TRANSLATE_NOOP("Errors", '"layers" must be a list'))
    _check_count(len(layers), network)
    weights, biases = [], []
    for l, layer in enumerate(layers, start=1):
        if not isinstance(layer, dict) or "W" not in layer or "b" not in layer:
            raise WeightsError(QT_TRANSLATE_NOOP("Errors", "layer {layer} must be an object "
                                                 "with W and b"),
                               layer=l)
        weights.append(_numbers(layer["W"], f"W{l}", 2))
        biases.append(_numbers(layer["b"], f"b{l}", 1))
    return weights, biases, document.get("architecture")


def _numbers(value: object, name: str, ndim: int) -> np.ndarray:
    def plain(v: object) -> bool:
        if isinstance(v, list):
            return all(plain(x) for x in v)
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    if not plain(value):
        raise WeightsError(QT_TRANSLATE_NOOP("Errors", "{name} must hold only numbers"),
                           name=name)
    try:
        array = np.array(value, dtype=np.float64)
    except ValueError as exc:  # ragged rows
        raise WeightsError(QT_TRANSLATE_NOOP("Errors", "{name} rows have different lengths"),
                           name=name) from exc
    if array.ndim != ndim:
        shape = (QT_TRANSLATE_NOOP("Errors", "{name} must be a matrix") if ndim == 2
                 else QT_TRANSLATE_NOOP("Errors", "{name} must be a vector"))
        raise WeightsError(shape, name=name)
    return array


def _read_csv(path: Path, network: Network) -> Parameters:
    """The long table. Each W and b takes the shape its largest row and column imply, so a
    table written for another network is reported as a shape, not as one stray line."""
    text = path.read_text(encoding="utf-8-sig")
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None or [h.strip() for h in header] != CSV_HEADER:
        raise WeightsError(QT_TRANSLATE_NOOP("Errors", "line {line}: the header must be "
                                             "{header}"),
                           line=1, header=",".join(CSV_HEADER))
    cells: dict[tuple[str, int], dict[tuple[int, ...], float]] = {}
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 5:
            raise WeightsError(QT_TRANSLATE_NOOP("Errors", "line {line}: expected 5 cells, "
                                                 "found {found}"),
                               line=line, found=len(row))
        try:
            layer, param = int(row[0]), row[1].strip()
            index = (int(row[2]) - 1, int(row[3]) - 1) if param == "W" else (int(row[2]) - 1,)
            value = float(row[4])
        except ValueError as exc:
            raise WeightsError(QT_TRANSLATE_NOOP("Errors", "line {line}: {problem}"),
                               line=line, problem=str(exc)) from exc
        if not np.isfinite(value):
            raise WeightsError(QT_TRANSLATE_NOOP("Errors", "line {line}: value must be a finite "
                                                 "number, got {value!r}"),
                               line=line, value=row[4])
        if layer < 1 or param not in ("W", "b"):
            raise WeightsError(QT_TRANSLATE_NOOP("Errors", "line {line}: no parameter {name} "
                                                 "(param is W or b, layers count from 1)"),
                               line=line, name=f"{param}{layer}")
        if min(index) < 0:
            raise WeightsError(QT_TRANSLATE_NOOP("Errors", "line {line}: rows and columns "
                                                 "count from 1"),
                               line=line)
        target = cells.setdefault((param, layer), {})
        if index in target:
            raise WeightsError(QT_TRANSLATE_NOOP("Errors", "line {line}: {name} row {row} "
                                                 "column {column} appears twice"),
                               line=line, name=f"{param}{layer}", row=row[2],
                               column=row[3] or "-")
        target[index] = value
    _check_count(max((l for _, l in cells), default=0), network)
    arrays: dict[str, list[np.ndarray]] = {"W": [], "b": []}
    for l in range(1, network.depth + 1):
        for param in ("W", "b"):
            found = cells.get((param, l))
            if not found:
                raise WeightsError(QT_TRANSLATE_NOOP("Errors", "the file has no {name}"),
                                   name=f"{param}{l}")
            # checked before allocating, so a hostile row number cannot exhaust memory
            _check_shape(l, param, tuple(int(i) + 1 for i in np.max(list(found), axis=0)),
                         network)
            array = np.full(np.max(list(found), axis=0) + 1, np.nan)
            for index, value in found.items():
                array[index] = value
            arrays[param].append(array)
    for name, found_arrays in arrays.items():
        for l, array in enumerate(found_arrays, start=1):
            if np.isnan(array).any():
                missing = np.argwhere(np.isnan(array))[0] + 1
                raise WeightsError(QT_TRANSLATE_NOOP("Errors", "{name} entry {index} is "
                                                     "missing"),
                                   name=f"{name}{l}", index=tuple(int(i) for i in missing))
    return arrays["W"], arrays["b"], None
