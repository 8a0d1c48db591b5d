"""Compare runs (A/B) in the real window: pin a run, change a setting, B starts from A's
initial weights and A's curves stay in every plot, dashed, until cleared."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt

from fnnsim.training.experiment import build_network
from fnnsim.ui.compare import describe_changes, reference_label
from fnnsim.ui.main_window import default_config
from fnnsim.ui.plots import LOG_PLOTS, PLOT_KEYS

from .conftest import WAIT
from .test_plots import running_mean


def trainer(window):
    return window.controller.worker.trainer


def set_activations(qtbot, window, name):
    for row in window.network_panel.rows:
        row.activation.setCurrentText(name)
    qtbot.waitUntil(lambda: trainer(window).network.activations[:-1] == [name] * len(
        window.network_panel.rows) and trainer(window).samples_seen == 0, timeout=WAIT)


def train_epochs(qtbot, window, n):
    for _ in range(n):
        before = trainer(window).epoch
        window.actions_.step_epoch.trigger()
        qtbot.waitUntil(lambda b=before: trainer(window).epoch == b + 1, timeout=WAIT)
    qtbot.waitUntil(lambda: window.plots.series.end == trainer(window).samples_seen
                    and len(window.plots.epochs) == n, timeout=WAIT)


def pin(qtbot, window):
    window.actions_.pin_reference.trigger()
    qtbot.waitUntil(lambda: window.plots.reference() is not None
                    and trainer(window).samples_seen == 0, timeout=WAIT)
    qtbot.wait(50)  # the reset run's first updates


def parameters(network):
    return [w.copy() for w in network.weights], [b.copy() for b in network.biases]


@pytest.fixture
def sigmoid_run(qtbot, window):
    """Run A: sigmoid hidden layers, one weight edited before training (so A's initial
    weights are not what any config would draw), trained two epochs."""
    set_activations(qtbot, window, "sigmoid")
    window.controller.send("set_weight", 1, 0, 0, 0.123)  # as the diagram's click-to-edit
    qtbot.waitUntil(lambda: trainer(window).network.weights[0][0, 0] == 0.123, timeout=WAIT)
    initial = parameters(trainer(window).network)
    train_epochs(qtbot, window, 2)
    return initial


def test_b_starts_from_a_initial_weights_bit_for_bit(qtbot, window, sigmoid_run):
    a_weights, a_biases = sigmoid_run
    pin(qtbot, window)
    set_activations(qtbot, window, "relu")
    network = trainer(window).network
    assert network.activations == ["relu", "relu", "sigmoid"]
    for got, want in zip(network.weights + network.biases, a_weights + a_biases,
                         strict=True):
        assert got.dtype == want.dtype and np.array_equal(got, want)
    # … which the config alone would not give (the edited weight)
    assert build_network(window.config, window.data.train).weights[0][0, 0] != 0.123
    ref = window.plots.reference()
    assert ref.text == "A: activation sigmoid → relu"
    # in full where the plot is wide; a narrow plot's legend names A by its letter
    assert ref.label("loss") == ref.text
    assert window.plots.widgets()["weight_norm"].getPlotItem().getViewBox().width() < 360
    assert ref.label("weight_norm") == "A"
    # Reset (R) starts B over from A's weights again
    train_epochs(qtbot, window, 1)
    window.actions_.reset.trigger()
    qtbot.waitUntil(lambda: trainer(window).samples_seen == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: np.array_equal(trainer(window).network.weights[0], a_weights[0]),
                    timeout=WAIT)


def expected_curve(key, name, history, window, epochs):
    """What A's curve `name` of plot `key` must show, from the worker's own record of
    run A (per-sample rows and epoch records), worked out here independently: a function
    of the sample index (or the epochs' y)."""
    if name in ("train", "validation"):
        what = "loss" if key == "loss" else "accuracy"
        return np.array([getattr(r, f"{'val' if name == 'validation' else 'train'}_{what}")
                         for r in epochs])
    column = {"sample": "loss", "raw": "grad_norm", "clipped": "grad_norm_clipped",
              "fired": "grad_norm"}.get(name) or (
        f"{key}_{name.split()[1]}" if name.startswith("layer") else name.replace(" ", "_"))
    values = history[column]
    if key == "weight_norm" or name == "fired":
        return values
    return running_mean(values, window)


def test_reference_curves_are_dashed_and_hold_a_data(qtbot, window, sigmoid_run):
    plots = window.plots
    t = trainer(window)
    _, rows = t.samples.recent()
    history = dict(zip(t.samples.columns, rows.T, strict=True))
    epochs = list(t.epochs.records)
    live_names = {key: set(plots.curves(key)) for key in PLOT_KEYS}
    pin(qtbot, window)
    set_activations(qtbot, window, "relu")
    plots.refresh()
    ref = plots.reference()
    for key in PLOT_KEYS:
        # A's curves: those A had (sigmoid layers saturate; B's relu layers die instead)
        assert set(ref.curves[key]) == live_names[key], key
        for name, curve in ref.curves[key].items():
            pen = curve.opts["pen"]
            if pen is not None:  # (not the markers where clipping fired)
                assert pen.style() == Qt.PenStyle.DashLine
                live = plots.curves(key).get(name)
                if live is not None and key != "saturation":
                    assert pen.color() != live.opts["pen"].color()  # a dimmer shade …
                    assert pen.color().hue() == live.opts["pen"].color().hue()  # … of it
            x, y = curve.xData, curve.yData
            if x is None or not len(x):
                assert name == "fired"  # A never clipped
                continue
            if isinstance(curve, pg.PlotCurveItem) and key in LOG_PLOTS:
                y = 10.0 ** y  # (a PlotCurveItem on a log axis holds log10 y)
            want = expected_curve(key, name, history, plots.smoothing(), epochs)
            if name in ("train", "validation"):
                np.testing.assert_array_equal(x, [r.samples for r in epochs])
                np.testing.assert_allclose(y, want, rtol=1e-12)
            else:
                assert len(x) > 50 and x[-1] == len(history["loss"]) - 1, (key, name)
                np.testing.assert_allclose(y, want[x.astype(int)], rtol=1e-9)
        assert ref.label(key) in ("A", ref.text)  # (by width: see the test above)
        assert any(label.text == ref.label(key) for _, label in
                   plots.widgets()[key].getPlotItem().legend.items)
    # B trains; A's curves stay as they were
    a_train = ref.curves["accuracy"]["train"].yData.copy()
    train_epochs(qtbot, window, 1)
    plots.refresh()
    np.testing.assert_array_equal(ref.curves["accuracy"]["train"].yData, a_train)
    assert len(plots.curve_data("accuracy", "train")[1]) == 1


def test_clear_removes_the_reference(qtbot, window, sigmoid_run):
    plots = window.plots
    counts = {k: len(plots.widgets()[k].getPlotItem().items) for k in PLOT_KEYS}
    pin(qtbot, window)
    assert window.actions_.clear_reference.isEnabled()
    assert all(len(plots.widgets()[k].getPlotItem().items) > counts[k] for k in PLOT_KEYS)
    window.actions_.clear_reference.trigger()
    assert plots.reference() is None and not window.actions_.clear_reference.isEnabled()
    for key in PLOT_KEYS:
        item = plots.widgets()[key].getPlotItem()
        assert len(item.items) == counts[key]
        assert not any(label.text.startswith("A") for _, label in item.legend.items)
    # and new runs start from their own initial weights again
    set_activations(qtbot, window, "tanh")
    assert np.array_equal(trainer(window).network.weights[0],
                          build_network(window.config, window.data.train).weights[0])


def test_x_axis_in_epochs_and_samples_for_both_runs(qtbot, window, sigmoid_run):
    plots = window.plots
    epoch_size = window.data.train.n_samples
    pin(qtbot, window)
    train_epochs(qtbot, window, 1)
    ref = plots.reference()
    plots.refresh()
    samples_x = ref.curves["delta_norm"]["layer 1"].xData.copy()
    live_x = plots.curve_data("delta_norm", "layer 1")[0]
    a_epochs = ref.curves["loss"]["train"].xData.copy()
    np.testing.assert_array_equal(a_epochs, [epoch_size, 2 * epoch_size])
    window.set_x_axis("epochs")
    plots.refresh()
    assert plots.widgets()["loss"].getPlotItem().getAxis("bottom").labelText == "epochs"
    np.testing.assert_array_equal(ref.curves["loss"]["train"].xData, [1, 2])
    np.testing.assert_array_equal(plots.curve_data("loss", "train")[0], [1])
    assert ref.curves["delta_norm"]["layer 1"].xData[-1] == pytest.approx(
        samples_x[-1] / epoch_size)
    assert plots.curve_data("delta_norm", "layer 1")[0][-1] == pytest.approx(
        live_x[-1] / epoch_size)
    # the whole of A stays in view: its last epoch, with B at one
    low, high = plots.widgets()["loss"].getPlotItem().getViewBox().viewRange()[0]
    assert low <= 0 and high >= 2
    window.set_x_axis("samples")
    plots.refresh()
    np.testing.assert_array_equal(ref.curves["loss"]["train"].xData, a_epochs)


def test_reference_is_drawn_once_per_view_change(qtbot, window, sigmoid_run):
    plots = window.plots
    pin(qtbot, window)
    ref = plots.reference()
    plots.refresh()
    drawn = ref.draws
    window.actions_.step_sample.trigger()  # B moves; the view (A's whole run) does not
    qtbot.waitUntil(lambda: plots.series.end == 1, timeout=WAIT)
    plots.refresh()
    assert ref.draws == drawn
    view = plots.widgets()["loss"].getPlotItem().getViewBox()
    view.setXRange(0, 100, padding=0)  # the learner zooms: A is drawn for the new view
    plots.refresh()
    assert ref.draws == drawn + len(PLOT_KEYS)


def test_a_new_architecture_starts_from_its_own_weights_and_says_so(qtbot, window,
                                                                    sigmoid_run):
    pin(qtbot, window)
    panel = window.network_panel
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(trainer(window).network.weights) == 4, timeout=WAIT)
    qtbot.waitUntil(lambda: np.array_equal(
        trainer(window).network.weights[0],
        build_network(window.config, window.data.train).weights[0]), timeout=WAIT)
    label = window.plots.reference().text
    assert label.startswith("A: hidden layers 8-8 → 8-8-8")
    assert label.endswith("; different initial weights")
    # A keeps its own depth: three layer curves beside B's four
    assert len(window.plots.reference().curves["delta_norm"]) == 3
    assert len(window.plots.curves("delta_norm")) == 4


def test_live_setting_changes_relabel_a(qtbot, window, sigmoid_run):
    pin(qtbot, window)
    panel = window.training_panel
    panel.l2.setValue(0.003)
    panel.l2_on.setChecked(True)
    panel.clip_threshold.setValue(1.0)
    panel.clip_mode.setCurrentIndex(panel.clip_mode.findData("global_norm"))
    qtbot.waitUntil(lambda: "clipping" in window.plots.reference().text, timeout=WAIT)
    assert window.plots.reference().text == (
        "A: L2 0 → 0.003, clipping off → global 1")


def test_describe_changes_names_each_difference():
    a, b = default_config(), default_config()
    assert reference_label(a, b, True) == "A: same settings"
    b.network.hidden[0].activation = b.network.hidden[1].activation = "relu"
    b.training.clip_mode, b.training.clip_threshold = "global_norm", 1.0
    b.training.l2 = 0.003
    assert describe_changes(a, b) == [
        "activation tanh → relu", "L2 0 → 0.003", "clipping off → global 1"]
    b.network.hidden[1].activation = "sigmoid"
    b.training.learning_rate = 0.1
    assert describe_changes(a, b)[:2] == ["activation tanh → relu/sigmoid",
                                          "learning rate 0.03 → 0.1"]
    assert reference_label(a, b, False) == (
        "A: activation tanh → relu/sigmoid, learning rate 0.03 → 0.1, L2 0 → 0.003, …; "
        "different initial weights")


def test_pin_before_training_and_pin_again(qtbot, window):
    initial = parameters(trainer(window).network)
    pin(qtbot, window)  # nothing trained yet: A has no curves, but B starts from A's weights
    assert window.compare.pinned.samples_seen == 0
    window.plots.refresh()
    assert len(window.plots.reference().curves["loss"]["sample"].xData) == 0
    train_epochs(qtbot, window, 1)
    pin(qtbot, window)  # B becomes the new A: still the same initial weights
    assert window.compare.pinned.samples_seen == window.data.train.n_samples
    window.plots.refresh()
    assert window.plots.reference().curves["loss"]["train"].xData.tolist() == [
        window.data.train.n_samples]
    for got, want in zip(trainer(window).network.weights, initial[0], strict=True):
        assert np.array_equal(got, want)
    # one A in the legends, not two
    assert sum(label.text.startswith("A") for _, label in
               window.plots.widgets()["loss"].getPlotItem().legend.items) == 1
