"""The live plots: real widgets fed synthetic TrainingUpdates, checked through their curves."""

import gc

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QTranslator

from fnnsim.engine.metrics import MetricBatch
from fnnsim.training.history import EpochRecord, SampleHistory
from fnnsim.training.qt_controller import TrainingUpdate
from fnnsim.ui.plots import LOG_PLOTS, PLOT_KEYS, LivePlots
from fnnsim.ui.plots.drawing import smoothing_window
from fnnsim.ui.plots.series import trailing_mean


@pytest.fixture
def plots(qtbot):
    p = LivePlots()
    yield p
    delete_now(p.widgets().values())


def delete_now(widgets):
    """Delete the widgets now, as a window closing does, rather than whenever Python's
    cycle collector gets to them."""
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def metrics(n, depth, seed=0):
    """Realistic per-sample metrics: positive norms, some zeros and infs in update_ratio."""
    rng = np.random.default_rng(seed)
    b = MetricBatch.empty(n, depth)
    b.loss[:] = rng.uniform(0.1, 1.0, n)
    b.grad_norm[:] = rng.lognormal(0.0, 1.0, n)
    b.grad_norm_clipped[:] = np.minimum(b.grad_norm, 1.0)
    b.clipped[:] = (b.grad_norm > 1.0).astype(float)
    for name in ("delta_norm", "grad_w_norm", "weight_norm"):
        getattr(b, name)[:] = rng.lognormal(-1.0, 1.0, (n, depth))
    b.update_ratio[:] = rng.lognormal(-5.0, 1.0, (n, depth))
    b.update_ratio[::7, 0] = 0.0
    b.update_ratio[3::11, -1] = np.inf
    b.saturated[:] = rng.integers(0, 5, (n, depth)) / 4
    b.dead[:] = rng.integers(0, 5, (n, depth)) / 4
    return b


def record(epoch, samples, depth, val_loss=0.5, val_accuracy=0.75):
    return EpochRecord(epoch, samples, 0.4, 0.8, val_loss, val_accuracy, 0.1,
                       np.zeros(4 + 6 * depth))


def update(first, batch, epochs=(), epoch=0, position=None):
    seen = first + len(batch)
    return TrainingUpdate(first, batch, list(epochs), epoch,
                          seen if position is None else position, seen, 0.0, [], [], "playing")


def data(curve):
    x, y = curve.xData, curve.yData
    return (np.empty(0), np.empty(0)) if x is None else (np.asarray(x), np.asarray(y))


def test_widgets_and_titles_have_stable_keys(plots):
    assert list(plots.widgets()) == list(PLOT_KEYS)
    assert list(plots.titles()) == list(PLOT_KEYS)
    assert all(isinstance(t, str) and t for t in plots.titles().values())


def test_one_curve_per_layer_and_reset_removes_old_ones(plots):
    plots.reset(5, "classification")
    for key in ("weight_norm", "delta_norm", "update_ratio"):
        assert list(plots.curves(key)) == [f"layer {i}" for i in range(1, 6)]
        item = plots.widgets()[key].getPlotItem()
        assert len(item.listDataItems()) == 5
        assert [label.text for _, label in item.legend.items] == [
            f"layer {i}" for i in range(1, 6)]
    plots.reset(2, "classification")
    assert len(plots.widgets()["delta_norm"].getPlotItem().listDataItems()) == 2


def test_per_sample_curves_hold_what_was_fed(plots):
    plots.reset(3, "classification")
    first = metrics(300, 3)
    second = metrics(200, 3, seed=1)
    plots.add_update(update(0, first))
    plots.add_update(update(300, second))
    plots.refresh()
    both = MetricBatch.concatenate([first, second])
    x, y = data(plots.curves("weight_norm")["layer 2"])
    np.testing.assert_array_equal(x, np.arange(500))
    np.testing.assert_array_equal(y, both.weight_norm[:, 1])
    x, y = data(plots.curves("delta_norm")["layer 3"])
    np.testing.assert_allclose(y, running_mean(both.delta_norm[:, 2], plots.smoothing()))
    x, y = data(plots.curves("loss")["sample"])
    np.testing.assert_allclose(y, running_mean(both.loss, plots.smoothing()))


def running_mean(y, window):
    """The trailing mean written the slow, obvious way (finite values only)."""
    out = []
    for i in range(len(y)):
        part = y[max(0, i - window + 1): i + 1]
        part = part[np.isfinite(part)]
        out.append(part.mean() if len(part) else np.nan)
    return np.array(out)


def test_updates_longer_than_the_recent_ring_stay_in_order(plots):
    plots.reset(1, "classification")
    ring = plots.series.max_points  # more than the full-resolution ring holds
    b = metrics(ring + 1234, 1)
    b.weight_norm[:, 0] = np.arange(len(b))  # each sample's value is its index
    plots.add_update(update(0, b))
    plots.refresh()
    x, y = data(plots.curves("weight_norm")["layer 1"])
    assert np.all(np.diff(x) > 0)
    np.testing.assert_allclose(y, x)  # bucket means of consecutive indices: their centre


def test_smoothing_window_is_a_round_number_that_follows_the_span():
    assert [smoothing_window(s) for s in (0, 1_000, 2_600, 5_000, 30_000, 10**7)] == [
        10, 10, 20, 50, 200, 100_000]


def test_smoothing_follows_the_zoom(plots, qtbot):
    plots.reset(1, "classification")
    b = metrics(5000, 1)
    plots.add_update(update(0, b))
    plots.refresh()
    wide = plots.smoothing()
    title = plots.widgets()["delta_norm"].getPlotItem().titleLabel.text
    assert wide == 50 and "50" in title
    plots.widgets()["delta_norm"].show()
    qtbot.waitExposed(plots.widgets()["delta_norm"])
    view = plots.widgets()["delta_norm"].getPlotItem().getViewBox()
    view.setXRange(4000, 4500, padding=0)
    view.sigRangeChangedManually.emit([True, True])
    qtbot.waitUntil(lambda: plots.smoothing() == 10)  # redrawn by itself after the zoom
    _, y = data(plots.curves("delta_norm")["layer 1"])
    np.testing.assert_allclose(y, running_mean(b.delta_norm[:, 0], 10))


def test_trailing_mean_skips_inf_and_nan():
    y = np.array([1.0, np.inf, 3.0, np.nan, 5.0, 7.0])
    np.testing.assert_allclose(trailing_mean(y, 3), running_mean(y, 3))
    assert np.isnan(trailing_mean(np.array([np.nan, np.nan]), 2)).all()


def test_epoch_points_are_the_records(plots):
    plots.reset(2, "classification")
    plots.add_update(update(0, metrics(100, 2), [record(1, 100, 2, 0.9, 0.5)], epoch=1,
                            position=0))
    plots.add_update(update(100, metrics(100, 2), [record(2, 200, 2, 0.3, 0.875)], epoch=2,
                            position=0))
    plots.refresh()
    x, y = data(plots.curves("loss")["validation"])
    assert (x[-1], y[-1]) == (200, 0.3)
    x, y = data(plots.curves("accuracy")["validation"])
    np.testing.assert_array_equal(x, [100, 200])
    np.testing.assert_array_equal(y, [0.5, 0.875])
    x, y = data(plots.curves("accuracy")["train"])
    np.testing.assert_array_equal(y, [0.8, 0.8])


def test_log_axes_on_delta_gradient_and_update_plots(plots):
    assert sorted(LOG_PLOTS) == ["delta_norm", "grad_norm", "update_ratio"]
    for key, widget in plots.widgets().items():
        assert widget.getPlotItem().getAxis("left").logMode == (key in LOG_PLOTS)


def test_log_plots_drop_zeros_inf_and_nan_and_paint(plots, qtbot):
    plots.reset(2, "classification")
    b = metrics(400, 2)
    b.update_ratio[:, 0] = 0.0  # a layer whose weights never moved
    b.update_ratio[:50, 1] = np.inf  # W was exactly zero
    b.delta_norm[10:20, 0] = np.nan
    b.grad_norm[:5] = 0.0
    plots.add_update(update(0, b))
    plots.refresh()
    x, y = data(plots.curves("update_ratio")["layer 1"])
    assert len(x) == 0
    x, y = data(plots.curves("update_ratio")["layer 2"])
    assert np.all(np.isfinite(y)) and np.all(y > 0)
    assert x[0] == 50  # the first sample with a finite ratio
    for key in LOG_PLOTS:
        for curve in plots.curves(key).values():
            assert np.all(data(curve)[1] > 0)
    for widget in plots.widgets().values():  # painting must not warn either
        widget.resize(400, 250)
        assert not widget.grab().isNull()


def test_clipping_markers_at_the_clipped_samples(plots):
    plots.reset(2, "classification")
    b = metrics(300, 2)
    b.clipped[:] = 0.0
    fired = np.array([3, 40, 41, 299])
    b.clipped[fired] = 1.0
    plots.add_update(update(0, b))
    plots.refresh()
    x, y = data(plots.curves("grad_norm")["fired"])
    np.testing.assert_array_equal(x, fired)
    np.testing.assert_array_equal(y, b.grad_norm[fired])


def test_x_axis_in_epochs_rescales_every_series(plots):
    plots.reset(2, "classification", epoch_size=100)
    plots.add_update(update(0, metrics(250, 2), [record(1, 100, 2), record(2, 200, 2)],
                            epoch=2, position=50))
    plots.refresh()
    bottom = plots.widgets()["delta_norm"].getPlotItem().getAxis("bottom")
    assert data(plots.curves("weight_norm")["layer 1"])[0][-1] == 249
    plots.set_x_axis("epochs")
    plots.refresh()
    np.testing.assert_allclose(data(plots.curves("weight_norm")["layer 1"])[0],
                               np.arange(250) / 100)
    np.testing.assert_array_equal(data(plots.curves("accuracy")["validation"])[0], [1, 2])
    assert bottom.labelText == "epochs"
    lo, hi = plots.widgets()["saturation"].getPlotItem().getViewBox().viewRange()[0]
    assert lo <= 0 and 2.49 <= hi < 3  # the linked x range followed
    plots.set_x_axis("samples")
    plots.refresh()
    assert data(plots.curves("accuracy")["validation"])[0][-1] == 200
    assert bottom.labelText == "samples"
    with pytest.raises(ValueError):
        plots.set_x_axis("minutes")


def test_epoch_size_is_learnt_from_updates(plots):
    plots.reset(1, "classification")
    plots.set_x_axis("epochs")
    assert plots.x_scale() == 1.0  # unknown yet: still plotted by sample
    plots.add_update(update(0, metrics(250, 1), [record(1, 100, 1), record(2, 200, 1)],
                            epoch=2, position=50))
    assert plots.epoch_size == 100 and plots.x_scale() == 0.01


def test_all_x_axes_are_linked_and_show_the_same_samples(plots, qtbot):
    master = plots.widgets()["loss"].getPlotItem().getViewBox()
    for key, widget in plots.widgets().items():
        if key != "loss":
            assert widget.getPlotItem().getViewBox().linkedView(0) is master
    # docks partly side by side: pyqtgraph's own link would shift the ranges on screen
    for i, key in enumerate(("loss", "update_ratio", "saturation")):
        widget = plots.widgets()[key]
        widget.setGeometry(150 * i, 320 * i, 400, 300)
        widget.show()
        qtbot.waitExposed(widget)
    plots.add_update(update(0, metrics(1000, 1)))
    plots.refresh()
    zoomed = plots.widgets()["update_ratio"].getPlotItem().getViewBox()
    zoomed.setXRange(300, 400, padding=0)
    for widget in plots.widgets().values():
        assert widget.getPlotItem().getViewBox().viewRange()[0] == pytest.approx([300, 400])


def test_x_range_follows_the_run_until_the_learner_zooms(plots, qtbot):
    plots.reset(1, "classification")
    view = plots.widgets()["delta_norm"].getPlotItem().getViewBox()
    plots.add_update(update(0, metrics(1000, 1)))
    plots.refresh()
    lo, hi = view.viewRange()[0]
    assert lo <= 0 and 999 <= hi <= 1.25 * 999 * 1.05
    view.setXRange(100, 200, padding=0)
    view.sigRangeChangedManually.emit([True, True])  # as a mouse zoom does
    plots.add_update(update(1000, metrics(5000, 1)))
    plots.refresh()
    assert view.viewRange()[0] == pytest.approx([100, 200])
    button = plots.widgets()["loss"].getPlotItem().autoBtn  # the "A" button
    button.clicked.emit(button)
    qtbot.wait(20)
    plots.refresh()
    lo, hi = view.viewRange()[0]
    assert lo <= 0 and hi >= 5999


def test_ten_million_samples_keep_memory_bounded(plots):
    depth, n = 2, 500_000
    plots.reset(depth, "classification", epoch_size=n)
    b = MetricBatch.empty(n, depth)
    b.loss[:] = np.linspace(1.0, 0.5, n)
    b.grad_norm[:] = b.grad_norm_clipped[:] = 1.0
    b.clipped[::2] = 1.0
    b.delta_norm[:] = b.update_ratio[:] = b.weight_norm[:] = 0.5
    history = plots.series.history
    held = fixed_arrays(history)
    for i in range(20):
        b.weight_norm[-1] = i  # mark the last sample of each batch
        plots.add_update(update(i * n, b))
    plots.refresh()
    assert history.total == 10_000_000 and fixed_arrays(history) == held
    assert history._partial is None or len(history._partial) < history.width  # < 1 bucket
    for key in PLOT_KEYS:
        for curve in plots.curves(key).values():
            x, _ = data(curve)
            assert len(x) <= plots.series.max_points
    x, _ = data(plots.curves("weight_norm")["layer 1"])
    assert x[-1] > 9_999_999 - history.width  # the run in buckets: a bucket's centre
    assert len(data(plots.curves("grad_norm")["fired"])[0]) > 1000
    view = plots.widgets()["weight_norm"].getPlotItem().getViewBox()
    view.setXRange(9_999_000, 10_000_000, padding=0)  # a close-up of the end: every sample
    view.sigRangeChangedManually.emit([True, True])
    plots.refresh()
    x, y = data(plots.curves("weight_norm")["layer 1"])
    assert x[-1] == 9_999_999 and y[-1] == 19 and np.all(np.diff(x)[-1000:] == 1)


def fixed_arrays(history: SampleHistory) -> dict[str, int]:
    """Bytes of each preallocated array (ring, buckets): they must never grow."""
    return {k: a.nbytes for k, a in vars(history).items()
            if isinstance(a, np.ndarray) and k != "_partial"}


def test_updates_of_the_previous_run_are_ignored_after_reset(plots):
    plots.reset(2, "classification")
    plots.add_update(update(0, metrics(500, 2)))
    plots.reset(2, "classification")
    plots.add_update(update(500, metrics(100, 2)))  # queued before the reset
    plots.refresh()
    assert len(data(plots.curves("weight_norm")["layer 1"])[0]) == 0
    plots.add_update(update(0, MetricBatch.empty(0, 2)))  # the new run's first update
    plots.add_update(update(0, metrics(30, 2)))
    plots.refresh()
    np.testing.assert_array_equal(data(plots.curves("weight_norm")["layer 1"])[0],
                                  np.arange(30))


def test_a_run_starting_again_at_sample_zero_replaces_the_old_one(plots):
    plots.reset(2, "classification")
    plots.add_update(update(0, metrics(500, 2), [record(1, 500, 2)], epoch=1, position=0))
    plots.add_update(update(0, metrics(20, 2)))
    plots.refresh()
    assert len(data(plots.curves("delta_norm")["layer 2"])[0]) == 20
    assert len(data(plots.curves("accuracy")["validation"])[0]) == 0


def test_updates_of_another_depth_are_ignored(plots):
    plots.reset(3, "classification")
    plots.add_update(update(0, metrics(50, 2)))
    plots.refresh()
    assert plots.series.history.total == 0


def test_hidden_plots_are_drawn_when_shown(plots, qtbot):
    plots.reset(2, "classification")
    shown, hidden = plots.widgets()["delta_norm"], plots.widgets()["weight_norm"]
    shown.show()
    qtbot.waitExposed(shown)
    plots.add_update(update(0, metrics(100, 2)))
    qtbot.waitUntil(lambda: len(data(plots.curves("delta_norm")["layer 1"])[0]) == 100)
    assert len(data(plots.curves("weight_norm")["layer 1"])[0]) == 0
    hidden.show()
    qtbot.waitUntil(lambda: len(data(plots.curves("weight_norm")["layer 1"])[0]) == 100)


def test_many_updates_coalesce_into_few_frames(plots, qtbot):
    plots.reset(2, "classification")
    widget = plots.widgets()["loss"]
    widget.show()
    qtbot.waitExposed(widget)
    frames = plots.frames
    for i in range(50):  # no event processing in between: the throttle timer cannot fire
        plots.add_update(update(10 * i, metrics(10, 2, seed=i)))
    assert plots.frames - frames <= 1
    qtbot.waitUntil(lambda: len(data(plots.curves("loss")["sample"])[0]) == 500)
    assert plots.frames - frames <= 2


def test_accuracy_plot_explains_itself_for_regression(plots):
    plots.reset(2, "regression")
    assert "classification" in plots.note("accuracy")
    plots.reset(2, "classification")
    assert plots.note("accuracy") == ""
    with pytest.raises(ValueError):
        plots.reset(2, "clustering")


def test_saturation_curves_follow_the_activations(plots):
    plots.reset(3, "classification", activations=["relu", "tanh", "sigmoid"])
    assert list(plots.curves("saturation")) == ["dead 1", "saturated 2", "saturated 3"]
    plots.reset(2, "classification")
    assert list(plots.curves("saturation")) == [
        "saturated 1", "dead 1", "saturated 2", "dead 2"]
    b = metrics(120, 2)
    plots.add_update(update(0, b))
    plots.refresh()
    _, y = data(plots.curves("saturation")["dead 2"])
    np.testing.assert_allclose(y, running_mean(b.dead[:, 1], plots.smoothing()))


def test_deleting_a_plot_deletes_its_curves_and_legend(qtbot):
    p = LivePlots()
    widget = p.widgets()["delta_norm"]
    curve = p.curves("delta_norm")["layer 1"]
    sample, label = widget.getPlotItem().legend.items[0]
    delete_now(p.widgets().values())
    # pyqtgraph's ViewBox would outlive the widget, to be torn down by the garbage
    # collector at a random moment (and fail there: see figure.discard)
    assert not any(shiboken6.isValid(item) for item in (curve, sample, label))


class Marking(QTranslator):
    """Translates every string of the LivePlots context to «…», to find untranslated ones."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»" if context == "LivePlots" else None


def test_user_visible_strings_are_translatable(qtbot):
    translator = Marking()
    QCoreApplication.installTranslator(translator)
    try:
        p = LivePlots()
        titles = p.titles()
        p.reset(2, "regression")
        labels = [p.widgets()[k].getPlotItem().getAxis("left").labelText for k in PLOT_KEYS]
        legend = [label.text for _, label in p.widgets()["delta_norm"].getPlotItem().legend.items]
        note = p.note("accuracy")
        delete_now(p.widgets().values())
    finally:
        QCoreApplication.removeTranslator(translator)
    for text in [*titles.values(), *labels, *legend, note]:
        assert text.startswith("«"), text
