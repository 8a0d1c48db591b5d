"""Session files (`.fnnsession`): a whole run in one file, to reopen and go on exactly.

The file is a zip of `.npy` arrays as `np.savez_compressed` writes it, so
`np.load(path, allow_pickle=False)` reads it; the entry `session` is a JSON string (format
name and version, fnnsim version, the config, the data's names, the trainer's counters and
live settings, the shuffling RNG's bit_generator state). The arrays: the data trained on
(`train_X, train_y, val_X, val_y`, and `standardizer_mean/_std` if standardised), the
initial weights (`initial_W1…, initial_b1…`), the current ones (`W1…WL, b1…bL`), the best
epoch's (`best_W…, best_b…`, `best`) when early stopping has one, the run position
(`order, epoch_sums, epoch_last`) and the history (`epochs`, `samples_ring, samples_min,
samples_max, samples_sum, samples_start, samples_partial`).

Reading trusts nothing: every entry's header is checked (no Python objects, a size that
fits its shape, no absurd sizes) before its data is read, every value against the config,
and any problem is one SessionError naming the file and the part.
"""

from __future__ import annotations

import json
import math
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any

import numpy as np

from fnnsim import __version__
from fnnsim.config import ExperimentConfig
from fnnsim.data import Dataset, Standardizer
from fnnsim.engine.network import Network
from fnnsim.engine.sgd import SGDSettings
from fnnsim.errors import QT_TRANSLATE_NOOP, FnnsimError, SessionError
from fnnsim.io.atomic import atomic_open
from fnnsim.training.experiment import DataSplit, layer_sizes_for
from fnnsim.training.history import EpochHistory, SampleState, metric_columns
from fnnsim.training.snapshot import SessionState
from fnnsim.training.trainer import TrainerState

FORMAT = "fnnsim-session"
VERSION = 1
SUFFIX = ".fnnsession"
MAX_ENTRY_BYTES = 1 << 30  # one array, uncompressed: far above any real session's
MAX_TOTAL_BYTES = 1 << 31
MAX_ENTRIES = 1024
MAX_JSON_CHARS = 1 << 24
MAX_RING = 10_000_000  # samples the history may hold at full resolution
MAX_BUCKETS = 1 << 20

# a problem inside the file, named with it (the problem is a user error: translated too)
IN_FILE = QT_TRANSLATE_NOOP("Errors", "{file}: {problem}")


# ---- writing ----

def write_session(path: str | Path, session: SessionState) -> None:
    """Write `session` to `path` atomically (the old file stays whole if this fails)."""
    session.config.validate()
    arrays = session_arrays(session)
    arrays["session"] = np.array(json.dumps(session_document(session), ensure_ascii=False))
    with atomic_open(path, "wb") as f:
        np.savez_compressed(f, **arrays)


def session_document(session: SessionState) -> dict[str, Any]:
    t, net = session.trainer, session.network
    return {
        "format": FORMAT, "version": VERSION, "fnnsim_version": __version__,
        "config": session.config.to_dict(),
        "network": {"layer_sizes": net.layer_sizes, "activations": net.activations,
                    "loss": net.loss},
        "data": {"train": _dataset_names(session.data.train),
                 "val": _dataset_names(session.data.val),
                 "standardized": session.data.standardizer is not None},
        "trainer": {"epoch": t.epoch, "position": t.position, "order_drawn": t.order_drawn,
                    "shuffle": t.shuffle, "patience": t.patience, "max_epochs": t.max_epochs,
                    "stopped_early": t.stopped_early, "best_epoch": t.best_epoch,
                    "wait": t.wait, "has_best": t.best is not None},
        "settings": {"learning_rate": t.settings.learning_rate, "l2": t.settings.l2,
                     "l1": t.settings.l1, "clip_mode": t.settings.clip_mode,
                     "clip_threshold": t.settings.clip_threshold},
        "rng": t.rng,
        "samples": {"recent": t.samples.recent, "buckets": t.samples.buckets,
                    "total": t.samples.total, "width": t.samples.width},
    }


def _dataset_names(ds: Dataset) -> dict[str, Any]:
    return {"task": ds.task, "name": ds.name, "feature_names": list(ds.feature_names),
            "target_names": list(ds.target_names), "class_names": list(ds.class_names)}


def session_arrays(session: SessionState) -> dict[str, np.ndarray]:
    t, d = session.trainer, session.data
    arrays = {"train_X": d.train.X, "train_y": d.train.y, "val_X": d.val.X, "val_y": d.val.y}
    if d.standardizer is not None:
        arrays["standardizer_mean"] = d.standardizer.mean
        arrays["standardizer_std"] = d.standardizer.std
    for prefix, (weights, biases) in (
            ("initial_", (session.initial.weights, session.initial.biases)),
            ("", (session.network.weights, session.network.biases)),
            *((("best_", t.best_parameters),) if t.best_parameters is not None else ())):
        for l, (w, b) in enumerate(zip(weights, biases, strict=True), start=1):
            arrays[f"{prefix}W{l}"], arrays[f"{prefix}b{l}"] = w, b
    if t.best is not None:
        arrays["best"] = np.array(t.best, dtype=np.float64)
    s = t.samples
    arrays.update(order=t.order, epoch_sums=t.epoch_sums, epoch_last=t.epoch_last,
                  epochs=t.epochs, samples_ring=s.ring, samples_min=s.min, samples_max=s.max,
                  samples_sum=s.sum, samples_start=s.start, samples_partial=s.partial)
    return arrays


# ---- reading ----

def read_session(path: str | Path) -> SessionState:
    """Read and check a session file; SessionError (one line, naming the file) if it is
    not a readable, consistent fnnsim session. Nothing is changed anywhere on failure."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            session = _read(_Entries(zf))
    except FnnsimError as exc:  # SessionError, or a config or architecture the app refuses
        raise SessionError(IN_FILE, file=path.name, problem=exc) from None
    except FileNotFoundError:
        raise SessionError(QT_TRANSLATE_NOOP("Errors", "{file}: no such file"),
                           file=str(path)) from None
    except IsADirectoryError:
        raise SessionError(QT_TRANSLATE_NOOP("Errors", "{file}: is a folder, not a session file"),
                           file=str(path)) from None
    except zipfile.BadZipFile as exc:
        raise _not_a_zip(path, exc) from None
    except (EOFError, zlib.error, zipfile.LargeZipFile, NotImplementedError) as exc:
        raise SessionError(QT_TRANSLATE_NOOP("Errors", "{file}: damaged or truncated ({reason})"),
                           file=path.name, reason=str(exc)) from None
    except OSError as exc:
        raise SessionError(QT_TRANSLATE_NOOP("Errors", "{file}: cannot read: {reason}"),
                           file=path.name, reason=exc) from None
    return session


ZIP_START = b"PK\x03\x04"  # a zip archive's first bytes: its first entry's header


def _not_a_zip(path: Path, exc: zipfile.BadZipFile) -> SessionError:
    """Why `path` is no zip archive, in words the window can translate. Python's own
    reason (English) is a field only in the rare cases not worded here."""
    try:
        empty = path.stat().st_size == 0
        with path.open("rb") as f:
            cut = f.read(len(ZIP_START)) == ZIP_START  # began as one: the end is lost
    except OSError as error:  # gone or unreadable since: say that
        return SessionError(QT_TRANSLATE_NOOP("Errors", "{file}: cannot read: {reason}"),
                            file=path.name, reason=error)
    if empty:
        return SessionError(QT_TRANSLATE_NOOP("Errors", "{file}: the file is empty"),
                            file=path.name)
    if not zipfile.is_zipfile(path):  # no zip directory at its end ("not a zip file")
        if cut:
            return SessionError(QT_TRANSLATE_NOOP(
                "Errors", "{file}: damaged or truncated (the end of the zip archive is "
                "missing)"), file=path.name)
        return SessionError(QT_TRANSLATE_NOOP(
            "Errors", "{file}: not an fnnsim session (a session is a zip archive, and this "
            "file is not one)"), file=path.name)
    return SessionError(QT_TRANSLATE_NOOP(
        "Errors", "{file}: not an fnnsim session, or damaged or truncated ({reason})"),
        file=path.name, reason=str(exc))


class _Entries:
    """The arrays of a session zip, each checked from its header before it is read."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise SessionError(QT_TRANSLATE_NOOP("Errors", "{count} entries: not a session"),
                               count=len(infos))
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise SessionError(QT_TRANSLATE_NOOP(
                "Errors", "absurd size: its entries unpack to more than {size} GiB"),
                size=MAX_TOTAL_BYTES >> 30)
        self.infos = {i.filename[:-4]: i for i in infos if i.filename.endswith(".npy")}

    def __contains__(self, name: str) -> bool:
        return name in self.infos

    def array(self, name: str, kind: str, ndim: int | None = None) -> np.ndarray:
        """Entry `name` as float64 (kind "f"), int64 ("i") or str ("U"), of `ndim` dims."""
        info = self.infos.get(name)
        if info is None:
            raise SessionError(QT_TRANSLATE_NOOP("Errors", "missing entry {name!r}"), name=name)
        if info.file_size > MAX_ENTRY_BYTES:
            raise SessionError(QT_TRANSLATE_NOOP(
                "Errors", "entry {name!r}: absurd size ({size:,} bytes)"),
                name=name, size=info.file_size)
        try:
            member = self.zf.open(info)
        except RuntimeError as exc:  # zipfile's word for "encrypted" (or a damaged flag)
            raise SessionError(QT_TRANSLATE_NOOP(
                "Errors", "entry {name!r} cannot be read ({reason})"),
                name=name, reason=str(exc)) from None
        with member as f:
            shape, fortran, dtype = _header(f, name)
            if dtype.hasobject:
                raise SessionError(QT_TRANSLATE_NOOP(
                    "Errors", "entry {name!r} holds Python objects (pickle): refused"), name=name)
            expected = {"f": np.dtype(np.float64), "i": np.dtype(np.int64)}.get(kind)
            if kind == "U" and dtype.kind != kind:
                raise SessionError(QT_TRANSLATE_NOOP(
                    "Errors", "entry {name!r} holds {found}, expected text"),
                    name=name, found=str(dtype))
            if kind != "U" and dtype.newbyteorder("=") != expected:
                raise SessionError(QT_TRANSLATE_NOOP(
                    "Errors", "entry {name!r} holds {found}, expected {expected}"),
                    name=name, found=str(dtype), expected=str(expected))
            count = math.prod(shape)
            if f.tell() + count * dtype.itemsize != info.file_size:
                raise SessionError(QT_TRANSLATE_NOOP(
                    "Errors", "entry {name!r} is damaged: its size does not fit its shape {shape}"),
                    name=name, shape=shape)
            data = f.read(count * dtype.itemsize)
            f.read(1)  # to the end: the zip checks the entry's CRC
        array = np.frombuffer(data, dtype=dtype, count=count).reshape(
            shape, order="F" if fortran else "C")
        if ndim is not None and array.ndim != ndim:
            raise SessionError(QT_TRANSLATE_NOOP(
                "Errors", "entry {name!r} has {found} dimensions, expected {expected}"),
                name=name, found=array.ndim, expected=ndim)
        if kind == "U":
            return array
        return np.array(array, dtype=expected, order="C")  # native, writable, owned

    def floats(self, name: str, shape: tuple[int, ...], finite: bool = False) -> np.ndarray:
        array = self.array(name, "f", len(shape))
        if array.shape != shape:
            raise SessionError(QT_TRANSLATE_NOOP(
                "Errors", "entry {name!r} has shape {found}, expected {expected}"),
                name=name, found=array.shape, expected=shape)
        if finite and not np.all(np.isfinite(array)):
            raise SessionError(QT_TRANSLATE_NOOP(
                "Errors", "entry {name!r} holds NaN or infinite values"), name=name)
        return array


def _header(f: IO[bytes], name: str) -> tuple[tuple[int, ...], bool, np.dtype]:
    fmt = np.lib.format
    try:
        version = fmt.read_magic(f)
        if version == (1, 0):
            return fmt.read_array_header_1_0(f)
        if version == (2, 0):
            return fmt.read_array_header_2_0(f)
    except Exception as exc:  # NumPy parses the header with ast/tokenize: any failure
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "entry {name!r} is damaged or not a NumPy array ({reason})"),
            name=name, reason=str(exc)) from None
    raise SessionError(QT_TRANSLATE_NOOP(
        "Errors", "entry {name!r}: unsupported .npy version {version}"),
        name=name, version=version)


def _read(entries: _Entries) -> SessionState:
    if "session" not in entries:
        if "W1" in entries or "architecture" in entries:
            raise SessionError(QT_TRANSLATE_NOOP(
                "Errors", "this is a weights file, not a session (import it with "
                "File → Import weights, or fnnsim train --init-weights)"))
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "not an fnnsim session (it has no 'session' entry)"))
    doc = _document(entries)
    try:
        config = ExperimentConfig.from_dict(_get(doc, "config", dict, ""))
    except SessionError:
        raise
    except FnnsimError as exc:
        raise SessionError(QT_TRANSLATE_NOOP("Errors", "config: {problem}"),
                           problem=exc) from None
    data = _data(entries, _get(doc, "data", dict, ""))
    sizes = layer_sizes_for(config, data.train)
    activations = [layer.activation for layer in config.network.hidden] + [
        config.network.output_activation]
    net_doc = _get(doc, "network", dict, "")
    if net_doc != {"layer_sizes": sizes, "activations": activations,
                   "loss": config.network.loss}:
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "network {network} does not fit the config and data (layer sizes "
            "{sizes}, activations {activations})"),
            network=net_doc, sizes=sizes, activations=activations)
    initial = _network(entries, "initial_", sizes, activations, config.network.loss)
    network = _network(entries, "", sizes, activations, config.network.loss)
    state = _trainer_state(entries, doc, network, data.train.n_samples)
    session = SessionState(config, data, initial, network, state)
    try:
        session.build_trainer()  # proves every part fits the others
    except ValueError as exc:
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "the run's state does not fit its data: {problem}"), problem=exc) from None
    return session


def _document(entries: _Entries) -> dict[str, Any]:
    text = entries.array("session", "U", 0)
    if text.itemsize > 4 * MAX_JSON_CHARS:
        raise SessionError(QT_TRANSLATE_NOOP("Errors", "entry 'session': absurd size"))
    try:
        doc = json.loads(str(text))
    except (ValueError, RecursionError) as exc:
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "entry 'session' is not valid JSON ({reason})"), reason=str(exc)) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "not an fnnsim session (its format is not {expected!r})"), expected=FORMAT)
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SessionError(QT_TRANSLATE_NOOP("Errors", "unknown session version {version!r}"),
                           version=version)
    if version > VERSION:
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "written by a newer fnnsim ({written_by}, session version {version}); "
            "this fnnsim {this_fnnsim} reads session version {readable}: "
            "update fnnsim to open it"),
            written_by=doc.get("fnnsim_version", "?"), version=version,
            this_fnnsim=__version__, readable=VERSION)
    return doc


def _get(obj: dict, key: str, kind: type, where: str, optional: bool = False) -> Any:
    """obj[key], checked to be of `kind` (bool is not an int here; float takes an int);
    `where` names obj."""
    name = f"{where}.{key}" if where else key
    if key not in obj:
        raise SessionError(QT_TRANSLATE_NOOP("Errors", "missing {name!r}"), name=name)
    value = obj[key]
    if value is None and optional:
        return None
    if isinstance(value, bool) and kind is not bool:
        ok = False
    elif kind is float:
        ok = isinstance(value, (int, float))
    else:
        ok = isinstance(value, kind)
    if not ok:  # the JSON type names (int, str, list...) are the same in every language
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "{name!r} must be {expected}, got {value!r:.60}"),
            name=name, expected=kind.__name__, value=value)
    return value


def _count(obj: dict, key: str, where: str, low: int = 0, optional: bool = False) -> Any:
    value = _get(obj, key, int, where, optional)
    if value is not None and not low <= value < 1 << 62:
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "{name!r} must be >= {minimum}, got {value}"),
            name=f"{where}.{key}", minimum=low, value=value)
    return value


DATA_PROBLEM = {"train": QT_TRANSLATE_NOOP("Errors", "training data: {problem}"),
                "val": QT_TRANSLATE_NOOP("Errors", "validation data: {problem}")}


def _data(entries: _Entries, doc: dict) -> DataSplit:
    parts = []
    for part in ("train", "val"):
        names = _get(doc, part, dict, "data")
        task = _get(names, "task", str, f"data.{part}")
        X = entries.array(f"{part}_X", "f", 2)
        y = entries.array(f"{part}_y", "i" if task == "classification" else "f",
                          1 if task == "classification" else 2)
        try:
            parts.append(Dataset(
                X, y, task, *(tuple(_strings(names, key, f"data.{part}"))
                              for key in ("feature_names", "target_names", "class_names")),
                _get(names, "name", str, f"data.{part}")))
        except ValueError as exc:
            template = DATA_PROBLEM[part]  # marked above
            raise SessionError(template, problem=exc) from None
    train, val = parts
    if (val.n_features, val.task, val.class_names) != (
            train.n_features, train.task, train.class_names):
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "the validation data does not match the training data"))
    standardizer = None
    if _get(doc, "standardized", bool, "data"):
        d = train.n_features
        try:
            standardizer = Standardizer(entries.floats("standardizer_mean", (d,)),
                                        entries.floats("standardizer_std", (d,)))
        except ValueError as exc:
            raise SessionError(QT_TRANSLATE_NOOP("Errors", "standardizer: {problem}"),
                               problem=exc) from None
    return DataSplit(train, val, standardizer)


def _strings(obj: dict, key: str, where: str) -> list[str]:
    value = _get(obj, key, list, where)
    if not all(isinstance(v, str) for v in value):
        raise SessionError(QT_TRANSLATE_NOOP("Errors", "{name!r} must be a list of names"),
                           name=f"{where}.{key}")
    return value


def _parameters(entries: _Entries, prefix: str, sizes: list[int]
                ) -> tuple[list[np.ndarray], list[np.ndarray]]:
    weights = [entries.floats(f"{prefix}W{l}", (sizes[l], sizes[l - 1]), finite=True)
               for l in range(1, len(sizes))]
    biases = [entries.floats(f"{prefix}b{l}", (sizes[l],), finite=True)
              for l in range(1, len(sizes))]
    return weights, biases


WEIGHTS_PROBLEM = {"initial_": QT_TRANSLATE_NOOP("Errors", "initial_weights: {problem}"),
                   "": QT_TRANSLATE_NOOP("Errors", "current weights: {problem}")}


def _network(entries: _Entries, prefix: str, sizes: list[int], activations: list[str],
             loss: str) -> Network:
    try:
        return Network(sizes, activations, loss, *_parameters(entries, prefix, sizes))
    except FnnsimError as exc:  # an architecture the engine refuses
        template = WEIGHTS_PROBLEM[prefix]  # marked above
        raise SessionError(template, problem=exc) from None


def _trainer_state(entries: _Entries, doc: dict, network: Network, n_train: int
                   ) -> TrainerState:
    t = _get(doc, "trainer", dict, "")
    s = _get(doc, "settings", dict, "")
    h = _get(doc, "samples", dict, "")
    k = len(metric_columns(network.depth))
    try:
        settings = SGDSettings(*(_get(s, key, float, "settings") for key in (
            "learning_rate", "l2", "l1")), _get(s, "clip_mode", str, "settings"),
            _get(s, "clip_threshold", float, "settings"))
    except FnnsimError as exc:
        raise SessionError(QT_TRANSLATE_NOOP("Errors", "settings: {problem}"),
                           problem=exc) from None
    epoch, position = _count(t, "epoch", "trainer"), _count(t, "position", "trainer")
    recent, buckets = _count(h, "recent", "samples", 1), _count(h, "buckets", "samples", 2)
    if recent > MAX_RING or buckets > MAX_BUCKETS:
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "absurd history size: ring {ring:,}, buckets {buckets:,}"),
            ring=recent, buckets=buckets)
    total, width = _count(h, "total", "samples"), _count(h, "width", "samples", 1)
    if total != epoch * n_train + position:
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "the history holds {total} samples, but epoch {epoch} sample "
            "{position} of {per_epoch} per epoch means {expected}"),
            total=total, epoch=epoch, position=position, per_epoch=n_train,
            expected=epoch * n_train + position)
    n = len(entries.array("samples_start", "i", 1))
    samples = SampleState(
        recent, buckets, total, width,
        entries.floats("samples_ring", (min(total, recent), k)),
        *(entries.floats(f"samples_{m}", (n, k)) for m in ("min", "max", "sum")),
        entries.array("samples_start", "i", 1),
        entries.array("samples_partial", "f", 2))
    problem = samples.problem(k)
    if problem:
        raise SessionError(QT_TRANSLATE_NOOP("Errors", "sample history: {problem}"),
                           problem=problem)
    n_columns = len(EpochHistory.SCALAR_COLUMNS) + k
    epochs = entries.floats("epochs", (epoch, n_columns))
    has_best = _get(t, "has_best", bool, "trainer")
    best = best_parameters = None
    if has_best:
        values = entries.floats("best", (2,))
        best = (float(values[0]), float(values[1]))
        best_parameters = _parameters(entries, "best_", network.layer_sizes)
    best_epoch, wait = _count(t, "best_epoch", "trainer"), _count(t, "wait", "trainer")
    if best_epoch > epoch or wait > epoch:
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "best epoch {best_epoch} or wait {wait} after epoch {epoch}"),
            best_epoch=best_epoch, wait=wait, epoch=epoch)
    rng = _get(doc, "rng", dict, "")
    if rng.get("bit_generator") != "PCG64":
        raise SessionError(QT_TRANSLATE_NOOP(
            "Errors", "rng: only NumPy's PCG64 generator state is read"))
    return TrainerState(
        epoch, position, entries.array("order", "i", 1),
        _get(t, "order_drawn", bool, "trainer"), rng, _get(t, "shuffle", bool, "trainer"),
        settings, _count(t, "patience", "trainer", 1, optional=True),
        _count(t, "max_epochs", "trainer", 1, optional=True),
        _get(t, "stopped_early", bool, "trainer"), best, best_epoch, best_parameters, wait,
        entries.floats("epoch_sums", (k,)), entries.floats("epoch_last", (k,)), samples,
        epochs)

