"""ONNX export: onnxruntime reproduces the app's predictions for every activation and every
output/loss pair (when the extra is installed), and a clear error when it is not."""

import json
import sys

import numpy as np
import pytest

from fnnsim import __version__
from fnnsim.engine import Network
from fnnsim.engine.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from fnnsim.engine.losses import LOSSES, check_output_pair
from fnnsim.io import onnx_export
from fnnsim.io.onnx_export import INSTALL_HINT, OnnxExportError, export_onnx

SKIP_REASON = 'the ONNX extra is not installed (pip install "fnnsim[onnx]")'


@pytest.fixture
def ort():
    pytest.importorskip("onnx", reason=SKIP_REASON)
    return pytest.importorskip("onnxruntime", reason=SKIP_REASON)


def output_pairs():
    """Every (output activation, loss) the app accepts, with an output width that fits."""
    pairs = []
    for loss in LOSSES:
        for output in OUTPUT_ACTIVATIONS:
            width = 3 if output == "softmax" else 1
            if check_output_pair(loss, output, width) is None:
                pairs.append((output, loss, width))
    return pairs


def random_network(rng, output, loss, width, n_hidden):
    """Random widths, every hidden activation in turn, random (not zero) biases, weights
    large enough to reach the saturated and negative sides of each activation."""
    start = int(rng.integers(len(HIDDEN_ACTIVATIONS)))
    hidden = [HIDDEN_ACTIVATIONS[(start + i) % len(HIDDEN_ACTIVATIONS)]
              for i in range(n_hidden)]
    sizes = [int(rng.integers(1, 6)), *(int(rng.integers(1, 10)) for _ in hidden), width]
    net = Network.create(sizes, [*hidden, output], loss, "normal", 1.5, rng)
    net.set_parameters(net.weights, [rng.normal(size=b.shape) for b in net.biases])
    return net


def run_onnx(ort, path, X):
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(["y"], {"x": X})[0]


def test_every_engine_activation_has_an_onnx_form():
    assert set(onnx_export.BUILDERS) == set(ACTIVATIONS)


def test_the_pairs_cover_every_loss_and_output():
    pairs = output_pairs()
    assert {loss for _, loss, _ in pairs} == set(LOSSES)
    assert {output for output, _, _ in pairs} == set(OUTPUT_ACTIVATIONS)


@pytest.mark.parametrize("n_hidden", [0, 1, len(HIDDEN_ACTIVATIONS)])
@pytest.mark.parametrize(("output", "loss", "width"), output_pairs())
def test_onnxruntime_reproduces_the_predictions(ort, tmp_path, output, loss, width, n_hidden):
    rng = np.random.default_rng([n_hidden, *map(ord, output + loss)])
    for trial in range(3):
        net = random_network(rng, output, loss, width, n_hidden)
        path = tmp_path / f"net{trial}.onnx"
        export_onnx(path, net)
        X = rng.normal(scale=3.0, size=(64, net.layer_sizes[0]))
        X[:4] = 0.0  # a zero input: z = b exactly, and z = 0 where a bias is zeroed below
        got = run_onnx(ort, path, X)
        want = net.predict(X)
        assert got.dtype == np.float64 and got.shape == want.shape
        assert np.max(np.abs(got - want)) <= 1e-6, (net.layer_sizes, net.activations)


def test_the_kinks_match_at_exactly_zero(ort, tmp_path):
    # relu'(0) conventions do not show in a prediction, but f(0) and f just either side do
    net = Network.create([1, 3, 3, 1], ["relu", "leaky_relu", "linear"], "mse", rng=0)
    net.set_parameters([np.ones((3, 1)), np.eye(3), np.ones((1, 3))],
                       [np.zeros(3), np.array([0.0, -1e-300, 1e-300]), np.zeros(1)])
    export_onnx(tmp_path / "k.onnx", net)
    X = np.array([[0.0], [-0.0], [1e-300], [-1e-300], [-2.0], [2.0]])
    assert np.array_equal(run_onnx(ort, tmp_path / "k.onnx", X), net.predict(X))


def test_the_model_is_valid_and_names_its_architecture(ort, tmp_path):
    import onnx

    net = Network.create([2, 4, 3], ["tanh", "softmax"], "cross_entropy", rng=3)
    export_onnx(tmp_path / "m.onnx", net)
    model = onnx.load(str(tmp_path / "m.onnx"))
    onnx.checker.check_model(model, full_check=True)
    props = {p.key: p.value for p in model.metadata_props}
    assert props["fnnsim_version"] == __version__
    assert json.loads(props["architecture"]) == {
        "layer_sizes": [2, 4, 3], "activations": ["tanh", "softmax"], "loss": "cross_entropy"}
    assert "2-4-3" in model.doc_string and __version__ in model.doc_string
    assert model.producer_name == "fnnsim"
    inits = {t.name: onnx.numpy_helper.to_array(t) for t in model.graph.initializer}
    assert np.array_equal(inits["W1"], net.weights[0])  # the note's (n_l, n_(l-1)) shape
    assert np.array_equal(inits["b2"], net.biases[1])
    [x], [y] = model.graph.input, model.graph.output
    assert (x.name, y.name) == ("x", "y")
    assert x.type.tensor_type.elem_type == onnx.TensorProto.DOUBLE


def test_an_activation_without_an_onnx_form_is_one_clear_error(ort, tmp_path, monkeypatch):
    monkeypatch.delitem(onnx_export.BUILDERS, "tanh")
    net = Network.create([2, 3, 1], ["tanh", "sigmoid"], "bce", rng=0)
    with pytest.raises(OnnxExportError, match=r"^layer 1: activation 'tanh' has no ONNX form") as (
            info):
        export_onnx(tmp_path / "t.onnx", net)
    assert list(tmp_path.iterdir()) == []
    exportable = ", ".join(onnx_export.BUILDERS)  # a field of its own, for the translation
    assert str(info.value).endswith(f"; exportable: {exportable}")
    assert info.value.message.fields == {"layer": 1, "name": "tanh", "exportable": exportable}


def test_without_the_extra_the_error_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnx", None)  # `import onnx` now raises ImportError
    net = Network.create([2, 3, 1], ["tanh", "sigmoid"], "bce", rng=0)
    with pytest.raises(OnnxExportError) as info:
        export_onnx(tmp_path / "m.onnx", net)
    assert str(info.value) == INSTALL_HINT
    assert 'pip install "fnnsim[onnx]"' in str(info.value) and "\n" not in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_fnnsim_imports_without_the_extra():
    import subprocess

    code = ("import sys; sys.modules['onnx'] = None; sys.modules['onnxruntime'] = None\n"
            "import fnnsim.io.onnx_export, fnnsim.io.weights, fnnsim.cli, fnnsim.ui.exports")
    subprocess.run([sys.executable, "-c", code], check=True)
