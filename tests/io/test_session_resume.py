"""Save at sample k, reopen, train n more == train k + n straight: bit for bit.

Weights, biases, the epoch history, the sample history (recent rows and buckets) and the
run position are compared with np.array_equal, never a tolerance. The reference engine's
"straight" run is one uninterrupted call; the fast engine's is the same calls (k, then n)
without the save and reopen, because its fused forward pass makes the last bits depend on
where a chunk starts (test_fast_chunk_boundaries_only_move_the_last_bits).
"""

from __future__ import annotations

import numpy as np
import pytest

from fnnsim.config import ExperimentConfig, LayerConfig
from fnnsim.engine.sgd import SGDSettings
from fnnsim.io.session import read_session, write_session
from fnnsim.training.backend import ReferenceBackend
from fnnsim.training.experiment import build_data, build_network, build_trainer
from fnnsim.training.snapshot import SessionState

EPOCH = 64  # training samples per epoch of the config below
LIVE = SGDSettings(0.08, 1e-3, 0.0, "global_norm", 2.0)  # set mid-run, unlike the config


def config() -> ExperimentConfig:
    c = ExperimentConfig(seed=5)
    c.network.hidden = [LayerConfig(6, "tanh"), LayerConfig(5, "relu")]
    c.data.source, c.data.n_samples, c.data.noise = "moons", 80, 0.3
    c.training.early_stopping, c.training.patience = True, 8
    c.training.learning_rate = 0.1
    return c.validate()


@pytest.fixture(scope="module", params=["reference", "fast"])
def backend(request):
    if request.param == "reference":
        return ReferenceBackend()
    pytest.importorskip("numba", reason="the fast path needs numba")
    from fnnsim.fast import load_fast_backend

    return load_fast_backend()


def fresh(c, data, backend):
    """A trainer at sample 0, its initial weights, with the live settings changed at 30."""
    network = build_network(c, data.train)
    trainer, _ = build_trainer(c, data, network.copy(), backend)
    return trainer, network


def train(trainer, counts):
    """Train the given numbers of samples in turn; the live settings change at sample 30."""
    for n in counts:
        before = 30 - trainer.samples_seen
        if 0 < before < n:
            trainer.train_samples(before)
            trainer.settings = LIVE
            n -= before
        trainer.train_samples(n)


def assert_same_run(a, b):
    for x, y in zip(a.network.weights + a.network.biases,
                    b.network.weights + b.network.biases, strict=True):
        assert np.array_equal(x, y)
    assert (a.epoch, a.position, a.samples_seen, a.stopped_early, a.best, a.best_epoch,
            a._wait) == (b.epoch, b.position, b.samples_seen, b.stopped_early, b.best,
                         b.best_epoch, b._wait)
    assert a.settings == b.settings and np.array_equal(a.order, b.order)
    assert a.rng.bit_generator.state == b.rng.bit_generator.state
    assert np.array_equal(a.epochs.table(), b.epochs.table(), equal_nan=True)
    for x, y in zip(a.samples.recent(), b.samples.recent(), strict=True):
        assert np.array_equal(x, y)
    ba, bb = a.samples.buckets(), b.samples.buckets()
    for name in ("start", "count", "min", "mean", "max"):
        assert np.array_equal(getattr(ba, name), getattr(bb, name))


CASES = {
    "mid-epoch": (100, 600),
    "epoch boundary": (2 * EPOCH, 600),
    "early stopping pending": (5 * EPOCH + 20, 400),  # best epoch 1, then stops at 9
}


@pytest.mark.parametrize("case", CASES)
def test_reopened_session_trains_on_exactly_as_straight(case, backend, tmp_path):
    k, n = CASES[case]
    c = config()
    data = build_data(c)
    straight, _ = fresh(c, data, backend)
    train(straight, [k, n] if backend.name == "fast" else [k + n])
    saved, initial = fresh(c, data, backend)
    train(saved, [k])
    if case == "epoch boundary":
        assert saved.position == 0 and not saved._order_drawn
    if case == "early stopping pending":
        assert saved.best_parameters is not None and saved._wait > 0
        assert not saved.stopped_early and straight.stopped_early
    path = tmp_path / "run.fnnsession"
    write_session(path, SessionState.capture(c, data, initial, saved))
    session = read_session(path)
    assert session.config.training.learning_rate == LIVE.learning_rate  # live, not config
    for x, y in zip(session.initial.weights, initial.weights, strict=True):
        assert np.array_equal(x, y)
    resumed = session.build_trainer(backend)
    assert_same_run(resumed, saved)  # reopened: exactly where it stood
    resumed.train_samples(n)
    assert_same_run(resumed, straight)


def test_capture_in_memory_equals_the_file(backend, tmp_path):
    c = config()
    data = build_data(c)
    trainer, initial = fresh(c, data, backend)
    train(trainer, [150])
    state = SessionState.capture(c, data, initial, trainer)
    write_session(tmp_path / "a.fnnsession", state)
    a, b = state.build_trainer(backend), read_session(tmp_path / "a.fnnsession").build_trainer(
        backend)
    a.train_samples(300)
    b.train_samples(300)
    assert_same_run(a, b)


def test_a_finished_run_reopens_finished(tmp_path):
    c = config()
    data = build_data(c)
    trainer, initial = fresh(c, data, ReferenceBackend())
    trainer.run(100)
    assert trainer.stopped_early
    write_session(tmp_path / "s.fnnsession", SessionState.capture(c, data, initial, trainer))
    resumed = read_session(tmp_path / "s.fnnsession").build_trainer()
    assert resumed.finished and len(resumed.train_samples(10)) == 0
    assert_same_run(resumed, trainer)


def test_a_long_history_with_merged_buckets_round_trips(tmp_path):
    """Small ring and bucket sizes, so the run wraps the ring and merges buckets."""
    c = config()
    c.training.early_stopping = False
    data = build_data(c)
    network = build_network(c, data.train)
    trainer, _ = build_trainer(c, data, network.copy(), ReferenceBackend())
    from fnnsim.training.history import SampleHistory

    trainer.samples = SampleHistory(network.depth, recent=50, buckets=8)
    trainer.train_samples(1001)
    state = trainer.samples.state()
    assert state.width > 1 and len(state.partial) and state.total > state.recent
    write_session(tmp_path / "s.fnnsession", SessionState.capture(c, data, network, trainer))
    resumed = read_session(tmp_path / "s.fnnsession").build_trainer()
    assert_same_run(resumed, trainer)
    resumed.train_samples(333)
    trainer.train_samples(333)
    assert_same_run(resumed, trainer)


def test_fast_chunk_boundaries_only_move_the_last_bits():
    """Why the fast engine's straight run above is cut where the session is: a chunk
    boundary changes its last bits (never more than ~1e-15 here), not its arithmetic."""
    pytest.importorskip("numba", reason="the fast path needs numba")
    from fnnsim.fast import load_fast_backend

    c = config()
    data = build_data(c)
    one, _ = fresh(c, data, load_fast_backend())
    two, _ = fresh(c, data, load_fast_backend())
    train(one, [700])
    train(two, [100, 600])
    for x, y in zip(one.network.weights, two.network.weights, strict=True):
        assert np.allclose(x, y, rtol=0, atol=1e-12)
