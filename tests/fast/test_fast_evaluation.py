"""The compiled evaluation (mean loss, accuracy of a whole set) equals the reference's."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("numba", reason="the fast path needs numba")

from fnnsim.engine import Network
from fnnsim.fast import load_fast_backend
from fnnsim.training.backend import ReferenceBackend
from tests.fast.test_fast_matches_reference import OUTPUT_PAIRS, data

TOL = 1e-12


@pytest.fixture(scope="module")
def fast():
    return load_fast_backend()


def labels_for(T: np.ndarray) -> np.ndarray:
    """Labels that agree with the targets (so accuracy is neither 0 nor 1 by accident)."""
    return np.argmax(T, axis=1) if T.shape[1] > 1 else (T[:, 0] > T[:, 0].mean()).astype(int)


def both(fast, network, X, T, labels):
    return (np.array(fast.evaluate(network, X, T, labels)),
            np.array(ReferenceBackend().evaluate(network, X, T, labels)))


@pytest.mark.parametrize(("output", "loss"), OUTPUT_PAIRS)
@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu", "leaky_relu", "linear"])
def test_matches_the_reference(fast, hidden, output, loss):
    n_out = 3 if output == "softmax" else 1 if loss == "bce" else 2
    sizes = [3, 7, 5, n_out]
    network = Network.create(sizes, [hidden, hidden, output], loss, scale=1.5, rng=4)
    X, T, _ = data(sizes, network.activations, loss, 200, seed=2)
    labels = labels_for(T)
    for given in (labels, None):
        got, expected = both(fast, network, X, T, given)
        np.testing.assert_allclose(got, expected, rtol=TOL, atol=0)
    got, _ = both(fast, network, X, T, labels)
    assert 0 < got[1] < 1  # a real share, not a trivial 0 or 1
    assert np.isnan(fast.evaluate(network, X, T, None)[1])


def test_a_random_deep_architecture(fast):
    rng = np.random.default_rng(11)
    for trial in range(5):
        depth = int(rng.integers(1, 8))
        sizes = [int(rng.integers(1, 9)) for _ in range(depth)] + [4]
        acts = [str(a) for a in rng.choice(["sigmoid", "tanh", "relu", "leaky_relu"],
                                           size=depth - 1)] + ["softmax"]
        network = Network.create(sizes, acts, "cross_entropy", scale=2.0, rng=trial)
        X, T, _ = data(sizes, acts, "cross_entropy", 150, seed=trial)
        got, expected = both(fast, network, X, T, labels_for(T))
        np.testing.assert_allclose(got, expected, rtol=TOL, atol=0)


def test_ties_and_nan_outputs_pick_labels_as_numpy_does(fast):
    """Equal outputs: the first wins; a NaN output: the first NaN wins (np.argmax)."""
    network = Network.create([2, 3], ["linear"], "mse", rng=0)
    network.weights[0][...] = 0.0
    network.biases[0][...] = [1.0, 1.0, 0.0]  # a tie between classes 0 and 1
    X, T = np.zeros((4, 2)), np.zeros((4, 3))
    labels = np.array([0, 1, 0, 2])
    got, expected = both(fast, network, X, T, labels)
    np.testing.assert_allclose(got, expected, rtol=TOL)
    assert got[1] == 0.5
    network.biases[0][...] = [1.0, np.nan, 2.0]
    got, expected = both(fast, network, X, T, np.array([1, 1, 2, 0]))
    assert got[1] == expected[1] == 0.5
    assert np.isnan(got[0]) and np.isnan(expected[0])


def test_one_output_threshold_is_the_middle_of_the_range(fast):
    network = Network.create([1, 1], ["tanh"], "mse", rng=0)  # classes at −1 and 1
    network.weights[0][...] = 1.0
    network.biases[0][...] = 0.0
    X = np.array([[-2.0], [-0.1], [0.1], [2.0]])
    T = np.array([[-1.0], [-1.0], [1.0], [1.0]])
    got, expected = both(fast, network, X, T, np.array([0, 0, 1, 1]))
    assert got[1] == expected[1] == 1.0
    np.testing.assert_allclose(got, expected, rtol=TOL)
