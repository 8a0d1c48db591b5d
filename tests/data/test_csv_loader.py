"""CSV loading: good files of every kind, and one clear DataError for every bad one."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from fnnsim.data import load_csv, read_csv_header
from fnnsim.errors import DataError


def write(tmp_path: Path, text: str | bytes, name: str = "data.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def error_of(path: Path, **kwargs: object) -> str:
    """The message of the DataError that load_csv raises; it must be one line."""
    with pytest.raises(DataError) as info:
        load_csv(path, **kwargs)  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# ---------------------------------------------------------------- good files


def test_integer_labels_are_sorted_numerically(tmp_path: Path) -> None:
    path = write(tmp_path, "x1,x2,label\n0.5,1,10\n-1,2e-1,2\n3,4,1\n5,6,10\n")
    ds = load_csv(path)
    assert ds.task == "classification" and ds.name == "data.csv"
    assert ds.feature_names == ("x1", "x2") and ds.target_names == ("label",)
    assert ds.class_names == ("1", "2", "10")
    assert ds.y.tolist() == [2, 1, 0, 2] and ds.y.dtype == np.int64
    np.testing.assert_array_equal(ds.X, [[0.5, 1], [-1, 0.2], [3, 4], [5, 6]])
    assert ds.X.dtype == np.float64 and ds.X.flags.c_contiguous


def test_integer_valued_floats_are_integer_labels(tmp_path: Path) -> None:
    ds = load_csv(write(tmp_path, "x,y\n1,1.0\n2,0.0\n3,-1\n"))
    assert ds.class_names == ("-1", "0", "1") and ds.y.tolist() == [2, 1, 0]


def test_string_labels_keep_their_text(tmp_path: Path) -> None:
    text = "a,b,species\n1,2,versicolor\n3,4,setosa\n5,6,virginica\n7,8,setosa\n"
    ds = load_csv(write(tmp_path, text))
    assert ds.class_names == ("setosa", "versicolor", "virginica")
    assert ds.y.tolist() == [1, 0, 2, 0] and ds.n_classes == 3


def test_regression_target_by_auto(tmp_path: Path) -> None:
    ds = load_csv(write(tmp_path, "x,y\n1,0.5\n2,1.5\n3,-2\n"))
    assert ds.task == "regression" and ds.class_names == ()
    assert ds.y.shape == (3, 1) and ds.y[:, 0].tolist() == [0.5, 1.5, -2.0]


def test_many_distinct_integers_are_regression_under_auto(tmp_path: Path) -> None:
    rows = "".join(f"{i},{i * 3}\n" for i in range(21))
    assert load_csv(write(tmp_path, "x,y\n" + rows)).task == "regression"
    rows20 = "".join(f"{i},{i * 3}\n" for i in range(20))
    assert load_csv(write(tmp_path, "x,y\n" + rows20)).task == "classification"


def test_explicit_task_overrides_auto(tmp_path: Path) -> None:
    path = write(tmp_path, "x,y\n1,0\n2,1\n3,1\n")
    reg = load_csv(path, task="regression")
    assert reg.task == "regression" and reg.y[:, 0].tolist() == [0.0, 1.0, 1.0]
    rows = "".join(f"{i},{i}\n" for i in range(30))
    many = load_csv(write(tmp_path, "x,y\n" + rows), task="classification")
    assert many.n_classes == 30


def test_feature_and_target_selection(tmp_path: Path) -> None:
    path = write(tmp_path, "id,x1,label,x2,x3\n1,0.1,a,0.2,0.3\n2,1.1,b,1.2,1.3\n")
    ds = load_csv(path, target="label", features=["x3", "x1"])
    assert ds.feature_names == ("x3", "x1") and ds.target_names == ("label",)
    np.testing.assert_array_equal(ds.X, [[0.3, 0.1], [1.3, 1.1]])
    everything = load_csv(path, target="label")
    assert everything.feature_names == ("id", "x1", "x2", "x3")


def test_bom_quotes_whitespace_blank_lines_and_crlf(tmp_path: Path) -> None:
    text = (
        '\ufeff "x 1" , x2 ,"kind, long"\r\n'
        '\r\n'
        ' 1.5 , "2" ,"big, red"\r\n'
        ',,\r\n'
        '3,4, small \r\n'
    )
    ds = load_csv(write(tmp_path, text))
    assert ds.feature_names == ("x 1", "x2") and ds.target_names == ("kind, long",)
    assert ds.class_names == ("big, red", "small")
    np.testing.assert_array_equal(ds.X, [[1.5, 2.0], [3.0, 4.0]])


def test_unicode_names(tmp_path: Path) -> None:
    ds = load_csv(write(tmp_path, "长度,宽度,类别\n1,2,猫\n3,4,狗\n", name="动物.csv"))
    assert ds.feature_names == ("长度", "宽度") and ds.name == "动物.csv"
    assert set(ds.class_names) == {"猫", "狗"}


def test_read_csv_header(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeff x1 ,x2, y\n1,2,3\n")
    assert read_csv_header(path) == ["x1", "x2", "y"]
    assert read_csv_header(write(tmp_path, "a,b\n", name="h.csv")) == ["a", "b"]
    with pytest.raises(DataError, match=r"h2\.csv, line 1, column 'a': duplicate"):
        read_csv_header(write(tmp_path, "a,a\n", name="h2.csv"))


# ---------------------------------------------------------------- bad files


def test_missing_file(tmp_path: Path) -> None:
    message = error_of(tmp_path / "absent.csv")
    assert "absent.csv" in message and "file not found" in message


def test_folder_instead_of_file(tmp_path: Path) -> None:
    assert "is a folder" in error_of(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, b"x,y\n1,0\ncaf\xe9,1\n")
    assert error_of(path) == "data.csv, line 3: not valid UTF-8 (byte 0xe9); save the file as UTF-8"


def test_not_utf8_after_bom(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbfx,y\n\xff,0\n")
    assert error_of(path).startswith("data.csv, line 2: not valid UTF-8 (byte 0xff)")


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\ufeff"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    assert error_of(write(tmp_path, text)) == "data.csv: the file is empty"


def test_header_only(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "x1,x2,y\n\n"))
    assert message == "data.csv, line 1: no data rows after the header"


def test_one_data_row(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "x,y\n\n1,2\n"))
    assert message == "data.csv, line 3: only 1 data row; at least 2 are needed"


def test_duplicate_column_name(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "x,y, x\n1,2,3\n"))
    assert message == "data.csv, line 1, column 'x': duplicate column name in the header"


def test_empty_column_name(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "\nx,,y\n1,2,3\n"))
    assert message == "data.csv, line 2: column 2 of the header has no name"


def test_single_column(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "x;y\n1;2\n"))
    assert message.startswith("data.csv, line 1: the header has 1 column ('x;y')")
    assert "comma-separated" in message


@pytest.mark.parametrize(("row", "found"), [("1,2", 2), ("1,2,3,4", 4)])
def test_ragged_row(tmp_path: Path, row: str, found: int) -> None:
    message = error_of(write(tmp_path, f"x1,x2,y\n1,2,0\n\n{row}\n"))
    assert message == f"data.csv, line 4: expected 3 cells (one per header column), found {found}"


def test_non_numeric_feature(tmp_path: Path) -> None:
    path = write(tmp_path, "x1,x2,y\n1,2,0\n1,2,1\n1,2,0\n1,2,1\n1,2,0\n1,abc,1\n")
    assert error_of(path) == "data.csv, line 7, column 'x2': not a number: 'abc'"


def test_long_bad_value_is_shortened(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "x,y\n" + "z" * 500 + ",1\n2,0\n"))
    assert message.startswith("data.csv, line 2, column 'x': not a number: 'zzz")
    assert len(message) < 120


@pytest.mark.parametrize(
    ("cell", "problem"),
    [("nan", "not a finite number: 'nan'"), ("-inf", "not a finite number: '-inf'"),
     ("", "empty cell"), ("  ", "empty cell")],
)
def test_bad_feature_cell(tmp_path: Path, cell: str, problem: str) -> None:
    path = write(tmp_path, f"x1,x2,y\n1,2,0\n{cell},2,1\n")
    assert error_of(path) == f"data.csv, line 3, column 'x1': {problem}"


@pytest.mark.parametrize(
    ("cell", "problem"),
    [("NaN", "not a finite number: 'NaN'"), ("inf", "not a finite number: 'inf'"),
     ("", "empty cell"), ("n/a", "not a number: 'n/a'; a regression target must be numeric")],
)
def test_bad_regression_target(tmp_path: Path, cell: str, problem: str) -> None:
    path = write(tmp_path, f"x,t\n1,0.5\n2,1.5\n3,{cell}\n")
    assert error_of(path, task="regression") == f"data.csv, line 4, column 't': {problem}"


def test_missing_value_in_auto_numeric_target(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "x,t\n1,0.5\n2,nan\n3,1\n"))
    assert message == "data.csv, line 3, column 't': not a finite number: 'nan'"


def test_empty_label(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "x,t\n1,a\n2,b\n3,\n"), task="classification")
    assert message == "data.csv, line 4, column 't': empty cell"


def test_target_not_in_header(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "x1,x2,y\n1,2,0\n3,4,1\n"), target="label")
    assert message == ("data.csv, line 1: target column 'label' is not in the header; "
                       "available columns: 'x1', 'x2', 'y'")


def test_feature_not_in_header(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "x1,x2,y\n1,2,0\n3,4,1\n"), features=["x1", "x9"])
    assert message.startswith("data.csv, line 1: feature column 'x9' is not in the header")
    assert "'x1', 'x2', 'y'" in message


def test_bad_feature_selections(tmp_path: Path) -> None:
    path = write(tmp_path, "x1,x2,y\n1,2,0\n3,4,1\n")
    assert error_of(path, features=["x1", "y"]) == (
        "data.csv, line 1, column 'y': the target column cannot also be a feature")
    assert error_of(path, features=["x2", "x2"]) == (
        "data.csv, line 1, column 'x2': feature column selected twice")
    assert "no feature columns" in error_of(path, features=[])
    assert "not the string" in error_of(path, features="x1")


def test_single_class(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "x,kind\n1,cat\n2,cat\n3,cat\n"))
    assert message == ("data.csv, column 'kind': the target has a single class ('cat'); "
                       "classification needs at least 2")


def test_classification_with_fractional_labels(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "x,y\n1,0\n2,1\n3,0.5\n"), task="classification")
    assert message.startswith("data.csv, line 4, column 'y': class labels must be integers")
    assert "'0.5'" in message and "regression" in message


def test_regression_with_text_target(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "x,y\n1,0.5\n2,high\n"), task="regression")
    assert message.startswith("data.csv, line 3, column 'y': not a number: 'high'")


def test_bad_task_value(tmp_path: Path) -> None:
    assert "task must be one of auto" in error_of(write(tmp_path, "x,y\n1,2\n3,4\n"), task="cls")


def test_line_numbers_count_quoted_line_breaks(tmp_path: Path) -> None:
    path = write(tmp_path, 'x,y\n1,"two\nlines"\n2,b\nzz,c\n')
    assert error_of(path) == "data.csv, line 5, column 'x': not a number: 'zz'"


def test_unparsable_csv(tmp_path: Path) -> None:
    path = write(tmp_path, 'x,y\n1,a\n2,"' + "q" * 200_000 + '"\n')
    assert error_of(path).startswith("data.csv, line 3: cannot parse the CSV: field larger")
