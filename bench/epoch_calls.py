"""Training across epoch ends in one fast-path call vs the per-epoch loop (issue #4, item 11).

On small data sets the per-epoch loop takes the GIL back several times per epoch; in the
window the worker then waits for the GUI thread each time (fnnsim/fast/epochs.py). For each
mode, alternating, `--runs` times, each in a fresh process:
  headless   samples/s of the preset trained headless (gui_latency.headless_rate)
  window     samples/s in the real main window at full speed, as % of headless
  off-CPU    share of the worker's wall time inside TrainingWorker._train spent off the
             CPU (1 − thread_time / wall): waiting for the GIL, as this machine has
             idle CPU — the steadier number on a noisy machine
Prints each run and the medians per mode. First, the headless speeds of both modes measured
alternately in one process (medians of --runs rounds of 1 s each): the steadier ratio.

    QT_QPA_PLATFORM=offscreen python bench/epoch_calls.py [--preset spiral] [--runs 4]
        [--seconds 8]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
MODES = ("per-epoch", "fused")


def once(preset: str, mode: str, seconds: float) -> dict:
    """One measurement in this process (the --once child)."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import gui_latency

    from fnnsim.config import load_config
    from fnnsim.training import qt_controller
    from fnnsim.training.trainer import Trainer

    Trainer.fuse_epochs = mode == "fused"
    clocks = {"wall": 0.0, "cpu": 0.0}
    train = qt_controller.TrainingWorker._train

    def timed_train(self, n: int) -> int:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return train(self, n)
        finally:
            clocks["cpu"] += time.thread_time() - cpu
            clocks["wall"] += time.perf_counter() - wall

    qt_controller.TrainingWorker._train = timed_train
    config = load_config(ROOT / "resources" / "presets" / f"{preset}.json")
    config.training.epochs = 10**9
    before, engine = gui_latency.headless_rate(config, min(seconds, 5.0) / 2)
    delays, rate, _, _ = gui_latency.gui_run(config, seconds)
    after, _ = gui_latency.headless_rate(config, min(seconds, 5.0) / 2)
    headless = (before + after) / 2
    return {"mode": mode, "engine": engine, "headless": headless, "window": rate,
            "share": rate / headless, "off_cpu": 1 - clocks["cpu"] / clocks["wall"],
            "p99": gui_latency.percentile(delays, 0.99)}


def headless_ratio(preset: str, rounds: int) -> None:
    """Headless samples/s of both modes, alternating in this process, in GUI-sized calls."""
    sys.path.insert(0, str(ROOT))
    from fnnsim.config import load_config
    from fnnsim.training.experiment import build_trainer
    from fnnsim.training.trainer import Trainer

    config = load_config(ROOT / "resources" / "presets" / f"{preset}.json")
    config.training.epochs = 10**9
    trainer, _ = build_trainer(config)
    trainer.max_epochs = None
    rates: dict[str, list[float]] = {mode: [] for mode in MODES}
    chunk = 6000  # about what the window's worker trains per 10 ms call on spiral
    trainer.train_samples(chunk)
    for _ in range(rounds):
        for mode in MODES:
            Trainer.fuse_epochs = mode == "fused"
            done, started = 0, time.perf_counter()
            while time.perf_counter() - started < 1.0:
                done += len(trainer.train_samples(chunk))
            rates[mode].append(done / (time.perf_counter() - started))
    old, new = (statistics.median(rates[mode]) for mode in MODES)
    print(f"headless, {preset}, calls of {chunk} samples, medians of {rounds} alternating "
          f"rounds: per-epoch {old:,.0f}/s, fused {new:,.0f}/s (×{new / old:.2f})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="spiral")
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--once", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        print(json.dumps(once(args.preset, args.once, args.seconds)))
        return
    headless_ratio(args.preset, args.runs)
    results: dict[str, list[dict]] = {mode: [] for mode in MODES}
    for _ in range(args.runs):
        for mode in MODES:
            child = subprocess.run(
                [sys.executable, __file__, "--preset", args.preset, "--seconds",
                 str(args.seconds), "--once", mode],
                capture_output=True, text=True, check=True)
            result = json.loads(child.stdout.strip().splitlines()[-1])
            results[mode].append(result)
            print(f"{mode:9s} headless {result['headless']:9,.0f}/s  window "
                  f"{result['window']:9,.0f}/s = {result['share']:4.0%}  off-CPU "
                  f"{result['off_cpu']:4.0%}  p99 {result['p99']:.1f} ms", flush=True)
    print(f"medians of {args.runs} runs, preset {args.preset}:")
    for mode, runs in results.items():
        def median(key: str, runs: list[dict] = runs) -> float:
            return statistics.median(r[key] for r in runs)
        print(f"{mode:9s} headless {median('headless'):9,.0f}/s  window "
              f"{median('window'):9,.0f}/s = {median('share'):4.0%}  off-CPU "
              f"{median('off_cpu'):4.0%}  p99 {median('p99'):.1f} ms")


if __name__ == "__main__":
    main()
