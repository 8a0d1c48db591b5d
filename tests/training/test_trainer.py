"""The run loop: determinism, shuffling, early stopping, live settings, stepping, history."""

import numpy as np
import pytest

from fnnsim.config import ExperimentConfig, LayerConfig
from fnnsim.engine import SGDSettings, sgd_step
from fnnsim.errors import DivergenceError
from fnnsim.training.backend import ReferenceBackend
from fnnsim.training.experiment import build_data, build_network, build_trainer


def small_config(**training) -> ExperimentConfig:
    c = ExperimentConfig()
    c.network.hidden = [LayerConfig(6, "tanh")]
    c.data.source, c.data.n_samples, c.data.noise = "moons", 80, 0.1
    c.training.engine = "reference"
    for k, v in training.items():
        setattr(c.training, k, v)
    return c.validate()


def trainer_for(config):
    trainer, _ = build_trainer(config, backend=ReferenceBackend())
    return trainer


def test_same_config_and_seed_give_bit_identical_weights():
    a, b = trainer_for(small_config()), trainer_for(small_config())
    a.run(3)
    b.run(3)
    for wa, wb in zip(a.network.weights + a.network.biases,
                      b.network.weights + b.network.biases, strict=True):
        assert np.array_equal(wa, wb)
    other = small_config()
    other.seed = 1
    c = trainer_for(other)
    c.run(3)
    assert not np.array_equal(a.network.weights[0], c.network.weights[0])


def test_one_epoch_is_algorithm_4_1_over_a_shuffled_order():
    config = small_config(learning_rate=0.2, l2=0.01, clip_mode="global_norm",
                          clip_threshold=0.5)
    trainer = trainer_for(config)
    data = build_data(config)
    net = build_network(config, data.train)
    trainer.train_epoch()
    order = trainer.order
    assert sorted(order.tolist()) == list(range(data.train.n_samples))
    assert order.tolist() != list(range(data.train.n_samples))  # shuffled
    settings = SGDSettings(0.2, 0.01, 0.0, "global_norm", 0.5)
    for n in order:  # straight from the note, with the same order
        sgd_step(net, trainer.X[n], trainer.T[n], settings)
    for w, v in zip(net.weights, trainer.network.weights, strict=True):
        assert np.array_equal(w, v)


def test_shuffle_false_keeps_file_order():
    trainer = trainer_for(small_config(shuffle=False))
    trainer.train_epoch()
    assert trainer.order.tolist() == list(range(trainer.train_set.n_samples))


def test_chunks_cross_epoch_boundaries_and_record_epochs():
    trainer = trainer_for(small_config(epochs=3))
    n = trainer.train_set.n_samples
    batch = trainer.train_samples(n + 5)
    assert len(batch) == n + 5 and trainer.epoch == 1 and trainer.position == 5
    assert len(trainer.epochs) == 1
    record = trainer.epochs.records[0]
    assert record.samples == n and 0 <= record.train_accuracy <= 1
    assert record.means[0] == pytest.approx(float(np.mean(batch.loss[:n])))
    trainer.run(10)  # stops at max_epochs = 3
    assert trainer.epoch == 3 and trainer.finished and trainer.samples_seen == 3 * n


def test_settings_changed_between_samples_take_effect_at_the_next_sample():
    trainer = trainer_for(small_config())
    trainer.train_samples(7)
    trainer.settings = SGDSettings(learning_rate=0.05, clip_mode="value", clip_threshold=0.01)
    _, x, t = trainer.next_sample()
    expected = trainer.network.copy()
    sgd_step(expected, x, t, trainer.settings)
    trainer.train_samples(1)
    assert np.array_equal(expected.weights[0], trainer.network.weights[0])


def test_peeking_at_the_next_sample_does_not_reshuffle():
    trainer = trainer_for(small_config())
    n, x, t = trainer.next_sample()
    order = trainer.order.copy()
    assert trainer.next_sample()[0] == n
    expected = trainer.network.copy()
    sgd_step(expected, x, t, trainer.settings)
    trainer.train_samples(1)
    assert np.array_equal(trainer.order, order)
    assert np.array_equal(expected.weights[0], trainer.network.weights[0])


def test_should_stop_is_checked_between_chunks():
    trainer = trainer_for(small_config())
    calls = []
    trainer.run(5, chunk=10, should_stop=lambda: len(calls) >= 3 or calls.append(1))
    assert trainer.samples_seen == 30


def test_stepping_a_trace_then_training_equals_training_straight():
    a, b = trainer_for(small_config()), trainer_for(small_config())
    a.train_samples(3)
    for _ in range(3):
        b.apply_traced(b.trace_next())
    a.train_samples(60)
    b.train_samples(60)
    assert np.array_equal(a.network.weights[0], b.network.weights[0])
    assert a.samples_seen == b.samples_seen == 63


def test_early_stopping_restores_the_best_weights():
    config = small_config(learning_rate=2.0, early_stopping=True, patience=2, epochs=200)
    config.data.noise = 0.4
    trainer = trainer_for(config)
    best = {}

    def remember(record):
        if trainer.best_epoch == record.epoch:
            best["w"] = [w.copy() for w in trainer.network.weights]

    trainer.on_epoch = remember
    trainer.run(200)
    assert trainer.stopped_early and trainer.epoch < 200
    assert trainer.epoch == trainer.best_epoch + 2  # patience epochs without improvement
    for w, v in zip(best["w"], trainer.network.weights, strict=True):
        assert np.array_equal(w, v)
    val_errors = 1 - trainer.epochs.column("val_accuracy")
    assert val_errors[trainer.best_epoch - 1] == val_errors.min()


def test_divergence_stops_with_a_clear_error_and_keeps_finite_weights():
    trainer = trainer_for(small_config(learning_rate=1e6))
    trainer.network.activations = ["linear", "sigmoid"]
    with pytest.raises(DivergenceError, match="diverged at epoch 1") as raised:
        trainer.run(50)
    assert (raised.value.epoch, raised.value.sample) == (1, trainer.position + 1)
    assert trainer.network.parameters_finite()
    assert trainer.samples_seen == len(trainer.samples.recent()[0])


def test_history_memory_is_bounded_and_buckets_summarise_every_sample():
    trainer = trainer_for(small_config(epochs=1000))
    trainer.samples = type(trainer.samples)(trainer.network.depth, recent=100, buckets=16)
    batch = trainer.train_samples(1000)
    history = trainer.samples
    idx, rows = history.recent()
    assert idx.tolist() == list(range(900, 1000))
    assert np.array_equal(rows[:, 0], batch.loss[900:])
    view = history.buckets()
    assert len(view.start) <= 17 and view.count.sum() == 1000
    assert view.start[0] == 0 and np.all(np.diff(view.start) == view.count[:-1])
    i = 3
    span = batch.loss[view.start[i]:view.start[i] + view.count[i]]
    assert view.min[i, 0] == span.min() and view.max[i, 0] == span.max()
    assert view.mean[i, 0] == pytest.approx(span.mean())


def test_history_keeps_the_newest_samples_when_one_batch_overflows_the_ring():
    trainer = trainer_for(small_config(epochs=1000))
    batch = trainer.train_samples(250)
    history = type(trainer.samples)(trainer.network.depth, recent=100, buckets=16)
    history.append(batch.head(30))
    history.append(batch)  # 250 rows > a ring of 100, in one append
    idx, rows = history.recent()
    assert idx.tolist() == list(range(180, 280))
    assert np.array_equal(rows[:, 0], batch.loss[150:250])


def test_how_training_is_chunked_changes_nothing_but_summation_order():
    config = small_config(epochs=1000)
    whole, pieces = trainer_for(config), trainer_for(config)
    n = whole.train_set.n_samples
    whole.train_samples(3 * n + 7)  # many epochs in one call
    for size in (1, 5, n - 6, 2 * n, 7):  # the same samples in calls of every kind
        pieces.train_samples(size)
    for a, b in zip(whole.network.weights + whole.network.biases,
                    pieces.network.weights + pieces.network.biases, strict=True):
        assert np.array_equal(a, b)
    table_a, table_b = whole.epochs.table(), pieces.epochs.table()
    assert np.array_equal(table_a[:, :7], table_b[:, :7])  # epoch, samples, losses, …
    np.testing.assert_allclose(table_a[:, 7:], table_b[:, 7:], rtol=1e-12)  # epoch means
    assert whole.samples_seen == pieces.samples_seen == 3 * n + 7
    assert np.array_equal(whole.samples.recent()[1], pieces.samples.recent()[1])
    va, vb = whole.samples.buckets(), pieces.samples.buckets()
    assert np.array_equal(va.min, vb.min) and np.array_equal(va.max, vb.max)


def test_epoch_records_count_the_samples_of_their_own_call():
    trainer = trainer_for(small_config(epochs=1000))
    n = trainer.train_set.n_samples
    seen = []
    trainer.on_epoch = lambda record: seen.append((record.samples, trainer.samples_seen))
    batch = trainer.train_samples(4 * n)
    assert seen == [(e * n, e * n) for e in range(1, 5)]
    idx, rows = trainer.samples.recent()
    assert idx[-1] == 4 * n - 1 and np.array_equal(rows[-4 * n:, 0], batch.loss)
    again = trainer.train_samples(n)
    assert not np.shares_memory(batch.loss, again.loss)  # each call's batch is its own
