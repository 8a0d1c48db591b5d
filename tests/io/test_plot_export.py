"""Plot export: PNG of a chosen size, and SVG that really holds the curves (parsed)."""

import xml.etree.ElementTree as ET

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage

from fnnsim.io.plot_export import export_png, export_svg

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def plot(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.addLegend()  # the legend's box is a closed path: Qt >= 6.11 writes "Z"
    widget.plot(np.arange(50.0), np.sin(np.arange(50.0) / 5), pen="r", name="layer 1")
    widget.plot(np.arange(50.0), np.cos(np.arange(50.0) / 5), pen="b", name="layer 2")
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_png_has_the_chosen_width_and_dpi(plot, tmp_path):
    export_png(plot, tmp_path / "p.png", width=800, dpi=150)
    image = QImage(str(tmp_path / "p.png"))
    assert image.width() == 800 and image.height() == 600
    assert round(image.dotsPerMeterX() / 39.37007874) == 150


def test_svg_parses_and_holds_both_curves(plot, tmp_path):
    export_svg(plot, tmp_path / "p.svg")
    root = ET.parse(tmp_path / "p.svg").getroot()
    assert root.tag == f"{SVG}svg"
    paths = [p.get("d") for p in root.iter(f"{SVG}path")]
    polylines = [p.get("points") for p in root.iter(f"{SVG}polyline")]
    curves = [d for d in paths if d.count("L") >= 49] + [
        p for p in polylines if len(p.split()) >= 50]
    assert len(curves) >= 2, "both 50-point curves are in the SVG"
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "layer 1" in texts and "layer 2" in texts
    closed = [d for d in paths if "Z" in d.split()]
    for d in closed:  # the closing tokens survived, each after a coordinate
        tokens = d.split()
        assert all(tokens[i - 1] not in ("Z", "z") for i, t in enumerate(tokens) if t == "Z")


def test_svg_of_a_never_shown_plot_has_real_axes(qtbot, tmp_path):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.plot([0.0, 100.0], [0.0, 1000.0])
    export_svg(widget, tmp_path / "hidden.svg")
    labels = {(t.text or "").strip() for t in ET.parse(tmp_path / "hidden.svg").getroot().iter(
        f"{SVG}text")}
    assert "1000" in labels and "100" in labels  # not pyqtgraph's unlaid-out 0..1 axes
