"""`FastBackend`: the `Backend` protocol (training/backend.py) over the compiled kernel.

Everything that touches Python objects happens here, before and after the kernel call;
the kernel itself runs the whole chunk with the GIL released.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fnnsim.engine.activations import ACTIVATIONS
from fnnsim.engine.metrics import LAYER_METRICS, SCALAR_METRICS, MetricBatch
from fnnsim.engine.network import Network
from fnnsim.engine.sgd import SGDSettings, settings_problem
from fnnsim.errors import ConfigError
from fnnsim.fast.codes import CLIP_CODES, LOSS_CODES, activation_codes, saturation_thresholds
from fnnsim.fast.epochs import DIVERGED, STOPPED_EARLY, run_epochs
from fnnsim.fast.evaluation import evaluate_set
from fnnsim.fast.kernel import run_chunk
from fnnsim.fast.records import bucket_stats, flatten, kernel_array

METRIC_ORDER = (*SCALAR_METRICS, *LAYER_METRICS)  # the kernel's argument order
NO_ORDER = np.empty(0, dtype=np.int64)
NO_LABELS = np.empty(0, dtype=np.int64)  # regression: the kernel's "no accuracy"


@dataclass
class EpochsRun:
    """What `FastBackend.run_epochs` did: per completed epoch (arrays of `epochs` entries)
    its evaluations and whether it improved on the best validation key."""

    done: int  # samples completed
    epochs: int  # epochs completed
    stopped_early: bool  # the last completed epoch triggered early stopping
    diverged: bool  # sample `done` of the orders diverged
    train_loss: np.ndarray
    train_accuracy: np.ndarray
    val_loss: np.ndarray
    val_accuracy: np.ndarray
    improved: np.ndarray  # bool
    best_parameters: tuple[list[np.ndarray], list[np.ndarray]] | None  # at the last improvement


class FastBackend:
    """Per-sample SGD (Algorithm 4.1, lines 5–11) in a compiled, GIL-free Numba kernel.

    Same semantics as `ReferenceBackend.run`, to ~1e-15 per step: the network is trained in
    place (its weight and bias lists are replaced by fresh float64 C-contiguous arrays),
    row start + i of `out` receives sample i's metrics, and the return value is the number
    of samples completed; on divergence the network keeps the weights from before the
    diverging sample.
    """

    name = "fast"
    # the trainer's bookkeeping of the rows trained, compiled (records.py)
    flatten = staticmethod(flatten)
    bucket_stats = staticmethod(bucket_stats)

    def run(
        self,
        network: Network,
        X: np.ndarray,
        T: np.ndarray,
        order: np.ndarray,
        settings: SGDSettings,
        out: MetricBatch,
        start: int = 0,
    ) -> int:
        X, T, order = _inputs(network, X, T, order)
        count = len(order)
        if count == 0:
            return 0
        start = int(start)
        metrics, copies, model, rule = _kernel_arguments(network, settings, out, start, count)
        weights, biases = _pack(network)
        done = run_chunk(*model, weights, biases, X, T, order, *rule, *metrics, start)
        if done < count:
            # The diverging sample left a half-applied update: replay the completed samples
            # from the chunk's starting weights (the same arithmetic in the same order).
            weights, biases = _pack(network)
            run_chunk(*model, weights, biases, X, T, order[:done], *rule, *metrics, start)
        _unpack(network, weights, biases)
        for name, array in copies.items():
            getattr(out, name)[...] = array
        return int(done)

    def run_epochs(
        self,
        network: Network,
        X: np.ndarray,
        T: np.ndarray,
        orders: np.ndarray,
        epoch_length: int,
        position: int,
        settings: SGDSettings,
        out: MetricBatch,
        start: int,
        labels: np.ndarray | None,
        val: tuple[np.ndarray, np.ndarray, np.ndarray | None] | None,
        patience: int | None,
        best: tuple[float, float] | None,
        wait: int,
    ) -> EpochsRun:
        """`run` over the rest of the current epoch (at sample `position` of
        `epoch_length`) and further epochs, `orders` holding their orders one after
        another, with each completed epoch evaluated on the training set (`labels`) and on
        `val` = (X, T, labels) if given, and early stopping as Trainer._early_stopping
        from `best`, `wait` and `patience` — all in one GIL-free call (epochs.py says why).

        Stops after the epoch that triggers early stopping (without restoring the best
        weights: the trainer does that), or at a diverging sample, leaving the network as
        `run` would. Orders are not checked to be permutations; the trainer draws them.
        """
        X, T, orders = _inputs(network, X, T, orders)
        count = len(orders)
        epoch_length, position = int(epoch_length), int(position)
        if not 0 <= position < epoch_length:
            raise ValueError(f"sample {position} of an epoch of {epoch_length} samples")
        start = int(start)
        metrics, copies, model, rule = _kernel_arguments(network, settings, out, start, count)
        threshold = _threshold(network)
        labels = _labels(labels, len(X))
        if val is None:
            X_val, T_val, val_labels = X[:0], T[:0], NO_LABELS
        else:
            X_val, T_val, _ = _inputs(network, val[0], val[1], NO_ORDER)
            val_labels = _labels(val[2], len(X_val))
        weights, biases = _pack(network)
        best_weights, best_biases = np.empty_like(weights), np.empty_like(biases)
        slots = max(1, (position + count) // epoch_length)  # epochs that can complete
        evaluations = np.full((4, slots), np.nan)
        improved = np.zeros(slots, dtype=np.int64)
        best_error, best_loss = best if best is not None else (np.nan, np.nan)
        done, epochs, outcome = run_epochs(
            *model, weights, biases, X, T, orders, epoch_length, position, *rule, *metrics,
            start, labels, X_val, T_val, val_labels, threshold, val is not None,
            -1 if patience is None else int(patience), best is not None, float(best_error),
            float(best_loss), int(wait), best_weights, best_biases, *evaluations, improved,
        )
        _unpack(network, weights, biases)
        for name, array in copies.items():
            getattr(out, name)[...] = array
        epochs = int(epochs)
        best_parameters = None
        if improved[:epochs].any():
            best_parameters = _split(network, best_weights, best_biases)
        return EpochsRun(int(done), epochs, outcome == STOPPED_EARLY, outcome == DIVERGED,
                         *(row[:epochs] for row in evaluations), improved[:epochs] == 1,
                         best_parameters)

    def evaluate(
        self, network: Network, X: np.ndarray, T: np.ndarray, labels: np.ndarray | None
    ) -> tuple[float, float]:
        """`ReferenceBackend.evaluate`, compiled and without the GIL (evaluation.py)."""
        X, T, _ = _inputs(network, X, T, NO_ORDER)
        labels = _labels(labels, len(X))
        weights, biases = _pack(network)
        loss, accuracy = evaluate_set(
            np.asarray(network.layer_sizes, dtype=np.int64), activation_codes(network.activations),
            LOSS_CODES[network.loss], weights, biases, X, T, labels, _threshold(network))
        return float(loss), float(accuracy)


def _labels(labels: np.ndarray | None, count: int) -> np.ndarray:
    """Class labels as the evaluation kernel takes them (empty: regression)."""
    if labels is None:
        return NO_LABELS
    labels = np.require(labels, dtype=np.int64, requirements=["C", "A"]).reshape(-1)
    if len(labels) != count:
        raise ValueError(f"{len(labels)} labels for {count} samples")
    return labels


def _threshold(network: Network) -> float:
    """The output above which a single output unit predicts class 1: its range's middle."""
    low, high = ACTIVATIONS[network.activations[-1]].output_range
    return 0.5 * (low + high)


def _inputs(
    network: Network, X: np.ndarray, T: np.ndarray, order: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """X (N, n_0), T (N, n_L) and order as the kernel's types: read-only float64 views
    (no copy when already float64, C-contiguous, aligned) and int64 indices in 0..N−1."""
    X = np.require(X, dtype=np.float64, requirements=["C", "A"])
    T = np.require(T, dtype=np.float64, requirements=["C", "A"])
    n_in, n_out = network.layer_sizes[0], network.layer_sizes[-1]
    if T.ndim == 1 and n_out == 1:
        T = T.reshape(-1, 1)
    if X.ndim != 2 or X.shape[1] != n_in:
        raise ValueError(f"X must have shape (N, {n_in}), got {X.shape}")
    if T.shape != (X.shape[0], n_out):
        raise ValueError(f"T must have shape ({X.shape[0]}, {n_out}), got {T.shape}")
    X, T = X.view(), T.view()
    X.flags.writeable = False  # one compiled signature whatever the caller's flags
    T.flags.writeable = False
    order = np.require(order, dtype=np.int64, requirements=["C", "A"]).reshape(-1)
    if len(order):
        order = np.where(order < 0, order + X.shape[0], order)  # NumPy's negative indices
        if order.min() < 0 or order.max() >= X.shape[0]:
            raise IndexError(f"order holds indices outside 0..{X.shape[0] - 1}")
    return X, T, order


def _kernel_arguments(network: Network, settings: SGDSettings, out: MetricBatch, start: int,
                      count: int) -> tuple[list[np.ndarray], dict[str, np.ndarray], tuple, tuple]:
    """What both training kernels take besides the data: the metric arrays of `out` (and
    the stand-ins to copy back), the model (sizes, activation codes, loss code) and the
    update rule; ConfigError for settings the engine refuses, ValueError for rows `out`
    does not have."""
    problem = settings_problem(settings)
    if problem:
        raise ConfigError(problem)
    if start < 0 or start + count > len(out) or out.depth != network.depth:
        raise ValueError(
            f"out holds {len(out)} rows of depth {out.depth}; rows {start}..{start + count - 1}"
            f" of depth {network.depth} were asked for"
        )
    metrics, copies = _metric_arrays(out)
    model = (
        np.asarray(network.layer_sizes, dtype=np.int64),
        activation_codes(network.activations),
        LOSS_CODES[network.loss],
    )
    rule = (
        float(settings.learning_rate), float(settings.l2), float(settings.l1),
        CLIP_CODES[settings.clip_mode], float(settings.clip_threshold),
        saturation_thresholds(network.activations),
    )
    return metrics, copies, model, rule


def _metric_arrays(out: MetricBatch) -> tuple[list[np.ndarray], dict[str, np.ndarray]]:
    """The arrays of `out` in kernel order; float64 C-contiguous stand-ins for any that are
    not (returned in `copies`, to be written back)."""
    arrays, copies = [], {}
    for name in METRIC_ORDER:
        array = getattr(out, name)
        used = kernel_array(array)
        if used is not array:
            copies[name] = used
        arrays.append(used)
    return arrays, copies


def _pack(network: Network) -> tuple[np.ndarray, np.ndarray]:
    """Fresh flat copies of all W^(l) (row-major, layer after layer) and all b^(l)."""
    weights = np.concatenate([w.reshape(-1) for w in network.weights], dtype=np.float64)
    biases = np.concatenate([b.reshape(-1) for b in network.biases], dtype=np.float64)
    return weights, biases


def _unpack(network: Network, weights: np.ndarray, biases: np.ndarray) -> None:
    """Give the network per-layer arrays (views of the fresh buffers) of the new values."""
    network.weights, network.biases = _split(network, weights, biases)


def _split(
    network: Network, weights: np.ndarray, biases: np.ndarray
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per-layer views W^(l), b^(l) of flat buffers laid out as `_pack` makes them."""
    new_w, new_b = [], []
    w_at = b_at = 0
    for n, m in zip(network.layer_sizes[1:], network.layer_sizes[:-1], strict=True):
        new_w.append(weights[w_at:w_at + n * m].reshape(n, m))
        new_b.append(biases[b_at:b_at + n])
        w_at += n * m
        b_at += n
    return new_w, new_b

