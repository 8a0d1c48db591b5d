"""The experiment config: validation messages, unknown keys, JSON round trip, presets."""

import json
from pathlib import Path

import pytest

from fnnsim.config import ExperimentConfig, LayerConfig, load_config
from fnnsim.errors import ConfigError, user_text

PRESETS = sorted(Path(__file__).parents[1].joinpath("resources", "presets").glob("*.json"))


def with_change(section: str, key: str, value) -> dict:
    data = ExperimentConfig().to_dict()
    data[section][key] = value
    return data


def test_round_trip_is_exact():
    c = ExperimentConfig()
    c.network.hidden = [LayerConfig(3, "relu"), LayerConfig(512, "sigmoid")]
    c.data.params = {"classes": 3}
    c.training.l2 = 1e-4
    again = ExperimentConfig.from_json(c.to_json())
    assert again == c


@pytest.mark.parametrize(("section", "key", "value", "message"), [
    ("training", "learning_rate", -1, "training.learning_rate must be > 0, got -1"),
    ("training", "clip_mode", "maybe", "training.clip_mode must be one of off, global_norm"),
    ("training", "epochs", 0, "training.epochs must be >= 1, got 0"),
    ("training", "epochs", 1.5, "training.epochs must be an integer, got 1.5"),
    ("training", "shuffle", 1, "training.shuffle must be true or false, got 1"),
    ("network", "loss", "bce2", "network.loss must be one of mse, bce, cross_entropy"),
    ("network", "output_activation", "softmax",
     "network.loss 'bce' needs output_activation 'sigmoid', got 'softmax'"),
    ("network", "hidden", [{"units": 600, "activation": "tanh"}],
     "network.hidden[0].units must be 1…512, got 600"),
    ("network", "hidden", [{"units": 3, "activation": "softmax"}],
     "network.hidden[0].activation must be one of sigmoid"),
    ("data", "source", "mnist", "data.source must be one of xor"),
    ("data", "val_fraction", 0.95, "data.val_fraction must be 0…0.9, got 0.95"),
    ("data", "noise", "lots", "data.noise must be a number, got 'lots'"),
])
def test_bad_values_name_the_field_and_the_value(section, key, value, message):
    with pytest.raises(ConfigError) as info:
        ExperimentConfig.from_dict(with_change(section, key, value))
    assert message in str(info.value)


def test_unknown_keys_are_rejected_by_name():
    data = ExperimentConfig().to_dict()
    data["training"]["learning_rat"] = 0.1
    with pytest.raises(ConfigError, match=r"unknown key training\.learning_rat; valid keys: epo"):
        ExperimentConfig.from_dict(data)
    data = ExperimentConfig().to_dict()
    data["network"]["hidden"][0]["width"] = 3
    with pytest.raises(ConfigError, match=r"unknown key network\.hidden\[0\]\.width"):
        ExperimentConfig.from_dict(data)


def test_missing_keys_take_defaults_and_early_stopping_needs_validation():
    assert ExperimentConfig.from_dict({}) == ExperimentConfig()
    with pytest.raises(ConfigError, match="early_stopping needs a validation set"):
        ExperimentConfig.from_dict({"data": {"val_fraction": 0.0},
                                    "training": {"early_stopping": True}})


def test_load_config_names_the_file_and_resolves_csv_paths(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"training": {"learning_rate": -1}}')
    with pytest.raises(ConfigError, match=r"bad\.json: training\.learning_rate must be > 0"):
        load_config(bad)
    broken = tmp_path / "broken.json"
    broken.write_text('{"training": ')
    with pytest.raises(ConfigError, match=r"broken\.json: not valid JSON"):
        load_config(broken)
    good = tmp_path / "csv.json"
    good.write_text(json.dumps({"data": {"source": "csv", "path": "points.csv"}}))
    assert load_config(good).data.path == str(tmp_path / "points.csv")


@pytest.mark.parametrize("preset", PRESETS, ids=[p.stem for p in PRESETS])
def test_every_preset_is_valid(preset):
    load_config(preset)


def test_there_are_presets():
    assert len(PRESETS) >= 3


# ---- messages in the learner's language: templates with fields ----

ZH = {
    "{file}: {problem}": "{file}：{problem}",
    "{key} must be > 0, got {value:g}": "{key} 必须 > 0，实际为 {value:g}",
    "the config must be an object, got {type}": "配置必须是 JSON 对象，实际为 {type}",
}


def translate(context: str, text: str) -> str:
    assert context == "Errors"
    return ZH.get(text, text)


def test_a_validation_problem_names_the_field_in_a_shared_template():
    with pytest.raises(ConfigError) as info:
        ExperimentConfig.from_dict(with_change("training", "learning_rate", -1))
    message = info.value.message
    assert message.template == "{key} must be > 0, got {value:g}"
    assert message.fields == {"key": "training.learning_rate", "value": -1.0}
    assert user_text(info.value, translate) == "training.learning_rate 必须 > 0，实际为 -1"


def test_a_config_file_problem_wraps_the_problem_so_both_are_translated(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"training": {"learning_rate": -1}}')
    with pytest.raises(ConfigError) as info:
        load_config(bad)
    assert isinstance(info.value.message.fields["problem"], ConfigError)
    assert user_text(info.value, translate) == f"{bad}：training.learning_rate 必须 > 0，实际为 -1"


def test_a_config_that_is_not_an_object_is_its_own_sentence():
    # not "{where}" with an English "the config" in it
    with pytest.raises(ConfigError) as info:
        ExperimentConfig.from_dict([1])
    assert str(info.value) == "the config must be an object, got list"
    assert user_text(info.value, translate) == "配置必须是 JSON 对象，实际为 list"
