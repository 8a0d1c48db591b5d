"""Builds the live plots and their curves (names, legends, styles) for one network.

Strings are translated in the "LivePlots" context, like the rest of the plots' text.
Curve names are stable keys for drawing and tests: "layer 1" …, "train", "validation",
"sample", "raw", "clipped", "fired", "saturated 2", "dead 1" ….
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from fnnsim.engine.activations import ACTIVATIONS
from fnnsim.ui.plots.drawing import EPOCH_MARKER, LOG_PLOTS
from fnnsim.ui.plots.figure import (
    LONG_LEGEND,
    TimedPlotWidget,
    clear_legend,
    clear_plot,
    fit_legend,
    make_plot,
    pen,
)
from fnnsim.ui.plots.palette import Theme, series_colors

LAYER_PLOTS = ("weight_norm", "delta_norm", "update_ratio")  # one curve per layer
SMOOTHED_PLOTS = ("loss", "delta_norm", "grad_norm", "update_ratio", "saturation")

Curves = dict[str, dict[str, pg.GraphicsObject]]  # PlotCurveItem or PlotDataItem


def make_plots(keys: tuple[str, ...], theme: Theme) -> dict[str, TimedPlotWidget]:
    """One empty plot per key, with its y label, axis type and fixed range."""
    labels = {
        "loss": QCoreApplication.translate("LivePlots", "loss L"),
        "accuracy": QCoreApplication.translate("LivePlots", "accuracy"),
        "weight_norm": QCoreApplication.translate("LivePlots", "‖W‖ (Frobenius)"),
        "delta_norm": QCoreApplication.translate("LivePlots", "‖δ‖ (log)"),
        "grad_norm": QCoreApplication.translate("LivePlots", "‖∂L/∂θ‖ (log)"),
        "update_ratio": QCoreApplication.translate("LivePlots", "‖ΔW‖ / ‖W‖ (log)"),
        "saturation": QCoreApplication.translate("LivePlots", "share of units"),
    }
    plots = {}
    for key in keys:
        fixed = (0.0, 1.0) if key in ("accuracy", "saturation") else None
        plots[key] = make_plot(theme, labels[key], key in LOG_PLOTS, fixed,
                               legend_at_bottom=key == "accuracy")
        plots[key].getPlotItem().setLabel(
            "bottom", QCoreApplication.translate("LivePlots", "samples"))
    return plots


def make_curves(plots: dict[str, TimedPlotWidget], theme: Theme, depth: int,
                activations: list[str] | None) -> Curves:
    """Empty the plots and give them the curves of a network with `depth` layers."""
    curves: Curves = {key: {} for key in plots}

    def curve(key: str, name: str, legend: str | None, **style: object) -> None:
        """A per-sample series: a bare PlotCurveItem, whose setData costs ~10× less than
        a PlotDataItem's; it is handed log10(y) on a log axis (see drawing.show)."""
        item = pg.PlotCurveItem(name=legend, connect="all", skipFiniteCheck=True, **style)
        plots[key].getPlotItem().addItem(item)
        curves[key][name] = item

    def epoch_curve(key: str, name: str, legend: str | None, **style: object) -> None:
        """Per-epoch points or markers: a PlotDataItem (it draws the symbols)."""
        # every array handed over is finite (see drop_unplottable) and already decimated
        # to at most a min/max pair per pixel column (drawing.envelope)
        curves[key][name] = plots[key].getPlotItem().plot(
            name=legend, connect="all", skipFiniteCheck=True, **style)

    for widget in plots.values():
        clear_plot(widget)
    t = theme
    dot = {"symbol": EPOCH_MARKER, "symbolSize": 6, "symbolPen": None}
    curve("loss", "sample", QCoreApplication.translate("LivePlots", "train (running mean)"),
          pen=pen(t.sample, 1.0))
    for key in ("loss", "accuracy"):
        epoch_curve(key, "train", QCoreApplication.translate("LivePlots", "train (epoch)"),
                    pen=pen(t.train, 2), symbolBrush=t.train, **dot)
        epoch_curve(key, "validation",
                    QCoreApplication.translate("LivePlots", "validation (epoch)"),
                    pen=pen(t.validation, 2), symbolBrush=t.validation, **dot)
    colors = series_colors(depth)
    # Qt paints (aliased) lines wider than one pixel ~10× slower than 1-pixel ones: a deep
    # network's many layer curves are drawn 1 pixel wide, which also keeps them apart
    layer_width = 1.5 if depth <= LONG_LEGEND else 1.0
    for key in LAYER_PLOTS:
        for layer, color in enumerate(colors, start=1):
            curve(key, f"layer {layer}", layer_name(layer, depth),
                  pen=pen(color, layer_width))
    curve("grad_norm", "raw", QCoreApplication.translate("LivePlots", "before clipping"),
          pen=pen(t.raw_gradient, 2))
    curve("grad_norm", "clipped", QCoreApplication.translate("LivePlots", "after clipping"),
          pen=pen(t.clipped_gradient, 1))
    epoch_curve("grad_norm", "fired", QCoreApplication.translate("LivePlots", "clipping fired"),
                pen=None, symbol="o", symbolSize=4, symbolBrush=t.clip_marker, symbolPen=None)
    used: set[str] = set()
    for layer, color in enumerate(colors, start=1):
        # saturated (solid) and dead (dashed) shares; with known activations only the
        # kinds a layer can show
        act = ACTIVATIONS.get(activations[layer - 1]) if activations else None
        kinds = [k for k, show in (("saturated", act is None or act.saturating),
                                   ("dead", act is None or act.can_die)) if show]
        for i, kind in enumerate(kinds):
            curve("saturation", f"{kind} {layer}",
                  layer_name(layer, depth) if i == 0 else None,
                  pen=pen(color, layer_width, dashed=kind == "dead"))
        used.update(kinds)
    explain_line_styles(plots["saturation"], theme, used)
    for widget in plots.values():
        fit_legend(widget)
    return curves


def show_smoothing(widget: TimedPlotWidget, theme: Theme, window: int) -> None:
    """Say over how many samples the noisy series are averaged, above a plot of them."""
    text = QCoreApplication.translate("LivePlots", "running mean over {0} samples")
    widget.getPlotItem().setTitle(text.format(window), color=theme.foreground, size="8pt")


def layer_name(layer: int, depth: int) -> str:
    """"layer 3"; in deep networks just "3", so a legend of many layers stays small."""
    if depth > LONG_LEGEND:
        return str(layer)
    return QCoreApplication.translate("LivePlots", "layer {0}").format(layer)


def explain_line_styles(widget: TimedPlotWidget, theme: Theme, kinds: set[str]) -> None:
    """A second legend, bottom left, of what solid and dashed mean (sample lines only)."""
    legend = getattr(widget, "style_legend", None)
    if legend is None:
        legend = widget.style_legend = pg.LegendItem(
            offset=(8, -8), labelTextSize="8pt", labelTextColor=theme.foreground,
            brush=pg.mkBrush(theme.legend_brush), pen=pg.mkPen(theme.foreground, width=0.5))
        legend.setParentItem(widget.getPlotItem().getViewBox())
    clear_legend(legend)
    styles = {
        "saturated": QCoreApplication.translate("LivePlots", "saturated"),
        "dead": QCoreApplication.translate("LivePlots", "dead (ReLU)"),
    }
    for kind, text in styles.items():
        if kind in kinds:
            legend.addItem(pg.PlotDataItem(pen=pen(theme.foreground, 1.2,
                                                   dashed=kind == "dead")), text)
    legend.setVisible(bool(legend.items))
