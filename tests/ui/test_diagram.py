"""The network diagram: what it draws, what hovering and clicking do, and what it leaves out."""

import numpy as np
import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from fnnsim.config import ExperimentConfig, LayerConfig
from fnnsim.engine.network import Network
from fnnsim.engine.phases import trace_phases
from fnnsim.engine.sgd import SGDSettings, trace_step
from fnnsim.training.qt_controller import TraceReport, TrainingController
from fnnsim.ui.diagram.layout import MAX_EDGES, MAX_NODES
from fnnsim.ui.diagram.maps import GRID
from fnnsim.ui.widgets import format_number

WAIT = 20_000
W1 = np.array([[0.2, -0.8], [1.2, 0.5], [-1.6, 0.1]])
B1 = np.array([0.1, -0.2, 0.3])
W2 = np.array([[0.7, -0.3, 0.05], [-1.0, 0.4, 0.9]])
B2 = np.array([0.0, 0.5])


@pytest.fixture
def net():
    return Network([2, 3, 2], ["tanh", "sigmoid"], "mse", [W1, W2], [B1, B2])


def fill(item) -> QColor:
    return item.brush().color()


def warmth(color: QColor) -> int:
    """> 0 for orange (positive), < 0 for blue (negative)."""
    return color.red() - color.blue()


def point_on(diagram, edge) -> QPoint:
    """A viewport point that picks exactly this edge (crossings and nodes avoided)."""
    for t in np.linspace(0.2, 0.8, 25):
        pos = diagram.view.mapFromScene(edge.line().pointAt(float(t)))
        if diagram.view.pick(pos.toPointF()) is edge:
            return pos
    raise AssertionError("no point picks this edge")


def edge_of(diagram, layer, row, column):
    (edge,) = [e for e in diagram.edges(layer) if (e.row, e.column) == (row, column)]
    return edge


def tooltip_at(diagram, pos: QPoint) -> str:
    viewport = diagram.view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    return QToolTip.text()


def report_for(net, x, y) -> TraceReport:
    trace = trace_step(net, np.asarray(x, float), np.asarray(y, float), SGDSettings())
    return TraceReport(trace, trace_phases(trace, net.activations, net.loss), 0, 1, 0,
                       list(net.layer_sizes), list(net.activations))


def test_nodes_and_edges_follow_the_network(diagram, net):
    diagram.set_network(net)
    diagram.refresh()
    assert [len(diagram.nodes(l)) for l in range(3)] == [2, 3, 2]
    assert [len(diagram.edges(l)) for l in (1, 2)] == [6, 6]
    for layer, w in ((1, W1), (2, W2)):
        edges = diagram.edges(layer)
        assert {(e.row, e.column) for e in edges} == {(n, m) for n in range(w.shape[0])
                                                      for m in range(w.shape[1])}
        for e in edges:
            assert np.sign(warmth(e.pen().color())) == np.sign(w[e.row, e.column])
        by_size = sorted(edges, key=lambda e: abs(w[e.row, e.column]))
        widths = [e.pen().widthF() for e in by_size]
        assert widths == sorted(widths) and widths[0] < widths[-1]
        assert len(set(widths)) == len(widths)  # these weights differ enough to tell apart


def test_node_colours_follow_the_sample_activations(diagram, net):
    x = np.array([0.9, -0.4])
    diagram.set_network(net)
    diagram.set_sample(x)
    diagram.refresh()
    _, a = net.forward(x)
    neutral = diagram.colors.color(0.0)
    for layer, centre in ((1, 0.0), (2, 0.5)):  # tanh around 0, sigmoid around 0.5
        nodes = diagram.nodes(layer)
        for node in nodes:
            assert np.sign(warmth(fill(node))) == np.sign(a[layer][node.unit] - centre)
            assert fill(node) == diagram.colors.color(a[layer][node.unit], centre,
                                                      1.0 if layer == 1 else 0.5)
        order = np.argsort(np.abs(a[layer] - centre))
        distance = [abs(fill(nodes[i]).lightness() - neutral.lightness()) for i in order]
        assert distance == sorted(distance)
    diagram.set_sample(np.array([-0.9, 0.4]))  # another sample, other colours
    diagram.refresh()
    assert np.sign(warmth(fill(diagram.nodes(0)[0]))) == -1


def test_hovering_an_edge_shows_its_weight_then_its_gradient(diagram, net):
    diagram.set_network(net)
    diagram.refresh()
    edge = edge_of(diagram, 1, 2, 0)
    text = tooltip_at(diagram, point_on(diagram, edge))
    assert "W^(1)[2, 0] = -1.6" in text and "∂L" not in text
    report = report_for(net, [0.9, -0.4], [1.0, 0.0])
    diagram.show_phase(report, 0)
    text = tooltip_at(diagram, point_on(diagram, edge))
    gradient = report.trace.grad_weights[0][2, 0]
    assert gradient != 0
    assert f"∂L/∂W^(1)[2, 0] = {format_number(gradient)}" in text
    node = diagram.nodes(1)[1]
    text = tooltip_at(diagram, diagram.view.mapFromScene(node.scenePos()))
    for symbol, value in (("z", report.trace.z[0][1]), ("a", report.trace.a[1][1]),
                          ("b", B1[1]), ("δ", report.trace.delta[0][1])):
        assert f"{symbol}^(1)[1] = {format_number(value)}" in text


def test_edges_are_painted_in_their_colours_and_repainted_when_they_change(diagram, net):
    """The edges are painted together (EdgePainter), not item by item: what the view
    shows along each strong edge is its weight's colour, also after the weights change."""
    diagram.set_network(net)
    diagram.refresh()
    strong = [(1, 2, 0), (1, 1, 0), (2, 1, 0), (2, 0, 0)]  # -1.6, 1.2, -1.0, 0.7

    def shown_warmth() -> list[int]:
        image = diagram.view.viewport().grab().toImage()
        return [np.sign(warmth(image.pixelColor(point_on(diagram, edge_of(diagram, *e)))))
                for e in strong]

    assert shown_warmth() == [-1, 1, -1, 1]
    flipped = net.copy()
    for w in flipped.weights:
        w *= -1
    diagram.set_network(flipped)
    diagram.refresh()
    assert shown_warmth() == [1, -1, 1, -1]


def test_clicking_edits_a_weight_or_a_bias_only_when_editable(qtbot, diagram, net):
    asked = []
    diagram.value_editor = lambda prompt, current: asked.append((prompt, current)) or 0.625
    diagram.set_network(net)
    diagram.refresh()
    viewport = diagram.view.viewport()
    pos = point_on(diagram, edge_of(diagram, 2, 1, 2))
    with qtbot.assertNotEmitted(diagram.weight_edit_requested):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
    diagram.set_editable(True)
    with qtbot.waitSignal(diagram.weight_edit_requested, timeout=1000) as blocker:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [2, 1, 2, 0.625]
    assert asked == [(asked[0][0], 0.9)] and "W^(2)[1, 2]" in asked[0][0]
    node = diagram.nodes(1)[2]
    with qtbot.waitSignal(diagram.weight_edit_requested, timeout=1000) as blocker:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton,
                         pos=diagram.view.mapFromScene(node.scenePos()))
    assert blocker.args == [1, 2, None, 0.625] and asked[-1][1] == 0.3
    diagram.value_editor = lambda prompt, current: None  # cancelled: nothing is sent
    with qtbot.assertNotEmitted(diagram.weight_edit_requested):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pos)


@pytest.fixture
def controller(qtbot):
    config = ExperimentConfig()
    config.network.hidden = [LayerConfig(3, "tanh")]
    config.data.source, config.data.n_samples = "xor", 40
    config.training.engine = "reference"
    ctl = TrainingController()
    ctl.load(config.validate())
    qtbot.waitUntil(lambda: ctl.worker.trainer is not None, timeout=WAIT)
    yield ctl
    assert ctl.shutdown()


def test_an_edit_in_the_diagram_reaches_the_engine(qtbot, diagram, controller):
    engine = controller.worker.trainer.network
    shape = (list(engine.layer_sizes), list(engine.activations), engine.loss)
    diagram.set_network(engine.copy())
    diagram.refresh()
    diagram.set_editable(True)
    diagram.value_editor = lambda prompt, current: 0.625
    diagram.weight_edit_requested.connect(lambda *args: controller.send("set_weight", *args))
    controller.updated.connect(lambda u: diagram.set_network(Network(*shape, u.weights,
                                                                     u.biases)))
    pos = point_on(diagram, edge_of(diagram, 2, 0, 1))
    with qtbot.waitSignal(controller.updated, timeout=WAIT):
        qtbot.mouseClick(diagram.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert controller.worker.trainer.network.weights[1][0, 1] == 0.625
    diagram.refresh()
    assert "W^(2)[0, 1] = 0.625" in tooltip_at(diagram, pos)


def test_show_phase_highlights_its_layer_and_shows_its_numbers(diagram, net):
    diagram.set_network(net)
    report = report_for(net, [0.9, -0.4], [1.0, 0.0])
    kinds = [(p.kind, p.layer) for p in report.phases]
    trace = report.trace
    diagram.show_phase(report, kinds.index(("forward", 2)))
    assert diagram.highlighted_layer == 2
    band = diagram.scene.band
    assert band.isVisible()
    assert band.sceneBoundingRect().center().x() == pytest.approx(
        diagram.nodes(2)[0].scenePos().x())
    for node in diagram.nodes(2):
        u = node.unit
        assert node.label.isVisible()
        assert node.label.text() == f"z {trace.z[1][u]:.3g} → a {trace.a[2][u]:.3g}"
    assert not any(n.label.isVisible() for n in diagram.nodes(1))
    diagram.show_phase(report, kinds.index(("backward", 1)))
    assert diagram.highlighted_layer == 1
    scale = max(np.abs(d).max() for d in trace.delta)
    for node in diagram.nodes(1):
        delta = trace.delta[0][node.unit]
        assert node.label.text() == f"δ {delta:.3g}"
        assert fill(node) == diagram.colors.color(delta, 0.0, scale)
    assert not any(n.label.isVisible() for n in diagram.nodes(2))
    diagram.clear_phase()
    assert diagram.highlighted_layer is None and not band.isVisible()
    assert not any(n.label.isVisible() for layer in range(3) for n in diagram.nodes(layer))


def test_the_drawing_is_restyled_not_rebuilt_and_redraws_are_throttled(qtbot, diagram, net):
    diagram.set_network(net)
    diagram.refresh()
    first = diagram.nodes(1)[0]
    draws = []
    update = diagram.scene.update_edges
    diagram.scene.update_edges = lambda w: (draws.append(w[0].copy()), update(w))
    for k in range(20):
        changed = net.copy()
        changed.weights[0][0, 0] = -0.01 * k
        diagram.set_network(changed)
    assert len(draws) <= 1  # one redraw at most before the throttle's timer fires
    qtbot.waitUntil(lambda: len(draws) >= 1 and draws[-1][0, 0] == -0.19, timeout=2000)
    assert len(draws) <= 2
    assert diagram.nodes(1)[0] is first
    assert np.sign(warmth(edge_of(diagram, 1, 0, 0).pen().color())) == -1
    diagram.set_network(Network.create([2, 4, 1], ["tanh", "sigmoid"], "bce", rng=0))
    diagram.refresh()
    assert len(diagram.nodes(1)) == 4 and diagram.nodes(1)[0] is not first


@pytest.mark.parametrize("sizes", [[784, 128, 64, 10], [2] + [32] * 29 + [1]])
def test_large_networks_draw_a_bounded_summary(diagram, sizes):
    depth = len(sizes) - 1
    activations = ["relu"] * (depth - 1) + ["softmax" if sizes[-1] > 1 else "sigmoid"]
    loss = "cross_entropy" if sizes[-1] > 1 else "bce"
    big = Network.create(sizes, activations, loss, rng=3)
    diagram.set_network(big)
    diagram.set_sample(np.ones(sizes[0]))
    diagram.refresh()
    assert all(len(diagram.nodes(l)) == min(n, MAX_NODES) for l, n in enumerate(sizes))
    assert sum(len(diagram.edges(l)) for l in range(1, depth + 1)) <= MAX_EDGES
    assert diagram.scene.item_count() <= 3 * MAX_EDGES
    shown = diagram.scene.shown
    for l in range(1, depth + 1):  # what is drawn are the largest weights among the units
        sub = np.abs(big.weights[l - 1][np.ix_(shown[l], shown[l - 1])])
        drawn = {(e.row, e.column) for e in diagram.edges(l)}
        assert len(drawn) == len(diagram.edges(l))
        sizes_drawn = [abs(big.weights[l - 1][r, c]) for r, c in drawn]
        if len(drawn) < sub.size:
            assert min(sizes_drawn) >= np.sort(sub.ravel())[-len(drawn) - 1]
    if sizes[0] == 784:
        importance = np.linalg.norm(big.weights[0], axis=0)
        assert set(shown[0]) == set(np.argsort(-importance)[:MAX_NODES])
        assert diagram.scene.markers[0].text() == f"… +{784 - MAX_NODES}"
        assert "32/784" in diagram.summary.text()
        assert diagram.map_values(1, 0) is None


def test_a_unit_map_is_that_units_activation_over_the_grid(diagram):
    w1 = np.array([[1.5, -0.5], [-0.3, 2.0]])
    tiny = Network([2, 2, 1], ["tanh", "sigmoid"], "bce",
                   [w1, np.array([[1.0, -2.0]])], [np.array([0.2, -0.1]), np.array([0.3])])
    diagram.set_network(tiny)
    diagram.set_input_range(np.array([[-1.0, 1.0], [-2.0, 2.0]]))
    diagram.refresh()
    xs, ys = np.linspace(-1, 1, GRID), np.linspace(2, -2, GRID)  # row 0 is the top
    for layer, unit in ((1, 0), (1, 1), (2, 0)):
        expected = np.array([[tiny.forward(np.array([x, y]))[1][layer][unit] for x in xs]
                             for y in ys])
        np.testing.assert_allclose(diagram.map_values(layer, unit), expected, atol=1e-12)
    node = diagram.nodes(1)[1]
    assert node.map.isVisible()
    image = node.map.pixmap().toImage()
    expected_top_left = np.tanh(w1[1] @ [-1.0, 2.0] - 0.1)
    assert image.pixelColor(0, 0) == diagram.colors.color(expected_top_left, 0.0, 1.0)


def test_unit_maps_are_off_without_two_inputs(diagram):
    diagram.set_network(Network.create([3, 4, 1], ["tanh", "sigmoid"], "bce", rng=0))
    diagram.set_input_range(np.array([[-1.0, 1.0], [-1.0, 1.0]]))
    diagram.refresh()
    assert diagram.map_values(1, 0) is None
    assert not any(n.map.isVisible() for n in diagram.nodes(1))
    assert "2 inputs" in diagram.summary.text()


def test_numbers_never_overlap_in_a_short_diagram(qtbot, diagram):
    """Backward through a 16-unit layer: roomy → under each node; short → beside them,
    thinned until no two overlap, and the note says to hover for the rest."""
    net = Network.create([2, 16, 16, 1], ["tanh", "tanh", "sigmoid"], "bce", rng=3)
    diagram.set_network(net)
    report = report_for(net, [0.9, -0.4], [1.0])
    kinds = [(p.kind, p.layer) for p in report.phases]
    diagram.resize(500, 900)
    qtbot.wait(20)
    diagram.show_phase(report, kinds.index(("backward", 1)))
    roomy = [n.label for n in diagram.nodes(1)]
    assert all(label.isVisible() for label in roomy)
    assert all(label.pos().y() > 0 for label in roomy)  # under the node
    diagram.resize(500, 160)
    qtbot.waitUntil(lambda: not all(label.isVisible() for label in roomy), timeout=WAIT)
    shown = [n.label for n in diagram.nodes(1) if n.label.isVisible()]
    assert len(shown) >= 2
    boxes = [label.sceneBoundingRect() for label in shown]
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert "hover" in diagram.note.text()
    diagram.resize(500, 900)
    qtbot.waitUntil(lambda: all(label.isVisible() for label in roomy), timeout=WAIT)
    assert "hover a unit" not in diagram.note.text()
