"""How trustworthy and how fast the gradient check is (fnnsim/engine/gradcheck.py).

For each network (default spiral data, reference engine, trained or fresh), the first rows
of the training set are checked and it prints
  - the largest relative difference of correct backprop (THRESHOLD = 1e-6 must be far off),
  - the largest |g − ĝ| over the rounding estimate E/h (ROUNDING_MARGIN = 4 must cover it),
  - the smallest relative difference with one layer's ∂L/∂W off by 1 % (must fail),
  - the median time of one check.

    python bench/gradcheck_accuracy.py [--quick]

The machine is shared and noisy: times vary by 2× between runs; the ratios do not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fnnsim.config import ExperimentConfig, LayerConfig, load_config
from fnnsim.engine import gradcheck as gc
from fnnsim.training.backend import ReferenceBackend
from fnnsim.training.experiment import build_data, build_trainer

PRESETS = Path(__file__).resolve().parents[1] / "resources" / "presets"


def spiral(hidden, activation="tanh", **network):
    c = ExperimentConfig()
    c.network.hidden = [LayerConfig(n, activation) for n in hidden]
    c.data.source, c.data.n_samples, c.data.noise = "spiral", 400, 0.1
    c.training.learning_rate = 0.03
    for name, value in network.items():
        setattr(c.network, name, value)
    return c.validate()


def preset(name):
    return load_config(PRESETS / f"{name}.json")


CASES = [  # (name, config, samples trained first)
    ("2-8-8-1 tanh, trained", lambda: spiral((8, 8)), 15_000),
    ("6x256 tanh, fresh", lambda: spiral((256,) * 6), 0),
    ("10-layer sigmoid, fresh", lambda: preset("deep_sigmoid"), 0),
    ("10-layer sigmoid, trained", lambda: preset("deep_sigmoid"), 20_000),
    ("10-layer relu, fresh", lambda: preset("deep_relu"), 0),
    ("4x64 relu, trained", lambda: spiral((64,) * 4, "relu", initializer="he_normal"), 20_000),
    ("3x32 leaky relu, trained", lambda: spiral((32,) * 3, "leaky_relu",
                                                initializer="he_normal"), 20_000),
    ("6x64 tanh scale 5, fresh", lambda: spiral((64,) * 6, init_scale=5.0), 0),
    ("sine regression (mse), trained", lambda: preset("sine_regression"), 20_000),
    ("3-class softmax, trained", lambda: preset("spiral3_softmax"), 20_000),
    ("exploding, fresh", lambda: preset("exploding"), 0),
    ("10x512 tanh, fresh", lambda: spiral((512,) * 10), 0),
    # above gradcheck.WORK_BUDGET: 16 weights and 4 biases sampled per layer
    ("64x512 tanh, fresh", lambda: spiral((512,) * 64), 0),
]


def off_by_one_percent(layer):
    """A checker whose backprop gets ∂L/∂W of layer index `layer` 1 % too large."""
    class Off(gc.GradientChecker):
        def layer_gradients(self, k, deltas):
            grad_w, grad_b = super().layer_gradients(k, deltas)
            return (1.01 * grad_w if k == layer else grad_w), grad_b
    return Off


def measure(name, config, samples, rows):
    trainer, _ = build_trainer(config, build_data(config), backend=ReferenceBackend())
    trainer.train_samples(samples)
    net = trainer.network
    rows = min(rows, 4) if net.n_parameters > 100_000 else rows
    worst, ratio, kinks, inconclusive, times, broken = 0.0, 0.0, 0, 0, [], np.inf
    for i in range(rows):
        x, y = trainer.X[i], trainer.T[i]
        started = time.perf_counter()
        checker = gc.GradientChecker(net, x, y)
        checks = checker.run()
        times.append(time.perf_counter() - started)
        worst = max(worst, max(c.max_rel_diff for c in checks))
        kinks += sum(c.kinks for c in checks)
        inconclusive += sum(not c.conclusive for c in checks)
        rounding = checker.resolution / gc.ROUNDING_MARGIN
        for k in range(net.depth):
            for bias in (False, True):
                g, ghat = checker.compared(k, bias)
                if g.size:
                    ratio = max(ratio, float(np.max(np.abs(g - ghat))) / rounding)
        if i == 0:  # a 1 % bug in the layer with the largest gradients
            z, a = net.forward(x)
            grad_w, _ = gc.gradients(gc.backward(net, z, a, np.asarray(y, float)), a)
            layer = int(np.argmax([np.max(np.abs(g)) for g in grad_w]))

            broken = off_by_one_percent(layer)(net, x, y).run()[layer].max_rel_diff
    print(f"{name:32s} {net.n_parameters:>9,d} {worst:9.1e} {ratio:8.2f} {broken:10.1e} "
          f"{kinks:6d} {inconclusive:5d} {statistics.median(times) * 1000:8.0f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 rows per network, not 20")
    parser.add_argument("--only", default="", help="the networks whose name has this")
    args = parser.parse_args()
    print(f"{'network':32s} {'params':>9s} {'max rel':>9s} {'err·h/E':>8s} {'1 % bug':>10s} "
          f"{'kinks':>6s} {'incon':>5s} {'time':>11s}")
    for name, config, samples in CASES:
        if args.only not in name:
            continue
        measure(name, config(), samples, 5 if args.quick else 20)


if __name__ == "__main__":
    main()
