"""Features that meet in MainWindow.start_run: a pinned reference run (A/B), imported
weights and reopened sessions. Each keeps its own starting weights; Reset goes back to
the run's own start."""

import numpy as np

from fnnsim.engine import Network
from fnnsim.io.weights import save_weights
from tests.ui.conftest import WAIT
from tests.ui.test_compare import parameters, pin, train_epochs
from tests.ui.test_sessions import open_in, save, step, trainer


def same(network, params):
    weights, biases = params
    return all(np.array_equal(x, y) for x, y in zip(
        network.weights + network.biases, weights + biases, strict=True))


def other_weights(window, seed=7):
    net = trainer(window).network
    return Network.create(list(net.layer_sizes), list(net.activations), net.loss,
                          "normal", 2.0, seed)


def test_imported_weights_win_over_a_pinned_reference(qtbot, window, tmp_path):
    a_start = parameters(trainer(window).network)
    train_epochs(qtbot, window, 1)
    pin(qtbot, window)
    assert same(trainer(window).network, a_start)  # B from A's start
    source = other_weights(window)
    save_weights(tmp_path / "w.npz", source)
    window.weights_import.open_path = lambda *a: str(tmp_path / "w.npz")
    window.actions_.import_weights.trigger()
    qtbot.waitUntil(lambda: same(trainer(window).network, parameters(source)),
                    timeout=WAIT)
    qtbot.wait(100)  # no later load may replace them with A's
    assert same(trainer(window).network, parameters(source))
    assert window.plots.reference().text.endswith("different initial weights")
    step(qtbot, window, 10)
    window.actions_.reset.trigger()  # Reset: back to the imported weights, not A's
    qtbot.waitUntil(lambda: trainer(window).samples_seen == 0, timeout=WAIT)
    qtbot.wait(100)
    assert same(trainer(window).network, parameters(source))


def test_a_session_opened_while_a_reference_is_pinned_goes_on_where_it_stood(
        qtbot, window, tmp_path):
    step(qtbot, window, 400)
    path = tmp_path / "run.fnnsession"
    save(qtbot, window, path)
    saved = parameters(trainer(window).network)
    window.actions_.reset.trigger()
    qtbot.waitUntil(lambda: trainer(window).samples_seen == 0, timeout=WAIT)
    train_epochs(qtbot, window, 1)
    pin(qtbot, window)
    open_in(qtbot, window, path, 400)
    qtbot.wait(100)  # no load of A's weights may follow the session's
    assert trainer(window).samples_seen == 400
    assert same(trainer(window).network, saved)


def test_reset_after_opening_a_session_starts_from_its_initial_weights(
        qtbot, window, tmp_path):
    window.controller.send("set_weight", 1, 0, 0, 0.321)  # a start no config would draw
    qtbot.waitUntil(lambda: trainer(window).network.weights[0][0, 0] == 0.321, timeout=WAIT)
    start = parameters(trainer(window).network)
    step(qtbot, window, 300)
    path = tmp_path / "run.fnnsession"
    save(qtbot, window, path)
    window.actions_.reset.trigger()  # forget it: a fresh run from the config
    qtbot.waitUntil(lambda: trainer(window).samples_seen == 0
                    and trainer(window).network.weights[0][0, 0] != 0.321, timeout=WAIT)
    open_in(qtbot, window, path, 300)
    window.actions_.reset.trigger()
    qtbot.waitUntil(lambda: trainer(window).samples_seen == 0, timeout=WAIT)
    assert same(trainer(window).network, start)
