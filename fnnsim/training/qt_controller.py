"""The training controller: a worker QObject on its own QThread that owns the Trainer.

The GUI thread never touches the network while the worker trains. It sends commands
through a queue (each takes effect at a sample boundary) and receives `TrainingUpdate`s —
copies, never live arrays — at most ~30 times a second. The hot loop is the backend's
chunk call, which the fast path runs without the GIL, so the window stays fluid.
"""

from __future__ import annotations

import copy
import queue
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from fnnsim.config import ExperimentConfig
from fnnsim.engine.gradcheck import (
    SAMPLED_BIASES,
    SAMPLED_WEIGHTS,
    GradientChecker,
    LayerCheck,
)
from fnnsim.engine.metrics import MetricBatch
from fnnsim.engine.network import Network
from fnnsim.engine.phases import Phase, trace_phases
from fnnsim.engine.sgd import SGDSettings, StepTrace
from fnnsim.errors import (
    QT_TRANSLATE_NOOP,
    DivergenceError,
    FnnsimError,
    Message,
    WeightsError,
    user_text,
)
from fnnsim.training.backend import select_backend
from fnnsim.training.experiment import DataSplit, build_data, build_network, build_trainer
from fnnsim.training.history import EpochRecord, unflatten
from fnnsim.training.snapshot import RunSnapshot, SessionState
from fnnsim.training.trainer import Trainer

EMIT_INTERVAL = 1 / 30  # s between updates to the GUI
# An update may come this much early, so that chunks of one interval, which end a little
# early or late, each give an update rather than every other one (≤ 33 updates a second).
EMIT_SLACK = 0.1 * EMIT_INTERVAL
# A chunk trains until the next update is due: one chunk per update. Each return from the
# GIL-free kernel waits for the GIL while the GUI thread draws (~2 ms on average, measured
# with bench/gui_latency.py), so 10 ms chunks lost ~20 % of the speed. A command waits for
# at most one chunk; a chunk is never shorter than this (when an update is nearly due):
MIN_CHUNK_SECONDS = EMIT_INTERVAL / 4
MAX_CHUNK = 65_536
IDLE_POLL = 0.05  # s a paused worker waits for a command
# A reopened session refills the per-sample plots with its whole run (as buckets, then
# the recent samples one by one) and the per-epoch plots with at most this many epochs,
# so that reopening takes a second or two (40k epochs took ~2 s with the read on a busy
# 2-core machine); older epochs are in the session file, just not drawn.
REPLAY_EPOCHS = 100_000


@dataclass(frozen=True)
class TrainingUpdate:
    """What the GUI needs after some training: all copies, safe to keep."""

    first_sample: int  # index (since the start) of metrics.loss[0]
    metrics: MetricBatch  # per-sample metrics since the last update
    epochs: list[EpochRecord]  # epochs completed since the last update
    epoch: int  # completed epochs
    position: int  # samples done in the current epoch
    samples_seen: int
    samples_per_second: float
    weights: list[np.ndarray]  # the network's parameters now
    biases: list[np.ndarray]
    state: str  # "playing", "paused", "finished", "diverged"
    # a reopened run's first update: (width, sums (J, metric_columns)) of its samples
    # [0, J·width) as whole buckets (SampleHistory.summary); metrics follow from J·width
    summary: tuple[int, np.ndarray] | None = None
    # the best epoch, when early stopping restored its weights and the network still holds
    # them: its losses, not the last epoch's, are the network's (Trainer.restored_best)
    restored: EpochRecord | None = None


@dataclass(frozen=True)
class TraceReport:
    """One backpropagation of the next training sample, for the step inspector (copies)."""

    trace: StepTrace
    phases: list[Phase]
    sample_index: int  # row of the training set
    epoch: int  # 1-based epoch the sample belongs to
    position: int  # 0-based place of the sample in this epoch's order
    layer_sizes: list[int]
    activations: list[str]


@dataclass(frozen=True)
class GradientCheckReport:
    sample_index: int
    checks: list[LayerCheck]
    floor: float = 0.0  # gradients below it compare absolutely (GradientChecker.floor)
    samples_seen: int = 0  # where the run stood: the check is of the network then
    # the id the GUI sent with its request: a report of an older request (of a network
    # since reset or edited, at the same samples_seen) is told apart from the newest one
    request: int = 0
    weights_per_layer: int = SAMPLED_WEIGHTS  # sampled per layer (fewer on a huge net)
    biases_per_layer: int = SAMPLED_BIASES


# Commands that change neither the network nor its next sample: a gradient check answers
# them between its pieces and goes on. Any other (Play, Reset, a step, an edit, a new
# check, quit) ends the check unfinished and is then carried out as usual.
KEEPS_GRADIENT_CHECK = frozenset({"pause", "speed", "settings", "early_stopping",
                                  "max_epochs", "snapshot", "capture_session",
                                  "trace_next", "discard_trace"})


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[Any, ...] = field(default=())


class TrainingWorker(QObject):
    """Runs on the worker thread; all of its state is touched by that thread only."""

    updated = Signal(object)  # TrainingUpdate
    state_changed = Signal(str)
    problem_reported = Signal(str)  # divergence or a bad command, one line
    engine_reported = Signal(str, str)  # backend name, why the fast path is not used ("")
    traced = Signal(object)  # TraceReport of the next sample (paused only)
    gradient_checked = Signal(object)  # GradientCheckReport
    snapshot_taken = Signal(object, object)  # request tag, RunSnapshot
    session_captured = Signal(object, object)  # request tag, SessionState
    stopped = Signal()

    def __init__(self, commands: queue.Queue[Command]) -> None:
        super().__init__()
        self.commands = commands
        self.trainer: Trainer | None = None
        self.data: DataSplit | None = None
        self.config: ExperimentConfig | None = None
        self.initial: Network | None = None  # the weights this run started from
        self.state = "paused"
        self.max_rate: float | None = None  # samples/s cap (speed control); None = full speed
        self._pending: list[MetricBatch] = []
        self._pending_first = 0
        self._pending_epochs: list[EpochRecord] = []
        self._last_emit = 0.0
        self._rate = 0.0  # samples/s as trained (smoothed), speed cap included
        self._engine_rate = 0.0
        self._resume_at = 0.0  # perf_counter time the speed control lets the next chunk go
        self._trace: StepTrace | None = None  # traced by the inspector, not yet applied

    @Slot()
    def run(self) -> None:
        """The worker's loop: answer commands, train while playing, emit updates."""
        running = True
        while running:
            # paused: wait for a command; playing under the speed control: wait for one
            # until the next chunk is due (so Pause is heard at once even at 1 sample/s)
            wait = IDLE_POLL if self.state != "playing" else (
                self._resume_at - time.perf_counter())
            try:
                command = self.commands.get(timeout=wait) if wait > 0 else (
                    self.commands.get_nowait())
            except queue.Empty:
                command = None
            if command is not None:
                running = self._handle(command)
                continue
            if self.state == "playing" and time.perf_counter() >= self._resume_at:
                self._train_chunk()
        self._emit(force=True)
        self.stopped.emit()
        # quit() is thread-safe; a queued call would wait for a GUI thread that may be
        # blocked in shutdown()'s wait().
        QThread.currentThread().quit()

    # ---- commands ----
    def _handle(self, command: Command) -> bool:
        handler = getattr(self, f"_cmd_{command.name}")
        try:
            return handler(*command.args) is not False
        except FnnsimError as exc:
            self.problem_reported.emit(user_text(exc, QCoreApplication.translate))
            return True

    def _cmd_quit(self) -> bool:
        return False

    def _cmd_load(self, config: ExperimentConfig, data: DataSplit | None) -> None:
        """A new experiment (or the same one rewound to its initial weights). `data` is
        the split the GUI already built for its preview; None builds it here."""
        data = data if data is not None else build_data(config)
        self._install(config, data, build_network(config, data.train))

    def _cmd_load_network(self, config: ExperimentConfig, network: Network,
                          data: DataSplit | None = None) -> None:
        """Start a run from given weights (e.g. imported) on `data` (None: keep the data)."""
        data = data if data is not None else self.data if self.data is not None else (
            build_data(config))
        self._install(config, data, network)

    def _install(self, config: ExperimentConfig, data: DataSplit, network: Network) -> None:
        backend = self.trainer.backend if self.trainer is not None else None
        trainer, reason = build_trainer(config, data, network, backend)
        self._adopt(trainer, config, data, network.copy(), reason)
        self._set_state("paused")
        self._emit(force=True)

    def _cmd_load_session(self, session: SessionState) -> None:
        """Go on from a saved session (read and checked by the GUI), paused; then refill
        the GUI's plots from its history (updates from sample 0, as a new run sends)."""
        backend, reason = ((self.trainer.backend, None) if self.trainer is not None
                           else select_backend(session.config.training.engine))
        trainer = session.build_trainer(backend)
        self._adopt(trainer, copy.deepcopy(session.config), session.data,
                    session.initial.copy(), reason)
        self._set_state("finished" if trainer.finished else "paused")
        self._replay_history()
        self._emit(force=True)

    def _adopt(self, trainer: Trainer, config: ExperimentConfig, data: DataSplit,
               initial: Network, reason: Message | None) -> None:
        if self.trainer is None:
            self.engine_reported.emit(trainer.backend.name, reason.render(
                QCoreApplication.translate) if reason is not None else "")
        trainer.on_epoch = self._pending_epochs.append
        self.trainer, self.data, self.config, self.initial = trainer, data, config, initial
        self._trace = None
        self._engine_rate = 0.0  # another network trains at another speed: measure it anew
        self._resume_at = 0.0
        self._pending.clear()
        self._pending_epochs.clear()
        self._pending_first = trainer.samples_seen

    def _replay_history(self) -> None:
        """The run's history as updates: first one from sample 0 with its epochs and the
        start of the run as whole buckets (the plots start over on it), then the samples
        after those in order (see SampleHistory.summary and replay): at most a bucket and
        the recent ring, however long the run."""
        t = self.trainer
        assert t is not None
        n = len(t.epochs)
        epochs = [t.epochs.record(i) for i in range(max(0, n - REPLAY_EPOCHS), n)]
        depth = t.network.depth
        width, sums = t.samples.summary()
        done = len(sums) * width
        pieces = t.samples.replay(t.samples.total - done)
        if done:  # a long run: its start as buckets, then the rest from sample `done` on
            self._send_replay(0, MetricBatch.empty(0, depth), epochs, (width, sums))
        else:  # every sample from 0 on: the epochs come with the first piece
            first, rows = next(pieces, (0, np.empty((0, len(t.samples.columns)))))
            self._send_replay(first, unflatten(rows, depth), epochs)
        for first, rows in pieces:
            self._send_replay(first, unflatten(rows, depth), [])

    def _send_replay(self, first: int, metrics: MetricBatch, epochs: list[EpochRecord],
                     summary: tuple[int, np.ndarray] | None = None) -> None:
        t = self.trainer
        assert t is not None
        self.updated.emit(TrainingUpdate(
            first, metrics, epochs, t.epoch, t.position, t.samples_seen, 0.0,
            [w.copy() for w in t.network.weights], [b.copy() for b in t.network.biases],
            self.state, summary, t.restored_best()))

    def _cmd_play(self) -> None:
        if self.trainer is not None and not self.trainer.finished:
            self._trace = None  # leaving the inspector: the sample trains normally
            self._set_state("playing")
        elif self.trainer is not None:  # nothing would train: say why, and Play pops up
            self.state_changed.emit(self.state)
            self.problem_reported.emit(self._why_finished())

    def _why_finished(self) -> str:
        """Why the finished run does not train, and what lets it go on."""
        t = self.trainer
        assert t is not None
        limit = t.max_epochs is not None and t.epoch >= t.max_epochs
        if not t.stopped_early:
            return self.tr("This run is finished: it reached its limit of {0} epochs. Raise "
                           "Max epochs or tick no limit to go on, or Reset to start over."
                           ).format(t.max_epochs)
        since = t.epoch - t.best_epoch  # epochs without improvement: the patience used up
        text = self.tr(
            "Stopped early at epoch {0}; best epoch {2}'s weights were restored. Untick "
            "Early stop or set patience above {1} to go on from them, or Reset to start "
            "over.").format(t.epoch, since, t.best_epoch)
        if limit:
            text += " " + self.tr("It also reached its limit of {0} epochs: raise Max "
                                  "epochs or tick no limit too.").format(t.max_epochs)
        return text

    def _cmd_pause(self) -> None:
        if self.state == "playing":
            self._set_state("paused")
            self._emit(force=True)

    def _cmd_step_samples(self, n: int) -> None:
        if self.trainer is None or self.state == "playing":
            return
        self._trace = None
        self._train(n)
        self._emit(force=True)

    def _cmd_step_epoch(self) -> None:
        if self.trainer is None or self.state == "playing" or self.trainer.finished:
            return
        self._trace = None
        self._train(len(self.trainer.order) - self.trainer.position)
        self._emit(force=True)

    def _cmd_trace_next(self) -> None:
        """Trace (without applying) one backpropagation of the next training sample."""
        t = self.trainer
        if t is None or self.state == "playing" or t.finished:
            return
        index = t.next_sample()[0]
        self._trace = t.trace_next()
        net = t.network
        report = TraceReport(
            copy.deepcopy(self._trace), trace_phases(self._trace, net.activations, net.loss),
            index, t.epoch + 1, t.position, list(net.layer_sizes), list(net.activations))
        self.traced.emit(copy.deepcopy(report))

    def _cmd_apply_trace(self) -> None:
        """Commit the traced sample exactly as training would ("Finish sample")."""
        t, trace = self.trainer, self._trace
        if t is None or trace is None or self.state == "playing":
            return
        self._trace = None
        first = t.samples_seen
        try:
            self._queue_batch(first, t.apply_traced(trace))
        except DivergenceError as exc:
            self._set_state("diverged")
            self.problem_reported.emit(user_text(exc, QCoreApplication.translate))
        if t.finished:
            self._set_state("finished")
        self._emit(force=True)

    def _cmd_discard_trace(self) -> None:
        self._trace = None

    def _cmd_set_weight(self, layer: int, row: int, column: int | None, value: float) -> None:
        """Edit W^(layer)[row, column] (or b^(layer)[row] when column is None), paused only."""
        t = self.trainer
        if t is None or self.state == "playing":
            return
        sizes = t.network.layer_sizes
        if not (1 <= layer < len(sizes) and 0 <= row < sizes[layer]
                and (column is None or 0 <= column < sizes[layer - 1])):
            raise WeightsError(QT_TRANSLATE_NOOP("Errors", "no weight W{layer}[{row}, {column}] "
                                                 "in a network of layer sizes {sizes}"),
                               layer=layer, row=row, column=column, sizes=sizes)
        weights = [w.copy() for w in t.network.weights]
        biases = [b.copy() for b in t.network.biases]
        if column is None:
            biases[layer - 1][row] = value
        else:
            weights[layer - 1][row, column] = value
        t.network.set_parameters(weights, biases)  # rejects NaN/inf with a clear message
        if t.samples_seen == 0:  # nothing trained yet: the run now starts from the edit
            self.initial = t.network.copy()
        self._trace = None
        self._emit(force=True)

    def _cmd_gradient_check(self, request: int = 0) -> bool:
        """Check backprop on the next sample, piece by piece (~25 ms each, whatever the
        net: GradientChecker.run_piece), listening for commands in between (see
        KEEPS_GRADIENT_CHECK); the report, tagged with `request`, goes out only for a
        check that was not cut short."""
        t = self.trainer
        if t is None or self.state == "playing":
            return True
        index, x, target = t.next_sample()
        # no copy (0.1 s on a 64×512 net, in one go): the commands answered meanwhile
        # leave the network alone, and any other ends the check first
        checker = GradientChecker(t.network, x, target, copy=False)
        while not checker.run_piece():
            try:
                command = self.commands.get_nowait()
            except queue.Empty:
                continue
            if command.name not in KEEPS_GRADIENT_CHECK:
                return self._handle(command)  # this check is dropped
            if not self._handle(command):
                return False
        self.gradient_checked.emit(GradientCheckReport(
            index, checker.result(), checker.floor, t.samples_seen, request,
            checker.weights_per_layer, checker.biases_per_layer))
        return True

    def _cmd_snapshot(self, tag: object) -> None:
        """Copies of the run so far (any state: a copy costs one chunk's pause at most)."""
        t = self.trainer
        if t is None or self.config is None:
            return
        self.snapshot_taken.emit(tag, RunSnapshot(
            copy.deepcopy(self.config), t.network.copy(), copy.deepcopy(t.epochs),
            copy.deepcopy(t.samples), t.epoch, t.samples_seen))

    def _cmd_capture_session(self, tag: object) -> None:
        """The whole run as it stands (copies), for a session file."""
        t = self.trainer
        if t is None or self.config is None or self.data is None or self.initial is None:
            self.problem_reported.emit(self.tr("There is no run to save yet."))
            return
        self.session_captured.emit(tag, SessionState.capture(self.config, self.data,
                                                             self.initial, t))

    def _cmd_settings(self, settings: SGDSettings) -> None:
        if self.trainer is not None:
            self.trainer.settings = settings

    def _cmd_early_stopping(self, patience: int | None) -> None:
        if self.trainer is not None:
            self.trainer.set_patience(patience)  # off or longer: a stopped run may go on
            self._unfinish()

    def _cmd_max_epochs(self, epochs: int | None) -> None:
        if self.trainer is not None:
            self.trainer.max_epochs = epochs
            self._unfinish()  # a higher limit: the run can go on

    def _unfinish(self) -> None:
        """A finished run that a changed limit or patience lets go on is paused again."""
        assert self.trainer is not None
        if self.state == "finished" and not self.trainer.finished:
            self._set_state("paused")

    def _cmd_speed(self, max_rate: float | None) -> None:
        self.max_rate = max_rate
        self._resume_at = 0.0  # the new speed from the next chunk on, not after a wait

    # ---- training ----
    def _train_chunk(self) -> None:
        assert self.trainer is not None
        started = time.perf_counter()
        done = self._train(self._chunk_size())
        elapsed = time.perf_counter() - started
        if done and elapsed > 0:  # size chunks by what the engine manages
            self._engine_rate = done / elapsed
        wall = elapsed
        if self.max_rate is not None and done:  # the next chunk waits (see run)
            wall = max(elapsed, done / self.max_rate)
            self._resume_at = started + wall
        if done and wall > 0:  # report what the learner gets, speed cap included
            rate = done / wall
            self._rate = rate if self._rate == 0 else 0.8 * self._rate + 0.2 * rate
        # a slow speed makes the next chunk wait an interval or more: send what this one
        # trained now, not with the next (still at most one update an interval)
        waiting = self._resume_at - time.perf_counter() >= EMIT_INTERVAL
        self._emit(force=self.state != "playing" or waiting)

    def _chunk_size(self) -> int:
        """The samples to train until the next update is due (at least MIN_CHUNK_SECONDS'
        worth) at the rate the engine managed last, 64 until that is known; never more
        than the speed control allows per update."""
        n = 64
        if self._engine_rate:
            due = self._last_emit + EMIT_INTERVAL - time.perf_counter()
            n = int(self._engine_rate * max(due, MIN_CHUNK_SECONDS))
        if self.max_rate is not None:
            n = min(n, int(self.max_rate * EMIT_INTERVAL))
        return int(np.clip(n, 1, MAX_CHUNK))

    def _train(self, n: int) -> int:
        assert self.trainer is not None
        first = self.trainer.samples_seen
        try:
            batch = self.trainer.train_samples(n)
        except DivergenceError as exc:
            done = self.trainer.samples_seen - first
            recent = self.trainer.samples.recent()[1][-done:] if done else None
            self._queue_metrics(first, recent)
            self._set_state("diverged")
            self.problem_reported.emit(user_text(exc, QCoreApplication.translate))
            return done
        self._queue_batch(first, batch)
        if self.trainer.finished:  # the limit or early stopping, while playing or stepping
            self._set_state("finished")
        return len(batch)

    def _queue_batch(self, first: int, batch: MetricBatch) -> None:
        if not len(batch):
            return
        if not self._pending:
            self._pending_first = first
        self._pending.append(batch)

    def _queue_metrics(self, first: int, rows: np.ndarray | None) -> None:
        """Metrics of samples trained before a divergence (read back from the history)."""
        if rows is None or not len(rows):
            return
        assert self.trainer is not None
        self._queue_batch(first, unflatten(rows, self.trainer.network.depth))

    def _emit(self, force: bool = False) -> None:
        now = time.perf_counter()
        too_soon = now - self._last_emit < EMIT_INTERVAL - EMIT_SLACK
        if self.trainer is None or (too_soon and not force):
            return
        self._last_emit = now
        t = self.trainer
        # each pending batch is a fresh one nothing here touches again (the trainer's
        # return value, or a copy): one alone goes as it is, without a copy
        pending = self._pending
        metrics = (pending[0] if len(pending) == 1 else MetricBatch.concatenate(pending)
                   if pending else MetricBatch.empty(0, t.network.depth))
        update = TrainingUpdate(
            self._pending_first, metrics, list(self._pending_epochs), t.epoch, t.position,
            t.samples_seen, self._rate if self.state == "playing" else 0.0,
            [w.copy() for w in t.network.weights], [b.copy() for b in t.network.biases],
            self.state, restored=t.restored_best(),
        )
        self._pending.clear()
        self._pending_epochs.clear()
        self._pending_first = t.samples_seen
        self.updated.emit(update)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)


class TrainingController(QObject):
    """The GUI side: owns the worker thread and sends it commands. Lives in the GUI thread."""

    updated = Signal(object)
    state_changed = Signal(str)
    problem_reported = Signal(str)
    engine_reported = Signal(str, str)
    traced = Signal(object)
    gradient_checked = Signal(object)
    snapshot_taken = Signal(object, object)
    session_captured = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.commands: queue.Queue[Command] = queue.Queue()
        self.thread = QThread()
        self.thread.setObjectName("fnnsim-training")
        self.worker = TrainingWorker(self.commands)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.updated.connect(self.updated)
        self.worker.state_changed.connect(self.state_changed)
        self.worker.problem_reported.connect(self.problem_reported)
        self.worker.engine_reported.connect(self.engine_reported)
        self.worker.traced.connect(self.traced)
        self.worker.gradient_checked.connect(self.gradient_checked)
        self.worker.snapshot_taken.connect(self.snapshot_taken)
        self.worker.session_captured.connect(self.session_captured)
        self.thread.start()

    def send(self, name: str, *args: Any) -> None:
        self.commands.put(Command(name, args))

    def load(self, config: ExperimentConfig, data: DataSplit | None = None) -> None:
        """Start over from the config's initial weights (on `data`, if given)."""
        self.send("load", config, data)

    def shutdown(self, timeout_ms: int = 1000) -> bool:
        """Stop the worker and its thread; True if it stopped within the timeout."""
        if not self.thread.isRunning():
            return True
        self.send("quit")
        return self.thread.wait(timeout_ms)
