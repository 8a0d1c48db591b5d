"""The run loop of Algorithm 4.1: epochs of shuffled per-sample SGD, validation, early stopping.

Plain Python, no Qt. The caller drives it in chunks of samples (`train_samples`), so it can
stop, inspect, or change the learning rate, L2, L1 or clipping between any two samples:
`trainer.settings` is read afresh at every chunk.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from fnnsim.data import Dataset
from fnnsim.engine.metrics import LAYER_METRICS, MetricBatch
from fnnsim.engine.network import Network
from fnnsim.engine.sgd import SGDSettings, StepTrace, trace_step
from fnnsim.errors import QT_TRANSLATE_NOOP, DivergenceError
from fnnsim.training.backend import Backend, ReferenceBackend
from fnnsim.training.history import (
    EpochHistory,
    EpochRecord,
    SampleHistory,
    SampleState,
    bucket_stats,
    flatten,
)
from fnnsim.training.targets import encode_targets

RECORD_EVERY = 65_536  # trained rows held before they go into the sample history
DIVERGED = QT_TRANSLATE_NOOP(
    "Errors", "training diverged at epoch {epoch}, sample {sample}: the loss or a weight "
    "became infinite or NaN; the last finite weights are kept (lower the learning rate or "
    "turn on gradient clipping)")


@dataclass(frozen=True)
class Evaluation:
    loss: float  # mean data loss
    accuracy: float  # share classified right; nan for regression


Parameters = tuple[list[np.ndarray], list[np.ndarray]]


@dataclass
class TrainerState:
    """Where a run stands, complete (copies): restoring it into a Trainer over the same
    network weights and data continues the run exactly as if it had never stopped."""

    epoch: int
    position: int
    order: np.ndarray  # this epoch's order (int64 permutation of the training rows)
    order_drawn: bool
    rng: dict  # the shuffling Generator's bit_generator.state (PCG64)
    shuffle: bool
    settings: SGDSettings  # the live settings (they may differ from the config's)
    patience: int | None
    max_epochs: int | None
    stopped_early: bool
    best: tuple[float, float] | None
    best_epoch: int
    best_parameters: Parameters | None
    wait: int
    epoch_sums: np.ndarray
    epoch_last: np.ndarray
    samples: SampleState
    epochs: np.ndarray  # the EpochHistory table


class Trainer:
    """Owns a network while it trains on one data set; everything a run needs to go on."""

    # let a backend with `run_epochs` (the fast path) train across epoch ends in one call
    # (_train_epochs); False forces the per-epoch loop (tests and bench/epoch_calls.py
    # compare the two)
    fuse_epochs = True

    def __init__(
        self,
        network: Network,
        train: Dataset,
        val: Dataset | None,
        settings: SGDSettings,
        *,
        shuffle: bool = True,
        seed: int | np.random.Generator = 0,
        patience: int | None = None,
        max_epochs: int | None = None,
        backend: Backend | None = None,
        recent_samples: int = 100_000,
    ) -> None:
        self.network = network
        self.train_set, self.val_set = train, (val if val is not None and val.n_samples else None)
        output = network.activations[-1]
        n_out = network.layer_sizes[-1]
        self.X, self.T = np.ascontiguousarray(train.X), encode_targets(train, n_out, output)
        if self.val_set is not None:
            self.X_val = np.ascontiguousarray(self.val_set.X)
            self.T_val = encode_targets(self.val_set, n_out, output)
        self.settings = settings
        self.shuffle = shuffle
        self.rng = np.random.default_rng(seed)
        self.patience = patience  # early stopping on validation error; None = off
        self.max_epochs = max_epochs
        self.backend: Backend = backend or ReferenceBackend()
        # the backend's own bookkeeping if it has it (the fast path: compiled, the same
        # numbers), else NumPy's
        self._flatten = getattr(self.backend, "flatten", flatten)
        self.samples = SampleHistory(network.depth, recent=recent_samples, stats=getattr(
            self.backend, "bucket_stats", bucket_stats))
        self.epochs = EpochHistory(network.depth)
        self.epoch = 0  # completed epochs
        self.position = 0  # samples done in the current epoch
        self.order = np.arange(train.n_samples)
        self._order_drawn = False  # has this epoch's order been drawn yet?
        self.stopped_early = False
        self.best: tuple[float, float] | None = None  # (val error, val loss) of the best epoch
        self.best_epoch = 0
        self.best_parameters: tuple[list[np.ndarray], list[np.ndarray]] | None = None
        self._wait = 0
        self._epoch_sums = np.zeros(len(self.samples.columns))
        self._epoch_last = np.zeros(len(self.samples.columns))
        # columns whose epoch value is the last sample's, not the mean: ‖W‖ after the epoch
        self._last_value_columns = np.array(
            [i for i, name in enumerate(self.samples.columns) if name.startswith("weight_norm_")],
            dtype=np.int64)
        # flattened metric rows trained in this call but not yet in `samples`: appending
        # once per call instead of once per epoch costs far less (many epochs per call)
        self._unrecorded: list[np.ndarray] = []
        self._unrecorded_count = 0
        self.on_epoch: Callable[[EpochRecord], None] | None = None

    # ---- state ----
    @property
    def samples_seen(self) -> int:
        return self.samples.total + self._unrecorded_count

    @property
    def finished(self) -> bool:
        return self.stopped_early or (self.max_epochs is not None and self.epoch >= self.max_epochs)

    def set_patience(self, patience: int | None) -> None:
        """Early stopping's patience from now on (None: off). A run it stopped goes on if
        the new patience lets it (off, or more epochs than have passed since the best),
        from the weights the network holds: the best epoch's, which the stop restored.
        The epochs since the best still count against a patience turned on again."""
        self.patience = patience
        if self.stopped_early and (patience is None or self._wait < patience):
            self.stopped_early = False

    def restored_best(self) -> EpochRecord | None:
        """The best epoch's record while the network holds that epoch's weights, restored
        by early stopping, rather than the last epoch's: its losses are the network's now.
        None when the last epoch (or a sample trained since) is what the network holds."""
        best = self.best_parameters
        if best is None or self.position or not 0 < self.best_epoch < self.epoch:
            return None
        held = self.network.weights + self.network.biases
        if not all(np.array_equal(a, b) for a, b in zip(best[0] + best[1], held, strict=True)):
            return None
        return self.epochs.record(self.best_epoch - 1)

    def state(self) -> TrainerState:
        """Copies of where the run stands (at a sample boundary: between calls)."""
        self._record_samples()
        best = self.best_parameters
        return TrainerState(
            self.epoch, self.position, self.order.copy(), self._order_drawn,
            copy.deepcopy(self.rng.bit_generator.state), self.shuffle, self.settings,
            self.patience, self.max_epochs, self.stopped_early, self.best, self.best_epoch,
            None if best is None else ([w.copy() for w in best[0]], [b.copy() for b in best[1]]),
            self._wait, self._epoch_sums.copy(), self._epoch_last.copy(), self.samples.state(),
            self.epochs.table())

    def restore(self, state: TrainerState) -> None:
        """Go on from `state` (taken from a Trainer over the same data and architecture).
        ValueError, naming what does not fit, if it cannot be this run's."""
        n, k = self.train_set.n_samples, len(self.samples.columns)
        order = np.asarray(state.order)
        if order.shape != (n,) or not np.array_equal(np.sort(order), np.arange(n)):
            raise ValueError(f"the sample order is not a permutation of the {n} training rows")
        if not 0 <= state.position < n or (state.position and not state.order_drawn):
            raise ValueError(f"sample {state.position} of an epoch of {n} samples")
        for name in ("epoch_sums", "epoch_last"):
            if getattr(state, name).shape != (k,):
                raise ValueError(f"{name} must hold {k} values")
        if state.best_parameters is not None:
            probe = self.network.copy()
            probe.set_parameters(*state.best_parameters)  # WeightsError if they do not fit
        rng = np.random.default_rng()
        try:
            rng.bit_generator.state = copy.deepcopy(state.rng)
        except (TypeError, ValueError, KeyError, OverflowError) as exc:
            raise ValueError(f"bad random generator state ({exc!r})") from exc
        self.samples.restore(state.samples)
        self.epochs.restore(state.epochs)
        self.epoch, self.position = int(state.epoch), int(state.position)
        self.order, self._order_drawn = order.astype(np.int64), bool(state.order_drawn)
        self.rng, self.shuffle, self.settings = rng, bool(state.shuffle), state.settings
        self.patience, self.max_epochs = state.patience, state.max_epochs
        self.stopped_early, self.best, self.best_epoch = (
            bool(state.stopped_early), state.best, int(state.best_epoch))
        self.best_parameters = None if state.best_parameters is None else (
            [np.array(w, dtype=np.float64) for w in state.best_parameters[0]],
            [np.array(b, dtype=np.float64) for b in state.best_parameters[1]])
        self._wait = int(state.wait)
        self._epoch_sums = np.array(state.epoch_sums, dtype=np.float64)
        self._epoch_last = np.array(state.epoch_last, dtype=np.float64)
        self._unrecorded, self._unrecorded_count = [], 0

    def next_sample(self) -> tuple[int, np.ndarray, np.ndarray]:
        """(index, x, target) of the sample the next step trains on."""
        self._start_epoch_if_needed()
        n = int(self.order[self.position])
        return n, self.X[n], self.T[n]

    # ---- training ----
    def train_samples(self, n: int) -> MetricBatch:
        """Train on up to n samples (fewer if the run finishes); their metrics, in order.

        Raises DivergenceError if a sample makes the loss or a weight non-finite; the samples
        before it are recorded and the network keeps the last finite weights.
        """
        out = unfilled_batch(n, self.network.depth)  # the backend fills every row it trains
        done = 0
        run_epochs = getattr(self.backend, "run_epochs", None) if self.fuse_epochs else None
        try:
            while done < n and not self.finished:
                self._start_epoch_if_needed()
                take = min(n - done, len(self.order) - self.position)
                if run_epochs is not None and take < n - done:  # runs past the epoch's end
                    done += self._train_epochs(run_epochs, out, done, n - done)
                    continue
                chunk = self.order[self.position:self.position + take]
                completed = self.backend.run(self.network, self.X, self.T, chunk,
                                             self.settings, out, done)
                self._advance(out, done, completed)
                done += completed
                if completed < take:
                    self._diverged()
        finally:
            self._record_samples()
        return out if done == n else out.head(done)  # `out` is ours: no copy needed

    def train_epoch(self) -> MetricBatch:
        """Train to the end of the current epoch."""
        self._start_epoch_if_needed()
        return self.train_samples(len(self.order) - self.position)

    def run(
        self,
        epochs: int,
        chunk: int = 4096,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        """Train `epochs` more epochs (or until early stopping), checking should_stop()
        between chunks of at most `chunk` samples.

        Chunks end at multiples of `chunk` samples since the start of the run, so a run
        resumed from a session is cut where the straight run was: the fast engine's
        chunk-start arithmetic (its last bits) then matches too."""
        target = self.epoch + epochs
        while self.epoch < target and not self.finished:
            if should_stop is not None and should_stop():
                return
            remaining = (target - self.epoch) * len(self.order) - self.position
            self.train_samples(min(chunk - self.samples_seen % chunk, remaining))

    def trace_next(self) -> StepTrace:
        """The full trace of the next sample's step, not applied (for the step inspector)."""
        _, x, t = self.next_sample()
        return trace_step(self.network, x, t, self.settings)

    def apply_traced(self, trace: StepTrace) -> MetricBatch:
        """Commit a trace from `trace_next` exactly as training would; its metrics."""
        out = MetricBatch.empty(1, self.network.depth)
        if not trace.finite:
            self._diverged()
        self.network.weights, self.network.biases = trace.weights_after, trace.biases_after
        out.record(0, trace, self.network.activations)
        try:
            self._advance(out, 0, 1)
        finally:
            self._record_samples()
        return out

    def evaluate(self, X: np.ndarray, T: np.ndarray, labels: np.ndarray | None) -> Evaluation:
        """Mean loss (and accuracy, for classification) of the current network."""
        return Evaluation(*self.backend.evaluate(self.network, X, T, labels))

    def evaluate_train(self) -> Evaluation:
        return self.evaluate(self.X, self.T, self._labels(self.train_set))

    def evaluate_val(self) -> Evaluation | None:
        if self.val_set is None:
            return None
        return self.evaluate(self.X_val, self.T_val, self._labels(self.val_set))

    # ---- internals ----
    @staticmethod
    def _labels(ds: Dataset) -> np.ndarray | None:
        return ds.y if ds.task == "classification" else None

    def _start_epoch_if_needed(self) -> None:
        """Draw this epoch's order once, however often the next sample is peeked at."""
        if not self._order_drawn:
            self._order_drawn = True
            if self.shuffle:
                self.order = self.rng.permutation(self.train_set.n_samples)  # line 3

    def _train_epochs(
        self, run_epochs: Callable[..., Any], out: MetricBatch, start: int, want: int
    ) -> int:
        """Train up to `want` samples, past the current epoch's end, in ONE backend call
        (FastBackend.run_epochs): samples, evaluations (line 13) and early stopping (line
        14) of every epoch run without the GIL, because on small data sets the per-epoch
        loop took the GIL back over a thousand times a second and waited for the GUI
        thread each time (fast/epochs.py). Then the per-epoch bookkeeping is done here as
        the loop does it, so every piece of state ends as the loop would leave it. Returns
        the samples completed; DivergenceError as `train_samples`.
        """
        n = len(self.order)
        first = n - self.position
        more = -(-(want - first) // n)  # further epochs the request reaches into (line 2)
        if self.max_epochs is not None:
            more = min(more, self.max_epochs - self.epoch - 1)
        # the orders the loop would draw, in turn (line 3), and the generator's state after
        # each: an early stop or a divergence puts back the state of the last one started
        orders, states = [self.order], [self.rng.bit_generator.state]
        for _ in range(more):
            orders.append(self.rng.permutation(n) if self.shuffle else self.order)
            states.append(self.rng.bit_generator.state)
        count = min(want, first + more * n)
        val = None if self.val_set is None else (
            self.X_val, self.T_val, self._labels(self.val_set))
        try:
            result = run_epochs(
                self.network, self.X, self.T, np.concatenate(orders)[self.position:][:count],
                n, self.position, self.settings, out, start, self._labels(self.train_set),
                val, self.patience, self.best, self._wait)
        except BaseException:  # e.g. bad settings: nothing trained, no order drawn
            self.rng.bit_generator.state = states[0]
            raise
        last_started = result.epochs - 1 if result.stopped_early else min(result.epochs, more)
        if self.shuffle:
            self.rng.bit_generator.state = states[last_started]
        rows, at = self._flatten(_rows(out, start, result.done)), 0  # one flatten for all epochs
        for e in range(result.epochs + 1):
            size = min(len(rows) - at, n - self.position)
            self._account_rows(rows[at:at + size])
            at += size
            if e == result.epochs:
                break  # the call ended inside this epoch (or at its start)
            val_eval = None if val is None else Evaluation(
                float(result.val_loss[e]), float(result.val_accuracy[e]))
            self._end_epoch(
                Evaluation(float(result.train_loss[e]), float(result.train_accuracy[e])),
                val_eval, result.best_parameters if result.improved[e] else None)
        self.order = orders[last_started]
        self._order_drawn = last_started == result.epochs  # it did not complete
        assert self.stopped_early == result.stopped_early  # the same rule gave the same answer
        if result.diverged:
            self._diverged()
        return result.done

    def _advance(self, out: MetricBatch, start: int, count: int) -> None:
        """Account for rows start … start+count−1 of `out` (just trained, all in the
        current epoch); end the epoch if they complete it."""
        if self._account(out, start, count):
            self._end_epoch(self.evaluate_train(), self.evaluate_val())

    def _account(self, out: MetricBatch, start: int, count: int) -> bool:
        """Add rows start … start+count−1 of `out` (all in the current epoch) to the
        epoch's sums and the sample history; whether they complete the epoch."""
        return self._account_rows(self._flatten(_rows(out, start, count)))

    def _account_rows(self, rows: np.ndarray) -> bool:
        """`_account` of flattened rows (kept in the history: not to be changed after)."""
        count = len(rows)
        if count == 0:
            return False
        # sum row after row onto the running sum (NumPy reduces a C-ordered matrix over
        # axis 0 one row at a time), so the epoch means do not depend on how the epoch was
        # cut into calls: a resumed session, the GUI's time-sized chunks
        first = rows[0].copy()
        rows[0] += self._epoch_sums
        self._epoch_sums = rows.sum(axis=0)
        rows[0] = first
        self._unrecorded.append(rows)  # into self.samples once per call: _record_samples
        self._unrecorded_count += count
        if self._unrecorded_count >= RECORD_EVERY:  # a long call: keep the copies bounded
            self._record_samples()
        self._epoch_last = rows[-1]
        self.position += count
        return self.position == len(self.order)

    def _end_epoch(
        self, train: Evaluation, val: Evaluation | None, best: Parameters | None = None
    ) -> None:
        """Close the epoch evaluated as `train`, `val` (line 13); `best`: the weights to
        keep if it is the best so far (default: copies of the network's)."""
        self.epoch += 1
        n = len(self.order)
        means = self._epoch_sums / n
        last = self._last_value_columns
        means[last] = self._epoch_last[last]
        record = EpochRecord(
            self.epoch, self.samples_seen, train.loss, train.accuracy,
            val.loss if val else float("nan"), val.accuracy if val else float("nan"),
            self.settings.learning_rate, means,
        )
        self.epochs.append(record)
        self.position = 0
        self._order_drawn = False
        self._epoch_sums[:] = 0.0
        if val is not None:
            self._early_stopping(val, best)
        if self.on_epoch is not None:
            self.on_epoch(record)

    def _early_stopping(self, val: Evaluation, best: Parameters | None = None) -> None:
        """Keep the best epoch by validation error (loss breaks ties; regression: loss).
        (Line 14; FastBackend.run_epochs applies the same rule in its kernel.)"""
        error = 1.0 - val.accuracy if val.accuracy == val.accuracy else val.loss
        key = (error, val.loss)
        if self.best is None or key < self.best:
            self.best, self.best_epoch, self._wait = key, self.epoch, 0
            self.best_parameters = best if best is not None else (
                [w.copy() for w in self.network.weights], [b.copy() for b in self.network.biases]
            )
            return
        self._wait += 1
        if self.patience is not None and self._wait >= self.patience:
            self.stopped_early = True
            assert self.best_parameters is not None
            self.network.set_parameters(*self.best_parameters)

    def _record_samples(self) -> None:
        """Append the rows trained since the last call to the sample history."""
        if not self._unrecorded:
            return
        parts = self._unrecorded
        rows = parts[0] if len(parts) == 1 else np.concatenate(parts)
        self._unrecorded, self._unrecorded_count = [], 0
        self.samples.append_rows(rows)

    def _diverged(self) -> None:
        epoch, sample = self.epoch + 1, self.position + 1
        raise DivergenceError(DIVERGED, epoch=epoch, sample=sample)


def _rows(batch: MetricBatch, start: int, count: int) -> MetricBatch:
    """Rows start … start+count−1 of `batch` (views)."""
    return MetricBatch(**{k: v[start:start + count] for k, v in vars(batch).items()})


def unfilled_batch(n: int, depth: int) -> MetricBatch:
    """A MetricBatch of n rows left uninitialised (np.empty): cheaper than zeros for the
    rows a backend is about to overwrite. Only the rows it filled may be read."""
    return MetricBatch(**{f.name: np.empty((n, depth) if f.name in LAYER_METRICS else n)
                          for f in fields(MetricBatch)})
