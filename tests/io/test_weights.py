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
    (".csv", "layer,param,row,column,value\n1,W,0,1,0.5\n", "line 2: rows and columns count"),
    (".csv", "layer,param,row,column,value\n1,W,1,1,x\n", "line 2: could not convert"),
    (".csv", "layer,param,row,column,value\n1,W,1,1,nan\n", "line 2: value must be a finite"),
    (".csv", "layer,param,row,column,value\n1,W,1,1,1\n1,W,1,1,2\n", "line 3: W1 row 1"),
    (".csv", "layer,param,row,column,value\n0,W,1,1,1\n", "line 2: no parameter W0"),
    (".csv", "layer,param,row,column,value\n4,W,1,1,1\n",
     "the file has 4 layers with weights, the network 3"),
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


@pytest.mark.parametrize("suffix", [".npz", ".json", ".csv"])
def test_weights_of_another_shape_name_the_layer_and_both_shapes(tmp_path, suffix):
    save_weights(tmp_path / f"w{suffix}", network(sizes=(2, 5, 4, 1)))
    net = network()
    before = [w.copy() for w in net.weights]
    with pytest.raises(WeightsError) as info:
        load_weights(tmp_path / f"w{suffix}", net)
    assert str(info.value) == (
        f"w{suffix}: layer 2: the file has W2 of shape (4, 5), the network needs (3, 5)")
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights, strict=True))


def test_a_csv_with_a_hole_names_the_missing_entry(tmp_path):
    save_weights(tmp_path / "w.csv", network())
    lines = (tmp_path / "w.csv").read_text().splitlines()
    (tmp_path / "w.csv").write_text("\n".join(l for l in lines if not l.startswith("2,W,2,3,")))
    with pytest.raises(WeightsError, match=r"^w\.csv: W2 entry \(2, 3\) is missing$"):
        load_weights(tmp_path / "w.csv", network())


def test_a_csv_row_far_outside_is_a_shape_error_not_an_allocation(tmp_path):
    save_weights(tmp_path / "w.csv", network())
    with open(tmp_path / "w.csv", "a") as f:
        f.write("1,W,999999999999,1,0.5\n")
    with pytest.raises(WeightsError, match=r"the file has W1 of shape \(999999999999, 2\)"):
        load_weights(tmp_path / "w.csv", network())


@pytest.mark.parametrize("suffix", [".npz", ".json"])
def test_matching_activations_refuses_weights_trained_under_others(tmp_path, suffix):
    other = Network.create([2, 5, 3, 1], ["relu", "tanh", "sigmoid"], "bce", rng=1)
    save_weights(tmp_path / f"w{suffix}", other)
    net = network()
    load_weights(tmp_path / f"w{suffix}", network())  # shapes alone are fine
    with pytest.raises(WeightsError) as info:
        load_weights(tmp_path / f"w{suffix}", net, match_activations=True)
    assert str(info.value).startswith(
        f"w{suffix}: layer 1: the file's activation is relu, the network's tanh (file: relu, "
        "tanh, sigmoid; network: tanh, tanh, sigmoid)")
    assert not np.array_equal(net.weights[0], other.weights[0])


def test_matching_activations_ignores_the_loss_and_a_csv_states_none(tmp_path):
    source = Network.create([2, 5, 3, 1], ["tanh", "tanh", "sigmoid"], "mse", rng=1)
    for suffix in (".npz", ".json", ".csv"):
        save_weights(tmp_path / f"w{suffix}", source)
        net = network()
        load_weights(tmp_path / f"w{suffix}", net, match_activations=True)
        assert np.array_equal(net.weights[2], source.weights[2])


@pytest.mark.parametrize("architecture", ["{", '{"activations": "tanh"}', "[]"])
def test_a_bad_stated_architecture_is_one_clear_error(tmp_path, architecture):
    net = network()
    arrays = {f"W{l}": w for l, w in enumerate(net.weights, 1)}
    arrays |= {f"b{l}": b for l, b in enumerate(net.biases, 1)}
    np.savez(tmp_path / "w.npz", architecture=np.array(architecture), **arrays)
    with pytest.raises(WeightsError, match=r"^w\.npz: the (architecture entry is not valid "
                                           r"JSON|file's architecture does not list 3 )"):
        load_weights(tmp_path / "w.npz", network(1), match_activations=True)


def test_writes_are_atomic(tmp_path, monkeypatch):
    path = tmp_path / "w.json"
    path.write_text("old")
    net = network()
    monkeypatch.setattr(json, "dump", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        save_weights(path, net)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["w.json"]
