"""The data panel: generators and their parameters, CSV loading, regenerate, preview."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from fnnsim.config import DataConfig, ExperimentConfig
from fnnsim.data import GENERATORS
from fnnsim.training.experiment import build_data
from fnnsim.ui.data_panel import CsvColumnsDialog, DataPanel
from fnnsim.ui.widgets import MAX_PREVIEW_POINTS


@pytest.fixture
def panel(qtbot):
    p = DataPanel()
    qtbot.addWidget(p)
    p.show()
    return p


@pytest.fixture
def warnings(monkeypatch):
    """Every QMessageBox.warning the panel shows: (title, text)."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: shown.append((title, text)))
    return shown


def test_choose_spiral_with_three_classes(panel, edits):
    panel.set_config(DataConfig(source="xor"))
    assert panel.param_boxes == {}
    panel.source.setCurrentText("spiral")
    assert list(panel.param_boxes) == ["classes"]
    box = panel.param_boxes["classes"]
    assert (box.minimum(), box.maximum(), box.value()) == (2, 100, 2)
    box.setValue(3)
    config = panel.config()
    assert config.source == "spiral" and config.params == {"classes": 3}
    assert len(edits) == 2
    data = build_data(ExperimentConfig(data=config))
    assert data.train.n_classes == 3


def test_switching_generators_shows_their_parameters_and_remembers_them(panel):
    panel.source.setCurrentText("checkerboard")
    assert list(panel.param_boxes) == ["tiles"]
    panel.param_boxes["tiles"].setValue(6)
    panel.source.setCurrentText("plane")
    assert list(panel.param_boxes) == ["a", "b", "c"]
    assert panel.param_boxes["a"].minimum() == -100.0
    panel.source.setCurrentText("checkerboard")
    assert panel.config().params == {"tiles": 6}
    tips = [panel.source.itemData(i, Qt.ItemDataRole.ToolTipRole)
            for i in range(len(GENERATORS))]
    assert tips == [spec.description for spec in GENERATORS.values()]


def test_common_fields_and_round_trip(panel, edits):
    config = DataConfig(source="plane", n_samples=123, noise=0.3,
                        params={"a": 2.0, "b": 0.5, "c": -1.0}, val_fraction=0.35,
                        standardize=True, seed=9)
    panel.set_config(config)
    assert panel.config() == config
    panel.n_samples.setValue(500)
    panel.noise.setValue(0.25)
    panel.val_fraction.setValue(0.1)
    panel.standardize.click()
    assert panel.config() == DataConfig(source="plane", n_samples=500, noise=0.25,
                                        params={"a": 2.0, "b": 0.5, "c": -1.0},
                                        val_fraction=0.1, standardize=False, seed=9)
    assert len(edits) == 4


def test_regenerate_increments_the_seed(qtbot, panel, edits):
    panel.set_experiment_seed(5)
    assert panel.config().seed is None
    qtbot.mouseClick(panel.regenerate, Qt.MouseButton.LeftButton)
    assert panel.config().seed == 6
    qtbot.mouseClick(panel.regenerate, Qt.MouseButton.LeftButton)
    assert panel.config().seed == 7 and len(edits) == 2


def write_csv(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


GOOD_CSV = "a,b,c,label\n" + "".join(
    f"{i * 0.1},{i % 3},{-i},{'yes' if i % 2 else 'no'}\n" for i in range(12))


def drive_column_dialog(qtbot, target, untick=(), task="auto", accept=True):
    """A column chooser that works the real dialog's widgets, then clicks OK or Cancel."""

    def choose(parent, header):
        dialog = CsvColumnsDialog(header, parent)
        qtbot.addWidget(dialog)
        dialog.target.setCurrentText(target)
        for i in range(dialog.features.count()):
            if dialog.features.item(i).text() in untick:
                dialog.features.item(i).setCheckState(Qt.CheckState.Unchecked)
        dialog.task.setCurrentText(task)
        dialog.show()
        name = "Ok" if accept else "Cancel"
        button = dialog.buttons.button(getattr(QDialogButtonBox.StandardButton, name))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return dialog.choice() if dialog.result() == dialog.DialogCode.Accepted else None

    return choose


def test_load_a_good_csv_with_chosen_columns(qtbot, tmp_path, panel, edits, warnings):
    path = write_csv(tmp_path, GOOD_CSV)
    panel.file_chooser = lambda parent: path
    panel.column_chooser = drive_column_dialog(qtbot, "label", untick=("c",),
                                               task="classification")
    qtbot.mouseClick(panel.load_button, Qt.MouseButton.LeftButton)
    config = panel.config()
    assert (config.source, config.path, config.target) == ("csv", path, "label")
    assert (config.features, config.task) == (["a", "b"], "classification")
    assert warnings == [] and len(edits) == 1
    assert panel.source.currentText() == "CSV: data.csv"
    assert not panel.n_samples.isEnabled() and panel.csv_label.isVisible()
    data = build_data(ExperimentConfig(data=config).validate())
    assert data.train.n_features == 2 and data.train.class_names == ("no", "yes")
    panel.source.setCurrentText("moons")  # back to a generator: no path in the config
    assert panel.config().path is None and panel.config().source == "moons"
    panel.source.setCurrentText("CSV: data.csv")  # and the file is still there
    assert panel.config().features == ["a", "b"]


def test_a_bad_csv_shows_a_warning_and_changes_nothing(qtbot, tmp_path, panel, edits,
                                                       warnings):
    before = panel.config()
    path = write_csv(tmp_path, "a,b,label\n1,2,0\n3,oops,1\n", "bad.csv")
    panel.file_chooser = lambda parent: path
    panel.column_chooser = drive_column_dialog(qtbot, "label")
    qtbot.mouseClick(panel.load_button, Qt.MouseButton.LeftButton)
    assert len(warnings) == 1
    assert "bad.csv, line 3, column 'b': not a number" in warnings[0][1]
    assert panel.config() == before and edits == []
    assert panel.source.findData("csv") < 0


def test_an_unreadable_csv_header_warns_before_asking_for_columns(tmp_path, panel, warnings):
    before = panel.config()
    panel.file_chooser = lambda parent: str(tmp_path / "missing.csv")
    panel.column_chooser = lambda parent, header: pytest.fail("no header to choose from")
    panel.load_csv_file()
    assert len(warnings) == 1 and "file not found" in warnings[0][1]
    assert panel.config() == before


def test_cancelling_either_dialog_changes_nothing(qtbot, tmp_path, panel, edits, warnings):
    before = panel.config()
    panel.file_chooser = lambda parent: None
    panel.load_csv_file()
    panel.file_chooser = lambda parent: write_csv(tmp_path, GOOD_CSV)
    panel.column_chooser = drive_column_dialog(qtbot, "label", accept=False)
    panel.load_csv_file()
    assert panel.config() == before and edits == [] and warnings == []


def test_the_target_column_cannot_also_be_a_feature(qtbot):
    dialog = CsvColumnsDialog(["a", "b", "y"])
    qtbot.addWidget(dialog)
    assert dialog.choice() == ("y", ["a", "b"], "auto")
    dialog.target.setCurrentText("a")
    assert dialog.choice() == ("a", ["b", "y"], "auto")
    dialog.features.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.features.item(2).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_csv_config_round_trip(tmp_path, panel):
    path = write_csv(tmp_path, GOOD_CSV)
    config = DataConfig(source="csv", path=path, target="a", features=["b", "c"],
                        task="regression", val_fraction=0.25, seed=3)
    panel.set_config(config)
    assert panel.config() == config


def test_preview_shows_train_filled_and_validation_hollow(panel):
    config = ExperimentConfig(data=DataConfig(source="spiral", params={"classes": 3}))
    data = build_data(config)
    panel.show_data(data.train, data.val)
    train_x, train_y = panel.preview.train_points.getData()
    val_x, _ = panel.preview.val_points.getData()
    assert np.array_equal(train_x, data.train.X[:, 0])
    assert np.array_equal(train_y, data.train.X[:, 1])
    assert len(val_x) == data.val.n_samples > 0
    brushes = panel.preview.train_points.data["brush"]
    colours = {brush.color().name() for brush in brushes}
    assert len(colours) == 3
    val = panel.preview.val_points
    effective = [val.opts["brush"] if b is None else b for b in val.data["brush"]]
    assert all(b.style() == Qt.BrushStyle.NoBrush for b in effective)
    assert {pen.color().name() for pen in val.data["pen"]} == colours
    assert "320 training" in panel.caption.text()


def test_preview_of_one_dimensional_regression_plots_x_against_y(panel):
    data = build_data(ExperimentConfig(data=DataConfig(source="sine", n_samples=50)))
    panel.show_data(data.train, data.val)
    x, y = panel.preview.train_points.getData()
    assert np.array_equal(x, data.train.X[:, 0]) and np.array_equal(y, data.train.y[:, 0])


def test_big_data_is_thinned_in_the_preview(panel):
    data = build_data(ExperimentConfig(data=DataConfig(source="moons", n_samples=20_000)))
    panel.show_data(data.train, data.val)
    x, _ = panel.preview.train_points.getData()
    assert 0 < len(x) <= MAX_PREVIEW_POINTS


def test_editable_and_tooltips(panel):
    panel.set_editable(False)
    assert not panel.source.isEnabled() and not panel.load_button.isEnabled()
    panel.set_editable(True)
    assert panel.source.isEnabled() and panel.n_samples.isEnabled()
    controls = [panel.source, panel.n_samples, panel.noise, panel.val_fraction, panel.seed,
                panel.regenerate, panel.standardize, panel.load_button,
                *panel.param_boxes.values()]
    assert all(widget.toolTip() for widget in controls)
