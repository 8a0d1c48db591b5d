"""What a pinned run (A) costs the live plots: drawing and painting them with and without it.

A window-less, GIL-quiet measurement (no training thread): the seven live plots, laid out
at the default window's sizes, are fed a run B in batches as the worker sends them, and
then each plot is drawn and painted without a reference and with a pinned run A of
`--a-samples` samples, interleaved (the machine is noisy; the ratio is what to compare).
A's curves are computed once per view change, so the steady cost is the painting of its
curves; the drawing when the view changes is printed apart.
gui_latency.py --reference measures the same in the real window, training.

    QT_QPA_PLATFORM=offscreen python bench/reference_plots.py [--depth 3] [--rounds 6]
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from PySide6.QtWidgets import QApplication

from fnnsim.engine.metrics import MetricBatch
from fnnsim.training.qt_controller import TrainingUpdate
from fnnsim.ui.plots import PLOT_KEYS, LivePlots
from fnnsim.ui.plots.reference import ReferenceRun

SIZES = {"loss": (640, 230), "accuracy": (640, 230), "delta_norm": (640, 230),
         "weight_norm": (245, 170), "grad_norm": (245, 170), "update_ratio": (245, 170),
         "saturation": (245, 170)}  # about the default window at 1280×800
EPOCH = 320


def batch(n: int, depth: int, start: int, rng: np.random.Generator) -> MetricBatch:
    b = MetricBatch.empty(n, depth)
    t = np.arange(start, start + n) + 1.0
    b.loss[:] = 1 / np.sqrt(t) * rng.lognormal(0, 0.5, n)
    b.grad_norm[:] = rng.lognormal(-1, 1, n)
    b.grad_norm_clipped[:] = np.minimum(b.grad_norm, 1.0)
    b.clipped[:] = b.grad_norm > 1.0
    for name in ("delta_norm", "grad_w_norm", "weight_norm", "update_ratio"):
        getattr(b, name)[:] = rng.lognormal(-np.arange(depth), 0.5, (n, depth))
    b.saturated[:] = rng.uniform(0, 1, (n, depth))
    b.dead[:] = 0.0
    return b


def feed(plots: LivePlots, samples: int, depth: int, rng, per_update: int) -> None:
    for first in range(0, samples, per_update):
        plots.add_update(TrainingUpdate(first, batch(per_update, depth, first, rng), [], 0,
                                        0, first + per_update, 0.0, [], [], "playing"))


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--a-samples", type=int, default=250_000)
    parser.add_argument("--b-samples", type=int, default=300_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    rng = np.random.default_rng(0)
    plots = LivePlots()
    widgets = plots.widgets()
    for key, widget in widgets.items():
        widget.resize(*SIZES[key])
        widget.show()
    plots.reset(args.depth, "classification", EPOCH)
    feed(plots, args.a_samples, args.depth, rng, 20_000)
    run_a = ReferenceRun(copy.deepcopy(plots.series), copy.deepcopy(plots.epochs), EPOCH,
                         args.depth, None, "A: activation tanh → relu")
    plots.reset(args.depth, "classification", EPOCH)
    feed(plots, args.b_samples, args.depth, rng, 20_000)
    paint: dict[bool, dict[str, list[float]]] = {False: {}, True: {}}
    draw: dict[bool, list[float]] = {False: [], True: []}
    first_draw: list[float] = []
    for _ in range(args.rounds):  # interleaved: the machine's speed drifts
        for with_a in (False, True):
            if with_a:
                plots.set_reference(run_a)
                first_draw += timed(plots.refresh, 1)  # A's curves computed for the view
            else:
                plots.clear_reference()
                plots.refresh()
            app.processEvents()
            draw[with_a] += timed(plots.refresh, 10)  # same view: A is not recomputed
            for key, widget in widgets.items():
                paint[with_a].setdefault(key, []).extend(
                    timed(widget.viewport().repaint, 10))

    def ms(values: list[float]) -> float:
        return 1000 * statistics.median(values)

    print(f"depth {args.depth}, A {args.a_samples:,} samples, B {args.b_samples:,} "
          f"(median ms; all {len(PLOT_KEYS)} plots at the default window's sizes)")
    print(f"{'':14s} {'paint':>13s} {'with A':>7s}")
    for key in PLOT_KEYS:
        print(f"{key:14s} {ms(paint[False][key]):13.2f} {ms(paint[True][key]):7.2f}")
    total = [sum(ms(paint[a][k]) for k in PLOT_KEYS) for a in (False, True)]
    print(f"{'all plots':14s} {total[0]:13.2f} {total[1]:7.2f}   ratio {total[1] / total[0]:.2f}")
    print(f"drawing all plots (the view unchanged): {ms(draw[False]):.2f} ms, with A "
          f"{ms(draw[True]):.2f} ms, ratio {ms(draw[True]) / ms(draw[False]):.2f}")
    print(f"drawing all plots when A's curves must be computed (a view change): "
          f"{ms(first_draw):.2f} ms")


if __name__ == "__main__":
    main()
