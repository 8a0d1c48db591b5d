"""One SGD step worked by hand, and L2, L1, clipping and divergence against their formulas."""

import math

import numpy as np
import pytest

from fnnsim.engine import MetricBatch, Network, SGDSettings, sgd_step, trace_step
from fnnsim.engine.clipping import clip
from fnnsim.errors import ConfigError, DivergenceError


def hand_net():
    """2-2-1, ReLU hidden, linear output, MSE: every number below is exact decimal arithmetic."""
    return Network(
        [2, 2, 1], ["relu", "linear"], "mse",
        [np.array([[0.5, -0.25], [0.25, 0.5]]), np.array([[1.0, -0.5]])],
        [np.array([0.1, -0.2]), np.array([0.2])],
    )


X, Y = np.array([1.0, 2.0]), np.array([1.0])


def test_hand_worked_step_2_2_1():
    net = hand_net()
    trace = sgd_step(net, X, Y, SGDSettings(learning_rate=0.1, l2=0.01))
    # forward: z1 = (0.5 − 0.5 + 0.1, 0.25 + 1 − 0.2), z2 = 0.1 − 0.525 + 0.2
    np.testing.assert_allclose(trace.z[0], [0.1, 1.05], rtol=0, atol=1e-15)
    np.testing.assert_allclose(trace.z[1], [-0.225], rtol=0, atol=1e-15)
    assert trace.loss == pytest.approx(0.7503125, abs=1e-15)  # ½(−0.225 − 1)²
    # backward: δ2 = ŷ − y; δ1 = relu'(z1) ⊙ W2ᵀ δ2   (4.60)
    np.testing.assert_allclose(trace.delta[1], [-1.225], atol=1e-15)
    np.testing.assert_allclose(trace.delta[0], [-1.225, 0.6125], atol=1e-15)
    # (4.62) ∂W = δ aᵀ, (4.63) ∂b = δ
    np.testing.assert_allclose(trace.grad_weights[1], [[-0.1225, -1.28625]], atol=1e-15)
    np.testing.assert_allclose(trace.grad_weights[0], [[-1.225, -2.45], [0.6125, 1.225]],
                               atol=1e-15)
    # update with α = 0.1, λ = 0.01: W ← W − α(∂W + λW), b ← b − α ∂b
    np.testing.assert_allclose(net.weights[1], [[1.01125, -0.370875]], atol=1e-15)
    np.testing.assert_allclose(net.biases[1], [0.3225], atol=1e-15)
    np.testing.assert_allclose(net.weights[0], [[0.622, -0.00475], [0.1885, 0.377]], atol=1e-15)
    np.testing.assert_allclose(net.biases[0], [0.2225, -0.26125], atol=1e-15)


def test_l2_and_l1_penalise_weights_only():
    base = trace_step(hand_net(), X, Y, SGDSettings(learning_rate=0.1))
    t = trace_step(hand_net(), X, Y, SGDSettings(learning_rate=0.1, l2=0.3, l1=0.05))
    for l in range(2):
        w = base.weights_before[l]
        expected = w - 0.1 * (base.grad_weights[l] + 0.3 * w + 0.05 * np.sign(w))
        np.testing.assert_allclose(t.weights_after[l], expected, rtol=1e-15, atol=1e-15)
        np.testing.assert_array_equal(t.biases_after[l], base.biases_after[l])


def test_l1_sign_of_zero_is_zero():
    net = hand_net()
    net.weights[0][0, 1] = 0.0
    with_l1 = trace_step(net, X, Y, SGDSettings(learning_rate=0.1, l1=0.5))
    without = trace_step(net, X, Y, SGDSettings(learning_rate=0.1))
    assert with_l1.weights_after[0][0, 1] == without.weights_after[0][0, 1]


def test_global_norm_clipping_scales_all_layers_together_before_the_penalty():
    raw = trace_step(hand_net(), X, Y, SGDSettings())
    norm = math.sqrt(sum(np.sum(g * g) for g in raw.grad_weights + raw.grad_biases))
    assert raw.grad_norm == pytest.approx(norm, rel=1e-15)
    assert norm == pytest.approx(math.sqrt(14.4247578125), rel=1e-15)  # worked out by hand
    t = trace_step(hand_net(), X, Y, SGDSettings(learning_rate=0.1, l2=0.2,
                                                 clip_mode="global_norm", clip_threshold=1.0))
    scale = 1.0 / norm
    assert t.clip.clipped and t.clip.scales == [scale, scale]
    assert t.clipped_grad_norm == pytest.approx(1.0, rel=1e-14)
    for l in range(2):
        w = raw.weights_before[l]
        expected = w - 0.1 * (raw.grad_weights[l] * scale + 0.2 * w)  # clip, then add λW
        np.testing.assert_allclose(t.weights_after[l], expected, rtol=1e-15, atol=1e-15)


def test_norm_clipping_leaves_gradients_at_or_below_the_threshold_alone():
    raw = trace_step(hand_net(), X, Y, SGDSettings())
    t = trace_step(hand_net(), X, Y, SGDSettings(clip_mode="global_norm",
                                                 clip_threshold=raw.grad_norm))
    assert not t.clip.clipped  # ‖g‖ = θ is not > θ
    np.testing.assert_array_equal(t.weights_after[0], raw.weights_after[0])


def test_layer_norm_clipping_scales_each_layer_by_its_own_norm():
    raw = trace_step(hand_net(), X, Y, SGDSettings())
    t = trace_step(hand_net(), X, Y, SGDSettings(clip_mode="layer_norm", clip_threshold=2.0))
    for l in range(2):
        n = math.sqrt(np.sum(raw.grad_weights[l] ** 2) + np.sum(raw.grad_biases[l] ** 2))
        expected = 2.0 / n if n > 2.0 else 1.0
        assert t.clip.scales[l] == pytest.approx(expected, rel=1e-15)
    assert t.clip.scales[0] < 1.0 and t.clip.scales[1] == 1.0  # layer 2's norm is ~1.76


def test_value_clipping_clamps_each_element():
    t = trace_step(hand_net(), X, Y, SGDSettings(clip_mode="value", clip_threshold=1.0))
    np.testing.assert_array_equal(t.clip.weights[0], [[-1.0, -1.0], [0.6125, 1.0]])
    np.testing.assert_array_equal(t.clip.biases[1], [-1.0])
    assert t.clip.clipped


def test_clip_off_changes_nothing():
    g = [np.array([[100.0]])]
    result = clip(g, [np.array([5.0])], "off", 1e-3)
    assert result.weights[0] is g[0] and not result.clipped


def test_divergence_keeps_the_last_finite_weights():
    net = hand_net()
    net.weights[1][0, 0] = 1e308
    before = [w.copy() for w in net.weights]
    with pytest.raises(DivergenceError, match="last finite weights"):
        sgd_step(net, X, Y, SGDSettings(learning_rate=1e10))
    for w, b in zip(net.weights, before, strict=True):
        np.testing.assert_array_equal(w, b)


def test_settings_are_validated_with_clear_messages():
    with pytest.raises(ConfigError, match=r"learning_rate must be > 0, got -1"):
        SGDSettings(learning_rate=-1)
    with pytest.raises(ConfigError, match="clip_mode must be one of"):
        SGDSettings(clip_mode="sometimes")
    with pytest.raises(ConfigError, match="l2 must be >= 0"):
        SGDSettings(l2=-0.1)


def test_metrics_record_the_definitions():
    net = Network([2, 3, 1], ["sigmoid", "sigmoid"], "bce",
                  [np.array([[30.0, 0.0], [0.0, 1.0], [-40.0, 0.0]]), np.ones((1, 3))],
                  [np.zeros(3), np.zeros(1)])
    t = trace_step(net, np.array([1.0, 0.5]), np.array([1.0]), SGDSettings(learning_rate=0.5))
    batch = MetricBatch.empty(1, 2)
    batch.record(0, t, net.activations)
    assert batch.saturated[0, 0] == pytest.approx(2 / 3)  # z = 30 and −40 saturate; z = 0.5 not
    assert batch.dead[0].tolist() == [0.0, 0.0]
    assert batch.delta_norm[0, 1] == pytest.approx(abs(t.delta[1][0]))
    assert batch.grad_w_norm[0, 0] == pytest.approx(np.linalg.norm(t.grad_weights[0]))
    assert batch.weight_norm[0, 0] == pytest.approx(np.linalg.norm(t.weights_after[0]))
    assert batch.update_ratio[0, 1] == pytest.approx(
        np.linalg.norm(t.weights_after[1] - t.weights_before[1]) / math.sqrt(3))
    relu = Network([1, 4, 1], ["relu", "linear"], "mse",
                   [np.array([[1.0], [-1.0], [2.0], [0.0]]), np.ones((1, 4))],
                   [np.zeros(4), np.zeros(1)])
    t = trace_step(relu, np.array([1.0]), np.array([0.0]), SGDSettings())
    batch.record(0, t, relu.activations)
    assert batch.dead[0, 0] == 0.5  # z = (1, −1, 2, 0): −1 and 0 are dead (z <= 0)
