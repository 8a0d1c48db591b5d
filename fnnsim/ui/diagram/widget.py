"""The network diagram: the learner's own network drawn as TF Playground draws it.

Columns of units (input … output) coloured by their value for one sample, connections
coloured by the sign of w and as wide as |w|, and for 2-D inputs a map of each unit over
the input plane. While stepping through one backpropagation it highlights the phase's
layer and shows that phase's numbers (z and a forward, δ backward) from the engine's trace.
Clicking a connection or a unit asks for a new weight or bias, reported as
`weight_edit_requested` — the worker owns the network, the diagram only draws copies.

Redraws are throttled (≤ 10/s, maps ≤ 4/s, fewer when a redraw is costly: see SHARE) and
touch only pens, brushes and pixmaps of existing items; the scene is rebuilt only when the
network's shape changes.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QCheckBox, QInputDialog, QLabel, QVBoxLayout, QWidget

from fnnsim.data.dataset import Dataset
from fnnsim.engine.network import Network
from fnnsim.training.qt_controller import TraceReport
from fnnsim.ui.diagram import text
from fnnsim.ui.diagram.colors import Diverging, EdgePens, value_scale
from fnnsim.ui.diagram.items import DiagramView, EdgeItem, NodeItem, edit_target
from fnnsim.ui.diagram.maps import GRID, forward_all, grid_points, padded_bounds
from fnnsim.ui.diagram.scene import DiagramScene
from fnnsim.ui.diagram.values import (
    Params,
    Values,
    column_modes,
    delta_scale,
    phase_labels,
    sample_values,
)
from fnnsim.ui.plots.palette import LIGHT, Theme
from fnnsim.ui.widgets import hbox

MIN_INTERVAL = 0.1  # s between two redraws
# Throttled redraws (refresh + the painting it causes, measured) take at most this share of
# the GUI thread. Half the live plots' share (plots.schedule.SHARE = 0.1): while training
# plays, the curves are what the learner reads, the diagram's colours only drift, and the
# two together must leave the event loop free (issue #4: p99 ≤ 16 ms of a 10 ms timer).
SHARE = 0.05
MAX_INTERVAL = 1.0  # s: however costly, the diagram follows training once a second
MAP_INTERVAL = 0.25  # s between two recomputations of the unit maps

ValueEditor = Callable[[str, float], "float | None"]


class NetworkDiagram(QWidget):
    """Units, connections and per-unit maps of a network; click to edit a parameter."""

    weight_edit_requested = Signal(int, int, object, float)  # layer, row, column|None, value

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(parent)
        self.colors, self.pens = Diverging(theme), EdgePens(theme)
        self.scene = DiagramScene(self.colors, self.pens, theme)
        self.view = DiagramView(self.scene, self.tooltip_for, self._edit, self._relayout)
        self.legend = QLabel(text.legend_html())
        self.summary = QLabel()  # what is left out; changes only with the shape or the data
        self.note = QLabel()  # which sample or phase the colours show
        for label in (self.legend, self.summary, self.note):
            label.setStyleSheet("font-size: 8pt;")
            label.setWordWrap(True)
        # two lines, always: a note that comes and goes while stepping would shift the drawing
        # (more only where a narrow dock wraps it further: see _fit_note)
        self.note.setFixedHeight(2 * self.note.fontMetrics().height() + 2)
        self.summary.hide()
        self.maps_box = QCheckBox(self.tr("Unit maps"))
        self.maps_box.setChecked(True)
        self.maps_box.setToolTip(self.tr(
            "Show what each unit computes over the input plane (2 inputs only)."))
        self.maps_box.toggled.connect(self._maps_toggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(hbox(self.legend, self.maps_box))
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        # value_editor(prompt, current) → new value, or None if the learner cancels;
        # tests replace it to edit without a dialog
        self.value_editor: ValueEditor = self._ask_value
        self.params: Params | None = None
        self.report: TraceReport | None = None
        self.phase_index = 0
        self.editable = False
        self.feature_names: tuple[str, ...] = ()
        self.bounds: np.ndarray | None = None  # input range for the maps, (2, 2)
        self.input_scale: float | None = None  # largest |x| of the data
        self._sample: np.ndarray | None = None
        self._first_sample: np.ndarray | None = None  # the default: first training point
        self._sample_given = False
        self._dirty = self._maps_dirty = False
        self._last = self._last_map = -math.inf
        self._delta_scale = 1.0
        self.redraw_cost = 0.0  # s: a throttled redraw's refresh + paint, smoothed
        self.redraw_interval = MIN_INTERVAL  # s: the throttle's current spacing
        self._all_labels = True  # does every unit of the highlighted layer show its number?
        self._timer = QTimer(self, singleShot=True, timeout=self._tick)
        # stale maps wait for the next throttled redraw (a tick of their own would break
        # the spacing: redraws 10–20 ms apart when the spacing is 100–250 ms)
        self._map_timer = QTimer(self, singleShot=True, timeout=self._schedule)

    # ---- public API ----
    def set_network(self, network: Network) -> None:
        """Draw these parameters (copied: the caller may go on training); throttled."""
        self.params = Params(list(network.layer_sizes), list(network.activations),
                             [w.copy() for w in network.weights],
                             [b.copy() for b in network.biases])
        self._dirty = self._maps_dirty = True
        self._schedule()

    def set_sample(self, x: np.ndarray | None) -> None:
        """Colour the units by their values for this input (None: the first training point)."""
        self._sample_given = x is not None
        self._sample = (self._first_sample if x is None
                        else np.asarray(x, dtype=np.float64).ravel().copy())
        self._dirty = True
        self._schedule()

    def set_data(self, train: Dataset) -> None:
        """Names, range (for the maps) and default sample come from the training set."""
        self.feature_names = train.feature_names
        if train.n_samples:
            self.input_scale = float(np.abs(train.X).max()) or 1.0
            self._first_sample = train.X[0].copy()
            if not self._sample_given:
                self._sample = self._first_sample
        self.set_input_range(padded_bounds(train.X) if train.n_features == 2
                             and train.n_samples else None)

    def set_input_range(self, bounds: np.ndarray | None) -> None:
        """[[x1_low, x1_high], [x2_low, x2_high]]: the plane the unit maps cover."""
        self.bounds = None if bounds is None else np.asarray(bounds, dtype=np.float64)
        self._dirty = self._maps_dirty = True
        self._schedule()

    def show_phase(self, report: TraceReport, phase_index: int) -> None:
        """Show phase `phase_index` of a traced step: highlight its layer, show its numbers."""
        self.report, self.phase_index = report, phase_index
        t = report.trace
        if self.params is None or self.params.sizes != report.layer_sizes:
            self.params = Params(list(report.layer_sizes), list(report.activations),
                                 list(t.weights_before), list(t.biases_before))
            self._maps_dirty = True
        self._dirty = True
        self.refresh(maps=False)

    def clear_phase(self) -> None:
        """Back to the live view of the current sample."""
        self.report = None
        self._dirty = True
        self.refresh(maps=False)

    def set_editable(self, editable: bool) -> None:
        """Clicks edit parameters only while training is not playing."""
        self.editable = self.view.editable = editable

    def refresh(self, maps: bool = True) -> None:
        """Redraw now, bypassing the throttle; the maps too unless maps=False (then they
        are recomputed only if stale and not recomputed for MAP_INTERVAL)."""
        self._timer.stop()
        p = self.params
        if p is None:
            return
        if self.scene.shape != (p.sizes, p.activations):
            self.scene.build(p.sizes, p.activations, p.weights)
            self._maps_dirty = True
            self._relayout(update=False)
        if self.report is not None and self.report.layer_sizes != p.sizes:
            self.report = None  # a step of a network that is no longer there
        self.scene.update_edges(p.weights)
        self._update_nodes()
        self._last, self._dirty = time.perf_counter(), False
        if maps or (self._maps_dirty and self._last - self._last_map >= MAP_INTERVAL):
            self._update_maps()
        elif self._maps_dirty:
            self._map_timer.start(int(1000 * (MAP_INTERVAL - self._last + self._last_map)) + 1)
        self._show_note()

    def sizeHint(self) -> QSize:
        return QSize(500, 400)

    # ---- introspection (tests, the lead's status line) ----
    def nodes(self, layer: int) -> list[NodeItem]:
        return list(self.scene.nodes[layer])

    def edges(self, layer: int) -> list[EdgeItem]:
        return list(self.scene.edges[layer - 1])

    @property
    def highlighted_layer(self) -> int | None:
        return self.scene.highlighted

    def map_values(self, layer: int, unit: int) -> np.ndarray | None:
        """The GRID×GRID map of a unit (row 0 = top of the plane), or None when off."""
        if self.scene.map_values is None:
            return None
        return self.scene.map_values[layer][:, unit].reshape(GRID, GRID)

    def tooltip_for(self, item: object) -> str:
        """The text shown on hovering an item (built on demand from the current numbers)."""
        if self.params is None:
            return ""
        trace = self.report.trace if self.report is not None else None
        return text.item_tooltip(item, self.params, self._traced_values(), trace,
                                 self.feature_names, self.editable)

    # ---- drawing ----
    def _schedule(self) -> None:
        if self._timer.isActive():
            return  # the pending redraw will use the newest numbers
        wait = self.redraw_interval - (time.perf_counter() - self._last)
        if wait <= 0:
            self._tick()
        else:
            self._timer.start(int(wait * 1000) + 1)

    def _tick(self) -> None:
        """A throttled redraw: skipped (and remembered) while the diagram is hidden."""
        if not self.isVisible():
            return
        if self._dirty or self._maps_dirty:
            started = time.perf_counter()
            self.refresh(maps=False)
            self._budget(time.perf_counter() - started + self.view.take_paint_seconds())
            self.view.charge_next_paint()  # the paint this redraw causes, paid at the next

    def _budget(self, cost: float) -> None:
        """Space the throttled redraws so that they take at most SHARE of the GUI thread.

        `cost` is this redraw's refresh plus the paint the last one caused (the scene
        paints in a later event), smoothed as the plots' costs are (plots.schedule); a
        deep network's diagram is redrawn less often, but at least every MAX_INTERVAL."""
        self.redraw_cost = cost if self.redraw_cost == 0.0 else (
            0.5 * self.redraw_cost + 0.5 * cost)
        self.redraw_interval = min(MAX_INTERVAL, max(MIN_INTERVAL, self.redraw_cost / SHARE))

    def _maps_toggled(self) -> None:
        self._relayout(update=False)  # nodes are larger with maps
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._tick()

    def _relayout(self, update: bool = True) -> None:
        """Place every item for the viewport's size (a resize or a new shape)."""
        if self.params is None or self.scene.shape is None:
            return
        self.view.hover.hide()
        viewport = self.view.viewport()
        p = self.params
        allowed = self.maps_box.isChecked() and p.sizes[0] == 2 and self.bounds is not None
        self.scene.place(viewport.width(), viewport.height(), allowed)
        if update:
            if self.report is not None:  # room for the numbers changed with the size
                self._update_nodes()
            self._update_maps()
            self._show_note()

    def _traced_values(self) -> Values | None:
        """(z, a) of every layer: the trace's own, else the sample's through the network."""
        if self.report is not None:
            return list(self.report.trace.z), list(self.report.trace.a)
        return None if self.params is None else sample_values(self.params, self._sample)

    def _update_nodes(self) -> None:
        """Brush = value for the sample (or the phase's δ); numbers on the phase's layer."""
        p = self.params
        assert p is not None
        values = self._traced_values()
        phase = self.report.phases[self.phase_index] if self.report is not None else None
        delta = list(self.report.trace.delta) if self.report is not None else []
        self._delta_scale = delta_scale(delta)
        for layer, mode in enumerate(column_modes(phase, len(p.sizes))):
            units = self.scene.shown[layer]
            if values is not None and mode == "delta":
                colors = self.colors.colors(delta[layer - 1][units], 0.0, self._delta_scale)
            elif values is not None and mode == "a":
                a = np.asarray(values[1][layer], float)
                colors = self.colors.colors(a[units], *self._layer_scale(layer, a))
            else:
                colors = [self.colors.color(0.0)] * len(units)
            self.scene.color_nodes(layer, colors)
        highlight = phase.layer if phase is not None else None
        self.scene.highlight(highlight)
        self.scene.show_maps(phase is None)  # a step shows the trace's values, unmasked
        labels = [] if phase is None or values is None or highlight is None else (
            phase_labels(phase, self.scene.shown[highlight], values, delta))
        self._all_labels = self.scene.label_nodes(highlight if labels else None, labels)

    def _layer_scale(self, layer: int, a: np.ndarray) -> tuple[float, float]:
        if layer == 0:
            return 0.0, self.input_scale or float(np.abs(a).max(initial=0.0)) or 1.0
        return value_scale(self.params.activations[layer - 1], a)  # type: ignore[union-attr]

    def _maps_wanted(self) -> str | None:
        """Why there are no unit maps ("inputs", "data", "size"), or None if they are on."""
        p = self.params
        if p is None or p.sizes[0] != 2:
            return "inputs"
        if self.bounds is None:
            return "data"
        if not self.scene.maps_fit():
            return "size"
        return None

    def _update_maps(self) -> None:
        p = self.params
        self._maps_dirty = False
        self._last_map = time.perf_counter()
        if p is None or not self.maps_box.isChecked() or self._maps_wanted() is not None:
            self.scene.set_maps(None, p.activations if p else [])
            return
        _, a = forward_all(p.weights, p.biases, p.activations, grid_points(self.bounds))
        self.scene.set_maps(a, p.activations)

    def _show_note(self) -> None:
        reason = self._maps_wanted() if self.maps_box.isChecked() else None
        phase = self.report.phases[self.phase_index] if self.report is not None else None
        sample = self._sample if self._traced_values() is not None else None
        summary, note = text.notes(self.scene.summary(), reason, phase, self._delta_scale,
                                   sample, not self._sample_given)
        if summary != self.summary.text():
            self.summary.setText(summary)
            self.summary.setVisible(bool(summary))
        if not self._all_labels:
            note += " " + self.tr("Too little room for every number: hover a unit for its "
                                  "value.")
        self.note.setText(note)
        self._fit_note()

    def _fit_note(self) -> None:
        """Two lines for the note, or as many as it wraps to in a narrow dock (rather than
        cutting it off)."""
        two_lines = 2 * self.note.fontMetrics().height() + 2
        needed = self.note.heightForWidth(self.note.width()) if self.note.text() else 0
        self.note.setFixedHeight(max(two_lines, needed))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_note()

    # ---- editing ----
    def _edit(self, item: object) -> None:
        """A click on a connection (its weight) or a unit (its bias), while editable."""
        target = edit_target(item, self.params) if self.editable else None
        if target is None:
            return
        layer, row, column, current = target
        value = self.value_editor(text.edit_prompt(layer, row, column), current)
        if value is not None and math.isfinite(value):
            self.weight_edit_requested.emit(layer, row, column, float(value))

    def _ask_value(self, prompt: str, current: float) -> float | None:
        value, ok = QInputDialog.getDouble(self, self.tr("Edit parameter"), prompt, current,
                                           -1e6, 1e6, 6)
        return value if ok else None
