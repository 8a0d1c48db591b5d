"""Backprop (4.60), (4.62), (4.63) against finite differences and an independent reference."""

import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fnnsim.engine import (
    HIDDEN_ACTIVATIONS,
    Network,
    gradient_check,
    numerical_gradients,
    trace_step,
)
from fnnsim.engine.backprop import backward, gradients
from fnnsim.engine.sgd import SGDSettings
from tests.engine.independent import complex_step_gradients

OUTPUT_PAIRS = [
    ("sigmoid", "bce"), ("softmax", "cross_entropy"), ("softmax", "mse"),
    ("sigmoid", "mse"), ("tanh", "mse"), ("linear", "mse"), ("relu", "mse"),
    ("leaky_relu", "mse"),
]


def random_case(rng, hidden_activation, output, loss, depth, max_width=5):
    widths = [int(w) for w in rng.integers(1, max_width + 1, size=depth + 1)]
    n_out = int(rng.integers(2, 4)) if output == "softmax" else int(rng.integers(1, 3))
    sizes = [*widths, n_out]
    activations = [hidden_activation] * depth + [output]
    net = Network.create(sizes, activations, loss, "xavier_normal", 1.5, rng)
    for b in net.biases:  # non-zero biases, so no unit sits exactly on a kink
        b[:] = rng.normal(0, 0.5, size=b.shape)
    x = rng.normal(size=sizes[0])
    if loss == "cross_entropy":
        y = np.eye(n_out)[rng.integers(n_out)]
    elif loss == "bce":
        y = rng.integers(0, 2, size=n_out).astype(float)
    else:
        y = rng.normal(size=n_out)
    return net, x, y


def analytic(net, x, y):
    z, a = net.forward(x)
    return gradients(backward(net, z, a, y), a)


@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
@pytest.mark.parametrize(("output", "loss"), OUTPUT_PAIRS)
def test_backprop_matches_complex_step_reference(hidden, output, loss):
    # a seed of the case's name that is the same in every process (hash() of a str is not)
    rng = np.random.default_rng(zlib.crc32(f"{hidden}/{output}/{loss}".encode()))
    for depth in (0, 1, 3):
        net, x, y = random_case(rng, hidden, output, loss, depth)
        grad_w, grad_b = analytic(net, x, y)
        ref_w, ref_b = complex_step_gradients(net, x, y)
        for g, r in zip(grad_w + grad_b, ref_w + ref_b, strict=True):
            np.testing.assert_allclose(g, r, rtol=1e-9, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    hidden=st.sampled_from(HIDDEN_ACTIVATIONS),
    pair=st.sampled_from(OUTPUT_PAIRS),
    depth=st.integers(0, 6),
)
def test_backprop_matches_finite_differences_on_random_architectures(seed, hidden, pair, depth):
    rng = np.random.default_rng(seed)
    net, x, y = random_case(rng, hidden, *pair, depth)
    z, _ = net.forward(x)
    if hidden in ("relu", "leaky_relu") and any(np.any(np.abs(v) < 1e-4) for v in z[:-1]):
        return  # a unit within ε of the kink: central differences straddle it
    grad_w, grad_b = analytic(net, x, y)
    num_w, num_b = numerical_gradients(net, x, y)
    # Central differences carry ~1e-10 absolute rounding error (ε_machine·L/ε), so tiny
    # entries of a deep sigmoid net are compared absolutely, the rest relatively.
    for g, r in zip(grad_w + grad_b, num_w + num_b, strict=True):
        np.testing.assert_allclose(g, r, rtol=1e-5, atol=1e-8)


def test_gradient_check_reports_tiny_differences_on_a_healthy_net():
    rng = np.random.default_rng(3)
    net, x, y = random_case(rng, "tanh", "sigmoid", "bce", 1)
    checks = gradient_check(net, x, y)
    assert [c.layer for c in checks] == [1, 2]
    assert max(c.max_rel_diff for c in checks) < 1e-6


def test_gradient_check_detects_a_wrong_gradient(monkeypatch):
    """The check is not vacuous: a backprop off by a factor is reported."""
    rng = np.random.default_rng(1)
    net, x, y = random_case(rng, "tanh", "sigmoid", "bce", 2)
    import fnnsim.engine.gradcheck as gc

    real = gc.gradients
    monkeypatch.setattr(gc, "gradients", lambda d, a: tuple(
        [1.01 * g for g in part] for part in real(d, a)))
    assert max(c.max_rel_diff for c in gc.gradient_check(net, x, y)) > 1e-3


def test_deep_and_wide_network_gradients():
    rng = np.random.default_rng(7)
    sizes = [3] + [4] * 30 + [1]
    net = Network.create(sizes, ["tanh"] * 30 + ["sigmoid"], "bce", "xavier_uniform", 1.0, rng)
    x, y = rng.normal(size=3), np.array([1.0])
    grad_w, grad_b = analytic(net, x, y)
    ref_w, ref_b = complex_step_gradients(net, x, y)
    for g, r in zip(grad_w + grad_b, ref_w + ref_b, strict=True):
        np.testing.assert_allclose(g, r, rtol=1e-9, atol=1e-15)
    wide = Network.create([2, 512, 3], ["relu", "softmax"], "cross_entropy", "he_normal", 1.0, rng)
    trace = trace_step(wide, rng.normal(size=2), np.array([0.0, 1.0, 0.0]), SGDSettings())
    assert trace.grad_weights[0].shape == (512, 2)
    assert np.isfinite(trace.loss)


def test_kinks_follow_spec():
    net = Network([1, 2, 1], ["relu", "linear"], "mse",
                  [np.array([[1.0], [1.0]]), np.array([[1.0, 1.0]])],
                  [np.array([0.0, -1.0]), np.array([0.0])])
    # z^(1) = (0, −1): ReLU'(0) = 0, so no gradient flows through either unit
    z, a = net.forward(np.array([0.0]))
    delta = backward(net, z, a, np.array([1.0]))
    assert delta[0].tolist() == [0.0, 0.0]
    leaky = Network([1, 1, 1], ["leaky_relu", "linear"], "mse",
                    [np.array([[1.0]]), np.array([[1.0]])], [np.zeros(1), np.zeros(1)])
    z, a = leaky.forward(np.array([0.0]))
    assert backward(leaky, z, a, np.array([1.0]))[0].tolist() == [-0.01]
