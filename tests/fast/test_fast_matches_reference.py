"""The compiled fast path trains exactly as the NumPy reference engine does (to 1e-12).

Each test trains two copies of one network for an epoch in a fixed shuffled order, one with
`FastBackend` and one with `ReferenceBackend`, and compares every weight, bias and recorded
metric. One compiled kernel serves the whole module.
"""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

pytest.importorskip("numba", reason="the fast path needs numba")

from fnnsim.engine import ACTIVATIONS, LAYER_METRICS, SCALAR_METRICS, MetricBatch, Network
from fnnsim.engine.sgd import SGDSettings
from fnnsim.fast import load_fast_backend
from fnnsim.training.backend import ReferenceBackend, select_backend

TOL = 1e-12
SENTINEL = -7.0  # rows a backend must not touch keep this value
COUNTS = ("clipped", "saturated", "dead")  # decided by comparisons: must agree exactly


@pytest.fixture(scope="module")
def fast():
    return load_fast_backend()


def data(sizes: list[int], activations: list[str], loss: str, n: int, seed: int = 0):
    """Inputs X, targets T that suit the output, and a shuffled order of one epoch."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, sizes[0]))
    k = sizes[-1]
    if activations[-1] == "softmax":
        T = np.eye(k)[rng.integers(0, k, size=n)]
    elif loss == "bce":
        T = rng.integers(0, 2, size=(n, k)).astype(float)
    else:
        low, high = ACTIVATIONS[activations[-1]].output_range
        T = rng.uniform(low, high, size=(n, k))
    return X, T, rng.permutation(n)


def train_both(fast, network, X, T, chunks):
    """Train copies of `network` with both backends on (order, settings, start) chunks."""
    pair = []
    for backend in (fast, ReferenceBackend()):
        net = network.copy()
        out = MetricBatch.empty(sum(len(order) for order, _, _ in chunks), net.depth)
        for field in (*SCALAR_METRICS, *LAYER_METRICS):
            getattr(out, field)[...] = SENTINEL
        done = [backend.run(net, X, T, order, s, out, start) for order, s, start in chunks]
        pair.append((net, out, done))
    return pair


def assert_close(actual: np.ndarray, expected: np.ndarray, what: str) -> None:
    """Equal to TOL relative, or to TOL times the largest finite |entry| of the array."""
    finite = np.abs(expected[np.isfinite(expected)])
    scale = float(finite.max()) if finite.size else 0.0
    np.testing.assert_allclose(actual, expected, rtol=TOL, atol=TOL * scale, err_msg=what)


def assert_same(pair) -> None:
    (fast_net, fast_out, fast_done), (ref_net, ref_out, ref_done) = pair
    assert fast_done == ref_done
    for l, (w, w_ref) in enumerate(zip(fast_net.weights, ref_net.weights, strict=True), 1):
        assert w.dtype == np.float64 and w.flags.c_contiguous and w.shape == w_ref.shape
        assert_close(w, w_ref, f"W{l}")
    for l, (b, b_ref) in enumerate(zip(fast_net.biases, ref_net.biases, strict=True), 1):
        assert b.dtype == np.float64 and b.flags.c_contiguous and b.shape == b_ref.shape
        assert_close(b, b_ref, f"b{l}")
    for field in (*SCALAR_METRICS, *LAYER_METRICS):
        actual, expected = getattr(fast_out, field), getattr(ref_out, field)
        if field in COUNTS:
            np.testing.assert_array_equal(actual, expected, err_msg=field)
        elif field in LAYER_METRICS:  # per layer: δ may shrink by orders of magnitude
            for l in range(actual.shape[1]):
                assert_close(actual[:, l], expected[:, l], f"{field}, layer {l + 1}")
        else:
            assert_close(actual, expected, field)


def epoch(fast, sizes, activations, loss, settings, n=120, scale=1.0, seed=0):
    network = Network.create(sizes, activations, loss, scale=scale, rng=seed)
    X, T, order = data(sizes, activations, loss, n, seed)
    pair = train_both(fast, network, X, T, [(order, settings, 0)])
    assert_same(pair)
    return pair


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu", "leaky_relu", "linear"])
def test_each_hidden_activation(fast, hidden):
    settings = SGDSettings(learning_rate=0.05, l2=1e-3)
    pair = epoch(fast, [3, 8, 6, 1], [hidden, hidden, "sigmoid"], "bce", settings, scale=2.0)
    out = pair[0][1]
    if ACTIVATIONS[hidden].saturating:
        assert out.saturated[:, :2].max() > 0  # the saturation metric is exercised
    if ACTIVATIONS[hidden].can_die:
        assert out.dead[:, :2].max() > 0


OUTPUT_PAIRS = [
    ("sigmoid", "bce"), ("softmax", "cross_entropy"), ("softmax", "mse"), ("sigmoid", "mse"),
    ("tanh", "mse"), ("relu", "mse"), ("leaky_relu", "mse"), ("linear", "mse"),
]


@pytest.mark.parametrize(("output", "loss"), OUTPUT_PAIRS)
def test_each_output_and_loss(fast, output, loss):
    n_out = 3 if output == "softmax" else 2
    settings = SGDSettings(learning_rate=0.1, l2=1e-4)
    epoch(fast, [4, 10, n_out], ["tanh", output], loss, settings)


@pytest.mark.parametrize("mode", ["off", "global_norm", "layer_norm", "value"])
def test_each_clip_mode(fast, mode):
    settings = SGDSettings(learning_rate=0.2, l2=1e-3, clip_mode=mode, clip_threshold=0.05)
    pair = epoch(fast, [3, 12, 8, 2], ["relu", "tanh", "softmax"], "cross_entropy", settings)
    clipped = pair[0][1].clipped
    if mode == "off":
        assert not clipped.any()
    else:  # the threshold is low enough that clipping really fires, though not always
        assert clipped.any()


@pytest.mark.parametrize("mode", ["off", "global_norm", "layer_norm", "value"])
@pytest.mark.parametrize(("l2", "l1"), [(0.0, 1e-3), (1e-3, 1e-3)])
def test_l1_and_l2_penalties(fast, mode, l2, l1):
    settings = SGDSettings(learning_rate=0.1, l2=l2, l1=l1, clip_mode=mode, clip_threshold=0.1)
    epoch(fast, [3, 9, 7, 1], ["leaky_relu", "sigmoid", "linear"], "mse", settings)


@pytest.mark.parametrize("scale", [1e-5, 2.0])
def test_tiny_and_saturating_weights(fast, scale):
    """Tiny z (tanh ≈ z: relative precision matters) and saturated units.

    Not much larger: at scale 4 this training is chaotic — nudging the reference's own
    starting W1 by one ulp moves its final weights by 4e-11 — so no implementation that is
    not bit-for-bit NumPy's could agree to 1e-12 there.
    """
    settings = SGDSettings(learning_rate=0.1, l2=1e-4)
    epoch(fast, [3, 8, 8, 8, 2], ["tanh", "sigmoid", "tanh", "tanh"], "mse", settings,
          scale=scale)


def test_zero_weights_give_an_infinite_update_ratio(fast):
    sizes, activations = [3, 4, 2], ["tanh", "softmax"]
    start = Network.create(sizes, activations, "cross_entropy", rng=2)
    network = Network(sizes, activations, "cross_entropy",
                      [np.zeros((4, 3)), start.weights[1]], start.biases)
    X, T, order = data(sizes, activations, "cross_entropy", 30)
    pair = train_both(fast, network, X, T, [(order, SGDSettings(0.1), 0)])
    assert_same(pair)
    assert pair[0][1].update_ratio[0, 0] == np.inf  # ‖ΔW‖ / ‖W‖ with W = 0


def test_no_hidden_layer(fast):
    settings = SGDSettings(learning_rate=0.3, l2=1e-3, clip_mode="layer_norm", clip_threshold=0.2)
    epoch(fast, [5, 4], ["softmax"], "cross_entropy", settings)


def test_deep_net(fast):
    depth = 14
    settings = SGDSettings(learning_rate=0.5, l2=1e-4, clip_mode="global_norm", clip_threshold=1)
    pair = epoch(fast, [2] + [10] * depth + [1], ["sigmoid"] * depth + ["sigmoid"], "bce",
                 settings, n=100)
    delta_norm = pair[1][1].delta_norm
    assert delta_norm[:, 0].mean() < 1e-3 * delta_norm[:, -1].mean()  # δ vanishes on the way


def test_wide_net(fast):
    settings = SGDSettings(learning_rate=0.02, l2=1e-4, clip_mode="layer_norm",
                           clip_threshold=0.5)
    epoch(fast, [6, 300, 256, 4], ["relu", "tanh", "softmax"], "cross_entropy", settings, n=60)


def test_chunks_with_settings_changes(fast):
    sizes, activations = [3, 16, 16, 3], ["tanh", "relu", "softmax"]
    network = Network.create(sizes, activations, "cross_entropy", rng=3)
    X, T, order = data(sizes, activations, "cross_entropy", 150, seed=3)
    chunks = [
        (order[:40], SGDSettings(0.1, l2=1e-3), 0),
        (order[40:41], SGDSettings(0.3, clip_mode="global_norm", clip_threshold=0.2), 40),
        (order[41:100], SGDSettings(0.05, l1=1e-3, clip_mode="value", clip_threshold=0.01), 41),
        (order[100:], SGDSettings(0.2, l2=1e-2, clip_mode="layer_norm", clip_threshold=0.3), 100),
    ]
    assert_same(train_both(fast, network, X, T, chunks))


def test_run_fills_only_its_rows_and_leaves_given_arrays_alone(fast):
    network = Network.create([2, 5, 1], ["tanh", "sigmoid"], "bce", rng=1)
    X, T, order = data([2, 5, 1], ["tanh", "sigmoid"], "bce", 20)
    old_w = [w.copy() for w in network.weights]
    given = list(network.weights)
    out = MetricBatch.empty(50, network.depth)
    out.loss[...] = SENTINEL
    assert fast.run(network, X, T[:, 0], order, SGDSettings(), out, start=10) == 20
    assert np.all(out.loss[:10] == SENTINEL) and np.all(out.loss[30:] == SENTINEL)
    assert np.all(out.loss[10:30] != SENTINEL)
    for w, w0 in zip(given, old_w, strict=True):  # arrays handed out earlier never change
        np.testing.assert_array_equal(w, w0)
    with pytest.raises(ValueError):
        fast.run(network, X, T, order, SGDSettings(), out, start=40)  # past the end of out
    with pytest.raises(IndexError):
        fast.run(network, X, T, np.array([0, 20]), SGDSettings(), out)


@pytest.mark.parametrize(("learning_rate", "scale"), [(1e6, 1.0), (0.1, 1e200)])
def test_divergence_keeps_the_last_finite_weights(fast, learning_rate, scale):
    """lr = 1e6 blows the weights up after a few samples; weights of 1e200 give an infinite
    loss on the first sample. Either way: stop there, keep the weights from before it."""
    network = Network.create([2, 8, 1], ["linear", "linear"], "mse", scale=scale, rng=0)
    X, T, order = data([2, 8, 1], ["linear", "linear"], "mse", 60)
    with np.errstate(over="ignore"):  # the reference's metrics overflow on the way (‖δ‖²)
        pair = train_both(fast, network, X, T, [(order, SGDSettings(learning_rate), 0)])
    (net, out, (done,)), _ = pair
    assert done < len(order)
    assert (done == 0) == (scale > 1)
    assert net.parameters_finite()
    assert np.all(out.loss[done:] == SENTINEL)
    assert_same(pair)


def counted_during(call) -> tuple[float, int]:
    """(seconds call() took, how far a Python thread counted well inside that time)."""
    stop = threading.Event()
    progress: list[tuple[float, int]] = []

    def count() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            if n % 500 == 0:
                progress.append((time.perf_counter(), n))

    counter = threading.Thread(target=count)
    counter.start()
    try:
        begin = time.perf_counter()
        call()
        end = time.perf_counter()
    finally:
        stop.set()
        counter.join()
    # Counts made more than 50 ms (ten GIL switch intervals) after the call began and before
    # it ended: there are none at all if the call held the GIL throughout.
    inside = [n for t, n in progress if begin + 0.05 < t < end - 0.05]
    return end - begin, (inside[-1] - inside[0] if inside else 0)


def test_kernel_runs_without_the_gil(fast):
    """A Python thread keeps counting while one long chunk (≥ 0.3 s) trains."""
    sizes = [2] + [32] * 10 + [1]
    network = Network.create(sizes, ["sigmoid"] * 11, "bce", rng=0)
    X, T, order = data(sizes, ["sigmoid"] * 11, "bce", 2000)
    began = time.perf_counter()
    fast.run(network, X, T, order, SGDSettings(), MetricBatch.empty(len(order), network.depth))
    order = np.tile(order, max(1, int(0.5 / (time.perf_counter() - began))))  # about 0.5 s
    for _ in range(4):
        out = MetricBatch.empty(len(order), network.depth)
        seconds, counted = counted_during(
            lambda: fast.run(network, X, T, order, SGDSettings(), out)  # noqa: B023
        )
        if seconds >= 0.3:
            break
        order = np.tile(order, 2)  # the machine got faster: a longer chunk
    assert seconds >= 0.3
    assert counted >= 5000


def test_loaded_once_and_selected(fast):
    assert fast.name == "fast"
    assert load_fast_backend() is fast
    backend, reason = select_backend("fast")
    assert backend is fast and reason is None
