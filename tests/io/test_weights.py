"""Weights files: exact round trips in every format, and one clear error per bad file."""

import json

import numpy as np
import pytest

from fnnsim.engine import Network
from fnnsim.errors import WeightsError
from fnnsim.io.weights import load_weights, save_weights


def network(seed=0, sizes=(2, 5, 3, 1)):
    acts = ["tanh"] * (len(sizes) - 2) + ["sigmoid"]
    net = Network.create(list(sizes), acts, "bce", "xavier_normal", 1.0, seed)
    for b in net.biases:
        b[:] = np.random.default_rng(seed).normal(size=b.shape)
    return net


@pytest.mark.parametrize("suffix", [".npz", ".json", ".csv"])
def test_round_trip_is_bit_exact(tmp_path, suffix):
    source, target = network(0), network(1)
    path = tmp_path / f"w{suffix}"
    save_weights(path, source)
    load_weights(path, target)
    for a, b in zip(source.weights + source.biases, target.weights + target.biases, strict=True):
        assert np.array_equal(a, b)


def test_npz_loads_without_pickle_and_names_its_architecture(tmp_path):
    save_weights(tmp_path / "w.npz", network())
    with np.load(tmp_path / "w.npz", allow_pickle=False) as npz:
        assert npz["W2"].shape == (3, 5)
        assert json.loads(str(npz["architecture"]))["activations"] == ["tanh", "tanh", "sigmoid"]


def test_csv_is_a_long_table_with_one_based_indices(tmp_path):
    net = network()
    save_weights(tmp_path / "w.csv", net)
    lines = (tmp_path / "w.csv").read_text().splitlines()
    assert lines[0] == "layer,param,row,column,value"
    layer, param, row, column, value = lines[1].split(",")
    assert (layer, param, row, column) == ("1", "W", "1", "1")
    assert float(value) == net.weights[0][0, 0]
    assert len(lines) == 1 + net.n_parameters


@pytest.mark.parametrize(("suffix", "content", "message"), [
    (".json", "{", "w.json: not valid JSON"),
    (".json", '{"format": "other"}', "not an fnnsim weights file"),
    (".json", '{"format": "fnnsim-weights", "version": 7, "layers": []}', "version 7"),
    (".json", '{"format": "fnnsim-weights", "version": 1, "layers": []}',
     "the file has 0 layers with weights, the network 3"),
    (".csv", "a,b\n", "line 1: the header must be layer,param,row,column,value"),
    (".csv", "layer,param,row,column,value\n1,W,1,1,0.5\n", "W1 entry (1, 2) is missing"),
    (".csv", "layer,param,row,column,value\n1,W,9,1,0.5\n", "line 2: W1 has shape (5, 2)"),
    (".csv", "layer,param,row,column,value\n1,W,1,1,x\n", "line 2: could not convert"),
    (".csv", "layer,param,row,column,value\n1,W,1,1,nan\n", "line 2: value must be a finite"),
    (".csv", "layer,param,row,column,value\n1,W,1,1,1\n1,W,1,1,2\n", "line 3: W1 row 1"),
    (".csv", "layer,param,row,column,value\n4,W,1,1,1\n", "no parameter W4"),
    (".npz", "not a zip", "not a readable .npz weights file"),
    (".txt", "", "weights files are .npz, .json, .csv"),
])
def test_bad_files_give_one_clear_error_and_change_nothing(tmp_path, suffix, content, message):
    path = tmp_path / f"w{suffix}"
    path.write_text(content)
    net = network()
    before = [w.copy() for w in net.weights]
    with pytest.raises(WeightsError) as info:
        load_weights(path, net)
    assert message in str(info.value) and "\n" not in str(info.value)
    for a, b in zip(before, net.weights, strict=True):
        assert np.array_equal(a, b)


def test_a_json_matrix_of_the_wrong_shape_names_the_layer(tmp_path):
    save_weights(tmp_path / "w.json", network(sizes=(2, 4, 3, 1)))
    with pytest.raises(WeightsError, match=r"w\.json: W1 must have shape \(5, 2\), got \(4, 2\)"):
        load_weights(tmp_path / "w.json", network())


def test_writes_are_atomic(tmp_path, monkeypatch):
    path = tmp_path / "w.json"
    path.write_text("old")
    net = network()
    monkeypatch.setattr(json, "dump", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        save_weights(path, net)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["w.json"]
