"""The main window: panels in docks, live plots, the decision boundary, and the controller.

The window holds the experiment's config and the data split it was built from; the worker
thread holds the network. Every edit becomes either a live setting (sent to the worker,
effective at the next sample) or a new experiment (data or architecture changed: rebuilt
from the config, so the same config always starts from the same initial weights).
"""

from __future__ import annotations

import copy
import html
import itertools
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QTabBar,
    QWidget,
)

from fnnsim.config import ExperimentConfig, LayerConfig, load_config
from fnnsim.engine.network import Network
from fnnsim.errors import FnnsimError
from fnnsim.io.atomic import write_text
from fnnsim.training.experiment import DataSplit, build_data, layer_sizes_for
from fnnsim.training.qt_controller import TraceReport, TrainingController, TrainingUpdate
from fnnsim.ui import look
from fnnsim.ui.actions import SPEEDS, Actions, make_actions, shortcut_rows
from fnnsim.ui.boundary import DecisionBoundaryView
from fnnsim.ui.collector import collect_in_gui_thread
from fnnsim.ui.compare import Comparison
from fnnsim.ui.data_panel import DataPanel
from fnnsim.ui.diagram import NetworkDiagram
from fnnsim.ui.exports import Exports
from fnnsim.ui.i18n import error_text, language_menu
from fnnsim.ui.inspector import StepInspector
from fnnsim.ui.network_panel import NetworkBuilderPanel
from fnnsim.ui.plots import LivePlots, Theme
from fnnsim.ui.scenarios import ScenarioPanel, localized, scenario_presets
from fnnsim.ui.sessions import Sessions
from fnnsim.ui.status import StatusBar
from fnnsim.ui.training_panel import TrainingPanel
from fnnsim.ui.weights_import import WeightsImport
from fnnsim.ui.widgets import ScrollingPanel

SETTINGS_CONFIG = "experiment/config"


def default_config() -> ExperimentConfig:
    """What a first launch shows: a 2-class spiral and a 2-8-8-1 tanh net, ready to Play."""
    config = ExperimentConfig()
    config.network.hidden = [LayerConfig(8, "tanh"), LayerConfig(8, "tanh")]
    config.data.source, config.data.n_samples, config.data.noise = "spiral", 400, 0.1
    config.training.epochs = 2000
    config.training.learning_rate = 0.03
    return config.validate()


class MainWindow(QMainWindow):
    def __init__(self, config: ExperimentConfig | None = None,
                 settings: QSettings | None = None, theme: Theme | None = None) -> None:
        super().__init__()
        collect_in_gui_thread()  # never in the worker: it would free Qt objects there
        self.setWindowTitle(self.tr("fnnsim — gradient dynamics in feedforward networks"))
        self.settings = settings or QSettings()
        self.theme = theme or look.theme_for(look.chosen(self.settings))
        self.controller = TrainingController(self)
        self.actions_ = make_actions(self)
        self.state = "paused"
        self.data: DataSplit | None = None
        # the run's own start, when not the config's (imported weights, a reopened
        # session's initial weights): what Reset returns to
        self.imported: Network | None = None
        self.network_panel = NetworkBuilderPanel()
        self.data_panel = DataPanel()
        self.training_panel = TrainingPanel()
        self.plots = LivePlots(self, self.theme)
        self.boundary = DecisionBoundaryView(theme=self.theme)
        self.inspector = StepInspector()
        self.diagram = NetworkDiagram(theme=self.theme)
        self.scenario_panel = ScenarioPanel()
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.docks: dict[str, QDockWidget] = {}
        self._shown = False
        self._build_layout()
        self._build_menus(self.actions_)
        self._connect()
        self._default_state = self.saveState()
        # the config of the run the worker holds (the panels may show an edit that does
        # not fit the data, which nothing trains: see blocked_reason)
        self.run_config: ExperimentConfig | None = None
        self._accepting = False  # are updates of the current run arriving (see _on_update)
        self._startup_problem = ""  # told once the window shows
        self._restore_view()
        try:
            self._open_first(config or self._remembered_config() or default_config())
        except BaseException:
            self.controller.shutdown(1000)  # not a running QThread destroyed: an abort
            raise

    # ---- layout ----
    def _dock(self, key: str, title: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[key] = dock
        return dock

    def _build_layout(self) -> None:
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.setCentralWidget(self.boundary)
        # in a small window the docks give way before the decision boundary gets too narrow
        self.boundary.setMinimumSize(260, 200)
        # the tall panels scroll in a short dock rather than stretch the window (1024×640)
        net = self._dock("network", self.tr("Network"), ScrollingPanel(self.network_panel), left)
        data = self._dock("data", self.tr("Data"), ScrollingPanel(self.data_panel), left)
        self.tabifyDockWidget(net, data)
        net.raise_()
        scenario = self._dock("scenario", self.tr("Scenario"), self.scenario_panel, left)
        self.tabifyDockWidget(data, scenario)
        net.raise_()
        self._dock("training", self.tr("Training"), ScrollingPanel(self.training_panel), left)
        # the left column runs to the bottom edge, so the panels get the full height
        self.setCorner(Qt.Corner.BottomLeftCorner, left)
        titles, widgets = self.plots.titles(), self.plots.widgets()
        placement = {"loss": right, "accuracy": right, "delta_norm": right,
                     "weight_norm": bottom, "grad_norm": bottom, "update_ratio": bottom,
                     "saturation": bottom}
        for key, widget in widgets.items():
            self._dock(key, titles[key], widget, placement.get(key, bottom))
        self.tabifyDockWidget(self.docks["loss"], self.docks["accuracy"])
        self.docks["loss"].raise_()
        inspector = self._dock("inspector", self.tr("Step inspector"),
                               ScrollingPanel(self.inspector), right)
        diagram = self._dock("diagram", self.tr("Network diagram"), self.diagram, right)
        self.tabifyDockWidget(self.docks["loss"], diagram)
        self.tabifyDockWidget(self.docks["delta_norm"], inspector)
        self.docks["delta_norm"].raise_()
        self.resize(1280, 800)
        bottom_docks = [self.docks[k] for k in ("weight_norm", "grad_norm", "update_ratio",
                                                "saturation")]
        self.resizeDocks(bottom_docks, [180] * len(bottom_docks), Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["loss"], self.docks["delta_norm"]], [300, 300],
                         Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["loss"]], [640], Qt.Orientation.Horizontal)
        # a dock behind another's tab keeps the size it last had: lay the window out once
        # with the loss plot in front, so that it has its real width from the start
        self.docks["loss"].raise_()
        self.layout().activate()
        diagram.raise_()

    def _build_menus(self, a: Actions) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([a.open_config, a.save_config])
        file_menu.addSeparator()
        file_menu.addActions([a.open_session, a.save_session])
        self.recent_menu = file_menu.addMenu(self.tr("Open recent"))
        file_menu.addSeparator()
        file_menu.addAction(a.import_weights)
        file_menu.addActions([a.export_weights, a.export_plots, a.export_history,
                              a.export_bundle])
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        train_menu = bar.addMenu(self.tr("&Train"))
        train_menu.addActions([a.play, a.step_sample, a.step_epoch, a.reset])
        train_menu.addSeparator()
        train_menu.addActions([a.pin_reference, a.clear_reference])
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([a.x_samples, a.x_epochs])
        view_menu.addSeparator()
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(a.restore_layout)
        look.add_theme_menu(view_menu, self.settings,
                            lambda text: self.statusBar().showMessage(text, 8000))
        view_menu.addMenu(language_menu(self, self.settings))
        help_menu = bar.addMenu(self.tr("&Help"))
        scenarios = help_menu.addMenu(self.tr("Scenarios"))
        for path, config in scenario_presets():
            assert config.scenario is not None
            action = scenarios.addAction(localized(config.scenario.title))
            action.setToolTip(localized(config.scenario.explanation))
            action.triggered.connect(lambda _=False, p=str(path): self.open_config_file(p))
        self.scenario_actions = scenarios.actions()
        help_menu.addActions([a.shortcuts, a.about])
        toolbar = self.addToolBar(self.tr("Training"))
        toolbar.setObjectName("toolbar_training")
        toolbar.addActions([a.play, a.step_sample, a.step_epoch, a.reset])
        toolbar.addSeparator()
        toolbar.addWidget(a.speed)

    def _connect(self) -> None:
        a, c = self.actions_, self.controller
        a.play.toggled.connect(self._on_play_toggled)
        runnable = self._when_runnable  # these train or restart: not an invalid config
        a.step_sample.triggered.connect(runnable(lambda: c.send("step_samples", 1)))
        a.step_epoch.triggered.connect(runnable(lambda: c.send("step_epoch")))
        a.reset.triggered.connect(runnable(self.reset_training))
        a.open_config.triggered.connect(self._open_config)
        a.save_config.triggered.connect(self._save_config)
        a.quit.triggered.connect(self.close)
        self.exports = Exports(self)
        a.export_weights.triggered.connect(self.exports.export_weights)
        a.export_plots.triggered.connect(self.exports.export_plots)
        a.export_history.triggered.connect(self.exports.export_history)
        a.export_bundle.triggered.connect(self.exports.export_bundle)
        self.weights_import = WeightsImport(self)
        a.import_weights.triggered.connect(runnable(self.weights_import.import_weights))
        self.sessions = Sessions(self, self.recent_menu)
        a.open_session.triggered.connect(self.sessions.open_session)
        a.save_session.triggered.connect(self.sessions.save_session)
        self.compare = Comparison(self)
        a.pin_reference.triggered.connect(runnable(self.compare.pin))
        a.clear_reference.triggered.connect(self.compare.clear)
        a.x_samples.triggered.connect(lambda: self.set_x_axis("samples"))
        a.x_epochs.triggered.connect(lambda: self.set_x_axis("epochs"))
        a.restore_layout.triggered.connect(self.restore_default_layout)
        a.shortcuts.triggered.connect(self._show_shortcuts)
        a.about.triggered.connect(self._show_about)
        a.speed.currentIndexChanged.connect(lambda i: c.send("speed", SPEEDS[i][1]))
        c.updated.connect(self._on_update)
        c.state_changed.connect(self._on_state_changed)
        c.problem_reported.connect(self._on_problem)
        c.engine_reported.connect(self.status.set_engine)
        self.network_panel.config_changed.connect(self._on_network_edited)
        self.network_panel.rewind_requested.connect(runnable(self.reset_training))
        self.data_panel.config_changed.connect(self._on_data_edited)
        self.training_panel.settings_changed.connect(lambda s: c.send("settings", s))
        self.training_panel.early_stopping_changed.connect(
            lambda p: c.send("early_stopping", p))
        self.training_panel.max_epochs_changed.connect(lambda e: c.send("max_epochs", e))
        i = self.inspector
        i.trace_requested.connect(self._from_inspector("trace_next"))
        i.apply_requested.connect(self._from_inspector("apply_trace"))
        i.discard_requested.connect(lambda: c.send("discard_trace"))
        i.gradient_check_requested.connect(self._from_inspector("gradient_check"))
        c.traced.connect(self._on_traced)
        c.gradient_checked.connect(i.show_gradient_check)
        c.state_changed.connect(self._inspector_state)
        c.updated.connect(i.show_update)
        d = self.diagram
        d.weight_edit_requested.connect(
            lambda layer, row, column, value: c.send("set_weight", layer, row, column, value))
        d.weight_edit_requested.connect(lambda *_: (d.clear_phase(), i.forget_trace()))
        i.phase_changed.connect(d.show_phase)
        i.closed_trace.connect(d.clear_phase)

    # ---- experiment ----
    def _open_first(self, config: ExperimentConfig) -> None:
        """The experiment the window opens on. If its data cannot be built (the remembered
        CSV file was moved or deleted) or no longer fits its network (the file now holds
        another kind of target), the same network on the default generator's data — every
        output and loss a valid config has fits that 2-class spiral, so a run always
        starts; the reason is told once the window shows."""
        what = self.tr("the same network on the spiral data")
        try:
            self.apply_config(config)
        except FnnsimError as exc:
            problem = self.tr("The last experiment's data cannot be read ({0}), so the window "
                              "opens {1} instead.").format(error_text(exc), what)
        else:
            reason = self.network_panel.problem()
            if reason is None:
                return
            problem = self.tr("The last experiment's network no longer fits its data: {0} "
                              "The window opens {1} instead.").format(reason, what)
        fallback = copy.deepcopy(config)
        fallback.data = default_config().data
        self.apply_config(fallback.validate())
        self._startup_problem = problem

    def apply_config(self, config: ExperimentConfig) -> None:
        """Show `config` in every panel and start a new run from it (paused)."""
        data = build_data(config)  # raises FnnsimError on a bad CSV: the caller reports it
        self._apply(config, data)

    def _apply(self, config: ExperimentConfig, data: DataSplit) -> None:
        self.show_experiment(config, data)
        self._restart()

    def show_experiment(self, config: ExperimentConfig, data: DataSplit) -> None:
        """Show `config` and its data in every panel (no new run: see start_run)."""
        self.config, self.data = config, data
        self.scenario_panel.show_scenario(config.scenario)
        if config.scenario is not None:
            self.docks["scenario"].raise_()
        self.network_panel.set_config(config.network)
        self.data_panel.set_config(config.data)
        self.data_panel.set_experiment_seed(config.seed)
        self.training_panel.set_config(config.training)
        self._show_data_shape()
        self.data_panel.show_data(data.train, data.val)
        self.boundary.set_data(data.train, data.val)
        self.diagram.set_data(data.train)

    def _show_data_shape(self) -> None:
        assert self.data is not None
        train = self.data.train
        self.network_panel.set_data_shape(train.n_features, train.task, train.n_classes)

    def current_config(self) -> ExperimentConfig:
        """The experiment's config now, live training settings included: as the panels
        show it — unless they show an output or loss that does not fit the data, which
        nothing trains: then the run's (what an export labels, what the next launch
        opens)."""
        if self.blocked_reason() is None or self.run_config is None:
            return self._panels_config()
        config = copy.deepcopy(self.run_config)
        config.training = self.training_panel.config()
        return config

    def _panels_config(self) -> ExperimentConfig:
        """The config as the panels show it now (live training settings included)."""
        config = copy.deepcopy(self.config)
        config.training = self.training_panel.config()
        return config

    def blocked_reason(self) -> str | None:
        """Why nothing may train now, one line (None: the panels' config can train): the
        output or loss shown does not fit the data shown. The worker then keeps the
        previous run, paused; the network panel explains and offers its Fix."""
        problem = self.network_panel.problem()
        if problem is None:
            return None
        return self.tr("Nothing trains until the network fits the data: {0} Use Fix in the "
                       "Network panel.").format(problem)

    def _refuse(self) -> bool:
        """Play, Step, Reset and the like: True (after saying why in the status bar and
        showing the network panel with its Fix) if nothing may train now."""
        reason = self.blocked_reason()
        if reason is None:
            return False
        self.status.set_blocked(reason)
        self.docks["network"].raise_()
        return True

    def _when_runnable(self, act: Callable[[], object]) -> Callable[[], None]:
        def run(*_: object) -> None:
            if not self._refuse():
                act()
        return run

    def _from_inspector(self, command: str) -> Callable[..., None]:
        """The step inspector's trace, commit and gradient check (with the signal's
        arguments, e.g. the check's request id): refused as Play is while nothing may
        train (its actions are disabled then, see _hold_inspector); a refused request is
        let go of, so the inspector neither waits for an answer nor keeps a trace."""
        def run(*args: object) -> None:
            if self._refuse():
                self.inspector.forget_trace()
            else:
                self.controller.send(command, *args)
        return run

    def _hold_inspector(self, reason: str | None) -> None:
        """While nothing may train (`reason`), the step inspector closes its trace and
        gradient check — they are of the previous run, which cannot go on — and is
        disabled, its buttons and keys with it, saying why; None: it works again (a new
        run)."""
        if reason is not None:
            self.inspector.forget_trace()
            self.controller.send("discard_trace")  # the worker lets go of it too
            self.inspector.message.setText(reason)  # not "Press Next", which cannot
        self.inspector.setEnabled(reason is None)

    def _inspector_state(self, state: str) -> None:
        self.inspector.set_state(state)
        reason = self.blocked_reason()
        if reason is not None:  # a pause asked for before the edit: still held
            self.inspector.message.setText(reason)

    def _on_traced(self, report: TraceReport) -> None:
        if self.blocked_reason() is None:  # else asked for before the edit: let go of
            self.inspector.show_trace(report)

    def _restart(self, start: Network | None = None) -> None:
        """Rebuild the network from the config's seed — or from `start`, imported weights
        that only Reset keeps — and start a fresh, paused run. An invalid config starts
        nothing: the previous run stays, paused, and the status bar says why."""
        assert self.data is not None
        self.config = self._panels_config()
        self.actions_.play.setChecked(False)
        reason = self.blocked_reason()
        if reason is not None:
            self.status.set_blocked(reason)
            self._hold_inspector(reason)
            return

        def load() -> None:
            if self.imported is None:
                self.controller.load(copy.deepcopy(self.config), self.data)
            else:
                self.controller.send("load_network", copy.deepcopy(self.config),
                                     self.imported.copy(), self.data)

        self.start_run(load, start)

    def start_run(self, load: Callable[[], None], start: Network | None = None) -> None:
        """Clear the plots and the inspector for a new run of the shown config; `load()`
        hands the worker that run (a fresh one, or a reopened session's). `start`: the
        weights Reset goes back to, when they are not the config's own (imported weights,
        a session's initial weights)."""
        assert self.data is not None
        self.sessions.cancel_open()  # this run is the last one asked for (or the session's)
        self.run_config = copy.deepcopy(self.config)
        self._accepting = False  # until this run's first update: older ones are stale
        self.status.set_blocked(None)
        self._hold_inspector(None)
        self.status.start_run()
        sizes = layer_sizes_for(self.config, self.data.train)
        hidden = [layer.activation for layer in self.config.network.hidden]
        self._shape = (sizes, [*hidden, self.config.network.output_activation],
                       self.config.network.loss)
        if start is not None and (start.layer_sizes, start.activations) != self._shape[:2]:
            start = None  # the data changed the network's shape meanwhile
        self.imported = start
        self.plots.reset(len(sizes) - 1, self.data.train.task, self.data.train.n_samples,
                         self._shape[1])
        load()
        self.compare.run_restarted(start)  # a pinned run A: B starts from A's weights
        self.inspector.forget_trace()
        self.inspector.set_samples_per_epoch(self.data.train.n_samples)
        self.diagram.clear_phase()
        self.controller.send("speed", SPEEDS[self.actions_.speed.currentIndex()][1])
        # what the panel shows but the config cannot say ("no limit"), as a live edit would
        self.controller.send("max_epochs", self.training_panel.max_epochs())
        self.controller.send("early_stopping", self.training_panel.patience_value())

    def reset_training(self) -> None:
        self._restart(self.imported)

    def _ask_to_stop(self, revert: Callable[[], None] = lambda: None) -> bool:
        """While training, an edit that rebuilds the network needs the learner's yes. A no
        undoes the edit (`revert`) before Play goes on: the run trains on as before (an
        edit still shown, one that does not fit the data, would refuse the Play)."""
        if self.state != "playing":
            return True
        self.actions_.play.setChecked(False)
        answer = QMessageBox.question(
            self, self.tr("Stop training?"),
            self.tr("This change builds a new network and starts over. Stop training and "
                    "apply it?"))
        if answer == QMessageBox.StandardButton.Yes:
            return True
        revert()
        self.actions_.play.setChecked(True)
        return False

    def _on_network_edited(self) -> None:
        new = copy.deepcopy(self.config)
        new.network = self.network_panel.config()
        if not self._ask_to_stop(lambda: self.network_panel.set_config(self.config.network)):
            return
        self.config = new
        self._restart()  # not if it does not fit the data: the panel explains, in place

    def _on_data_edited(self) -> None:
        new = copy.deepcopy(self.config)
        new.data = self.data_panel.config()
        if not self._ask_to_stop(lambda: self.data_panel.set_config(self.config.data)):
            return
        try:
            new.validate()
            data = build_data(new)
        except FnnsimError as exc:
            QMessageBox.warning(self, self.tr("Cannot use this data"), error_text(exc))
            self.data_panel.set_config(self.config.data)
            return
        self.config, self.data = new, data
        self._show_data_shape()
        self.data_panel.show_data(data.train, data.val)
        self.boundary.set_data(data.train, data.val)
        self.diagram.set_data(data.train)
        self._restart()  # not if the network does not fit the data: see blocked_reason

    # ---- worker → GUI ----
    def _on_play_toggled(self, playing: bool) -> None:
        if playing and self._refuse():
            self.actions_.play.blockSignals(True)
            self.actions_.play.setChecked(False)
            self.actions_.play.blockSignals(False)
            return
        self.controller.send("play" if playing else "pause")

    def _on_update(self, update: TrainingUpdate) -> None:
        self.plots.add_update(update)  # (it ignores stale updates by the same rule)
        # Updates of the previous run may still be queued after start_run: every run's
        # first update starts at sample 0, and nothing before it belongs to this run.
        if update.first_sample == 0:
            self._accepting = True
        if not self._accepting:
            return
        self.status.show_update(update)
        sizes, activations, loss = self._shape
        shapes = [(n_out, n_in) for n_in, n_out in itertools.pairwise(sizes)]
        if ([w.shape for w in update.weights] != shapes
                or [b.shape for b in update.biases] != [(n,) for n in sizes[1:]]):
            return  # a previous run's first update, of another architecture
        if self.network_panel.is_valid():  # else the data shown is not this run's
            network = Network(sizes, activations, loss, update.weights, update.biases)
            self.boundary.set_network(network)
            self.diagram.set_network(network)

    def _on_state_changed(self, state: str) -> None:
        self.state = state
        self.status.set_state(state)
        playing = state == "playing"
        self.network_panel.set_training_active(playing)
        self.diagram.set_editable(not playing)
        if self.actions_.play.isChecked() != playing:
            self.actions_.play.blockSignals(True)
            self.actions_.play.setChecked(playing)
            self.actions_.play.blockSignals(False)
        self.actions_.play.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _on_problem(self, message: str) -> None:
        self.status.show_problem(message)

    # ---- files and help ----
    def _open_config(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open config"), "",
                                              self.tr("Experiment config (*.json)"))
        if path:
            self.open_config_file(path)

    def open_config_file(self, path: str) -> bool:
        """Open a config (File → Open config, Help → Scenarios): read it and its data
        first (a bad file: one dialog, nothing changes), then, while training, ask as any
        edit that builds a new network does."""
        try:
            config = load_config(path)
            data = build_data(config)
        except FnnsimError as exc:
            QMessageBox.warning(self, self.tr("Cannot open config"), error_text(exc))
            return False
        if not self._ask_to_stop():
            return False
        self._apply(config, data)
        return True

    def _save_config(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save config"), "experiment.json",
                                              self.tr("Experiment config (*.json)"))
        if path:
            try:
                write_text(path, self._panels_config().to_json())  # as shown
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Cannot save config"), error_text(exc))

    def _show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td style='padding-right:16px'><b>{html.escape(keys)}</b></td>"
                       f"<td>{html.escape(text)}</td></tr>"
                       for keys, text in shortcut_rows(self))
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), f"<table>{rows}</table>")

    def _show_about(self) -> None:
        from fnnsim import __version__

        QMessageBox.about(self, self.tr("About fnnsim"), self.tr(
            "fnnsim {0}: a simulator of gradient dynamics in feedforward neural networks, "
            "trained by per-sample SGD as in Algorithm 4.1.").format(__version__))

    def restore_default_layout(self) -> None:
        self.restoreState(self._default_state)
        self._clean_tab_bars()

    def set_x_axis(self, unit: str) -> None:
        self.actions_.x_samples.setChecked(unit == "samples")
        self.actions_.x_epochs.setChecked(unit == "epochs")
        self.plots.set_x_axis(unit)

    # ---- settings ----
    def _remembered_config(self) -> ExperimentConfig | None:
        text = self.settings.value(SETTINGS_CONFIG)
        if not isinstance(text, str):
            return None
        try:
            return ExperimentConfig.from_json(text)
        except FnnsimError:
            return None  # a config from another version: start from the default

    def _restore_view(self) -> None:
        geometry, state = self.settings.value("window/geometry"), self.settings.value(
            "window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        speed = self.settings.value("view/speed")
        if speed is not None and 0 <= int(speed) < len(SPEEDS):
            self.actions_.speed.setCurrentIndex(int(speed))
        if self.settings.value("view/x_axis") == "epochs":
            QTimer.singleShot(0, lambda: self.set_x_axis("epochs"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self._clean_tab_bars()
            if self._startup_problem:  # once, over the window rather than before it
                QTimer.singleShot(0, self, self._tell_startup_problem)

    def _tell_startup_problem(self) -> None:
        text, self._startup_problem = self._startup_problem, ""
        QMessageBox.warning(self, self.tr("Cannot open the last experiment"), text)

    def _clean_tab_bars(self) -> None:
        """Qt 6.11 leaves the tab bars of earlier tab groups visible, as stale copies over
        the docks, when docks are tabified one by one; hiding them all and re-applying the
        layout shows only the ones in use."""
        for bar in self.findChildren(QTabBar):
            bar.hide()
        self.restoreState(self.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue(SETTINGS_CONFIG, self.current_config().to_json())
        self.settings.setValue("view/speed", self.actions_.speed.currentIndex())
        self.settings.setValue("view/x_axis",
                               "epochs" if self.actions_.x_epochs.isChecked() else "samples")
        self.controller.shutdown(1000)
        super().closeEvent(event)
