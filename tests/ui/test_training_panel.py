"""The training panel: live settings, early stopping, epoch limit, round trip."""

import pytest
from PySide6.QtCore import Qt

from fnnsim.config import TrainingConfig
from fnnsim.engine.sgd import SGDSettings
from fnnsim.ui.training_panel import TrainingPanel


@pytest.fixture
def panel(qtbot):
    p = TrainingPanel()
    qtbot.addWidget(p)
    p.show()
    return p


@pytest.fixture
def emitted(panel):
    """Every value each signal carried, by signal name."""
    seen = {"settings": [], "patience": [], "epochs": []}
    panel.settings_changed.connect(seen["settings"].append)
    panel.early_stopping_changed.connect(seen["patience"].append)
    panel.max_epochs_changed.connect(seen["epochs"].append)
    return seen


def test_l2_toggle_changes_settings_and_keeps_lambda(qtbot, panel, emitted):
    assert panel.settings().l2 == 0.0
    panel.l2_on.setFocus()
    qtbot.keyClick(panel.l2_on, Qt.Key.Key_Space)  # tick L2 from the keyboard
    assert panel.l2_on.isChecked()
    assert emitted["settings"] == [SGDSettings(0.1, l2=1e-4)]
    panel.l2.setValue(0.01)
    assert emitted["settings"][-1] == SGDSettings(0.1, l2=0.01)
    panel.l2_on.click()
    assert emitted["settings"][-1].l2 == 0.0 and panel.settings().l2 == 0.0
    assert panel.l2.value() == 0.01 and not panel.l2.isEnabled()
    assert panel.config().l2 == 0.0
    panel.l2.setValue(0.5)  # λ edited while L2 is off: nothing changes for the trainer
    assert len(emitted["settings"]) == 3
    panel.l2_on.click()
    assert emitted["settings"][-1].l2 == 0.5 and panel.config().l2 == 0.5
    assert emitted["patience"] == [] and emitted["epochs"] == []


def test_l1_toggle(panel, emitted):
    panel.l1.setValue(0.002)
    assert emitted["settings"] == []
    panel.l1_on.click()
    assert emitted["settings"] == [SGDSettings(0.1, l1=0.002)]
    assert panel.settings().l2 == 0.0


def test_clipping_modes_have_readable_labels_and_change_settings(panel, emitted):
    labels = [panel.clip_mode.itemText(i) for i in range(panel.clip_mode.count())]
    assert labels == ["Off", "Global norm", "Per-layer norm", "Value"]
    assert not panel.clip_threshold.isEnabled()
    panel.clip_mode.setCurrentText("Per-layer norm")
    assert panel.clip_threshold.isEnabled()
    assert emitted["settings"][-1] == SGDSettings(0.1, clip_mode="layer_norm")
    panel.clip_threshold.setValue(2.5)
    assert emitted["settings"][-1] == SGDSettings(
        0.1, clip_mode="layer_norm", clip_threshold=2.5)
    panel.clip_mode.setCurrentIndex(3)
    assert panel.settings().clip_mode == "value"
    panel.clip_mode.setCurrentText("Off")
    assert emitted["settings"][-1].clip_mode == "off"


def test_learning_rate_steps_on_a_log_scale_and_takes_typed_values(qtbot, panel, emitted):
    lr = panel.learning_rate
    lr.setFocus()
    values = []
    for _ in range(3):
        qtbot.keyClick(lr, Qt.Key.Key_Up)
        values.append(lr.value())
    assert values == pytest.approx([0.2, 0.5, 1.0])
    qtbot.keyClick(lr, Qt.Key.Key_Down)
    qtbot.keyClick(lr, Qt.Key.Key_Down)
    assert lr.value() == pytest.approx(0.2)
    lr.lineEdit().selectAll()
    qtbot.keyClicks(lr, "3e-4")
    qtbot.keyClick(lr, Qt.Key.Key_Return)
    assert lr.value() == pytest.approx(3e-4) and lr.text() == "0.0003"
    assert emitted["settings"][-1].learning_rate == pytest.approx(3e-4)
    lr.setValue(1e-6)
    qtbot.keyClick(lr, Qt.Key.Key_Down)
    assert lr.value() == pytest.approx(1e-6)  # the floor holds
    assert lr.text() == "1e-6"


def test_early_stopping_emits_patience_or_none(panel, emitted):
    panel.early_stopping.click()
    assert emitted["patience"] == [10] and panel.patience_value() == 10
    panel.patience.setValue(4)
    assert emitted["patience"] == [10, 4]
    panel.early_stopping.click()
    assert emitted["patience"] == [10, 4, None]
    assert not panel.patience.isEnabled()
    assert panel.config().early_stopping is False and panel.config().patience == 4
    assert emitted["settings"] == []


def test_max_epochs_emits_a_limit_or_none(panel, emitted):
    panel.epochs.setValue(50)
    assert emitted["epochs"] == [50]
    panel.no_limit.click()
    assert emitted["epochs"] == [50, None] and panel.max_epochs() is None
    assert not panel.epochs.isEnabled() and panel.config().epochs == 50
    panel.no_limit.click()
    assert emitted["epochs"] == [50, None, 50]


def test_set_config_round_trip_emits_nothing(panel, emitted):
    config = TrainingConfig(epochs=77, learning_rate=0.003, l2=0.02, l1=1e-5,
                            clip_mode="global_norm", clip_threshold=5.0, shuffle=False,
                            early_stopping=True, patience=3, engine="reference")
    panel.set_config(config)
    assert panel.config() == config
    assert panel.settings() == SGDSettings(0.003, 0.02, 1e-5, "global_norm", 5.0)
    assert panel.patience_value() == 3 and panel.max_epochs() == 77
    panel.set_config(TrainingConfig())
    assert panel.config() == TrainingConfig()
    assert emitted == {"settings": [], "patience": [], "epochs": []}


def test_every_control_has_a_tooltip(panel):
    controls = [panel.learning_rate, panel.l2_on, panel.l2, panel.l1_on, panel.l1,
                panel.clip_mode, panel.clip_threshold, panel.early_stopping, panel.patience,
                panel.epochs, panel.no_limit]
    assert all(widget.toolTip() for widget in controls)
    assert "λW" in panel.l2.toolTip()
