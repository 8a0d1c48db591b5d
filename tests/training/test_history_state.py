"""The metric histories' state (for sessions), the epoch table, and the replay for plots."""

import numpy as np
import pytest

from fnnsim.config import ExperimentConfig, LayerConfig
from fnnsim.training.backend import ReferenceBackend
from fnnsim.training.experiment import build_trainer
from fnnsim.training.history import EpochHistory, EpochRecord, SampleHistory, metric_columns

DEPTH = 2
K = len(metric_columns(DEPTH))


def rows(n, seed=0):
    return np.random.default_rng(seed).normal(size=(n, K))


def test_epoch_history_grows_and_reads_as_records_and_columns():
    history = EpochHistory(DEPTH, capacity=2)
    for e in range(1, 6):
        history.append(EpochRecord(e, 10 * e, 1.0 / e, 0.5, float("nan"), float("nan"), 0.1,
                                   np.full(K, float(e))))
    assert len(history) == 5
    assert history.column("samples").tolist() == [10, 20, 30, 40, 50]
    record = history.records[2]
    assert (record.epoch, record.samples, record.train_loss) == (3, 30, 1 / 3)
    assert np.isnan(record.val_loss) and record.means.tolist() == [3.0] * K
    assert history.record(-1).epoch == 5
    assert history.table().shape == (5, len(history.columns()))
    copy = EpochHistory(DEPTH)
    copy.restore(history.table())
    assert np.array_equal(copy.table(), history.table(), equal_nan=True)
    with pytest.raises(ValueError, match="expected"):
        copy.restore(np.zeros((2, 3)))


@pytest.mark.parametrize("total", [0, 7, 50, 333, 1001])
def test_sample_history_state_restores_exactly_and_goes_on_alike(total):
    a = SampleHistory(DEPTH, recent=50, buckets=8)
    a.append_rows(rows(total))
    b = SampleHistory(DEPTH)  # other sizes: the state's win
    b.restore(a.state())
    more = rows(77, seed=1)
    a.append_rows(more)
    b.append_rows(more)
    for x, y in zip(a.recent(), b.recent(), strict=True):
        assert np.array_equal(x, y)
    va, vb = a.buckets(), b.buckets()
    for name in ("start", "count", "min", "mean", "max"):
        assert np.array_equal(getattr(va, name), getattr(vb, name))


def test_an_inconsistent_sample_state_is_refused():
    a = SampleHistory(DEPTH, recent=50, buckets=8)
    a.append_rows(rows(100))
    state = a.state()
    state.total = 99
    with pytest.raises(ValueError, match="do not make 99 samples"):
        SampleHistory(DEPTH).restore(state)
    state = a.state()
    state.width = 3
    with pytest.raises(ValueError, match="power of two"):
        SampleHistory(DEPTH).restore(state)


@pytest.mark.parametrize("total", [0, 30, 50, 333, 1001])
def test_replay_gives_exact_recent_samples_and_bucket_means_before(total):
    history = SampleHistory(DEPTH, recent=50, buckets=8)
    data = rows(total)
    history.append_rows(data)
    pieces = list(history.replay(limit=10**9, chunk=64))
    assert all(len(r) <= 64 for _, r in pieces)
    firsts = [f for f, _ in pieces]
    replayed = np.concatenate([r for _, r in pieces]) if pieces else np.empty((0, K))
    assert len(replayed) == total and firsts == sorted(firsts) and (not firsts or firsts[0] == 0)
    held = min(total, 50)
    assert np.array_equal(replayed[total - held:], data[total - held:])
    view = history.buckets()
    for start, count, mean in zip(view.start, view.count, view.mean, strict=True):
        if start + count <= total - held:  # before the exact part: the mean on each sample
            assert np.allclose(replayed[start:start + count], mean, rtol=1e-12, atol=0)
    # a history fed the replay holds the same bucket means (what the plots draw), also
    # for the bucket the exact part starts in
    again = SampleHistory(DEPTH, recent=50, buckets=8)
    again.append_rows(replayed)
    assert np.allclose(again.buckets().mean, view.mean, rtol=1e-12, atol=1e-15)


def test_replay_limit_keeps_the_end():
    history = SampleHistory(DEPTH, recent=50, buckets=8)
    history.append_rows(rows(1001))
    pieces = list(history.replay(limit=120, chunk=1000))
    assert pieces[0][0] == 1001 - 120 and sum(len(r) for _, r in pieces) == 120


@pytest.mark.parametrize("total", [0, 30, 50, 333, 1001])
def test_summary_and_the_replay_after_it_make_the_whole_run(total):
    history = SampleHistory(DEPTH, recent=50, buckets=8)
    data = rows(total)
    history.append_rows(data)
    width, sums = history.summary()
    done = len(sums) * width
    assert done <= max(0, total - 50)  # all before the samples held one by one
    np.testing.assert_allclose(sums, data[:done].reshape(len(sums), width, K).sum(axis=1),
                               rtol=1e-12)
    pieces = list(history.replay(total - done, chunk=64))
    assert (pieces[0][0] if pieces else done) == done
    assert sum(len(r) for _, r in pieces) == total - done <= width + 50
    if total:
        assert np.array_equal(pieces[-1][1][-1], data[-1])


def test_epoch_means_do_not_depend_on_how_an_epoch_is_cut_into_calls():
    c = ExperimentConfig()
    c.network.hidden = [LayerConfig(5, "tanh")]
    c.data.source, c.data.n_samples = "circles", 100
    c.validate()
    one, _ = build_trainer(c, backend=ReferenceBackend())
    many, _ = build_trainer(c, backend=ReferenceBackend())
    one.train_samples(3 * 80)
    for n in (1, 2, 37, 40, 3, 77, 80):
        many.train_samples(n)
    assert np.array_equal(one.epochs.table(), many.epochs.table(), equal_nan=True)
