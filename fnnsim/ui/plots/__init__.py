"""Live gradient-dynamics plots (pyqtgraph), one widget per dock: see `LivePlots`."""

from fnnsim.ui.plots.drawing import LOG_PLOTS
from fnnsim.ui.plots.live_plots import PLOT_KEYS, X_UNITS, LivePlots
from fnnsim.ui.plots.palette import DARK, LIGHT, Theme, series_colors

__all__ = ["DARK", "LIGHT", "LOG_PLOTS", "PLOT_KEYS", "X_UNITS", "LivePlots", "Theme",
           "series_colors"]
