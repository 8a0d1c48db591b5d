"""Every guided preset really shows what its explanation claims (headless, no Qt)."""

from pathlib import Path

import numpy as np
import pytest

from fnnsim.config import load_config
from fnnsim.errors import DivergenceError
from fnnsim.training.experiment import build_trainer

PRESETS = Path(__file__).parents[2] / "resources" / "presets"


def trainer(name, **training):
    config = load_config(PRESETS / f"{name}.json")
    for key, value in training.items():
        setattr(config.training, key, value)
    return build_trainer(config.validate())[0]


def layer_means(t, metric, samples=None):
    """Mean of a per-layer metric over the first `samples` samples held, layer 1..L."""
    rows = t.samples.recent()[1][:samples]
    columns = [t.samples.columns.index(f"{metric}_{l}") for l in range(1, t.network.depth + 1)]
    return rows[:, columns].mean(axis=0)


def test_every_scenario_is_bilingual():
    scenarios = [load_config(p).scenario for p in sorted(PRESETS.glob("*.json"))]
    scenarios = [s for s in scenarios if s is not None]
    assert len(scenarios) >= 9
    for s in scenarios:
        assert set(s.title) == set(s.explanation) == {"en", "zh_CN"}


def test_the_neuron_needs_its_bias():
    t = trainer("neuron_bias")
    t.run(200)
    w, b = t.network.weights[0][0], t.network.biases[0][0]
    assert t.evaluate_val().accuracy >= 0.95
    assert abs(b) / np.linalg.norm(w) > 2.5  # the line w·x + b = 0 lies > 2.5 from the origin


def test_xor_needs_a_hidden_layer():
    flat, deep = trainer("xor_no_hidden"), trainer("xor")
    flat.run(100)
    deep.run(100)
    assert flat.evaluate_train().accuracy < 0.8
    assert deep.evaluate_val().accuracy >= 0.95


def test_sigmoid_deltas_vanish_and_relu_keeps_them():
    sigmoid, relu = trainer("deep_sigmoid"), trainer("deep_relu")
    sigmoid.train_epoch()
    relu.train_epoch()
    s, r = layer_means(sigmoid, "delta_norm"), layer_means(relu, "delta_norm")
    assert s[-1] / s[0] >= 100  # first layer's ‖δ‖ at least 100x smaller than the last's
    assert np.all(np.diff(np.log(s[:-1])) > 0)  # growing layer by layer toward the output
    assert r[-1] / r[0] < 10  # with ReLU: far smaller


def test_large_weights_explode_and_clipping_tames_them():
    exploding = trainer("exploding")
    with pytest.raises(DivergenceError):
        exploding.run(30)
    assert exploding.epoch == 0 and exploding.network.parameters_finite()
    grows = layer_means(exploding, "delta_norm", samples=5)
    assert grows[0] / grows[-1] >= 100  # ‖δ‖ grows toward the input
    clipped = trainer("exploding_clipped")
    clipped.run(30)
    losses = [r.train_loss for r in clipped.epochs.records]
    assert np.all(np.isfinite(losses)) and losses[-1] < 0.1 * losses[0]
    _, rows = clipped.samples.recent()
    col = clipped.samples.columns.index
    assert rows[:, col("clipped")].mean() > 0.5
    assert rows[:, col("grad_norm_clipped")].max() <= 1.0 + 1e-12


def test_l2_shrinks_the_weights():
    with_l2, without = trainer("l2_weight_decay"), trainer("l2_weight_decay", l2=0.0)
    with_l2.run(100)
    without.run(100)
    a = np.array([np.linalg.norm(w) for w in with_l2.network.weights])
    b = np.array([np.linalg.norm(w) for w in without.network.weights])
    assert np.all(a < b) and np.linalg.norm(a) < 0.6 * np.linalg.norm(b)
    assert with_l2.evaluate_val().accuracy >= 0.95  # and it still learns the spiral


def test_early_stopping_stops_on_noisy_data_and_restores_the_best_epoch():
    t = trainer("early_stopping")
    t.run(1000)
    assert t.stopped_early and t.epoch < 1000
    assert t.epoch == t.best_epoch + 15
    errors = 1 - t.epochs.column("val_accuracy")
    assert errors[t.best_epoch - 1] == errors.min()
    assert t.evaluate_val().accuracy == pytest.approx(1 - errors.min())
