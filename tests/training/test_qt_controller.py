"""The Qt training controller: commands through the queue, reports back as signals."""

import queue
import types

import numpy as np
import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from fnnsim.training import qt_controller
from fnnsim.training.backend import ReferenceBackend
from fnnsim.training.experiment import build_data, build_trainer
from fnnsim.training.qt_controller import EMIT_INTERVAL, EMIT_SLACK, TrainingController

WAIT = 20_000


@pytest.fixture
def controller(qtbot, config):
    ctl = TrainingController()
    ctl.load(config)
    qtbot.waitUntil(lambda: ctl.worker.trainer is not None, timeout=WAIT)
    yield ctl
    assert ctl.shutdown()


def signal_value(qtbot, signal, send):
    with qtbot.waitSignal(signal, timeout=WAIT) as blocker:
        send()
    return blocker.args[0]


def test_stepping_phases_then_training_equals_training_straight(qtbot, controller, config):
    straight, _ = build_trainer(config, build_data(config), backend=ReferenceBackend())
    straight.train_samples(3)
    for _ in range(3):
        report = signal_value(qtbot, controller.traced, lambda: controller.send("trace_next"))
        assert [p.kind for p in report.phases][:2] == ["forward", "forward"]
        signal_value(qtbot, controller.updated, lambda: controller.send("apply_trace"))
    worker_net = controller.worker.trainer.network
    for a, b in zip(worker_net.weights + worker_net.biases,
                    straight.network.weights + straight.network.biases, strict=True):
        assert np.array_equal(a, b)
    assert report.position == 2 and report.epoch == 1


def test_playing_discards_an_unfinished_trace(qtbot, controller):
    signal_value(qtbot, controller.traced, lambda: controller.send("trace_next"))
    controller.send("play")
    qtbot.waitUntil(lambda: controller.worker.trainer.samples_seen > 10, timeout=WAIT)
    controller.send("pause")
    qtbot.waitUntil(lambda: controller.worker.state == "paused", timeout=WAIT)
    before = controller.worker.trainer.samples_seen
    controller.send("apply_trace")  # nothing pending: no effect
    signal_value(qtbot, controller.updated, lambda: controller.send("step_samples", 0))
    assert controller.worker.trainer.samples_seen == before


def test_editing_a_weight_reaches_the_engine(qtbot, controller):
    update = signal_value(qtbot, controller.updated,
                          lambda: controller.send("set_weight", 2, 0, 1, 0.625))
    assert update.weights[1][0, 1] == 0.625
    assert controller.worker.trainer.network.weights[1][0, 1] == 0.625
    update = signal_value(qtbot, controller.updated,
                          lambda: controller.send("set_weight", 1, 2, None, -0.5))
    assert update.biases[0][2] == -0.5
    problem = signal_value(qtbot, controller.problem_reported,
                           lambda: controller.send("set_weight", 1, 0, 0, float("nan")))
    assert "NaN" in problem
    problem = signal_value(qtbot, controller.problem_reported,
                           lambda: controller.send("set_weight", 3, 0, 0, 1.0))
    assert "no weight W3[0, 0]" in problem


def test_gradient_check_on_a_healthy_net(qtbot, controller):
    report = signal_value(qtbot, controller.gradient_checked,
                          lambda: controller.send("gradient_check", 7))
    assert report.request == 7  # the GUI's id of the request, echoed
    assert (report.weights_per_layer, report.biases_per_layer) == (160, 48)
    assert [c.layer for c in report.checks] == [1, 2]
    assert max(c.max_rel_diff for c in report.checks) < 1e-6


def test_playing_sends_batched_updates_at_most_about_30_a_second(qtbot, controller,
                                                                 monkeypatch):
    # chunks far shorter than the update interval: the updates must still be throttled
    monkeypatch.setattr(qt_controller, "MAX_CHUNK", 2)
    worker = controller.worker
    sent: list[tuple[float, str, int]] = []  # (worker's emit time, state, samples)
    # timed in the worker's thread as each update leaves it: the GUI thread may receive
    # queued updates bunched together, so its clock cannot check the spacing
    worker.updated.connect(
        lambda u: sent.append((worker._last_emit, u.state, len(u.metrics.loss))),
        Qt.ConnectionType.DirectConnection)
    controller.send("max_epochs", None)
    controller.send("play")
    qtbot.wait(1500)
    controller.send("pause")
    qtbot.waitUntil(lambda: sent and sent[-1][1] == "paused", timeout=WAIT)
    playing = [(t, n) for t, state, n in sent if state == "playing"]
    assert len(playing) >= 3
    gaps = np.diff([t for t, _ in playing])
    assert gaps.min() >= EMIT_INTERVAL - EMIT_SLACK
    assert sum(n for _, n in playing) > len(playing)  # many samples per update


def test_a_chunk_trains_until_the_next_update_is_due(monkeypatch):
    worker = qt_controller.TrainingWorker(queue.Queue())
    assert worker._chunk_size() == 64  # the engine's rate not known yet
    worker.max_rate = 1.0  # … but the speed control holds from the first chunk on
    assert worker._chunk_size() == 1
    worker.max_rate = None
    # the module's clock only (other threads keep the real one)
    monkeypatch.setattr(qt_controller, "time", types.SimpleNamespace(perf_counter=lambda: 100.0))
    worker._engine_rate = 30_000.0  # samples/s
    worker._last_emit = 100.0 - EMIT_INTERVAL / 3  # the next update in 2/3 of an interval
    assert worker._chunk_size() == pytest.approx(30_000 * EMIT_INTERVAL * 2 / 3, abs=1)
    worker._last_emit = 100.0 - EMIT_INTERVAL  # due now: still a short chunk, not none
    assert worker._chunk_size() == int(30_000 * qt_controller.MIN_CHUNK_SECONDS)
    worker._last_emit = 100.0
    worker.max_rate = 60.0  # the speed control: two samples per update
    assert worker._chunk_size() == 2
    worker.max_rate, worker._engine_rate = None, 1e9
    assert worker._chunk_size() == qt_controller.MAX_CHUNK


def test_a_new_run_measures_its_own_speed_before_sizing_chunks(qtbot, controller, config):
    """A big network loaded after a fast small one must not get a chunk sized by the small
    one's speed (seconds of training before Pause is heard)."""
    controller.send("max_epochs", None)
    controller.send("play")
    qtbot.waitUntil(lambda: controller.worker._engine_rate > 0, timeout=WAIT)
    controller.send("pause")
    qtbot.waitUntil(lambda: controller.worker.state == "paused", timeout=WAIT)
    with qtbot.waitSignal(controller.updated, timeout=WAIT,  # the new run's own update
                          check_params_cb=lambda u: u.samples_seen == 0):
        controller.load(config)
    assert controller.worker._engine_rate == 0.0
    assert controller.worker._chunk_size() == 64


def test_a_slow_speed_still_hears_pause_at_once(qtbot, controller):
    """Under the speed control the worker waits between chunks listening for commands:
    at one sample per 100 s, Pause after the first sample must not wait for the second."""
    controller.send("speed", 0.01)
    with qtbot.waitSignal(controller.updated, timeout=WAIT):
        controller.send("play")
    qtbot.waitUntil(lambda: controller.worker.trainer.samples_seen == 1, timeout=WAIT)
    controller.send("pause")
    qtbot.waitUntil(lambda: controller.worker.state == "paused", timeout=WAIT)
    assert controller.worker.trainer.samples_seen == 1
    controller.send("speed", None)  # back to full speed: no wait left over
    controller.send("play")
    qtbot.waitUntil(lambda: controller.worker.trainer.samples_seen > 100, timeout=WAIT)


# ---- the gradient check runs in pieces and listens between them ----

@pytest.fixture
def big_config(config):
    """The tester's 6×256 tanh net (330 k parameters) on the spiral."""
    from fnnsim.config import LayerConfig

    config.network.hidden = [LayerConfig(256, "tanh") for _ in range(6)]
    config.data.source, config.data.n_samples = "spiral", 200
    return config.validate()


@pytest.fixture
def gated(monkeypatch):
    """The worker's GradientChecker, held after its first piece until `release` is set,
    so a test can queue commands while a check is surely running (no timing)."""
    import threading

    gate = types.SimpleNamespace(reached=threading.Event(), release=threading.Event(),
                                 checkers=[])

    class Gated(qt_controller.GradientChecker):
        def run_piece(self, seconds=0.0):  # one step a piece: never done in one
            if self.done == 1 and not gate.release.is_set():
                gate.checkers.append(self)
                gate.reached.set()
                gate.release.wait(WAIT / 1000)
            return super().run_piece(0.0)

    monkeypatch.setattr(qt_controller, "GradientChecker", Gated)
    return gate


def big_controller(qtbot, config):
    ctl = TrainingController()
    ctl.load(config)
    qtbot.waitUntil(lambda: ctl.worker.trainer is not None, timeout=WAIT)
    return ctl


def test_a_gradient_check_on_a_big_net_answers_commands_and_passes(qtbot, big_config, gated):
    ctl = big_controller(qtbot, big_config)
    seen = []
    ctl.snapshot_taken.connect(lambda tag, _: seen.append(tag))
    ctl.gradient_checked.connect(lambda report: seen.append(report))
    ctl.send("gradient_check")
    qtbot.waitUntil(gated.reached.is_set, timeout=WAIT)
    ctl.send("pause")  # paused already: nothing to do, and the check goes on
    ctl.send("speed", 100.0)
    ctl.send("snapshot", "during")
    gated.release.set()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=WAIT)
    assert seen[0] == "during"  # answered between pieces, before the check ended
    report = seen[1]
    assert [c.layer for c in report.checks] == list(range(1, 8))
    assert all(c.passed and c.conclusive for c in report.checks)  # FAILED ×7 before
    assert report.floor > 0 and ctl.worker.max_rate == 100.0
    assert ctl.shutdown()


def test_reset_play_and_close_cut_a_gradient_check_short(qtbot, big_config, gated):
    ctl = big_controller(qtbot, big_config)
    reports, marks = [], []
    ctl.gradient_checked.connect(reports.append)
    ctl.snapshot_taken.connect(lambda tag, _: marks.append(tag))

    def start_check():
        gated.reached.clear()
        gated.release.clear()
        ctl.send("gradient_check")
        qtbot.waitUntil(gated.reached.is_set, timeout=WAIT)

    start_check()
    ctl.load(big_config)  # Reset
    ctl.send("snapshot", "after reset")  # answered after anything the check would send
    gated.release.set()
    qtbot.waitUntil(lambda: marks == ["after reset"], timeout=WAIT)
    assert reports == [] and not gated.checkers[-1].finished

    start_check()
    with qtbot.waitSignal(ctl.state_changed, timeout=WAIT,
                          check_params_cb=lambda state: state == "playing"):
        ctl.send("play")
        gated.release.set()
    ctl.send("pause")
    ctl.send("snapshot", "after play")
    qtbot.waitUntil(lambda: marks[-1:] == ["after play"], timeout=WAIT)
    assert reports == [] and not gated.checkers[-1].finished

    qtbot.waitUntil(lambda: ctl.worker.state == "paused", timeout=WAIT)
    start_check()
    ctl.send("quit")  # closing the window
    gated.release.set()
    assert ctl.thread.wait(WAIT)
    assert reports == [] and not gated.checkers[-1].finished
