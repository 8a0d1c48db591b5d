"""Help → Scenarios loads a guided preset into the window and explains it."""


from fnnsim.ui.scenarios import localized, scenario_presets
from tests.ui.conftest import WAIT


def test_menu_lists_every_scenario_and_loads_one(qtbot, window):
    titles = [a.text() for a in window.scenario_actions]
    assert len(titles) == len(scenario_presets()) >= 9
    vanishing = next(a for a in window.scenario_actions if a.text() == "Vanishing gradients")
    vanishing.trigger()
    qtbot.waitUntil(lambda: window.controller.worker.trainer is not None and
                    window.controller.worker.trainer.network.depth == 11, timeout=WAIT)
    assert window.controller.worker.trainer.network.activations[:10] == ["sigmoid"] * 10
    assert window.scenario_panel.title.text() == "Vanishing gradients"
    assert "σ'(z) ≤ 0.25" in window.scenario_panel.text.text()
    assert len(window.network_panel.rows) == 10


def test_a_csv_scenario_finds_its_data_next_to_the_presets(qtbot, window):
    bias = next(a for a in window.scenario_actions if a.text() == "The neuron and its bias")
    bias.trigger()
    assert window.data.train.feature_names == ("x1", "x2")
    assert window.config.data.source == "csv"


def test_texts_are_chosen_by_language():
    scenario = next(c.scenario for _, c in scenario_presets() if c.scenario.title["en"] ==
                    "Vanishing gradients")
    assert localized(scenario.title, "zh_CN") == "梯度消失"
    assert localized(scenario.title, "fr") == "Vanishing gradients"
