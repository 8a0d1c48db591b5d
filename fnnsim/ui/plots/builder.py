"""Builds the live plots and their curves (names, legends, styles) for one network.

Strings are translated in the "LivePlots" context, like the rest of the plots' text.
Curve names are stable keys for drawing and tests: "layer 1" …, "train", "validation",
"sample", "raw", "clipped", "fired", "saturated 2", "dead 1" …. The layers of a plot share
one legend row (figure.LayerKey), so a deep network's legend stays one line.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from fnnsim.engine.activations import ACTIVATIONS
from fnnsim.ui.plots.drawing import EPOCH_MARKER, LOG_PLOTS
from fnnsim.ui.plots.figure import (
    LONG_LEGEND,
    LayerKey,
    TimedPlotWidget,
    clear_plot,
    fit_legend,
    make_plot,
    pen,
    si_labels,
)
from fnnsim.ui.plots.palette import Theme, blend, layer_colors

LAYER_PLOTS = ("weight_norm", "delta_norm", "update_ratio")  # one curve per layer
SMOOTHED_PLOTS = ("loss", "delta_norm", "grad_norm", "update_ratio", "saturation")
REFERENCE_DIMMING = 0.4  # a pinned run's curves: this much of the way to the background

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
    for widget in plots.values():
        clear_plot(widget)
    curves = add_curves(plots, theme, depth, activations)
    for key in (*LAYER_PLOTS, "saturation"):
        plots[key].getPlotItem().legend.addItem(
            LayerKey(layer_colors(depth, theme), theme.foreground, layer_width(depth)),
            QCoreApplication.translate("LivePlots", "layer"))
    explain_line_styles(plots["saturation"], theme, curves["saturation"])
    for widget in plots.values():
        fit_legend(widget)
    return curves


def add_curves(plots: dict[str, TimedPlotWidget], theme: Theme, depth: int,
               activations: list[str] | None, reference: bool = False) -> Curves:
    """Add the curves of a run to the plots: the live run's, named in the legend, or
    (`reference`) a pinned run's — the same curves, dashed, in a dimmer shade of the same
    colours, one pixel wide (cheap to paint), and out of the legend."""
    curves: Curves = {key: {} for key in plots}

    def style(color: object, width: float, dashed: bool = False) -> object:
        if not reference:
            return pen(color, width, dashed)
        return pen(dim(color, theme), 1.0, dashed=True)

    names = {} if reference else {  # the legend's entries (a reference has one of its own)
        "sample": QCoreApplication.translate("LivePlots", "train (running mean)"),
        "train": QCoreApplication.translate("LivePlots", "train (epoch)"),
        "validation": QCoreApplication.translate("LivePlots", "validation (epoch)"),
        "raw": QCoreApplication.translate("LivePlots", "before clipping"),
        "clipped": QCoreApplication.translate("LivePlots", "after clipping"),
        "fired": QCoreApplication.translate("LivePlots", "clipping fired")}
    legend = names.get

    def curve(key: str, name: str, label: str | None, **options: object) -> None:
        """A per-sample series: a bare PlotCurveItem, whose setData costs ~10× less than
        a PlotDataItem's; it is handed log10(y) on a log axis (see drawing.show)."""
        item = pg.PlotCurveItem(name=label, connect="all", skipFiniteCheck=True, **options)
        plots[key].getPlotItem().addItem(item)
        curves[key][name] = item

    def epoch_curve(key: str, name: str, label: str | None, **options: object) -> None:
        """Per-epoch points or markers: a PlotDataItem (it draws the symbols)."""
        # every array handed over is finite (see drop_unplottable) and already decimated
        # to at most a min/max pair per pixel column (drawing.envelope)
        curves[key][name] = plots[key].getPlotItem().plot(
            name=label, connect="all", skipFiniteCheck=True, **options)

    t = theme
    shade = (lambda c: dim(c, t)) if reference else (lambda c: c)
    dot = {"symbol": EPOCH_MARKER, "symbolSize": 5 if reference else 6, "symbolPen": None}
    curve("loss", "sample", legend("sample"), pen=style(t.sample, 1.0))
    for key in ("loss", "accuracy"):
        epoch_curve(key, "train", legend("train"), pen=style(t.train, 2),
                    symbolBrush=shade(t.train), **dot)
        epoch_curve(key, "validation", legend("validation"),
                    pen=style(t.validation, 2), symbolBrush=shade(t.validation), **dot)
    colors = layer_colors(depth, theme)
    width = layer_width(depth)
    for key in LAYER_PLOTS:
        for layer, color in enumerate(colors, start=1):
            curve(key, f"layer {layer}", None, pen=style(color, width))
    curve("grad_norm", "raw", legend("raw"), pen=style(t.raw_gradient, 2))
    curve("grad_norm", "clipped", legend("clipped"),
          pen=style(t.clipped_gradient, 1))
    epoch_curve("grad_norm", "fired", legend("fired"), pen=None, symbol="o",
                symbolSize=3 if reference else 4, symbolBrush=shade(t.clip_marker),
                symbolPen=None)
    for layer, color in enumerate(colors, start=1):
        # saturated (solid) and dead (dashed) shares; with known activations only the
        # kinds a layer can show
        act = ACTIVATIONS.get(activations[layer - 1]) if activations else None
        for kind, shown in (("saturated", act is None or act.saturating),
                            ("dead", act is None or act.can_die)):
            if shown:
                curve("saturation", f"{kind} {layer}", None,
                      pen=style(color, width, dashed=kind == "dead"))
    return curves


def dim(color: object, theme: Theme) -> QColor:
    """A pinned run's shade of a colour: the same hue, part of the way to the background
    (opaque: Qt paints translucent lines many times slower)."""
    return blend(QColor(color), theme.background, REFERENCE_DIMMING)


def layer_width(depth: int) -> float:
    # Qt paints (aliased) lines wider than one pixel ~10× slower than 1-pixel ones: a deep
    # network's many layer curves are drawn 1 pixel wide, which also keeps them apart
    return 1.5 if depth <= LONG_LEGEND else 1.0


def show_smoothing(widget: TimedPlotWidget, theme: Theme, window: int) -> None:
    """Say over how many samples the noisy series are averaged, above a plot of them."""
    text = QCoreApplication.translate("LivePlots", "running mean over {0} samples")
    # "5k", not "5000": the title must fit above a narrow plot
    widget.getPlotItem().setTitle(text.format(si_labels([window], window)[0]),
                                  color=theme.foreground, size="8pt")


def explain_line_styles(widget: TimedPlotWidget, theme: Theme,
                        curves: dict[str, pg.GraphicsObject]) -> None:
    """Legend rows for what solid and dashed mean in the saturation plot, for the kinds
    of its curves (in the plot's one legend: two legends would cover each other)."""
    styles = {
        "saturated": QCoreApplication.translate("LivePlots", "saturated"),
        "dead": QCoreApplication.translate("LivePlots", "dead (ReLU)"),
    }
    kinds = {name.split()[0] for name in curves}
    legend = widget.getPlotItem().legend
    for kind, text in styles.items():
        if kind in kinds:
            legend.addItem(pg.PlotDataItem(pen=pen(theme.foreground, 1.2,
                                                   dashed=kind == "dead")), text)
