"""The gradient check's verdict: correct backprop passes on the networks a learner builds,
a gradient broken by 1 % or a flipped sign fails, at a bounded, seeded cost."""

import itertools
import types
from dataclasses import replace

import numpy as np
import pytest

import fnnsim.engine.gradcheck as gc
from fnnsim.config import ExperimentConfig, LayerConfig, load_config
from fnnsim.engine.activations import ACTIVATIONS
from fnnsim.engine.gradcheck import (
    SAMPLED_BIASES,
    SAMPLED_WEIGHTS,
    THRESHOLD,
    GradientChecker,
    gradient_check,
    relative_difference,
)
from fnnsim.engine.network import Network
from fnnsim.training.backend import ReferenceBackend
from fnnsim.training.experiment import build_data, build_trainer


def spiral_config(hidden=(8, 8), activation="tanh", **network):
    """The window's first experiment (a 2-class spiral), with other hidden layers."""
    c = ExperimentConfig()
    c.network.hidden = [LayerConfig(n, activation) for n in hidden]
    c.data.source, c.data.n_samples, c.data.noise = "spiral", 400, 0.1
    c.training.learning_rate = 0.03
    for name, value in network.items():
        setattr(c.network, name, value)
    return c.validate()


def trainer(config, samples=0):
    t, _ = build_trainer(config, build_data(config), backend=ReferenceBackend())
    t.train_samples(samples)
    return t


def cases():
    """(name, trainer): the tester's networks and a few harder ones."""
    return [
        # the tester's: 2-8-8-1 tanh after some training (19 of 40 rows FAILED before)
        ("trained 2-8-8-1 tanh", lambda: trainer(spiral_config(), 15_000)),
        # the tester's: every one of the 7 layers FAILED before
        ("fresh 6x256 tanh", lambda: trainer(spiral_config((256,) * 6))),
        # ten sigmoid layers: the first layers' gradients are tiny (vanishing)
        ("trained 10-layer sigmoid", lambda: trainer(load_config(
            "resources/presets/deep_sigmoid.json"), 20_000)),
        # saturated tanh with large weights: a big L''' (the plain central difference
        # errs by 3e-5 here at the best single step)
        ("fresh 6x64 tanh, scale 5", lambda: trainer(spiral_config((64,) * 6,
                                                                    init_scale=5.0))),
        ("trained 4x64 relu", lambda: trainer(spiral_config(
            (64,) * 4, "relu", initializer="he_normal"), 20_000)),
        ("fresh 10-layer relu", lambda: trainer(load_config(
            "resources/presets/deep_relu.json"))),
        ("trained 3-class softmax", lambda: trainer(load_config(
            "resources/presets/spiral3_softmax.json"), 20_000)),
        ("fresh exploding (L up to 4e5)", lambda: trainer(load_config(
            "resources/presets/exploding.json"))),
    ]


CASES = dict(cases())


@pytest.fixture(scope="module", params=list(CASES))
def case(request):
    return CASES[request.param]()


def rows(t, n):
    return [(t.X[i], t.T[i]) for i in range(n)]


def test_correct_backprop_passes(case):
    for x, y in rows(case, 6 if case.network.n_parameters > 100_000 else 20):
        checks = gradient_check(case.network, x, y)
        assert [c.layer for c in checks] == list(range(1, case.network.depth + 1))
        for c in checks:
            assert c.passed, (c, THRESHOLD)
            assert c.max_rel_diff < THRESHOLD / 4  # not a close call either
            assert c.checked > 0 or c.kinks > 0


@pytest.mark.parametrize(("bug", "change"), [
    ("1 % too large", lambda g: 1.01 * g),
    ("sign flipped", lambda g: -g),
])
def test_a_broken_layer_fails_and_only_that_layer(case, monkeypatch, bug, change):
    """Backprop with one layer's ∂L/∂W wrong, as a bug in (4.62) would make it."""
    # the worst-fitted of the first rows: a row the net fits to 1e-20 has gradients below
    # any finite difference's resolution (the check calls that inconclusive, see below)
    x, y = max(rows(case, 40), key=lambda r: gc.sample_loss(case.network, *r))
    healthy = GradientChecker(case.network, x, y)
    healthy.run()
    real = GradientChecker.layer_gradients
    seen = 0
    for broken in range(case.network.depth):
        def patched(self, k, deltas, broken=broken):
            grad_w, grad_b = real(self, k, deltas)
            return (change(grad_w) if k == broken else grad_w), grad_b
        monkeypatch.setattr(GradientChecker, "layer_gradients", patched)
        checks = gradient_check(case.network, x, y)
        assert all(c.passed for i, c in enumerate(checks) if i != broken)
        # the bug moves an entry g by d = |change(g) − g|: the check must see it wherever
        # d clearly exceeds what a correct entry may differ by (the rounding of the
        # difference quotient, or THRESHOLD of g), and pass where d is well inside that
        g = healthy.compared(broken, False)[0]
        d = np.abs(change(g) - g)
        if np.any(d > 2 * np.maximum(healthy.resolution, THRESHOLD * np.abs(g))):
            assert not checks[broken].passed, (bug, broken + 1, checks[broken])
            seen += 1
        elif np.all(d < healthy.resolution / 2):
            assert checks[broken].passed, (bug, broken + 1, checks[broken])
        if bug == "sign flipped":  # any entry that stands out of the rounding shows it
            assert checks[broken].passed != healthy.result()[broken].conclusive
    assert seen >= case.network.depth // 2  # the bug is caught in most layers


def test_a_broken_activation_derivative_fails(monkeypatch):
    """tanh'(z) written as 1 − a instead of 1 − a² (a classic slip) is caught."""
    t = trainer(spiral_config(), 2_000)
    tanh = ACTIVATIONS["tanh"]
    monkeypatch.setitem(ACTIVATIONS, "tanh", replace(tanh, derivative=lambda z, a: 1.0 - a))
    checks = gradient_check(t.network, t.X[0], t.T[0])
    assert [c.passed for c in checks] == [False, False, True]  # δ¹, δ² use tanh'


def test_a_relu_kink_is_left_out_not_failed():
    """A unit exactly at z = 0: ReLU'(0) = 0 (SPEC), but L(θ ± h) averages the two slopes,
    so the difference quotient of its incoming weights is half the right slope: those
    parameters are counted as kinks and left out."""
    net = Network([1, 2, 1], ["relu", "linear"], "mse",
                  [np.array([[1.0], [2.0]]), np.array([[1.0, 1.0]])],
                  [np.array([-1.0, 0.5]), np.array([0.0])])
    x, y = np.array([1.0]), np.array([1.0])  # z¹ = (0, 2.5): unit 1 on its kink
    checker = GradientChecker(net, x, y)
    checks = checker.run()
    assert checks[0].kinks == 2 and checks[0].checked == 2  # w₁₁ and b₁ left out
    assert all(c.passed for c in checks)
    assert checker.grad_b[0][0] == 0.0  # backprop: ReLU'(0) = 0
    # while the difference quotient averages the slopes 0 and ŷ − y = 1.5 either side
    probe, h = net.copy(), 1e-6
    probe.biases[0][0] = -1.0 + h
    plus = gc.sample_loss(probe, x, y)
    probe.biases[0][0] = -1.0 - h
    minus = gc.sample_loss(probe, x, y)
    assert (plus - minus) / (2 * h) == pytest.approx(0.75, abs=1e-6)


def test_tiny_gradients_compare_absolutely_through_the_floor():
    """In the 10-layer sigmoid net the first layer's ∂L/∂w are ~1e-8: finite differences
    carry ~1e-11 of rounding, a relative error of 1e-3 — below the floor, not a failure."""
    t = trainer(load_config("resources/presets/deep_sigmoid.json"))
    checker = GradientChecker(t.network, t.X[0], t.T[0])
    checks = checker.run()
    g, ghat = checker.compared(0, False)
    assert np.max(np.abs(g)) < checker.floor  # all of layer 1 is below the floor
    assert np.max(np.abs(g - ghat) / np.abs(g)) > THRESHOLD  # plain relative: "fails"
    assert checks[0].passed
    # 1e-9 against 1.1e-9 under a floor of 1e-6: 1e-10 / 1e-6, not 0.1 / 1.1
    assert relative_difference(np.array([1e-9]), np.array([1.1e-9]), 1e-6) == pytest.approx(
        1e-4)


def test_cost_is_bounded_and_seeded():
    t = trainer(spiral_config((256,) * 6))
    x, y = t.X[0], t.T[0]
    checks = gradient_check(t.network, x, y)
    assert [c.parameters for c in checks] == [768] + [256 * 257] * 5 + [257]
    assert [c.checked for c in checks] == [SAMPLED_WEIGHTS + SAMPLED_BIASES] * 6 + [
        SAMPLED_WEIGHTS + 1]
    small = trainer(spiral_config())  # 2-8-8-1: every parameter
    assert [c.checked for c in gradient_check(small.network, x, y)] == [24, 72, 9]
    assert checks == gradient_check(t.network, x, y)  # the same sample every time
    other = GradientChecker(t.network, x, y, seed=1)
    assert not np.array_equal(other.pieces[-4][2], GradientChecker(t.network, x, y)
                              .pieces[-4][2])


def test_pieces_add_up_to_the_whole_check():
    t = trainer(spiral_config((64, 64)), 500)
    x, y = t.X[3], t.T[3]
    checker = GradientChecker(t.network, x, y)
    steps = 0
    while not checker.run_piece(seconds=0):  # one step a piece
        steps += 1
        assert not checker.finished
    assert checker.finished
    assert checker.result() == gradient_check(t.network, x, y)
    assert checker.run_piece()  # nothing left: stays finished
    # a step is at most one layer's product, the set-up included: the forward pass, then
    # backprop, then each layer's gradients and rounding, then per batch of parameters of
    # layer l the layers l..L — so a piece on a deep, wide net can stop after any of them
    depth = t.network.depth
    batches = sum(depth - k for k, _, _ in checker.pieces)
    assert steps + 1 == 2 + depth + batches + 1  # + 1: the step that finds nothing left


def test_a_huge_network_samples_fewer_parameters_within_the_budget():
    """64×512 would cost 1.1e11 multiply-adds at 160 weights and 48 biases a layer (26 s
    on an idle core): it samples fewer, alike in every layer, never below the minimums."""
    def shapes(depth, width):  # the check's cost depends on the shapes only
        sizes = [2] + [width] * depth + [1]
        return types.SimpleNamespace(
            weights=[np.empty((b, a)) for a, b in itertools.pairwise(sizes)],
            biases=[np.empty(b) for b in sizes[1:]])
    assert GradientChecker.sampled(shapes(10, 512)) == (SAMPLED_WEIGHTS, SAMPLED_BIASES)
    assert GradientChecker.sampled(shapes(6, 256)) == (SAMPLED_WEIGHTS, SAMPLED_BIASES)
    huge = shapes(64, 512)
    assert GradientChecker.work(huge, SAMPLED_WEIGHTS, SAMPLED_BIASES) > 10 * gc.WORK_BUDGET
    weights, biases = GradientChecker.sampled(huge)
    assert (weights, biases) == (gc.MIN_SAMPLED_WEIGHTS, gc.MIN_SAMPLED_BIASES)
    assert GradientChecker.work(huge, weights, biases) < 1.1 * gc.WORK_BUDGET
    # between the two: scaled down alike, to the budget
    middle = shapes(24, 512)
    weights, biases = GradientChecker.sampled(middle)
    assert gc.MIN_SAMPLED_WEIGHTS < weights < SAMPLED_WEIGHTS
    assert gc.MIN_SAMPLED_BIASES < biases < SAMPLED_BIASES
    assert GradientChecker.work(middle, weights, biases) <= gc.WORK_BUDGET


def test_a_shrunk_sample_is_seeded_and_still_catches_a_bug(monkeypatch):
    t = trainer(spiral_config((64,) * 3), 2_000)
    x, y = t.X[0], t.T[0]
    full = GradientChecker(t.network, x, y)
    monkeypatch.setattr(gc, "WORK_BUDGET", full.work(t.network, SAMPLED_WEIGHTS,
                                                     SAMPLED_BIASES) / 4)
    checker = GradientChecker(t.network, x, y)
    assert checker.weights_per_layer == SAMPLED_WEIGHTS // 4
    assert checker.biases_per_layer == SAMPLED_BIASES // 4
    checks = checker.run()
    assert [c.checked for c in checks] == [40 + 12] * 3 + [40 + 1]  # W³ (1×64): 40 of 64
    assert checks == gradient_check(t.network, x, y)
    assert all(c.passed and c.conclusive for c in checks)
    tanh = ACTIVATIONS["tanh"]
    monkeypatch.setitem(ACTIVATIONS, "tanh", replace(tanh, derivative=lambda z, a: 1.0 - a))
    assert not gradient_check(t.network, x, y)[0].passed


def test_the_callers_network_is_left_alone():
    t = trainer(spiral_config((16,)), 100)
    before = [w.copy() for w in t.network.weights]
    checker = GradientChecker(t.network, t.X[0], t.T[0])
    t.network.weights[0][:] = 0.0  # the caller trains on meanwhile
    checker.run()
    assert not np.array_equal(checker.network.weights[0], t.network.weights[0])
    assert np.array_equal(checker.network.weights[0], before[0])


def test_gradients_lost_in_rounding_are_inconclusive_not_passed():
    """An output the net is sure of (z = 60, y = 1): L ≈ e⁻⁶⁰ and every gradient ~1e-26,
    while computing L rounds at ~1e-14 — no difference quotient can check that."""
    net = Network([1, 1, 1], ["tanh", "sigmoid"], "bce",
                  [np.array([[1.0]]), np.array([[60.0]])], [np.zeros(1), np.zeros(1)])
    checks = gradient_check(net, np.array([3.0]), np.array([1.0]))
    assert all(c.checked == 2 and c.unresolved == 2 for c in checks)
    assert not any(c.conclusive for c in checks)
    sure = gradient_check(net, np.array([3.0]), np.array([0.0]))  # badly wrong: L ≈ 60
    assert all(c.conclusive and c.passed for c in sure)
