"""The diagram's scene items and its view: picking, tooltips, hover and click-to-edit.

Items carry only their address in the network (layer, row, column); the text of a tooltip
is built when it is asked for, from the diagram's current numbers, so a redraw never
formats thousands of strings. Thin lines are hard to hit, so the view picks the nearest
edge within a few pixels of the cursor rather than the exact item under it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QToolTip,
    QWidget,
)

if TYPE_CHECKING:
    from fnnsim.ui.diagram.values import Params

PICK_RADIUS = 4.0  # px around the cursor in which an edge counts as hit
MAP_RIM = 3.0  # px of the node's own colour (its value for the sample) around a map


class NodeItem(QGraphicsRectItem):
    """Unit `unit` of layer `layer` (0 = input): a square coloured by its value, with an
    optional per-unit map inside and a value label beside it."""

    def __init__(self, layer: int, unit: int) -> None:
        super().__init__()
        self.layer, self.unit = layer, unit
        self.setZValue(2)
        self.map = QGraphicsPixmapItem(self)
        self.map.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.map.hide()
        self.label = ValueLabel(self)
        self.label.hide()
        self.label_beside = False
        self.fill: QColor | None = None  # the colour of the brush (see DiagramScene.color_nodes)

    def place(self, x: float, y: float, size: float) -> None:
        """Centre the node at (x, y) with side `size`; the map and label follow."""
        self.setRect(QRectF(-size / 2, -size / 2, size, size))
        self.setPos(x, y)
        inner = size - 2 * MAP_RIM
        self.map.setPos(-inner / 2, -inner / 2)
        pixmap = self.map.pixmap()
        if not pixmap.isNull():
            self.map.setScale(inner / pixmap.width())
        self.place_label()

    def place_label(self, beside: bool | None = None) -> None:
        """The value label centred under the node, or `beside` it on the right (when the
        nodes of the column are too close for a label between two of them); None keeps
        the last choice (a relayout)."""
        if beside is not None:
            self.label_beside = beside
        box = self.label.boundingRect()
        half = self.rect().height() / 2
        if self.label_beside:
            self.label.setPos(half + 2, -box.height() / 2)
        else:
            self.label.setPos(-box.width() / 2, half + 1)


    def set_map(self, pixmap: QPixmap) -> None:
        """Show a unit map inside the node, leaving a rim of the node's own colour."""
        self.map.setPixmap(pixmap)
        inner = self.rect().width() - 2 * MAP_RIM
        self.map.setScale(inner / max(pixmap.width(), 1))
        self.map.setPos(-inner / 2, -inner / 2)


class ValueLabel(QGraphicsSimpleTextItem):
    """A number beside a node, on a translucent plate so edges do not hide it."""

    def paint(self, painter: QPainter, option: object, widget: QWidget | None = None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 215))
        painter.drawRoundedRect(self.boundingRect().adjusted(-1, 0, 1, 0), 2, 2)
        super().paint(painter, option, widget)


class EdgeItem(QGraphicsLineItem):
    """The connection W^(layer)[row, column] from unit `column` of layer − 1 to unit `row`."""

    def __init__(self, layer: int) -> None:
        super().__init__()
        self.layer, self.row, self.column = layer, -1, -1  # set by the first update
        self.level = math.nan  # the cached pen's level, so unchanged edges are skipped
        self.segment: QLineF | None = None  # its line, kept here: line() makes a copy
        self.setZValue(0)
        # EdgePainter paints it, with every other edge: 600 edges painted one item at a time
        # took ~1.5 ms more per paint. The item stays for picking, hovering and its pen.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)


class EdgePainter(QGraphicsItem):
    """Paints the diagram's edges in one go: their lines grouped by pen, weakest first
    (strong weights on top), regrouped only after `invalidate` (edges restyled or moved)."""

    def __init__(self, edges: Callable[[], Iterator[EdgeItem]]) -> None:
        super().__init__()
        self.edges = edges
        self._groups: list[tuple[QPen, list[QLineF]]] | None = None
        self._rect = QRectF()
        self.setZValue(0.05)  # above the band, the hover halo and the layer labels; below units

    def set_rect(self, rect: QRectF) -> None:
        """The area the edges lie in (the scene's)."""
        self.prepareGeometryChange()
        self._rect = QRectF(rect)
        self.invalidate()

    def invalidate(self) -> None:
        self._groups = None
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: object, widget: QWidget | None = None) -> None:
        if self._groups is None:
            groups: dict[float, tuple[EdgeItem, list[QLineF]]] = {}
            for item in self.edges():  # plain attributes: a Qt call per edge costs ~1 ms
                if item.segment is not None and not math.isnan(item.level):
                    groups.setdefault(item.level, (item, []))[1].append(item.segment)
            self._groups = [(groups[level][0].pen(), groups[level][1])
                            for level in sorted(groups, key=abs)]
        for pen, lines in self._groups:
            painter.setPen(pen)
            painter.drawLines(lines)


class DiagramView(QGraphicsView):
    """Shows the scene at 1:1 (the diagram lays itself out for the viewport's size)."""

    def __init__(self, scene: QGraphicsScene, tooltip_for: Callable[[QGraphicsItem], str],
                 clicked: Callable[[QGraphicsItem], None],
                 resized: Callable[[], None]) -> None:
        super().__init__(scene)
        self.tooltip_for, self.clicked, self.resized = tooltip_for, clicked, resized
        self.editable = False
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setMouseTracking(True)
        self.hover = QGraphicsLineItem()  # a halo under the edge below the cursor
        self.hover.setZValue(-0.5)  # above the highlight band, below every edge
        self.hover.hide()
        scene.addItem(self.hover)
        self._pressed: QGraphicsItem | None = None
        # time spent painting after throttled redraws, for the diagram's redraw budget;
        # other painting (hovering, stepping, edits) is not the throttle's to pay for
        self.paint_seconds = 0.0
        self._charged = False

    def charge_next_paint(self) -> None:
        """Count the next paint in `paint_seconds` (a throttled redraw just asked for it)."""
        self._charged = True

    def paintEvent(self, event: object) -> None:
        started = time.perf_counter()
        super().paintEvent(event)
        if self._charged:
            self._charged = False
            self.paint_seconds += time.perf_counter() - started

    def take_paint_seconds(self) -> float:
        """The charged painting since last asked (and reset it)."""
        seconds, self.paint_seconds = self.paint_seconds, 0.0
        return seconds

    def pick(self, pos: QPointF) -> QGraphicsItem | None:
        """The node under a viewport position, else the nearest edge within PICK_RADIUS,
        else any item with a tooltip of its own (a layer label, a "… +N" marker)."""
        at = self.mapToScene(pos.toPoint())
        area = QRectF(at.x() - PICK_RADIUS, at.y() - PICK_RADIUS, 2 * PICK_RADIUS,
                      2 * PICK_RADIUS)
        best, best_distance = None, math.inf
        for item in self.scene().items(area):
            while item is not None and not isinstance(item, (NodeItem, EdgeItem)):
                item = item.parentItem()
            if isinstance(item, NodeItem) and item.isVisible():
                if item.sceneBoundingRect().adjusted(-1, -1, 1, 1).contains(at):
                    return item
            elif isinstance(item, EdgeItem) and item.isVisible():
                distance = _distance(item.line(), at)
                if distance < best_distance:
                    best, best_distance = item, distance
        if best is not None and best_distance <= PICK_RADIUS + 1:
            return best
        return next((i for i in self.scene().items(at) if i.toolTip()), None)  # labels

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        self.setSceneRect(QRectF(0, 0, self.viewport().width(), self.viewport().height()))
        self.resized()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item = self.pick(QPointF(event.pos()))
            text = self.tooltip_for(item) if item is not None else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        item = self.pick(event.position())
        if isinstance(item, EdgeItem):
            pen = QPen(item.pen())
            pen.setColor(QColor(40, 40, 40, 110))
            pen.setWidthF(pen.widthF() + 6.0)
            self.hover.setPen(pen)
            self.hover.setLine(item.line())
            self.hover.show()
        else:
            self.hover.hide()
        editable = self.editable and (
            isinstance(item, EdgeItem) or (isinstance(item, NodeItem) and item.layer > 0))
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if editable
                                  else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.hover.hide()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        left = event.button() == Qt.MouseButton.LeftButton
        self._pressed = self.pick(event.position()) if left else None
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        item, self._pressed = self._pressed, None
        if item is not None and item is self.pick(event.position()):
            self.clicked(item)
        event.accept()


def edit_target(item: object, p: Params | None) -> tuple[int, int, int | None, float] | None:
    """(layer, row, column, current value) a click on this item edits: W^(l)[row, column]
    for a connection, b^(l)[row] (column None) for a non-input unit; None otherwise."""
    if p is None:
        return None
    if isinstance(item, EdgeItem):
        return item.layer, item.row, item.column, float(
            p.weights[item.layer - 1][item.row, item.column])
    if isinstance(item, NodeItem) and item.layer > 0:
        return item.layer, item.unit, None, float(p.biases[item.layer - 1][item.unit])
    return None


def _distance(line: QLineF, point: QPointF) -> float:
    """Distance from a point to a line segment."""
    p1, p2 = line.p1(), line.p2()
    dx, dy = p2.x() - p1.x(), p2.y() - p1.y()
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else ((point.x() - p1.x()) * dx + (point.y() - p1.y()) * dy) / length2
    t = min(max(t, 0.0), 1.0)
    return math.hypot(p1.x() + t * dx - point.x(), p1.y() + t * dy - point.y())

