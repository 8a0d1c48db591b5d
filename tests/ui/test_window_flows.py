"""The window's run flows: what opens when the remembered data is gone or no longer fits,
what an invalid output/loss for the data may (not) train (the step inspector included),
stale updates of a previous run, asking before a config replaces a running run, and the
status bar starting over with each run."""

import itertools

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolButton

from fnnsim.config import config_problem
from fnnsim.engine.activations import ACTIVATIONS
from fnnsim.engine.losses import LOSSES
from fnnsim.training.experiment import build_data
from fnnsim.ui.main_window import SETTINGS_CONFIG, MainWindow, default_config
from fnnsim.ui.network_panel import NetworkBuilderPanel
from tests.ui.conftest import WAIT, make_window


def trainer(w):
    return w.controller.worker.trainer


def write_csv(path, n_features, n=60, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(n, n_features))
    y = (x.sum(axis=1) > 0).astype(int)
    names = [f"x{i + 1}" for i in range(n_features)]
    rows = [",".join([*names, "y"])] + [
        ",".join([*(f"{v:.6f}" for v in row), str(label)]) for row, label in zip(x, y, strict=True)]
    path.write_text("\n".join(rows) + "\n")
    return path


def load_csv(window, path):
    panel = window.data_panel
    panel.file_chooser = lambda parent: str(path)
    panel.column_chooser = lambda parent, header: (header[-1], header[:-1], "auto")
    panel.load_csv_file()


@pytest.fixture
def sent(window, monkeypatch):
    """The names of the commands the window sends the worker from now on."""
    names = []
    send = window.controller.send
    monkeypatch.setattr(window.controller, "send",
                        lambda name, *args: (names.append(name), send(name, *args))[1])
    return names


RUN_COMMANDS = {"load", "load_network", "play", "step_samples", "step_epoch", "trace_next",
                "apply_trace"}


def states_from_now(window):
    """The states the worker reports from now on."""
    states = []
    window.controller.state_changed.connect(states.append)
    return states


def assert_training_goes_on(qtbot, window, states):
    """After a No to "Stop training?": the pause sent while the question was open has been
    carried out (the worker said so), and training goes on after it: more samples, and the
    window says playing."""
    qtbot.waitUntil(lambda: "paused" in states, timeout=WAIT)
    seen = trainer(window).samples_seen
    qtbot.waitUntil(lambda: trainer(window).samples_seen > seen, timeout=WAIT)
    qtbot.waitUntil(lambda: states[-1] == "playing" and window.state == "playing",
                    timeout=WAIT)
    assert window.actions_.play.isChecked()


# ---- 1: the remembered CSV file is gone ----
def remembered_csv(qtbot, settings, tmp_path):
    """A window that trained a 2-5-8-1 bce net on a CSV, closed: the file it remembers."""
    csv = write_csv(tmp_path / "mine.csv", 2)
    w = make_window(qtbot, settings)
    w.network_panel.rows[0].units.setValue(5)
    load_csv(w, csv)
    qtbot.waitUntil(lambda: trainer(w).train_set.n_samples < 60, timeout=WAIT)
    assert w.config.data.source == "csv" and w.config.network.loss == "bce"
    w.close()
    return csv


def test_a_deleted_remembered_csv_opens_its_network_on_the_spiral_and_says_so(
        qtbot, settings, tmp_path, monkeypatch):
    csv = remembered_csv(qtbot, settings, tmp_path)
    csv.unlink()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[1:3]))
    again = MainWindow(settings=settings)  # raised DataError (file not found) before
    qtbot.addWidget(again)
    assert again.config.data.source == "spiral"
    assert again.config.network.hidden[0].units == 5  # the learner's network is kept
    assert again.network_panel.is_valid()
    qtbot.waitUntil(lambda: again.controller.worker.trainer is not None, timeout=WAIT)
    assert warnings == []  # told over the shown window, not before it
    again.show()
    qtbot.waitUntil(lambda: bool(warnings), timeout=WAIT)
    qtbot.wait(50)
    assert len(warnings) == 1
    _title, text = warnings[0]
    assert "mine.csv" in text and "not found" in text and "spiral" in text
    again.close()
    third = MainWindow(settings=settings)  # and the next start opens without a word
    qtbot.addWidget(third)
    assert third.config.data.source == "spiral" and not third._startup_problem
    third.close()


def test_a_remembered_csv_that_no_longer_fits_the_network_opens_it_on_the_spiral(
        qtbot, settings, tmp_path, monkeypatch):
    csv = remembered_csv(qtbot, settings, tmp_path)
    rng = np.random.default_rng(1)  # the file now holds a regression target
    csv.write_text("x1,x2,y\n" + "".join(f"{a:.3f},{b:.3f},{a * b + 0.123:.4f}\n"
                                        for a, b in rng.uniform(-1, 1, (60, 2))))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[1:3]))
    again = MainWindow(settings=settings)  # opened with no run at all before
    qtbot.addWidget(again)
    assert again.run_config is not None and again.config.data.source == "spiral"
    assert again.config.network.hidden[0].units == 5 and again.config.network.loss == "bce"
    assert again.network_panel.is_valid() and again.inspector.isEnabled()
    assert again.status.currentMessage() == ""
    again.show()
    qtbot.waitUntil(lambda: bool(warnings), timeout=WAIT)
    with qtbot.waitSignal(again.controller.gradient_checked, timeout=WAIT):
        again.inspector.request_gradient_check()  # was: "checking…" for ever, no trainer
    assert again.inspector.gradient_check.report is not None
    assert len(warnings) == 1
    _title, text = warnings[0]
    assert "bce" in text and "regression" in text and "spiral" in text
    again.close()


def test_every_output_and_loss_a_config_may_have_fits_the_spiral_start_up_falls_back_to(
        qtbot):
    """_open_first opens the remembered network on the spiral without a further fallback:
    whatever output and loss the remembered config validated with fit that data."""
    panel = NetworkBuilderPanel()
    qtbot.addWidget(panel)
    train = build_data(default_config()).train
    panel.set_data_shape(train.n_features, train.task, train.n_classes)
    pairs = []
    for output, loss in itertools.product(ACTIVATIONS, LOSSES):
        config = default_config()
        config.network.output_activation, config.network.loss = output, loss
        if config_problem(config) is None:
            pairs.append((output, loss))
            panel.set_config(config.network)
            assert panel.problem() is None, (output, loss)
    assert ("softmax", "cross_entropy") in pairs and ("sigmoid", "bce") in pairs


# ---- 2: an output or loss that does not fit the data is never trained ----
def test_data_the_loss_does_not_fit_trains_nothing_until_the_fix(qtbot, window, sent):
    before = trainer(window)
    data = window.data_panel
    data.source.setCurrentIndex(data.source.findData("sine"))  # bce on regression data
    problem = window.network_panel.problem()
    assert problem is not None and "bce" in problem
    reason = window.status.currentMessage()  # said at once, in the status bar
    assert problem in reason and "Fix" in reason
    for action in (window.actions_.play, window.actions_.step_sample,
                   window.actions_.step_epoch, window.actions_.reset):
        action.trigger()
    window.network_panel.rewind_button.click()
    window.inspector.trace_requested.emit()
    assert not RUN_COMMANDS & set(sent), sent
    assert not window.actions_.play.isChecked()
    assert window.status.currentMessage() == reason
    assert trainer(window) is before  # the previous run, untouched
    assert before.train_set.task == "classification"
    window.network_panel.fix_button.click()  # linear output, mse loss
    assert window.network_panel.is_valid() and window.status.currentMessage() == ""
    qtbot.waitUntil(lambda: trainer(window).train_set.task == "regression", timeout=WAIT)
    assert trainer(window).network.activations[-1] == "linear"
    window.actions_.step_epoch.trigger()
    qtbot.waitUntil(lambda: trainer(window).samples_seen > 0, timeout=WAIT)


def test_a_40_class_csv_read_as_regression_is_not_trained_with_bce(qtbot, window,
                                                                    tmp_path, sent):
    rng = np.random.default_rng(1)
    rows = ["x1,x2,y"] + [f"{a:.4f},{b:.4f},{k % 40}" for k, (a, b) in
                          enumerate(rng.uniform(-1, 1, size=(200, 2)))]
    (tmp_path / "many.csv").write_text("\n".join(rows) + "\n")
    load_csv(window, tmp_path / "many.csv")  # "auto": 40 integer values are a regression
    assert window.data.train.task == "regression"
    assert not window.network_panel.is_valid()
    window.actions_.reset.trigger()
    window.actions_.play.trigger()
    assert not RUN_COMMANDS & set(sent), sent


def test_an_edit_that_no_longer_fits_asks_to_stop_training_and_pauses(
        qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (
        asked.append(1), QMessageBox.StandardButton.Yes)[1])
    window.actions_.play.setChecked(True)
    qtbot.waitUntil(lambda: window.state == "playing", timeout=WAIT)
    window.network_panel.output_activation.setCurrentText("tanh")  # bce needs sigmoid
    assert asked == [1]
    qtbot.waitUntil(lambda: window.state == "paused", timeout=WAIT)
    problem = window.network_panel.problem()
    assert problem is not None
    qtbot.waitUntil(lambda: problem in window.status.currentMessage(), timeout=WAIT)
    assert trainer(window).network.activations[-1] == "sigmoid"
    # the pause came after the edit: the held inspector still says why, not "Press Next"
    assert window.inspector.message.text() == window.status.currentMessage()


def test_no_to_an_edit_that_does_not_fit_keeps_training_as_before(qtbot, window,
                                                                    monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    window.actions_.play.setChecked(True)
    qtbot.waitUntil(lambda: window.state == "playing", timeout=WAIT)
    states = states_from_now(window)
    window.network_panel.output_activation.setCurrentText("tanh")  # bce needs sigmoid
    assert window.network_panel.output_activation.currentText() == "sigmoid"  # reverted
    assert window.network_panel.is_valid()
    assert_training_goes_on(qtbot, window, states)  # was: paused, by the refused Play
    assert window.status.currentMessage() == ""  # was: "Nothing trains until …"
    window.actions_.play.setChecked(False)
    qtbot.waitUntil(lambda: window.state == "paused", timeout=WAIT)
    assert window.status.currentMessage() == ""  # and no pause brings it back


def test_the_inspector_is_held_while_the_network_does_not_fit_the_data(qtbot, window, sent):
    inspector, problems = window.inspector, []
    window.docks["inspector"].raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    with qtbot.waitSignal(window.controller.traced, timeout=WAIT):
        qtbot.keyClick(window, Qt.Key.Key_N)  # trace the next sample
    assert inspector.report is not None
    sent.clear()
    window.network_panel.output_activation.setCurrentText("tanh")  # bce needs sigmoid
    reason = window.status.currentMessage()
    assert "Nothing trains" in reason
    # the trace of the previous run is closed (was: open, and Finish said "committed")
    assert inspector.report is None and not inspector.committed and "discard_trace" in sent
    assert not inspector.isEnabled() and inspector.message.text() == reason
    buttons = inspector.findChildren(QToolButton)
    assert buttons and not any(b.isEnabled() for b in buttons)
    requests = []
    for signal in (inspector.trace_requested, inspector.apply_requested,
                   inspector.gradient_check_requested):
        signal.connect(lambda: requests.append(1))
    for key in (Qt.Key.Key_N, Qt.Key.Key_F, Qt.Key.Key_G):  # its keys are off too
        qtbot.keyClick(window, key)
    assert requests == []
    # asked for all the same (as from code): refused, and nothing waits or claims
    inspector.next_phase()
    assert not inspector.waiting and "Tracing" not in inspector.message.text()
    inspector.finish_sample()
    assert "committed" not in inspector.message.text()
    inspector.request_gradient_check()  # was: sent, checking the previous run's network
    assert not inspector.check_pending and not inspector.gradient_check.isVisible()
    assert not {"trace_next", "apply_trace", "gradient_check"} & set(sent), sent
    assert window.status.currentMessage() == reason
    window.controller.gradient_checked.connect(problems.append)
    window.network_panel.fix_button.click()  # a new run: the inspector works again
    assert inspector.isEnabled() and inspector.message.text() != reason
    qtbot.waitUntil(lambda: trainer(window).network.activations[-1] == "tanh", timeout=WAIT)
    with qtbot.waitSignal(window.controller.traced, timeout=WAIT):
        qtbot.keyClick(window, Qt.Key.Key_N)
    with qtbot.waitSignal(window.controller.updated, timeout=WAIT):
        qtbot.keyClick(window, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: trainer(window).samples_seen == 1, timeout=WAIT)
    qtbot.keyClick(window, Qt.Key.Key_G)
    qtbot.waitUntil(lambda: inspector.gradient_check.report is not None, timeout=WAIT)
    assert len(problems) == 1 and problems[0].samples_seen == 1


def test_a_trace_asked_for_before_an_edit_that_does_not_fit_is_not_opened(qtbot, window):
    inspector = window.inspector
    with qtbot.waitSignal(window.controller.traced, timeout=WAIT):
        inspector.next_phase()  # asked for; the answer comes after the edit
        window.network_panel.output_activation.setCurrentText("tanh")
    assert inspector.report is None and not inspector.waiting


def test_closing_on_an_invalid_edit_remembers_the_run_that_trains(qtbot, settings):
    w = make_window(qtbot, settings)
    w.network_panel.output_activation.setCurrentText("tanh")
    assert not w.network_panel.is_valid()
    assert w.current_config().network.output_activation == "sigmoid"  # the run's (exports)
    w.close()
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    assert again.config.network.output_activation == "sigmoid"
    assert again.network_panel.is_valid()
    assert '"output_activation": "sigmoid"' in settings.value(SETTINGS_CONFIG)
    again.close()


# ---- 3: updates of a previous run ----
def test_a_stale_update_of_another_architecture_is_ignored(qtbot, window, tmp_path):
    seen = []
    window.controller.updated.connect(seen.append)
    window.actions_.step_sample.trigger()
    qtbot.waitUntil(lambda: any(u.samples_seen == 1 for u in seen), timeout=WAIT)
    stale = next(u for u in seen if u.samples_seen == 1)  # first_sample 0, W1 (8, 2)
    load_csv(window, write_csv(tmp_path / "three.csv", 3))
    qtbot.waitUntil(lambda: trainer(window).network.layer_sizes[0] == 3, timeout=WAIT)
    qtbot.waitUntil(lambda: seen[-1].weights[0].shape == (8, 3), timeout=WAIT)
    window.controller.updated.emit(stale)  # as if still queued (raised WeightsError)
    qtbot.wait(50)
    assert window.diagram.params.sizes == [3, 8, 8, 1]


def test_updates_of_the_previous_run_do_not_reach_the_status_bar(qtbot, window):
    seen = []
    window.controller.updated.connect(seen.append)
    window.actions_.step_epoch.trigger()
    qtbot.waitUntil(lambda: any(u.epochs for u in seen), timeout=WAIT)
    window.actions_.step_sample.trigger()
    qtbot.waitUntil(lambda: seen[-1].first_sample > 0, timeout=WAIT)
    late = seen[-1]  # an update of the trained run, from sample 320 on
    window.actions_.reset.trigger()
    window.controller.updated.emit(late)  # queued before the worker heard of the Reset
    assert "in all" not in window.status.sample_label.text()
    assert window.status.loss_label.text() == ""
    qtbot.waitUntil(lambda: trainer(window).samples_seen == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: "(0 in all)" in window.status.sample_label.text(), timeout=WAIT)
    assert window.status.loss_label.text() == ""


# ---- 4: a config or scenario replacing a running run asks first ----
@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No,
                                    QMessageBox.StandardButton.Yes])
def test_a_scenario_while_training_asks_to_stop_first(qtbot, window, monkeypatch, answer):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (asked.append(a[1]),
                                                                  answer)[1])
    window.actions_.play.setChecked(True)
    qtbot.waitUntil(lambda: window.state == "playing", timeout=WAIT)
    states = states_from_now(window)
    window.scenario_actions[0].trigger()
    assert asked == ["Stop training?"]
    if answer == QMessageBox.StandardButton.No:
        assert window.config.scenario is None
        assert_training_goes_on(qtbot, window, states)
    else:
        assert window.config.scenario is not None
        qtbot.waitUntil(lambda: window.state == "paused", timeout=WAIT)


def test_open_config_while_training_asks_and_no_keeps_the_run(qtbot, window, monkeypatch,
                                                              tmp_path):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (
        asked.append(1), QMessageBox.StandardButton.No)[1])
    path = tmp_path / "other.json"
    other = window.current_config()
    other.network.hidden = other.network.hidden[:1]
    path.write_text(other.to_json())
    window.actions_.play.setChecked(True)
    qtbot.waitUntil(lambda: window.state == "playing", timeout=WAIT)
    states = states_from_now(window)
    assert window.open_config_file(str(path)) is False
    assert asked == [1]
    assert trainer(window).network.layer_sizes == [2, 8, 8, 1]
    assert_training_goes_on(qtbot, window, states)


def test_a_bad_config_file_is_one_dialog_without_a_question(qtbot, window, monkeypatch,
                                                            tmp_path):
    asked, warned = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(1))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json")
    window.actions_.play.setChecked(True)
    qtbot.waitUntil(lambda: window.state == "playing", timeout=WAIT)
    assert window.open_config_file(str(bad)) is False
    assert asked == [] and len(warned) == 1 and "bad.json" in warned[0]
    assert window.state == "playing"


# ---- 5: a new run's status bar holds none of the previous run's numbers ----
def trained_epoch(qtbot, window):
    window.actions_.step_epoch.trigger()
    qtbot.waitUntil(lambda: "train loss" in window.status.loss_label.text(), timeout=WAIT)


def test_reset_clears_the_previous_runs_losses(qtbot, window):
    trained_epoch(qtbot, window)
    window.actions_.reset.trigger()
    assert window.status.loss_label.text() == ""
    qtbot.waitUntil(lambda: trainer(window).samples_seen == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: "(0 in all)" in window.status.sample_label.text(), timeout=WAIT)
    assert window.status.loss_label.text() == ""


def test_a_network_change_clears_the_previous_runs_losses(qtbot, window):
    trained_epoch(qtbot, window)
    window.network_panel.rows[0].units.setValue(4)
    qtbot.waitUntil(lambda: trainer(window).network.layer_sizes == [2, 4, 8, 1],
                    timeout=WAIT)
    qtbot.waitUntil(lambda: "(0 in all)" in window.status.sample_label.text(), timeout=WAIT)
    assert window.status.loss_label.text() == ""
