"""The diagram's scene: builds the items for one network shape, then only restyles them.

`build` makes the items (once per shape), `place` positions them for a viewport size,
`update_edges` / `color_nodes` / `set_maps` restyle them for new numbers. Each layer pair
owns a fixed pool of edge items; when a pair is summarised, the pool is re-pointed at the
current top-k weights on every update, so the drawn edges always are the largest ones.
The edges are painted together, grouped by pen, by one EdgePainter (items.py).
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication, QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene
from PySide6.QtWidgets import QGraphicsSimpleTextItem as TextItem

from fnnsim.ui.diagram import text
from fnnsim.ui.diagram.colors import Diverging, EdgePens
from fnnsim.ui.diagram.items import EdgeItem, EdgePainter, NodeItem
from fnnsim.ui.diagram.layout import (
    Geometry,
    edge_budgets,
    geometry,
    shown_units,
    top_edges,
)
from fnnsim.ui.diagram.maps import MAX_MAP_UNITS, MIN_MAP_SIZE, map_pixmaps
from fnnsim.ui.plots.palette import Theme, blend

NODE_SIZE, MAP_NODE_SIZE = 22.0, 40.0  # largest node side without / with unit maps


class DiagramScene(QGraphicsScene):
    """Nodes, edges, labels, "… +N" markers and the highlight band of one network shape."""

    def __init__(self, colors: Diverging, pens: EdgePens, theme: Theme) -> None:
        super().__init__()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # items move a lot
        self.colors, self.pens, self.theme = colors, pens, theme
        self.setBackgroundBrush(QColor(theme.background))
        self.small = QFont()
        self.small.setPointSizeF(7.5)
        outline = blend(theme.foreground, theme.background, 0.55)
        self.node_pen, self.strong_pen = QPen(outline, 0.8), QPen(QColor(theme.foreground), 2.2)
        for pen in (self.node_pen, self.strong_pen):
            pen.setCosmetic(True)
        self.band = QGraphicsRectItem()
        self.band.setBrush(blend(theme.background, "#ffd54f", 0.35))
        self.band.setPen(Qt.PenStyle.NoPen)
        self.band.setZValue(-1)
        self.band.hide()
        self.addItem(self.band)
        self.edge_painter = EdgePainter(lambda: (e for pool in self.edges for e in pool))
        self.addItem(self.edge_painter)
        self.shape: tuple[list[int], list[str]] | None = None
        self.shown: list[np.ndarray] = []  # units drawn, per layer
        self.slots: list[np.ndarray] = []  # unit → its place in the column (−1: not drawn)
        self.nodes: list[list[NodeItem]] = []
        self.edges: list[list[EdgeItem]] = []  # per layer pair l − 1
        # what each pool draws now, as arrays (rows, columns, pen levels; NaN: no pen yet),
        # so that a redraw finds the few edges that changed without visiting every item
        self._drawn: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.labels: list[TextItem] = []
        self.markers: list[TextItem | None] = []
        self.highlighted: int | None = None
        self.map_values: list[np.ndarray] | None = None  # a^(l) on the map grid
        self.maps_visible = True
        self.geo: Geometry | None = None
        self.size = (0.0, 0.0)
        self.edge_total = 0
        self._own: list[QGraphicsItem] = []

    # ---- building ----
    def build(self, sizes: list[int], activations: list[str], weights: list[np.ndarray]) -> None:
        """Make the items for this shape (the old ones are deleted)."""
        for item in self._own:
            self.removeItem(item)
        self._own, self.geo, self.map_values, self.highlighted = [], None, None, None
        self.band.hide()
        self.shape = (list(sizes), list(activations))
        self.shown = shown_units(sizes, weights)
        self.slots = []
        for n, units in zip(sizes, self.shown, strict=True):
            slot = np.full(n, -1)
            slot[units] = np.arange(len(units))
            self.slots.append(slot)
        self.nodes = [[self._add(NodeItem(layer, int(u))) for u in units]
                      for layer, units in enumerate(self.shown)]
        for column in self.nodes:
            for node in column:
                node.setPen(self.node_pen)
                node.label.setFont(self.small)
        self.markers = [self._marker(layer, n, len(units)) if len(units) < n else None
                        for layer, (n, units) in enumerate(zip(sizes, self.shown, strict=True))]
        depth = len(sizes) - 1
        self.labels = []
        for layer in range(depth + 1):
            label = self._add(TextItem(text.layer_label(layer, depth, (
                activations[layer - 1] if layer else None), short=False)))
            label.setFont(self.small)
            label.setBrush(QColor(self.theme.foreground))
            label.setToolTip(label.text())
            self.labels.append(label)
        counts = [len(self.shown[l]) * len(self.shown[l - 1]) for l in range(1, depth + 1)]
        budgets = edge_budgets(counts)
        self.edges = [[self._add(EdgeItem(l)) for _ in range(k)]
                      for l, k in enumerate(budgets, start=1)]
        self._drawn = [(np.full(k, -1), np.full(k, -1), np.full(k, np.nan)) for k in budgets]
        self.edge_painter.invalidate()
        self.edge_total = sum(sizes[l] * sizes[l - 1] for l in range(1, depth + 1))

    def _add(self, item: QGraphicsItem) -> QGraphicsItem:
        self.addItem(item)
        self._own.append(item)
        return item

    def _marker(self, layer: int, n: int, shown: int) -> TextItem:
        marker = self._add(TextItem(f"… +{n - shown}"))
        marker.setFont(self.small)
        marker.setBrush(blend(self.theme.foreground, self.theme.background, 0.4))
        marker.setToolTip(QCoreApplication.translate(
            "NetworkDiagram", "{0} more units of layer {1} are not drawn; the {2} drawn have the "
            "largest weights in and out.").format(n - shown, layer, shown))
        return marker

    # ---- placing ----
    def maps_fit(self) -> bool:
        """Are there few enough units, drawn large enough, for readable unit maps?"""
        if sum(len(s) for s in self.shown) > MAX_MAP_UNITS:
            return False
        trial = self._geometry(MAP_NODE_SIZE)
        return trial is not None and trial.node_size >= MIN_MAP_SIZE

    def _geometry(self, max_size: float) -> Geometry | None:
        if self.shape is None or self.size[0] <= 0:
            return None
        summarised = [m is not None for m in self.markers]
        return geometry(*self.size, [len(s) for s in self.shown], summarised, max_size)

    def place(self, width: float, height: float, maps_allowed: bool) -> None:
        """Position every item for a viewport of this size."""
        self.size = (float(width), float(height))
        geo = self._geometry(MAP_NODE_SIZE if maps_allowed and self.maps_fit() else NODE_SIZE)
        if geo is None:
            return
        self.geo = geo
        for layer, column in enumerate(self.nodes):
            for node, y in zip(column, geo.ys[layer], strict=True):
                node.place(geo.xs[layer], float(y), geo.node_size)
        for marker, x, y in zip(self.markers, geo.xs, geo.marker_ys, strict=True):
            if marker is not None:
                marker.setPos(x - marker.boundingRect().width() / 2, y)
        self._place_labels(geo)
        for items in self.edges:
            for item in items:
                self._set_line(item)
        self.edge_painter.set_rect(QRectF(0.0, 0.0, *self.size))
        self.highlight(self.highlighted)

    def _place_labels(self, geo: Geometry) -> None:
        """Full labels when they fit the column gap, else short ones, thinned if needed."""
        assert self.shape is not None
        sizes, activations = self.shape
        depth, metrics = len(sizes) - 1, QFontMetricsF(self.small)
        full = [text.layer_label(l, depth, activations[l - 1] if l else None, False)
                for l in range(depth + 1)]
        short = [text.layer_label(l, depth, None, True) for l in range(depth + 1)]
        widest = max(metrics.horizontalAdvance(t) for t in full)
        texts = full if widest <= geo.column_gap - 6 else short
        widest = max(metrics.horizontalAdvance(t) for t in texts)
        every = max(1, math.ceil((widest + 6) / geo.column_gap))
        for layer, (label, x) in enumerate(zip(self.labels, geo.xs, strict=True)):
            label.setText(texts[layer])
            label.setPos(x - label.boundingRect().width() / 2, geo.label_y)
            label.setVisible(layer % every == 0 or layer == depth)

    def _set_line(self, item: EdgeItem) -> None:
        geo, l = self.geo, item.layer
        if geo is None or item.row < 0:
            return
        half = geo.node_size / 2
        y1 = geo.ys[l - 1][self.slots[l - 1][item.column]]
        y2 = geo.ys[l][self.slots[l][item.row]]
        item.segment = QLineF(geo.xs[l - 1] + half, y1, geo.xs[l] - half, y2)
        item.setLine(item.segment)

    # ---- restyling ----
    def update_edges(self, weights: list[np.ndarray]) -> None:
        """Point each pool at its layer pair's largest |w| and set pens where they changed."""
        for l, items in enumerate(self.edges, start=1):
            rows_u, cols_u = self.shown[l], self.shown[l - 1]
            sub = weights[l - 1][np.ix_(rows_u, cols_u)]
            r, c = top_edges(sub, len(items))
            rows, cols, levels = rows_u[r], cols_u[c], self.pens.levels(sub[r, c])
            old_rows, old_cols, old_levels = self._drawn[l - 1]
            moved = (rows != old_rows) | (cols != old_cols) | np.isnan(old_levels)
            restyled = levels != old_levels  # NaN (never styled) differs from any level
            changed = np.flatnonzero(moved | restyled).tolist()
            if changed:
                self.edge_painter.invalidate()
            for i in changed:
                item = items[i]
                if moved[i]:
                    item.row, item.column = int(rows[i]), int(cols[i])
                    self._set_line(item)
                if restyled[i]:
                    item.level = level = float(levels[i])
                    item.setPen(self.pens.pen(level))  # (the EdgePainter puts strong on top)
            self._drawn[l - 1] = (rows, cols, levels)

    def color_nodes(self, layer: int, colors: list[QColor]) -> None:
        """Fill the layer's nodes. The colours are the Diverging table's own QColors, so a
        node whose colour is the same object as last time keeps its brush."""
        for node, color in zip(self.nodes[layer], colors, strict=True):
            if node.fill is not color:
                node.fill = color
                node.setBrush(QBrush(color))

    def highlight(self, layer: int | None) -> None:
        """A band behind `layer` and bold outlines on its units (None: no highlight)."""
        for column in self.nodes:
            for node in column:
                if node.pen().widthF() != self.node_pen.widthF():
                    node.setPen(self.node_pen)
        self.highlighted = layer
        if layer is None or self.geo is None or layer >= len(self.nodes):
            self.band.hide()
            return
        geo = self.geo
        x = geo.xs[layer]
        width = min(geo.column_gap * 0.9, max(geo.node_size * 2.6, 40.0))
        self.band.setRect(x - width / 2, 2.0, width, self.size[1] - 4.0)
        self.band.show()
        for node in self.nodes[layer]:
            node.setPen(self.strong_pen)

    def label_nodes(self, layer: int | None, texts: list[str]) -> bool:
        """Numbers under the units of one layer (every other label is hidden): under each
        node when there is room, else beside it, else beside every k-th node so that no
        two overlap. Returns whether every number is shown."""
        for column in self.nodes:
            for node in column:
                node.label.hide()
        if layer is None or not texts:
            return True
        nodes = self.nodes[layer][:len(texts)]
        for node, value in zip(nodes, texts, strict=True):
            node.label.setText(value)
        height = max(node.label.boundingRect().height() for node in nodes)
        ys = np.sort(self.geo.ys[layer]) if self.geo is not None else np.zeros(0)
        spacing = float(np.diff(ys).min()) if len(ys) > 1 else math.inf
        node_size = self.geo.node_size if self.geo is not None else 0.0
        beside = spacing < node_size + height + 2
        every = max(1, math.ceil((height + 1) / spacing)) if beside else 1
        for i, node in enumerate(nodes):
            node.place_label(beside)
            node.label.setVisible(i % every == 0)
        return every == 1

    def show_maps(self, visible: bool) -> None:
        """Hide the maps (e.g. while a step shows the trace's values) or show them again."""
        self.maps_visible = visible
        for column in self.nodes:
            for node in column:
                node.map.setVisible(visible and self.map_values is not None)

    def set_maps(self, activations_on_grid: list[np.ndarray] | None,
                 activations: list[str]) -> None:
        """Show each drawn unit's map (a^(l) over the grid), or hide all maps (None)."""
        self.map_values = activations_on_grid
        for layer, column in enumerate(self.nodes):
            if activations_on_grid is None:
                for node in column:
                    node.map.hide()
                continue
            values = activations_on_grid[layer][:, self.shown[layer]]
            name = activations[layer - 1] if layer else None
            for node, pixmap in zip(column, map_pixmaps(values, name, self.colors),
                                    strict=True):
                node.set_map(pixmap)
                node.map.setVisible(self.maps_visible)

    def summary(self) -> str:
        assert self.shape is not None
        sizes = self.shape[0]
        wide = [(l, len(s), sizes[l]) for l, s in enumerate(self.shown) if len(s) < sizes[l]]
        return text.summary_note(wide, (sum(len(e) for e in self.edges), self.edge_total))

    def item_count(self) -> int:
        """Items in the scene, children (maps, labels) included."""
        return len(self.items())
