"""File → Export from the real window: weights, history, plots and the bundle."""

import csv
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from fnnsim.ui.dialogs import with_filter_suffix
from tests.ui.conftest import WAIT


@pytest.fixture
def trained(qtbot, window):
    window.controller.send("step_samples", 700)  # past the first epoch (320 samples)
    qtbot.waitUntil(lambda: window.controller.worker.trainer.samples_seen == 700,
                    timeout=WAIT)
    return window


def exported(qtbot, window, trigger):
    with qtbot.waitSignal(window.controller.snapshot_taken, timeout=WAIT):
        trigger()
    qtbot.wait(50)


def test_export_weights_writes_the_engines_weights(qtbot, trained, tmp_path):
    window = trained
    path = tmp_path / "w.json"
    window.exports.save_path = lambda *a: str(path)
    exported(qtbot, window, window.actions_.export_weights.trigger)
    from fnnsim.engine import Network
    from fnnsim.io.weights import load_weights

    probe = Network.create([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], "bce", rng=99)
    load_weights(path, probe)
    worker = window.controller.worker.trainer.network
    for a, b in zip(probe.weights, worker.weights, strict=True):
        assert np.array_equal(a, b)


def test_export_history_writes_epochs_and_samples(qtbot, trained, tmp_path):
    window = trained
    window.exports.save_path = lambda *a: str(tmp_path / "h.csv")
    exported(qtbot, window, window.actions_.export_history.trigger)
    with open(tmp_path / "h.csv", newline="") as f:
        assert [r["epoch"] for r in csv.DictReader(f)] == ["1", "2"]
    with open(tmp_path / "h_samples.csv", newline="") as f:
        assert len(list(csv.DictReader(f))) == 700
    assert (tmp_path / "h_buckets.csv").exists()


def test_export_bundle_includes_every_plot_as_png_and_parsable_svg(qtbot, trained, tmp_path):
    window = trained
    window.exports.folder = lambda *a: str(tmp_path / "bundle")
    exported(qtbot, window, window.actions_.export_bundle.trigger)
    plots = sorted((tmp_path / "bundle" / "plots").iterdir())
    keys = window.plots.widgets().keys()
    assert sorted(p.name for p in plots) == sorted(
        f"{k}{s}" for k in keys for s in (".png", ".svg"))
    for svg in (p for p in plots if p.suffix == ".svg"):
        assert ET.parse(svg).getroot().tag.endswith("svg")
    readme = (tmp_path / "bundle" / "README.txt").read_text()
    assert "plots/<name>.svg" in readme and "delta_norm" in readme


def test_a_failed_export_says_so_and_writes_nothing(qtbot, trained, tmp_path, monkeypatch):
    window = trained
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    window.exports.save_path = lambda *a: str(tmp_path / "missing" / "w.npz")
    exported(qtbot, window, window.actions_.export_weights.trigger)
    assert len(shown) == 1 and shown[0].endswith("w.npz: no such file or folder")
    assert not (tmp_path / "missing").exists()


def test_export_weights_offers_onnx_and_writes_what_onnxruntime_reproduces(
        qtbot, trained, tmp_path):
    ort = pytest.importorskip("onnxruntime", reason='needs pip install "fnnsim[onnx]"')
    window = trained
    offered = []

    def choose(parent, title, name, filters):
        offered.append(filters)
        return str(tmp_path / "w.onnx")

    window.exports.save_path = choose
    exported(qtbot, window, window.actions_.export_weights.trigger)
    assert "ONNX (*.onnx)" in offered[0].split(";;")
    X = np.random.default_rng(0).normal(size=(40, 2))
    session = ort.InferenceSession(str(tmp_path / "w.onnx"), providers=["CPUExecutionProvider"])
    want = window.controller.worker.trainer.network.predict(X)
    assert np.max(np.abs(session.run(["y"], {"x": X})[0] - want)) <= 1e-6
    assert [p.name for p in tmp_path.iterdir()] == ["w.onnx"]  # no temporary file left


def test_onnx_without_the_extra_says_how_to_install_it(qtbot, trained, tmp_path, monkeypatch):
    window = trained
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[1:3]))
    monkeypatch.setitem(sys.modules, "onnx", None)  # `import onnx` raises ImportError
    window.exports.save_path = lambda *a: str(tmp_path / "w.onnx")
    exported(qtbot, window, window.actions_.export_weights.trigger)
    assert shown == [("Export failed",
                      'ONNX export needs the optional onnx package: pip install "fnnsim[onnx]"')]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("path", "chosen", "result"), [
    ("/d/w", "ONNX (*.onnx)", "/d/w.onnx"),
    ("/d/w", "CSV long table (*.csv)", "/d/w.csv"),
    ("/d/w.json", "ONNX (*.onnx)", "/d/w.json"),  # a typed suffix wins: it picks the format
    ("/d/w", "", "/d/w"),
])
def test_a_name_without_suffix_takes_the_chosen_filters(path, chosen, result):
    assert with_filter_suffix(path, chosen) == result


@pytest.fixture
def warnings(monkeypatch):
    """The texts of the warning dialogs shown (title, message)."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[1:3]))
    return shown


def test_export_plots_writes_every_plot_and_says_where(qtbot, window, tmp_path, warnings):
    out = tmp_path / "out"
    out.mkdir()
    window.exports.folder = lambda *a: str(out)
    window.actions_.export_plots.trigger()
    keys = window.plots.widgets().keys()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{k}{s}" for k in keys for s in (".png", ".svg"))
    assert warnings == []
    assert window.statusBar().currentMessage() == f"Exported to {out}"


@pytest.mark.parametrize(("make", "reason"), [
    (lambda folder: None, "no such file or folder"),
    (lambda folder: folder.write_text("a file"), "a part of the path is not a folder"),
])
def test_export_plots_to_a_missing_folder_or_a_file_says_so_in_a_dialog(
        qtbot, window, tmp_path, warnings, make, reason):
    out = tmp_path / "out"
    out.mkdir()
    folder = out / "plots"
    make(folder)
    window.exports.folder = lambda *a: str(folder)
    window.actions_.export_plots.trigger()  # no exception escapes into Qt's event loop
    assert warnings == [("Export failed", f"{folder}: {reason}")]
    assert [p.name for p in out.iterdir()] == (["plots"] if folder.exists() else [])


def test_export_plots_failing_midway_removes_the_plots_it_wrote(
        qtbot, window, tmp_path, warnings, monkeypatch):
    import fnnsim.io.plot_export as plot_export

    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("the learner's")
    real, calls = plot_export.export_svg, []

    def svg_then_fail(widget, path):
        calls.append(path)
        if len(calls) == 3:  # the disk fills up at the third SVG
            raise OSError(28, "No space left on device", str(path))
        return real(widget, path)

    monkeypatch.setattr(plot_export, "export_svg", svg_then_fail)
    window.exports.folder = lambda *a: str(out)
    window.actions_.export_plots.trigger()
    assert warnings == [("Export failed", f"{calls[-1]}: no space left on the disk")]
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
