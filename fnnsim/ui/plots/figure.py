"""One configured pyqtgraph plot: theme colours, log axis, grid, legend, a note.

Every live plot is made here so they all share the settings that keep them fast with long
runs: curves are handed only what is in view, already decimated (drawing.envelope), so
pyqtgraph's own downsampling and clip-to-view are off; the grid is painted opaque, behind
the curves (see GridAxis); and y auto-ranges over the visible x-range only.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from fnnsim.ui.plots.palette import Theme, blend

LONG_LEGEND = 8  # more entries than this are laid out in rows of five
AXIS_Z = -200  # below the ViewBox (z −100): the grid lines lie behind the curves
LEGEND_TEXT = "7pt"  # small plots: the legend must not hide what it explains
LEGEND_MARGIN = 4  # pixels between the legend and the plot's edge
MIN_TICK_PIXELS = 48  # the x axis labels "1.2M"-sized numbers at least this far apart
SI_PREFIXES = ((1e9, "G"), (1e6, "M"), (1e3, "k"))
# the smallest a plot gets: four in a row beside the left panels fit a 1024-pixel screen,
# three above each other (with tab bars and dock titles) a 640-pixel one
PLOT_MIN_SIZE = (160, 110)


class CopyLinkedViewBox(pg.ViewBox):
    """A ViewBox whose x link copies the linked view's range exactly, and whose y range,
    while auto-ranging, the live plots fit themselves (`fit_y`).

    pyqtgraph lines linked views up by where they sit on screen — right for plots stacked
    in one window, but plots in separate docks (partly side by side) end up showing shifted
    ranges. Here every linked plot shows the same samples, wherever its dock is.

    pyqtgraph auto-ranges at paint time, asking every curve for its bounds (four NumPy
    passes each) and, as the range moves, painting the plot a second time; the live plots
    know their data's bounds as they hand it over."""

    def updateAutoRange(self) -> None:
        """Nothing: x is set by the live plots, and y by `fit_y` when they draw."""

    def fit_y(self, low: float, high: float) -> None:
        """Show [low, high] (view coordinates: log10 on a log axis), padded as pyqtgraph's
        auto-range pads, keeping y auto-ranging on."""
        self.setRange(yRange=(low, high), padding=self.suggestPadding(1),
                      disableAutoRange=False)

    def linkedViewChanged(self, view: pg.ViewBox, axis: int) -> None:
        if axis != pg.ViewBox.XAxis or self.linksBlocked or view is None:
            super().linkedViewChanged(view, axis)
            return
        low, high = view.viewRange()[0]
        view.blockLink(True)
        try:
            self.enableAutoRange(pg.ViewBox.XAxis, False)
            self.setXRange(low, high, padding=0)
        finally:
            view.blockLink(False)


class TimedPlotWidget(pg.PlotWidget):
    """A PlotWidget that adds up the time its paint events take, so the plots can budget
    their drawing (deep networks, slow machines)."""

    paint_seconds = 0.0

    def paintEvent(self, event: object) -> None:
        started = time.perf_counter()
        super().paintEvent(event)
        self.paint_seconds += time.perf_counter() - started


def make_plot(theme: Theme, y_label: str, log_y: bool = False,
              y_range: tuple[float, float] | None = None,
              legend_at_bottom: bool = False) -> TimedPlotWidget:
    """A PlotWidget with the shared live-plot settings; fixed y limits if `y_range`; the
    legend in the top-right corner, or the bottom-right one for rising series."""
    axes = {"left": (LogAxis if log_y else GridAxis)("left", theme.background),
            "bottom": CountAxis("bottom", theme.background)}
    widget = TimedPlotWidget(background=theme.background, axisItems=axes,
                             viewBox=CopyLinkedViewBox())
    widget.setMinimumSize(*PLOT_MIN_SIZE)
    free_view_with(widget)
    plot = widget.getPlotItem()
    plot.setDownsampling(ds=1, auto=False)  # the data comes decimated (drawing.envelope)
    plot.setClipToView(False)  # … and clipped to the view
    plot.setLogMode(x=False, y=log_y)
    plot.showGrid(x=True, y=True, alpha=theme.grid_alpha)
    plot.setAutoVisible(y=True)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setZValue(AXIS_Z)
        axis.setPen(pg.mkPen(theme.foreground))
        axis.setTextPen(pg.mkPen(theme.foreground))
        axis.enableAutoSIPrefix(False)  # no "(x0.001)": these quantities have no SI unit
        if not (log_y and name == "left"):  # grid lines at major ticks only: far cheaper
            axis.setStyle(maxTickLevel=0)
    plot.setLabel("left", y_label)
    if y_range is not None:
        plot.enableAutoRange(y=False)
        plot.setYRange(*y_range, padding=0.02)
    # a compact, translucent legend in a corner (see place_legend); curves made with a
    # name join it
    m = LEGEND_MARGIN
    plot.addLegend(
        offset=(-m, -m if legend_at_bottom else m), labelTextSize=LEGEND_TEXT,
        verSpacing=-6, horSpacing=2, labelTextColor=theme.foreground,
        brush=pg.mkBrush(theme.legend_brush), pen=pg.mkPen(theme.foreground, width=0.5),
    )
    return widget


class GridAxis(pg.AxisItem):
    """An axis whose grid lines are opaque: the colour a translucent line would have over
    the plot's background. Qt's raster engine draws translucent lines 15–30× slower than
    opaque ones (measured here: 40 lines across a plot 1.4–4.3 ms against 0.1 ms), which
    made the grid most of a plot's paint time. The axis lies behind the curves (AXIS_Z),
    so where a curve crosses a grid line the curve wins, as it did through the
    translucent line."""

    def __init__(self, orientation: str, background: str) -> None:
        super().__init__(orientation)
        self._background = background
        self._opaque: dict[int, QPen] = {}  # translucent colour (rgba) -> opaque pen

    def generateDrawSpecs(self, p):
        specs = super().generateDrawSpecs(p)
        if specs is None or self.grid is False:
            return specs
        axis_spec, tick_specs, text_specs = specs
        return axis_spec, [(self._opaque_pen(pen), p1, p2) for pen, p1, p2 in tick_specs], \
            text_specs

    def _opaque_pen(self, pen: QPen) -> QPen:
        color = pen.color()
        if color.alpha() == 255:
            return pen
        key = color.rgba()
        if key not in self._opaque:
            opaque = QPen(pen)
            opaque.setColor(blend(self._background, color, color.alphaF()))
            self._opaque[key] = opaque
        return self._opaque[key]


def si_labels(values: list[float], spacing: float) -> list[str]:
    """Tick labels with one SI prefix for the whole axis once the numbers are large
    ("0 250k 500k", "0 0.5M 1.0M 1.5M"), with as many decimals as ticks `spacing` apart
    need: long runs count millions of samples, and "1200000" labels collide in a narrow
    plot."""
    largest = max((abs(v) for v in values), default=0.0)
    factor, prefix = next(((f, p) for f, p in SI_PREFIXES if largest >= f), (1.0, ""))
    step = spacing / factor
    places = 0
    while places < 6 and abs(step * 10 ** places - round(step * 10 ** places)) > 1e-6:
        places += 1
    return ["0" if v == 0 else f"{v / factor:.{places}f}{prefix}" for v in values]


class CountAxis(GridAxis):
    """The x axis (samples or epochs): SI-prefixed labels, and major ticks at least
    MIN_TICK_PIXELS apart, so a narrow plot shows "0 200k 400k" rather than colliding
    six-digit numbers."""

    def tickSpacing(self, minVal, maxVal, size):
        levels = super().tickSpacing(minVal, maxVal, size)
        if not levels or size <= 0:
            return levels
        major, offset = levels[0]
        while major * size / abs(maxVal - minVal) < MIN_TICK_PIXELS:
            digits = major / 10 ** math.floor(math.log10(major) + 1e-9)
            major *= 2.5 if round(digits) == 2 else 2  # the next of 1, 2, 5, 10, …
        return [(major, offset), *[level for level in levels[1:] if level[0] < major]]

    def tickStrings(self, values, scale, spacing):
        if self.logMode:
            return super().tickStrings(values, scale, spacing)
        return si_labels([v * scale for v in values], spacing * scale)


class LogAxis(GridAxis):
    """A log axis whose labels never crowd, and whose 2…9 × 10ⁿ labels and grid lines give
    way when crowded.

    pyqtgraph labels every decade in view, whatever the axis's length: the ‖δ‖ of a deep
    sigmoid net spans fifteen decades, and in a 150-pixel plot their labels lay on top of
    each other. Here the labelled decades are every 1st, 2nd, 3rd, 5th, 10th … (10⁰, 10⁻², 10⁻⁴
    …), the fewest that keeps their labels `label_pixels` apart; the other decades keep
    their grid lines. With less than ~3 decades in view pyqtgraph labels every 2…9 × 10ⁿ
    tick as soon as fewer than two decades are visible ("0.09 0.08 0.07 …"). Here they form
    two more tick levels — 2 and 5 × 10ⁿ, then the rest — which the usual text-fill limits
    thin out. pyqtgraph also draws a grid line at every 2…9 × 10ⁿ of up to a dozen decades:
    a level whose lines would be closer than MIN_GRID_PIXELS is left out, which also keeps
    the grid's painting cheap. Whatever the levels, a label closer to one already placed
    than `label_pixels` is not drawn (generateDrawSpecs)."""

    MIN_GRID_PIXELS = 6
    LABEL_LINES = 1.5  # a vertical axis's labels: this many text lines apart, centre to centre

    def __init__(self, orientation: str, background: str) -> None:
        super().__init__(orientation, background)
        # stop adding a level of labels once they would fill 30 % of the axis
        self.setStyle(textFillLimits=[(0, 0.8), (2, 0.3), (4, 0.2)])

    def label_pixels(self) -> float:
        """The least distance between the centres of two labels on this axis."""
        if self.orientation in ("top", "bottom"):
            return float(MIN_TICK_PIXELS)
        font = self.style["tickFont"] or self.font()
        return self.LABEL_LINES * QFontMetricsF(font).height()

    def logTickValues(self, minVal, maxVal, size, stdTicks):
        ticks = super().logTickValues(minVal, maxVal, size, stdTicks)
        if not ticks or maxVal <= minVal:
            return ticks
        values = sorted({float(v) for _, level in ticks for v in level})
        decades = [v for v in values if abs(v - round(v)) < 1e-9]
        mantissa = [round(10 ** (v - math.floor(v))) for v in values]
        halves = [v for v, m in zip(values, mantissa, strict=True)
                  if m in (2, 5) and v not in decades]
        rest = [v for v, m in zip(values, mantissa, strict=True)
                if m not in (2, 5) and v not in decades]
        step = decade_step(size / (maxVal - minVal), self.label_pixels())
        labelled = [v for v in decades if round(v) % step == 0] or decades[-1:]
        levels = [(float(step), labelled)]
        others = [v for v in decades if v not in labelled]
        if others:
            levels.append((1.0, others))  # grid lines; labels only where there is room
        lines = len(decades)
        for level in (halves, rest):
            if not level:
                continue
            lines += len(level)
            if size / (lines + 1) < self.MIN_GRID_PIXELS:
                break  # this level (and the finer one) would crowd the plot
            levels.append((None, level))
        return levels

    def generateDrawSpecs(self, p):
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return specs
        axis_spec, tick_specs, text_specs = specs
        return axis_spec, tick_specs, self.apart(text_specs)

    def apart(self, text_specs: list) -> list:
        """The labels (pyqtgraph's text specs, coarsest level first) that are at least
        `label_pixels` from every label kept before them, and never overlap one."""
        vertical = self.orientation in ("left", "right")
        gap = self.label_pixels()
        kept: list[tuple[float, float]] = []  # (centre, extent) along the axis
        chosen = []
        for spec in text_specs:
            rect = spec[0]
            centre = rect.center().y() if vertical else rect.center().x()
            extent = rect.height() if vertical else rect.width()
            if all(abs(centre - c) >= max(gap, (extent + e) / 2) for c, e in kept):
                kept.append((centre, extent))
                chosen.append(spec)
        return chosen


def decade_step(pixels_per_decade: float, label_pixels: float) -> int:
    """Every how many decades a log axis can have a label: 1, 2, 3, 5, 10, 20, 30, … (3:
    10⁰, 10⁻³, 10⁻⁶ read well) — the smallest that puts labels `label_pixels` apart."""
    scale = 1
    while scale < 10**6:
        for m in (1, 2, 3, 5):
            if m * scale * pixels_per_decade >= label_pixels:
                return m * scale
        scale *= 10
    return scale


def discard(items: list[object]) -> None:
    """Delete graphics items taken out of a plot, now.

    pyqtgraph leaves removed items to Python's garbage collector; when it collects them (at
    any later moment) their attributes are cleared before Qt destroys them, and Qt's last
    calls into them (sizeHint, itemChange) fail with AttributeError."""
    for item in items:
        if shiboken6.isValid(item):
            shiboken6.delete(item)


def free_view_with(widget: pg.PlotWidget) -> None:
    """Delete the plot's ViewBox, with its curves and legend, when the widget is deleted.

    With PySide6 the ViewBox outlives a deleted PlotWidget; the garbage collector would
    later clear its items' attributes before Qt destroys them (see discard)."""
    view = widget.getPlotItem().getViewBox()
    widget.destroyed.connect(lambda *_: discard([view]))


def clear_legend(legend: pg.LegendItem) -> None:
    """Remove every entry of a legend and delete the entries' items (see discard), and
    the sample-only items they showed (those in no plot)."""
    entries = [part for entry in legend.items for part in entry]
    samples_only = [sample.item for sample, _ in legend.items if sample.item.scene() is None]
    legend.clear()
    discard(entries + samples_only)


def clear_plot(widget: pg.PlotWidget) -> None:
    """Remove every curve of a plot, and its legend entries, and delete them."""
    plot = widget.getPlotItem()
    clear_legend(plot.legend)
    items = list(plot.items)
    plot.clear()
    discard(items)


def fit_legend(widget: pg.PlotWidget) -> None:
    """Entries in one column (the layers of a plot share one `LayerKey` row), each
    painted once into a pixmap rather than with every frame; hidden when empty."""
    legend = widget.getPlotItem().legend
    legend.setColumnCount(1)
    for sample, label in legend.items:
        sample.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        label.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    legend.setVisible(bool(legend.items))


class LayerKey(pg.ItemSample):
    """One legend row for all the layers of a plot: a short line of each layer's colour,
    numbered ("—1 —2 —3"), or for a deep network a strip of colour chips from layer 1 to
    L ("1 ▮▮▮…▮ 30") — never one legend row per layer over the data."""

    NUMBERED = 6  # up to this many layers, each gets its own number
    CHIP = 4  # pixels per layer in the strip
    HEIGHT = 16

    def __init__(self, colors: list[QColor], foreground: str, width: float = 1.5) -> None:
        super().__init__(pg.PlotDataItem())  # a placeholder: the key draws itself
        self.colors = [QColor(c) for c in colors]
        self.foreground = QColor(foreground)
        self.line_width = width
        self.font = QFont()
        self.font.setPointSizeF(float(LEGEND_TEXT.removesuffix("pt")))
        metrics = QFontMetricsF(self.font)
        if len(self.colors) <= self.NUMBERED:
            self._cells = [metrics.horizontalAdvance(str(i)) + 14
                           for i in range(1, len(self.colors) + 1)]
            self._width = sum(self._cells)
        else:
            self._ends = (metrics.horizontalAdvance("1") + 3,
                          metrics.horizontalAdvance(str(len(self.colors))) + 3)
            self._width = sum(self._ends) + self.CHIP * len(self.colors)
        self.setFixedWidth(self._width)  # the legend's layout sizes the row by these
        self.setFixedHeight(self.HEIGHT)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._width, self.HEIGHT)

    def mouseClickEvent(self, event) -> None:
        event.ignore()  # not one curve to show or hide

    def paint(self, p: QPainter, *args) -> None:
        p.setFont(self.font)
        mid = self.HEIGHT / 2
        text_box = QRectF(0, 0, 0, self.HEIGHT)
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        if len(self.colors) <= self.NUMBERED:
            x = 0.0
            for i, (color, cell) in enumerate(zip(self.colors, self._cells, strict=True)):
                p.setPen(pg.mkPen(color, width=self.line_width + 0.5))
                p.drawLine(QPointF(x + 1, mid), QPointF(x + 10, mid))
                p.setPen(self.foreground)
                p.drawText(text_box.adjusted(x + 11, 0, x + cell, 0), align, str(i + 1))
                x += cell
            return
        first, last = self._ends
        p.setPen(self.foreground)
        p.drawText(text_box.adjusted(0, 0, first, 0), align, "1")
        for i, color in enumerate(self.colors):
            p.fillRect(QRectF(first + i * self.CHIP, 3, self.CHIP, self.HEIGHT - 6), color)
        p.setPen(self.foreground)
        p.drawText(text_box.adjusted(self._width - last + 3, 0, self._width, 0), align,
                   str(len(self.colors)))


def place_legend(widget: pg.PlotWidget, points: list[tuple[np.ndarray, np.ndarray]]
                 ) -> None:
    """Move the legend to the corner of the view where it hides the fewest of `points`
    ((x, y) in view coordinates, as the curves hold them) — as matplotlib's
    loc="best" — staying put unless another corner is clearly better, so it does not jump
    about as the run goes on."""
    plot = widget.getPlotItem()
    legend, view = plot.legend, plot.getViewBox()
    if legend is None or not legend.isVisible() or not points:
        return
    (x0, x1), (y0, y1) = view.viewRange()
    width, height = view.width(), view.height()
    if width <= 1 or height <= 1 or x1 <= x0 or y1 <= y0:
        return
    size = legend.boundingRect()
    m = LEGEND_MARGIN
    # the legend's extent in view units, from a corner
    dx = (size.width() + 2 * m) * (x1 - x0) / width
    dy = (size.height() + 2 * m) * (y1 - y0) / height
    x = np.concatenate([xy[0] for xy in points])
    y = np.concatenate([xy[1] for xy in points])
    left, right, low, high = x <= x0 + dx, x >= x1 - dx, y <= y0 + dy, y >= y1 - dy
    counts = {(1, 0): int(np.count_nonzero(right & high)),  # (anchor x, anchor y): top right
              (0, 0): int(np.count_nonzero(left & high)),
              (1, 1): int(np.count_nonzero(right & low)),
              (0, 1): int(np.count_nonzero(left & low))}
    now = getattr(legend, "corner", None)
    if now is None:
        now = (1, 1) if legend.opts["offset"] is not None and legend.opts["offset"][1] < 0 \
            else (1, 0)
    best = min(counts, key=lambda c: (counts[c], c != now))
    if best == now or counts[best] > 0.5 * counts[now] - 2:
        return
    legend.corner = best
    legend.anchor(itemPos=best, parentPos=best,
                  offset=(-m if best[0] else m, -m if best[1] else m))


class Note:
    """A line of text centred in a plot's view (not in data coordinates), e.g. why a plot
    is empty. Hidden while its text is empty."""

    def __init__(self, widget: pg.PlotWidget, theme: Theme) -> None:
        self.view = widget.getPlotItem().getViewBox()
        self.item = pg.TextItem("", color=theme.foreground, anchor=(0.5, 0.5))
        self.item.setParentItem(self.view)
        self.item.setFlag(self.item.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.view.sigResized.connect(self._place)
        self.set_text("")

    def set_text(self, text: str) -> None:
        self.item.setText(text)
        self.item.setVisible(bool(text))
        self._place()

    def text(self) -> str:
        return self.item.textItem.toPlainText() if self.item.isVisible() else ""

    def _place(self) -> None:
        rect = self.view.boundingRect()
        self.item.setPos(rect.center())


def pen(color: object, width: float = 1.5, dashed: bool = False) -> object:
    """A cosmetic pen; dashed for secondary series (e.g. dead ReLU units)."""
    style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
    return pg.mkPen(color, width=width, style=style)
