"""Weights-file errors are templates with fields: English as before, translatable in parts."""

import pytest

from fnnsim.engine import Network
from fnnsim.errors import Message, WeightsError, user_text
from fnnsim.io.weights import load_weights, save_weights

CATALOGUE = {
    "{file}: {problem}": "{file}：{problem}",
    "{file}: weights files are {expected}, not {found}":
        "{file}：权重文件应为 {expected}，而不是 {found}",
    "a file without a suffix": "没有扩展名的文件",
    "{name} must be a matrix": "{name} 必须是矩阵",
}


def translate(context: str, text: str) -> str:
    assert context == "Errors"
    return CATALOGUE.get(text, text)


def network(activations=("tanh", "tanh", "sigmoid")):
    return Network.create([2, 5, 3, 1], list(activations), "bce", "xavier_normal", 1.0, 0)


def test_a_file_without_a_suffix_is_named_by_a_nested_message(tmp_path):
    with pytest.raises(WeightsError) as info:
        load_weights(tmp_path / "weights", network())
    exc = info.value
    assert str(exc) == "weights: weights files are .npz, .json, .csv, not a file without a suffix"
    found = exc.message.fields["found"]
    assert isinstance(found, Message) and found.template == "a file without a suffix"
    assert user_text(exc, translate) == ("weights：权重文件应为 .npz, .json, .csv，"
                                         "而不是 没有扩展名的文件")


def test_the_file_name_wraps_the_inner_problem_which_is_translated_too(tmp_path):
    path = tmp_path / "w.json"
    path.write_text('{"format": "fnnsim-weights", "version": 1, "layers": '
                    '[{"W": [1, 2], "b": [1]}, {"W": [[1]], "b": [1]}, {"W": [[1]], "b": [1]}]}')
    with pytest.raises(WeightsError) as info:
        load_weights(path, network())
    exc = info.value
    assert str(exc) == "w.json: W1 must be a matrix"
    assert exc.message.template == "{file}: {problem}"
    inner = exc.message.fields["problem"]
    assert isinstance(inner, WeightsError) and inner.message.fields == {"name": "W1"}
    assert user_text(exc, translate) == "w.json：W1 必须是矩阵"


def test_an_activation_mismatch_keeps_both_lists_as_fields(tmp_path):
    save_weights(tmp_path / "w.npz", network(("relu", "tanh", "sigmoid")))
    with pytest.raises(WeightsError) as info:
        load_weights(tmp_path / "w.npz", network(), match_activations=True)
    inner = info.value.message.fields["problem"]
    assert str(info.value) == (
        "w.npz: layer 1: the file's activation is relu, the network's tanh (file: relu, tanh, "
        "sigmoid; network: tanh, tanh, sigmoid); set the network's activations to match, "
        "then import")
    assert inner.message.fields == {
        "layer": 1, "found": "relu", "expected": "tanh",
        "file_activations": "relu, tanh, sigmoid", "network_activations": "tanh, tanh, sigmoid"}


def test_a_csv_duplicate_names_the_parameter_row_and_column(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("layer,param,row,column,value\n1,b,2,,1\n1,b,2,,2\n")
    with pytest.raises(WeightsError) as info:
        load_weights(path, network())
    inner = info.value.message.fields["problem"]
    assert str(inner) == "line 3: b1 row 2 column - appears twice"
    assert inner.message.fields == {"line": 3, "name": "b1", "row": "2", "column": "-"}


def test_a_shape_mismatch_carries_the_shapes_as_tuples(tmp_path):
    save_weights(tmp_path / "w.json", Network.create([2, 4, 3, 1], ["tanh", "tanh", "sigmoid"],
                                                     "bce"))
    with pytest.raises(WeightsError) as info:
        load_weights(tmp_path / "w.json", network())
    inner = info.value.message.fields["problem"]
    assert str(inner) == "layer 1: the file has W1 of shape (4, 2), the network needs (5, 2)"
    assert inner.message.fields == {"layer": 1, "name": "W1", "shape": (4, 2),
                                    "needed": (5, 2)}
