"""Data errors carry templates and fields, so the window can show them in Chinese.

The English text is tested with each loader; here: the parts a message is built from."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from fnnsim.data import generate, load_csv
from fnnsim.data._random import as_generator
from fnnsim.data.split import split_indices
from fnnsim.errors import DataError, Message, user_text

CATALOGUE = {
    "{where}: {problem}": "{where}：{problem}",
    "{file}, line {line}, column {column}": "{file}，第 {line} 行，{column} 列",
    "{file}, column {column}": "{file}，{column} 列",
    "not a number: {value}": "不是数字：{value}",
    "the target has a single class ({value}); classification needs at least 2":
        "目标列只有一个类别（{value}）；分类至少需要 2 个类别",
    "unknown parameter {name!r} for generator {generator!r}; valid parameters: none":
        "数据生成器 {generator!r} 没有参数 {name!r}；它没有可设置的参数",
}


def translate(context: str, text: str) -> str:
    assert context == "Errors"
    return CATALOGUE.get(text, text)


def csv_error(tmp_path: Path, text: str, **kwargs: object) -> DataError:
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_csv(path, **kwargs)  # type: ignore[arg-type]
    return info.value


def test_a_csv_problem_is_its_place_and_what_is_wrong_each_translated(tmp_path):
    exc = csv_error(tmp_path, "x,y\nabc,1\n2,0\n")
    assert str(exc) == "data.csv, line 2, column 'x': not a number: 'abc'"
    where, problem = exc.message.fields["where"], exc.message.fields["problem"]
    assert isinstance(where, Message) and isinstance(problem, Message)
    assert where.fields == {"file": "data.csv", "line": 2, "column": "'x'"}
    assert problem.fields == {"value": "'abc'"}
    assert user_text(exc, translate) == "data.csv，第 2 行，'x' 列：不是数字：'abc'"


def test_a_problem_without_a_line_names_the_file_and_column(tmp_path):
    exc = csv_error(tmp_path, "x,y\n1,a\n2,a\n")
    assert str(exc) == ("data.csv, column 'y': the target has a single class ('a'); "
                        "classification needs at least 2")
    assert user_text(exc, translate) == ("data.csv，'y' 列：目标列只有一个类别（'a'）；"
                                         "分类至少需要 2 个类别")


def test_a_problem_of_the_whole_file_is_placed_by_its_name_alone(tmp_path):
    exc = csv_error(tmp_path, "")
    assert str(exc) == "data.csv: the file is empty"
    assert exc.message.fields["where"] == "data.csv"


def test_the_missing_column_says_its_role_in_the_template(tmp_path):
    # "target"/"feature" are words of the sentence, not values: each role has its template
    exc = csv_error(tmp_path, "x,y\n1,2\n3,4\n", features=["q"])
    problem = exc.message.fields["problem"]
    assert problem.template.startswith("feature column {name}")
    assert problem.fields == {"name": "'q'", "available": "'x', 'y'"}


def test_a_generator_without_parameters_has_its_own_sentence():
    with pytest.raises(DataError) as info:
        generate("xor", 10, 0.1, 0, spread=3)
    exc = info.value
    assert str(exc) == "unknown parameter 'spread' for generator 'xor'; valid parameters: none"
    assert "valid" not in exc.message.fields  # no English "none" inside a field
    assert user_text(exc, translate) == "数据生成器 'xor' 没有参数 'spread'；它没有可设置的参数"


def test_number_checks_share_templates_with_the_name_as_a_field():
    with pytest.raises(DataError) as info:
        generate("xor", 1, 0.1, 0)
    assert info.value.message.template == "{key} must be >= {minimum:g}, got {value!r}"
    assert info.value.message.fields == {"key": "n_samples", "minimum": 2, "value": 1}
    with pytest.raises(DataError) as info:
        as_generator(np.int64(-4))
    assert str(info.value) == "seed must be >= 0, got -4"
    assert info.value.message.fields["key"] == "seed"
    ds = generate("xor", 20, 0.1, 0)
    with pytest.raises(DataError) as info:
        split_indices(ds, 0.95, 0)
    assert str(info.value) == "val_fraction must be in [0, 0.9], got 0.95"
    assert info.value.message.fields["value"] == 0.95
