"""File → Import weights from the real window: a good file becomes the run's starting
point (and Reset's); a bad one is one dialog and changes nothing."""

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from fnnsim.engine import Network
from fnnsim.io.weights import save_weights
from tests.ui.conftest import WAIT

SHAPE = ([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], "bce")  # the default window's network


def file_network(sizes=SHAPE[0], activations=SHAPE[1], seed=7):
    net = Network.create(list(sizes), list(activations), "bce", "normal", 2.0, seed)
    rng = np.random.default_rng(seed)
    net.set_parameters(net.weights, [rng.normal(size=b.shape) for b in net.biases])
    return net


def worker_net(window):
    return window.controller.worker.trainer.network


def same_weights(a, b):
    return all(np.array_equal(x, y) for x, y in
               zip(a.weights + a.biases, b.weights + b.biases, strict=True))


@pytest.fixture
def trained(qtbot, window):
    window.controller.send("step_samples", 100)
    qtbot.waitUntil(lambda: window.controller.worker.trainer.samples_seen == 100,
                    timeout=WAIT)
    return window


@pytest.fixture
def dialogs(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[1:3]))
    return shown


def import_via_menu(window, path):
    window.weights_import.open_path = lambda *a: str(path)
    window.actions_.import_weights.trigger()


@pytest.mark.parametrize("suffix", [".npz", ".json", ".csv"])
def test_a_good_file_restarts_the_run_from_its_weights(qtbot, trained, tmp_path, dialogs,
                                                        suffix):
    window, source = trained, file_network()
    save_weights(tmp_path / f"w{suffix}", source)
    old_trainer = window.controller.worker.trainer
    import_via_menu(window, tmp_path / f"w{suffix}")
    qtbot.waitUntil(lambda: window.controller.worker.trainer is not old_trainer, timeout=WAIT)
    trainer = window.controller.worker.trainer
    assert same_weights(trainer.network, source)
    assert (trainer.samples_seen, trainer.epoch) == (0, 0)  # counters start over
    # what the window draws is the file's network: same predictions
    qtbot.waitUntil(lambda: window.boundary._network is not None
                    and same_weights(window.boundary._network, source), timeout=WAIT)
    X = np.random.default_rng(0).normal(size=(50, 2))
    assert np.array_equal(window.boundary._network.predict(X), source.predict(X))
    assert np.array_equal(window.diagram.params.weights[1], source.weights[1])
    assert len(window.plots.widgets()) and dialogs == []
    assert "Imported weights from" in window.statusBar().currentMessage()


def test_reset_returns_to_the_imported_weights_until_the_network_changes(qtbot, trained,
                                                                          tmp_path):
    window, source = trained, file_network()
    save_weights(tmp_path / "w.npz", source)
    assert window.weights_import.import_file(str(tmp_path / "w.npz"))
    qtbot.waitUntil(lambda: same_weights(worker_net(window), source), timeout=WAIT)
    window.controller.send("step_samples", 50)
    qtbot.waitUntil(lambda: window.controller.worker.trainer.samples_seen == 50,
                    timeout=WAIT)
    assert not same_weights(worker_net(window), source)
    trained_trainer = window.controller.worker.trainer
    window.actions_.reset.trigger()
    qtbot.waitUntil(lambda: window.controller.worker.trainer is not trained_trainer,
                    timeout=WAIT)
    assert same_weights(worker_net(window), source)
    # a new seed builds a new network: the imported weights are forgotten
    reset_trainer = window.controller.worker.trainer
    window.network_panel.seed.setValue(window.network_panel.seed.value() + 1)
    qtbot.waitUntil(lambda: window.controller.worker.trainer is not reset_trainer,
                    timeout=WAIT)
    assert window.imported is None and not same_weights(worker_net(window), source)


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: save_weights(p, file_network(sizes=[2, 8, 16, 1])),
     "w.npz: layer 2: the file has W2 of shape (16, 8), the network needs (8, 8)"),
    (lambda p: save_weights(p, file_network(activations=["relu", "tanh", "sigmoid"])),
     "w.npz: layer 1: the file's activation is relu, the network's tanh"),
    (lambda p: p.write_bytes(b"PK\x03\x04 truncated"), "w.npz: not a readable .npz"),
])
def test_a_file_that_does_not_fit_is_one_dialog_and_nothing_changes(
        qtbot, trained, tmp_path, dialogs, make, message):
    window = trained
    path = tmp_path / "w.npz"
    make(path)
    trainer = window.controller.worker.trainer
    before = trainer.network.copy()
    import_via_menu(window, path)
    qtbot.wait(100)
    assert len(dialogs) == 1
    title, text = dialogs[0]
    assert title == "Cannot import weights"
    assert text.startswith(message) and "\n" not in text
    assert window.controller.commands.empty()  # nothing was sent to the worker
    assert window.controller.worker.trainer is trainer and trainer.samples_seen == 100
    assert same_weights(trainer.network, before) and window.imported is None


def test_cancelling_the_dialog_changes_nothing(qtbot, trained, dialogs):
    window = trained
    trainer = window.controller.worker.trainer
    import_via_menu(window, "")
    qtbot.wait(50)
    assert dialogs == [] and window.controller.worker.trainer is trainer
