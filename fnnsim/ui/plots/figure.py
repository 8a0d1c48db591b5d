"""One configured pyqtgraph plot: theme colours, log axis, grid, legend, a note.

Every live plot is made here so they all share the settings that keep them fast with long
runs: curves are handed only what is in view, already decimated (drawing.envelope), so
pyqtgraph's own downsampling and clip-to-view are off; the grid is painted opaque, behind
the curves (see GridAxis); and y auto-ranges over the visible x-range only.
"""

from __future__ import annotations

import math
import time

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsItem

from fnnsim.ui.plots.palette import Theme, blend

LONG_LEGEND = 8  # more entries than this are laid out in rows of five
AXIS_Z = -200  # below the ViewBox (z −100): the grid lines lie behind the curves


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
            "bottom": GridAxis("bottom", theme.background)}
    widget = TimedPlotWidget(background=theme.background, axisItems=axes,
                             viewBox=CopyLinkedViewBox())
    widget.setMinimumSize(240, 160)
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
    # a compact legend; curves made with a name join it
    plot.addLegend(
        offset=(-8, -8 if legend_at_bottom else 8), labelTextSize="8pt",
        labelTextColor=theme.foreground, brush=pg.mkBrush(theme.legend_brush),
        pen=pg.mkPen(theme.foreground, width=0.5),
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


class LogAxis(GridAxis):
    """A log axis whose 2…9 × 10ⁿ labels and grid lines give way when crowded.

    With less than ~3 decades in view pyqtgraph labels every 2…9 × 10ⁿ tick as soon as
    fewer than two decades are visible ("0.09 0.08 0.07 …"). Here they form two more tick
    levels — 2 and 5 × 10ⁿ, then the rest — which the usual text-fill limits thin out.
    pyqtgraph also draws a grid line at every 2…9 × 10ⁿ of up to a dozen decades (the ‖δ‖
    of a deep sigmoid net): a level whose lines would be closer than MIN_GRID_PIXELS is
    left out, which also keeps the grid's painting cheap."""

    MIN_GRID_PIXELS = 6

    def __init__(self, orientation: str, background: str) -> None:
        super().__init__(orientation, background)
        # stop adding a level of labels once they would fill 30 % of the axis
        self.setStyle(textFillLimits=[(0, 0.8), (2, 0.3), (4, 0.2)])

    def logTickValues(self, minVal, maxVal, size, stdTicks):
        ticks = super().logTickValues(minVal, maxVal, size, stdTicks)
        if not ticks or ticks[-1][0] is not None:
            return ticks  # decades only: nothing to thin
        values = sorted({float(v) for _, level in ticks for v in level})
        decades = [v for v in values if v.is_integer()]
        mantissa = [round(10 ** (v - math.floor(v))) for v in values]
        halves = [v for v, m in zip(values, mantissa, strict=True)
                  if m in (2, 5) and not v.is_integer()]
        rest = [v for v, m in zip(values, mantissa, strict=True)
                if m not in (2, 5) and not v.is_integer()]
        levels = [(1.0, decades)]
        lines = len(decades)
        for level in (halves, rest):
            lines += len(level)
            if size / (lines + 1) < self.MIN_GRID_PIXELS:
                break  # this level (and the finer one) would crowd the plot
            levels.append((None, level))
        return levels


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
    """One column for a few entries; rows of five for the layers of a deep network."""
    legend = widget.getPlotItem().legend
    columns = 1 if len(legend.items) <= LONG_LEGEND else 5
    if columns > 1:
        legend.setColumnCount(1)  # re-lay out entries added to an older column layout
    legend.setColumnCount(columns)
    for sample, label in legend.items:  # painted once into pixmaps, not with every frame
        sample.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        label.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


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
