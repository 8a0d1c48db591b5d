"""Per-sample SGD speed: textbook NumPy vs the reference engine vs the compiled fast path.

Three networks, each trained with L2 (λ = 1e-4), global-norm clipping (θ = 1) and every
per-sample metric recorded, on seeded random data:
    A  2-16-16-1       tanh hidden, sigmoid + bce
    B  2-(32×10)-1     ten sigmoid hidden layers of 32, sigmoid + bce
    C  784-128-64-10   relu hidden, softmax + cross_entropy
(a) a textbook NumPy loop written here (np.outer, fresh arrays each step, metrics computed
naively), (b) the project's ReferenceBackend, (c) FastBackend in chunks of 4096 samples —
all in this process, medians of repeats. Then the fast path's growth with depth and width.

    python bench/engine.py [--quick]

Targets (issue #3, one core of this 2-core machine): A ≥ 1.0 M/s, B ≥ 130 k/s, C ≥ 30 k/s.
The machine is shared and noisy: rerun if a number looks off; ratios are steadier.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path

# One core for everyone: multithreaded BLAS turns the reference's big dot products into
# thread hand-offs that crawl when the other core is busy (784-128-64-10: ×8 slower).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fnnsim.engine import MetricBatch, Network, SGDSettings  # noqa: E402
from fnnsim.training.backend import ReferenceBackend  # noqa: E402

SETTINGS = SGDSettings(learning_rate=0.05, l2=1e-4, clip_mode="global_norm", clip_threshold=1.0)
CHUNK = 4096
NETS = {
    "A": ("2-16-16-1", [2, 16, 16, 1], ["tanh", "tanh", "sigmoid"], "bce"),
    "B": ("2-(32×10)-1", [2] + [32] * 10 + [1], ["sigmoid"] * 11, "bce"),
    "C": ("784-128-64-10", [784, 128, 64, 10], ["relu", "relu", "softmax"], "cross_entropy"),
}
TARGETS = {"A": 1.0e6, "B": 130e3, "C": 30e3}


# ---- (a) the textbook loop ------------------------------------------------------------
def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


FORWARD = {"sigmoid": _sigmoid, "tanh": np.tanh, "relu": lambda z: np.maximum(z, 0.0),
           "softmax": lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()}
DERIVATIVE = {"sigmoid": lambda z, a: a * (1 - a), "tanh": lambda z, a: 1 - a * a,
              "relu": lambda z, a: (z > 0).astype(float)}


def textbook_run(net: Network, X, T, order, s: SGDSettings, out: MetricBatch, start=0) -> int:
    """Algorithm 4.1 as a textbook writes it: lists of fresh arrays, np.outer, norms of
    the full matrices. Same math and metrics as the engine."""
    W, b, acts = list(net.weights), list(net.biases), net.activations
    for i, n in enumerate(order):
        x, y, r = X[n], T[n], start + i
        zs, a = [], [x]
        for Wl, bl, f in zip(W, b, acts, strict=True):
            zs.append(Wl @ a[-1] + bl)
            a.append(FORWARD[f](zs[-1]))
        if net.loss == "bce":
            loss = np.sum(np.logaddexp(0.0, zs[-1]) - y * zs[-1])
        else:
            m = zs[-1].max()
            loss = (m + np.log(np.sum(np.exp(zs[-1] - m)))) * y.sum() - y @ zs[-1]
        deltas = [a[-1] - y]
        for l in range(len(W) - 1, 0, -1):  # (4.60)
            deltas.insert(0, DERIVATIVE[acts[l - 1]](zs[l - 1], a[l]) * (W[l].T @ deltas[0]))
        gW = [np.outer(d, ap) for d, ap in zip(deltas, a[:-1], strict=True)]  # (4.62)
        gb = [d.copy() for d in deltas]  # (4.63)
        gW_norms = [np.linalg.norm(g) for g in gW]
        norm = math.sqrt(sum(np.sum(g * g) for g in gW + gb))
        scale = s.clip_threshold / norm if norm > s.clip_threshold else 1.0
        gW, gb = [g * scale for g in gW], [g * scale for g in gb]
        new_W = [Wl - s.learning_rate * (g + s.l2 * Wl) for Wl, g in zip(W, gW, strict=True)]
        new_b = [bl - s.learning_rate * g for bl, g in zip(b, gb, strict=True)]
        if not (np.isfinite(loss) and all(np.isfinite(p).all() for p in new_W + new_b)):
            break
        out.loss[r], out.grad_norm[r], out.clipped[r] = loss, norm, float(scale != 1.0)
        out.grad_norm_clipped[r] = math.sqrt(sum(np.sum(g * g) for g in gW + gb))
        for l, f in enumerate(acts):
            out.delta_norm[r, l] = np.linalg.norm(deltas[l])
            out.grad_w_norm[r, l] = gW_norms[l]
            out.weight_norm[r, l] = np.linalg.norm(new_W[l])
            out.update_ratio[r, l] = np.linalg.norm(new_W[l] - W[l]) / np.linalg.norm(W[l])
            if f in ("sigmoid", "tanh"):
                slope = DERIVATIVE[f](zs[l], a[l + 1])
                out.saturated[r, l] = np.mean(slope < 0.01 * (0.25 if f == "sigmoid" else 1.0))
            out.dead[r, l] = np.mean(zs[l] <= 0) if f == "relu" else 0.0
        W, b = new_W, new_b
    else:
        i = len(order)
    net.weights, net.biases = W, b
    return i


# ---- timing ------------------------------------------------------------------------------
def problem(key: str, n_data: int = 2000, seed: int = 0):
    _, sizes, acts, loss = NETS[key]
    return problem_for(sizes, acts, loss, n_data, seed)


def problem_for(sizes, acts, loss, n_data=2000, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_data, sizes[0]))
    k = sizes[-1]
    T = np.eye(k)[rng.integers(0, k, n_data)] if k > 1 else rng.integers(0, 2, (n_data, 1)) * 1.0
    return Network.create(sizes, acts, loss, rng=seed), X, T, rng


def run_chunked(backend_run, net, X, T, order, out) -> int:
    done = 0
    for at in range(0, len(order), CHUNK):
        done += backend_run(net, X, T, order[at:at + CHUNK], SETTINGS, out, at)
    return done


def rates(runs, net0, X, T, rng, seconds: float, repeats: int) -> list[float]:
    """Median samples/s of each run over `repeats` rounds of about `seconds` each, from the
    same weights; the implementations take turns, so they share the machine's ups and downs.
    """

    def once(run, n: int) -> float:
        order = np.concatenate([rng.permutation(len(X)) for _ in range(-(-n // len(X)))])[:n]
        net, out = net0.copy(), MetricBatch.empty(n, net0.depth)
        began = time.perf_counter()
        done = run_chunked(run, net, X, T, order, out)
        elapsed = time.perf_counter() - began
        assert done == n, f"diverged after {done} samples"
        return n / elapsed

    sizes = [max(50, int(once(run, 50) * seconds)) for run in runs]
    measured: list[list[float]] = [[] for _ in runs]
    for _ in range(repeats):
        for run, n, results in zip(runs, sizes, measured, strict=True):
            results.append(once(run, n))
    return [statistics.median(results) for results in measured]


def agreement(net0, X, T, runs) -> float:
    """Largest relative weight difference after 200 samples between the implementations."""
    order = np.arange(200) % len(X)
    finals = []
    for run in runs:
        net = net0.copy()
        run_chunked(run, net, X, T, order, MetricBatch.empty(200, net.depth))
        finals.append(np.concatenate([w.ravel() for w in net.weights + net.biases]))
    return max(float(np.max(np.abs(f - finals[-1])) / np.max(np.abs(finals[-1])))
               for f in finals)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short runs, 3 repeats")
    args = parser.parse_args(argv)
    seconds, repeats = (0.05, 3) if args.quick else (0.3, 7)

    from fnnsim.fast import load_fast_backend
    from fnnsim.fast.jit import FASTMATH

    began = time.perf_counter()
    fast = load_fast_backend()
    import numba

    print(f"load_fast_backend(): {time.perf_counter() - began:.2f} s in this process; "
          f"numba {numba.__version__}, fastmath {sorted(FASTMATH)}")
    print(f"settings: {SETTINGS}; fast path in chunks of {CHUNK}; "
          f"median of {repeats} runs of ~{seconds} s; "
          f"OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}\n")
    implementations = [("textbook NumPy", textbook_run), ("reference", ReferenceBackend().run),
                       ("fast", fast.run)]
    print(f"{'net':<17}{'(a) textbook NumPy':>20}{'(b) reference':>24}{'(c) fast':>26}"
          f"{'target':>12}   weights agree to")
    for key, (label, *_) in NETS.items():
        net0, X, T, rng = problem(key)
        speeds = rates([run for _, run in implementations], net0, X, T, rng, seconds, repeats)
        cells = f"{speeds[0]:>18,.0f}/s" + "".join(
            f"{r:>14,.0f}/s (×{r / speeds[0]:<5.3g})" for r in speeds[1:]
        )
        diff = agreement(net0, X, T, [run for _, run in implementations])
        verdict = "ok   " if speeds[-1] >= TARGETS[key] else "BELOW"
        print(f"{key} {label:<15}{cells}{TARGETS[key]:>10,.0f} {verdict} {diff:.0e}")
    print("\nfast path, growth with depth (hidden layers of 16 tanh; 2 inputs, sigmoid + bce)")
    for depth in (1, 2, 5, 10, 20, 30):
        sizes, acts = [2] + [16] * depth + [1], ["tanh"] * depth + ["sigmoid"]
        net0, X, T, rng = problem_for(sizes, acts, "bce")
        (r,) = rates([fast.run], net0, X, T, rng, seconds, repeats)
        print(f"  {depth:>3} hidden  {r:>12,.0f} samples/s  {r * net0.n_parameters / 1e9:6.2f} "
              f"G parameter-updates/s")
    print("fast path, growth with width (2 hidden tanh layers; 2 inputs, sigmoid + bce)")
    for width in (4, 16, 64, 256, 512):
        sizes, acts = [2, width, width, 1], ["tanh", "tanh", "sigmoid"]
        net0, X, T, rng = problem_for(sizes, acts, "bce")
        (r,) = rates([fast.run], net0, X, T, rng, seconds, repeats)
        print(f"  {width:>3} wide    {r:>12,.0f} samples/s  {r * net0.n_parameters / 1e9:6.2f} "
              f"G parameter-updates/s")


if __name__ == "__main__":
    main()
