"""Training backends: what runs a chunk of per-sample SGD steps.

A backend trains `network` in place on the samples X[order[i]], T[order[i]] in order, fills
row `start + i` of `out` with that sample's metrics, and returns how many samples it
completed. If it returns fewer than len(order), sample order[completed] diverged (non-finite
loss or weight) and the network holds the last finite weights (from before that sample).

A backend also evaluates a whole data set (mean loss and accuracy, after every epoch).

The reference backend is the readable NumPy engine; the fast backend (if present) is a
compiled kernel that must match it to 1e-12 in float64.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from fnnsim.engine.losses import LOSSES
from fnnsim.engine.metrics import MetricBatch
from fnnsim.engine.network import Network
from fnnsim.engine.sgd import SGDSettings, trace_step
from fnnsim.errors import QT_TRANSLATE_NOOP, ConfigError, Message
from fnnsim.training.targets import predicted_labels


class Backend(Protocol):
    name: str

    def run(
        self,
        network: Network,
        X: np.ndarray,
        T: np.ndarray,
        order: np.ndarray,
        settings: SGDSettings,
        out: MetricBatch,
        start: int = 0,
    ) -> int: ...

    def evaluate(
        self, network: Network, X: np.ndarray, T: np.ndarray, labels: np.ndarray | None
    ) -> tuple[float, float]:
        """(mean data loss, share of `labels` predicted right — NaN when labels is None)."""
        ...


class ReferenceBackend:
    """Per-sample SGD with the NumPy reference engine (Algorithm 4.1, lines 5–11)."""

    name = "reference"

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
        for i, n in enumerate(order):
            trace = trace_step(network, X[n], T[n], settings)
            if not trace.finite:
                return i
            network.weights = trace.weights_after
            network.biases = trace.biases_after
            out.record(start + i, trace, network.activations)
        return len(order)

    def evaluate(
        self, network: Network, X: np.ndarray, T: np.ndarray, labels: np.ndarray | None
    ) -> tuple[float, float]:
        with np.errstate(over="ignore", invalid="ignore"):
            Z, A = network.forward_batch(X)
            loss = float(np.mean(LOSSES[network.loss].value(Z, A, T)))
        if labels is None:
            return loss, float("nan")
        right = predicted_labels(A, network.activations[-1]) == labels
        return loss, float(np.mean(right))


ENGINE_ENV = "FNNSIM_ENGINE"


def select_backend(choice: str = "auto") -> tuple[Backend, Message | None]:
    """The backend to train with, and why the fast path could not be used (None if it was,
    or if the reference was asked for).

    `choice` (or the FNNSIM_ENGINE environment variable, which wins) is "auto" (fast path
    if it compiles, else the reference), "fast" (fast path, error if unavailable) or
    "reference".
    """
    import os

    from fnnsim.config import ENGINES

    choice = os.environ.get(ENGINE_ENV, "").strip().lower() or choice
    if choice not in ENGINES:
        raise ConfigError(QT_TRANSLATE_NOOP("Errors", "{name} must be one of {expected}, got "
                                            "{value!r}"),
                          name="engine", expected=", ".join(ENGINES), value=choice)
    if choice == "reference":
        return ReferenceBackend(), None
    try:
        from fnnsim.fast import load_fast_backend

        return load_fast_backend(), None
    except Exception as exc:  # not installed, or failed to compile: fall back, say why once
        reason = Message(QT_TRANSLATE_NOOP("Errors", "fast path unavailable ({kind}: {problem}); "
                                           "using the reference engine"),
                         kind=type(exc).__name__, problem=str(exc))
        if choice == "fast":
            raise ConfigError(reason) from exc
        # a note, not an error: the CLI prints it, the window's status bar shows it
        return ReferenceBackend(), reason
