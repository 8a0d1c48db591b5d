"""The controller's session commands: capture the worker's run, load one into a worker."""

import numpy as np
import pytest

pytest.importorskip("PySide6")

from fnnsim.engine.metrics import MetricBatch
from fnnsim.training import qt_controller
from fnnsim.training.history import SampleHistory, flatten
from fnnsim.training.qt_controller import TrainingController

WAIT = 20_000


@pytest.fixture
def controllers(qtbot, config):
    made = []

    def make():
        ctl = TrainingController()
        with qtbot.waitSignal(ctl.updated, timeout=WAIT):  # its run's first update is in
            ctl.load(config)
        made.append(ctl)
        return ctl

    yield make
    for ctl in made:
        assert ctl.shutdown()


def capture(qtbot, ctl, tag="t"):
    with qtbot.waitSignal(ctl.session_captured, timeout=WAIT) as blocker:
        ctl.send("capture_session", tag)
    assert blocker.args[0] == tag
    return blocker.args[1]


def load(qtbot, ctl, session):
    updates = []
    ctl.updated.connect(updates.append)
    ctl.send("load_session", session)
    qtbot.waitUntil(lambda: bool(updates) and updates[-1].first_sample == session.samples_seen
                    and not len(updates[-1].metrics), timeout=WAIT)
    return updates


def test_capture_is_a_copy_at_a_sample_boundary(qtbot, controllers):
    ctl = controllers()
    ctl.send("settings", ctl.worker.trainer.settings.__class__(0.02))
    ctl.send("step_samples", 45)
    session = capture(qtbot, ctl)
    t = ctl.worker.trainer
    assert session.samples_seen == 45 and session.trainer.position == 45 - 32
    assert session.config.training.learning_rate == 0.02  # the live setting
    assert session.network.weights[0] is not t.network.weights[0]
    ctl.send("step_samples", 5)
    qtbot.waitUntil(lambda: t.samples_seen == 50, timeout=WAIT)
    assert session.samples_seen == 45  # the copy did not move on


def test_a_loaded_session_replays_its_history_then_goes_on_exactly(qtbot, controllers):
    a = controllers()
    a.send("step_samples", 75)
    session = capture(qtbot, a)
    b = controllers()
    updates = load(qtbot, b, session)
    replay = [u for u in updates if u.first_sample == 0 or len(u.metrics)]
    assert replay[0].first_sample == 0 and b.worker.state == "paused"
    assert [r.epoch for r in replay[0].epochs] == [1, 2]
    rows = flatten(MetricBatch.concatenate([u.metrics for u in replay]))
    assert np.array_equal(rows, a.worker.trainer.samples.recent()[1])
    for ctl in (a, b):
        ctl.send("step_samples", 100)
        qtbot.waitUntil(lambda c=ctl: c.worker.trainer.samples_seen == 175, timeout=WAIT)
    ta, tb = a.worker.trainer, b.worker.trainer
    for x, y in zip(ta.network.weights + ta.network.biases,
                    tb.network.weights + tb.network.biases, strict=True):
        assert np.array_equal(x, y)
    assert np.array_equal(ta.epochs.table(), tb.epochs.table(), equal_nan=True)


def test_a_long_history_replays_as_buckets_then_its_end(qtbot, controllers, monkeypatch):
    monkeypatch.setattr(qt_controller, "REPLAY_EPOCHS", 1)
    a = controllers()
    t = a.worker.trainer  # idle: a small history, so that 130 samples make a long one
    t.samples = SampleHistory(t.network.depth, recent=50, buckets=8)
    a.send("step_samples", 130)
    session = capture(qtbot, a)
    updates = load(qtbot, controllers(), session)
    assert updates[0].first_sample == 0 and not len(updates[0].metrics)
    assert [r.epoch for r in updates[0].epochs] == [4]
    width, sums = updates[0].summary
    done = len(sums) * width
    assert 0 < done <= 130 - 50 and updates[1].first_sample == done
    assert sum(len(u.metrics) for u in updates) == 130 - done
    history = SampleHistory(t.network.depth)
    history.restore(session.trainer.samples)
    np.testing.assert_array_equal(sums, history.summary()[1])


def test_a_finished_session_loads_finished(qtbot, controllers, config):
    a = controllers()
    a.send("max_epochs", 1)
    a.send("step_epoch")
    qtbot.waitUntil(lambda: a.worker.trainer.finished, timeout=WAIT)
    session = capture(qtbot, a)
    b = controllers()
    load(qtbot, b, session)
    assert b.worker.state == "finished" and b.worker.trainer.max_epochs == 1


def test_a_reopened_early_stopped_run_says_which_epochs_weights_it_holds(
        qtbot, controllers, config):
    config.training.early_stopping, config.training.patience = True, 2
    config.training.learning_rate = 2.0
    a = controllers()
    a.send("early_stopping", 2)
    a.send("play")
    qtbot.waitUntil(lambda: a.worker.state == "finished", timeout=WAIT)
    stopped = a.worker.trainer
    assert stopped.stopped_early and stopped.best_epoch < stopped.epoch
    session = capture(qtbot, a)
    b = controllers()
    updates = load(qtbot, b, session)
    assert b.worker.state == "finished"
    assert updates[-1].epochs == [] and updates[-1].restored is not None
    assert updates[-1].restored.epoch == stopped.best_epoch
    assert updates[-1].restored.val_loss == stopped.evaluate_val().loss
