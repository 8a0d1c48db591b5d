"""The decision-boundary view: heatmaps, class colours, 1-D curves, and what it refuses."""

import gc

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from fnnsim.data.dataset import Dataset
from fnnsim.engine.network import Network
from fnnsim.ui.boundary import CURVE_POINTS, GRID, DecisionBoundaryView
from fnnsim.ui.plots.palette import series_colors


@pytest.fixture
def view(qtbot):
    v = DecisionBoundaryView()
    yield v
    v.close()  # and delete it now (see test_plots.delete_now)
    v.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def classes(X, y, k=2):
    return Dataset(np.ascontiguousarray(X, dtype=float), np.asarray(y, dtype=np.int64),
                   "classification", tuple(f"x{i + 1}" for i in range(X.shape[1])),
                   ("label",), tuple(f"c{i}" for i in range(k)), "test")


def regression(X, y):
    return Dataset(np.ascontiguousarray(X, dtype=float),
                   np.ascontiguousarray(np.reshape(y, (len(y), -1)), dtype=float),
                   "regression", tuple(f"x{i + 1}" for i in range(X.shape[1])), ("y",), (),
                   "test")


SQUARE = np.array([[-1.0, -1.0], [1.0, 1.0], [-1.0, 1.0], [1.0, -1.0], [0.0, 0.5]])


def logistic():
    """ŷ = σ(x1 − 2·x2 + 0.5): a known one-unit classifier."""
    return Network([2, 1], ["sigmoid"], "bce", [np.array([[1.0, -2.0]])], [np.array([0.5])])


def test_heatmap_is_the_networks_output_on_the_padded_grid(view):
    view.set_data(classes(SQUARE, [0, 1, 0, 1, 1]), None)
    view.set_network(logistic())
    view.refresh()
    xs, ys = view.grid
    np.testing.assert_allclose(xs, np.linspace(-1.2, 1.2, GRID))  # 10 % padding
    np.testing.assert_allclose(ys, np.linspace(-1.2, 1.2, GRID))
    i, j = 17, 80
    by_hand = 1 / (1 + np.exp(-(xs[i] - 2 * ys[j] + 0.5)))
    assert view.image.image[i, j] == pytest.approx(by_hand)
    gx, gy = np.meshgrid(xs, ys, indexing="ij")
    expected = logistic().predict(np.column_stack([gx.ravel(), gy.ravel()]))
    np.testing.assert_allclose(view.image.image, expected.reshape(GRID, GRID))
    assert tuple(view.image.levels) == (0.0, 1.0)  # sigmoid's range: 0.5 is neutral
    rect = view.image.mapRectToParent(view.image.boundingRect())
    assert rect.center().x() == pytest.approx(0.0) and rect.width() > 2.4


def test_tanh_output_uses_its_own_range(view):
    net = Network([2, 1], ["tanh"], "mse", [np.array([[1.0, 1.0]])], [np.array([0.0])])
    view.set_data(classes(SQUARE, [0, 1, 0, 1, 1]), None)
    view.set_network(net)
    view.refresh()
    assert tuple(view.image.levels) == (-1.0, 1.0)


def test_k_classes_are_coloured_by_argmax_and_confidence(view):
    # class 0 wins for x1 << 0, class 1 for x1 >> 0, class 2 for x2 >> 0 (softmax)
    w = np.array([[-20.0, 0.0], [20.0, 0.0], [0.0, 20.0]])
    net = Network([2, 3], ["softmax"], "cross_entropy", [w], [np.array([0.0, 0.0, -15.0])])
    X = np.array([[-1.0, -1.0], [1.0, -1.0], [0.0, 1.0]])
    view.set_data(classes(X, [0, 1, 2], k=3), None)
    view.set_network(net)
    view.refresh()
    rgba = view.image.image
    assert rgba.shape == (GRID, GRID, 4) and rgba.dtype == np.ubyte
    palette = np.array([c.getRgb()[:3] for c in series_colors(3)], dtype=float)
    white = np.array([255.0, 255.0, 255.0])
    full = np.round(white + (palette - white) * 0.7)  # confident cells: 70 % of the colour
    np.testing.assert_allclose(rgba[0, 0, :3], full[0], atol=1)  # far left, bottom
    np.testing.assert_allclose(rgba[-1, 0, :3], full[1], atol=1)  # far right, bottom
    np.testing.assert_allclose(rgba[GRID // 2, -1, :3], full[2], atol=1)  # top middle
    values = view.values
    margin = np.sort(values, axis=2)[:, :, -1] - np.sort(values, axis=2)[:, :, -2]
    unsure = np.unravel_index(np.argmin(margin), margin.shape)
    assert np.abs(rgba[unsure][:3] - white).sum() < np.abs(full - white).sum(axis=1).min()


def test_points_filled_for_training_hollow_for_validation(view):
    train = classes(SQUARE, [0, 1, 0, 1, 1])
    val = classes(np.array([[0.5, 0.5], [-0.5, 0.2]]), [1, 0])
    view.set_data(train, val)
    x, y = view.train_points.getData()
    np.testing.assert_array_equal(np.column_stack([x, y]), SQUARE)
    palette = series_colors(2)
    brushes = [s.brush().color().getRgb()[:3] for s in view.train_points.points()]
    assert brushes == [palette[label].getRgb()[:3] for label in [0, 1, 0, 1, 1]]
    for spot, label in zip(view.val_points.points(), [1, 0], strict=True):
        assert spot.brush().style() == Qt.BrushStyle.NoBrush  # hollow
        assert spot.pen().color().getRgb()[:3] == palette[label].getRgb()[:3]


def test_one_input_regression_shows_the_curve(view):
    X = np.linspace(-3, 3, 40)[:, None]
    view.set_data(regression(X, np.sin(X[:, 0])), None)
    net = Network([1, 1], ["linear"], "mse", [np.array([[0.5]])], [np.array([0.25])])
    view.set_network(net)
    view.refresh()
    x, y = view.curve.getData()
    assert len(x) == CURVE_POINTS
    np.testing.assert_allclose(x[[0, -1]], [-3.6, 3.6])
    np.testing.assert_allclose(y, 0.5 * x + 0.25)
    px, py = view.train_points.getData()
    np.testing.assert_allclose(py, np.sin(px))
    assert view.image.image is None


def test_two_input_regression_heatmap_and_points_by_target(view):
    X = np.array([[-1.0, -1.0], [1.0, 1.0], [0.0, 0.0]])
    target = np.array([-2.0, 2.0, 0.0])
    view.set_data(regression(X, target), None)
    net = Network([2, 1], ["linear"], "mse", [np.array([[1.0, 1.0]])], [np.array([0.0])])
    view.set_network(net)
    view.refresh()
    xs, ys = view.grid
    np.testing.assert_allclose(view.image.image, xs[:, None] + ys[None, :])
    assert tuple(view.image.levels) == (-2.0, 2.0)  # the targets' range
    colors = [s.brush().color().getRgb()[:3] for s in view.train_points.points()]
    cmap = view.colormap
    assert colors[0] == cmap.mapToQColor(0.0).getRgb()[:3]
    assert colors[1] == cmap.mapToQColor(1.0).getRgb()[:3]


def test_more_than_two_inputs_shows_a_message(view):
    X = np.zeros((4, 3))
    view.set_data(classes(X, [0, 1, 0, 1]), None)
    assert "2 inputs" in view.message() and "3" in view.message()
    assert view.stack.currentWidget() is view.message_label
    net = Network.create([3, 4, 1], ["tanh", "sigmoid"], "bce")
    view.set_network(net)
    view.refresh()
    assert view.values is None
    view.set_data(classes(SQUARE, [0, 1, 0, 1, 1]), None)
    assert view.message() == ""
    assert view.stack.currentWidget() is view.plot_widget


def test_a_network_for_other_data_is_not_drawn(view):
    view.set_data(classes(SQUARE, [0, 1, 0, 1, 1]), None)
    view.set_network(Network.create([1, 1], ["sigmoid"], "bce"))
    view.refresh()
    assert view.values is None


def test_recomputation_is_throttled_to_the_newest_network(view, qtbot):
    view.set_data(classes(SQUARE, [0, 1, 0, 1, 1]), None)
    before = view.computations
    nets = [Network([2, 1], ["sigmoid"], "bce", [np.array([[float(k), 0.0]])],
                    [np.array([0.0])]) for k in range(20)]
    for net in nets:  # no event processing in between: the timer cannot fire
        view.set_network(net)
    assert view.computations - before <= 1
    qtbot.waitUntil(lambda: view.computations - before == 2)
    xs, _ = view.grid
    np.testing.assert_allclose(view.image.image[:, 0], 1 / (1 + np.exp(-19.0 * xs)))


def test_overflowing_network_neither_warns_nor_breaks_the_image(view):
    view.set_data(classes(SQUARE, [0, 1, 0, 1, 1]), None)
    huge = Network([2, 3, 1], ["relu", "linear"], "mse",
                   [np.full((3, 2), 1e200), np.full((1, 3), 1e200)], [np.zeros(3), np.zeros(1)])
    view.set_network(huge)
    view.refresh()
    assert np.all(np.isfinite(view.image.image))
    assert not view.grab().isNull()


def threshold_points(view):
    """The threshold line's segment end points, in data coordinates."""
    x, y = view.threshold.getData()
    if x is None or len(x) == 0:
        return np.empty((0, 2))
    rect = view.image.mapRectToParent(view.image.boundingRect())
    width, height = view.image.image.shape[:2]
    return np.column_stack([rect.left() + x * rect.width() / width,
                            rect.top() + y * rect.height() / height])


def test_threshold_line_is_where_the_output_crosses_one_half(view):
    view.set_data(classes(SQUARE, [0, 1, 0, 1, 1]), None)
    view.set_network(logistic())
    view.refresh()
    points = threshold_points(view)
    assert len(points) >= 2 * GRID and len(points) % 2 == 0  # segments: pairs of points
    x1, x2 = points.T
    inside = (np.abs(x1) < 1.15) & (np.abs(x2) < 1.15)  # (the line is carried to the edges)
    # σ(x1 − 2·x2 + 0.5) = ½ on the line x1 − 2·x2 + 0.5 = 0, to a fraction of a cell
    assert np.abs(x1 - 2 * x2 + 0.5)[inside].max() < 2.4 / GRID
    regression_data = regression(SQUARE, SQUARE[:, 0])
    view.set_data(regression_data, None)
    view.set_network(Network([2, 1], ["linear"], "mse", [np.array([[1.0, 1.0]])],
                             [np.array([0.0])]))
    view.refresh()
    assert len(threshold_points(view)) == 0  # regression: no decision threshold


def test_level_crossings_follow_a_plane_and_split_saddles_by_their_centre():
    from fnnsim.ui.plots.contour import level_crossings

    i, j = np.meshgrid(np.arange(40) + 0.5, np.arange(30) + 0.5, indexing="ij")
    x, y = level_crossings(i - 2 * j + 3, 0.0)  # values at pixel centres
    inner = (x > 0.5) & (x < 39.5) & (y > 0.5) & (y < 29.5)
    np.testing.assert_allclose((x - 2 * y + 3)[inner], 0.0, atol=1e-12)
    assert x.min() >= 0 and x.max() <= 40 and y.min() >= 0 and y.max() <= 30
    saddle = np.array([[1.0, 0.0], [0.0, 1.0]])  # high corners on one diagonal
    for level, joined in ((0.4, "high"), (0.6, "low")):  # centre 0.5: above or below
        x, y = level_crossings(saddle, level)
        ends = np.column_stack([x, y]).reshape(-1, 2, 2)
        inner = [seg for seg in ends if np.all(np.abs(seg.mean(axis=0) - 1) < 0.5)]
        assert len(inner) == 2  # two segments cut the cell between the four centres
        # each cuts off one corner: the two corners on the centre's side stay joined
        corners = {(i, j): np.array([i + 0.5, j + 0.5]) for i in (0, 1) for j in (0, 1)}
        cut_off = {min(corners, key=lambda c: np.linalg.norm(corners[c] - seg.mean(axis=0)))
                   for seg in inner}
        assert cut_off == ({(1, 0), (0, 1)} if joined == "high" else {(0, 0), (1, 1)})


def test_maps_are_computed_off_the_gui_thread_while_training(view, qtbot):
    view.set_data(classes(SQUARE, [0, 1, 0, 1, 1]), None)
    before = view.computations
    view.set_network(logistic())  # the throttled path: the helper thread computes
    assert view.computations == before and view._job is not None
    qtbot.waitUntil(lambda: view.computations == before + 1)
    np.testing.assert_allclose(view.values[17, 80, 0],
                               1 / (1 + np.exp(-(view.grid[0][17] - 2 * view.grid[1][80] + 0.5))))
