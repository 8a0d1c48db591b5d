"""Session files: what they hold, and one clear SessionError for every kind of bad file."""

from __future__ import annotations

import json
import os
import zipfile

import numpy as np
import pytest

from fnnsim.config import ExperimentConfig, LayerConfig
from fnnsim.errors import FnnsimError, SessionError
from fnnsim.io import session as session_io
from fnnsim.io.session import read_session, write_session
from fnnsim.io.weights import save_weights
from fnnsim.training.backend import ReferenceBackend
from fnnsim.training.experiment import build_data, build_network, build_trainer
from fnnsim.training.snapshot import SessionState


def config() -> ExperimentConfig:
    c = ExperimentConfig(seed=2)
    c.network.hidden = [LayerConfig(4, "tanh")]
    c.data.source, c.data.n_samples = "xor", 40
    c.training.early_stopping, c.training.patience = True, 50
    return c.validate()


@pytest.fixture(scope="module")
def state():
    c = config()
    data = build_data(c)
    network = build_network(c, data.train)
    trainer, _ = build_trainer(c, data, network.copy(), ReferenceBackend())
    trainer.train_samples(77)
    return SessionState.capture(c, data, network, trainer)


@pytest.fixture
def good(tmp_path, state):
    path = tmp_path / "good.fnnsession"
    write_session(path, state)
    return path


def entries(path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as npz:
        return {name: npz[name] for name in npz.files}


def document(arrays) -> dict:
    return json.loads(str(arrays["session"]))


def rewrite(path, out, change=None, doc_change=None, allow_pickle=False):
    """A copy of session `path` at `out` with its arrays and/or JSON document changed."""
    arrays = entries(path)
    if change:
        change(arrays)
    if doc_change:
        doc = document(arrays)
        doc_change(doc)
        arrays["session"] = np.array(json.dumps(doc))
    with open(out, "wb") as f:  # (a file object: np.savez adds .npz to a bare name)
        np.savez_compressed(f, allow_pickle=allow_pickle, **arrays)
    return out


def error(path) -> str:
    with pytest.raises(SessionError) as info:
        read_session(path)
    message = str(info.value)
    assert "\n" not in message
    return message


# ---- the format ----

def test_a_session_is_a_plain_npz_with_a_json_entry(good, state):
    arrays = entries(good)  # np.load with allow_pickle=False reads every entry
    doc = document(arrays)
    assert (doc["format"], doc["version"]) == ("fnnsim-session", 1)
    assert doc["trainer"]["epoch"] == 2 and doc["trainer"]["position"] == 77 - 64
    assert ExperimentConfig.from_dict(doc["config"]).to_json() == state.config.to_json()
    assert doc["rng"]["bit_generator"] == "PCG64"
    assert arrays["W1"].shape == (4, 2) and arrays["initial_W2"].shape == (1, 4)
    assert np.array_equal(arrays["train_X"], state.data.train.X)
    assert arrays["epochs"].shape[0] == 2 and arrays["samples_ring"].shape[0] == 77
    assert "best" in arrays and "best_W1" in arrays  # early stopping has a best epoch
    with zipfile.ZipFile(good) as zf:
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in zf.infolist())


def test_the_data_is_stored_so_a_changed_csv_does_not_matter(tmp_path):
    csv = tmp_path / "d.csv"
    rows = [f"{x},{y},{int(x * y > 0)}" for x in (-1.0, -0.5, 0.5, 1.0) for y in (-1.0, 1.0)]
    csv.write_text("a,b,label\n" + "\n".join(rows * 3) + "\n")
    c = config()
    c.training.early_stopping = False
    c.data.source, c.data.path = "csv", str(csv)
    c.validate()
    data = build_data(c)
    network = build_network(c, data.train)
    trainer, _ = build_trainer(c, data, network.copy(), ReferenceBackend())
    trainer.train_samples(5)
    write_session(tmp_path / "s.fnnsession", SessionState.capture(c, data, network, trainer))
    csv.unlink()
    session = read_session(tmp_path / "s.fnnsession")
    assert np.array_equal(session.data.train.X, data.train.X)
    assert session.data.train.feature_names == ("a", "b")


# ---- bad files: one SessionError each, naming the problem ----

def test_missing_file_and_folder(tmp_path):
    assert "no such file" in error(tmp_path / "nope.fnnsession")
    assert "folder" in error(tmp_path)


def test_empty_file(tmp_path):
    (tmp_path / "e.fnnsession").write_bytes(b"")
    assert "empty" in error(tmp_path / "e.fnnsession")


def test_not_a_zip(tmp_path):
    (tmp_path / "t.fnnsession").write_text('{"format": "fnnsim-session"}')
    assert "not an fnnsim session" in error(tmp_path / "t.fnnsession")


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.999])
def test_truncated_file(good, tmp_path, keep):
    data = good.read_bytes()
    cut = tmp_path / "cut.fnnsession"
    cut.write_bytes(data[:int(len(data) * keep)])
    assert "truncated" in error(cut)


def test_damaged_entry_data(good, tmp_path):
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("samples_ring.npy")
    data[info.header_offset + 30 + len(info.filename) + info.compress_size // 2] ^= 0xFF
    bad = tmp_path / "bad.fnnsession"
    bad.write_bytes(bytes(data))
    assert "damaged" in error(bad)


def test_a_weights_file_given_as_session(tmp_path, state):
    save_weights(tmp_path / "w.npz", state.network)
    assert "weights file, not a session" in error(tmp_path / "w.npz")


def test_a_missing_entry(good, tmp_path):
    bad = rewrite(good, tmp_path / "m.fnnsession", change=lambda a: a.pop("W1"))
    assert "missing entry 'W1'" in error(bad)
    bad = rewrite(good, tmp_path / "n.fnnsession", doc_change=lambda d: d.pop("trainer"))
    assert "missing 'trainer'" in error(bad)


def test_wrong_format_name(good, tmp_path):
    bad = rewrite(good, tmp_path / "f.fnnsession",
                  doc_change=lambda d: d.update(format="something-else"))
    assert "not an fnnsim session" in error(bad)


def test_newer_version_says_so(good, tmp_path):
    bad = rewrite(good, tmp_path / "v.fnnsession",
                  doc_change=lambda d: d.update(version=2, fnnsim_version="9.0"))
    message = error(bad)
    assert "newer fnnsim (9.0, session version 2)" in message and "update fnnsim" in message
    bad = rewrite(good, tmp_path / "w.fnnsession", doc_change=lambda d: d.update(version="1"))
    assert "unknown session version '1'" in error(bad)


def test_broken_json(good, tmp_path):
    def broken(a):
        a["session"] = np.array(str(a["session"])[:-7])

    assert "not valid JSON" in error(rewrite(good, tmp_path / "j.fnnsession", change=broken))

    def deep(a):
        a["session"] = np.array("[" * 100_000 + "]" * 100_000)

    assert "not valid JSON" in error(rewrite(good, tmp_path / "d.fnnsession", change=deep))


def test_json_of_the_wrong_types(good, tmp_path):
    bad = rewrite(good, tmp_path / "t.fnnsession",
                  doc_change=lambda d: d["trainer"].update(epoch="2"))
    assert "'trainer.epoch' must be int" in error(bad)
    bad = rewrite(good, tmp_path / "u.fnnsession",
                  doc_change=lambda d: d["trainer"].update(epoch=True))
    assert "'trainer.epoch' must be int" in error(bad)
    bad = rewrite(good, tmp_path / "c.fnnsession",
                  doc_change=lambda d: d["config"]["training"].update(learning_rate=-1))
    assert "config: training.learning_rate must be > 0" in error(bad)
    bad = rewrite(good, tmp_path / "s.fnnsession",
                  doc_change=lambda d: d["settings"].update(clip_mode="sometimes"))
    assert "settings: clip_mode must be one of" in error(bad)
    for rng in ({"bit_generator": "MT19937"}, {"bit_generator": "PCG64", "state": 5},
                {"bit_generator": "PCG64", "state": {"state": 2**200, "inc": 1},
                 "has_uint32": 0, "uinteger": 0}):
        bad = rewrite(good, tmp_path / "r.fnnsession", doc_change=lambda d, r=rng: d.update(
            rng=r))
        assert "rng: only NumPy's PCG64" in error(bad) or "bad random generator state" in (
            error(bad))


def test_shapes_inconsistent_with_the_config(good, tmp_path):
    def wider(d):
        d["config"]["network"]["hidden"][0]["units"] = 5

    assert "does not fit the config" in error(rewrite(good, tmp_path / "a.fnnsession",
                                                      doc_change=wider))

    def both_wider(d):
        wider(d)
        d["network"]["layer_sizes"][1] = 5

    assert "entry 'initial_W1' has shape (4, 2), expected (5, 2)" in error(
        rewrite(good, tmp_path / "b.fnnsession", doc_change=both_wider))
    bad = rewrite(good, tmp_path / "c.fnnsession",
                  change=lambda a: a.update(epoch_sums=np.zeros(3)))
    assert "entry 'epoch_sums' has shape (3,)" in error(bad)
    bad = rewrite(good, tmp_path / "d.fnnsession",
                  change=lambda a: a.update(order=a["order"][::-1][:-1]))
    assert "not a permutation" in error(bad)
    bad = rewrite(good, tmp_path / "e.fnnsession",
                  doc_change=lambda d: d["trainer"].update(position=5))
    assert "the history holds 77 samples" in error(bad)
    bad = rewrite(good, tmp_path / "f.fnnsession", change=lambda a: a.update(
        train_y=np.full_like(a["train_y"], 7)))
    assert "training data: labels must be in 0..1" in error(bad)


def test_wrong_dtypes(good, tmp_path):
    bad = rewrite(good, tmp_path / "a.fnnsession",
                  change=lambda a: a.update(W1=a["W1"].astype(np.float32)))
    assert "entry 'W1' holds float32, expected float64" in error(bad)
    bad = rewrite(good, tmp_path / "b.fnnsession",
                  change=lambda a: a.update(session=np.array([1.0])))
    assert "entry 'session' holds float64, expected text" in error(bad)


def test_python_objects_inside_are_refused(good, tmp_path):
    def objects(a):
        a["order"] = np.array([{"x": 1}, "y"], dtype=object)

    bad = rewrite(good, tmp_path / "p.fnnsession", change=objects, allow_pickle=True)
    assert "holds Python objects (pickle): refused" in error(bad)


@pytest.mark.parametrize("name", ["W1", "initial_b1", "train_X", "best_W1"])
def test_non_finite_values_where_forbidden(good, tmp_path, name):
    def poison(a):
        a[name] = a[name].copy()
        a[name].flat[0] = np.nan

    message = error(rewrite(good, tmp_path / "n.fnnsession", change=poison))
    assert "NaN" in message


def test_non_finite_metrics_are_kept(good, tmp_path):
    """An update ratio x/0 is honestly infinite: history values may be NaN or inf."""
    def inf_ratio(a):
        a["samples_ring"] = a["samples_ring"].copy()
        a["samples_ring"][3, -1] = np.inf

    session = read_session(rewrite(good, tmp_path / "i.fnnsession", change=inf_ratio))
    assert np.isinf(session.trainer.samples.ring[3, -1])


def test_absurd_sizes(good, tmp_path, monkeypatch):
    bad = rewrite(good, tmp_path / "a.fnnsession",
                  doc_change=lambda d: d["samples"].update(recent=10**12))
    assert "absurd history size" in error(bad)
    monkeypatch.setattr(session_io, "MAX_ENTRY_BYTES", 9000)  # the ring: 77 × 16 × 8 bytes
    assert "entry 'samples_ring': absurd size" in error(good)
    monkeypatch.setattr(session_io, "MAX_TOTAL_BYTES", 1000)
    assert "absurd size" in error(good)


def test_an_entry_header_that_lies_about_its_shape(good, tmp_path):
    """A header claiming 10¹² values is refused before anything is allocated."""
    bad = tmp_path / "h.fnnsession"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "order.npy":
                header = data[:data.index(b"\n") + 1]
                new = header.replace(b"(32,)", b"(1000000000000,)")
                assert new != header
                data = new[:len(header) - 1].ljust(len(header) - 1) + b"\n" + data[len(header):]
            dst.writestr(info, data)
    assert "entry 'order' is damaged: its size does not fit its shape (1000000000000,)" in (
        error(bad))


def test_random_damage_never_escapes_as_another_exception(good, tmp_path):
    """Flipped bytes anywhere: the file either still reads or gives one SessionError."""
    data = good.read_bytes()
    rng = np.random.default_rng(0)
    bad = tmp_path / "x.fnnsession"
    outcomes = set()
    for _ in range(150):
        damaged = bytearray(data)
        for at in rng.integers(0, len(data), size=3):
            damaged[at] ^= int(rng.integers(1, 256))
        bad.write_bytes(bytes(damaged))
        try:
            read_session(bad)
            outcomes.add("read")
        except SessionError:
            outcomes.add("error")
    assert "error" in outcomes


# ---- writing ----

def test_a_failing_write_leaves_the_existing_file_intact(good, state, monkeypatch):
    before = good.read_bytes()

    def fails_half_way(f, **arrays):
        f.write(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez_compressed", fails_half_way)
    with pytest.raises(OSError):
        write_session(good, state)
    assert good.read_bytes() == before
    assert os.listdir(good.parent) == [good.name]  # no temporary file left behind
    monkeypatch.undo()
    read_session(good)


def test_an_invalid_config_is_refused_before_writing(state, tmp_path):
    import dataclasses

    bad_config = ExperimentConfig.from_dict(state.config.to_dict())
    bad_config.training.learning_rate = 0.0
    with pytest.raises(FnnsimError, match="learning_rate"):
        write_session(tmp_path / "s.fnnsession", dataclasses.replace(state, config=bad_config))
    assert not list(tmp_path.iterdir())
