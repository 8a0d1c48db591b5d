"""GUI event-loop latency while training at full speed with every plot redrawing.

A 10 ms QTimer in the GUI thread records how late each tick fires while the real main
window trains (worker thread) and redraws its plots and decision boundary on every
update. Prints p50/p99/max delay and the training speed, as a ratio to the same engine
training headless in this process (the machine is noisy; the ratio is what to compare).

    QT_QPA_PLATFORM=offscreen python bench/gui_latency.py [--seconds 10] [--preset NAME]

Target (issue #4): p99 <= 16 ms at >= 80 % of the headless speed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402

from fnnsim.config import load_config  # noqa: E402
from fnnsim.training.experiment import build_trainer  # noqa: E402
from fnnsim.ui.app import make_application  # noqa: E402


def headless_rate(config, seconds: float) -> tuple[float, str]:
    """Samples/s of the same config trained headless in this process, in big chunks."""
    trainer, _ = build_trainer(config)
    trainer.max_epochs = None
    trainer.train_samples(2000)  # warm up (compile/cache load)
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        done += len(trainer.train_samples(20_000))
    return done / (time.perf_counter() - started), trainer.backend.name


def gui_run(config, seconds: float) -> tuple[list[float], float, int]:
    """Tick delays (ms) while the window trains at full speed; samples/s; updates seen."""
    from fnnsim.ui.main_window import MainWindow

    app = make_application()
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(config, settings)
    window.show()
    window.actions_.speed.setCurrentIndex(0)  # full speed
    for _ in range(20):
        app.processEvents()
    counts = {"updates": 0, "samples": 0}
    window.controller.updated.connect(lambda u: counts.__setitem__("updates",
                                                                   counts["updates"] + 1))
    delays: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        delays.append(max(0.0, (now - last[0]) * 1000 - 10.0))
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)
    window.actions_.play.setChecked(True)
    for _ in range(50):  # let the worker reach full speed before measuring
        app.processEvents()
        time.sleep(0.01)
    start_samples = window.controller.worker.trainer.samples_seen
    started = time.perf_counter()
    last[0] = started
    timer.start()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    timer.stop()
    elapsed = time.perf_counter() - started
    samples = window.controller.worker.trainer.samples_seen - start_samples
    window.close()
    return delays, samples / elapsed, counts["updates"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--preset", default="spiral")
    args = parser.parse_args()
    config = load_config(ROOT / "resources" / "presets" / f"{args.preset}.json")
    config.training.epochs = 10**9
    headless, engine = headless_rate(config, min(args.seconds, 5.0))
    delays, rate, updates = gui_run(config, args.seconds)
    print(f"preset {args.preset}, engine {engine}, {args.seconds:.0f} s with every plot "
          f"redrawing ({updates} updates, {updates / args.seconds:.0f}/s)")
    print(f"event-loop delay of a 10 ms timer: p50 {statistics.median(delays):.1f} ms, "
          f"p99 {percentile(delays, 0.99):.1f} ms, max {max(delays):.1f} ms "
          f"({len(delays)} ticks)")
    print(f"training: {rate:,.0f} samples/s in the window vs {headless:,.0f} headless "
          f"= {rate / headless:.0%}")


if __name__ == "__main__":
    main()
