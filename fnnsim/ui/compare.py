"""Compare runs (A/B): pin the current run as a reference, then train a second run with a
setting changed from the same initial weights, A's curves staying in every plot.

Pinning pauses the run and asks the worker for a snapshot; it arrives after every update
the worker sent before it, so the plots then hold the whole run A. A keeps a copy of the
plots' store and epoch table (what the plots drew), its config, and the weights it started
from — the weights of the run's last update at sample 0 (the config's initial weights, or
loaded, imported or edited ones). From then on every new run (Reset, Rewind, a new
architecture or data) whose layer shapes and initializer settings equal A's starts from
A's initial weights, sent to the worker explicitly: a changed activation alone must not
change them. Otherwise it starts from its own, and the legend says so.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMainWindow

from fnnsim.config import ExperimentConfig
from fnnsim.engine.network import Network
from fnnsim.training.experiment import layer_sizes_for
from fnnsim.training.qt_controller import TrainingUpdate, unflatten
from fnnsim.training.snapshot import RunSnapshot
from fnnsim.ui.plots import LivePlots
from fnnsim.ui.plots.buffer import GrowingColumns
from fnnsim.ui.plots.live_plots import EPOCH_COLUMNS
from fnnsim.ui.plots.reference import ReferenceRun
from fnnsim.ui.plots.series import SampleSeries

MAX_CHANGES = 3  # the legend names this many differences, then "…"


translate = QCoreApplication.translate  # literal ("Compare", "…") pairs, so lupdate sees them


@dataclass(frozen=True)
class PinnedRun:
    """Run A: its config, the weights it started from, and how far it got."""

    config: ExperimentConfig
    layer_sizes: list[int]
    weights: list[np.ndarray]  # initial W^(1) … W^(L)
    biases: list[np.ndarray]
    samples_seen: int


def number(value: float) -> str:
    return f"{value:g}"


def clipping(config: ExperimentConfig) -> str:
    t = config.training
    if t.clip_mode == "off":
        return translate("Compare", "off")
    mode = {"global_norm": translate("Compare", "global"),
            "layer_norm": translate("Compare", "per layer"),
            "value": translate("Compare", "value")}.get(t.clip_mode, t.clip_mode)
    return f"{mode} {number(t.clip_threshold)}"


def hidden_shape(config: ExperimentConfig) -> str:
    return "-".join(str(layer.units) for layer in config.network.hidden) or "—"


def activations(config: ExperimentConfig) -> str:
    """The hidden activations, once if all layers share one ("tanh"), else per layer."""
    names = [layer.activation for layer in config.network.hidden]
    if not names:
        return "—"
    return names[0] if len(set(names)) == 1 else "/".join(names)


def seed(value: int | None, master: int) -> str:
    return str(master if value is None else value)


def describe_changes(a: ExperimentConfig, b: ExperimentConfig) -> list[str]:
    """What differs from config A to config B, each as "what A → B" (e.g. "activation
    tanh → relu", "clipping off → global 1", "L2 0 → 0.003"), most telling first."""
    na, nb, da, db, ta, tb = a.network, b.network, a.data, b.data, a.training, b.training
    pairs = [
        (translate("Compare", "hidden layers"), hidden_shape(a), hidden_shape(b)),
        (translate("Compare", "activation"), activations(a), activations(b)),
        (translate("Compare", "output"), f"{na.output_activation}/{na.loss}",
         f"{nb.output_activation}/{nb.loss}"),
        (translate("Compare", "learning rate"), number(ta.learning_rate), number(tb.learning_rate)),
        ("L2", number(ta.l2), number(tb.l2)),
        ("L1", number(ta.l1), number(tb.l1)),
        (translate("Compare", "clipping"), clipping(a), clipping(b)),
        (translate("Compare", "initializer"), na.initializer, nb.initializer),
        (translate("Compare", "init scale"), number(na.init_scale), number(nb.init_scale)),
        (translate("Compare", "init seed"), seed(na.seed, a.seed), seed(nb.seed, b.seed)),
        (translate("Compare", "data"), da.source, db.source),
        (translate("Compare", "samples"), str(da.n_samples), str(db.n_samples)),
        (translate("Compare", "noise"), number(da.noise), number(db.noise)),
        (translate("Compare", "validation"), number(da.val_fraction), number(db.val_fraction)),
        (translate("Compare", "data seed"), seed(da.seed, a.seed), seed(db.seed, b.seed)),
        (translate("Compare", "standardize"), str(da.standardize), str(db.standardize)),
        (translate("Compare", "shuffle"), str(ta.shuffle), str(tb.shuffle)),
        (translate("Compare", "early stopping"), str(ta.early_stopping and ta.patience),
         str(tb.early_stopping and tb.patience)),
    ]
    changes = [f"{what} {x} → {y}" for what, x, y in pairs if x != y]
    if (da.params, da.path, da.target, da.features, da.task) != (
            db.params, db.path, db.target, db.features, db.task) and da.source == db.source:
        changes.append(translate("Compare", "data settings"))
    return changes


def reference_label(a: ExperimentConfig, b: ExperimentConfig, same_start: bool) -> str:
    """The legend entry of run A, as seen from the current config B."""
    changes = describe_changes(a, b)
    shown = changes[:MAX_CHANGES] + (["…"] if len(changes) > MAX_CHANGES else [])
    text = ", ".join(shown) if shown else translate("Compare", "same settings")
    if not same_start:
        text += "; " + translate("Compare", "different initial weights")
    return translate("Compare", "A: {0}").format(text)


def same_initializer(a: ExperimentConfig, b: ExperimentConfig) -> bool:
    """Would A's config and B's draw their initial weights alike (shapes aside)? A changed
    initializer, scale or seed is itself the setting being compared: B then gets the
    weights it asks for, and the legend says they differ from A's."""
    na, nb = a.network, b.network
    return (na.initializer, na.init_scale, seed(na.seed, a.seed)) == (
        nb.initializer, nb.init_scale, seed(nb.seed, b.seed))


class Comparison(QObject):
    """The pin/clear actions of one main window and the runs they start."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pinned: PinnedRun | None = None
        self.same_start = True  # does the current run start from A's initial weights?
        self._initial: tuple[list[np.ndarray], list[np.ndarray]] | None = None
        self._tag = ("compare", id(self))
        window.controller.updated.connect(self._on_update)
        window.controller.snapshot_taken.connect(self._on_snapshot)
        window.training_panel.settings_changed.connect(self.refresh_label)
        window.training_panel.early_stopping_changed.connect(self.refresh_label)
        self._enable()

    # ---- actions ----
    def pin(self) -> None:
        """Pin the current run as A: pause it, then take a snapshot (see _on_snapshot)."""
        self.window.actions_.play.setChecked(False)
        self.window.controller.send("pause")
        self.window.controller.send("snapshot", self._tag)

    def clear(self) -> None:
        self.pinned = None
        self.same_start = True
        self.window.plots.clear_reference()
        self._enable()

    def run_restarted(self, start: Network | None = None) -> None:
        """A new run was loaded (MainWindow.start_run): relabel A, and start the run from
        A's initial weights when it can — unless it has weights of its own (`start`:
        imported weights, a reopened session's), which then only decide whether A and B
        share their start."""
        # this run's initial weights: given, or (fresh runs) its first update at sample 0
        self._initial = None if start is None else (
            [w.copy() for w in start.weights], [b.copy() for b in start.biases])
        if self.pinned is None:
            return
        config, data = self.window.config, self.window.data
        sizes = layer_sizes_for(config, data.train)
        if start is not None:
            self.same_start = (list(start.layer_sizes) == list(self.pinned.layer_sizes)
                               and all(np.array_equal(a, b) for a, b in zip(
                                   start.weights + start.biases,
                                   self.pinned.weights + self.pinned.biases, strict=True)))
            self.refresh_label()
            return
        self.same_start = (sizes == self.pinned.layer_sizes
                           and same_initializer(self.pinned.config, config))
        if self.same_start:
            n = config.network
            network = Network(sizes, [layer.activation for layer in n.hidden]
                              + [n.output_activation], n.loss,
                              [w.copy() for w in self.pinned.weights],
                              [b.copy() for b in self.pinned.biases])
            self.window.controller.send("load_network", copy.deepcopy(config), network, data)
        self.refresh_label()

    def refresh_label(self, *_: object) -> None:
        if self.pinned is not None:
            self.window.plots.set_reference_label(reference_label(
                self.pinned.config, self.window.current_config(), self.same_start))

    # ---- worker → GUI ----
    def _on_update(self, update: TrainingUpdate) -> None:
        # the weights a run starts from: its last update before the first sample trained
        # (after a load, or a weight edited in the diagram before training)
        if update.samples_seen == 0 and update.weights:
            self._initial = ([w.copy() for w in update.weights],
                             [b.copy() for b in update.biases])

    def _on_snapshot(self, tag: object, snapshot: RunSnapshot) -> None:
        if tag != self._tag:
            return
        plots, window = self.window.plots, self.window
        config = window.current_config()
        sizes = list(snapshot.network.layer_sizes)
        initial = self._initial
        if initial is None or [w.shape[0] for w in initial[0]] != sizes[1:]:
            # no start of this run was seen (a run is always loaded at sample 0 here)
            window.statusBar().showMessage(
                translate("Compare", "Cannot pin this run: the weights it started from are "
                                     "not known."), 8000)
            return
        self.pinned = PinnedRun(config, sizes, *initial, snapshot.samples_seen)
        depth = len(sizes) - 1
        activations = [layer.activation for layer in config.network.hidden] + [
            config.network.output_activation]
        plots.set_reference(ReferenceRun(
            plotted_samples(plots, snapshot, depth), epoch_table(snapshot),
            plots.epoch_size, depth, activations, reference_label(config, config, True)))
        self._enable()
        window.reset_training()  # B: the same config, from A's initial weights

    def _enable(self) -> None:
        a = self.window.actions_
        a.clear_reference.setEnabled(self.pinned is not None)



def plotted_samples(plots: LivePlots, snapshot: RunSnapshot, depth: int) -> SampleSeries:
    """A's per-sample metrics as the plots hold them: a copy of the plots' own bounded
    store when it holds the run up to the snapshot (it does once the snapshot arrives:
    every update sent before it has been appended); otherwise the worker history's
    full-resolution part."""
    if plots.series.end == snapshot.samples_seen and plots.series.store.depth == depth:
        return copy.deepcopy(plots.series)
    series = SampleSeries(depth)
    index, rows = snapshot.samples.recent()
    if len(rows):
        series.append(int(index[0]), unflatten(rows, depth))
    return series


def epoch_table(snapshot: RunSnapshot) -> GrowingColumns:
    """A's epochs from the snapshot's history, in the plots' epoch table."""
    table = GrowingColumns(EPOCH_COLUMNS, capacity=max(1, len(snapshot.epochs)))
    for r in snapshot.epochs.records:
        table.append(epoch=r.epoch, samples=r.samples, train_loss=r.train_loss,
                     val_loss=r.val_loss, train_accuracy=r.train_accuracy,
                     val_accuracy=r.val_accuracy)
    return table
