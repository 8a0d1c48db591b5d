"""The main window driven through its real widgets, with the real worker thread."""

import math
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fnnsim.config import ExperimentConfig, LayerConfig
from fnnsim.ui.main_window import MainWindow, default_config
from tests.ui.conftest import WAIT


def trainer(w):
    return w.controller.worker.trainer


def updates(qtbot, w, predicate, timeout=WAIT):
    """Wait until predicate(last update) holds; returns that update."""
    seen = []
    w.controller.updated.connect(seen.append)
    qtbot.waitUntil(lambda: bool(seen) and predicate(seen[-1]), timeout=timeout)
    return seen[-1]


def test_first_launch_is_ready_to_play(window):
    assert window.config.data.source == "spiral"
    assert trainer(window).network.layer_sizes == [2, 8, 8, 1]
    assert window.actions_.play.isEnabled() and not window.actions_.play.isChecked()


def test_build_a_network_through_the_panel(qtbot, window):
    panel = window.network_panel
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    panel.rows[0].units.setValue(5)
    panel.rows[2].activation.setCurrentText("relu")
    qtbot.waitUntil(lambda: trainer(window).network.activations == [
        "tanh", "tanh", "relu", "sigmoid"], timeout=WAIT)
    assert trainer(window).network.layer_sizes == [2, 5, 8, 8, 1]
    assert window.config.network.hidden[0] == LayerConfig(5, "tanh")


def test_play_until_the_loss_falls_then_pause_and_step_one_sample(qtbot, window):
    window.actions_.speed.setCurrentIndex(0)  # full speed
    losses = []
    window.controller.updated.connect(
        lambda u: losses.extend(r.train_loss for r in u.epochs))
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(losses) >= 5 and losses[-1] < 0.9 * losses[0], timeout=WAIT)
    assert window.state == "playing"
    window.actions_.play.trigger()  # pause
    qtbot.waitUntil(lambda: window.state == "paused", timeout=WAIT)
    time.sleep(0.05)
    qtbot.wait(100)
    before = trainer(window).samples_seen
    window.actions_.step_sample.trigger()
    qtbot.waitUntil(lambda: trainer(window).samples_seen == before + 1, timeout=WAIT)
    qtbot.waitUntil(lambda: f"{before + 1:,} in all" in window.status.sample_label.text(),
                    timeout=WAIT)


def test_l2_and_clipping_changed_mid_run_reach_the_engine(qtbot, window):
    panel = window.training_panel
    window.actions_.play.setChecked(True)
    qtbot.waitUntil(lambda: trainer(window).samples_seen > 100, timeout=WAIT)
    panel.l2.setValue(0.01)
    panel.l2_on.setChecked(True)
    panel.clip_threshold.setValue(0.001)
    panel.clip_mode.setCurrentIndex(panel.clip_mode.findData("global_norm"))
    qtbot.waitUntil(lambda: trainer(window).settings.clip_mode == "global_norm", timeout=WAIT)
    assert trainer(window).settings.l2 == pytest.approx(0.01)
    assert window.state == "playing"  # no reset: the run goes on
    last = updates(qtbot, window, lambda u: len(u.metrics) > 0 and u.metrics.clipped.all())
    np.testing.assert_array_less(last.metrics.grad_norm_clipped, 0.001 * (1 + 1e-12))


def test_a_bad_csv_shows_an_error_and_changes_nothing(qtbot, window, tmp_path, monkeypatch):
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,label\n1,2,0\n3,abc,1\n")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    window.data_panel.file_chooser = lambda parent: str(bad)
    window.data_panel.column_chooser = lambda parent, header: ("label", ["x1", "x2"], "auto")
    before = window.config.to_json()
    sizes = trainer(window).network.layer_sizes
    window.data_panel.load_csv_file()
    assert len(shown) == 1 and "bad.csv" in shown[0] and "line 3" in shown[0]
    assert window.config.to_json() == before
    shown_config = window.data_panel.config()
    assert shown_config.source == "spiral" and shown_config.path is None
    assert trainer(window).network.layer_sizes == sizes


def test_architecture_change_while_training_asks_to_stop_first(qtbot, window, monkeypatch):
    answers = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (
        answers.append(1), QMessageBox.StandardButton.No)[1])
    window.actions_.play.setChecked(True)
    qtbot.waitUntil(lambda: window.state == "playing", timeout=WAIT)
    window.network_panel.rows[0].units.setValue(3)
    assert answers and window.network_panel.rows[0].units.value() == 8
    qtbot.waitUntil(lambda: window.state == "playing", timeout=WAIT)
    assert trainer(window).network.layer_sizes == [2, 8, 8, 1]


def test_divergence_pauses_and_says_so(qtbot, window):
    window.training_panel.learning_rate.setValue(10.0)
    config = window.current_config()
    config.network.hidden = [LayerConfig(8, "relu")]
    config.network.output_activation, config.network.loss = "linear", "mse"
    config.network.init_scale = 100.0
    window.apply_config(config.validate())
    window.actions_.speed.setCurrentIndex(0)
    window.actions_.play.setChecked(True)
    qtbot.waitUntil(lambda: window.state == "diverged", timeout=WAIT)
    assert "diverged" in window.status.currentMessage()
    assert not window.actions_.play.isChecked()
    assert trainer(window).network.parameters_finite()


def test_close_mid_training_stops_the_worker_within_a_second(qtbot, settings, qtlog):
    config = default_config()
    config.training.engine = "reference"
    w = MainWindow(config, settings)
    w.show()
    qtbot.waitUntil(lambda: w.controller.worker.trainer is not None, timeout=WAIT)
    w.actions_.play.setChecked(True)
    qtbot.waitUntil(lambda: w.state == "playing", timeout=WAIT)
    already = len(qtlog.records)  # (offscreen says it cannot propagate size hints on show)
    w.close()  # waits at most 1 s for the worker: not running afterwards = stopped in time
    assert not w.controller.thread.isRunning()
    late = qtlog.records[already:]
    assert not [r for r in late if r.type.name in ("QtWarningMsg", "QtCriticalMsg")]


def test_layout_and_config_are_remembered(qtbot, settings):
    config = default_config()
    config.training.engine = "reference"
    config.training.learning_rate = 0.0123
    w = MainWindow(config, settings)
    w.show()
    w.docks["accuracy"].raise_()
    w.close()
    again = MainWindow(settings=settings)
    assert math.isclose(again.config.training.learning_rate, 0.0123)
    assert again.training_panel.settings().learning_rate == pytest.approx(0.0123)
    again.close()


def test_remembered_config_from_another_version_falls_back_to_the_default(qtbot, settings):
    settings.setValue("experiment/config", '{"version": 99}')
    w = MainWindow(settings=settings)
    assert w.config.data.source == ExperimentConfig().data.source
    w.close()
