"""A run early stopping ended: what the network holds, and going on after it.

The stop restores the best epoch's weights, so the losses that describe the network are
that epoch's, not the last one's; turning early stopping off (or a patience above the
epochs since the best) lets the run go on from those weights, deterministically."""

import numpy as np
import pytest

from fnnsim.config import ExperimentConfig, LayerConfig
from fnnsim.io.session import read_session, write_session
from fnnsim.training.backend import ReferenceBackend
from fnnsim.training.experiment import build_data, build_network, build_trainer
from fnnsim.training.snapshot import SessionState


def config() -> ExperimentConfig:
    c = ExperimentConfig(seed=3)
    c.network.hidden = [LayerConfig(6, "tanh")]
    c.data.source, c.data.n_samples, c.data.noise = "moons", 80, 0.4
    c.training.learning_rate, c.training.epochs = 2.0, 500
    c.training.early_stopping, c.training.patience = True, 3
    return c.validate()


@pytest.fixture(params=["reference", "fast"])
def backend(request):
    if request.param == "reference":
        return ReferenceBackend()
    pytest.importorskip("numba", reason="the fast path needs numba")
    from fnnsim.fast import load_fast_backend

    return load_fast_backend()


def stopped(backend):
    """(config, data, initial network, trainer) of a run early stopping ended."""
    c = config()
    data = build_data(c)
    initial = build_network(c, data.train)
    trainer, _ = build_trainer(c, data, initial.copy(), backend)
    trainer.run(500)
    assert trainer.stopped_early and trainer.finished and trainer.epoch < 500
    assert trainer.epoch == trainer.best_epoch + 3
    return c, data, initial, trainer


def parameters(trainer):
    return trainer.network.weights + trainer.network.biases


def holds_best(trainer):
    best = trainer.best_parameters
    return all(np.array_equal(a, b)
               for a, b in zip(best[0] + best[1], parameters(trainer), strict=True))


def test_after_the_stop_the_best_epochs_losses_are_the_networks(backend):
    *_, t = stopped(backend)
    record = t.restored_best()
    assert record is not None and record.epoch == t.best_epoch
    last = t.epochs.record(-1)
    assert (record.train_loss, record.val_loss) != (last.train_loss, last.val_loss)
    assert record.train_loss == pytest.approx(t.evaluate_train().loss, rel=1e-12)
    assert record.val_loss == pytest.approx(t.evaluate_val().loss, rel=1e-12)


def test_a_run_that_did_not_stop_has_no_restored_epoch(backend):
    c = config()
    c.training.early_stopping = False
    t, _ = build_trainer(c, backend=backend)
    t.run(30)
    assert 0 < t.best_epoch < t.epoch  # a best epoch is kept, but not restored
    assert t.restored_best() is None


def test_turning_early_stopping_off_goes_on_from_the_best_weights(backend):
    *_, t = stopped(backend)
    stop = t.epoch
    t.set_patience(None)
    assert not t.finished and holds_best(t)  # nothing trained yet: still the best's
    assert t.restored_best() is not None
    t.run(4)
    assert t.epoch == stop + 4 and not t.finished
    assert t.restored_best() is None  # trained on: the last epoch describes it again


@pytest.mark.parametrize(("patience", "goes_on"), [(2, False), (3, False), (4, True), (9, True)])
def test_a_patience_above_the_epochs_since_the_best_goes_on(backend, patience, goes_on):
    *_, t = stopped(backend)  # stopped 3 epochs after its best
    stop, best = t.epoch, t.best_epoch
    t.set_patience(patience)
    assert t.finished is not goes_on
    if not goes_on:
        assert len(t.train_samples(10)) == 0 and holds_best(t)
        return
    t.run(100)
    if t.stopped_early and t.best_epoch == best:  # no better epoch: stops at best + patience
        assert t.epoch == best + patience
    assert t.epoch > stop


def test_going_on_after_a_stop_is_the_same_reopened_from_a_session(backend, tmp_path):
    c, data, initial, straight = stopped(backend)
    straight.set_patience(None)
    path = tmp_path / "s.fnnsession"
    write_session(path, SessionState.capture(c, data, initial, straight))
    resumed = read_session(path).build_trainer(backend)
    assert not resumed.finished and resumed.patience is None
    assert resumed.restored_best().epoch == straight.best_epoch
    for t in (straight, resumed):
        t.train_samples(300)
    for a, b in zip(parameters(straight), parameters(resumed), strict=True):
        assert np.array_equal(a, b)
    assert np.array_equal(straight.epochs.table(), resumed.epochs.table(), equal_nan=True)
