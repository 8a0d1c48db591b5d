"""The step inspector, driven by the real TrainingController: every number it shows is the
trace's own, stepping by hand commits exactly what training straight through would."""

import re
import threading
from dataclasses import replace

import numpy as np
import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView

from fnnsim.config import ExperimentConfig, LayerConfig
from fnnsim.engine.gradcheck import LayerCheck
from fnnsim.engine.phases import trace_phases
from fnnsim.training.backend import ReferenceBackend
from fnnsim.training.experiment import build_data, build_trainer
from fnnsim.training.qt_controller import GradientCheckReport, TrainingController
from fnnsim.ui.inspector import StepInspector
from fnnsim.ui.inspector.array_model import MAX_CELLS, VALUE_ROLE
from fnnsim.ui.inspector.gradcheck_view import FAIL_COLOUR, PASS_COLOUR, GradientCheckPanel

WAIT = 20_000


def make_config(hidden=(3,), **training):
    c = ExperimentConfig()
    c.network.hidden = [LayerConfig(n, "tanh") for n in hidden]
    c.data.source, c.data.n_samples = "xor", 40
    c.training.engine = "reference"
    for name, value in training.items():
        setattr(c.training, name, value)
    return c.validate()


@pytest.fixture
def config():
    return make_config()


@pytest.fixture
def wired(qtbot, config):
    """(inspector, controller), connected by hand the way the main window does it."""
    controller = TrainingController()
    controller.load(config)
    qtbot.waitUntil(lambda: controller.worker.trainer is not None, timeout=WAIT)
    inspector = StepInspector()
    qtbot.addWidget(inspector)
    inspector.trace_requested.connect(lambda: controller.send("trace_next"))
    inspector.apply_requested.connect(lambda: controller.send("apply_trace"))
    inspector.discard_requested.connect(lambda: controller.send("discard_trace"))
    inspector.gradient_check_requested.connect(
        lambda request: controller.send("gradient_check", request))
    controller.traced.connect(inspector.show_trace)
    controller.gradient_checked.connect(inspector.show_gradient_check)
    controller.state_changed.connect(inspector.set_state)
    controller.updated.connect(inspector.show_update)
    yield inspector, controller
    assert controller.shutdown()


def trace(qtbot, inspector, controller):
    """Press Next with no trace open: the next sample is traced and its first phase shown."""
    with qtbot.waitSignal(controller.traced, timeout=WAIT):
        inspector.next_phase()
    return inspector.report


def expected(t, phase):
    """What phase `phase` must show, taken straight from the StepTrace `t`."""
    l, depth, s = phase.layer, len(t.z), t.settings
    if phase.kind == "forward":
        return {f"W^({l})": t.weights_before[l - 1], f"a^({l - 1})": t.a[l - 1],
                f"b^({l})": t.biases_before[l - 1], f"z^({l})": t.z[l - 1], f"a^({l})": t.a[l]}
    if phase.kind in ("loss", "output_delta"):
        last = {"L": t.loss} if phase.kind == "loss" else {f"δ^({depth})": t.delta[-1]}
        return {"ŷ": t.a[-1], "y": t.y, **last}
    if phase.kind == "backward":
        return {f"W^({l + 1})": t.weights_before[l], f"δ^({l + 1})": t.delta[l],
                f"z^({l})": t.z[l - 1], f"δ^({l})": t.delta[l - 1]}
    if phase.kind == "gradients":
        return {f"a^({l - 1})": t.a[l - 1], f"δ^({l})": t.delta[l - 1],
                f"∂L/∂b^({l})": t.grad_biases[l - 1], f"∂L/∂W^({l})": t.grad_weights[l - 1]}
    if phase.kind == "clip":
        out = {"‖g‖ before": t.grad_norm, "‖g‖ after": t.clipped_grad_norm,
               "θ": s.clip_threshold, "‖g^(l)‖ before": t.layer_grad_norms,
               "scale per layer": t.clip.scales}
        for k in range(1, depth + 1) if t.clip.clipped else ():
            out[f"clipped ∂L/∂W^({k})"] = t.clip.weights[k - 1]
            out[f"clipped ∂L/∂b^({k})"] = t.clip.biases[k - 1]
        return out
    if phase.kind == "penalty":
        return {"λ": s.l2, "λ₁": s.l1,
                **{f"penalty W^({k})": t.penalty[k - 1] for k in range(1, depth + 1)}}
    out = {"α": s.learning_rate}
    for k in range(1, depth + 1):
        out |= {f"W^({k}) before": t.weights_before[k - 1], f"ΔW^({k})": t.update_weights[k - 1],
                f"W^({k}) after": t.weights_after[k - 1], f"b^({k}) before": t.biases_before[k - 1],
                f"Δb^({k})": t.update_biases[k - 1], f"b^({k}) after": t.biases_after[k - 1]}
    return out


def parse(text):
    return float(text.replace("−", "-").replace("∞", "inf"))


def shown(inspector):
    """{quantity: (exact values, displayed text)} of every table and scalar on the page."""
    page = inspector.scroll.widget()
    out = {}
    for view in page.findChildren(QTableView):
        m = view.model()
        cells = [[m.index(r, c) for c in range(m.columnCount())] for r in range(m.rowCount())]
        out[m.name] = (np.array([[m.data(i, VALUE_ROLE) for i in row] for row in cells]),
                       [[m.data(i, Qt.ItemDataRole.DisplayRole) for i in row] for row in cells])
    for label in page.findChildren(QLabel):
        if label.property("quantity") is not None:
            plain = re.sub("<[^>]+>", "", label.text())  # "L = 0.3835 — loss of this sample"
            out[label.property("quantity")] = (label.property("value"),
                                               plain.split(" = ")[1].split()[0])
    return out


def assert_page_matches(inspector, t, phase):
    want, got = expected(t, phase), shown(inspector)
    assert set(got) == set(want), phase.title
    for name, (values, texts) in got.items():
        truth = np.asarray(want[name], dtype=np.float64)
        if truth.ndim == 0:
            assert values == float(truth), name
            assert parse(texts) == pytest.approx(float(truth), rel=5e-4, abs=1e-300), name
            continue
        grid = truth.reshape(-1, 1) if truth.ndim == 1 else truth
        rows, cols = min(grid.shape[0], MAX_CELLS), min(grid.shape[1], MAX_CELLS)
        assert values.shape == (rows, cols), name
        assert np.array_equal(values, grid[:rows, :cols]), name  # bit for bit
        parsed = np.array([[parse(x) for x in row] for row in texts])
        np.testing.assert_allclose(parsed, grid[:rows, :cols], rtol=5e-4, err_msg=name)


@pytest.mark.parametrize("training", [{}, {"l2": 0.01, "clip_mode": "global_norm",
                                           "clip_threshold": 0.05}])
def test_every_number_shown_is_the_traces_own(qtbot, training):
    controller = TrainingController()
    controller.load(make_config(**training))
    qtbot.waitUntil(lambda: controller.worker.trainer is not None, timeout=WAIT)
    inspector = StepInspector()
    qtbot.addWidget(inspector)
    inspector.trace_requested.connect(lambda: controller.send("trace_next"))
    controller.traced.connect(inspector.show_trace)
    seen = []
    inspector.phase_changed.connect(lambda report, i: seen.append((report, i)))
    try:
        report = trace(qtbot, inspector, controller)
        for i in range(len(report.phases)):
            if i:
                inspector.next_phase()
            assert inspector.index == i
            assert_page_matches(inspector, report.trace, report.phases[i])
        if training:
            assert report.trace.clip.clipped and np.any(report.trace.penalty[0])
    finally:
        assert controller.shutdown()
    order = trace_phases(report.trace, report.activations, "bce")
    assert [(r.phases[i].kind, r.phases[i].layer) for r, i in seen] == [
        (p.kind, p.layer) for p in order]
    assert [p.kind for p in order][:4] == ["forward", "forward", "loss", "output_delta"]
    assert all(r is report for r, _ in seen)


def test_step_then_train_equals_training_straight(qtbot, wired, config):
    inspector, controller = wired
    for _ in range(2):
        report = trace(qtbot, inspector, controller)
        for _ in range(len(report.phases) - 1):
            inspector.next_phase()
        assert report.phases[inspector.index].kind == "update"
        with qtbot.waitSignal(controller.updated, timeout=WAIT):
            inspector.next_phase()  # after the last phase, Next commits
        assert inspector.committed
    assert controller.worker.trainer.samples_seen == 2
    with qtbot.waitSignal(controller.updated, timeout=WAIT):
        controller.send("step_samples", 5)
    controller.send("play")
    qtbot.waitUntil(lambda: controller.worker.trainer.samples_seen > 60, timeout=WAIT)
    with qtbot.waitSignal(controller.state_changed, timeout=WAIT):
        controller.send("pause")
    trained = controller.worker.trainer
    straight, _ = build_trainer(config, build_data(config), backend=ReferenceBackend())
    straight.train_samples(trained.samples_seen)
    for a, b in zip(trained.network.weights + trained.network.biases,
                    straight.network.weights + straight.network.biases, strict=True):
        assert np.array_equal(a, b)


def test_previous_goes_back_and_finish_commits(qtbot, wired):
    inspector, controller = wired
    report = trace(qtbot, inspector, controller)
    inspector.previous_phase()
    assert inspector.index == 0 and not inspector.previous_action.isEnabled()
    for _ in range(3):
        inspector.next_phase()
    with qtbot.waitSignal(inspector.phase_changed) as blocker:
        inspector.previous_phase()
    assert blocker.args == [report, 2] and inspector.index == 2
    assert "Loss" in inspector.title.text()
    with qtbot.waitSignal(controller.updated, timeout=WAIT) as update:
        inspector.finish_sample()
    assert inspector.index == len(report.phases) - 1 and inspector.committed
    for a, b in zip(update.args[0].weights, report.trace.weights_after, strict=True):
        assert np.array_equal(a, b)
    assert controller.worker.trainer.samples_seen == 1
    nxt = trace(qtbot, inspector, controller)  # the following sample, from the new weights
    assert nxt.position == 1 and not inspector.committed
    assert np.array_equal(nxt.trace.weights_before[0], report.trace.weights_after[0])


def test_playing_discards_an_unfinished_trace(qtbot, wired):
    inspector, controller = wired
    trace(qtbot, inspector, controller)
    inspector.next_phase()
    with qtbot.waitSignal(inspector.closed_trace, timeout=WAIT):
        controller.send("play")
    assert inspector.report is None and not inspector.next_action.isEnabled()
    assert "pause" in inspector.message.text()
    inspector.next_phase()  # ignored while playing
    with qtbot.waitSignal(controller.state_changed, timeout=WAIT):
        controller.send("pause")
    qtbot.waitUntil(lambda: inspector.next_action.isEnabled(), timeout=WAIT)
    report = trace(qtbot, inspector, controller)
    t = controller.worker.trainer
    assert (report.epoch - 1, report.position) == (t.epoch, t.position)


def test_discard_closes_the_trace_without_training(qtbot, wired):
    inspector, controller = wired
    report = trace(qtbot, inspector, controller)
    with qtbot.waitSignals([inspector.discard_requested, inspector.closed_trace]):
        inspector.discard()
    again = trace(qtbot, inspector, controller)
    assert (again.position, again.sample_index) == (report.position, report.sample_index)
    assert controller.worker.trainer.samples_seen == 0


def test_an_edited_weight_closes_a_stale_trace(qtbot, wired):
    inspector, controller = wired
    trace(qtbot, inspector, controller)
    with qtbot.waitSignal(inspector.closed_trace, timeout=WAIT):
        controller.send("set_weight", 1, 0, 0, 0.5)
    assert inspector.report is None and inspector.next_action.isEnabled()


def test_a_wide_layer_shows_a_bounded_table_and_a_summary(qtbot):
    controller = TrainingController()
    controller.load(make_config(hidden=(512,)))
    qtbot.waitUntil(lambda: controller.worker.trainer is not None, timeout=WAIT)
    inspector = StepInspector()
    qtbot.addWidget(inspector)
    inspector.trace_requested.connect(lambda: controller.send("trace_next"))
    controller.traced.connect(inspector.show_trace)
    try:
        report = trace(qtbot, inspector, controller)
    finally:
        assert controller.shutdown()
    page = inspector.scroll.widget()
    w1 = next(v for v in page.findChildren(QTableView) if v.model().name == "W^(1)")
    assert (w1.model().rowCount(), w1.model().columnCount()) == (MAX_CELLS, 2)
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert any("512×2" in s and f"first {MAX_CELLS}×2 shown" in s for s in texts)
    assert_page_matches(inspector, report.trace, report.phases[0])
    inspector.finish_sample()  # the update phase: 512-wide W, b before/after, ΔW, Δb
    cells = sum(v.model().rowCount() * v.model().columnCount()
                for v in inspector.scroll.widget().findChildren(QTableView))
    assert cells <= 12 * MAX_CELLS * 2


def test_gradient_check_passes_on_a_healthy_net_and_colours_a_failure(qtbot, wired):
    inspector, controller = wired
    with qtbot.waitSignal(controller.gradient_checked, timeout=WAIT):
        inspector.request_gradient_check()
    panel = inspector.gradient_check
    assert panel.isVisibleTo(inspector) and [r.property("layer") for r in panel.rows] == [1, 2]
    for row in panel.rows:
        assert row.property("passed") and row.property("max_rel_diff") < 1e-6
        assert PASS_COLOUR in row.styleSheet()
    panel.show_report(GradientCheckReport(3, [LayerCheck(1, 2e-3, 1e-9)]))
    (row,) = panel.rows
    assert not row.property("passed") and FAIL_COLOUR in row.styleSheet()
    assert "FAILED" in panel.title.text() and "#4" in panel.title.text()


def test_the_panel_says_a_check_is_coming_and_reports_every_layer(qtbot, wired):
    inspector, controller = wired
    with qtbot.waitSignal(controller.gradient_checked, timeout=WAIT) as blocker:
        inspector.request_gradient_check()
        panel = inspector.gradient_check
        assert "checking" in panel.title.text() and panel.rows == []
    report = blocker.args[0]
    assert [(c.checked, c.parameters) for c in report.checks] == [(9, 9), (4, 4)]
    texts = [panel.grid.itemAtPosition(1, column).widget().text() for column in range(5)]
    assert texts[3] == "9 of 9" and texts[4] == "✓ pass"
    assert f"{report.floor:.1e}" in panel.title.toolTip()


def test_kinks_and_gradients_below_the_rounding_are_said(qtbot):
    panel = GradientCheckPanel()
    qtbot.addWidget(panel)
    panel.show_report(GradientCheckReport(0, [
        LayerCheck(1, 1e-8, 1e-9, checked=200, parameters=65_792, kinks=8),
        LayerCheck(2, 0.0, 0.0, checked=9, parameters=9, unresolved=9)], floor=1e-3))
    assert "passed" in panel.title.text()
    assert panel.note.isVisibleTo(panel) and "8 sampled parameters left out" in (
        panel.note.text())
    first, second = panel.rows
    assert first.property("conclusive") and first.property("passed")
    assert not second.property("conclusive") and "too small" in second.text()
    panel.show_report(GradientCheckReport(0, [LayerCheck(1, 0.0, 0.0, 4, 4, unresolved=4)]))
    assert "inconclusive" in panel.title.text() and "kink" not in panel.note.text()


def test_a_check_the_run_has_moved_past_is_not_shown(qtbot, wired):
    """Play, Reset (forget_trace, as the window calls it), a step, or closing the panel
    while a check runs: its report, if it still comes, is dropped; a shown one goes."""
    inspector, controller = wired
    panel = inspector.gradient_check
    late = GradientCheckReport(0, [LayerCheck(1, 1e-9, 1e-9)])
    for stop in (lambda: inspector.set_state("playing"), inspector.forget_trace,
                 panel.close_button.click):
        inspector.set_state("paused")
        inspector.request_gradient_check()
        stop()
        inspector.show_gradient_check(replace(late, request=inspector.check_request))
        assert panel.isHidden() and panel.report is None
    inspector.set_state("paused")
    # the worker answered the three requests above too: wait for this one's report
    with qtbot.waitSignal(controller.gradient_checked, timeout=WAIT,
                          check_params_cb=lambda r: r.request == inspector.check_request):
        inspector.request_gradient_check()
    assert panel.report is not None and not panel.isHidden()
    with qtbot.waitSignal(controller.updated, timeout=WAIT):
        controller.send("step_samples", 1)
    assert panel.isHidden() and panel.report is None
    # a report of the network before a step is not shown as the check of the new one
    inspector.request_gradient_check()
    # samples_seen 0, the run is at 1
    inspector.show_gradient_check(replace(late, request=inspector.check_request))
    assert panel.report is None


def test_only_the_latest_requests_report_is_shown(qtbot):
    """Two requests at the same samples_seen (a Reset or an edit between them): the first
    one's report, however late it comes, is not the second one's."""
    inspector = StepInspector()
    qtbot.addWidget(inspector)
    sent = []
    inspector.gradient_check_requested.connect(sent.append)
    inspector.request_gradient_check()
    inspector.forget_trace()  # the network was edited
    inspector.request_gradient_check()
    assert sent == [1, 2] and inspector.check_request == 2
    old = GradientCheckReport(0, [LayerCheck(1, 1e-9, 1e-9, 24, 24)], request=1)
    new = GradientCheckReport(0, [LayerCheck(1, 1e-9, 1e-9, 15, 15)], request=2)
    inspector.show_gradient_check(old)
    assert inspector.gradient_check.report is None and inspector.check_pending
    inspector.show_gradient_check(new)
    assert inspector.gradient_check.report is new


def test_a_late_report_of_the_network_before_an_edit_is_not_shown_for_the_new_one(
        qtbot, window):
    """The reviewer's race: G on network A, its report sent but not yet delivered (the GUI
    thread busy), the network edited (B, again at sample 0) and G again: A's report used to
    be shown as B's, and B's own dropped."""
    inspector = window.inspector
    sent, reached = [], threading.Event()

    def sending(report):  # in the worker thread, as it sends the report
        sent.append(report)
        reached.set()

    window.controller.worker.gradient_checked.connect(
        sending, Qt.ConnectionType.DirectConnection)
    inspector.request_gradient_check()  # of network A (2-8-8-1)
    assert reached.wait(WAIT / 1000)  # sent; queued for this thread, which is "busy"
    window.network_panel.rows[0].units.setValue(5)  # network B: 2-5-8-1
    inspector.request_gradient_check()
    qtbot.waitUntil(lambda: len(sent) == 2 and inspector.gradient_check.report is not None,
                    timeout=WAIT)
    qtbot.waitUntil(lambda: not inspector.check_pending, timeout=WAIT)
    assert sent[0].checks[0].parameters == 24  # A's first layer
    shown = inspector.gradient_check.report
    assert shown is sent[1] and shown.checks[0].parameters == 5 * 2 + 5
    assert window.controller.worker.trainer.network.layer_sizes == [2, 5, 8, 1]


def test_a_shrunk_sample_is_said(qtbot):
    panel = GradientCheckPanel()
    qtbot.addWidget(panel)
    panel.show_report(GradientCheckReport(0, [LayerCheck(1, 1e-9, 1e-9, 20, 262_656)],
                                          weights_per_layer=16, biases_per_layer=4))
    assert "samples 16 weights and 4 biases per layer (not 160 and 48)" in panel.title.text()
    assert "16 weights and 4 biases" in panel.title.toolTip()
    panel.show_report(GradientCheckReport(0, [LayerCheck(1, 1e-9, 1e-9, 20, 20)]))
    assert "per layer" not in panel.title.text()
    assert "160 weights and 48 biases" in panel.title.toolTip()


def test_a_check_asked_for_just_after_a_step_still_shows(qtbot, wired):
    """Step, then G before the step's update arrived: the update ends "checking…", and
    the report (of the stepped network) that follows is shown."""
    inspector, controller = wired
    panel = inspector.gradient_check
    with qtbot.waitSignal(controller.gradient_checked, timeout=WAIT):
        controller.send("step_samples", 1)
        inspector.request_gradient_check()  # the step's update has not been delivered
    assert inspector.samples_seen == 1
    assert panel.report is not None and panel.report.samples_seen == 1


def test_reset_in_the_window_clears_the_gradient_check(qtbot, window):
    inspector = window.inspector
    window.docks["inspector"].raise_()
    panel = inspector.gradient_check
    with qtbot.waitSignal(window.controller.gradient_checked, timeout=WAIT):
        inspector.check_action.trigger()
    assert panel.isVisible() and len(panel.rows) == 3
    assert all(r.property("passed") and r.property("conclusive") for r in panel.rows)
    window.actions_.reset.trigger()
    assert not panel.isVisible() and panel.report is None and panel.rows == []


def test_shortcuts_step(qtbot, wired):
    inspector, controller = wired
    inspector.show()
    qtbot.waitExposed(inspector)
    inspector.activateWindow()
    qtbot.waitUntil(inspector.isActiveWindow, timeout=WAIT)
    with qtbot.waitSignal(controller.traced, timeout=WAIT):
        qtbot.keyClick(inspector, Qt.Key.Key_N)
    qtbot.keyClick(inspector, Qt.Key.Key_Period)
    assert inspector.index == 1
    qtbot.keyClick(inspector, Qt.Key.Key_Comma)
    assert inspector.index == 0
    with qtbot.waitSignal(inspector.apply_requested):
        qtbot.keyClick(inspector, Qt.Key.Key_F)
    assert all(a.toolTip() for a in inspector.actions())
