"""Training across epoch ends in one fast-path call (FastBackend.run_epochs) leaves a Trainer
exactly as the per-epoch loop does: the same weights, epoch history, counters, best epoch,
early stop and shuffling generator state — against the reference engine (floats to 1e-12)
and against the fast path forced through the per-epoch loop (bit for bit)."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest

pytest.importorskip("numba", reason="the fast path needs numba")

from fnnsim.config import ExperimentConfig, LayerConfig
from fnnsim.engine.sgd import SGDSettings
from fnnsim.errors import ConfigError, DivergenceError
from fnnsim.fast import load_fast_backend
from fnnsim.training.backend import ReferenceBackend
from fnnsim.training.experiment import build_data, build_network, build_trainer
from fnnsim.training.history import SampleState

TOL = 1e-12


def config_for(source="moons", n=60, val=0.25, **training) -> ExperimentConfig:
    c = ExperimentConfig()
    c.network.hidden = [LayerConfig(6, "tanh"), LayerConfig(5, "sigmoid")]
    c.data.source, c.data.n_samples, c.data.noise, c.data.val_fraction = source, n, 0.3, val
    c.training.engine = "reference"
    for k, v in training.items():
        setattr(c.training, k, v)
    return c.validate()


class CountingBackend:
    """The fast backend, counting its run_epochs calls (so a test knows they happened)."""

    name = "fast"

    def __init__(self) -> None:
        self.fast, self.calls = load_fast_backend(), 0
        self.run, self.evaluate = self.fast.run, self.fast.evaluate

    def run_epochs(self, *args, **kwargs):
        self.calls += 1
        return self.fast.run_epochs(*args, **kwargs)


def trainers(config):
    """(reference, fast with run_epochs, fast forced per-epoch) over one network and data."""
    data = build_data(config)
    network = build_network(config, data.train)
    made = []
    for backend, fuse in ((ReferenceBackend(), True), (CountingBackend(), True),
                          (CountingBackend(), False)):
        trainer, _ = build_trainer(config, data, network.copy(), backend)
        trainer.fuse_epochs = fuse
        made.append(trainer)
    return made


def drive(trainer, sizes) -> tuple[list, str | None]:
    """Call train_samples with each size until finished; (epoch records seen by on_epoch,
    the DivergenceError's message if one was raised)."""
    seen = []
    trainer.on_epoch = seen.append
    try:
        for size in sizes:
            if trainer.finished:
                break
            trainer.train_samples(size)
    except DivergenceError as exc:
        return seen, str(exc)
    return seen, None


def same(a, b, exact: bool, where: str = "") -> None:
    """a == b: arrays and floats to TOL relative (or bit for bit if exact), the rest ==."""
    if isinstance(a, SampleState) or hasattr(a, "__dataclass_fields__"):
        for f in fields(a):
            same(getattr(a, f.name), getattr(b, f.name), exact, f"{where}.{f.name}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, exact, f"{where}[{i}]")
    elif isinstance(a, (np.ndarray, float)) and np.asarray(a).dtype == np.float64:
        if exact:
            np.testing.assert_array_equal(a, b, err_msg=where)
        else:
            np.testing.assert_allclose(a, b, rtol=TOL, atol=TOL, err_msg=where)
    elif isinstance(a, np.ndarray):
        np.testing.assert_array_equal(a, b, err_msg=where)
    else:
        assert a == b, where


def check(config, sizes, *, stops=None, diverges=False):
    reference, fused, looped = trainers(config)
    results = [drive(t, sizes) for t in (reference, fused, looped)]
    for trainer, (seen, error) in zip((reference, fused, looped), results, strict=True):
        assert (error is not None) == diverges, error
        if stops is not None:
            assert trainer.stopped_early == stops
        assert [r.epoch for r in seen] == list(range(1, trainer.epoch + 1))
    assert results[0][1] == results[1][1] == results[2][1]  # the same divergence message
    assert fused.backend.calls > 0 and looped.backend.calls == 0
    for other, exact in ((fused, False), (fused, True)):
        base = reference if not exact else looped
        same(base.network.weights + base.network.biases,
             other.network.weights + other.network.biases, exact, "weights")
        same(base.epochs.table(), other.epochs.table(), exact, "epochs")
        state, other_state = base.state(), other.state()
        # counters, orders, generator state: always exact
        for name in ("epoch", "position", "order", "order_drawn", "rng", "stopped_early",
                     "best_epoch", "wait"):
            assert np.all(getattr(state, name) == getattr(other_state, name)), name
        same(state, other_state, exact, "state")
        assert base.samples_seen == other.samples_seen
    return reference


def test_many_epochs_per_call_with_shuffle_and_validation():
    config = config_for(epochs=1000)
    n = 45
    trainer = check(config, [7, 3 * n + 5, n - 12, 2 * n, 1, n, 5 * n, 4 * n + 3])
    assert trainer.epoch >= 12 and trainer.position > 0


def test_calls_ending_exactly_at_epoch_ends_and_max_epochs():
    config = config_for(epochs=9)
    n = 45
    trainer = check(config, [2 * n, n, 10, 3 * n - 10, 100 * n])
    assert trainer.epoch == 9 and trainer.finished and not trainer.stopped_early


def test_without_shuffle_or_validation_and_for_regression():
    # (few epochs: fast and reference drift apart by ~1e-13 per epoch on these nets)
    check(config_for(val=0.0, shuffle=False, epochs=8), [17, 200, 333, 1000])
    check(config_for(source="sine", epochs=8, early_stopping=True, patience=3),
          [17, 200, 333, 1000])


def test_early_stopping_that_triggers_inside_a_call():
    config = config_for(learning_rate=1.0, early_stopping=True, patience=2, epochs=500)
    trainer = check(config, [10, 2 * 45 + 3] * 100, stops=True)
    assert trainer.epoch == trainer.best_epoch + 2 and 2 < trainer.epoch < 500


def test_divergence_inside_a_call_keeps_the_weights_before_it():
    config = config_for(source="sine", learning_rate=1.0, epochs=500)
    config.network.hidden = [LayerConfig(8, "linear")]
    config.data.params = {}
    config = config.validate()
    reference, _, _ = trainers(config)
    # find the sample that diverges, then make it fall in the middle of a long call
    with pytest.raises(DivergenceError):
        reference.train_samples(10 ** 6)
    where = reference.samples_seen
    assert reference.epoch >= 2, "the test needs a divergence after a few epochs"
    check(config, [5, where + 100], diverges=True)


def test_a_refused_call_draws_no_order():
    config = config_for(epochs=50)
    _, fused, looped = trainers(config)
    for trainer in (fused, looped):
        trainer.train_samples(10)
        bad = SGDSettings(learning_rate=0.1)
        object.__setattr__(bad, "learning_rate", -1.0)  # past the constructor's check
        trainer.settings = bad
        with pytest.raises(ConfigError, match="learning_rate"):
            trainer.train_samples(500)
    assert fused.backend.calls == 1
    same(looped.state(), fused.state(), True, "state")
