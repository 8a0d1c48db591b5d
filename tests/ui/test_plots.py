"""The live plots: real widgets fed synthetic TrainingUpdates, checked through their curves."""

import dataclasses
import gc
import itertools

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QTranslator
from PySide6.QtGui import QFontMetricsF, QPainter, QPicture

from fnnsim.engine.metrics import MetricBatch
from fnnsim.training.history import EpochRecord, metric_columns
from fnnsim.training.qt_controller import TrainingUpdate
from fnnsim.ui.plots import LOG_PLOTS, PLOT_KEYS, LivePlots
from fnnsim.ui.plots.drawing import smoothing_window
from fnnsim.ui.plots.figure import MIN_TICK_PIXELS, CountAxis, LayerKey, si_labels
from fnnsim.ui.plots.series import SampleStore, trailing_mean


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
        # one legend row for all layers: each layer's colour, in order
        [(key_sample, label)] = item.legend.items
        assert isinstance(key_sample, LayerKey) and label.text == "layer"
        assert [c.name() for c in key_sample.colors] == [
            c.opts["pen"].color().name() for c in plots.curves(key).values()]
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
    x, y = plots.curve_data("weight_norm", "layer 2")
    np.testing.assert_array_equal(x, np.arange(500))
    np.testing.assert_array_equal(y, both.weight_norm[:, 1])
    # running means: at a point every other pixel column (more than 2 samples a column)
    x, y = plots.curve_data("delta_norm", "layer 3")
    assert x[0] == 0 and x[-1] == 499 and len(x) >= 200
    at = x.astype(int)
    np.testing.assert_allclose(y, running_mean(both.delta_norm[:, 2], plots.smoothing())[at])
    x, y = plots.curve_data("loss", "sample")
    np.testing.assert_allclose(y, running_mean(both.loss, plots.smoothing())[x.astype(int)])


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
    x, y = plots.curve_data("weight_norm", "layer 1")
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
    x, y = plots.curve_data("delta_norm", "layer 1")
    # only what is in view (and a point on each side), the running mean of single samples
    assert x[0] == 3999 and x[-1] == 4501 and np.all(np.diff(x) >= 1)
    width = plots.widgets()["delta_norm"].getPlotItem().getViewBox().width()
    assert len(x) >= 0.4 * min(500, width)  # (a point every other pixel column)
    np.testing.assert_allclose(y, running_mean(b.delta_norm[:, 0], 10)[x.astype(int)])


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
    x, y = plots.curve_data("loss", "validation")
    assert (x[-1], y[-1]) == (200, 0.3)
    x, y = plots.curve_data("accuracy", "validation")
    np.testing.assert_array_equal(x, [100, 200])
    np.testing.assert_array_equal(y, [0.5, 0.875])
    x, y = plots.curve_data("accuracy", "train")
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
    x, y = plots.curve_data("update_ratio", "layer 1")
    assert len(x) == 0
    x, y = plots.curve_data("update_ratio", "layer 2")
    assert np.all(np.isfinite(y)) and np.all(y > 0)
    assert x[0] == 50  # the first sample with a finite ratio
    for key in LOG_PLOTS:
        for name in plots.curves(key):
            assert np.all(plots.curve_data(key, name)[1] > 0)
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
    x, y = plots.curve_data("grad_norm", "fired")
    np.testing.assert_array_equal(x, fired)
    np.testing.assert_array_equal(y, b.grad_norm[fired])


def test_x_axis_in_epochs_rescales_every_series(plots):
    plots.reset(2, "classification", epoch_size=100)
    plots.add_update(update(0, metrics(250, 2), [record(1, 100, 2), record(2, 200, 2)],
                            epoch=2, position=50))
    plots.refresh()
    bottom = plots.widgets()["delta_norm"].getPlotItem().getAxis("bottom")
    assert plots.curve_data("weight_norm", "layer 1")[0][-1] == 249
    plots.set_x_axis("epochs")
    plots.refresh()
    np.testing.assert_allclose(plots.curve_data("weight_norm", "layer 1")[0],
                               np.arange(250) / 100)
    np.testing.assert_array_equal(plots.curve_data("accuracy", "validation")[0], [1, 2])
    assert bottom.labelText == "epochs"
    lo, hi = plots.widgets()["saturation"].getPlotItem().getViewBox().viewRange()[0]
    assert lo <= 0 and 2.49 <= hi < 3  # the linked x range followed
    plots.set_x_axis("samples")
    plots.refresh()
    assert plots.curve_data("accuracy", "validation")[0][-1] == 200
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
    store = plots.series.store
    held = fixed_arrays(store)
    for i in range(20):
        b.weight_norm[-1] = i  # mark the last sample of each batch
        plots.add_update(update(i * n, b))
    plots.refresh()
    assert store.total == 10_000_000 and fixed_arrays(store) == held
    assert store._partial_count < store.width  # less than one bucket not yet in buckets
    width = plots.widgets()["grad_norm"].getPlotItem().getViewBox().width()
    for key in PLOT_KEYS:
        for name in plots.curves(key):
            x, _ = plots.curve_data(key, name)
            assert len(x) <= 2 * width + 4  # decimated: a min/max pair per pixel column
    x, _ = plots.curve_data("weight_norm", "layer 1")
    assert x[-1] > 9_999_999 - store.width  # the run in buckets: a bucket's centre
    fired, _ = plots.curve_data("grad_norm", "fired")
    assert len(fired) > width / 4 and fired[0] < 10_000 and fired[-1] > 9_990_000
    view = plots.widgets()["weight_norm"].getPlotItem().getViewBox()
    view.setXRange(9_999_000, 10_000_000, padding=0)  # a close-up of the end: every sample
    view.sigRangeChangedManually.emit([True, True])
    plots.refresh()
    x, y = plots.curve_data("weight_norm", "layer 1")
    assert x[-1] == 9_999_999 and y[-1] == 19 and np.all(np.diff(x)[-1000:] == 1)


def test_a_store_seeded_with_buckets_goes_on_as_if_fed_every_sample():
    depth, width = 2, 4
    batch = metrics(1000, depth)
    rows = np.vstack([getattr(batch, name).reshape(1000, -1).T
                      for name, _ in SampleStore(depth)._fields])  # (columns, samples)
    fed = SampleStore(depth, recent=16, buckets=8)
    fed.append(batch)
    seeded = SampleStore(depth, recent=16, buckets=8)
    # 200 buckets of 4 samples: merged down to fit 8 (an odd one out on the way)
    sums = rows[:, :800].reshape(len(rows), 200, width).sum(axis=2)
    seeded.seed(width, sums)
    assert seeded.total == 800
    seeded.append(MetricBatch(**{k: v[800:] for k, v in vars(batch).items()}))
    assert (seeded.total, seeded.width, seeded.complete_buckets, seeded.partial_count) == (
        fed.total, fed.width, fed.complete_buckets, fed.partial_count) == (1000, 128, 7, 104)
    every = list(range(len(rows)))
    finite = np.isfinite(rows).all(axis=1)  # update_ratio has infs: their sums are inf
    np.testing.assert_allclose(seeded.bucket_means(every, 7, partial=True)[finite],
                               fed.bucket_means(every, 7, partial=True)[finite], rtol=1e-12)
    assert np.array_equal(seeded.recent(every, 0), fed.recent(every, 0))


def test_a_reopened_long_run_is_drawn_from_its_first_sample(plots):
    depth = 2
    plots.reset(depth, "classification")
    names = metric_columns(depth)
    sums = np.ones((6, len(names))) * 8.0  # 6 buckets of 8 samples, each sample 1.0
    first = dataclasses.replace(update(0, MetricBatch.empty(0, depth)), summary=(8, sums))
    plots.add_update(first)
    plots.add_update(update(48, metrics(30, depth)))
    plots.refresh()
    x, y = plots.curve_data("weight_norm", "layer 1")
    assert x[0] < 8 and y[0] == 1.0 and x[-1] == 77
    assert plots.series.end == 78


def fixed_arrays(store: SampleStore) -> dict[str, int]:
    """Bytes of each preallocated array (ring, buckets): they must never grow."""
    return {k: a.nbytes for k, a in vars(store).items() if isinstance(a, np.ndarray)}


def test_updates_of_the_previous_run_are_ignored_after_reset(plots):
    plots.reset(2, "classification")
    plots.add_update(update(0, metrics(500, 2)))
    plots.reset(2, "classification")
    plots.add_update(update(500, metrics(100, 2)))  # queued before the reset
    plots.refresh()
    assert len(plots.curve_data("weight_norm", "layer 1")[0]) == 0
    plots.add_update(update(0, MetricBatch.empty(0, 2)))  # the new run's first update
    plots.add_update(update(0, metrics(30, 2)))
    plots.refresh()
    np.testing.assert_array_equal(plots.curve_data("weight_norm", "layer 1")[0],
                                  np.arange(30))


def test_a_run_starting_again_at_sample_zero_replaces_the_old_one(plots):
    plots.reset(2, "classification")
    plots.add_update(update(0, metrics(500, 2), [record(1, 500, 2)], epoch=1, position=0))
    plots.add_update(update(0, metrics(20, 2)))
    plots.refresh()
    assert len(plots.curve_data("delta_norm", "layer 2")[0]) == 20
    assert len(plots.curve_data("accuracy", "validation")[0]) == 0


def test_updates_of_another_depth_are_ignored(plots):
    plots.reset(3, "classification")
    plots.add_update(update(0, metrics(50, 2)))
    plots.refresh()
    assert plots.series.total == 0


def test_hidden_plots_are_drawn_when_shown(plots, qtbot):
    plots.reset(2, "classification")
    shown, hidden = plots.widgets()["delta_norm"], plots.widgets()["weight_norm"]
    shown.show()
    qtbot.waitExposed(shown)
    plots.add_update(update(0, metrics(100, 2)))
    qtbot.waitUntil(lambda: len(plots.curve_data("delta_norm", "layer 1")[0]) == 100)
    assert len(plots.curve_data("weight_norm", "layer 1")[0]) == 0
    hidden.show()
    qtbot.waitUntil(lambda: len(plots.curve_data("weight_norm", "layer 1")[0]) == 100)


def test_many_updates_coalesce_into_few_frames(plots, qtbot):
    plots.reset(2, "classification")
    widget = plots.widgets()["loss"]
    widget.show()
    qtbot.waitExposed(widget)
    frames = plots.frames
    for i in range(50):  # no event processing in between: the throttle timer cannot fire
        plots.add_update(update(10 * i, metrics(10, 2, seed=i)))
    assert plots.frames - frames <= 1
    qtbot.waitUntil(lambda: plots.curve_data("loss", "sample")[0][-1:].tolist() == [499])
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
    _, y = plots.curve_data("saturation", "dead 2")
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


# ---- the parts that keep drawing cheap: bounded store, decimation, scheduling ----

def test_sample_store_holds_the_newest_samples_and_exact_bucket_means():
    rng = np.random.default_rng(3)
    store = SampleStore(2, recent=64, buckets=8)
    batches = [metrics(int(n), 2, seed=i) for i, n in enumerate(rng.integers(1, 150, 40))]
    for b in batches:
        store.append(b)
    both = MetricBatch.concatenate(batches)
    n = len(both)
    assert store.total == n and store.width > 1  # the buckets have merged
    c = store.columns["delta_norm_2"]
    np.testing.assert_array_equal(store.recent([c], 0)[0], both.delta_norm[n - 64:, 1])
    complete = store.complete_buckets
    means = both.delta_norm[:complete * store.width, 1].reshape(complete, -1).mean(axis=1)
    np.testing.assert_allclose(store.bucket_means([c], complete)[0], means)
    assert store.partial_count == n - complete * store.width < store.width
    assert "grad_w_norm_1" not in store.columns  # not drawn: not kept


def test_envelope_keeps_each_pixel_columns_extremes_in_order():
    from fnnsim.ui.plots.drawing import decimate

    x = np.arange(100_000, dtype=float)
    y = np.sin(x / 5000)
    y[31_234], y[77_777] = 5.0, -5.0  # one-sample spikes
    dx, dy = decimate(x, y, 0.0, 99_999.0, 200)
    assert len(dx) <= 2 * 202 + 2 and np.all(np.diff(dx) > 0)
    assert dx[0] == 0 and dx[-1] == 99_999  # the line reaches both ends
    assert {31_234, 77_777} <= set(dx.astype(int)) and dy.max() == 5 and dy.min() == -5
    vx, _ = decimate(x, y, 40_000.0, 40_100.0, 200)  # few points in view: every one
    np.testing.assert_array_equal(vx, np.arange(39_999, 40_102))


def test_epoch_markers_give_way_to_lines_when_crowded(plots):
    plots.reset(1, "classification")
    plots.add_update(update(0, metrics(30, 1), [record(e, 10 * e, 1) for e in (1, 2, 3)],
                            epoch=3, position=0))
    plots.refresh()
    assert plots.curves("loss")["train"].opts["symbol"] == "o"
    records = [record(e, 10 * e, 1) for e in range(4, 3000)]
    plots.add_update(update(30, metrics(29_970, 1), records, epoch=2999, position=0))
    plots.refresh()
    assert plots.curves("loss")["train"].opts["symbol"] is None
    x, _ = plots.curve_data("loss", "train")
    assert 2 < len(x) < 2996 and x[-1] == 29_990  # decimated, up to the last epoch


def test_y_range_fits_the_curves_in_view(plots):
    plots.reset(2, "classification")
    b = metrics(2000, 2)
    plots.add_update(update(0, b))
    plots.refresh()
    low, high = plots.widgets()["weight_norm"].getPlotItem().getViewBox().viewRange()[1]
    shown = b.weight_norm
    assert low <= shown.min() and shown.max() <= high
    assert high - low < 1.5 * (shown.max() - shown.min())  # fitted, with a little padding
    low, high = plots.widgets()["delta_norm"].getPlotItem().getViewBox().viewRange()[1]
    _, y = plots.curve_data("delta_norm", "layer 1")
    assert low <= np.log10(y.min()) and np.log10(y.max()) <= high  # log axis: log10 units


def test_frames_draw_one_costly_plot_per_tick_round_robin(qtbot):
    from fnnsim.ui.plots.schedule import TICK_BUDGET, FrameScheduler

    drawn, shown = [], {"a", "b", "c"}

    class Plots:
        draw_plot = drawn.append
        plot_shown = shown.__contains__

        def take_paint_seconds(self, key):
            return 2 * TICK_BUDGET  # every plot paints slowly

    plots = Plots()  # (the scheduler holds it weakly)
    frames = FrameScheduler(("a", "b", "c", "d"), plots)
    frames.request()
    frames.tick()  # before any paint is known: about one plot per tick
    first = list(drawn)
    frames.tick()
    frames.tick()
    assert len(first) >= 1 and sorted(drawn) == ["a", "b", "c"]  # each once, in turn
    assert len(drawn) - len(first) == 2 and frames.stale == {"d"}  # hidden: still stale
    shown.add("d")
    qtbot.waitUntil(lambda: drawn[-1:] == ["d"])  # drawn on a later tick by itself


def test_log_axis_grid_thins_out_over_many_decades(plots):
    axis = plots.widgets()["delta_norm"].getPlotItem().getAxis("left")
    assert axis.logMode
    few, many = axis.tickValues(-1.5, 0.2, 250), axis.tickValues(-12.0, 0.2, 250)
    assert [len(v) for _, v in few] == [2, 3, 11]  # decades, 2 and 5 × 10ⁿ, the rest
    # 3…9 × 10ⁿ would be < 6 px apart; the decades ~20 px apart are labelled every other
    # one (10⁰, 10⁻², …), the rest keep their grid lines
    assert [len(v) for _, v in many] == [7, 6, 24]
    assert many[0][1] == [-12.0, -10.0, -8.0, -6.0, -4.0, -2.0, 0.0]
    short = axis.tickValues(-12.0, 0.2, 120)  # and on a short axis, 2 and 5 too
    assert sum(len(v) for _, v in short) == 13 and len(short) == 2


def drawn_labels(widget, qtbot):
    """(centre y, text) of the left axis's tick labels, as pyqtgraph would draw them."""
    qtbot.wait(10)
    widget.grab()  # lays the plot out at its size
    picture = QPicture()
    painter = QPainter(picture)
    try:
        _, _, texts = widget.getPlotItem().getAxis("left").generateDrawSpecs(painter)
    finally:
        painter.end()
    return sorted((rect.center().y(), rect.height(), text) for rect, _, text in texts)


@pytest.mark.parametrize("height", [110, 140, 180, 240, 400, 700])
def test_log_axis_labels_never_overlap_over_many_decades(plots, qtbot, height):
    """A 20-layer sigmoid net's ‖δ‖ spans ~16 decades: at any plot height the labels stay
    a line and a half apart (they used to be drawn on top of each other)."""
    plots.reset(20, "classification")
    widget = plots.widgets()["delta_norm"]
    widget.resize(300, height)
    widget.show()
    qtbot.waitExposed(widget)
    widget.getPlotItem().setYRange(-16.0, 0.2, padding=0)
    labels = drawn_labels(widget, qtbot)
    line = QFontMetricsF(widget.getPlotItem().getAxis("left").font()).height()
    assert labels  # something is labelled even at the smallest plot
    if height >= 180:
        assert len(labels) >= 3
    for (y0, h0, _), (y1, h1, _) in itertools.pairwise(labels):
        assert y1 - y0 >= 1.5 * line and y1 - y0 >= (h0 + h1) / 2
    texts = [t for _, _, t in labels]
    assert len(set(texts)) == len(texts)


def test_log_axis_labels_keep_their_decades_at_a_comfortable_height(plots, qtbot):
    """Where every decade fits, every decade is still labelled."""
    plots.reset(3, "classification")
    widget = plots.widgets()["delta_norm"]
    widget.resize(300, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.getPlotItem().setYRange(-3.3, 0.3, padding=0)
    texts = [t for _, _, t in drawn_labels(widget, qtbot)]
    assert {"0.001", "0.01", "0.1", "1"} <= set(texts)


# ---- legibility: compact legends out of the way, x labels that fit ----

def test_x_tick_labels_use_one_si_prefix_and_keep_apart():
    assert si_labels([0, 200_000, 400_000, 600_000], 200_000) == ["0", "200k", "400k", "600k"]
    assert si_labels([500_000, 1_000_000, 1_500_000], 500_000) == ["0.5M", "1.0M", "1.5M"]
    assert si_labels([1_250_000, 1_500_000], 250_000) == ["1.25M", "1.50M"]
    assert si_labels([0, 20, 40], 20) == ["0", "20", "40"]
    assert si_labels([0.5, 1.0], 0.5) == ["0.5", "1.0"]
    axis = CountAxis("bottom", "#ffffff")
    for size in (150, 190, 240, 600):  # pixels: the major ticks stay MIN_TICK_PIXELS apart
        (major, _), *_ = axis.tickSpacing(0, 640_000, size)
        assert major * size / 640_000 >= MIN_TICK_PIXELS
        assert str(major).rstrip("0.").lstrip("0")[0] in "125"  # a 1-2-5 step


def test_a_deep_network_has_one_legend_row_for_its_layers(plots):
    plots.reset(30, "classification")
    for key in ("weight_norm", "delta_norm", "update_ratio", "saturation"):
        legend = plots.widgets()[key].getPlotItem().legend
        keys = [sample for sample, _ in legend.items if isinstance(sample, LayerKey)]
        assert len(keys) == 1 and len(keys[0].colors) == 30
        assert len(legend.items) <= 3  # (saturation adds what solid and dashed mean)
    # the layers run along one colour map, in order: the first dark, the last light
    colors = keys[0].colors
    assert colors[0].lightness() < colors[15].lightness() < colors[-1].lightness()


def test_the_legend_moves_to_the_emptiest_corner(plots, qtbot):
    widget = plots.widgets()["weight_norm"]
    widget.resize(400, 250)
    widget.show()
    qtbot.waitExposed(widget)
    plots.reset(1, "classification")
    b = metrics(2000, 1)
    b.weight_norm[:, 0] = np.linspace(0.0, 1.0, 2000)  # a rising line: fills top right
    plots.add_update(update(0, b))
    plots.refresh()
    legend = widget.getPlotItem().legend
    view = widget.getPlotItem().getViewBox()
    x, y = plots.curve_data("weight_norm", "layer 1")

    def covered():
        box = view.mapSceneToView(legend.sceneBoundingRect()).boundingRect()
        return np.count_nonzero((x >= box.left()) & (x <= box.right())
                                & (y >= box.top()) & (y <= box.bottom()))

    assert legend.corner in ((0, 0), (1, 1))  # top left or bottom right: empty
    assert covered() == 0
    b = metrics(2000, 1)
    b.weight_norm[:, 0] = np.linspace(1.0, 0.0, 2000)  # now falling: fills top left
    plots.reset(1, "classification")
    plots.add_update(update(0, b))
    plots.refresh()
    x, y = plots.curve_data("weight_norm", "layer 1")
    assert legend.corner in ((1, 0), (0, 1)) and covered() == 0
