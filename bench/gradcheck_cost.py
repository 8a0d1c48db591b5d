"""What one gradient check costs on the largest networks, and how long the worker goes
without listening to commands (fnnsim/engine/gradcheck.py).

For tanh nets of 6×256, 10×512 and 64×512 (2 inputs, sigmoid output, BCE), it prints the
time to set the check up, the number of pieces, the longest piece (the worker answers
commands — Pause, Reset, closing the window — only between pieces), the total time, and
how many parameters were compared.

    python bench/gradcheck_cost.py [--sizes 6x256,10x512,64x512]

BLAS runs on one thread, as in the app (fnnsim/cli.py sets it): with two threads on a
busy 2-core machine the 64×512 check took 5× as long (16.6 s against 3.1 s).
The machine is shared and noisy: times vary by 2× between runs.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fnnsim.engine.gradcheck import GradientChecker  # noqa: E402
from fnnsim.engine.network import Network  # noqa: E402


def tanh_net(depth: int, width: int) -> Network:
    rng = np.random.default_rng(0)
    sizes = [2] + [width] * depth + [1]
    weights = [rng.normal(0, 1 / np.sqrt(a), (b, a)) for a, b in itertools.pairwise(sizes)]
    biases = [np.zeros(b) for b in sizes[1:]]
    return Network(sizes, ["tanh"] * depth + ["sigmoid"], "bce", weights, biases)


def measure(depth: int, width: int) -> None:
    net = tanh_net(depth, width)
    started = time.perf_counter()
    checker = GradientChecker(net, np.array([0.3, -0.2]), np.array([1.0]))
    setup = time.perf_counter() - started
    pieces = []
    while not checker.finished:
        s = time.perf_counter()
        checker.run_piece()
        pieces.append(time.perf_counter() - s)
    total = time.perf_counter() - started
    checks = checker.result()
    compared = sum(c.checked + c.kinks for c in checks)
    worst = max(c.max_rel_diff for c in checks)
    ms = np.array(pieces) * 1000
    print(f"{depth:>3d}x{width:<4d} {net.n_parameters:>10,d} {setup * 1000:8.0f} ms "
          f"{len(pieces):7d} {ms.max():8.0f} ms {np.median(ms):7.1f} ms {total:8.1f} s "
          f"{compared:9,d} {worst:9.1e}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="6x256,10x512,64x512",
                        help="depth×width of the nets, comma-separated")
    args = parser.parse_args()
    print(f"{'net':>8s} {'params':>10s} {'setup':>11s} {'pieces':>7s} {'longest':>11s} "
          f"{'median':>10s} {'total':>10s} {'compared':>9s} {'max rel':>9s}")
    for size in args.sizes.split(","):
        depth, width = (int(n) for n in size.lower().split("x"))
        measure(depth, width)


if __name__ == "__main__":
    main()
