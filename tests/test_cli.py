"""The headless CLI end to end: outputs, overrides, and one-line user errors with exit 2."""

import csv
import json
import subprocess
import sys

import numpy as np
import pytest

from fnnsim.cli import main
from fnnsim.config import ExperimentConfig, LayerConfig

TINY = {
    "seed": 3,
    "network": {"hidden": [{"units": 5, "activation": "tanh"},
                           {"units": 4, "activation": "relu"}]},
    "data": {"source": "xor", "n_samples": 60, "noise": 0.05},
    "training": {"epochs": 4, "learning_rate": 0.1, "engine": "reference"},
}


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(TINY))
    return path


def test_train_writes_weights_history_and_resolved_config(tiny, tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["train", str(tiny), "--out", str(out), "--epochs", "3"]) == 0
    printed = capsys.readouterr()
    assert "train loss" in printed.out and "val   loss" in printed.out
    assert "accuracy" in printed.out and "epoch 3/3" in printed.err
    with np.load(out / "weights.npz", allow_pickle=False) as npz:
        assert npz["W1"].shape == (5, 2) and npz["W2"].shape == (4, 5)
        assert npz["W3"].shape == (1, 4) and npz["b3"].shape == (1,)
        assert json.loads(str(npz["architecture"]))["layer_sizes"] == [2, 5, 4, 1]
    with open(out / "history.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["epoch"] for r in rows] == ["1", "2", "3"]
    assert {"train_loss", "val_accuracy", "delta_norm_1", "delta_norm_3", "weight_norm_2"} <= set(
        rows[0])
    resolved = ExperimentConfig.from_json((out / "config.json").read_text())
    assert resolved.training.epochs == 3 and resolved.seed == 3
    assert resolved.network.hidden == [LayerConfig(5, "tanh"), LayerConfig(4, "relu")]


def test_init_weights_start_the_run_and_seed_overrides(tiny, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["train", str(tiny), "--out", str(first), "--quiet"]) == 0
    # zero more epochs is not allowed; one more epoch from the trained weights must differ
    assert main(["train", str(tiny), "--out", str(second), "--epochs", "1", "--quiet",
                 "--init-weights", str(first / "weights.npz"), "--seed", "9"]) == 0
    resolved = json.loads((second / "config.json").read_text())
    assert resolved["seed"] == 9


@pytest.mark.parametrize(("args", "message"), [
    (["--epochs", "0"], "training.epochs must be >= 1, got 0"),
    (["--init-weights", "missing.npz"], "missing.npz: cannot read"),
])
def test_user_errors_are_one_line_with_exit_2(tiny, tmp_path, capsys, args, message):
    code = main(["train", str(tiny), "--out", str(tmp_path / "o"), *args])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "o").exists()  # nothing half-written


def test_init_weights_of_the_wrong_shape_name_the_layer(tiny, tmp_path, capsys):
    bad = tmp_path / "bad.npz"
    np.savez(bad, W1=np.zeros((5, 2)), b1=np.zeros(5), W2=np.zeros((3, 5)), b2=np.zeros(4),
             W3=np.zeros((1, 4)), b3=np.zeros(1))
    assert main(["train", str(tiny), "--out", str(tmp_path / "o"), "--init-weights",
                 str(bad)]) == 2
    assert ("bad.npz: layer 2: the file has W2 of shape (3, 5), the network needs (4, 5)"
            in capsys.readouterr().err)
    short = tmp_path / "short.npz"
    np.savez(short, W1=np.zeros((5, 2)), b1=np.zeros(5))
    assert main(["train", str(tiny), "--out", str(tmp_path / "o"), "--init-weights",
                 str(short)]) == 2
    assert "short.npz: the file has 1 layers with weights, the network 3" in (
        capsys.readouterr().err)


def test_bad_config_file(tmp_path, capsys):
    path = tmp_path / "c.json"
    path.write_text('{"trainig": {}}')
    assert main(["train", str(path), "--out", str(tmp_path / "o")]) == 2
    assert "unknown key trainig" in capsys.readouterr().err


def diverging_config(tmp_path):
    """TINY with a learning rate that makes the first epoch diverge."""
    config = dict(TINY, training={"epochs": 5, "learning_rate": 1e8, "engine": "reference"})
    config["network"] = {"hidden": [{"units": 5, "activation": "relu"}],
                         "output_activation": "linear", "loss": "mse"}
    path = tmp_path / "c.json"
    path.write_text(json.dumps(config))
    return path


def test_divergence_exits_1_and_keeps_finite_weights(tmp_path, capsys):
    path = diverging_config(tmp_path)
    assert main(["train", str(path), "--out", str(tmp_path / "o"), "--quiet"]) == 1
    assert "diverged" in capsys.readouterr().err
    with np.load(tmp_path / "o" / "weights.npz") as npz:
        assert all(np.all(np.isfinite(npz[k])) for k in npz.files if k != "architecture")


def test_python_dash_m_runs_the_cli(tiny, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "fnnsim", "train", str(tiny), "--out", str(tmp_path / "r"),
         "--epochs", "1", "--quiet"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r" / "weights.npz").exists()


def test_init_weights_trained_with_other_activations_are_refused(tiny, tmp_path, capsys):
    """As File → Import weights: relu weights would compute something else under tanh."""
    first = tmp_path / "first"
    assert main(["train", str(tiny), "--out", str(first), "--epochs", "1", "--quiet"]) == 0
    other = json.loads(tiny.read_text())
    other["network"]["hidden"][0]["activation"] = "sigmoid"
    path = tmp_path / "other.json"
    path.write_text(json.dumps(other))
    capsys.readouterr()
    assert main(["train", str(path), "--out", str(tmp_path / "o"), "--init-weights",
                 str(first / "weights.npz")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "activation" in err and not (tmp_path / "o").exists()


def test_a_fast_engine_that_cannot_load_is_a_user_error(tiny, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("FNNSIM_ENGINE", raising=False)
    monkeypatch.setitem(sys.modules, "fnnsim.fast", None)  # as if numba were not installed
    code = main(["train", str(tiny), "--out", str(tmp_path / "o"), "--engine", "fast"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and not (tmp_path / "o").exists()
    assert err.startswith("fnnsim: error: fast path unavailable (ModuleNotFoundError: ")
    assert err.endswith("); using the reference engine\n")
