"""Compile the kernel once and check it against the reference engine on tiny networks."""

from __future__ import annotations

from dataclasses import fields

import numpy as np

from fnnsim.engine.metrics import MetricBatch
from fnnsim.engine.network import Network
from fnnsim.engine.sgd import SGDSettings
from fnnsim.fast import records
from fnnsim.fast.backend import FastBackend
from fnnsim.fast.epochs import run_epochs
from fnnsim.fast.evaluation import evaluate_set
from fnnsim.fast.kernel import run_chunk

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]
# (output, loss, n_outputs, settings): together they take every branch of the kernel
CHECKS = [
    ("softmax", "cross_entropy", 3, SGDSettings(0.1, l2=1e-3, l1=1e-3, clip_mode="global_norm",
                                                clip_threshold=0.3)),
    ("sigmoid", "bce", 1, SGDSettings(0.1, l2=1e-3, clip_mode="value", clip_threshold=0.05)),
    ("softmax", "mse", 2, SGDSettings(0.1, clip_mode="layer_norm", clip_threshold=0.1)),
    ("tanh", "mse", 2, SGDSettings(0.1, l1=1e-3)),
    ("relu", "mse", 1, SGDSettings(0.1)),
    ("leaky_relu", "mse", 1, SGDSettings(0.1)),
    ("linear", "mse", 1, SGDSettings(0.1)),
]


def warm_up(backend: FastBackend) -> None:
    """Train 8 samples on a 2-5-5-5-5-5-k net (every hidden activation) per output/loss,
    with both engines, then evaluate them; raise RuntimeError if any weight, metric, loss
    or accuracy differs by > 1e-12.

    The kernels have a single signature each (the backend normalises every argument), so the
    first call compiles, or loads from Numba's on-disk cache, the code every network uses.
    After it, compiling another signature is switched off: a surprise recompile would
    stall the training thread for seconds with the GIL held.
    """
    from fnnsim.training.backend import ReferenceBackend

    rng = np.random.default_rng(0)
    for output, loss, k, settings in CHECKS:
        X = rng.normal(size=(8, 2))
        T = np.eye(k)[rng.integers(0, k, size=8)] if k > 1 else rng.uniform(0, 1, (8, 1))
        fast = Network.create([2, 5, 5, 5, 5, 5, k], [*HIDDEN, output], loss, scale=1.5, rng=1)
        slow = fast.copy()
        fast_out, slow_out = MetricBatch.empty(8, fast.depth), MetricBatch.empty(8, fast.depth)
        done = backend.run(fast, X, T, np.arange(8), settings, fast_out)
        run_chunk.disable_compile()
        ReferenceBackend().run(slow, X, T, np.arange(8), settings, slow_out)
        pairs = [
            *zip(fast.weights + fast.biases, slow.weights + slow.biases, strict=True),
            *((getattr(fast_out, f.name), getattr(slow_out, f.name)) for f in fields(MetricBatch)),
        ]
        if done != 8 or not all(agree(f, s) for f, s in pairs):
            raise RuntimeError(
                f"the compiled kernel disagrees with the reference engine ({output} + {loss})"
            )
        labels = np.argmax(T, axis=1) if k > 1 else (T[:, 0] > 0.5).astype(np.int64)
        for given in (labels, None):  # classification and regression
            fast_eval = np.array(backend.evaluate(fast, X, T, given))
            evaluate_set.disable_compile()
            slow_eval = np.array(ReferenceBackend().evaluate(fast, X, T, given))
            if not np.allclose(fast_eval, slow_eval, rtol=1e-12, atol=0, equal_nan=True):
                raise RuntimeError(f"the compiled evaluation disagrees with the reference "
                                   f"engine ({output} + {loss})")
        check_epochs(backend, slow, X, T, labels, settings)
        check_records(fast_out)


def check_epochs(
    backend: FastBackend, network: Network, X: np.ndarray, T: np.ndarray,
    labels: np.ndarray, settings: SGDSettings,
) -> None:
    """Compile `run_epochs` (fast/epochs.py): 2½ epochs of the 8 samples, validated on
    them, must give what `run` and `evaluate` give called epoch by epoch, bit for bit."""
    looped, fused = network.copy(), network.copy()
    out = MetricBatch.empty(20, network.depth)
    expected = []
    for start in (0, 8, 16):
        backend.run(looped, X, T, np.arange(8)[: 20 - start], settings, out, start)
        if start < 16:
            expected.append(backend.evaluate(looped, X, T, labels))
    orders = np.concatenate([np.arange(8)] * 3)[:20]
    result = backend.run_epochs(fused, X, T, orders, 8, 0, settings,
                                MetricBatch.empty(20, network.depth), 0, labels,
                                (X, T, labels), None, None, 0)
    run_epochs.disable_compile()
    got = list(zip(result.train_loss, result.train_accuracy, strict=True))
    same = all(np.array_equal(a, b) for a, b in zip(looped.weights + looped.biases,
                                                     fused.weights + fused.biases, strict=True))
    if result.done != 20 or result.epochs != 2 or not same or got != expected:
        raise RuntimeError("the compiled multi-epoch kernel disagrees with the chunk kernel")


def check_records(batch: MetricBatch) -> None:
    """Compile the trainer's bookkeeping (records.py): it must give NumPy's values exactly,
    on `batch` and on buckets of 1, 3 and 8 rows of it."""
    from fnnsim.training import history

    rows = records.flatten(batch)
    same = np.array_equal(rows, history.flatten(batch))
    for width in (1, 3, 8):
        whole = len(rows) // width
        compiled, expected = (np.empty((3, whole, rows.shape[1])) for _ in range(2))
        records.bucket_stats(rows, width, whole, *compiled)
        history.bucket_stats(rows, width, whole, *expected)
        same = same and np.array_equal(compiled, expected)
    records.disable_compile()
    if not same:
        raise RuntimeError("the compiled sample bookkeeping disagrees with NumPy's")


def agree(actual: np.ndarray, expected: np.ndarray) -> bool:
    """Equal to 1e-12 relative, or to 1e-12 of the largest |entry| (of each layer's column)."""
    if expected.ndim == 2:
        return all(agree(a, e) for a, e in zip(actual.T, expected.T, strict=True))
    finite = np.abs(expected[np.isfinite(expected)])
    scale = float(finite.max()) if finite.size else 0.0
    return bool(np.allclose(actual, expected, rtol=1e-12, atol=1e-12 * scale))
