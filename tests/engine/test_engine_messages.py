"""The engine's user errors are templates with fields, also when a helper builds them."""

import dataclasses

import numpy as np
import pytest

from fnnsim.engine import Network, SGDSettings, apply_trace, check_architecture
from fnnsim.engine.sgd import trace_step
from fnnsim.errors import ConfigError, DivergenceError, Message, WeightsError, user_text


def translate(context: str, text: str) -> str:
    return {"{name} must be > 0, got {value}": "{name} 必须大于 0，实际为 {value}"}.get(text, text)


def test_an_architecture_problem_is_a_message_the_error_carries():
    problem = check_architecture([2, 3, 1], ["tanh", "softmax"], "cross_entropy")
    assert isinstance(problem, Message)
    assert str(problem) == ("a softmax output needs at least 2 units (one per class); "
                            "use sigmoid for 1 unit")
    with pytest.raises(ConfigError) as info:
        Network.create([2, 600, 1], ["tanh", "sigmoid"], "bce")
    assert str(info.value) == "hidden layer 1 width must be <= 512, got 600"
    assert info.value.message.fields == {"layer": 1, "limit": 512, "value": 600}
    assert check_architecture([2, 3, 1], ["tanh", "sigmoid"], "bce") is None


def test_settings_problems_share_one_template_per_sentence():
    with pytest.raises(ConfigError) as rate:
        SGDSettings(learning_rate=0)
    with pytest.raises(ConfigError) as threshold:
        SGDSettings(clip_threshold=-1.5)
    assert str(rate.value) == "learning_rate must be > 0, got 0"
    assert rate.value.message.template == threshold.value.message.template
    assert user_text(threshold.value, translate) == "clip_threshold 必须大于 0，实际为 -1.5"


def test_a_bad_shape_names_the_parameter_and_both_shapes():
    net = Network.create([2, 3, 1], ["tanh", "sigmoid"], "bce")
    with pytest.raises(WeightsError) as info:
        net.set_parameters(net.weights, [np.zeros(4), net.biases[1]])
    assert str(info.value) == "b1 must have shape (3,), got (4,)"
    assert info.value.message.fields == {"name": "b1", "needed": (3,), "shape": (4,)}


def test_a_non_finite_loss_is_refused_with_its_value():
    net = Network.create([2, 3, 1], ["tanh", "sigmoid"], "bce")
    trace = trace_step(net, np.ones(2), np.ones(1), SGDSettings())
    with pytest.raises(DivergenceError) as info:
        apply_trace(net, dataclasses.replace(trace, loss=float("inf")))
    assert str(info.value) == "the loss became inf; the last finite weights are kept"
    assert info.value.message.fields == {"value": float("inf")}
