"""The export bundle without plots (no Qt): every file, readable, and a README naming them."""

import csv
import json

import numpy as np
import pytest

from fnnsim.config import ExperimentConfig
from fnnsim.io import onnx_export
from fnnsim.io.bundle import write_bundle
from fnnsim.training.backend import ReferenceBackend
from fnnsim.training.experiment import build_trainer
from fnnsim.training.snapshot import RunSnapshot


def xor_run(epochs: int):
    """A small run of `epochs` epochs and a snapshot of it."""
    config = ExperimentConfig()
    config.data.source, config.data.n_samples = "xor", 40
    trainer, _ = build_trainer(config.validate(), backend=ReferenceBackend())
    trainer.run(epochs)
    return trainer, RunSnapshot(config, trainer.network, trainer.epochs, trainer.samples,
                                trainer.epoch, trainer.samples_seen)


def test_bundle_holds_weights_history_config_and_readme(tmp_path, monkeypatch):
    # without the onnx extra (its own test below): the bundle says why there is no .onnx
    monkeypatch.setattr(onnx_export, "require_onnx", missing_extra)
    trainer, snapshot = xor_run(2)
    written = write_bundle(tmp_path / "out", snapshot, when="now")
    names = sorted(p.name for p in written)
    assert names == sorted(["weights.npz", "weights.json", "weights.csv", "history_epochs.csv",
                            "history_samples.csv", "history_buckets.csv", "config.json",
                            "README.txt"])
    with np.load(tmp_path / "out" / "weights.npz", allow_pickle=False) as npz:
        assert np.array_equal(npz["W1"], trainer.network.weights[0])
    with open(tmp_path / "out" / "history_epochs.csv", newline="") as f:
        assert [r["epoch"] for r in csv.DictReader(f)] == ["1", "2"]
    assert json.loads((tmp_path / "out" / "config.json").read_text())["data"]["source"] == "xor"
    readme = (tmp_path / "out" / "README.txt").read_text()
    for name in names:
        if name != "README.txt":
            assert name in readme
    assert "2 epochs, 64 samples" in readme
    assert "weights.onnx\n    Not written: " + onnx_export.INSTALL_HINT in readme


def missing_extra():
    raise onnx_export.OnnxExportError(onnx_export.INSTALL_HINT)


def test_bundle_has_the_onnx_model_when_the_extra_is_installed(tmp_path):
    pytest.importorskip("onnx", reason="the onnx extra is not installed")
    ort = pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")
    trainer, snapshot = xor_run(1)
    written = write_bundle(tmp_path / "out", snapshot, when="now")
    assert tmp_path / "out" / "weights.onnx" in written
    session = ort.InferenceSession(str(tmp_path / "out" / "weights.onnx"))
    X = trainer.X[:5]
    (y,) = session.run(None, {"x": X})
    np.testing.assert_allclose(y, trainer.network.predict(X), atol=1e-12)
    assert "The network's prediction as an ONNX model" in (tmp_path / "out" / "README.txt"
                                                            ).read_text()
