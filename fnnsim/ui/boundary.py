"""The decision-boundary view: the data and what the network makes of the input plane.

- 2 inputs, classification: a heatmap of the network's output on a 100×100 grid over the
  data (10 % padding). One output unit: the output value, neutral at the decision threshold
  (the midpoint of the output activation's range), with the threshold drawn as a line.
  K outputs: the colour of the argmax class, lighter where the top two outputs are close.
- 2 inputs, regression: a heatmap of the predicted value; points coloured by target on the
  same colour map, so a well-fitted point disappears into its background.
- 1 input: the points (x, target) and the network's curve.
- More inputs: a message instead of a plot.

Training points are filled, validation points hollow. The network is recomputed at most
~5 times a second (less often if that takes long): calls in between only replace the
pending network (a QTimer coalesces). While training, the heatmap is computed in a helper
thread (plots.boundary_map): only showing it takes the GUI thread's time.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from fnnsim.data.dataset import Dataset
from fnnsim.engine.activations import ACTIVATIONS
from fnnsim.engine.network import Network
from fnnsim.training.targets import predicted_labels
from fnnsim.ui.plots.boundary_map import GRID, MapJob, MapResult, compute_map, predict
from fnnsim.ui.plots.figure import clear_legend, free_view_with
from fnnsim.ui.plots.palette import LIGHT, Theme, blend, series_colors

CURVE_POINTS = 200  # points of the 1-D network curve
PADDING = 0.1  # share of the data range added on each side
MIN_INTERVAL = 0.2  # s between two recomputations
SHARE = 0.1  # the helper thread computes maps at most this share of the time
POLL_MS = 3  # how often a computation in the helper thread is checked on
MAX_POINTS = 5000  # points drawn per data set (an even subsample of larger sets)
MAX_LEGEND_CLASSES = 10


class DecisionBoundaryView(QWidget):
    """Training/validation points and the network's output over the input space."""

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(parent)
        self.theme = theme
        self.stack = QStackedLayout(self)
        self.plot_widget = pg.PlotWidget(background=theme.background)
        free_view_with(self.plot_widget)
        self.message_label = QLabel()
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.stack.addWidget(self.plot_widget)
        self.stack.addWidget(self.message_label)
        plot = self.plot_widget.getPlotItem()
        for name in ("left", "bottom"):
            plot.getAxis(name).setPen(pg.mkPen(theme.foreground))
            plot.getAxis(name).setTextPen(pg.mkPen(theme.foreground))
            plot.getAxis(name).enableAutoSIPrefix(False)
        self.image = pg.ImageItem()
        # the decision threshold: segments from contour.level_crossings, in the image's
        # pixel coordinates (pyqtgraph's IsocurveItem took ~10 ms per recomputation)
        self.threshold = pg.PlotCurveItem(pen=pg.mkPen(theme.foreground, width=1.5),
                                          connect="pairs", skipFiniteCheck=True)
        self.threshold.setParentItem(self.image)  # shares the image's grid coordinates
        self.curve = pg.PlotDataItem(pen=pg.mkPen(theme.curve, width=2.5))
        self.train_points = pg.ScatterPlotItem(size=7)
        self.val_points = pg.ScatterPlotItem(size=7)
        for item in (self.image, self.curve, self.train_points, self.val_points):
            plot.addItem(item)
        self.legend = plot.addLegend(offset=(-8, 8), labelTextSize="8pt",
                                     labelTextColor=theme.foreground,
                                     brush=pg.mkBrush(theme.legend_brush))
        self.colormap = pg.colormap.get("viridis")
        self.train: Dataset | None = None
        self.val: Dataset | None = None
        self.bounds = np.array([[-1.0, 1.0], [-1.0, 1.0]])  # (x, y) × (low, high)
        self.grid: tuple[np.ndarray, np.ndarray] | None = None  # cell centres (xs, ys)
        self.values: np.ndarray | None = None  # network outputs on the grid / the curve
        self._network: Network | None = None
        self._last = -np.inf
        self._interval = MIN_INTERVAL
        self.computations = 0  # recomputations shown (for tests and diagnostics)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start)
        self._job: tuple[int, Future[tuple[MapResult, float]]] | None = None  # in the helper
        self._jobs = 0  # maps asked for: each one's number
        self._shown = 0  # the number of the map shown (an older one arriving late is not)
        self._data_version = 0  # changes with the data: maps of older data are dropped
        self._job_data = 0  # the data version of the map in the helper
        self._pending = False  # a newer network arrived while a map was being computed
        self._poll = QTimer(self)
        self._poll.setSingleShot(True)
        self._poll.timeout.connect(self._check_job)
        # the map covers what is in view: recolour after a pan, zoom or resize
        plot.getViewBox().sigRangeChanged.connect(self._schedule)
        self._show_message(self.tr("No data yet."))

    # ---- public API ----
    def message(self) -> str:
        """The message shown instead of the plot ("" while the plot is shown)."""
        shown = self.stack.currentWidget() is self.message_label
        return self.message_label.text() if shown else ""

    def set_data(self, train: Dataset, val: Dataset | None) -> None:
        """Show these data sets; the network (if any) is redrawn over their range."""
        self.train = train
        self.val = val if val is not None and val.n_samples else None
        self._clear_output()
        d = train.n_features
        if d > 2:
            self._show_message(self.tr(
                "The decision boundary needs 2 inputs (or 1, for a curve); this data set "
                "has {0}.").format(d))
            return
        self.stack.setCurrentWidget(self.plot_widget)
        both = np.vstack([train.X] + ([self.val.X] if self.val else []))
        targets = [self._y_of(train)] + ([self._y_of(self.val)] if self.val else [])
        columns = [both[:, 0], np.concatenate(targets) if d == 1 else both[:, 1]]
        self.bounds = np.array([_padded(c) for c in columns])
        plot = self.plot_widget.getPlotItem()
        plot.setLabel("bottom", train.feature_names[0])
        plot.setLabel("left", train.feature_names[1] if d == 2 else train.target_names[0])
        plot.setAspectLocked(d == 2)
        plot.setRange(xRange=self.bounds[0], yRange=self.bounds[1], padding=0)
        self._draw_points()
        self._fill_legend()
        self._schedule()

    def set_network(self, network: Network) -> None:
        """Draw this network's output (a copy is kept: the caller may go on training)."""
        self._network = network.copy()
        self._schedule()

    def refresh(self) -> None:
        """Recompute the network's output now, in this thread (the throttle computes maps
        in a helper thread instead)."""
        self._timer.stop()
        net = self._drawable_network()
        if net is None:
            return
        started = time.perf_counter()
        if self.train is not None and self.train.n_features == 1:
            self._draw_curve(net)
            self.computations += 1
        else:
            self._jobs += 1
            self._show_map(compute_map(self._map_job(net)), self._jobs, self._data_version)
        self._finished(time.perf_counter() - started)

    # ---- drawing ----
    def _schedule(self) -> None:
        if self._job is not None:
            self._pending = True  # computed when the map in the helper thread is done
            return
        if self._timer.isActive():
            return  # the pending recomputation will use the newest network
        wait = self._interval - (time.perf_counter() - self._last)
        if wait <= 0:
            self._start()
        else:
            self._timer.start(int(wait * 1000) + 1)

    def _start(self) -> None:
        """Recompute the newest network: a map in the helper thread, a curve right here."""
        net = self._drawable_network()
        if net is None:
            return
        if self.train is not None and self.train.n_features == 1:
            self.refresh()  # 200 points: cheap
            return
        self._jobs += 1
        job = _helper().submit(_timed, self._map_job(net))
        self._job = (self._jobs, job)
        self._job_data = self._data_version
        self._poll.start(POLL_MS)

    def _check_job(self) -> None:
        assert self._job is not None
        number, job = self._job
        if not job.done():
            self._poll.start(POLL_MS)
            return
        self._job = None
        result, seconds = job.result()
        self._show_map(result, number, self._job_data)
        self._finished(seconds)
        if self._pending:
            self._pending = False
            self._schedule()

    def _finished(self, seconds: float) -> None:
        self._last = time.perf_counter()
        # a big network makes the grid slow: recompute less often
        self._interval = max(MIN_INTERVAL, seconds / SHARE)

    def _drawable_network(self) -> Network | None:
        net, train = self._network, self.train
        if net is None or train is None or train.n_features > 2:
            return None
        if net.layer_sizes[0] != train.n_features:
            return None  # a network for other data: wait for the matching one
        return net

    def _map_bounds(self) -> np.ndarray:
        """The area to colour: what the view shows (the locked aspect ratio usually shows
        more than the data's range, and the learner may pan or zoom), else the data range."""
        if not self.plot_widget.isVisible():
            return self.bounds
        return np.array(self.plot_widget.getPlotItem().getViewBox().viewRange())

    def _map_job(self, net: Network) -> MapJob:
        """What the helper computes: over the area in view, with this view's colours."""
        assert self.train is not None
        out_range = ACTIVATIONS[net.activations[-1]].output_range
        classes = self.train.task == "classification"
        levels = out_range if classes else self._target_levels()
        threshold = 0.5 * (out_range[0] + out_range[1]) if classes else None
        palette = np.array([c.getRgb()[:3] for c in self._class_palette()], dtype=float)
        neutral = np.array(pg.mkColor(self.theme.neutral).getRgb()[:3], dtype=float)
        return MapJob(net, self._map_bounds(), levels, threshold, out_range,
                      palette if net.layer_sizes[-1] > 1 else None, neutral)

    def _show_map(self, result: MapResult, number: int, data_version: int) -> None:
        """Show a computed map, unless a newer one is shown or the data changed since."""
        if number <= self._shown or data_version != self._data_version:
            return
        self._shown = number
        self.computations += 1
        job = result.job
        self.grid, self.values = (result.xs, result.ys), result.values
        if result.image.ndim == 3:  # K outputs: colours
            self.image.setImage(result.image, autoLevels=False)
        else:
            self.image.setImage(result.image, levels=job.levels, lut=self._lut(),
                                autoLevels=False)
        self.threshold.setData(*result.threshold, connect="pairs")
        (x0, x1), (y0, y1) = job.bounds
        dx, dy = (x1 - x0) / (GRID - 1), (y1 - y0) / (GRID - 1)
        self.image.setRect(QRectF(x0 - dx / 2, y0 - dy / 2, GRID * dx, GRID * dy))

    def _lut(self) -> np.ndarray:
        """One output's colours: diverging around the threshold (classes: light class
        colours, neutral in the middle) or the sequential map (regression)."""
        assert self.train is not None
        if self.train.task != "classification":
            return self.colormap.getLookupTable(nPts=256)
        c0, c1 = self._class_palette()[:2]
        light = [blend(c, self.theme.neutral, 0.45) for c in (c0, c1)]
        cmap = pg.ColorMap([0.0, 0.5, 1.0], [light[0], self.theme.neutral, light[1]])
        return cmap.getLookupTable(nPts=256)

    def _draw_curve(self, net: Network) -> None:
        xs = np.linspace(*self.bounds[0], CURVE_POINTS)
        out = predict(net, xs[:, None])
        if self.train is not None and self.train.task == "classification":
            ys = predicted_labels(np.nan_to_num(out), net.activations[-1]).astype(float)
        else:
            ys = out[:, 0]
        self.grid, self.values = (xs, np.empty(0)), ys
        keep = np.isfinite(ys)
        self.curve.setData(xs[keep], ys[keep])

    def _draw_points(self) -> None:
        assert self.train is not None
        for item, data, filled in ((self.train_points, self.train, True),
                                   (self.val_points, self.val, False)):
            if data is None:
                item.clear()
                continue
            step = max(1, -(-data.n_samples // MAX_POINTS))
            X, y = data.X[::step], self._y_of(data)[::step]
            colors = self._point_colors(data, y, filled)
            outline = pg.mkPen(self.theme.foreground, width=0.6)
            if filled:
                item.setData(x=X[:, 0], y=self._point_y(X, y), brush=[pg.mkBrush(c) for c in
                             colors], pen=outline)
            else:
                item.setData(x=X[:, 0], y=self._point_y(X, y), brush=None,
                             pen=[pg.mkPen(c, width=1.8) for c in colors])

    def _point_colors(self, data: Dataset, y: np.ndarray, filled: bool) -> list[object]:
        if data.task == "classification":
            palette = self._class_palette()
            return [palette[int(label)] for label in y]
        if data.n_features == 1:
            return [pg.mkColor(self.theme.train)] * len(y)
        if not filled:  # a ring in the target's colour would vanish into the heatmap
            return [pg.mkColor(self.theme.foreground)] * len(y)
        low, high = self._target_levels()
        scaled = np.clip((y - low) / (high - low), 0.0, 1.0)
        return list(self.colormap.mapToQColor(scaled))

    def _point_y(self, X: np.ndarray, y: np.ndarray) -> np.ndarray:
        return X[:, 1] if X.shape[1] == 2 else y.astype(float)

    def _fill_legend(self) -> None:
        assert self.train is not None
        clear_legend(self.legend)
        if self.train.task == "classification" and self.train.n_classes <= MAX_LEGEND_CLASSES:
            for name, color in zip(self.train.class_names, self._class_palette(), strict=True):
                sample = pg.ScatterPlotItem(brush=color, pen=self.theme.foreground, size=8)
                self.legend.addItem(sample, name)
        if self.train.n_features == 1:
            self.legend.addItem(self.curve, self.tr("network"))
        if self.val is not None:
            hollow = pg.ScatterPlotItem(brush=None, pen=pg.mkPen(self.theme.foreground,
                                                                 width=1.8), size=8)
            self.legend.addItem(hollow, self.tr("validation (hollow)"))

    # ---- helpers ----
    def _y_of(self, data: Dataset) -> np.ndarray:
        return data.y if data.task == "classification" else data.y[:, 0]

    def _class_palette(self) -> list[object]:
        assert self.train is not None
        return series_colors(max(2, self.train.n_classes))

    def _target_levels(self) -> tuple[float, float]:
        assert self.train is not None
        sets = [self.train] + ([self.val] if self.val else [])
        y = np.concatenate([self._y_of(s) for s in sets])
        low, high = float(y.min()), float(y.max())
        return (low, high) if high > low else (low - 1.0, low + 1.0)

    def _clear_output(self) -> None:
        self.image.clear()
        self.threshold.setData([], [])
        self.curve.setData([], [])
        self.grid = self.values = None
        self._data_version += 1  # a map being computed is of the old data

    def _show_message(self, text: str) -> None:
        self._clear_output()
        self.train_points.clear()
        self.val_points.clear()
        clear_legend(self.legend)
        self.message_label.setText(text)
        self.stack.setCurrentWidget(self.message_label)


def _padded(values: np.ndarray) -> tuple[float, float]:
    low, high = float(values.min()), float(values.max())
    span = high - low if high > low else 1.0
    return low - PADDING * span, high + PADDING * span


_executor: ThreadPoolExecutor | None = None


def _helper() -> ThreadPoolExecutor:
    """The one helper thread that computes maps (made when first needed)."""
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fnnsim-boundary")
    return _executor


def _timed(job: MapJob) -> tuple[MapResult, float]:
    started = time.perf_counter()
    result = compute_map(job)
    return result, time.perf_counter() - started
