"""The network builder, driven through its widgets: layers, output/loss checks, signals."""


import pytest
from PySide6.QtCore import Qt

from fnnsim.config import MAX_HIDDEN_LAYERS, LayerConfig, NetworkConfig
from fnnsim.ui.network_panel import NetworkBuilderPanel


@pytest.fixture
def panel(qtbot):
    p = NetworkBuilderPanel()
    qtbot.addWidget(p)
    p.set_data_shape(2, "classification", 2)
    p.show()
    return p


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_build_a_three_hidden_layer_net_through_the_widgets(qtbot, panel, edits):
    for row in list(panel.rows):
        click(qtbot, row.remove)
    assert panel.rows == []
    for _ in range(3):
        click(qtbot, panel.add_button)
    first, second, third = panel.rows
    first.units.lineEdit().selectAll()
    qtbot.keyClicks(first.units, "32")
    qtbot.keyClick(first.units, Qt.Key.Key_Return)
    first.activation.setCurrentText("relu")
    second.units.setValue(16)
    second.activation.setCurrentText("sigmoid")
    third.units.setValue(4)
    third.activation.setCurrentText("leaky_relu")
    panel.loss.setCurrentText("cross_entropy")
    panel.initializer.setCurrentText("he_normal")
    panel.init_scale.setValue(0.5)
    panel.seed.setValue(7)

    assert panel.config() == NetworkConfig(
        hidden=[LayerConfig(32, "relu"), LayerConfig(16, "sigmoid"),
                LayerConfig(4, "leaky_relu")],
        output_activation="softmax", loss="cross_entropy", initializer="he_normal",
        init_scale=0.5, seed=7)
    assert [row.number.text() for row in panel.rows] == ["1", "2", "3"]
    assert panel.is_valid()
    assert len(edits) == 2 + 3 + 2 + 2 + 2 + 1 + 1 + 1 + 1  # one per edit


def test_thirty_layers_are_added_smoothly_and_one_is_removed(qtbot, panel, edits):
    panel.set_config(NetworkConfig(hidden=[]))
    for _ in range(30):
        click(qtbot, panel.add_button)
    qtbot.wait(10)
    assert len(panel.config().hidden) == 30 and len(edits) == 30
    for units, row in enumerate(panel.rows, start=1):
        row.units.setValue(units)
    click(qtbot, panel.rows[9].remove)  # layer 10 (10 units)
    hidden = panel.config().hidden
    assert [layer.units for layer in hidden] == [u for u in range(1, 31) if u != 10]
    assert [row.number.text() for row in panel.rows] == [str(i) for i in range(1, 30)]
    assert "29" in panel.layer_count.text()


def test_no_more_than_the_maximum_number_of_layers(qtbot, panel):
    panel.set_config(NetworkConfig(hidden=[LayerConfig(2)] * (MAX_HIDDEN_LAYERS - 1)))
    click(qtbot, panel.add_button)
    assert not panel.add_button.isEnabled()
    click(qtbot, panel.add_button)
    assert len(panel.config().hidden) == MAX_HIDDEN_LAYERS


def test_add_layer_copies_the_last_one(qtbot, panel):
    panel.set_config(NetworkConfig(hidden=[LayerConfig(5, "relu")]))
    click(qtbot, panel.add_button)
    assert panel.config().hidden == [LayerConfig(5, "relu"), LayerConfig(5, "relu")]


def test_set_config_round_trip_and_no_signal(panel, edits):
    config = NetworkConfig(
        hidden=[LayerConfig(3, "sigmoid"), LayerConfig(512, "linear"), LayerConfig(1, "relu")],
        output_activation="tanh", loss="mse", initializer="uniform", init_scale=0.003,
        seed=None)
    panel.set_config(config)
    assert panel.config() == config
    panel.set_config(NetworkConfig(seed=12))
    assert panel.config() == NetworkConfig(seed=12)
    assert edits == []


def test_config_changed_fires_once_per_user_edit(qtbot, panel, edits):
    with qtbot.waitSignal(panel.config_changed, timeout=500):
        panel.rows[0].units.setValue(20)
    assert len(edits) == 1
    panel.loss.setCurrentText("cross_entropy")  # also switches the output: still one edit
    assert len(edits) == 2
    assert panel.config().output_activation == "softmax"


@pytest.mark.parametrize(("shape", "output", "loss", "words", "fix"), [
    ((2, "classification", 2), "tanh", "bce", "needs a sigmoid output", ("tanh", "mse")),
    ((2, "classification", 3), "sigmoid", "cross_entropy", "needs a softmax output",
     ("sigmoid", "bce")),
    ((1, "regression", 0), "softmax", "mse", "at least 2 units", ("linear", "mse")),
    ((1, "regression", 0), "sigmoid", "bce", "is for classification", ("linear", "mse")),
    ((2, "regression", 0), "softmax", "cross_entropy", "is for classification",
     ("linear", "mse")),
])
def test_invalid_combinations_are_explained_and_fixed_in_one_click(
    qtbot, panel, edits, shape, output, loss, words, fix
):
    panel.set_data_shape(*shape)
    panel.loss.setCurrentText(loss)
    panel.output_activation.setCurrentText(output)  # never changes the loss
    assert panel.config().loss == loss and panel.config().output_activation == output
    assert not panel.is_valid()
    assert panel.message.isVisible() and words in panel.message.text()
    assert panel.fix_button.isVisible()
    before = len(edits)
    click(qtbot, panel.fix_button)
    assert len(edits) == before + 1
    assert (panel.config().output_activation, panel.config().loss) == fix
    assert panel.is_valid()
    assert not panel.message.isVisible() and not panel.fix_button.isVisible()


def test_an_invalid_config_set_programmatically_does_not_crash(panel):
    panel.set_config(NetworkConfig(output_activation="linear", loss="bce"))
    assert not panel.is_valid()
    assert "sigmoid" in panel.message.text()


def test_choosing_a_loss_picks_the_output_it_needs(panel):
    panel.loss.setCurrentText("mse")
    panel.output_activation.setCurrentText("linear")
    panel.loss.setCurrentText("bce")
    assert panel.config().output_activation == "sigmoid"
    panel.loss.setCurrentText("mse")  # mse fits any output: the output stays
    assert panel.config().output_activation == "sigmoid"


def test_data_change_can_make_a_valid_net_invalid(panel):
    assert panel.is_valid()
    panel.set_data_shape(1, "regression", 0)
    assert not panel.is_valid() and panel.message.isVisible()


@pytest.mark.parametrize(("shape", "output", "width"), [
    ((2, "classification", 2), "sigmoid", 1),
    ((2, "classification", 2), "tanh", 1),
    ((2, "classification", 2), "softmax", 2),
    ((2, "classification", 3), "softmax", 3),
    ((2, "classification", 3), "sigmoid", 3),
    ((1, "regression", 0), "linear", 1),
])
def test_output_width_follows_the_data(panel, shape, output, width):
    panel.set_data_shape(*shape)
    panel.loss.setCurrentText("mse")
    panel.output_activation.setCurrentText(output)
    assert panel.output_width_value() == width
    assert panel.output_width.text().startswith(str(width))
    assert panel.input_width.text().startswith(str(shape[0]))
    if output == "softmax" and shape[2] == 2:
        panel.loss.setCurrentText("cross_entropy")
        assert panel.is_valid()  # 2-class data on softmax is fine: 2 units


def test_rewind_and_editable(qtbot, panel):
    with qtbot.waitSignal(panel.rewind_requested, timeout=500):
        click(qtbot, panel.rewind_button)
    panel.set_editable(False)
    assert not panel.add_button.isEnabled() and not panel.loss.isEnabled()
    assert not panel.rows[0].units.isEnabled()
    assert panel.rewind_button.isEnabled()
    panel.set_editable(True)
    assert panel.add_button.isEnabled() and panel.rows[0].units.isEnabled()
    panel.set_training_active(True)
    assert panel.training_note.isVisible()


def test_every_control_has_a_tooltip(panel):
    controls = [panel.add_button, panel.output_activation, panel.output_width, panel.loss,
                panel.initializer, panel.init_scale, panel.seed, panel.rewind_button,
                panel.input_width, panel.fix_button]
    row = panel.rows[0]
    controls += [row.units, row.activation, row.remove]
    assert all(widget.toolTip() for widget in controls)
    for combo in (panel.loss, panel.output_activation, panel.initializer, row.activation):
        for i in range(combo.count()):
            assert combo.itemData(i, Qt.ItemDataRole.ToolTipRole)
