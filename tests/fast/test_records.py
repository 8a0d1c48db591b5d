"""The compiled bookkeeping (fast/records.py) gives NumPy's numbers bit for bit."""

import numpy as np
import pytest

pytest.importorskip("numba")

from fnnsim.config import ExperimentConfig
from fnnsim.engine.metrics import MetricBatch
from fnnsim.fast import load_fast_backend, records
from fnnsim.training import history
from fnnsim.training.experiment import build_trainer
from fnnsim.training.history import SampleHistory
from fnnsim.training.trainer import unfilled_batch


def awkward(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Values over 16 orders of magnitude, with NaN, ±∞ and −0.0 sprinkled in."""
    values = rng.normal(size=shape) * 10.0 ** rng.integers(-8, 8, size=shape)
    specials = np.array([np.nan, np.inf, -np.inf, -0.0, 0.0])
    mask = rng.random(shape) < 0.02
    values[mask] = rng.choice(specials, size=int(mask.sum()))
    return values


def random_batch(rng: np.random.Generator, n: int, depth: int) -> MetricBatch:
    batch = unfilled_batch(n, depth)
    for array in vars(batch).values():
        array[...] = awkward(rng, array.shape)
    return batch


@pytest.mark.parametrize("depth", [1, 3, 11])
def test_flatten_is_numpys_bit_for_bit(depth):
    rng = np.random.default_rng(depth)
    batch = random_batch(rng, 257, depth)
    expected = history.flatten(batch)
    got = records.flatten(batch)
    assert got.shape == expected.shape
    assert np.array_equal(got, expected, equal_nan=True)
    assert np.array_equal(np.signbit(got), np.signbit(expected))
    # arrays of another layout or type are copied, not refused
    strided = MetricBatch(**{k: v[::2] for k, v in vars(batch).items()})
    assert np.array_equal(records.flatten(strided), history.flatten(strided), equal_nan=True)


@pytest.mark.parametrize("width", [1, 2, 3, 8, 64, 1000])
def test_bucket_stats_are_numpys_bit_for_bit(width):
    rng = np.random.default_rng(width)
    rows = awkward(rng, (3001, 22))
    whole = len(rows) // width
    got, expected = (np.full((3, whole + 1, 22), 7.0) for _ in range(2))
    records.bucket_stats(rows, width, whole, *got)
    with np.errstate(invalid="ignore"):  # ∞ − ∞ in a sum
        history.bucket_stats(rows, width, whole, *expected)
    # equal values (the sign of a zero or a NaN from min, max or ∞ − ∞ may differ)
    assert np.array_equal(got, expected, equal_nan=True)
    assert (got[:, whole] == 7.0).all()  # nothing written past the buckets asked for


def test_bucket_stats_write_back_into_outputs_they_had_to_copy():
    rows = np.arange(24.0).reshape(8, 3)
    outputs = [np.zeros((3, 2)).T for _ in range(3)]  # (2, 3) views, not C-contiguous
    records.bucket_stats(rows, 4, 2, *outputs)
    mins, maxs, sums = outputs
    assert mins.tolist() == [[0, 1, 2], [12, 13, 14]]
    assert maxs.tolist() == [[9, 10, 11], [21, 22, 23]]
    assert sums.tolist() == [[18, 22, 26], [66, 70, 74]]
    with pytest.raises(ValueError, match="3 buckets of 4 rows"):
        records.bucket_stats(rows, 4, 3, *outputs)


def test_histories_agree_whatever_the_chunks():
    """A history with the compiled stats, fed in ragged chunks across bucket merges, holds
    what NumPy's holds fed all at once."""
    rng = np.random.default_rng(5)
    rows = awkward(rng, (5000, 10))
    compiled = SampleHistory(1, recent=700, buckets=16, stats=records.bucket_stats)
    numpy_once = SampleHistory(1, recent=700, buckets=16)
    at = 0
    with np.errstate(invalid="ignore"):  # ∞ − ∞ in a sum
        numpy_once.append_rows(rows)
        while at < len(rows):
            size = int(rng.integers(1, 400))
            compiled.append_rows(rows[at:at + size])
            at += size
    a, b = compiled.state(), numpy_once.state()
    assert a.width == b.width > 256 and a.total == b.total == 5000
    for name in ("ring", "min", "max", "sum", "start", "partial"):
        assert np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True), name


def test_a_fast_trainer_keeps_its_books_with_the_compiled_functions():
    """The trainer takes them from its backend by name: a rename must not quietly bring
    back the NumPy versions (a sixth of the training time)."""
    config = ExperimentConfig()
    trainer, _ = build_trainer(config, backend=load_fast_backend())
    assert trainer._flatten is records.flatten
    assert trainer.samples._stats is records.bucket_stats
    config.training.engine = "reference"
    reference, _ = build_trainer(config)
    assert reference.backend.name == "reference"
    assert reference._flatten is history.flatten
    assert reference.samples._stats is history.bucket_stats
